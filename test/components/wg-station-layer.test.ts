import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import gcoord from 'gcoord';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgStationLayer } from '../../src/components/wg-station-layer/wg-station-layer.ts';
import { stations } from './fixtures.ts';
import { clickAt, idle } from './map-helpers.ts';

const ids = (layer: WgStationLayer) => (layer as unknown as { ids: { circle: string; symbol: string } }).ids;

describe('wg-station-layer', () => {
  it('draws each kind with its own colour and mark, without a sprite', async () => {
    const el = await fixture<WgMap>(html`<wg-map style="width:500px;height:400px">
      <wg-station-layer
        .data=${stations([
          { id: 's1', kind: 'center', at: [120.15, 30.27] },
          { id: 's2', kind: 'post', at: [120.152, 30.271] },
          { id: 's3', kind: 'social-work', at: [120.154, 30.272] },
        ])}
      ></wg-station-layer>
    </wg-map>`);
    const map = await el.ready;
    await idle(map);
    const layer = el.querySelector('wg-station-layer')!;
    expect(map.getStyle().sprite).to.equal(undefined);
    const circles = map.queryRenderedFeatures({ layers: [ids(layer).circle] });
    expect(circles.map((f) => f.properties.kindKey).sort()).to.deep.equal(['center', 'post', 'social-work']);
    const colors = new Set(circles.map((f) => JSON.stringify(f.layer.paint?.['circle-color' as never])));
    expect(colors.size).to.equal(3);
    const marks = map.queryRenderedFeatures({ layers: [ids(layer).symbol] });
    expect(marks.length).to.equal(3);
  });

  it('opens a text popup and fires wg-station-select on click', async () => {
    const el = await fixture<WgMap>(html`<wg-map style="width:500px;height:400px">
      <wg-station-layer .data=${stations([{ id: 's1', kind: 'center', at: [120.15, 30.27], name: '滨河社区党群服务中心' }, { id: 's2', kind: 'post', at: [120.16, 30.28] }])}></wg-station-layer>
    </wg-map>`);
    const map = await el.ready;
    await idle(map);
    const layer = el.querySelector('wg-station-layer')!;
    const selected = oneEvent(layer, 'wg-station-select');
    clickAt(map, [120.15, 30.27]);
    expect((await selected).detail.id).to.equal('s1');
    const popup = el.shadowRoot!.querySelector('.wg-popup');
    expect(popup?.textContent).to.contain('滨河社区党群服务中心');
    expect(popup?.textContent).to.contain('9:00-17:00');
  });

  it('places a station given in GCJ-02 where its WGS84 twin is', async () => {
    const wgs: [number, number] = [120.155, 30.275];
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const el = await fixture<WgMap>(html`<wg-map style="width:500px;height:400px" center="120.155,30.275" zoom="17">
      <wg-station-layer .data=${stations([{ id: 'w', kind: 'post', at: wgs }])}></wg-station-layer>
      <wg-station-layer crs="gcj02" .data=${stations([{ id: 'g', kind: 'post', at: gcj }])}></wg-station-layer>
    </wg-map>`);
    const map = await el.ready;
    await idle(map);
    const [a, b] = [...el.querySelectorAll('wg-station-layer')];
    const pa = map.queryRenderedFeatures({ layers: [ids(a).circle] })[0].geometry as GeoJSON.Point;
    const pb = map.queryRenderedFeatures({ layers: [ids(b).circle] })[0].geometry as GeoJSON.Point;
    const da = map.project(pa.coordinates as [number, number]);
    const db = map.project(pb.coordinates as [number, number]);
    expect(Math.hypot(da.x - db.x, da.y - db.y)).to.be.lessThan(1);
    // And the raw GCJ-02 position is visibly elsewhere (hundreds of metres in China).
    const raw = map.project(gcj);
    expect(Math.hypot(raw.x - da.x, raw.y - da.y)).to.be.greaterThan(50);
  });
});
