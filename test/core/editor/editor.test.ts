import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCommunity } from '../../../demo/data/generate.ts';
import { areaAndPerimeter } from '../../../src/core/metrics.ts';
import {
  assignmentFromCsv,
  assignmentToCsv,
  createEditorContext,
  diffStates,
  EditError,
  gridsToGeoJSON,
  householdsPerGrid,
  neighbours,
  planFromJson,
  planToJson,
  PlanEditor,
  sameState,
  sideOfLine,
  stateFromGrids,
  stateFromPlan,
  type EditorState,
} from '../../../src/core/editor/index.ts';

const community = generateCommunity({ seed: 7 });
const context = createEditorContext(community.units, { boundary: community.boundary });
const band = { minHouseholds: 300, maxHouseholds: 500 };
const before = (): EditorState =>
  stateFromPlan({
    grids: community.gridsBefore.features.map((f) => f.properties),
    assignment: community.assignmentBefore,
  });
const after = (): EditorState => stateFromPlan(community.plan);
const total = (state: EditorState) =>
  [...householdsPerGrid(state, context.households).values()].reduce((a, b) => a + b, 0);
const ALL = [...context.households.values()].reduce((a, b) => a + b, 0);
const area = (editor: PlanEditor, state: EditorState) =>
  [...editor.shapes(state).values()].reduce((s, g) => s + (g ? areaAndPerimeter(g).area : 0), 0);
const BIG = '330102001-old-1';

describe('stateFromGrids', () => {
  it('derives the assignment from grid polygons alone', () => {
    const state = stateFromGrids(context, community.gridsBefore.features);
    assert.deepEqual({ ...state.assignment }, community.assignmentBefore);
    assert.deepEqual(
      state.grids.map((g) => g.id),
      community.gridsBefore.features.map((f) => f.properties.id),
    );
  });

  it('counts a building on a shared edge once, in the first grid', () => {
    const square = (x0: number, x1: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [x0, 0],
          [x1, 0],
          [x1, 1],
          [x0, 1],
          [x0, 0],
        ],
      ],
    });
    const small = createEditorContext({
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [1, 0.5] },
          properties: { id: 'edge', households: 10 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [0.5, 0.5] },
          properties: { id: 'west', households: 5 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [1.5, 0.5] },
          properties: { id: 'east', households: 5 },
        },
      ],
    });
    const state = stateFromGrids(small, [
      { type: 'Feature', geometry: square(0, 1), properties: { id: 'a' } },
      { type: 'Feature', geometry: square(1, 2), properties: { id: 'b' } },
    ]);
    assert.deepEqual({ ...state.assignment }, { edge: 'a', west: 'a', east: 'b' });
  });
});

describe('splitGrid', () => {
  it('splits into the band, conserving households, as a preview only', () => {
    const editor = new PlanEditor(context, before(), band);
    const preview = editor.splitGrid(BIG, band);
    assert.equal(editor.state, editor.committed, 'nothing applied yet');
    assert.equal(preview.parts.length, 3);
    for (const part of preview.parts)
      assert.ok(part.households >= 300 && part.households <= 500, `${part.households}`);
    assert.equal(
      preview.parts.reduce((s, p) => s + p.households, 0),
      householdsPerGrid(before(), context.households).get(BIG),
    );
    assert.equal(total(preview.state), ALL);
  });

  it('splits into k parts when asked', () => {
    const editor = new PlanEditor(context, before(), band);
    assert.equal(editor.splitGrid(BIG, { parts: 4 }).parts.length, 4);
  });

  it('keeps the worker, id and name on one part and flags the others as needing a worker', () => {
    const editor = new PlanEditor(context, before(), band);
    const preview = editor.splitGrid(BIG, band);
    editor.acceptPreview();
    const kept = editor.state.grids.find((g) => g.id === BIG)!;
    assert.equal(kept.worker, '林晓燕');
    assert.equal(kept.name, '原第1网格');
    const fresh = preview.parts.filter((p) => p.id !== BIG).map((p) => p.id);
    assert.deepEqual(fresh, ['330102001004', '330102001005']);
    const problems = editor
      .stats()
      .problems.filter((p) => p.kind === 'needs-worker')
      .map((p) => p.grid);
    assert.deepEqual(problems, fresh);
  });

  it('reaches 7 grids inside the band from the 3 large ones', () => {
    const editor = new PlanEditor(context, before(), band);
    for (const id of before().grids.map((g) => g.id)) {
      editor.splitGrid(id, band);
      editor.acceptPreview();
    }
    const stats = editor.stats();
    assert.equal(stats.grids.length, 7);
    assert.equal(stats.outOfBand, 0);
    assert.ok(stats.grids.every((g) => g.contiguous));
    assert.equal(stats.totalHouseholds, ALL);
  });

  it('refuses a locked grid', () => {
    const editor = new PlanEditor(context, before(), band);
    editor.lock(BIG);
    assert.throws(
      () => editor.splitGrid(BIG, band),
      (e: unknown) => e instanceof EditError && e.code === 'locked',
    );
  });

  it('drops a rejected preview without changing the plan', () => {
    const editor = new PlanEditor(context, before(), band);
    editor.splitGrid(BIG, band);
    editor.rejectPreview();
    assert.equal(editor.preview, null);
    assert.equal(editor.acceptPreview(), null);
    assert.ok(sameState(editor.state, before()));
  });
});

