/**
 * Handling deadlines on `<wg-issue-layer>`: a limit per category (attribute or object), `soon` past
 * 80 % of it, overdue past it, the time left in the popup and list, a working calendar, and a limits
 * table naming an unknown category.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgIssueLayer } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { issues } from './fixtures.ts';
import { idle } from './map-helpers.ts';

const ids = (layer: WgIssueLayer) => (layer as unknown as { ids: { circle: string } }).ids;
// now = 2026-10-02 12:00 (UTC+8). Requested 2026-10-01 09:00 → 24 h limit due 10-02 09:00 (overdue);
// 48 h limit due 10-03 09:00, 27 of 48 h gone (ok); the third 20 of 24 h gone (soon).
const data = () =>
  issues([
    {
      id: 'a',
      at: [120.15, 30.27],
      category: '飞线充电',
      requested: '2026-10-01T09:00:00+08:00',
      expected: '2026-12-01T00:00:00+08:00',
    },
    { id: 'b', at: [120.151, 30.27], category: '污水管道堵塞', requested: '2026-10-01T09:00:00+08:00' },
    { id: 'c', at: [120.152, 30.27], category: '飞线充电', requested: '2026-10-01T16:00:00+08:00' },
    {
      id: 'd',
      at: [120.153, 30.27],
      category: '停车难',
      requested: '2026-10-01T09:00:00+08:00',
      expected: '2026-10-05T00:00:00+08:00',
    },
  ]);

async function setup(limits = '飞线充电:24,污水管道堵塞:48') {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:600px;height:400px">
      <wg-issue-layer
        now="2026-10-02T12:00:00+08:00"
        limits=${limits}
        list-open
        .data=${data()}
      ></wg-issue-layer>
    </wg-map>`,
  );
  const layer = el.querySelector('wg-issue-layer')!;
  const map = await el.ready;
  await layer.updateComplete;
  await new Promise((r) => setTimeout(r, 100)); // the deadline rules load on first use
  await layer.updateComplete;
  await idle(map);
  return { el, map, layer };
}

const drawn = (map: MapLibreMap, layer: WgIssueLayer) =>
  Object.fromEntries(
    map
      .queryRenderedFeatures({ layers: [ids(layer).circle] })
      .map((f) => [f.properties.service_request_id, f.properties]),
  );

describe('handling deadlines', () => {
  it('the category limit decides, over expected_datetime; soon past 80 %, overdue past the limit', async () => {
    const { map, layer } = await setup();
    const p = drawn(map, layer);
    expect(p.a.overdue, 'a: 24 h limit passed, although expected_datetime is later').to.equal(true);
    expect(p.b.overdue).to.equal(false);
    expect(p.b.soon).to.equal(false);
    expect(p.c.soon, 'c: 20 of 24 h gone').to.equal(true);
    expect(p.d.overdue, 'd: no limit for its category, its own expected_datetime').to.equal(false);
    const list = layer.shadowRoot!.querySelector('[part=list]')!;
    expect(list.querySelector('.meta.soon')?.textContent).to.contain('即将超期');
    expect(list.querySelectorAll('.meta.overdue')).to.have.length(1);
  });

  it('shows the time left in the popup', async () => {
    const { el, layer } = await setup();
    layer.select('c');
    const popup = el.shadowRoot!.querySelector('.wg-popup') ?? document.querySelector('.wg-popup');
    expect(popup?.textContent).to.contain('剩 4 小时');
    layer.select('a');
    const again = el.shadowRoot!.querySelector('.wg-popup') ?? document.querySelector('.wg-popup');
    expect(again?.textContent).to.contain('超期 3 小时');
  });

  it('counts working time with a calendar', async () => {
    const { map, layer } = await setup();
    // 8:30–17:30 on working days: a: 8.5 h of 24 gone by 10-02 12:00 → ok.
    layer.calendar = { hours: [8.5, 17.5], holidays: [] };
    await layer.updateComplete;
    await idle(map);
    expect(drawn(map, layer).a.overdue).to.equal(false);
  });

  it('names a limit for a category no issue has', async () => {
    const el = await fixture<WgMap>(html`<wg-map style="width:600px;height:400px"></wg-map>`);
    const layer = document.createElement('wg-issue-layer');
    layer.data = data();
    layer.limits = { 飞线冲电: 24 };
    const error = oneEvent(layer, 'wg-error') as Promise<WgErrorEvent>;
    el.append(layer);
    const { detail } = await error;
    expect(detail.reason).to.equal('bad-limits');
    expect(detail.message).to.contain('飞线冲电: no issue has this category');
    expect(detail.ids).to.deep.equal(['飞线冲电']);
  });

  it('gives the on-time rate of handled issues per grid in <wg-grid-stats>', async () => {
    const grid = {
      type: 'Feature' as const,
      properties: { id: 'G1', code: 'G1', households: 400 },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [120.14, 30.26],
            [120.16, 30.26],
            [120.16, 30.28],
            [120.14, 30.28],
            [120.14, 30.26],
          ],
        ],
      },
    };
    const handled = issues([
      { id: 'x', at: [120.15, 30.27], stage: 'closed', requested: '2026-10-01T09:00:00+08:00' },
      { id: 'y', at: [120.151, 30.27], stage: 'closed', requested: '2026-10-01T09:00:00+08:00' },
    ]);
    handled.features[0]!.properties.updated_datetime = '2026-10-01T20:00:00+08:00'; // within 24 h
    handled.features[1]!.properties.updated_datetime = '2026-10-03T09:00:00+08:00'; // late
    const el = await fixture<WgMap>(
      html`<wg-map id="m" style="width:600px;height:400px">
        <wg-grid-layer .data=${{ type: 'FeatureCollection', features: [grid] }}></wg-grid-layer>
        <wg-issue-layer limits="飞线充电:24" .data=${handled}></wg-issue-layer>
        <wg-grid-stats for="m"></wg-grid-stats>
      </wg-map>`,
    );
    await el.ready;
    const stats = el.querySelector('wg-grid-stats')!;
    await new Promise((r) => setTimeout(r, 200));
    await stats.updateComplete;
    expect(stats.rows[0]!.onTime).to.equal(50);
    expect(stats.toCsv()).to.contain('按时办结');
  });
});
