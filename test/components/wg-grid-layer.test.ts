import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridLayer } from '../../src/components/wg-grid-layer/wg-grid-layer.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import type { Units } from '../../src/core/types.ts';
import { gridRow } from './fixtures.ts';
import { clickAt, idle, pixelAt } from './map-helpers.ts';

const SIZE = 0.004;
const centreOf = (i: number): [number, number] => [120.15 + i * SIZE + SIZE / 2, 30.27 + SIZE / 2];

async function setup(households = [250, 400, 620]) {
  const el = await fixture<WgMap>(html`<wg-map style="width:600px;height:400px">
    <wg-grid-layer .data=${gridRow(households, SIZE)}></wg-grid-layer>
  </wg-map>`);
  const map = await el.ready;
  await idle(map);
  return { el, map, layer: el.querySelector('wg-grid-layer') as WgGridLayer };
}

const fillLayer = (layer: WgGridLayer) => (layer as unknown as { ids: { fill: string; label: string } }).ids;

/** Which of the three band colours a pixel is closest to. */
function nearestBand(rgba: [number, number, number, number]): string {
  const bands: Record<string, [number, number, number]> = {
    under: [0x6b, 0xae, 0xd6],
    inside: [0x74, 0xc4, 0x76],
    over: [0xf1, 0x69, 0x13],
  };
  // Fill opacity blends with the background; compare hue direction by distance after blending.
  const bg = [0xf3, 0xf1, 0xec];
  let best = '';
  let bestDistance = Infinity;
  for (const [name, c] of Object.entries(bands)) {
    const blended = c.map((v, i) => v * 0.5 + bg[i] * 0.5);
    const d = blended.reduce((sum, v, i) => sum + (v - rgba[i]) ** 2, 0);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

describe('wg-grid-layer', () => {
  it('draws every grid, coloured under, inside or over the band', async () => {
    const { map, layer } = await setup();
    const rendered = map.queryRenderedFeatures({ layers: [fillLayer(layer).fill] });
    const bands = new Map(rendered.map((f) => [f.properties.id, f.properties.band]));
    expect(Object.fromEntries(bands)).to.deep.equal({ g1: 'under', g2: 'inside', g3: 'over' });
    expect(nearestBand(await pixelAt(map, [centreOf(0)[0], centreOf(0)[1] - SIZE / 3]))).to.equal('under');
    expect(nearestBand(await pixelAt(map, [centreOf(1)[0], centreOf(1)[1] - SIZE / 3]))).to.equal('inside');
    expect(nearestBand(await pixelAt(map, [centreOf(2)[0], centreOf(2)[1] - SIZE / 3]))).to.equal('over');
  });

  it('recolours when the band changes', async () => {
    const { map, layer } = await setup();
    layer.maxHouseholds = 700;
    await layer.updateComplete;
    await idle(map);
    const rendered = map.queryRenderedFeatures({ layers: [fillLayer(layer).fill] });
    expect(rendered.find((f) => f.properties.id === 'g3')?.properties.band).to.equal('inside');
  });

  it('labels each grid with name, households and worker', async () => {
    const { map, layer } = await setup();
    const labels = map.queryRenderedFeatures({ layers: [fillLayer(layer).label] });
    const texts = labels.map((f) => f.properties.text as string);
    expect(texts).to.include('第2网格\n400户 · 社工2');
  });

  it('sums households from units when they are given', async () => {
    const { map, layer } = await setup([0, 0, 0]);
    const units: Units = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: centreOf(0) }, properties: { id: 'u1', households: 200, grid: 'g1' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: centreOf(0) }, properties: { id: 'u2', households: 150, grid: 'g1' } },
        // No `grid`: found by point in polygon.
        { type: 'Feature', geometry: { type: 'Point', coordinates: centreOf(1) }, properties: { id: 'u3', households: 90 } },
      ],
    };
    layer.units = units;
    await layer.updateComplete;
    await idle(map);
    const households = Object.fromEntries(layer.grids.map((g) => [g.properties.id, g.properties.households]));
    expect(households).to.deep.equal({ g1: 350, g2: 90, g3: 0 });
  });

  it('fires wg-grid-select when a grid is clicked', async () => {
    const { map, layer } = await setup();
    const selected = oneEvent(layer, 'wg-grid-select');
    clickAt(map, centreOf(1));
    const event = await selected;
    expect(event.detail.id).to.equal('g2');
    expect(event.detail.properties?.worker).to.equal('社工2');
    expect(layer.selected).to.equal('g2');
  });

  it('selects with the keyboard alone: arrow keys move, Enter selects', async () => {
    const { layer } = await setup();
    const items = layer.shadowRoot!.querySelectorAll<HTMLLIElement>('li[role=option]');
    items[0].focus();
    items[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    expect(layer.shadowRoot!.activeElement).to.equal(items[1]);
    const selected = oneEvent(layer, 'wg-grid-select');
    items[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await selected).detail.id).to.equal('g2');
    await layer.updateComplete;
    expect(items[1].getAttribute('aria-selected')).to.equal('true');
  });

  it('reports invalid grids with their ids and still draws the valid ones', async () => {
    const { map, layer } = await setup();
    const data = gridRow([300, 310, 320]);
    data.features[1].properties.households = -5;
    data.features[2].properties.id = 'g1';
    const errors: WgErrorEvent[] = [];
    layer.addEventListener('wg-error', (e) => errors.push(e));
    layer.data = data;
    await layer.updateComplete;
    await idle(map);
    const reasons = errors.map((e) => e.detail.reason);
    expect(reasons).to.include('bad-households');
    expect(reasons).to.include('duplicate-id');
    expect(errors.find((e) => e.detail.reason === 'bad-households')?.detail.ids).to.include('g2');
    expect(layer.grids.length).to.be.greaterThan(0);
    expect(layer.grids.length).to.be.lessThan(3);
  });

  it('keeps its last good grids when the whole input is unusable', async () => {
    const { map, layer } = await setup();
    const error = oneEvent(layer, 'wg-error') as Promise<WgErrorEvent>;
    layer.data = 'not geojson' as never;
    expect((await error).detail.reason).to.equal('not-feature-collection');
    await idle(map);
    expect(layer.grids).to.have.length(3);
    expect(map.queryRenderedFeatures({ layers: [fillLayer(layer).fill] }).length).to.be.greaterThan(0);
  });

  it('works outside the map with for="map-id"', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <wg-map id="elsewhere" style="width:400px;height:300px"></wg-map>
      <aside><wg-grid-layer for="elsewhere" .data=${gridRow([400])}></wg-grid-layer></aside>
    </div>`);
    const el = root.querySelector('wg-map')!;
    const map = await el.ready;
    const layer = root.querySelector('wg-grid-layer')!;
    await idle(map);
    expect(map.queryRenderedFeatures({ layers: [fillLayer(layer).fill] }).length).to.be.greaterThan(0);
  });

  it('loads grids from src', async () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(gridRow([333, 444]))], { type: 'application/json' }));
    const el = await fixture<WgMap>(html`<wg-map style="width:400px;height:300px">
      <wg-grid-layer src=${url}></wg-grid-layer>
    </wg-map>`);
    const layer = el.querySelector('wg-grid-layer')!;
    const map = await el.ready;
    for (let i = 0; i < 50 && layer.grids.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(layer.grids.map((g) => g.properties.households)).to.deep.equal([333, 444]);
    await idle(map);
  });

  it('reports a src that cannot be loaded', async () => {
    const el = await fixture<WgMap>(html`<wg-map style="width:300px;height:200px"></wg-map>`);
    const layer = document.createElement('wg-grid-layer');
    const error = oneEvent(layer, 'wg-error') as Promise<WgErrorEvent>;
    layer.src = '/missing/grids.geojson';
    el.append(layer);
    expect((await error).detail.reason).to.equal('load-failed');
  });
});

describe('wg-grid-layer colours', () => {
  it('takes band colours set on the map (a portal theme) and follows a theme switch', async () => {
    const el = await fixture<WgMap>(html`<wg-map style="width:400px;height:300px;--wg-grid-inside:#123456">
      <wg-grid-layer .data=${gridRow([400])}></wg-grid-layer>
    </wg-map>`);
    const map = await el.ready;
    await idle(map);
    const layer = el.querySelector('wg-grid-layer')!;
    const fill = () => JSON.stringify(map.getPaintProperty(fillLayer(layer).fill, 'fill-color'));
    expect(fill()).to.contain('#123456');
    el.style.setProperty('--wg-grid-inside', '#abcdef');
    el.theme = 'dark';
    await el.updateComplete;
    expect(fill()).to.contain('#abcdef');
  });
});
