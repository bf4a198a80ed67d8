/**
 * The household band on districts whose band plan exists by construction (test/core/band-district.ts):
 * every grid in [300, 500], households conserved, every grid contiguous.
 *
 * 200 districts, seeds 1 … 200, of 100–5,000 buildings: seed s has 100 · 50^(u^2.5) buildings,
 * u = (s − 1) / 199 — log-uniform bent toward small districts so the file runs in well under a
 * minute on 2 shared cores (about 134,000 buildings in all; 21 districts of 2,000 or more).
 * WANGGE_BAND_FULL=1 spreads all 200 log-uniformly (100 · 50^u: about 252,000 buildings,
 * 47 districts of 2,000 or more; ~1.5 min).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disconnectedParts } from '../../src/core/graph.ts';
import { partitionGraph } from '../../src/core/partition/index.ts';
import type { GraphPartition, UnitGraph } from '../../src/core/partition-types.ts';
import { BAND_MAX, BAND_MIN, generateBandDistrict } from './band-district.ts';

const BAND = { minHouseholds: BAND_MIN, maxHouseholds: BAND_MAX };
const total = (w: ArrayLike<number>): number => Array.from(w).reduce((a, b) => a + b, 0);

/** Buildings of the district with this seed (1 … 200). */
export function bandCaseSize(seed: number, full = process.env.WANGGE_BAND_FULL === '1'): number {
  const u = (seed - 1) / 199;
  return Math.round(100 * Math.pow(50, full ? u : Math.pow(u, 2.5)));
}

/** What came out, in one line, for a failure message. */
function describeResult(graph: UnitGraph, planted: number, r: GraphPartition): string {
  const out = r.weights.map((w, p) => [p + 1, w] as const).filter(([, w]) => w < BAND_MIN || w > BAND_MAX);
  const broken = disconnectedParts(graph, r.part, r.parts);
  return (
    `planted ${planted} grids; engine ${r.parts} grids, feasible ${r.feasible}, ` +
    `households ${Math.min(...r.weights)}–${Math.max(...r.weights)}, ` +
    `outside the band: ${out.map(([p, w]) => `grid ${p} = ${w}`).join(', ') || 'none'}, ` +
    `non-contiguous: ${broken.map((p) => p + 1).join(', ') || 'none'}; ` +
    `problems: ${r.problems.map((p) => p.message).join(' | ') || 'none'}`
  );
}

describe('household band on districts with a band plan by construction', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const n = bandCaseSize(seed);
    it(`seed ${seed}: ${n} buildings → every grid in ${BAND_MIN}–${BAND_MAX}, contiguous, households conserved`, () => {
      const { graph, grids } = generateBandDistrict({ buildings: n, seed });
      const r = partitionGraph(graph, { ...BAND, seed });
      const what = `seed ${seed}, ${n} buildings: ${describeResult(graph, grids, r)}`;
      assert.equal(total(r.weights), total(graph.weights), `households not conserved (${what})`);
      assert.ok(
        r.part.every((p) => p >= 0 && p < r.parts),
        `a building without a grid (${what})`,
      );
      assert.equal(r.feasible, true, what);
      for (const w of r.weights) assert.ok(w >= BAND_MIN && w <= BAND_MAX, what);
      assert.deepEqual(disconnectedParts(graph, r.part, r.parts), [], what);
    });
  }
});

