import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community, DEMO_NOW } from './data.ts';

const meta: Meta = {
  title: 'Elements/wg-legend',
  component: 'wg-legend',
  render: (args) => html`<wg-map style="height:480px" lang=${args.lang ?? 'zh-CN'}>
    <wg-grid-layer list-hidden fill=${args.aggregate ? 'none' : 'band'} .data=${community.grids} .units=${community.units}></wg-grid-layer>
    <wg-issue-layer
      now=${DEMO_NOW}
      aggregate=${args.aggregate ? 'grid' : 'none'}
      stages="reported,assigned,handling,verifying"
      .data=${community.issues}
    ></wg-issue-layer>
    <wg-station-layer .data=${community.stations} .units=${community.units} ?coverage=${args.aggregate}></wg-station-layer>
    <wg-legend></wg-legend>
  </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** Built from the active layers: the household band, issue stages, stations. */
export const BandAndStages: Story = {};

/** With issue load per grid and station coverage. */
export const IssueLoad: Story = { args: { aggregate: true } };

/** In English. */
export const English: Story = { args: { lang: 'en' } };
