import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community, DEMO_NOW } from './data.ts';

const meta: Meta = {
  title: 'Elements/wg-issue-layer',
  component: 'wg-issue-layer',
  args: { mode: 'points', stages: 'reported,assigned,handling,verifying', categories: '' },
  argTypes: { mode: { control: 'inline-radio', options: ['points', 'clusters', 'heatmap'] } },
  render: (args) => html`<wg-map style="height:480px">
    <wg-grid-layer list-hidden .data=${community.grids}></wg-grid-layer>
    <wg-issue-layer
      mode=${args.mode}
      stages=${args.stages}
      categories=${args.categories}
      now=${DEMO_NOW}
      .data=${community.issues}
    ></wg-issue-layer>
  </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** Open issues coloured by stage; overdue ones have a dark ring. */
export const OpenIssues: Story = {};

/** All issues of the year, clustered. */
export const Clusters: Story = { args: { mode: 'clusters', stages: '' } };

/** A heatmap of every issue of the year. */
export const Heatmap: Story = { args: { mode: 'heatmap', stages: '' } };

/** Only e-bike cables hung from windows (飞线充电). */
export const OneCategory: Story = { args: { categories: '飞线充电', stages: '' } };
