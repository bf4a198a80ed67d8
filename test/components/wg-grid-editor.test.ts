import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { WgGridEditor } from '../../src/components/wg-grid-editor/wg-grid-editor.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import type { Plan } from '../../src/core/types.ts';
import { householdsPerGrid } from '../../src/core/editor/state.ts';
import { clickAt, dragAlong, idle } from './map-helpers.ts';

WgMap.define('wg-map');
WgGridEditor.define('wg-grid-editor');

const community = generateCommunity({ seed: 7 });
const before: Plan = {
  id: 'before',
  grids: community.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: community.assignmentBefore,
};
const BIG = '330102001-old-1';
const TOTAL = community.units.features.reduce((s, f) => s + f.properties.households, 0);

async function setup(plan: Plan = before, lang = 'zh-CN') {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:900px;height:600px;--wg-panel-width:24rem" lang=${lang}>
      <wg-grid-editor
        .units=${community.units}
        .boundary=${community.boundary}
        .plan=${plan}
      ></wg-grid-editor>
    </wg-map>`,
  );
  const map = await el.ready;
  const editor = el.querySelector('wg-grid-editor')!;
  await editor.updateComplete;
  await idle(map);
  return { el, map, editor };
}

const button = (editor: WgGridEditor, action: string) =>
  editor.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
const households = (editor: WgGridEditor) =>
  householdsPerGrid(editor.editor!.state, editor.editor!.context.households);
const total = (editor: WgGridEditor) => [...households(editor).values()].reduce((a, b) => a + b, 0);

describe('wg-grid-editor', () => {
  it('loads the plan and draws one polygon per grid on the map', async () => {
    const { map, editor } = await setup();
    const fill = map
      .getStyle()
      .layers.find(
        (l) => l.id.startsWith('wg-editor') && l.id.endsWith('-fill') && !l.id.includes('preview'),
      )!.id;
    const ids = new Set(map.queryRenderedFeatures({ layers: [fill] }).map((f) => f.properties.id));
    expect([...ids].sort()).to.deep.equal(before.grids.map((g) => g.id).sort());
    expect(editor.stats!.outOfBand).to.equal(3);
  });

  it('derives the assignment from grid polygons alone', async () => {
    const el = await fixture<WgGridEditor>(
      html`<wg-grid-editor
        .units=${community.units}
        .boundary=${community.boundary}
        .grids=${community.gridsBefore}
      ></wg-grid-editor>`,
    );
    expect(el.plan!.assignment).to.deep.equal(community.assignmentBefore);
  });

  it('splits into the band through its method: a preview, then accepted, households conserved', async () => {
    const { editor } = await setup();
    const preview = (await editor.splitGrid(BIG))!;
    expect(preview.parts.every((p) => p.households >= 300 && p.households <= 500)).to.equal(true);
    expect(editor.plan!.grids.length).to.equal(3);
    expect(editor.acceptSplit()).to.equal(true);
    expect(editor.plan!.grids.length).to.equal(2 + preview.parts.length);
    expect(total(editor)).to.equal(TOTAL);
  });

  it('splits through the UI: select with the keyboard, press the split button, accept', async () => {
    const { editor } = await setup();
    const first = editor.shadowRoot!.querySelector<HTMLLIElement>('ul[part=grid-list] li')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await editor.updateComplete;
    expect(editor.selected).to.deep.equal([BIG]);
    const previewed = oneEvent(editor, 'wg-split-preview');
    button(editor, 'split-band').click();
    await previewed;
    await editor.updateComplete;
    const changed = oneEvent(editor, 'wg-plan-change');
    button(editor, 'accept').click();
    const { detail } = await changed;
    expect(detail.diff.added.length).to.equal(2);
    expect(
      detail.plan.grids.filter((g: { households?: number }) => g.households! >= 300 && g.households! <= 500)
        .length,
    ).to.equal(3);
  });

  it('selects several grids with Space and merges them with the button', async () => {
    const { editor } = await setup();
    const items = [...editor.shadowRoot!.querySelectorAll<HTMLLIElement>('ul[part=grid-list] li')];
    for (const item of items.slice(1, 3))
      item.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
    await editor.updateComplete;
    expect(editor.selected).to.have.length(2);
    button(editor, 'merge').click();
    await editor.updateComplete;
    expect(editor.plan!.grids).to.have.length(2);
    expect(total(editor)).to.equal(TOTAL);
  });

  it('selects a grid by clicking it on the map', async () => {
    const { map, editor } = await setup();
    const unit = community.units.features.find((f) => community.assignmentBefore[f.properties.id] === BIG)!;
    clickAt(map, unit.geometry.coordinates as [number, number]);
    expect(editor.selected).to.deep.equal([BIG]);
  });

  it('paints buildings without dragging: pick from the building list, assign through the select', async () => {
    const { editor } = await setup();
    editor.select(['330102001-old-2', '330102001-old-3']);
    await editor.updateComplete;
    const item = editor.shadowRoot!.querySelector<HTMLLIElement>('ul[part=unit-list] li')!;
    const unit = item.dataset.id!;
    item.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
    await editor.updateComplete;
    const select = editor.shadowRoot!.querySelector<HTMLSelectElement>('select[name=assign-target]')!;
    const target =
      editor.plan!.assignment[unit] === '330102001-old-2' ? '330102001-old-3' : '330102001-old-2';
    select.value = target;
    select.dispatchEvent(new Event('change'));
    button(editor, 'assign').click();
    expect(editor.plan!.assignment[unit]).to.equal(target);
  });

  it('lassos buildings on the map with a drawn shape, then assigns them to a grid', async () => {
    const { map, editor } = await setup();
    editor.mode = 'lasso';
    await editor.updateComplete;
    // A square round the middle of one grid's buildings.
    const ctx = editor.editor!.context;
    const grid = '330102001-old-2';
    const mine = ctx.unitIds
      .map((u, i) => ({ u, s: ctx.sites[i]! }))
      .filter(({ u }) => editor.plan!.assignment[u] === grid);
    const xs = mine.map((m) => m.s[0]!).sort((a, b) => a - b);
    const ys = mine.map((m) => m.s[1]!).sort((a, b) => a - b);
    const [w, e] = [xs[0]!, xs[Math.floor(xs.length / 2)]!];
    const [s, n] = [ys[0]!, ys[ys.length - 1]!];
    const pad = 0.00005;
    const ring: Array<[number, number]> = [
      [w - pad, s - pad],
      [e + pad, s - pad],
      [e + pad, n + pad],
      [w - pad, n + pad],
    ];
    dragAlong(map, [...ring, ring[0]!]);
    await editor.updateComplete;
    // Judged in screen pixels, leaving out buildings within 2 px of the edge (mouse positions are whole pixels).
    const [sw, ne] = [map.project([w - pad, s - pad]), map.project([e + pad, n + pad])];
    const where = (i: number) => {
      const p = map.project(ctx.sites[i] as [number, number]);
      const dx = Math.min(p.x - sw.x, ne.x - p.x);
      const dy = Math.min(sw.y - p.y, p.y - ne.y);
      return Math.min(dx, dy);
    };
    const inside = ctx.unitIds.filter((_, i) => where(i) > 2);
    const outside = ctx.unitIds.filter((_, i) => where(i) < -2);
    expect(inside.length).to.be.greaterThan(5);
    expect(inside.every((u) => editor.selectedUnits.includes(u))).to.equal(true);
    expect(outside.some((u) => editor.selectedUnits.includes(u))).to.equal(false);
    // The lassoed buildings are listed and assigned with the button; one undo puts them back.
    const listed = [
      ...editor.shadowRoot!.querySelectorAll<HTMLLIElement>('ul[part=unit-list] li[aria-selected=true]'),
    ];
    expect(listed.map((li) => li.dataset.id).sort()).to.deep.equal([...editor.selectedUnits].sort());
    const moved = [...editor.selectedUnits];
    const select = editor.shadowRoot!.querySelector<HTMLSelectElement>('select[name=assign-target]')!;
    select.value = '330102001-old-3';
    select.dispatchEvent(new Event('change'));
    button(editor, 'assign').click();
    expect(moved.every((u) => editor.plan!.assignment[u] === '330102001-old-3')).to.equal(true);
    expect(total(editor)).to.equal(TOTAL);
    // The map shows the move (sent as a diff of the moved buildings): they now have grid 3's colour.
    await editor.updateComplete;
    await idle(map);
    const unitsLayer = map.getStyle().layers.find((l) => l.id.startsWith('wg-editor') && l.id.endsWith('-units'))!.id;
    const drawn = new Map(map.queryRenderedFeatures({ layers: [unitsLayer] }).map((f) => [f.properties.id, f.properties.color]));
    const colourOf3 = drawn.get(ctx.unitIds.find((u) => before.assignment[u] === '330102001-old-3')!);
    expect(moved.every((u) => drawn.get(u) === colourOf3)).to.equal(true);
    expect(map.dragPan.isEnabled()).to.equal(true);
    editor.undo();
    expect(moved.every((u) => editor.plan!.assignment[u] === before.assignment[u])).to.equal(true);
  });

  it('warns when painting makes a grid non-contiguous', async () => {
    const { editor } = await setup();
    const site = (f: (typeof community.units.features)[number]) => f.geometry.coordinates as number[];
    const big = community.units.features.filter((f) => community.assignmentBefore[f.properties.id] === BIG);
    const distance = (f: (typeof big)[number]) =>
      Math.min(...big.map((b) => Math.hypot(site(b)[0] - site(f)[0], site(b)[1] - site(f)[1])));
    const far = community.units.features
      .filter((f) => community.assignmentBefore[f.properties.id] === '330102001-old-3')
      .sort((a, b) => distance(b) - distance(a))[0].properties.id;
    editor.assignUnits([far], BIG);
    await editor.updateComplete;
    expect(editor.stats!.problems.some((p) => p.kind === 'not-contiguous' && p.grid === BIG)).to.equal(true);
    expect(editor.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('不连片');
  });

  it('splits along a line of clicked map points', async () => {
    const { map, editor } = await setup();
    editor.select(BIG);
    editor.mode = 'line';
    await editor.updateComplete;
    const sites = community.units.features
      .filter((f) => community.assignmentBefore[f.properties.id] === BIG)
      .map((f) => f.geometry.coordinates as number[]);
    const xs = sites.map((p) => p[0]);
    const ys = sites.map((p) => p[1]);
    const x = (Math.min(...xs) + Math.max(...xs)) / 2;
    clickAt(map, [x, Math.min(...ys) - 0.0005]);
    clickAt(map, [x, Math.max(...ys) + 0.0005]);
    expect(editor.line).to.have.length(2);
    await editor.updateComplete;
    button(editor, 'split-line').click();
    expect(editor.plan!.grids).to.have.length(4);
    expect(total(editor)).to.equal(TOTAL);
  });

  it('rebalances the whole community while a locked grid stays exactly as it was', async () => {
    const { editor } = await setup();
    await editor.splitGrid(BIG, { parts: 2 });
    editor.acceptSplit();
    editor.lock('330102001-old-3');
    const lockedUnits = Object.entries(editor.plan!.assignment).filter(([, g]) => g === '330102001-old-3');
    button(editor, 'rebalance-all').click();
    for (const [u] of lockedUnits) expect(editor.plan!.assignment[u]).to.equal('330102001-old-3');
    expect(total(editor)).to.equal(TOTAL);
  });

  it('refuses to edit a locked grid and says why', async () => {
    const { editor } = await setup();
    editor.lock(BIG);
    const error = oneEvent(editor, 'wg-error');
    void editor.splitGrid(BIG);
    expect((await error).detail.reason).to.equal('locked');
  });

  it('undoes and redoes with Ctrl+Z and Ctrl+Shift+Z, restoring the plan exactly', async () => {
    const { editor } = await setup();
    const start = editor.plan!;
    await editor.splitGrid(BIG);
    editor.acceptSplit();
    const split = editor.plan!;
    editor.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }),
    );
    expect(editor.plan).to.deep.equal(start);
    editor.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Z',
        ctrlKey: true,
        shiftKey: true,
        bubbles: true,
        composed: true,
      }),
    );
    expect(editor.plan).to.deep.equal(split);
  });

  it('keeps the old committed plan when wg-plan-commit is cancelled', async () => {
    const { editor } = await setup();
    await editor.splitGrid(BIG);
    editor.acceptSplit();
    editor.addEventListener('wg-plan-commit', (e) => e.preventDefault(), { once: true });
    expect(editor.commit()).to.equal(false);
    expect(editor.editor!.committed.grids.map((g) => g.id)).to.deep.equal(before.grids.map((g) => g.id));
    expect(editor.stats!.householdsMoved).to.be.greaterThan(0);
  });

  it('commits with the diff since the last commit', async () => {
    const { editor } = await setup();
    await editor.splitGrid(BIG);
    editor.acceptSplit();
    const committed = oneEvent(editor, 'wg-plan-commit');
    button(editor, 'commit').click();
    const { detail } = await committed;
    expect(detail.diff.added).to.have.length(2);
    expect(editor.stats!.householdsMoved).to.equal(0);
  });

  it('exports grids, CSV and plan JSON, and imports the plan back as one undoable edit', async () => {
    const { editor } = await setup();
    const json = editor.exportPlan();
    expect(editor.exportGrids().features[0].properties).to.include.keys(
      'id',
      'code',
      'name',
      'worker',
      'households',
    );
    expect(editor.exportAssignmentCsv().split('\n')[0]).to.equal('unit,grid');
    await editor.splitGrid(BIG);
    editor.acceptSplit();
    expect(editor.import(json)).to.not.equal(false);
    expect(editor.plan!.grids).to.have.length(3);
    editor.undo();
    expect(editor.plan!.grids).to.have.length(5);
  });

  it('shows its text in English with lang="en" and names from data as text', async () => {
    const hostile: Plan = {
      ...before,
      grids: before.grids.map((g, i) => (i === 0 ? { ...g, name: '<img src=x onerror=alert(1)>' } : g)),
    };
    const { editor } = await setup(hostile, 'en');
    const root = editor.shadowRoot!;
    expect(button(editor, 'merge').textContent!.trim()).to.equal('Merge selected');
    expect(root.querySelector('img')).to.equal(null);
    expect(root.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('has no accessibility violations, mid-split', async () => {
    const { editor } = await setup();
    editor.select(BIG);
    await editor.splitGrid(BIG);
    await editor.updateComplete;
    await expect(editor).to.be.accessible();
  });
});

describe('wg-grid-editor long work in the worker', () => {
  it('rebalances in the partition worker with the main thread’s result', async () => {
    const { editor } = await setup();
    const main = await setup();
    main.editor.workerThreshold = 1e9; // main thread
    editor.workerThreshold = 0; // worker
    expect(await main.editor.rebalance()).to.equal(true);
    expect(await editor.rebalance()).to.equal(true);
    expect(editor.plan!.assignment).to.deep.equal(main.editor.plan!.assignment);
    expect(total(editor)).to.equal(TOTAL);
    expect(editor.editor!.canUndo).to.equal(true);
  });

  it('a running rebalance is cancelled from its button (or Escape) and changes nothing', async () => {
    const { editor } = await setup();
    editor.workerThreshold = 0;
    const was = JSON.stringify(editor.plan!.assignment);
    const running = editor.rebalance();
    await editor.updateComplete;
    button(editor, 'cancel-work').click();
    expect(await running).to.equal(false);
    await editor.updateComplete;
    expect(JSON.stringify(editor.plan!.assignment)).to.equal(was);
    expect(editor.shadowRoot!.querySelector('[data-action="cancel-work"]')).to.equal(null);
    // Escape cancels too.
    const again = editor.rebalance();
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(await again).to.equal(false);
    expect(JSON.stringify(editor.plan!.assignment)).to.equal(was);
  });
});
