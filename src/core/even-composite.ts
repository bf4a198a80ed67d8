import type { UnitGraph } from './partition-types.ts';

export interface EvenCompositeOptions {
  /** Passes over the boundary units (each pass is O(edges)); default 30. */
  maxPasses?: number;
}

/**
 * Makes a second weight (a workload composite) as even as possible across parts while every part's
 * households stay inside its bounds and every part stays contiguous: greedy moves of boundary units
 * to a neighbouring part, each lowering the sum of squared composites (a move of `c` from part A to
 * part B lowers it exactly when `c < composite(A) − composite(B)`). Changes `part` and `households`
 * in place and returns how many units moved. Parts never change community (moves follow edges of
 * `graph`, which never cross communities).
 *
 * @example
 * evenComposite(graph, result.part, result.weights, composite, result.lower, result.upper);
 */
export function evenComposite(
  graph: UnitGraph,
  part: Int32Array,
  households: number[],
  composite: ArrayLike<number>,
  lower: readonly number[],
  upper: readonly number[],
  options: EvenCompositeOptions = {},
): number {
  const { n, offsets, targets, weights } = graph;
  const parts = households.length;
  const load = new Float64Array(parts);
  const size = new Int32Array(parts);
  for (let v = 0; v < n; v++) {
    if (part[v]! < 0) continue;
    load[part[v]!] += composite[v]!;
    size[part[v]!]++;
  }
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let stamp = 0;
  let moved = 0;

  // Whether part A stays connected without v: a search from one neighbour of v inside A must reach
  // every other neighbour of v inside A (the rest of A hangs off those).
  const staysConnected = (v: number, A: number): boolean => {
    const inside: number[] = [];
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) if (part[targets[e]!] === A) inside.push(targets[e]!);
    if (inside.length <= 1) return true;
    stamp++;
    seen[v] = stamp;
    let head = 0;
    let tail = 0;
    queue[tail++] = inside[0]!;
    seen[inside[0]!] = stamp;
    let found = 1;
    while (head < tail && found < inside.length) {
      const u = queue[head++]!;
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        const w = targets[e]!;
        if (part[w] !== A || seen[w] === stamp) continue;
        seen[w] = stamp;
        queue[tail++] = w;
        if (inside.includes(w)) found++;
      }
    }
    return found === inside.length;
  };

  const maxPasses = options.maxPasses ?? 30;
  for (let pass = 0; pass < maxPasses; pass++) {
    let movedThisPass = 0;
    for (let v = 0; v < n; v++) {
      const A = part[v]!;
      const c = composite[v]!;
      if (A < 0 || c <= 0 || size[A]! <= 1) continue;
      const w = weights[v]!;
      if (households[A]! - w < lower[A]!) continue;
      // The neighbouring part that gains the most from taking v.
      let best = -1;
      let bestGain = 0;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        const B = part[targets[e]!]!;
        if (B < 0 || B === A || households[B]! + w > upper[B]!) continue;
        const gain = load[A]! - load[B]! - c; // > 0 ⇔ the sum of squares falls
        if (gain > bestGain + 1e-12) [best, bestGain] = [B, gain];
      }
      if (best < 0 || !staysConnected(v, A)) continue;
      part[v] = best;
      households[A] -= w;
      households[best] += w;
      load[A] -= c;
      load[best] += c;
      size[A]--;
      size[best]++;
      movedThisPass++;
    }
    moved += movedThisPass;
    if (movedThisPass === 0) break;
  }
  return moved;
}
