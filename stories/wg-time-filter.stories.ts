import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community, DEMO_NOW } from './data.ts';

const meta: Meta = {
  title: 'Elements/wg-time-filter',
  component: 'wg-time-filter',
  render: () => html`<wg-map style="height:440px">
      <wg-grid-layer list-hidden .data=${community.grids}></wg-grid-layer>
      <wg-issue-layer id="timeline-issues" mode="heatmap" now=${DEMO_NOW} .data=${community.issues}></wg-issue-layer>
    </wg-map>
    <wg-time-filter for="timeline-issues"></wg-time-filter>`,
};
export default meta;
type Story = StoryObj;

/** Steps or plays the issue heatmap month by month. */
export const MonthByMonth: Story = {};