describe('mergeGrids', () => {
  it('merges neighbours into the one with most households', () => {
    const editor = new PlanEditor(context, after(), band);
    const [a] = editor.state.grids;
    const b = neighbours(context, editor.state, a!.id)[0]!;
    const sums = householdsPerGrid(editor.state, context.households);
    editor.mergeGrids([a!.id, b]);
    const keeper = sums.get(a!.id)! >= sums.get(b)! ? a!.id : b;
    assert.equal(editor.state.grids.length, 6);
    assert.equal(
      householdsPerGrid(editor.state, context.households).get(keeper),
      sums.get(a!.id)! + sums.get(b)!,
    );
  });

  it('refuses grids that do not touch', () => {
    const editor = new PlanEditor(context, after(), band);
    const first = editor.state.grids[0]!.id;
    const touching = new Set(neighbours(context, editor.state, first));
    const far = editor.state.grids.find((g) => g.id !== first && !touching.has(g.id))!.id;
    assert.throws(
      () => editor.mergeGrids([first, far]),
      (e: unknown) => e instanceof EditError && e.code === 'not-adjacent',
    );
  });
});

describe('assignUnits', () => {
  it('paints buildings onto a grid and warns when a grid is cut in two', () => {
    const editor = new PlanEditor(context, after(), band);
    const target = editor.state.grids[0]!.id;
    // A building of another grid, far from the target: the target becomes non-contiguous.
    const site = (u: string) => context.sites[context.index.get(u)!]!;
    const targetSite = site(
      Object.keys(editor.state.assignment).find((u) => editor.state.assignment[u] === target)!,
    );
    const far = context.unitIds
      .filter((u) => editor.state.assignment[u] !== target)
      .sort(
        (x, y) =>
          Math.hypot(site(y)[0] - targetSite[0], site(y)[1] - targetSite[1]) -
          Math.hypot(site(x)[0] - targetSite[0], site(x)[1] - targetSite[1]),
      )[0]!;
    const applied = editor.assignUnits([far], target)!;
    assert.equal(editor.state.assignment[far], target);
    assert.equal(applied.diff.householdsMoved, context.households.get(far));
    assert.ok(editor.stats().problems.some((p) => p.kind === 'not-contiguous' && p.grid === target));
  });

  it('refuses to take buildings from a locked grid', () => {
    const editor = new PlanEditor(context, after(), band);
    const [a, b] = editor.state.grids;
    const unit = context.unitIds.find((u) => editor.state.assignment[u] === a!.id)!;
    editor.lock(a!.id);
    assert.throws(
      () => editor.assignUnits([unit], b!.id),
      (e: unknown) => e instanceof EditError && e.code === 'locked',
    );
  });
});

