import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { areaAndPerimeter } from '../../../src/core/metrics.ts';
import {
  createEditorContext,
  EditError,
  PlanEditor,
  stateFromPlan,
  householdsPerGrid,
  type EditorState,
} from '../../../src/core/editor/index.ts';
import { diffStates, householdsMoved, unitsPerGrid } from '../../../src/core/editor/state.ts';
import { idRecord } from '../../../src/core/records.ts';

// A small community: 5 × 4 buildings on a jittered lattice inside a square boundary, 3 grids.
const W = 5;
const H = 4;
const features = Array.from({ length: W * H }, (_, i) => {
  const x = i % W;
  const y = Math.floor(i / W);
  return {
    type: 'Feature' as const,
    geometry: {
      type: 'Point' as const,
      coordinates: [
        120 + (x + 0.5 + ((i * 7) % 5) / 20) * 0.001,
        30 + (y + 0.5 + ((i * 3) % 5) / 20) * 0.001,
      ],
    },
    properties: { id: `u${i}`, households: 5 + ((i * 13) % 11), community: '330102999' },
  };
});
const boundary = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [120, 30],
      [120 + W * 0.001, 30],
      [120 + W * 0.001, 30 + H * 0.001],
      [120, 30 + H * 0.001],
      [120, 30],
    ],
  ],
};
const context = createEditorContext({ features }, { boundary });
const TOTAL = features.reduce((s, f) => s + f.properties.households, 0);
const start = stateFromPlan({
  grids: [
    { id: 'a', worker: 'A' },
    { id: 'b', worker: 'B' },
    { id: 'c', worker: 'C' },
  ],
  assignment: Object.fromEntries(
    features.map((f, i) => [f.properties.id, i % W < 2 ? 'a' : i % W < 4 ? 'b' : 'c']),
  ),
});
const cellArea = context.bundle.cells!.reduce((s, c) => s + (c ? areaAndPerimeter(c).area : 0), 0);

const edit = fc.oneof(
  fc.record({
    op: fc.constant('assign' as const),
    units: fc.uniqueArray(fc.nat(W * H - 1), { minLength: 1, maxLength: 4 }),
    grid: fc.nat(6),
  }),
  fc.record({ op: fc.constant('merge' as const), a: fc.nat(6), b: fc.nat(6) }),
  fc.record({ op: fc.constant('split' as const), grid: fc.nat(6), parts: fc.integer({ min: 2, max: 3 }) }),
  fc.record({
    op: fc.constant('line' as const),
    grid: fc.nat(6),
    x: fc.double({ min: 0, max: W, noNaN: true }),
    tilt: fc.double({ min: -1, max: 1, noNaN: true }),
  }),
  fc.record({ op: fc.constant('rebalance' as const), grid: fc.nat(6) }),
  fc.record({ op: fc.constant('lock' as const), grid: fc.nat(6) }),
  fc.record({ op: fc.constant('undo' as const) }),
  fc.record({ op: fc.constant('redo' as const) }),
);

/** The same state, but a new object with no lineage: its figures are computed in full. */
const fresh = (state: EditorState): EditorState => ({ ...state, assignment: idRecord(state.assignment) });

/** Figures found from the moved units alone equal those computed over every unit. */
function checkIncremental(before: EditorState, after: EditorState, committed: EditorState) {
  const h = context.households;
  // Exactly, moves in the same order too (equal ones by grid, however they were found).
  assert.deepEqual(
    diffStates(before, after, h),
    diffStates(fresh(before), fresh(after), h),
    'diff from the moved units',
  );
  assert.deepEqual(householdsPerGrid(after, h), householdsPerGrid(fresh(after), h), 'sums per grid');
  assert.deepEqual(unitsPerGrid(after), unitsPerGrid(fresh(after)), 'units per grid');
  assert.equal(householdsMoved(committed, after, h), householdsMoved(fresh(committed), fresh(after), h));
  // Kept per households map: other counts give other figures.
  const doubled = new Map([...h].map(([u, n]) => [u, n * 2]));
  assert.equal(householdsMoved(committed, after, doubled), 2 * householdsMoved(committed, after, h));
}

function check(state: EditorState, geometry: boolean, shapes: () => Map<string, unknown>) {
  const grids = new Set(state.grids.map((g) => g.id));
  assert.equal(grids.size, state.grids.length, 'grid ids are unique');
  // Every unit in exactly one existing grid; every grid holds a unit.
  for (const f of features)
    assert.ok(grids.has(state.assignment[f.properties.id]!), `unit ${f.properties.id} in a grid`);
  assert.equal(new Set(Object.values(state.assignment)).size, grids.size, 'no empty grid');
  assert.equal(
    [...householdsPerGrid(state, context.households).values()].reduce((a, b) => a + b, 0),
    TOTAL,
    'households conserved',
  );
  for (const id of state.locked) assert.ok(grids.has(id), 'locks name existing grids');
  if (geometry) {
    // Grid polygons tile the cells exactly: no gap, no overlap.
    const area = [...shapes().values()].reduce(
      (s: number, g) => s + (g ? areaAndPerimeter(g as never).area : 0),
      0,
    );
    assert.ok(Math.abs(area - cellArea) < 1e-6 * cellArea, `area ${area} vs ${cellArea}`);
  }
}

describe('random edit sequences', () => {
  it('conserve households with no gap or overlap, and undo everything back to the start (10,000 runs)', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const editor = new PlanEditor(context, start, { minHouseholds: 20, maxHouseholds: 60 });
        const geometry = run++ % 20 === 0;
        const grid = (i: number) => editor.state.grids[i % editor.state.grids.length]!.id;
        for (const e of edits) {
          const before = editor.state;
          // Figures of the state before (as the element shows them), so the next ones can build on them.
          householdsMoved(editor.committed, before, context.households);
          unitsPerGrid(before);
          try {
            if (e.op === 'assign')
              editor.assignUnits(
                e.units.map((u) => `u${u}`),
                grid(e.grid),
              );
            else if (e.op === 'merge') editor.mergeGrids([grid(e.a), grid(e.b)]);
            else if (e.op === 'split') {
              editor.splitGrid(grid(e.grid), { parts: e.parts });
              editor.acceptPreview();
            } else if (e.op === 'line') {
              const x = 120 + e.x * 0.001;
              editor.splitAlongLine(grid(e.grid), [
                [x - e.tilt * 0.002, 30 - 0.001],
                [x + e.tilt * 0.002, 30 + H * 0.001 + 0.001],
              ]);
            } else if (e.op === 'rebalance') editor.rebalance();
            else if (e.op === 'lock') {
              if (editor.state.locked.includes(grid(e.grid))) editor.unlock(grid(e.grid));
              else editor.lock(grid(e.grid));
            } else {
              // Undo and redo report their diff without comparing the states: it must be the same.
              const applied = e.op === 'undo' ? editor.undo() : editor.redo();
              if (applied)
                assert.deepEqual(
                  applied.diff,
                  diffStates(fresh(before), fresh(editor.state), context.households),
                );
            }
          } catch (error) {
            if (!(error instanceof EditError)) throw error;
          }
          checkIncremental(before, editor.state, editor.committed);
          check(editor.state, geometry, () => editor.shapes());
        }
        while (editor.undo());
        assert.deepEqual(editor.state, start, 'undo all the way restores the start exactly');
      }),
      { numRuns: 10_000, seed: 42 },
    );
  });
});
