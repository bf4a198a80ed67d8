import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community } from './data.ts';

const meta: Meta = {
  title: 'Elements/wg-station-layer',
  component: 'wg-station-layer',
  render: (args) => html`<wg-map style="height:480px">
    <wg-grid-layer list-hidden .data=${community.grids}></wg-grid-layer>
    <wg-station-layer ?list-open=${args.listOpen} .data=${community.stations}></wg-station-layer>
  </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** The party-mass service center (党) and its posts (驿) and social-work station (社), without a sprite server. */
export const Stations: Story = {};

/** With the station list open: Enter on a station opens its popup. */
export const WithList: Story = { args: { listOpen: true } };