describe('splitAlongLine', () => {
  it('reassigns the buildings on each side and re-merges without a gap', () => {
    const editor = new PlanEditor(context, before(), band);
    const shape = editor.shapes().get(BIG)!;
    const ring = (shape.type === 'Polygon' ? shape.coordinates[0] : shape.coordinates[0]![0])!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
    const areaBefore = area(editor, editor.state);
    editor.splitAlongLine(BIG, [
      [midX, Math.min(...ys) - 0.001],
      [midX, Math.max(...ys) + 0.001],
    ]);
    assert.equal(editor.state.grids.length, 4);
    const west = new Set<string>();
    const east = new Set<string>();
    for (const u of context.unitIds) {
      if (before().assignment[u] !== BIG) continue;
      (context.sites[context.index.get(u)!]![0] < midX ? west : east).add(editor.state.assignment[u]!);
    }
    assert.equal(west.size, 1);
    assert.equal(east.size, 1);
    assert.notDeepEqual([...west], [...east]);
    assert.ok(Math.abs(area(editor, editor.state) - areaBefore) < 1, 'same total area: no gap, no overlap');
    assert.equal(total(editor.state), ALL);
  });

  it('refuses a line that misses the grid', () => {
    const editor = new PlanEditor(context, before(), band);
    assert.throws(
      () =>
        editor.splitAlongLine(BIG, [
          [0, 0],
          [0, 1],
        ]),
      (e: unknown) => e instanceof EditError && e.code === 'line-misses-grid',
    );
  });

  it('refuses a line 3 km away whose extension would cut the grid', () => {
    const editor = new PlanEditor(context, before(), band);
    const shape = editor.shapes().get(BIG)!;
    const ring = (shape.type === 'Polygon' ? shape.coordinates[0] : shape.coordinates[0]![0])!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
    const far = Math.max(...ys) + 0.027; // ≈ 3 km north of the grid, same direction as a good cut
    const was = editor.state;
    assert.throws(
      () =>
        editor.splitAlongLine(BIG, [
          [midX, far],
          [midX, far + 0.001],
        ]),
      (e: unknown) => e instanceof EditError && e.code === 'line-misses-grid',
    );
    assert.equal(editor.state, was);
  });
});

describe('sideOfLine', () => {
  it('tells left from right of a polyline', () => {
    const line = [
      [0, 0],
      [1, 0],
      [1, 1],
    ];
    assert.equal(sideOfLine([0.5, 0.1], line), 1);
    assert.equal(sideOfLine([0.5, -0.1], line), -1);
    assert.equal(sideOfLine([1.1, 0.5], line), -1);
    assert.equal(sideOfLine([-5, 0.1], line), 1, 'beyond the start, the first segment extends');
  });
});

describe('rebalance', () => {
  it('leaves locked grids untouched and moves households between the others', () => {
    const editor = new PlanEditor(context, before(), band);
    editor.splitGrid(BIG, { parts: 2 });
    editor.acceptPreview();
    const locked = '330102001-old-2';
    editor.lock(locked);
    const start = editor.state;
    const result = editor.rebalance();
    assert.ok(result);
    for (const u of context.unitIds) {
      if (start.assignment[u] === locked) assert.equal(editor.state.assignment[u], locked);
    }
    assert.equal(total(editor.state), ALL);
    assert.ok(result.diff.householdsMoved > 0);
  });

  it('rebalances two neighbours towards each other', () => {
    const editor = new PlanEditor(context, after(), band);
    const [a] = editor.state.grids;
    const b = neighbours(context, editor.state, a!.id)[0]!;
    const units = context.unitIds.filter((u) => editor.state.assignment[u] === b).slice(0, 3);
    editor.assignUnits(units, a!.id);
    const sums = () => householdsPerGrid(editor.state, context.households);
    const gap = Math.abs(sums().get(a!.id)! - sums().get(b)!);
    editor.rebalance([a!.id, b]);
    assert.ok(Math.abs(sums().get(a!.id)! - sums().get(b)!) < gap);
    for (const g of editor.state.grids)
      if (g.id !== a!.id && g.id !== b)
        assert.equal(sums().get(g.id), householdsPerGrid(after(), context.households).get(g.id));
  });
});

describe('undo and redo', () => {
  it('restore the plan exactly, locks and metadata included', () => {
    const editor = new PlanEditor(context, before(), band);
    const states: EditorState[] = [editor.state];
    editor.splitGrid(BIG, band);
    editor.acceptPreview();
    states.push(editor.state);
    editor.lock('330102001-old-2');
    states.push(editor.state);
    editor.updateGrid('330102001004', { worker: '新社工' });
    states.push(editor.state);
    editor.mergeGrids(
      ['330102001-old-3', '330102001-old-2']
        .filter((g) => !editor.state.locked.includes(g))
        .concat(
          neighbours(context, editor.state, '330102001-old-3')
            .filter((g) => !editor.state.locked.includes(g))
            .slice(0, 1),
        ),
    );
    states.push(editor.state);
    for (let i = states.length - 2; i >= 0; i--) {
      editor.undo();
      assert.deepEqual(editor.state, states[i]);
    }
    assert.equal(editor.undo(), null);
    for (let i = 1; i < states.length; i++) {
      editor.redo();
      assert.deepEqual(editor.state, states[i]);
    }
    assert.equal(editor.redo(), null);
  });

  it('forget the redo stack after a new edit', () => {
    const editor = new PlanEditor(context, before(), band);
    editor.lock(BIG);
    editor.undo();
    editor.lock('330102001-old-2');
    assert.equal(editor.canRedo, false);
  });
});

