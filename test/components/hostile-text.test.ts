import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { Grids, Issues, Stations } from '../../src/core/types.ts';
import { gridRow, issues, stations } from './fixtures.ts';
import { idle } from './map-helpers.ts';

declare global {
  interface Window {
    __xss?: number;
  }
}

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><img src=x onerror=window.__xss=1>',
  "'><svg onload=window.__xss=1>",
  '<svg><script>window.__xss=1</script></svg>',
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">点我</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<details open ontoggle=window.__xss=1>',
  '<input autofocus onfocus=window.__xss=1>',
  '<body onload=window.__xss=1>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<object data="javascript:window.__xss=1">',
  '<video><source onerror="window.__xss=1">',
  '{{constructor.constructor("window.__xss=1")()}}',
  '${window.__xss=1}',
  '<style>*{background:url("javascript:window.__xss=1")}</style>',
  '\u202e<img src=x onerror=window.__xss=1>\u0000',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<marquee onstart=window.__xss=1>飞线充电</marquee>',
];

/** 200 hostile strings: each payload in ten dresses (Chinese text around it, quotes, repetition). */
export const HOSTILE = Array.from({ length: 200 }, (_, i) => {
  const payload = PAYLOADS[i % PAYLOADS.length];
  const dress = Math.floor(i / PAYLOADS.length);
  return [payload, `3幢${payload}`, `${payload}居民反映`, `"${payload}"`, payload.repeat(2), `<b>${payload}</b>`, `&lt;${payload}&gt;`, `${payload}\n${payload}`, `«${payload}»`, `${i}:${payload}`][dress];
});

function hostileData() {
  const grids: Grids = gridRow(Array.from({ length: 10 }, () => 400), 0.002);
  grids.features.forEach((g, i) => {
    g.properties.name = HOSTILE[i];
    g.properties.worker = HOSTILE[i + 10];
  });
  const stationData: Stations = stations(
    Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, kind: i % 3 ? 'post' : HOSTILE[i + 20], at: [120.15 + i * 0.0008, 30.271] as [number, number], name: HOSTILE[i + 40] })),
  );
  stationData.features.forEach((s, i) => {
    s.properties.services = [HOSTILE[i + 60], HOSTILE[i + 80]];
    s.properties.hours = HOSTILE[i + 100];
  });
  const issueData: Issues = issues(
    Array.from({ length: 100 }, (_, i) => ({ id: `i${i}`, at: [120.15 + (i % 10) * 0.002, 30.2705 + Math.floor(i / 10) * 0.0001] as [number, number], description: HOSTILE[(i + 100) % 200], category: HOSTILE[i % 200] })),
  );
  issueData.features.forEach((f, i) => (f.properties.address = HOSTILE[199 - i]));
  return { grids: grids, stations: stationData, issues: issueData };
}

describe('resident text is text', () => {
  it('runs none of 200 hostile strings in labels, lists and popups', async () => {
    window.__xss = 0;
    const data = hostileData();
    const el = await fixture<WgMap>(html`<wg-map style="width:700px;height:500px">
      <wg-grid-layer .data=${data.grids}></wg-grid-layer>
      <wg-station-layer list-open .data=${data.stations}></wg-station-layer>
      <wg-issue-layer list-open .data=${data.issues}></wg-issue-layer>
    </wg-map>`);
    const map = await el.ready;
    await idle(map);
    const stationLayer = el.querySelector('wg-station-layer')!;
    const issueLayer = el.querySelector('wg-issue-layer')!;
    const popupTexts: string[] = [];
    for (const s of data.stations.features) {
      stationLayer.select(s.properties.id);
      popupTexts.push(el.shadowRoot!.querySelector('.wg-popup')!.textContent!);
    }
    for (const i of data.issues.features) {
      issueLayer.select(i.properties.service_request_id);
      popupTexts.push(el.shadowRoot!.querySelector('.wg-popup')!.textContent!);
    }
    await idle(map);
    await new Promise((r) => setTimeout(r, 200)); // give any onerror/onload a chance to fire
    expect(window.__xss).to.equal(0);

    // No element that a payload could have produced exists anywhere in our DOM.
    const roots = [el.shadowRoot!, ...[...el.querySelectorAll('*')].map((c) => c.shadowRoot!).filter(Boolean)];
    for (const root of roots) {
      expect(root.querySelectorAll('script, img, svg, iframe, object, video, marquee, input, template, math, a[href]')).to.have.length(0);
    }
    // The strings are shown as they are.
    expect(popupTexts[0]).to.contain(data.stations.features[0].properties.name);
    expect(popupTexts.at(-1)).to.contain(data.issues.features.at(-1)!.properties.description);
    const gridList = el.querySelector('wg-grid-layer')!.shadowRoot!.textContent!;
    expect(gridList).to.contain(HOSTILE[0]);
  });
});
