/**
 * Attributes and properties take what users write (`crs="GCJ-02"`, `GCJ02`, `mode="Heatmap"`) and
 * refuse the rest with a `wg-error` naming the attribute and the value; the last good setting stays,
 * nothing throws, and data set afterwards is still drawn.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import { gridRow, issues, stations } from './fixtures.ts';
import { idle } from './map-helpers.ts';

type Any = HTMLElement & Record<string, unknown> & { updateComplete: Promise<boolean> };
const featuresOf = (el: Any) => (el as unknown as { features: unknown[] }).features;

async function withMap(tag: string): Promise<{ map: WgMap; el: Any; errors: WgErrorEvent['detail'][] }> {
  const map = await fixture<WgMap>(html`<wg-map style="width:400px;height:300px"></wg-map>`);
  await idle(await map.ready);
  const el = document.createElement(tag) as Any;
  const errors: WgErrorEvent['detail'][] = [];
  el.addEventListener('wg-error', (e) => errors.push((e as WgErrorEvent).detail));
  map.append(el);
  await el.updateComplete;
  return { map, el, errors };
}

describe('attributes people write', () => {
  for (const spelling of ['GCJ-02', 'gcj02', 'GCJ02', 'gcj-02', 'Amap']) {
    it(`crs="${spelling}" is gcj02`, async () => {
      const { el, errors } = await withMap('wg-grid-layer');
      el.setAttribute('crs', spelling);
      await el.updateComplete;
      expect(el.crs).to.equal('gcj02');
      expect(errors).to.deep.equal([]);
    });
  }
});

describe('attributes refused with a wg-error, the last good setting kept', () => {
  const cases: Array<{ tag: string; attribute: string; property: string; value: string; kept: unknown }> = [
    { tag: 'wg-grid-layer', attribute: 'crs', property: 'crs', value: 'EPSG:3857', kept: 'wgs84' },
    { tag: 'wg-grid-layer', attribute: 'min-households', property: 'minHouseholds', value: 'abc', kept: 300 },
    {
      tag: 'wg-station-layer',
      attribute: 'coverage-radius',
      property: 'coverageRadius',
      value: '-50',
      kept: undefined,
    },
    {
      tag: 'wg-station-layer',
      attribute: 'coverage-radius',
      property: 'coverageRadius',
      value: 'abc',
      kept: undefined,
    },
    { tag: 'wg-issue-layer', attribute: 'mode', property: 'mode', value: 'bogus', kept: 'points' },
    {
      tag: 'wg-grid-editor',
      attribute: 'max-households',
      property: 'maxHouseholds',
      value: 'Infinity',
      kept: 500,
    },
  ];
  for (const c of cases) {
    it(`<${c.tag} ${c.attribute}="${c.value}">`, async () => {
      const { el, errors } = await withMap(c.tag);
      const before = el[c.property];
      if (c.kept !== undefined) expect(before).to.equal(c.kept);
      el.setAttribute(c.attribute, c.value);
      await el.updateComplete;
      expect(el[c.property]).to.equal(before);
      expect(errors.map((e) => e.reason)).to.deep.equal(['invalid-attribute']);
      expect(errors[0]!.message).to.contain(`${c.attribute}="${c.value}"`);
    });
  }

  it('a refused crs does not stop later data from being drawn', async () => {
    const { el, errors } = await withMap('wg-grid-layer');
    el.setAttribute('crs', 'nonsense');
    await el.updateComplete;
    el.data = gridRow([400, 420]);
    await el.updateComplete;
    expect(featuresOf(el).length).to.equal(2);
    expect(errors.length).to.equal(1);
  });

  it('mode="Heatmap" is heatmap; stations and issues still take data after a refused value', async () => {
    const issueLayer = await withMap('wg-issue-layer');
    issueLayer.el.setAttribute('mode', 'Heatmap');
    await issueLayer.el.updateComplete;
    expect(issueLayer.el.mode).to.equal('heatmap');
    issueLayer.el.data = issues([{ id: 'a', at: [120.15, 30.27] }]);
    await issueLayer.el.updateComplete;
    expect(featuresOf(issueLayer.el).length).to.equal(1);
    const stationLayer = await withMap('wg-station-layer');
    stationLayer.el.setAttribute('coverage-radius', '-50');
    stationLayer.el.data = stations([{ id: 's', kind: 'post', at: [120.15, 30.27] }]);
    await stationLayer.el.updateComplete;
    expect(featuresOf(stationLayer.el).length).to.equal(1);
  });

  it('editor.plan = "x" is refused with a wg-error and the plan is kept', async () => {
    const { el, errors } = await withMap('wg-grid-editor');
    const good = { id: 'p', grids: [{ id: 'g1', code: 'g1' }], assignment: { B1: 'g1' } };
    el.plan = good;
    el.plan = 'x';
    el.plan = { grids: 'none' };
    await el.updateComplete;
    expect(errors.map((e) => e.reason)).to.deep.equal(['bad-plan', 'bad-plan']);
    expect((el.plan as { grids: unknown[] }).grids.length).to.equal(1);
  });

  it('prints NaN and Infinity as they are', async () => {
    const { el, errors } = await withMap('wg-grid-layer');
    el.minHouseholds = Number.NaN;
    await el.updateComplete;
    el.maxHouseholds = Infinity;
    await el.updateComplete;
    expect(errors.map((e) => e.message).join(' ')).to.match(/NaN.*Infinity/);
    expect(errors.map((e) => e.message).join(' ')).not.to.contain('null');
  });
});

describe('issue dates as epoch milliseconds', () => {
  it('are shown and selectable like ISO dates', async () => {
    const { el, errors } = await withMap('wg-issue-layer');
    const data = issues([{ id: 'e1', at: [120.15, 30.27] }]);
    const p = data.features[0]!.properties as unknown as Record<string, unknown>;
    p.requested_datetime = Date.UTC(2026, 9, 1, 1);
    p.expected_datetime = Date.UTC(2026, 9, 5, 10);
    el.data = data;
    await el.updateComplete;
    expect(errors).to.deep.equal([]);
    expect(featuresOf(el).length).to.equal(1);
    (el as unknown as { select(id: string): void }).select('e1');
    const popup = (el.closest('wg-map') as WgMap).shadowRoot!.querySelector('.wg-popup');
    expect(popup?.textContent ?? '').to.contain('2026');
  });
});

describe('grid codes', () => {
  it('the grid layer reports duplicate codes, and codes that break its code-standard, naming the grids', async () => {
    const { el, errors } = await withMap('wg-grid-layer');
    const data = gridRow([400, 410, 420]);
    data.features[1]!.properties.code = data.features[0]!.properties.code;
    el.data = data;
    await el.updateComplete;
    expect(errors.map((e) => e.reason)).to.deep.equal(['invalid-code']);
    expect(errors[0]!.ids).to.deep.equal(['g2']);
    el.setAttribute('code-standard', 'cjt349:010100');
    await el.updateComplete;
    for (let i = 0; i < 100 && errors.length < 2; i++) await new Promise((r) => setTimeout(r, 10)); // the standards load lazily
    expect(errors.length).to.equal(2);
    expect(errors[1]!.message).to.match(/is not 20 digits/);
    expect(errors[1]!.ids!.length).to.equal(3);
  });

  it('the editor codes new grids by its code-standard (CJ/T 349-2010, in reading order)', async () => {
    const { generateCommunity } = await import('../../demo/data/generate.ts');
    const c = generateCommunity({ seed: 7 });
    const plan = {
      id: 'p',
      grids: c.gridsBefore.features.map((f) => ({ ...f.properties, community: '330102001001' })),
      assignment: c.assignmentBefore,
    };
    const map = await fixture<WgMap>(
      html`<wg-map style="width:800px;height:600px">
        <wg-grid-editor
          code-standard="cjt349:010100"
          .units=${c.units}
          .boundary=${c.boundary}
          .plan=${plan}
        ></wg-grid-editor>
      </wg-map>`,
    );
    await idle(await map.ready);
    const editor = map.querySelector('wg-grid-editor') as unknown as {
      splitGrid(id: string, r: unknown): Promise<unknown>;
      acceptSplit(): boolean;
      plan: { grids: Array<{ id: string; code?: string }> };
      updateComplete: Promise<boolean>;
    };
    await editor.updateComplete;
    const big = plan.grids[0]!.id;
    await editor.splitGrid(big, { parts: 3 });
    expect(editor.acceptSplit()).to.equal(true);
    const fresh = editor.plan.grids.filter((g) => !plan.grids.some((p) => p.id === g.id));
    expect(fresh.length).to.equal(2);
    for (const g of fresh) expect(g.code).to.match(/^0101003301020010010[1-9]$/);
  });
});
