import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../src/core/graph.ts';
import { partitionMetrics } from '../../src/core/metrics.ts';
import {
  partitionGraph,
  PartitionCancelledError,
  rebalancePartition,
} from '../../src/core/partition/index.ts';
import { delaunayGraph, gridGraph } from './synthetic.ts';

const { graph: delaunay } = delaunayGraph(3000, 11);
const total = (w: ArrayLike<number>): number => Array.from(w).reduce((a, b) => a + b, 0);

describe('partitionGraph', () => {
  for (const k of [4, 35, 100]) {
    it(`splits a 3,000-node Delaunay graph into ${k} contiguous parts within 1 %`, () => {
      const result = partitionGraph(delaunay, { parts: k, tolerance: 0.01, seed: 3 });
      const m = partitionMetrics(delaunay, result.part, result.parts);
      assert.equal(result.parts, k);
      assert.ok(m.maxDeviation <= 0.01, `deviation ${m.maxDeviation}`);
      assert.equal(m.contiguous, true);
      assert.equal(result.feasible, true);
      assert.equal(total(result.weights), total(delaunay.weights));
      assert.ok(result.part.every((p) => p >= 0 && p < k));
    });
  }

  it('gives the same plan for the same seed', () => {
    const a = partitionGraph(delaunay, { parts: 12, seed: 9 });
    const b = partitionGraph(delaunay, { parts: 12, seed: 9 });
    assert.deepEqual(Array.from(a.part), Array.from(b.part));
  });

  it('handles a grid graph with holes and uneven weights', () => {
    const g = gridGraph(
      60,
      40,
      (x, y) => 1 + ((x * 7 + y * 13) % 9),
      (x, y) => (x > 10 && x < 20 && y > 5 && y < 30) || (x > 35 && x < 50 && y > 15 && y < 22),
    );
    const result = partitionGraph(g, { parts: 9, tolerance: 0.02, seed: 1 });
    const m = partitionMetrics(g, result.part, result.parts);
    assert.ok(m.maxDeviation <= 0.02);
    assert.equal(m.contiguous, true);
  });

  it('chooses k from a household band and keeps every part inside it', () => {
    const result = partitionGraph(delaunay, { minHouseholds: 60_000, maxHouseholds: 90_000, seed: 2 });
    assert.equal(result.feasible, true);
    for (const w of result.weights) assert.ok(w >= 60_000 && w <= 90_000, `weight ${w}`);
  });

  it('never mixes communities', () => {
    const g = gridGraph(20, 10, () => 10);
    const community = g.ids.map((id) => (Number(id.split(',')[0]) < 10 ? 'west' : 'east'));
    const edges: Array<[number, number]> = [];
    for (let u = 0; u < g.n; u++)
      for (let j = g.offsets[u]!; j < g.offsets[u + 1]!; j++) edges.push([u, g.targets[j]!]);
    const both = buildGraph({ ids: g.ids, weights: g.weights, edges, community });
    const result = partitionGraph(both, { minHouseholds: 180, maxHouseholds: 260, seed: 1 });
    for (let p = 0; p < result.parts; p++) {
      const names = new Set(community.filter((_, i) => result.part[i] === p));
      assert.equal(names.size, 1);
    }
    assert.equal(result.feasible, true);
  });

  it('joins a piece too small for a part of its own to its neighbour as an exclave, not a failure', () => {
    const g = buildGraph({
      ids: ['a', 'b', 'c', 'd'],
      weights: [5, 5, 5, 5],
      edges: [
        [0, 1],
        [2, 3],
      ],
    });
    const result = partitionGraph(g, { parts: 1, seed: 1 });
    assert.equal(result.feasible, true);
    assert.equal(result.warnings[0]!.code, 'exclave');
    assert.match(result.warnings[0]!.message, /cut off from the rest of the community/);
    assert.ok(result.part.every((p) => p === 0));
  });

  it('flags k larger than the number of units', () => {
    const g = buildGraph({
      ids: ['a', 'b', 'c'],
      weights: [5, 5, 5],
      edges: [
        [0, 1],
        [1, 2],
      ],
    });
    const result = partitionGraph(g, { parts: 5, seed: 1 });
    assert.equal(result.feasible, false);
    assert.equal(result.problems[0]!.code, 'too-many-parts');
    assert.match(result.problems[0]!.message, /only 3 units/);
    assert.equal(result.parts, 3);
  });

  it('flags a unit heavier than the cap, naming it', () => {
    const ids = ['big', 'a', 'b', 'c', 'd'];
    const g = buildGraph({
      ids,
      weights: [620, 200, 200, 200, 200],
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
      ],
    });
    const result = partitionGraph(g, { minHouseholds: 300, maxHouseholds: 500, seed: 1 });
    assert.equal(result.feasible, false);
    const problem = result.problems.find((p) => p.code === 'unit-over-cap')!;
    assert.equal(problem.unit, 'big');
    assert.match(problem.message, /unit big has 620 households, more than the maximum of 500 per grid/);
  });

  it('rejects malformed requests', () => {
    assert.throws(() => partitionGraph(delaunay, {}), /either parts or/);
    assert.throws(() => partitionGraph(delaunay, { parts: 0 }), /whole number/);
    assert.throws(
      () => partitionGraph(delaunay, { minHouseholds: 5, maxHouseholds: 2 }),
      /not a valid range/,
    );
  });

  it('stops when cancelled', () => {
    assert.throws(
      () => partitionGraph(delaunay, { parts: 8 }, { isCancelled: () => true }),
      PartitionCancelledError,
    );
  });

  it('reports progress up to done', () => {
    const phases: string[] = [];
    partitionGraph(delaunay, { parts: 8 }, { onProgress: (p) => phases.push(p.phase) });
    assert.equal(phases[0], 'prepare');
    assert.equal(phases.at(-1), 'done');
  });
});

describe('rebalancePartition', () => {
  it('fixes imbalance without touching locked parts and keeps parts contiguous', () => {
    const g = gridGraph(30, 10, () => 1);
    // Three vertical strips of widths 8, 12, 10; lock the last.
    const part = Int32Array.from(g.ids, (id) => {
      const x = Number(id.split(',')[0]);
      return x < 8 ? 0 : x < 20 ? 1 : 2;
    });
    const result = rebalancePartition(
      g,
      part,
      3,
      { lower: [95, 95, 0], upper: [105, 105, 1e9], ideal: [100, 100, 100] },
      { locked: [false, false, true] },
    );
    assert.equal(result.feasible, true, JSON.stringify(result.problems));
    assert.ok(result.weights[0]! >= 95 && result.weights[1]! <= 105);
    for (let i = 0; i < g.n; i++) if (part[i] === 2) assert.equal(result.part[i], 2);
    const moved = Array.from(part).filter((p, i) => p !== result.part[i]).length;
    assert.ok(moved <= 15, `moved ${moved}`);
  });
});
