import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph, connectedLabels, createRandom, isLabelConnected } from '../../src/core/graph.ts';

describe('connectedLabels', () => {
  it('agrees with isLabelConnected for every label of random labellings of a lattice', () => {
    const side = 12;
    const n = side * side;
    const edges: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      if (i % side < side - 1) edges.push([i, i + 1]);
      if (i + side < n) edges.push([i, i + side]);
    }
    const graph = buildGraph({
      ids: Array.from({ length: n }, (_, i) => `u${i}`),
      weights: new Array(n).fill(1),
      edges,
    });
    const random = createRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const count = 2 + Math.floor(random() * 8);
      // Blocky labels (mostly connected) with some noise and some unlabelled nodes.
      const labels = Int32Array.from({ length: n }, (_, i) =>
        random() < 0.1
          ? -1
          : random() < 0.15
            ? Math.floor(random() * count)
            : Math.floor(((i % side) * count) / side),
      );
      const all = connectedLabels(graph, labels, count);
      for (let label = 0; label < count; label++)
        assert.equal(
          all[label] === 1,
          isLabelConnected(graph, labels, label),
          `trial ${trial}, label ${label}`,
        );
    }
  });
});