describe('diff and commit', () => {
  it('lists grids added, removed and changed, and households moved between them', () => {
    const editor = new PlanEditor(context, after(), band);
    const [a] = editor.state.grids;
    const b = neighbours(context, editor.state, a!.id)[0]!;
    const start = editor.state;
    editor.mergeGrids([a!.id, b]);
    const diff = diffStates(start, editor.state, context.households);
    const sums = householdsPerGrid(start, context.households);
    const [kept, gone] = sums.get(a!.id)! >= sums.get(b)! ? [a!.id, b] : [b, a!.id];
    assert.deepEqual(diff.added, []);
    assert.deepEqual(diff.removed, [gone]);
    assert.deepEqual(diff.changed, [kept]);
    assert.deepEqual(
      diff.moves.map((m) => [m.from, m.to, m.households]),
      [[gone, kept, sums.get(gone)]],
    );
  });

  it('commit returns the changes since the last commit and resets the count', () => {
    const editor = new PlanEditor(context, before(), band);
    editor.splitGrid(BIG, band);
    editor.acceptPreview();
    const { plan, diff } = editor.commit({ id: 'p2' });
    assert.equal(plan.id, 'p2');
    assert.equal(diff.added.length, 2);
    assert.equal(editor.stats().householdsMoved, 0);
  });
});

describe('export and import', () => {
  it('round-trips the assignment through CSV, quoting where needed', () => {
    const assignment = { 'B,1': 'g"1"', B2: 'g2' };
    const csv = assignmentToCsv(assignment);
    assert.equal(csv.split('\n')[0], 'unit,grid');
    // Assignments are null-prototype records (ids such as `__proto__` are keys like any other).
    assert.deepEqual({ ...assignmentFromCsv(csv) }, assignment);
  });

  it('round-trips the plan through JSON', () => {
    const editor = new PlanEditor(context, after(), band);
    const plan = editor.plan({ id: 'x' });
    const back = planFromJson(planToJson(plan));
    assert.deepEqual(
      { ...back, assignment: { ...back.assignment } },
      { ...plan, assignment: { ...plan.assignment } },
    );
    assert.ok(sameState(stateFromPlan(planFromJson(planToJson(plan))), editor.state));
  });

  it('exports grids as GeoJSON with id, code, name, worker and households', () => {
    const editor = new PlanEditor(context, after(), band);
    const fc = gridsToGeoJSON(editor.state, context.households, editor.shapes());
    assert.equal(fc.features.length, 7);
    const p = fc.features[0]!.properties;
    assert.deepEqual(
      ['id', 'code', 'name', 'worker', 'households'].map((k) => typeof p[k]),
      ['string', 'string', 'string', 'string', 'number'],
    );
    assert.equal(
      fc.features.reduce((s, f) => s + (f.properties.households as number), 0),
      ALL,
    );
  });

  it('rejects a CSV without the unit and grid columns', () => {
    assert.throws(() => assignmentFromCsv('a,b\n1,2\n'), /unit/);
  });
});

describe('PlanEditor figures', () => {
  it('follow the band whether it is replaced or changed in place, and the commit', () => {
    const editor = new PlanEditor(context, before(), { ...band });
    const outOfBand = editor.stats().outOfBand;
    editor.band.maxHouseholds = 100_000; // changed in place
    assert.equal(editor.stats().outOfBand < outOfBand, true);
    editor.band = { minHouseholds: 300, maxHouseholds: 500 }; // replaced
    assert.equal(editor.stats().outOfBand, outOfBand);
    editor.assignUnits([Object.keys(editor.state.assignment)[0]!], editor.state.grids[1]!.id);
    assert.ok(editor.stats().householdsMoved > 0);
    editor.commit();
    assert.equal(editor.stats().householdsMoved, 0);
  });
});
