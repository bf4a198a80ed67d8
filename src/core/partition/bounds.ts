/**
 * Bounds: the one definition of "split into the band" and of "k parts within a tolerance", shared by
 * the API, the editor (main thread and worker) and the CLI.
 */
import type { GridCount, PartitionRequest } from '../partition-types.ts';

const EPS = 1e-9;

/** Validates a request and throws an Error naming what is wrong. */
export function checkRequest(request: PartitionRequest): void {
  const { parts, tolerance, minHouseholds, maxHouseholds, gridCount, timeLimitMs } = request;
  const band = minHouseholds !== undefined || maxHouseholds !== undefined;
  if (parts === undefined && !band) throw new Error('give either parts or minHouseholds and maxHouseholds');
  if (parts !== undefined && (!Number.isInteger(parts) || parts < 1)) {
    throw new Error(`parts must be a whole number ≥ 1 (got ${parts})`);
  }
  if (tolerance !== undefined && !(tolerance >= 0 && tolerance < 1)) {
    throw new Error(`tolerance must be between 0 and 1 (got ${tolerance})`);
  }
  if (band) {
    if (minHouseholds === undefined || maxHouseholds === undefined) {
      throw new Error('a household band needs both minHouseholds and maxHouseholds');
    }
    if (!(minHouseholds >= 0) || !(maxHouseholds > 0) || minHouseholds > maxHouseholds) {
      throw new Error(`household band ${minHouseholds}–${maxHouseholds} is not a valid range`);
    }
  }
  if (gridCount !== undefined && gridCount !== 'fewest' && gridCount !== 'middle') {
    throw new Error(`gridCount must be "fewest" or "middle" (got ${JSON.stringify(gridCount)})`);
  }
  if (timeLimitMs !== undefined && !(timeLimitMs > 0 && Number.isFinite(timeLimitMs))) {
    throw new Error(`timeLimitMs must be a number of milliseconds > 0 (got ${timeLimitMs})`);
  }
}

/** The whole numbers of grids that can put `households` inside [min, max]: [lo, hi], empty when lo > hi. */
export function bandGridRange(households: number, min: number, max: number): [number, number] {
  const lo = Math.max(1, Math.ceil(households / max - EPS));
  const hi = min > 0 ? Math.floor(households / min + EPS) : Number.MAX_SAFE_INTEGER;
  return [lo, hi];
}

/**
 * The number of grids a band asks for: `fewest` that fit (⌈households / max⌉), or `middle` (the count
 * nearest households / middle of the band), kept inside the counts that fit when any do.
 */
export function bandGridCount(
  households: number,
  min: number,
  max: number,
  count: GridCount = 'fewest',
): number {
  const [lo, hi] = bandGridRange(households, min, max);
  const wanted = count === 'middle' ? Math.max(1, Math.round(households / ((min + max) / 2))) : lo;
  return lo <= hi ? Math.min(hi, Math.max(lo, wanted)) : wanted;
}

/** Largest-remainder share of `total` over `keys` in proportion to `weight`, at least 1 each. */
export function shareOut(total: number, weights: number[]): number[] {
  const m = weights.length;
  if (m === 0) return [];
  const count = Math.max(total, m);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * count : count / m));
  const out = exact.map((e) => Math.max(1, Math.floor(e)));
  let given = out.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => exact[b]! - out[b]! - (exact[a]! - out[a]!) || a - b);
  for (let j = 0; given < count; j = (j + 1) % m, given++) out[order[j]!]!++;
  for (let j = m - 1; given > count; j = (j + m - 1) % m) {
    const i = order[j]!;
    if (out[i]! > 1) {
      out[i]!--;
      given--;
    }
  }
  return out;
}
