/**
 * Rebalancing towards the fewest grids: once a plan meets the band, dissolve the lightest grid into
 * its neighbours (each unit joins a neighbouring grid it touches, the one with the most room, so
 * every grid stays connected) and let the tabu search bring the grids around it back inside the
 * band. The search works on the grids nearest the dissolved one (at most 16), so a try costs the
 * same in a community and in a district of thousands of grids. Kept when it succeeds; stops after
 * a few grids in a row cannot be dissolved.
 */
import type { WorkMeter } from './budget.ts';
import { inducedGraph, type LocalGraph } from './local-graph.ts';
import { stallFor, TabuSearch, uniformBounds, type RefineOptions, type Score } from './refine.ts';

/** Solves a small area into m grids from scratch (the engine's own search, passed in). */
export type AreaSolver = (
  g: LocalGraph,
  m: number,
  lower: number,
  upper: number,
  start?: Int32Array,
) => { part: Int32Array; score: Score };

/** Grids around the dissolved one that may take part in bringing the band back. */
const AREA_PARTS = 16;
const MAX_FAILS = 3;

/** Removes grids while the band still holds; changes `part` in place and returns the new count. */
export function eliminateParts(
  g: LocalGraph,
  k: number,
  lower: number,
  upper: number,
  part: Int32Array,
  rng: () => number,
  meter: WorkMeter,
  options: RefineOptions = {},
): number {
  let W = 0;
  for (let v = 0; v < g.n; v++) W += g.weight[v]!;
  const scratch = new Int32Array(g.n).fill(-1);
  const tried = new Uint8Array(k);
  let fails = 0;
  while (k > 1 && (k - 1) * upper >= W && fails < MAX_FAILS && !meter.exhausted) {
    const pw = new Float64Array(k);
    for (let v = 0; v < g.n; v++) pw[part[v]!] += g.weight[v]!;
    meter.spend(g.n);
    let p = -1;
    for (let q = 0; q < k; q++) if (!tried[q] && (p < 0 || pw[q]! < pw[p]!)) p = q;
    if (p < 0) break;
    if (tryDissolve(g, k, part, pw, p, lower, upper, rng, meter, options, scratch)) {
      for (let v = 0; v < g.n; v++) if (part[v]! > p) part[v]!--;
      k--;
      tried.fill(0);
      fails = 0;
    } else {
      tried[p] = 1;
      fails++;
    }
  }
  return k;
}

function tryDissolve(
  g: LocalGraph,
  k: number,
  part: Int32Array,
  pw: Float64Array,
  p: number,
  lower: number,
  upper: number,
  rng: () => number,
  meter: WorkMeter,
  options: RefineOptions,
  scratch: Int32Array,
): boolean {
  // The area: p and the grids nearest to it.
  const area = areaAround(g, part, p, meter);
  let areaWeight = 0;
  for (const q of area) areaWeight += pw[q]!;
  const m = area.length - 1;
  if (m < 1 || m * upper < areaWeight || m * lower > areaWeight) return false;
  const localOf = new Int32Array(k).fill(-1);
  area.forEach((q, i) => (localOf[q] = i));
  const nodes: number[] = [];
  for (let v = 0; v < g.n; v++) if (localOf[part[v]!]! >= 0) nodes.push(v);
  const sub = inducedGraph(g, nodes, scratch);
  const local = Int32Array.from(nodes, (v) => localOf[part[v]!]!);
  // Hand p's units (local label 0) to touching grids, most room first; labels then shift down by 1.
  const room = Float64Array.from(area, (q) => upper - pw[q]!);
  let left = 0;
  for (let i = 0; i < sub.n; i++) if (local[i] === 0) left++;
  while (left > 0) {
    let progress = false;
    for (let i = 0; i < sub.n; i++) {
      if (local[i] !== 0) continue;
      let best = -1;
      for (let j = sub.offsets[i]!; j < sub.offsets[i + 1]!; j++) {
        const q = local[sub.targets[j]!]!;
        if (q !== 0 && (best < 0 || room[q]! > room[best]!)) best = q;
      }
      if (best < 0) continue;
      local[i] = best;
      room[best] -= sub.weight[i]!;
      left--;
      progress = true;
    }
    if (!progress) return false;
  }
  for (let i = 0; i < sub.n; i++) local[i]!--;
  meter.spend(sub.targets.length);
  const search = new TabuSearch(sub, m, uniformBounds(m, lower, upper, areaWeight), local, rng, options);
  const score = search.run(stallFor(sub.n) * 2, meter);
  if (score.violation > 0) return false;
  // Write back: local label i is area[i + 1]; p disappears.
  nodes.forEach((v, i) => (part[v] = area[search.part[i]! + 1]!));
  return true;
}

