/** A plain re-implementation of the idea of GerryChain's `recursive_tree_part`, for benchmarks. */
import type { UnitGraph } from '../../src/core/partition-types.ts';

/**
 * The idea of GerryChain's recursive_tree_part: carve one district at a time off the rest of the
 * graph. Each try draws a random-weight spanning tree (Kruskal over random edge weights), lists the
 * tree edges whose subtree is within the tolerance of the target, and takes one at random. The
 * target absorbs earlier districts' error so the last one closes exactly. A district without a cut
 * in 1,000 trees starts the whole run over (up to `restarts` times); null when all fail.
 */
export function treePartLike(g: UnitGraph, k: number, eps: number, rng: () => number, restarts = 5): Int32Array | null {
  // Like GerryChain, start over when a district cannot be carved off (the rest may not split).
  for (let r = 0; r < restarts; r++) {
    const part = treePartOnce(g, k, eps, rng);
    if (part) return part;
  }
  return null;
}

function treePartOnce(g: UnitGraph, k: number, eps: number, rng: () => number): Int32Array | null {
  const part = new Int32Array(g.n).fill(-1);
  let total = 0;
  for (let i = 0; i < g.n; i++) total += g.weights[i]!;
  const ideal = total / k;
  let debt = 0;
  const uf = new Int32Array(g.n);
  const find = (x: number): number => {
    while (uf[x] !== x) x = uf[x] = uf[uf[x]!]!;
    return x;
  };
  for (let d = 0; d < k - 1; d++) {
    const inRest = (v: number): boolean => part[v] === -1;
    const nodes: number[] = [];
    for (let i = 0; i < g.n; i++) if (inRest(i)) nodes.push(i);
    const minP = Math.max(ideal * (1 - eps), ideal * (1 - eps) - debt);
    const maxP = Math.min(ideal * (1 + eps), ideal * (1 + eps) - debt);
    let done = false;
    for (let attempt = 0; attempt < 1000 && !done; attempt++) {
      const edges: Array<[number, number, number]> = [];
      for (const u of nodes) {
        for (let j = g.offsets[u]!; j < g.offsets[u + 1]!; j++) {
          const v = g.targets[j]!;
          if (v > u && inRest(v)) edges.push([u, v, rng()]);
        }
      }
      edges.sort((a, b) => a[2] - b[2]);
      for (const u of nodes) uf[u] = u;
      const adj = new Map<number, number[]>();
      for (const u of nodes) adj.set(u, []);
      for (const [u, v] of edges) {
        const a = find(u);
        const b = find(v);
        if (a === b) continue;
        uf[a] = b;
        adj.get(u)!.push(v);
        adj.get(v)!.push(u);
      }
      const root = nodes[Math.floor(rng() * nodes.length)]!;
      const order: number[] = [];
      const parent = new Map<number, number>([[root, -1]]);
      const stack = [root];
      while (stack.length) {
        const u = stack.pop()!;
        order.push(u);
        for (const v of adj.get(u)!) {
          if (parent.has(v)) continue;
          parent.set(v, u);
          stack.push(v);
        }
      }
      const sub = new Map<number, number>();
      for (let q = order.length - 1; q >= 0; q--) {
        const u = order[q]!;
        const s = (sub.get(u) ?? 0) + g.weights[u]!;
        sub.set(u, s);
        const p = parent.get(u)!;
        if (p >= 0) sub.set(p, (sub.get(p) ?? 0) + s);
      }
      const candidates = order.slice(1).filter((u) => sub.get(u)! >= minP && sub.get(u)! <= maxP);
      if (candidates.length === 0) continue;
      const cut = candidates[Math.floor(rng() * candidates.length)]!;
      const take = [cut];
      part[cut] = d;
      while (take.length) {
        const x = take.pop()!;
        for (const y of adj.get(x)!) {
          if (parent.get(y) === x) {
            part[y] = d;
            take.push(y);
          }
        }
      }
      debt += sub.get(cut)! - ideal;
      done = true;
    }
    if (!done) return null;
  }
  for (let i = 0; i < g.n; i++) if (part[i] === -1) part[i] = k - 1;
  return part;
}
