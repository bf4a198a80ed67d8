import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgIssueLayer } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import type { WgStationLayer } from '../../src/components/wg-station-layer/wg-station-layer.ts';
import type { Units } from '../../src/core/types.ts';
import { gridRow, issues, square, stations } from './fixtures.ts';
import { idle } from './map-helpers.ts';

const loadLayer = (layer: WgIssueLayer) =>
  `${(layer as unknown as { ids: { source: string } }).ids.source}-load-fill`;

/** Two grids side by side; three open issues in g1 near the shared edge, one in g2. */
async function issueSetup() {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:600px;height:400px">
      <wg-grid-layer fill="none" .data=${gridRow([300, 100])}></wg-grid-layer>
      <wg-issue-layer
        aggregate="grid"
        now="2026-10-31T00:00:00Z"
        .data=${issues([
          { id: 'a', at: [120.1535, 30.272] },
          { id: 'b', at: [120.1538, 30.271] },
          { id: 'c', at: [120.151, 30.272], requested: '2026-03-01T09:00:00+08:00' },
          { id: 'd', at: [120.156, 30.272] },
        ])}
      ></wg-issue-layer>
    </wg-map>`,
  );
  const map = await el.ready;
  await idle(map);
  return { el, map, layer: el.querySelector('wg-issue-layer')!, grids: el.querySelector('wg-grid-layer')! };
}

describe('wg-issue-layer aggregate="grid"', () => {
  it('rebuilds on a mode change without an error (its load layer goes before its load source)', async () => {
    const { el, map, layer } = await issueSetup();
    const errors: string[] = [];
    el.addEventListener('wg-error', (e) => errors.push((e as CustomEvent).detail.message));
    layer.mode = 'heatmap';
    await layer.updateComplete;
    await idle(map);
    layer.remove();
    await idle(map);
    expect(errors).to.deep.equal([]);
    expect(map.getStyle().layers.some((l) => l.id === loadLayer(layer))).to.equal(false);
  });

  it('counts issues per grid by location', async () => {
    const { layer } = await issueSetup();
    expect(Object.fromEntries([...layer.gridCounts].map(([id, c]) => [id, c.open]))).to.deep.equal({
      g1: 3,
      g2: 1,
    });
  });

  it('colours each grid by its class of open issues per 100 households', async () => {
    const { map, layer } = await issueSetup();
    // g1: 3 per 300 households = 1 per 100; g2: 1 per 100 households = 1 per 100 → same class.
    const drawn = map.queryRenderedFeatures({ layers: [loadLayer(layer)] });
    expect(drawn.map((f) => f.properties.id).sort()).to.deep.equal(['g1', 'g2']);
    const states = ['g1', 'g2'].map(
      (id) => map.getFeatureState({ source: `${loadLayer(layer).replace('-fill', '')}`, id }).load,
    );
    expect(states[0]).to.equal(states[1]);
  });

  it('follows a moved boundary: counts change when the grid layer gets new polygons', async () => {
    const { layer, grids } = await issueSetup();
    const moved = gridRow([300, 100]);
    // g1 now ends at 120.153, so the two issues east of it fall in g2.
    moved.features[0]!.geometry = square(120.15, 30.27, 0.003);
    (moved.features[1]!.geometry.coordinates[0] as number[][]).splice(
      0,
      5,
      [120.153, 30.27],
      [120.158, 30.27],
      [120.158, 30.274],
      [120.153, 30.274],
      [120.153, 30.27],
    );
    const changed = oneEvent(layer.ownerDocument, 'wg-layer-change');
    grids.data = moved;
    await changed;
    await layer.updateComplete;
    expect(layer.gridCounts.get('g1')!.open).to.equal(1);
    expect(layer.gridCounts.get('g2')!.open).to.equal(3);
  });

  it('applies the time window to the per-grid counts and the points alike', async () => {
    const { layer } = await issueSetup();
    layer.from = '2026-09-01T00:00:00+08:00';
    await layer.updateComplete;
    expect(layer.gridCounts.get('g1')!.total).to.equal(2);
    expect(layer.filtered.map((f) => f.properties.service_request_id).sort()).to.deep.equal(['a', 'b', 'd']);
  });

  it('lists the load classes in its legend', async () => {
    const { layer } = await issueSetup();
    const [load] = layer.legend();
    expect(load!.title).to.equal('每百户未办结诉求');
    expect(load!.entries).to.have.length(5);
  });
});

function unitsAt(list: [string, number, number, string][]): Units {
  return {
    type: 'FeatureCollection',
    features: list.map(([id, lng, lat, grid]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { id, households: 50, grid },
    })),
  };
}

describe('wg-station-layer coverage', () => {
  async function setup() {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:600px;height:400px" center="120.155,30.27" zoom="14">
        <wg-station-layer
          coverage
          coverage-radius="300"
          .data=${stations([{ id: 's1', kind: 'center', at: [120.15, 30.27] }])}
          .units=${unitsAt([
            ['near', 120.151, 30.2705, 'g1'],
            ['far', 120.16, 30.27, 'g2'],
          ])}
        ></wg-station-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    return { map, layer: el.querySelector('wg-station-layer')! as WgStationLayer };
  }

  it('marks the buildings outside every walking radius', async () => {
    const { map, layer } = await setup();
    expect(layer.coverage!.uncovered).to.deep.equal(['far']);
    const marks = map.queryRenderedFeatures({
      layers: [`${(layer as unknown as { ids: { source: string } }).ids.source}-coverage-uncovered`],
    });
    expect(marks.map((f) => f.properties.id)).to.deep.equal(['far']);
  });

  it('gives coverage per grid and overall', async () => {
    const { layer } = await setup();
    expect(layer.coverage!.overall.percent).to.equal(50);
    expect(layer.coverage!.perGrid.get('g1')!.percent).to.equal(100);
  });

  it('recomputes when the radius grows', async () => {
    const { layer } = await setup();
    layer.coverageRadius = 1500;
    await layer.updateComplete;
    expect(layer.coverage!.uncovered).to.deep.equal([]);
  });
});