/** Grid p and the grids nearest to it, ring by ring (p first), at most `size`. */
function areaAround(
  g: LocalGraph,
  part: Int32Array,
  p: number,
  meter: WorkMeter,
  size = AREA_PARTS,
): number[] {
  const area = [p];
  const inArea = new Set([p]);
  // Units of each part, gathered once.
  const members = new Map<number, number[]>();
  for (let v = 0; v < g.n; v++) {
    const list = members.get(part[v]!);
    if (list) list.push(v);
    else members.set(part[v]!, [v]);
  }
  meter.spend(g.n);
  const neighboursOf = (q: number): Set<number> => {
    const found = new Set<number>();
    for (const v of members.get(q) ?? []) {
      for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++)
        if (part[g.targets[j]!] !== q) found.add(part[g.targets[j]!]!);
    }
    return found;
  };
  const join = (q: number): void => {
    if (area.length >= size || inArea.has(q)) return;
    area.push(q);
    inArea.add(q);
  };
  // Ring by ring (neighbours, their neighbours, …) until the area is full or the piece ends.
  for (let from = 0; area.length < size;) {
    const to = area.length;
    for (let i = from; i < to; i++) for (const r of neighboursOf(area[i]!)) join(r);
    if (area.length === to) break;
    from = to;
  }
  return area;
}

/**
 * Brings grids outside the band back inside it by solving the area around each one anew: with the
 * same number of grids, or (when the count may change) one fewer around a grid below the band, one
 * more around a grid above it. Other grids are untouched. Changes `part`; returns the new count.
 */
export function repairParts(
  g: LocalGraph,
  k: number,
  lower: number,
  upper: number,
  part: Int32Array,
  flexible: boolean,
  solve: AreaSolver,
  meter: WorkMeter,
): number {
  const scratch = new Int32Array(g.n).fill(-1);
  for (let pass = 0; pass < 3 && !meter.exhausted; pass++) {
    const pw = new Float64Array(k);
    for (let v = 0; v < g.n; v++) pw[part[v]!] += g.weight[v]!;
    const outside: number[] = [];
    for (let q = 0; q < k; q++) if (pw[q]! < lower - 1e-9 || pw[q]! > upper + 1e-9) outside.push(q);
    if (outside.length === 0) break;
    let fixed = false;
    for (const q0 of outside) {
      if (meter.exhausted) break;
      const q = q0;
      const w = pw[q]!;
      // Tries: the area refined from its grids as they are, solved anew, then with a grid fewer (a
      // grid below the band) or one or two more (above it), then the same over a wider area.
      const deltas = flexible ? (w < lower ? [0, -1] : [0, 1, 2]) : [0];
      const tries: Array<[number, number, boolean]> = [];
      for (const size of [AREA_PARTS, 3 * AREA_PARTS]) {
        tries.push([0, size, true]);
        for (const d of deltas) tries.push([d, size, false]);
      }
      for (const [delta, size, fromCurrent] of tries) {
        const area = areaAround(g, part, q, meter, size);
        let areaWeight = 0;
        const inArea = new Int32Array(k).fill(-1);
        area.forEach((r, i) => (inArea[r] = i));
        const nodes: number[] = [];
        for (let v = 0; v < g.n; v++) {
          if (inArea[part[v]!]! >= 0) {
            nodes.push(v);
            areaWeight += g.weight[v]!;
          }
        }
        const m = area.length + delta;
        if (m < 1 || m * upper < areaWeight - 1e-9 || m * lower > areaWeight + 1e-9 || m > nodes.length)
          continue;
        const sub = inducedGraph(g, nodes, scratch);
        meter.spend(sub.targets.length);
        const start = fromCurrent ? Int32Array.from(nodes, (v) => inArea[part[v]!]!) : undefined;
        const solved = solve(sub, m, lower, upper, start);
        if (solved.score.violation > 0) continue;
        // Labels: the area's own, then new ones (k, k + 1) for grids more; for one fewer, q goes away.
        const labels = area.slice();
        for (let d = 0; d < delta; d++) labels.push(k + d);
        if (delta < 0) labels.splice(labels.indexOf(q), 1);
        nodes.forEach((v, i) => (part[v] = labels[solved.part[i]!]!));
        if (delta < 0) for (let v = 0; v < g.n; v++) if (part[v]! > q) part[v]!--;
        k += delta;
        fixed = true;
        break;
      }
      if (fixed) break;
    }
    if (!fixed) break;
    pass--; // a fix made: look again (the pass count limits only fruitless rounds)
    if (meter.exhausted) break;
  }
  return k;
}
