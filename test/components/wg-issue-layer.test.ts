import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgIssueLayer } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import { gridRow, issues } from './fixtures.ts';
import { clickAt, idle } from './map-helpers.ts';

const ids = (layer: WgIssueLayer) =>
  (layer as unknown as { ids: { circle: string; cluster: string; heatmap: string } }).ids;

const sample = () =>
  issues([
    {
      id: 'i1',
      at: [120.15, 30.27],
      stage: 'reported',
      category: '飞线充电',
      requested: '2026-09-01T09:00:00Z',
      expected: '2026-09-03T09:00:00Z',
    },
    {
      id: 'i2',
      at: [120.152, 30.27],
      stage: 'handling',
      category: '污水管道堵塞',
      requested: '2026-10-10T09:00:00Z',
      expected: '2026-11-30T09:00:00Z',
    },
    {
      id: 'i3',
      at: [120.154, 30.27],
      stage: 'closed',
      category: '飞线充电',
      requested: '2026-03-01T09:00:00Z',
      expected: '2026-03-03T09:00:00Z',
    },
    {
      id: 'i4',
      at: [120.156, 30.27],
      stage: 'verifying',
      category: '停车难',
      requested: '2026-10-20T09:00:00Z',
      expected: '2026-10-25T09:00:00Z',
    },
  ]);

async function setup(attrs: Partial<WgIssueLayer> = {}) {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:600px;height:400px">
      <wg-issue-layer now="2026-10-31T00:00:00Z" .data=${sample()}></wg-issue-layer>
    </wg-map>`,
  );
  const layer = el.querySelector('wg-issue-layer')!;
  Object.assign(layer, attrs);
  await layer.updateComplete;
  const map = await el.ready;
  await idle(map);
  return { el, map, layer };
}

describe('wg-issue-layer', () => {
  it('draws points coloured by stage, overdue ones marked', async () => {
    const { map, layer } = await setup();
    const drawn = map.queryRenderedFeatures({ layers: [ids(layer).circle] });
    const byId = Object.fromEntries(drawn.map((f) => [f.properties.service_request_id, f.properties]));
    expect(Object.keys(byId).sort()).to.deep.equal(['i1', 'i2', 'i3', 'i4']);
    expect(byId.i1.overdue).to.equal(true); // past its deadline, still reported
    expect(byId.i2.overdue).to.equal(false); // deadline still ahead
    expect(byId.i3.overdue).to.equal(false); // closed is never overdue
    expect(byId.i4.overdue).to.equal(true);
  });

  it('filters by stage, category and time', async () => {
    const { map, layer } = await setup();
    layer.stages = ['reported', 'handling', 'verifying'];
    await layer.updateComplete;
    expect(layer.filtered.map((f) => f.properties.service_request_id)).to.deep.equal(['i1', 'i2', 'i4']);
    layer.categories = ['飞线充电'];
    await layer.updateComplete;
    expect(layer.filtered.map((f) => f.properties.service_request_id)).to.deep.equal(['i1']);
    layer.categories = [];
    layer.from = '2026-10-01';
    layer.to = '2026-10-15';
    await layer.updateComplete;
    await idle(map);
    expect(layer.filtered.map((f) => f.properties.service_request_id)).to.deep.equal(['i2']);
    expect(map.queryRenderedFeatures({ layers: [ids(layer).circle] })).to.have.length(1);
  });

  it('reads the stage filter from a comma-separated attribute', async () => {
    const { layer } = await setup();
    layer.setAttribute('stages', 'closed, verifying');
    await layer.updateComplete;
    expect(layer.filtered.map((f) => f.properties.service_request_id).sort()).to.deep.equal(['i3', 'i4']);
  });

  it('switches to clusters and to a heatmap', async () => {
    const { map, layer } = await setup();
    layer.mode = 'clusters';
    await layer.updateComplete;
    await idle(map);
    map.jumpTo({ zoom: 10, center: [120.153, 30.27] });
    await idle(map);
    expect(map.queryRenderedFeatures({ layers: [ids(layer).cluster] }).length).to.be.greaterThan(0);
    layer.mode = 'heatmap';
    await layer.updateComplete;
    await idle(map);
    expect(map.getLayer(ids(layer).heatmap)?.type).to.equal('heatmap');
    expect(map.getLayer(ids(layer).cluster)).to.equal(undefined);
  });

  it('fires wg-issue-select and shows the description as text on click', async () => {
    const { el, map, layer } = await setup();
    const selected = oneEvent(layer, 'wg-issue-select');
    clickAt(map, [120.152, 30.27]);
    expect((await selected).detail.id).to.equal('i2');
    const popup = el.shadowRoot!.querySelector('.wg-popup')!;
    expect(popup.textContent).to.contain('污水管道堵塞');
    expect(popup.textContent).to.contain('3幢2单元有电线从窗口垂下');
  });

  it('moves through the issue list with the arrow keys and opens one with Enter', async () => {
    const { layer } = await setup({ listOpen: true });
    await layer.updateComplete;
    const items = [...layer.shadowRoot!.querySelectorAll<HTMLLIElement>('li[data-id]')];
    expect(items.length).to.be.greaterThan(1);
    items[0]!.focus();
    items[0]!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }),
    );
    expect(layer.shadowRoot!.activeElement).to.equal(items[1]);
    const selected = oneEvent(layer, 'wg-issue-select');
    items[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await selected).detail.id).to.equal(items[1]!.dataset.id);
  });
});

describe('issue list', () => {
  it('lists the 100 newest that pass the filters, newest first, equal times in input order', async () => {
    // 250 issues, times shuffled, every time three times over; one stage filtered out.
    const order = Array.from({ length: 250 }, (_, i) => (i * 97) % 250);
    const data = issues(
      order.map((k, i) => ({
        id: `n${i}`,
        at: [120.15 + (i % 10) * 0.001, 30.27 + Math.floor(i / 10) * 0.0005],
        stage: i % 7 === 0 ? 'closed' : 'reported',
        category: '飞线充电',
        requested: new Date(Date.UTC(2026, 0, 1) + Math.floor(k / 3) * 3_600_000).toISOString(),
      })),
    );
    const { layer } = await setup({ listOpen: true });
    layer.stages = ['reported'];
    layer.data = data;
    await layer.updateComplete;
    const shown = [...layer.shadowRoot!.querySelectorAll<HTMLLIElement>('li[data-id]')].map(
      (li) => li.dataset.id,
    );
    const expected = data.features
      .map((f, i) => ({
        id: f.properties.service_request_id,
        t: Date.parse(f.properties.requested_datetime),
        i,
      }))
      .filter((_, i) => i % 7 !== 0)
      .sort((a, b) => b.t - a.t || a.i - b.i)
      .slice(0, 100)
      .map((x) => x.id);
    expect(shown).to.deep.equal(expected);
  });
});

describe('layer order', () => {
  it('keeps grid labels above issue points added after them', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:400px;height:300px">
        <wg-grid-layer .data=${gridRow([400])}></wg-grid-layer>
        <wg-issue-layer .data=${sample()}></wg-issue-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const order = map.getStyle().layers.map((l) => l.id);
    const label = order.findIndex((id) => /^wg-grid-\d+-label$/.test(id));
    const points = order.indexOf(ids(el.querySelector('wg-issue-layer')!).circle);
    expect(points).to.be.greaterThan(-1);
    expect(label).to.be.greaterThan(points);
  });
});
