import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { messages } from '../../src/i18n/messages.ts';
import { editorMessages } from '../../src/components/wg-grid-editor/wg-grid-editor.messages.ts';
import { MapLibreAdapter } from '../../src/map/adapter.ts';
import { openTextPopup } from '../../src/map/popup.ts';
import { gridRow } from './fixtures.ts';
import { idle, pixelAt } from './map-helpers.ts';

const mapLabel = (el: WgMap) => el.shadowRoot!.querySelector('[part=map]')!.getAttribute('aria-label');
const gridListTitle = (el: Element) =>
  el.querySelector('wg-grid-layer')!.shadowRoot!.querySelector('summary')?.textContent ?? '';

describe('wg-map in its host page: language, theme, font', () => {
  let pageLang: string;
  beforeEach(() => (pageLang = document.documentElement.lang));
  afterEach(() => (document.documentElement.lang = pageLang));

  it('inherits the page language from <html lang> when it has none of its own', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<WgMap>(html`<wg-map style="width:300px;height:200px"></wg-map>`);
    expect(el.lang).to.equal('en');
    expect(mapLabel(el)).to.equal('Community grid map');
  });

  it('defaults to zh-CN when nothing gives a language', async () => {
    document.documentElement.lang = '';
    const el = await fixture<WgMap>(html`<wg-map style="width:300px;height:200px"></wg-map>`);
    expect(el.lang).to.equal('zh-CN');
    expect(mapLabel(el)).to.equal('社区网格地图');
  });

  it('inherits the nearest ancestor lang, and its layers follow', async () => {
    document.documentElement.lang = 'zh-CN';
    const box = await fixture(
      html`<div lang="en">
        <wg-map style="width:400px;height:300px"
          ><wg-grid-layer .data=${gridRow([250, 400])}></wg-grid-layer
        ></wg-map>
      </div>`,
    );
    const el = box.querySelector('wg-map')!;
    await el.updateComplete;
    await el.querySelector('wg-grid-layer')!.updateComplete;
    expect(mapLabel(el)).to.equal('Community grid map');
    expect(gridListTitle(el)).to.contain('Grids');
  });

  it('follows a runtime change of <html lang> unless it has its own lang', async () => {
    document.documentElement.lang = 'zh-CN';
    const box = await fixture(
      html`<div>
        <wg-map id="a" style="width:300px;height:200px"></wg-map>
        <wg-map id="b" lang="zh-CN" style="width:300px;height:200px"></wg-map>
      </div>`,
    );
    const [a, b] = [...box.querySelectorAll('wg-map')];
    document.documentElement.lang = 'en';
    await new Promise((resolve) => setTimeout(resolve, 0)); // mutation observers run
    await a.updateComplete;
    expect(mapLabel(a)).to.equal('Community grid map');
    expect(mapLabel(b)).to.equal('社区网格地图');
  });

  it('formats household counts for the locale', () => {
    expect(messages('zh-CN').households(12345)).to.equal('12,345户');
    expect(messages('en').households(12345)).to.equal('12,345 households');
    expect(editorMessages('en').households(1500)).to.equal('1,500 households');
  });

  it('draws a dark background with theme="dark" and switches at runtime', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map theme="dark" center="120,30" zoom="10" style="width:300px;height:200px"></wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const [r, g, b] = await pixelAt(map, [120, 30]);
    expect(r + g + b).to.be.lessThan(200);
    el.theme = 'light';
    await el.updateComplete;
    await idle(map);
    const [r2, g2, b2] = await pixelAt(map, [120, 30]);
    expect(r2 + g2 + b2).to.be.greaterThan(600);
  });

  it('uses the portal font in popups and exposes them as ::part(popup)', async () => {
    const box = await fixture(
      html`<div style="font-family: 'Portal Sans', monospace">
        <wg-map center="120,30" zoom="12" style="width:400px;height:300px"></wg-map>
      </div>`,
    );
    const el = box.querySelector('wg-map')!;
    const map = await el.ready;
    openTextPopup(new MapLibreAdapter(map), [120, 30], '第1网格', [['网格员', '张三']]);
    const popup = el.shadowRoot!.querySelector<HTMLElement>('[part=popup]')!;
    expect(popup).to.not.equal(null);
    expect(getComputedStyle(popup).fontFamily).to.contain('Portal Sans');
    expect(getComputedStyle(map.getContainer()).fontFamily).to.contain('Portal Sans');
  });
});
