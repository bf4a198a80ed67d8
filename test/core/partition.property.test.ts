import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { area, intersect } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, Polygon } from 'geojson';
import { createRandom } from '../../src/core/graph.ts';
import { partitionUnits, type UnitInput } from '../../src/core/plan.ts';

/** A star-shaped (usually non-convex) community boundary around (120.1, 30.2). */
function starBoundary(seed: number, spikes: number): Polygon {
  const rng = createRandom(seed);
  const ring: number[][] = [];
  for (let i = 0; i < spikes; i++) {
    const a = (2 * Math.PI * i) / spikes;
    const r = 0.004 + 0.004 * rng();
    ring.push([120.1 + r * Math.cos(a), 30.2 + r * Math.sin(a)]);
  }
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Units at random points inside the inner disc of the star (some sharing a point). */
function randomUnits(seed: number, n: number, shared: number): UnitInput[] {
  const rng = createRandom(seed);
  const units: UnitInput[] = [];
  for (let i = 0; i < n; i++) {
    let x: number;
    let y: number;
    if (i > 0 && i <= shared) {
      const c = units[i - 1]!.geometry as { coordinates: number[] };
      [x, y] = c.coordinates as [number, number];
    } else {
      const a = 2 * Math.PI * rng();
      const r = 0.0038 * Math.sqrt(rng());
      x = 120.1 + r * Math.cos(a);
      y = 30.2 + r * Math.sin(a);
    }
    units.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x, y] },
      properties: { id: `u${i}`, households: Math.floor(rng() * 60) },
    });
  }
  return units;
}

const cases = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  n: fc.integer({ min: 8, max: 60 }),
  shared: fc.integer({ min: 0, max: 3 }),
  spikes: fc.integer({ min: 5, max: 12 }),
  parts: fc.integer({ min: 1, max: 6 }),
  band: fc.boolean(),
});

describe('partitionUnits properties', () => {
  it('conserves households, assigns every unit once, keeps grids contiguous, leaves no gap or overlap, and is deterministic', () => {
    fc.assert(
      fc.property(cases, ({ seed, n, shared, spikes, parts, band }) => {
        const boundary = starBoundary(seed, spikes);
        const features = randomUnits(seed + 1, n, shared);
        const total = features.reduce((s, f) => s + (f.properties!.households as number), 0);
        const request = band
          ? {
              minHouseholds: Math.max(1, Math.floor(total / (parts + 1))),
              maxHouseholds: Math.max(2, Math.ceil(total / parts)),
              seed,
            }
          : { parts: Math.min(parts, n), tolerance: 0.25, seed };
        const plan = partitionUnits({ features }, request, { boundary });
        // Every unit in exactly one grid; households conserved exactly.
        assert.equal(Object.keys(plan.assignment).length, n);
        assert.equal(
          plan.partition.weights.reduce((a, b) => a + b, 0),
          total,
        );
        const byGrid = new Map<string, number>();
        for (const f of features) {
          const g = plan.assignment[String(f.properties!.id)]!;
          byGrid.set(g, (byGrid.get(g) ?? 0) + (f.properties!.households as number));
        }
        assert.equal(
          [...byGrid.values()].reduce((a, b) => a + b, 0),
          total,
        );
        // Contiguous on the graph.
        assert.equal(plan.metrics.contiguous, true);
        // No gaps: grid areas add up to the boundary's area.
        assert.ok(plan.grids);
        const sum = plan.grids.features.reduce((s, g) => s + area(g), 0);
        const whole = area(boundary);
        assert.ok(Math.abs(sum - whole) / whole <= 1e-9, `area error ${(sum - whole) / whole}`);
        // No overlaps.
        const grids = plan.grids.features as Array<Feature<Polygon>>;
        for (let i = 0; i < grids.length; i++) {
          for (let j = i + 1; j < grids.length; j++) {
            const both = intersect({ type: 'FeatureCollection', features: [grids[i]!, grids[j]!] });
            const overlap = both ? area(both) : 0;
            assert.ok(overlap <= whole * 1e-9, `overlap ${overlap} m²`);
          }
        }
        // Same seed, same plan.
        const again = partitionUnits({ features }, request, { boundary });
        assert.deepEqual(again.assignment, plan.assignment);
      }),
      { numRuns: 30, seed: 20240611 },
    );
  });
});
