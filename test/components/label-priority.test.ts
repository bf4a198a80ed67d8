/**
 * Readable at district zoom: grid labels that would overlap are left out instead of piling up, the
 * largest grids' labels are placed first, and a selected grid's label always shows.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { Grids } from '../../src/core/types.ts';
import { square } from './fixtures.ts';
import { idle } from './map-helpers.ts';

/** n × n small grids; grid `big` has far more households than the rest. */
function dense(n: number, big: string): Grids {
  const size = 0.002;
  const features = [];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const id = `g${x}-${y}`;
      features.push({
        type: 'Feature' as const,
        geometry: square(120 + x * size, 30 + y * size, size),
        properties: {
          id,
          name: `第${x}-${y}网格`,
          households: id === big ? 499 : 300 + ((x * 7 + y * 3) % 150),
        },
      });
    }
  return { type: 'FeatureCollection', features };
}

describe('grid labels at district zoom', () => {
  it('leave out what would overlap, place the largest first, and always show the selected one', async () => {
    const big = 'g17-11';
    const el = await fixture<WgMap>(
      html`<wg-map style="width:420px;height:320px">
        <wg-grid-layer list-hidden .data=${dense(30, big)}></wg-grid-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const layer = el.querySelector('wg-grid-layer')!;
    const labelLayer = (layer as unknown as { ids: { label: string } }).ids.label;
    const shown = () =>
      new Set(map.queryRenderedFeatures({ layers: [labelLayer] }).map((f) => String(f.properties.id)));
    const first = shown();
    expect(first.size).to.be.greaterThan(0);
    expect(first.size).to.be.lessThan(900 / 4); // thinned, not 900 labels on top of each other
    expect(first.has(big), 'the largest grid is labelled').to.equal(true);
    // A grid whose label is not shown: selecting it puts its label first.
    const hidden = [...Array(900).keys()]
      .map((i) => `g${i % 30}-${Math.floor(i / 30)}`)
      .find((id) => !first.has(id) && id !== big)!;
    layer.select(hidden);
    await layer.updateComplete;
    await idle(map);
    expect(shown().has(hidden), `${hidden} labelled once selected`).to.equal(true);
  });
});
