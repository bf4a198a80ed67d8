import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridLayer } from '../../src/components/wg-grid-layer/wg-grid-layer.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import { gridRow } from './fixtures.ts';
import { idle } from './map-helpers.ts';

async function mapWithGrids(): Promise<{ el: WgMap; layer: WgGridLayer }> {
  const el = await fixture<WgMap>(html`<wg-map style="width:600px;height:400px">
    <wg-grid-layer .data=${gridRow([250, 400, 620])}></wg-grid-layer>
  </wg-map>`);
  const map = await el.ready;
  await idle(map);
  return { el, layer: el.querySelector('wg-grid-layer')! };
}

describe('wg-map', () => {
  it('draws an offline map: no tile or glyph source in its style', async () => {
    const { el } = await mapWithGrids();
    const style = (await el.ready).getStyle();
    expect(style.glyphs).to.equal(undefined);
    const external = Object.values(style.sources).filter((s) => 'tiles' in s || 'url' in s);
    expect(external).to.have.length(0);
  });

  it('fires wg-map-ready with the MapLibre map', async () => {
    const el = document.createElement('wg-map');
    el.style.cssText = 'display:block;width:300px;height:200px';
    const ready = oneEvent(el, 'wg-map-ready');
    document.body.append(el);
    const event = await ready;
    expect(event.detail.map).to.equal(await el.ready);
    el.remove();
  });

  it('fits the view to its data when no center or zoom is given', async () => {
    const { el } = await mapWithGrids();
    const map = await el.ready;
    const bounds = map.getBounds();
    expect(bounds.contains([120.15, 30.27])).to.equal(true);
    expect(bounds.contains([120.162, 30.274])).to.equal(true);
    expect(map.getZoom()).to.be.greaterThan(12);
  });

  it('fits its data again when its size changes before the user moves it', async () => {
    const { el } = await mapWithGrids();
    const map = await el.ready;
    el.style.width = '260px';
    el.style.height = '200px';
    await new Promise((r) => setTimeout(r, 150));
    const bounds = map.getBounds();
    expect(bounds.contains([120.1505, 30.2705])).to.equal(true);
    expect(bounds.contains([120.1615, 30.2735])).to.equal(true);
  });

  it('keeps center and zoom when they are given', async () => {
    const el = await fixture<WgMap>(html`<wg-map center="116.4,39.9" zoom="10" style="width:400px;height:300px">
      <wg-grid-layer .data=${gridRow([400])}></wg-grid-layer>
    </wg-map>`);
    const map = await el.ready;
    await idle(map);
    expect(map.getCenter().lng).to.be.closeTo(116.4, 1e-6);
    expect(map.getZoom()).to.be.closeTo(10, 1e-6);
  });

  it('follows the size of its container', async () => {
    const { el } = await mapWithGrids();
    const map = await el.ready;
    el.style.width = '320px';
    el.style.height = '240px';
    await new Promise((r) => setTimeout(r, 100));
    expect(map.getContainer().clientWidth).to.equal(320);
    expect(map.getCanvas().clientHeight).to.equal(240);
  });

  it('reports a style that cannot be loaded with wg-error and keeps an offline map', async () => {
    const el = document.createElement('wg-map');
    el.basemap = '/no-such-style.json';
    el.style.cssText = 'display:block;width:300px;height:200px';
    const error = oneEvent(el, 'wg-error') as Promise<WgErrorEvent>;
    document.body.append(el);
    const event = await error;
    expect(event.detail.reason).to.equal('bad-style');
    const map = await el.ready;
    expect(map.getStyle().layers.map((l) => l.id)).to.include('wg-background');
    el.remove();
  });

  it('reports a center that is not "lng,lat" with wg-error', async () => {
    const el = document.createElement('wg-map');
    el.center = 'north';
    el.style.cssText = 'display:block;width:300px;height:200px';
    const error = oneEvent(el, 'wg-error') as Promise<WgErrorEvent>;
    document.body.append(el);
    expect((await error).detail.reason).to.equal('bad-coordinates');
    el.remove();
  });

  it('resolves the display coordinate system from the basemap', () => {
    const el = document.createElement('wg-map');
    expect(el.displayCrs).to.equal('wgs84');
    el.basemap = 'amap';
    expect(el.displayCrs).to.equal('gcj02');
  });

  it('frees its WebGL context when removed and draws again when put back', async () => {
    const { el, layer } = await mapWithGrids();
    const first = await el.ready;
    const gl = first.getCanvas().getContext('webgl2')!;
    const parent = el.parentElement!;
    el.remove();
    expect(gl.isContextLost()).to.equal(true);
    parent.append(el);
    const second = await el.ready;
    await idle(second);
    expect(second).to.not.equal(first);
    const rendered = second.queryRenderedFeatures({ layers: [`${(layer as unknown as { ids: { fill: string } }).ids.fill}`] });
    expect(rendered.length).to.be.greaterThan(0);
  });

  it('leaves no live WebGL context behind after 50 remove/re-add cycles', async () => {
    const { el } = await mapWithGrids();
    const parent = el.parentElement!;
    const contexts: WebGL2RenderingContext[] = [];
    for (let i = 0; i < 50; i++) {
      const map = await el.ready;
      contexts.push(map.getCanvas().getContext('webgl2')!);
      el.remove();
      parent.append(el);
    }
    const live = contexts.filter((gl) => !gl.isContextLost());
    expect(live).to.have.length(0);
    await idle(await el.ready);
  });

  it('speaks English with lang="en"', async () => {
    const el = await fixture<WgMap>(html`<wg-map lang="en" style="width:400px;height:300px">
      <wg-grid-layer .data=${gridRow([400, 420])}></wg-grid-layer>
    </wg-map>`);
    const layer = el.querySelector('wg-grid-layer')!;
    await layer.updateComplete;
    expect(layer.shadowRoot!.querySelector('summary')!.textContent).to.equal('Grids (2)');
  });
});
