/**
 * The layers' map logic against a fake adapter (no MapLibre): what each layer adds and sends, what a
 * click or hover on its features does, and that detaching takes away everything it added.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgGridLayer } from '../../src/components/wg-grid-layer/wg-grid-layer.ts';
import type { WgStationLayer } from '../../src/components/wg-station-layer/wg-station-layer.ts';
import type { WgIssueLayer } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import type { MapFeature } from '../../src/map/adapter.ts';
import { FakeAdapter } from '../fakes/fake-adapter.ts';
import { gridRow, issues, stations } from './fixtures.ts';

type Ids = { source: string; fill: string; line: string; label: string; circle: string; cluster: string };
const ids = (layer: HTMLElement) => (layer as unknown as { ids: Ids }).ids;
const attach = (layer: HTMLElement, map: FakeAdapter) =>
  (layer as unknown as { mapAttached(map: FakeAdapter): void }).mapAttached(map);
const detach = (layer: HTMLElement) => (layer as unknown as { mapDetached(): void }).mapDetached();
const feature = (properties: Record<string, unknown>, at = [120, 30]): MapFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: at },
  properties,
});

describe('layers on a fake map adapter', () => {
  it('grid layer: adds its layers, sends grids and label points, hovers and selects by click, detaches cleanly', async () => {
    const layer = await fixture<WgGridLayer>(
      html`<wg-grid-layer .data=${gridRow([320, 460, 90])} list-hidden></wg-grid-layer>`,
    );
    const map = new FakeAdapter();
    attach(layer, map);
    const { source, fill, label } = ids(layer);
    expect(map.data.get(source)!.features.map((f) => f.properties!.id)).to.deep.equal(['g1', 'g2', 'g3']);
    const labels = map.data.get(`${source}-labels`)!.features;
    expect(labels.map((f) => f.geometry.type)).to.deep.equal(['Point', 'Point', 'Point']);
    expect(labels[1]!.properties!.text).to.contain('460');

    map.fire('move', { x: 10, y: 10 }, fill, [feature({ id: 'g2' })]);
    expect(map.states.get(`${source} g2`)).to.deep.equal({ hover: true });
    expect(map.log).to.include('cursor pointer');
    map.fire('leave', { x: 10, y: 10 }, fill);
    expect(map.states.get(`${source} g2`)).to.deep.equal({ hover: false });

    const picked: string[] = [];
    layer.addEventListener('wg-grid-select', (e) => picked.push((e as CustomEvent).detail.id));
    map.fire('click', { x: 10, y: 10 }, fill, [feature({ id: 'g3' })]);
    await layer.updateComplete;
    expect(picked).to.deep.equal(['g3']);
    // The selected grid's label is placed first.
    expect(JSON.stringify(map.properties.get(`${label} symbol-sort-key`))).to.contain('g3');

    expect(map.listeners).to.be.greaterThan(0);
    detach(layer);
    expect(map.layers.size + map.sources.size + map.listeners).to.equal(0);
  });

  it('station layer: a click opens a text popup with the station name and fires wg-station-select', async () => {
    const layer = await fixture<WgStationLayer>(
      html`<wg-station-layer
        .data=${stations([{ id: 's1', kind: 'center', at: [120.15, 30.27], name: '<b>滨河</b>服务中心' }])}
        list-hidden
      ></wg-station-layer>`,
    );
    const map = new FakeAdapter();
    attach(layer, map);
    let selected = '';
    layer.addEventListener('wg-station-select', (e) => (selected = (e as CustomEvent).detail.id));
    map.fire('click', { x: 1, y: 1 }, ids(layer).circle, [feature({ id: 's1' })]);
    expect(selected).to.equal('s1');
    expect(map.log.find((l) => l.startsWith('popup'))).to.contain('<b>滨河</b>服务中心');
  });

  it('issue layer: a filter becomes a layer filter; a cluster click zooms in; rebuilding keeps one set of layers', async () => {
    const layer = await fixture<WgIssueLayer>(
      html`<wg-issue-layer
        .data=${issues([
          { id: 'i1', at: [120.1, 30.2], stage: 'reported' },
          { id: 'i2', at: [120.2, 30.3], stage: 'closed' },
        ])}
        list-hidden
      ></wg-issue-layer>`,
    );
    const map = new FakeAdapter();
    attach(layer, map);
    const { source, circle, cluster } = ids(layer);
    expect(map.data.get(source)!.features).to.have.length(2);
    layer.stages = ['closed'];
    await layer.updateComplete;
    expect(JSON.stringify(map.filters.get(circle))).to.contain('closed');

    layer.mode = 'clusters';
    await layer.updateComplete;
    expect(map.layers.has(cluster)).to.equal(true);
    // A clustered source gets only the issues that pass.
    expect(map.data.get(source)!.features.map((f) => f.properties!.service_request_id)).to.deep.equal(['i2']);
    map.fire('click', { x: 1, y: 1 }, cluster, [feature({ cluster_id: 7 }, [120.2, 30.3])]);
    await new Promise((r) => setTimeout(r));
    expect(map.log).to.include('ease 120.2,30.3 15');
    const before = map.layers.size;
    layer.mode = 'points';
    await layer.updateComplete;
    layer.mode = 'clusters';
    await layer.updateComplete;
    expect(map.layers.size).to.equal(before);
  });
});
