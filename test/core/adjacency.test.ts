import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Polygon } from 'geojson';
import { adjacencyFromCells, sharedLengths } from '../../src/core/adjacency.ts';

const square = (x: number, y: number, size = 0.001): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe('sharedLengths', () => {
  it('gives the shared boundary of two cells in metres, and 1 m for cells that only touch at a corner', () => {
    // a | b side by side (shared edge 0.001° of latitude ≈ 111 m); c touches b only at a corner.
    const cells = [square(120, 30), square(120.001, 30), square(120.002, 30.001)];
    assert.deepEqual(adjacencyFromCells(cells), [[0, 1]]);
    const [ab, bc] = sharedLengths(cells, [
      [0, 1],
      [1, 2],
    ]);
    assert.ok(Math.abs(ab! - 111.19) < 0.5, `shared edge ${ab} m`);
    assert.equal(bc, 1);
  });
});
