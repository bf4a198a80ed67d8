import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evenComposite } from '../../src/core/even-composite.ts';
import { buildGraph, disconnectedParts } from '../../src/core/graph.ts';

/** A w × h lattice of units, each with `households` 10 and a composite given per unit. */
function lattice(w: number, h: number) {
  const ids = Array.from({ length: w * h }, (_, i) => `u${i}`);
  const edges: [number, number][] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) edges.push([y * w + x, y * w + x + 1]);
      if (y + 1 < h) edges.push([y * w + x, (y + 1) * w + x]);
    }
  return buildGraph({ ids, weights: ids.map(() => 10), edges });
}

describe('evenComposite', () => {
  it('evens the composite, keeps households in bounds and parts contiguous', () => {
    const graph = lattice(6, 4);
    // Left half one part, right half the other; the left half carries all the workload.
    const part = Int32Array.from({ length: 24 }, (_, v) => (v % 6 < 3 ? 0 : 1));
    const composite = Array.from({ length: 24 }, (_, v) => (v % 6 < 3 ? 30 : 0));
    const households = [120, 120];
    const moved = evenComposite(graph, part, households, composite, [80, 80], [160, 160]);
    assert.ok(moved > 0);
    const load = [0, 0];
    part.forEach((p, v) => (load[p]! += composite[v]!));
    assert.ok(Math.abs(load[0]! - load[1]!) < 360, `loads ${load}`);
    for (const h of households) assert.ok(h >= 80 && h <= 160, `households ${households}`);
    assert.deepEqual(disconnectedParts(graph, part, 2), []);
    const recount = [0, 0];
    part.forEach((p) => (recount[p]! += 10));
    assert.deepEqual(recount, households);
  });

  it('moves nothing when the household bounds leave no room', () => {
    const graph = lattice(4, 2);
    const part = Int32Array.from({ length: 8 }, (_, v) => (v % 4 < 2 ? 0 : 1));
    const composite = Array.from({ length: 8 }, (_, v) => (v % 4 < 2 ? 5 : 0));
    const households = [40, 40];
    assert.equal(evenComposite(graph, part, households, composite, [40, 40], [40, 40]), 0);
  });
});
