import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community, DEMO_NOW } from './data.ts';

const meta: Meta = {
  title: 'Elements/wg-grid-stats',
  component: 'wg-grid-stats',
  render: (args) => html`<div style="display:grid;grid-template-columns:1fr 32rem;gap:1rem">
    <wg-map id="stats-map" style="height:480px" lang=${args.lang ?? 'zh-CN'}>
      <wg-grid-layer list-hidden .data=${community.grids} .units=${community.units}></wg-grid-layer>
      <wg-issue-layer now=${DEMO_NOW} stages="reported,assigned,handling,verifying" .data=${community.issues}></wg-issue-layer>
      <wg-station-layer .data=${community.stations} .units=${community.units} coverage coverage-radius="300"></wg-station-layer>
    </wg-map>
    <wg-grid-stats for="stats-map" lang=${args.lang ?? 'zh-CN'}></wg-grid-stats>
  </div>`,
};
export default meta;
type Story = StoryObj;

/** Households, care, open and overdue issues, stations, coverage and workload per grid; click a row or a grid. */
export const BesideTheMap: Story = {};

/** In English. */
export const English: Story = { args: { lang: 'en' } };
