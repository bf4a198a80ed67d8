import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community, DEMO_NOW } from './data.ts';
import { generateTracks } from '../demo/data/tracks.ts';

// Six months of the demo community's patrols (as on the demo's overview page).
const tracks = generateTracks(community.grids, community.units, { end: DEMO_NOW, days: 183 });
const LIMITS = 'ebike-cable:48,sewer:48,stairwell-clutter:72,street-light:120,noise:48';

const meta: Meta = {
  title: 'Elements/wg-assessment',
  component: 'wg-assessment',
  args: { lang: 'zh-CN', by: 'grid', months: 6, weights: 'handled:1,onTime:1,patrol:1,care:1' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    by: { control: 'inline-radio', options: ['grid', 'worker'] },
  },
  render: (args) =>
    html`<div style="display:grid;grid-template-columns:1fr 40rem;gap:1rem">
      <wg-map id="assessment-map" style="height:520px" lang=${args.lang}>
        <wg-grid-layer list-hidden .data=${community.grids} .units=${community.units}></wg-grid-layer>
        <wg-issue-layer now=${DEMO_NOW} limits=${LIMITS} .data=${community.issues}></wg-issue-layer>
        <wg-track-layer
          now=${DEMO_NOW}
          from="2026-10-01"
          .units=${community.units}
          .data=${tracks}
        ></wg-track-layer>
      </wg-map>
      <wg-assessment
        for="assessment-map"
        now=${DEMO_NOW}
        lang=${args.lang}
        by=${args.by}
        months=${args.months}
        weights=${args.weights}
      ></wg-assessment>
    </div>`,
};
export default meta;
type Story = StoryObj;

/** Six months per grid: score and its monthly trend, handled, on time, patrolled, care visited; click a row. */
export const PerGrid: Story = {};

/** One row per worker (the sums of the worker's grids). */
export const PerWorker: Story = { args: { by: 'worker' } };

/** On time counts three times as much; patrol coverage is left out. */
export const OwnWeights: Story = { args: { weights: 'handled:1,onTime:3,patrol:0,care:1' } };

/** In English. */
export const English: Story = { args: { lang: 'en' } };
