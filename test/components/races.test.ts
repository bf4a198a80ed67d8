/**
 * The newest input wins on every data layer: a slow `src` never overwrites data set after it, nor
 * lands after `src` was removed; an empty collection or `null` clears a layer.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { gridRow, issues, stations } from './fixtures.ts';
import { idle } from './map-helpers.ts';

type Layer = HTMLElement & { data: unknown; src?: string; updateComplete: Promise<boolean> };
const featuresOf = (layer: Layer): Array<{ properties: Record<string, unknown> }> =>
  (layer as unknown as { features: Array<{ properties: Record<string, unknown> }> }).features;

/** A URL the test server answers with `body` after `ms` milliseconds. */
const slow = (ms: number, body: unknown): string =>
  `/__wg_slow__/${ms}?body=${encodeURIComponent(JSON.stringify(body))}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cases = [
  {
    tag: 'wg-grid-layer',
    old: gridRow([111, 222]),
    newer: gridRow([333]),
    key: (f: { properties: Record<string, unknown> }) => f.properties.households,
  },
  {
    tag: 'wg-station-layer',
    old: stations([
      { id: 'old-1', kind: 'center', at: [120.151, 30.271] },
      { id: 'old-2', kind: 'post', at: [120.152, 30.272] },
    ]),
    newer: stations([{ id: 'new-1', kind: 'post', at: [120.153, 30.273] }]),
    key: (f: { properties: Record<string, unknown> }) => f.properties.id,
  },
  {
    tag: 'wg-issue-layer',
    old: issues([
      { id: 'old-1', at: [120.151, 30.271] },
      { id: 'old-2', at: [120.152, 30.272] },
    ]),
    newer: issues([{ id: 'new-1', at: [120.153, 30.273] }]),
    key: (f: { properties: Record<string, unknown> }) => f.properties.service_request_id,
  },
];

async function mapWith(tag: string): Promise<{ el: WgMap; layer: Layer }> {
  const el = await fixture<WgMap>(html`<wg-map style="width:400px;height:300px"></wg-map>`);
  await idle(await el.ready);
  const layer = document.createElement(tag) as Layer;
  el.append(layer);
  await layer.updateComplete;
  return { el, layer };
}

for (const c of cases) {
  describe(`${c.tag}: the newest input wins`, () => {
    it('data set while a slow src loads is not overwritten when the src answers', async () => {
      const { layer } = await mapWith(c.tag);
      layer.src = slow(600, c.old);
      await layer.updateComplete;
      await sleep(100);
      layer.data = c.newer;
      await layer.updateComplete;
      await sleep(900);
      expect(featuresOf(layer).map(c.key)).to.deep.equal(c.newer.features.map((f) => c.key(f as never)));
    });

    it('a src removed while it loads is never applied', async () => {
      const { layer } = await mapWith(c.tag);
      layer.data = c.newer;
      await layer.updateComplete;
      layer.src = slow(500, c.old);
      await layer.updateComplete;
      await sleep(100);
      layer.removeAttribute('src');
      layer.src = undefined;
      await layer.updateComplete;
      await sleep(800);
      expect(featuresOf(layer).map(c.key)).to.deep.equal(c.newer.features.map((f) => c.key(f as never)));
    });

    it('a newer src wins over an older, slower one', async () => {
      const { layer } = await mapWith(c.tag);
      layer.src = slow(700, c.old);
      await layer.updateComplete;
      layer.src = slow(50, c.newer);
      await layer.updateComplete;
      await sleep(1100);
      expect(featuresOf(layer).map(c.key)).to.deep.equal(c.newer.features.map((f) => c.key(f as never)));
    });

    it('an empty FeatureCollection clears the layer, and so does null', async () => {
      const { layer } = await mapWith(c.tag);
      const errors: string[] = [];
      layer.addEventListener('wg-error', (e) => errors.push((e as CustomEvent).detail.reason));
      layer.data = c.old;
      await layer.updateComplete;
      expect(featuresOf(layer).length).to.equal(2);
      layer.data = { type: 'FeatureCollection', features: [] };
      await layer.updateComplete;
      expect(featuresOf(layer).length).to.equal(0);
      layer.data = c.old;
      await layer.updateComplete;
      layer.data = null;
      await layer.updateComplete;
      expect(featuresOf(layer).length).to.equal(0);
      expect(errors).to.deep.equal([]);
    });
  });
}
