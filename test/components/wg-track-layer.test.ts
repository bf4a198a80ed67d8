/**
 * `<wg-track-layer>`: patrol tracks per worker, GPS jumps dropped, the period set by
 * `<wg-time-filter>`, patrol coverage per grid, stale grids outlined, bad tracks named.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgTrackLayer } from '../../src/components/wg-track-layer/wg-track-layer.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import { idle } from './map-helpers.ts';

const t0 = Date.parse('2026-10-05T09:00:00+08:00');
const square = (id: string, x: number) => ({
  type: 'Feature' as const,
  properties: { id, code: id },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, 30.26],
        [x + 0.01, 30.26],
        [x + 0.01, 30.27],
        [x, 30.27],
        [x, 30.26],
      ],
    ],
  },
});
const grids = { type: 'FeatureCollection' as const, features: [square('G1', 120.15), square('G2', 120.16)] };
const units = {
  type: 'FeatureCollection' as const,
  features: [
    {
      type: 'Feature' as const,
      properties: { id: 'u1', households: 20 },
      geometry: { type: 'Point' as const, coordinates: [120.152, 30.2652] },
    },
    {
      type: 'Feature' as const,
      properties: { id: 'u2', households: 20 },
      geometry: { type: 'Point' as const, coordinates: [120.158, 30.2688] },
    },
    {
      type: 'Feature' as const,
      properties: { id: 'u3', households: 20 },
      geometry: { type: 'Point' as const, coordinates: [120.165, 30.265] },
    },
  ],
};
// 张三 walks along latitude 30.265 through G1 (10 s per ~13 m), with one GPS jump; 李四 is reported
// as points, in G1 too. A track with times out of order is named and left out.
const walk = Array.from({ length: 40 }, (_, i) => [120.151 + i * 0.00014, 30.265]);
walk[20] = [120.3, 30.4];
const tracks = {
  type: 'FeatureCollection' as const,
  features: [
    {
      type: 'Feature' as const,
      properties: { worker: '张三', coordTimes: walk.map((_, i) => t0 + i * 10_000) },
      geometry: { type: 'LineString' as const, coordinates: walk },
    },
    ...[0, 1, 2].map((k) => ({
      type: 'Feature' as const,
      properties: { worker: '李四', time: new Date(t0 + k * 60_000).toISOString() },
      geometry: { type: 'Point' as const, coordinates: [120.151, 30.262 + k * 0.0008] },
    })),
    {
      type: 'Feature' as const,
      properties: { worker: '王五', coordTimes: [t0 + 10_000, t0] },
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [120.15, 30.26],
          [120.151, 30.26],
        ],
      },
    },
  ],
};

async function setup() {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:600px;height:400px">
      <wg-grid-layer .data=${grids}></wg-grid-layer>
      <wg-track-layer id="tracks" to="2026-10-06T00:00:00+08:00" .units=${units}></wg-track-layer>
    </wg-map>`,
  );
  const layer = el.querySelector<WgTrackLayer>('wg-track-layer')!;
  const errors: WgErrorEvent[] = [];
  layer.addEventListener('wg-error', (e) => errors.push(e as WgErrorEvent));
  layer.data = tracks;
  const map = await el.ready;
  await layer.updateComplete;
  await new Promise((r) => setTimeout(r, 100));
  await idle(map);
  return { el, map, layer, errors };
}

describe('wg-track-layer', () => {
  it('draws one line per worker and drops GPS jumps; names a track with times out of order', async () => {
    const { map, layer, errors } = await setup();
    expect(layer.workers).to.deep.equal(['张三', '李四']);
    expect(layer.jumps).to.equal(1);
    const lines = map.queryRenderedFeatures({
      layers: [`${(layer as unknown as { ids: { line: string } }).ids.line}`],
    });
    expect([...new Set(lines.map((f) => f.properties.worker as string))].sort()).to.deep.equal(
      ['张三', '李四'].sort(),
    );
    expect(errors.map((e) => e.detail.reason)).to.include('unordered-times');
    expect(errors.find((e) => e.detail.reason === 'unordered-times')!.detail.ids).to.deep.equal(['#4']);
  });

  it('gives patrol coverage per grid and outlines grids not walked for stale-days', async () => {
    const { layer } = await setup();
    const g1 = layer.coverage.get('G1')!;
    expect(g1.buildings).to.equal(2);
    expect(g1.covered).to.equal(1); // u1 is 22 m from the walk; u2 400 m away
    expect(g1.stale).to.equal(false);
    // Computed in the module worker.
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.some((name) => name.includes('patrol.worker'))).to.equal(true);
    expect(layer.coverage.get('G2')).to.include({ buildings: 1, covered: 0, stale: true });
    layer.to = '2026-10-20T00:00:00+08:00'; // 15 days after the walk: G1 stale too
    await layer.updateComplete;
    expect(layer.coverage.get('G1')!.stale).to.equal(true);
  });

  it('follows <wg-time-filter>: a month without walks covers nothing', async () => {
    const { el, layer } = await setup();
    const filter = document.createElement('wg-time-filter');
    filter.setAttribute('for', 'tracks');
    el.after(filter);
    await filter.updateComplete;
    layer.from = '2026-11-01T00:00:00+08:00';
    layer.to = '2026-12-01T00:00:00+08:00';
    await layer.updateComplete;
    expect(layer.coverage.get('G1')!.covered).to.equal(0);
    filter.remove();
  });

  it('shows the patrol coverage per grid in <wg-grid-stats>', async () => {
    const { el, layer } = await setup();
    el.id = 'tm';
    const stats = document.createElement('wg-grid-stats');
    stats.setAttribute('for', 'tm');
    el.after(stats);
    await stats.updateComplete;
    layer.radius = 31; // any change re-measures and fires wg-layer-change
    await layer.updateComplete;
    await stats.updateComplete;
    const byId = Object.fromEntries(stats.rows.map((r) => [r.id, r]));
    expect(byId.G1!.patrol).to.equal(50);
    expect(byId.G2!.stale).to.equal(true);
    stats.remove();
  });
});
