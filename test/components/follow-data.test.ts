/**
 * The map follows its data (replacing data re-fits until the user moves the map; fitToData() fits
 * what is shown now), the editor's plan and grids inputs — the one set last wins, so another
 * community loads into the same editor — and many problems stay readable (grouped, one status line).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridEditor } from '../../src/components/wg-grid-editor/wg-grid-editor.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import type { Plan } from '../../src/core/types.ts';
import { gridRow } from './fixtures.ts';
import { idle } from './map-helpers.ts';

/** A deep copy of `value` with every [lng, lat] moved by `dx` degrees east and every id prefixed. */
function shifted<T>(value: T, dx: number): T {
  return JSON.parse(JSON.stringify(value), (_key, v) => {
    if (Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number')
      return [v[0] + dx, ...v.slice(1)];
    return v;
  }) as T;
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

describe('the map follows its data', () => {
  it('re-fits when data is replaced, not after the user moved the map; fitToData() always fits', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:500px;height:400px">
        <wg-grid-layer .data=${gridRow([400, 420])}></wg-grid-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const layer = el.querySelector('wg-grid-layer')!;
    expect(near(map.getCenter().lng, 120.154, 0.01)).to.equal(true);
    layer.data = shifted(gridRow([400, 420]), 1.3);
    await layer.updateComplete;
    await idle(map);
    expect(near(map.getCenter().lng, 121.454, 0.01), `centre ${map.getCenter().lng}`).to.equal(true);
    // The user drags the map: a later replace leaves the view alone…
    map.panBy([120, 0], { animate: false }, { originalEvent: new MouseEvent('mousemove') });
    await idle(map);
    const moved = map.getCenter().lng;
    layer.data = shifted(gridRow([400, 420]), -1.3);
    await layer.updateComplete;
    await idle(map);
    expect(map.getCenter().lng).to.be.closeTo(moved, 1e-6);
    // …until it asks: fitToData() fits what is shown now.
    el.fitToData();
    await idle(map);
    expect(near(map.getCenter().lng, 118.854, 0.01), `centre ${map.getCenter().lng}`).to.equal(true);
  });

  it('fits again when the side panel appears, so the data stays clear of it', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:700px;height:400px">
        <wg-grid-layer list-hidden .data=${gridRow([400, 420, 440])}></wg-grid-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const west = () => map.project([120.15, 30.272]).x;
    expect(west()).to.be.lessThan(60); // no panel: 24 px of padding
    const layer = el.querySelector('wg-grid-layer')!;
    layer.listHidden = false; // its list now shows in the panel
    await layer.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await idle(map);
    const panel = el.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    expect(panel.offsetHeight).to.be.greaterThan(0);
    expect(west()).to.be.greaterThan(panel.offsetWidth);
  });

  it('zooming to a grid in code also keeps the view when data is replaced (a supervisor looking at one grid)', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:500px;height:400px">
        <wg-grid-layer .data=${gridRow([400, 420, 440, 460])}></wg-grid-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const layer = el.querySelector('wg-grid-layer')!;
    const whole = map.getZoom();
    layer.select('g4', { zoom: true });
    await new Promise((r) => setTimeout(r, 500));
    await idle(map);
    const zoomed = map.getZoom();
    expect(zoomed).to.be.greaterThan(whole);
    layer.data = gridRow([401, 421, 441, 461]); // the same grids, refreshed
    await layer.updateComplete;
    await idle(map);
    expect(map.getZoom()).to.be.closeTo(zoomed, 1e-6);
  });
});

describe('wg-grid-editor inputs', () => {
  const a = generateCommunity({ seed: 7 });
  const planA: Plan = {
    id: 'a',
    grids: a.gridsBefore.features.map((f) => ({ ...f.properties })),
    assignment: a.assignmentBefore,
  };

  it('grids set after plan win; another community loads into the same editor, and the map follows it', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:900px;height:600px">
        <wg-grid-editor .units=${a.units} .boundary=${a.boundary} .plan=${planA}></wg-grid-editor>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    const editor = el.querySelector('wg-grid-editor') as WgGridEditor;
    const lngA = map.getCenter().lng;
    // Another community, 0.05° east, as units + boundary + grid polygons.
    const units = shifted(a.units, 0.05);
    const grids = shifted(a.gridsBefore, 0.05);
    for (const f of grids.features) f.properties.id = `b-${f.properties.id}`;
    editor.units = units;
    editor.boundary = shifted(a.boundary, 0.05);
    editor.grids = grids;
    await editor.updateComplete;
    expect(editor.plan!.grids.map((g) => g.id).sort()).to.deep.equal(
      grids.features.map((f) => f.properties.id).sort(),
    );
    // The next edit works on the new grids (it once failed with "There is no grid …").
    const first = editor.plan!.grids[0]!.id;
    editor.select(first);
    expect(editor.editor!.state.grids.some((g) => g.id === first)).to.equal(true);
    await idle(map);
    expect(map.getCenter().lng - lngA).to.be.closeTo(0.05, 0.01);
    // And a plan set after the grids wins again.
    editor.units = a.units;
    editor.boundary = a.boundary;
    editor.plan = planA;
    await editor.updateComplete;
    expect(editor.plan!.grids.map((g) => g.id).sort()).to.deep.equal(planA.grids.map((g) => g.id).sort());
  });

  it('many problems: grouped by kind in a scrolling list, the status line one line', async () => {
    const el = await fixture<WgMap>(
      html`<wg-map style="width:900px;height:600px" lang="en">
        <wg-grid-editor
          .units=${a.units}
          .boundary=${a.boundary}
          .plan=${planA}
          max-households="340"
        ></wg-grid-editor>
      </wg-map>`,
    );
    await idle(await el.ready);
    const editor = el.querySelector('wg-grid-editor') as WgGridEditor;
    await editor.updateComplete;
    // Split the largest grid into four: four grids over a band of 300–340 at once.
    const big = editor.plan!.grids.reduce((x, y) => ((y.households ?? 0) > (x.households ?? 0) ? y : x)).id;
    await editor.splitGrid(big, { parts: 4 });
    expect(editor.acceptSplit()).to.equal(true);
    await editor.updateComplete;
    const over = editor.stats!.problems.filter((p) => p.kind === 'over-band');
    expect(over.length).to.be.at.least(4);
    const root = editor.shadowRoot!;
    const summaries = [...root.querySelectorAll('.problems summary')].map((s) => s.textContent!.trim());
    expect(summaries).to.include(`over the band (${over.length})`);
    expect(
      summaries.some((x) => /^needs a worker \(\d+\)$/.test(x)),
      summaries.join(' | '),
    ).to.equal(true);
    expect(getComputedStyle(root.querySelector<HTMLElement>('.problems')!).overflowY).to.equal('auto');
    const status = root.querySelector<HTMLElement>('.status')!;
    expect(status.textContent!.trim()).to.match(/ · 4 over the band; see Problems$/);
    expect(getComputedStyle(status).whiteSpace).to.equal('nowrap');
  });
});
