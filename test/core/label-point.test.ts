import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { inPolygon, labelPoint } from '../../src/core/label-point.ts';

const box = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

describe('labelPoint', () => {
  it('is the centroid of a convex grid', () => {
    const p = labelPoint({ type: 'Polygon', coordinates: [box(120, 30, 120.01, 30.02)] })!;
    assert.ok(Math.abs(p[0]! - 120.005) < 1e-9 && Math.abs(p[1]! - 30.01) < 1e-9);
  });

  it('lies inside a U-shaped grid whose centroid is outside', () => {
    // A U: two arms joined at the bottom; the centroid falls in the gap between the arms.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 0.5],
          [1, 0.5],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const p = labelPoint(u)!;
    assert.ok(inPolygon(p, u), `label at ${p.join(',')} is outside`);
  });

  it('avoids a lake (hole) at the centre and takes the largest part of a multipolygon', () => {
    const lake: Polygon = { type: 'Polygon', coordinates: [box(0, 0, 4, 4), box(1, 1, 3, 3)] };
    const p = labelPoint(lake)!;
    assert.ok(inPolygon(p, lake), `label at ${p.join(',')} is in the lake`);
    const island: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[box(10, 10, 10.1, 10.1)], [box(0, 0, 2, 2)]],
    };
    assert.deepEqual(labelPoint(island), [1, 1]);
  });

  it('is null for a polygon without area', () => {
    assert.equal(labelPoint({ type: 'Polygon', coordinates: [] }), null);
  });
});