describe('band districts: islands, compounds, caps, determinism', () => {
  it('returns islands too small for a grid as exclave warnings, not failures', () => {
    const { graph, landmass, grids } = generateBandDistrict({ buildings: 800, seed: 7, islands: 3 });
    const r = partitionGraph(graph, { ...BAND, seed: 1 });
    const exclaves = r.warnings.filter((w) => w.code === 'exclave');
    assert.equal(exclaves.length, 3, describeResult(graph, grids, r));
    for (const w of exclaves) {
      const unit = graph.ids.indexOf(w.unit!);
      assert.ok(landmass[unit]! > 0, `exclave warning names ${w.unit}, which is not on an island`);
    }
    assert.equal(r.feasible, true, describeResult(graph, grids, r));
    for (const w of r.weights) assert.ok(w >= BAND_MIN && w <= BAND_MAX, `weight ${w}`);
    assert.equal(total(r.weights), total(graph.weights));
  });

  it('makes an island grid (a piece that fits the band) a grid of its own', () => {
    const { graph, landmass, grids } = generateBandDistrict({ buildings: 600, seed: 8, islandGrids: 2 });
    const r = partitionGraph(graph, { ...BAND, seed: 1 });
    assert.equal(r.feasible, true, describeResult(graph, grids, r));
    assert.equal(r.warnings.filter((w) => w.code === 'exclave').length, 0);
    for (const island of [1, 2]) {
      const parts = new Set<number>();
      for (let i = 0; i < graph.n; i++) if (landmass[i] === island) parts.add(r.part[i]!);
      assert.equal(parts.size, 1, `island grid ${island} spread over grids ${[...parts].join(', ')}`);
    }
  });

  it('keeps compounds whole when the band allows', () => {
    const { graph, grids } = generateBandDistrict({ buildings: 1200, seed: 5, compounds: true });
    assert.ok((graph.compoundNames?.length ?? 0) > 100, 'the district has compounds');
    const r = partitionGraph(graph, { ...BAND, seed: 1 });
    assert.equal(r.feasible, true, describeResult(graph, grids, r));
    // Measured: whole compounds are tried first; when that search misses the band by a few
    // households (twice, from two random streams), the repair splits a few (0–1 of ~300 measured).
    const compounds = graph.compoundNames!.length;
    assert.ok(
      r.splitCompounds.length <= 0.03 * compounds,
      `${r.splitCompounds.length} of ${compounds} compounds split`,
    );
    assert.equal(r.warnings.filter((w) => w.code === 'compound-split').length, r.splitCompounds.length);
  });

  it('flags a building of 620 households in a district of 20, naming it', () => {
    const { graph } = generateBandDistrict({ buildings: 20, seed: 3 });
    const big = 11;
    const weights = Float64Array.from(graph.weights);
    weights[big] = 620;
    const r = partitionGraph({ ...graph, weights }, { ...BAND, seed: 1 });
    assert.equal(r.feasible, false);
    const problem = r.problems.find((p) => p.code === 'unit-over-cap');
    assert.ok(problem, `no unit-over-cap problem: ${r.problems.map((p) => p.code).join(', ')}`);
    assert.equal(problem.unit, graph.ids[big]);
    assert.match(problem.message, new RegExp(`unit ${graph.ids[big]} has 620 households`));
    assert.equal(total(r.weights), total(weights));
  });

  it('a repair that needs two grids more gives each its own label (city bench community C1033)', () => {
    // The area repair once pushed one new label for two new grids: one grid took another's units
    // (807 households) and one stayed empty.
    const { graph } = generateBandDistrict({ buildings: 333, seed: 1034 });
    const r = partitionGraph(graph, { ...BAND, seed: 1 });
    assert.equal(r.feasible, true, describeResult(graph, 0, r));
    for (const w of r.weights) assert.ok(w >= BAND_MIN && w <= BAND_MAX, describeResult(graph, 0, r));
    assert.equal(total(r.weights), total(graph.weights));
  });

  it('gives the same plan for the same seed and timeLimitMs', () => {
    const { graph } = generateBandDistrict({ buildings: 1500, seed: 11, compounds: true });
    const a = partitionGraph(graph, { ...BAND, seed: 4, timeLimitMs: 300 });
    const b = partitionGraph(graph, { ...BAND, seed: 4, timeLimitMs: 300 });
    assert.equal(a.parts, b.parts);
    assert.deepEqual(Array.from(a.part), Array.from(b.part));
  });
});
