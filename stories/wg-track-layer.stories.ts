import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community } from './data.ts';

// Each grid's worker walks a loop through their grid every day of a week (a fix every 20 s).
const t0 = Date.parse('2026-10-05T09:00:00+08:00');
const tracks = {
  type: 'FeatureCollection' as const,
  features: community.grids.features.flatMap((grid, g) =>
    g === 2
      ? [] // one grid nobody walked: it is outlined as stale
      : Array.from({ length: 5 }, (_, d) => {
          const ring = (
            grid.geometry.type === 'Polygon'
              ? grid.geometry.coordinates[0]!
              : grid.geometry.coordinates[0]![0]!
          ) as number[][];
          const cx = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
          const cy = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
          const coordinates = Array.from({ length: 120 }, (_, k) => {
            const a = (2 * Math.PI * k) / 120;
            return [cx + 0.0012 * Math.cos(a) * (0.6 + 0.1 * d), cy + 0.001 * Math.sin(a) * (0.6 + 0.1 * d)];
          });
          return {
            type: 'Feature' as const,
            properties: {
              worker: String(grid.properties.worker ?? grid.properties.id),
              coordTimes: coordinates.map((_, k) => t0 + d * 86_400_000 + k * 20_000),
            },
            geometry: { type: 'LineString' as const, coordinates },
          };
        }),
  ),
};

const meta: Meta = {
  title: 'Elements/wg-track-layer',
  component: 'wg-track-layer',
  args: { lang: 'zh-CN', radius: 30, staleDays: 7 },
  argTypes: { lang: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  render: (args) =>
    html`<wg-map style="height:560px" lang=${args.lang}>
      <wg-grid-layer .data=${community.grids} .units=${community.units}></wg-grid-layer>
      <wg-track-layer
        to="2026-10-10T00:00:00+08:00"
        radius=${args.radius}
        stale-days=${args.staleDays}
        .units=${community.units}
        .data=${tracks}
      ></wg-track-layer>
      <wg-legend></wg-legend>
    </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** A week of patrols: one colour per worker; the grid nobody walked is outlined as stale. */
export const AWeekOfPatrols: Story = {};

/** A wider radius: more buildings count as walked past (see `coverage`). */
export const WiderRadius: Story = { args: { radius: 80 } };
