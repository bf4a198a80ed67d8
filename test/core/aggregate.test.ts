import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { generateCommunity } from '../../demo/data/generate.ts';
import { mulberry32 } from '../../demo/data/prng.ts';
import {
  buildGridIndex,
  classOf,
  countPerGrid,
  locatePoints,
  measureOf,
  niceBreaks,
} from '../../src/core/aggregate.ts';

/** A jittered lattice of quadrilaterals that tile a rectangle exactly (shared vertices). */
function tiling(columns: number, rows: number, seed: number, jitter = 0.006): Polygon[] {
  const random = mulberry32(seed);
  const vertex: Position[][] = [];
  for (let i = 0; i <= columns; i++) {
    vertex.push([]);
    for (let j = 0; j <= rows; j++) {
      const edge = i === 0 || j === 0 || i === columns || j === rows;
      vertex[i]!.push([
        120 + i * 0.01 + (edge ? 0 : (random() - 0.5) * jitter),
        30 + j * 0.01 + (edge ? 0 : (random() - 0.5) * jitter),
      ]);
    }
  }
  const out: Polygon[] = [];
  for (let i = 0; i < columns; i++)
    for (let j = 0; j < rows; j++) {
      const ring = [
        vertex[i]![j]!,
        vertex[i + 1]![j]!,
        vertex[i + 1]![j + 1]!,
        vertex[i]![j + 1]!,
        vertex[i]![j]!,
      ];
      out.push({ type: 'Polygon', coordinates: [ring] });
    }
  return out;
}

describe('buildGridIndex', () => {
  it('counts the same points per grid as a brute-force point-in-polygon test on random data', () => {
    const grids = tiling(12, 9, 3);
    const random = mulberry32(11);
    const points: Position[] = Array.from({ length: 5000 }, () => [
      119.995 + random() * 0.13,
      29.995 + random() * 0.1,
    ]);
    const gridOf = locatePoints(buildGridIndex(grids), points);
    const fast = new Array<number>(grids.length).fill(0);
    for (const g of gridOf) if (g >= 0) fast[g]!++;
    const brute = grids.map((polygon) => points.filter((p) => booleanPointInPolygon(p, polygon)).length);
    assert.deepEqual(fast, brute);
  });

  it('counts every point on a shared edge or vertex exactly once', () => {
    // Vertices of a jittered tiling, and midpoints of the edges of a straight one (exactly on the edge).
    for (const [grids, midpoints] of [
      [tiling(5, 4, 5), false],
      [tiling(5, 4, 5, 0), true],
    ] as const) {
      const onBoundary: Position[] = [];
      for (const polygon of grids) {
        const ring = polygon.coordinates[0]!;
        for (let k = 0; k < 4; k++) {
          const [a, b] = [ring[k]!, ring[k + 1]!];
          onBoundary.push(midpoints ? [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2] : a);
        }
      }
      const gridOf = locatePoints(buildGridIndex(grids), onBoundary);
      assert.equal([...gridOf].filter((g) => g < 0).length, 0);
      // Each boundary point is held by at least one grid by turf's inclusive test, and we give it to exactly one.
      for (let i = 0; i < onBoundary.length; i++)
        assert.equal(booleanPointInPolygon(onBoundary[i]!, grids[gridOf[i]!]!), true);
    }
  });

  it('gives a point on the edge between two squares to one grid, the same one every time', () => {
    const left: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const right: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 0],
        ],
      ],
    };
    const index = buildGridIndex([left, right]);
    assert.equal(index.locate(1, 0.5), 1);
    assert.equal(buildGridIndex([right, left]).locate(1, 0.5), 0);
  });

  it('returns −1 outside every grid and inside a hole', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [1, 1],
          [1, 3],
          [3, 3],
          [3, 1],
          [1, 1],
        ],
      ],
    };
    const index = buildGridIndex([holed]);
    assert.equal(index.locate(2, 2), -1);
    assert.equal(index.locate(5, 2), -1);
    assert.equal(index.locate(0.5, 2), 0);
  });

  it('follows the current grids: the demo issues land in the grid named by their unit', () => {
    const community = generateCommunity({ seed: 7 });
    const grids = community.grids.features;
    const gridOf = locatePoints(
      buildGridIndex(grids.map((g) => g.geometry)),
      community.issues.features.map((f) => f.geometry.coordinates),
    );
    const agree = community.issues.features.filter(
      (f, i) => grids[gridOf[i]!]?.properties.id === f.properties.grid,
    ).length;
    assert.equal(agree, community.issues.features.length);
  });
});

describe('countPerGrid', () => {
  it('counts total, open and overdue of the kept issues', () => {
    const counts = countPerGrid(
      2,
      Int32Array.from([0, 0, 1, -1, 1]),
      [1, 1, 1, 1, 0],
      [1, 0, 1, 1, 1],
      [1, 0, 0, 1, 1],
    );
    assert.deepEqual(counts, [
      { total: 2, open: 1, overdue: 1 },
      { total: 1, open: 1, overdue: 0 },
    ]);
  });

  it('measures open issues per 100 households', () => {
    assert.equal(measureOf({ total: 9, open: 6, overdue: 2 }, 400, 'open-rate'), 1.5);
    assert.equal(measureOf({ total: 9, open: 6, overdue: 2 }, 0, 'open-rate'), 0);
    assert.equal(measureOf({ total: 9, open: 6, overdue: 2 }, 400, 'overdue'), 2);
  });
});

describe('niceBreaks', () => {
  it('makes equal classes on a round step that reach the maximum', () => {
    assert.deepEqual(niceBreaks(23), [5, 10, 15, 20]);
    assert.deepEqual(niceBreaks(0.9), [0.2, 0.4, 0.6, 0.8]);
    assert.equal(classOf(0, [5, 10, 15, 20]), 0);
    assert.equal(classOf(10, [5, 10, 15, 20]), 2);
    assert.equal(classOf(23, [5, 10, 15, 20]), 4);
  });
});
