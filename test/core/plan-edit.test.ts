import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUnitGraph, rebalanceGrids } from '../../src/core/plan.ts';

// Ten units on a line, 10 households each.
const units = {
  features: Array.from({ length: 10 }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Point' as const, coordinates: [120 + i * 0.001, 30] },
    properties: { id: String(i), households: 10 },
  })),
};
const adjacency = Array.from({ length: 9 }, (_, i) => [String(i), String(i + 1)] as [string, string]);

describe('rebalanceGrids', () => {
  it('when it splits a pair anew, each old id stays with most of its old households', () => {
    const bundle = buildUnitGraph(units, { adjacency });
    // A = 0, 1, 2 and 9 (not contiguous, so boundary moves cannot fix it); B = 3 … 8.
    const assignment: Record<string, string> = {};
    for (let i = 0; i < 10; i++) assignment[String(i)] = i <= 2 || i === 9 ? 'A' : 'B';
    for (const [a, b] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const r = rebalanceGrids(bundle, assignment, { grids: [a, b], tolerance: 0.05 });
      assert.equal(r.feasible, true, JSON.stringify(r.problems));
      assert.deepEqual(new Set(Object.values(r.assignment)), new Set(['A', 'B']));
      // A's households were mostly at the start of the line, B's at the end.
      for (const id of ['0', '1', '2']) assert.equal(r.assignment[id], 'A');
      for (const id of ['6', '7', '8']) assert.equal(r.assignment[id], 'B');
      assert.ok(r.householdsMoved <= 30, `moved ${r.householdsMoved}`);
    }
  });
});
