/**
 * The graph the engine works on: compressed sparse rows with a cut cost per directed edge and a
 * weight (households) per node. Built once from a `UnitGraph` (edge weights, compounds, links that
 * hold exclaves), then cut into regions and coarsened.
 */

export interface LocalGraph {
  n: number;
  /** Neighbours of node i are `targets[offsets[i] .. offsets[i + 1])`. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Cut cost of each directed edge; 0 for a link that only holds an exclave to its grid. */
  cost: Float64Array;
  /** Households per node. */
  weight: Float64Array;
  /** Node of the parent graph (the unit graph for the top level) behind each node. */
  origin: Int32Array;
}

/**
 * The subgraph induced by `nodes` (indices into `g`). `scratch` maps a node of `g` to its local
 * index and must hold −1 for every node of `g` on entry; it is restored before returning.
 */
export function inducedGraph(g: LocalGraph, nodes: ArrayLike<number>, scratch: Int32Array): LocalGraph {
  const n = nodes.length;
  for (let i = 0; i < n; i++) scratch[nodes[i]!] = i;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = nodes[i]!;
    for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) if (scratch[g.targets[j]!]! >= 0) m++;
  }
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(m);
  const cost = new Float64Array(m);
  const weight = new Float64Array(n);
  const origin = new Int32Array(n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const v = nodes[i]!;
    offsets[i] = q;
    weight[i] = g.weight[v]!;
    origin[i] = v;
    for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) {
      const u = scratch[g.targets[j]!]!;
      if (u < 0) continue;
      targets[q] = u;
      cost[q++] = g.cost[j]!;
    }
  }
  offsets[n] = q;
  for (let i = 0; i < n; i++) scratch[nodes[i]!] = -1;
  return { n, offsets, targets, cost, weight, origin };
}

export function totalWeight(g: LocalGraph): number {
  let s = 0;
  for (let i = 0; i < g.n; i++) s += g.weight[i]!;
  return s;
}

/** Mean cut cost of an edge with a cost (1 when there are none). */
export function meanCost(g: LocalGraph): number {
  let s = 0;
  let c = 0;
  for (let j = 0; j < g.targets.length; j++) {
    if (g.cost[j]! > 0) {
      s += g.cost[j]!;
      c++;
    }
  }
  return c > 0 ? s / c : 1;
}
