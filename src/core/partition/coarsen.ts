/**
 * Coarsening by heavy-edge matching (as METIS does): units are visited in random order and each is
 * matched with the unmatched neighbour it shares the heaviest cut cost with, as long as the pair
 * stays under a weight cap. Edges inside a compound cost the most, so compounds contract first and
 * tend to stay whole. Parallel edges are summed. Each coarse node is connected (a matched pair is an
 * edge), so a contiguous coarse part projects to a contiguous fine part.
 */
import type { LocalGraph } from './local-graph.ts';

export interface Level {
  graph: LocalGraph;
  /** Coarse node of each node of the finer graph. */
  map: Int32Array;
}

/** One level of matching; returns null when it would shrink the graph by less than 10 %. */
export function coarsen(
  g: LocalGraph,
  cap: number,
  rng: () => number,
  part: Int32Array | null = null,
): Level | null {
  const { n, offsets, targets, cost, weight } = g;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const mate = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    const v = order[t]!;
    if (mate[v] !== -1) continue;
    let best = -1;
    let bestCost = -1;
    let bestWeight = Infinity;
    for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
      const u = targets[j]!;
      if (mate[u] !== -1 || u === v) continue;
      if (part && part[u] !== part[v]) continue;
      const w = weight[u]! + weight[v]!;
      if (w > cap) continue;
      const c = cost[j]!;
      if (c > bestCost || (c === bestCost && w < bestWeight)) {
        best = u;
        bestCost = c;
        bestWeight = w;
      }
    }
    mate[v] = best >= 0 ? best : v;
    if (best >= 0) mate[best] = v;
  }
  const map = new Int32Array(n).fill(-1);
  let cn = 0;
  for (let t = 0; t < n; t++) {
    const v = order[t]!;
    if (map[v] !== -1) continue;
    map[v] = cn;
    map[mate[v]!] = cn;
    cn++;
  }
  if (cn > 0.9 * n) return null;
  return { graph: contract(g, map, cn), map };
}

/** The quotient graph of `map` (node → coarse node 0 … cn − 1): weights and parallel edge costs summed. */
export function contract(g: LocalGraph, map: Int32Array, cn: number): LocalGraph {
  const { n, offsets, targets, cost, weight } = g;
  // Coarse rows: the union of the members' rows, summed per coarse neighbour.
  const members = new Int32Array(n);
  const start = new Int32Array(cn + 1);
  for (let v = 0; v < n; v++) start[map[v]! + 1]!++;
  for (let c = 0; c < cn; c++) start[c + 1] += start[c]!;
  const fill = start.slice(0, cn);
  for (let v = 0; v < n; v++) members[fill[map[v]!]!++] = v;
  const offsetsC = new Int32Array(cn + 1);
  const targetsC: number[] = [];
  const costC: number[] = [];
  const weightC = new Float64Array(cn);
  const origin = new Int32Array(cn);
  const slot = new Int32Array(cn).fill(-1);
  for (let c = 0; c < cn; c++) {
    offsetsC[c] = targetsC.length;
    const rowStart = targetsC.length;
    origin[c] = members[start[c]!]!;
    for (let x = start[c]!; x < start[c + 1]!; x++) {
      const v = members[x]!;
      weightC[c] += weight[v]!;
      for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
        const d = map[targets[j]!]!;
        if (d === c) continue;
        const s = slot[d]!;
        if (s >= rowStart) costC[s] += cost[j]!;
        else {
          slot[d] = targetsC.length;
          targetsC.push(d);
          costC.push(cost[j]!);
        }
      }
    }
  }
  offsetsC[cn] = targetsC.length;
  return {
    n: cn,
    offsets: offsetsC,
    targets: Int32Array.from(targetsC),
    cost: Float64Array.from(costC),
    weight: weightC,
    origin,
  };
}
