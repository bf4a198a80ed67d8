/**
 * The unit graph: compressed sparse rows built from an edge list, plus connectivity helpers.
 */
import type { UnitGraph } from './partition-types.ts';

export interface GraphInput {
  ids: string[];
  weights: ArrayLike<number>;
  /** Pairs of node indices. Self-loops and duplicates are dropped. */
  edges: ArrayLike<readonly [number, number]> | Array<[number, number]>;
  /** Community name per node; omitted = one community. */
  community?: ArrayLike<string | undefined>;
}

/**
 * Builds a CSR graph. Edges between nodes of different communities are dropped, so no part can
 * ever cross a community boundary.
 *
 * @example
 * const g = buildGraph({ ids: ['a', 'b'], weights: [10, 20], edges: [[0, 1]] });
 */
export function buildGraph(input: GraphInput): UnitGraph {
  const n = input.ids.length;
  const communityNames: string[] = [];
  const community = new Int32Array(n);
  if (input.community) {
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const name = input.community[i] ?? '';
      let c = index.get(name);
      if (c === undefined) {
        c = communityNames.length;
        communityNames.push(name);
        index.set(name, c);
      }
      community[i] = c;
    }
  } else {
    communityNames.push('');
  }
  const m = input.edges.length;
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  let kept = 0;
  for (let e = 0; e < m; e++) {
    const [u, v] = input.edges[e]!;
    if (u === v || u < 0 || v < 0 || u >= n || v >= n) continue;
    if (community[u] !== community[v]) continue;
    a[kept] = Math.min(u, v);
    b[kept] = Math.max(u, v);
    kept++;
  }
  // Dedupe by sorting edge keys.
  const order = new Int32Array(kept);
  for (let e = 0; e < kept; e++) order[e] = e;
  order.sort((x, y) => a[x]! - a[y]! || b[x]! - b[y]!);
  const degree = new Int32Array(n + 1);
  const ua: number[] = [];
  const ub: number[] = [];
  let pa = -1;
  let pb = -1;
  for (let i = 0; i < kept; i++) {
    const e = order[i]!;
    if (a[e] === pa && b[e] === pb) continue;
    pa = a[e]!;
    pb = b[e]!;
    ua.push(pa);
    ub.push(pb);
    degree[pa]!++;
    degree[pb]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  for (let e = 0; e < ua.length; e++) {
    targets[fill[ua[e]!]!++] = ub[e]!;
    targets[fill[ub[e]!]!++] = ua[e]!;
  }
  const weights = Float64Array.from(input.weights);
  return { n, ids: input.ids.slice(), offsets, targets, weights, community, communityNames };
}

/** Number of undirected edges. */
export function edgeCount(graph: UnitGraph): number {
  return graph.targets.length / 2;
}

/**
 * Connected components of the nodes accepted by `include` (all nodes when omitted).
 * Returns the component index per node (−1 for excluded nodes) and the number of components.
 */
export function components(
  graph: UnitGraph,
  include?: (node: number) => boolean,
): { component: Int32Array; count: number } {
  const { n, offsets, targets } = graph;
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (component[s] !== -1 || (include && !include(s))) continue;
    let top = 0;
    stack[top++] = s;
    component[s] = count;
    while (top > 0) {
      const u = stack[--top]!;
      for (let j = offsets[u]!; j < offsets[u + 1]!; j++) {
        const v = targets[j]!;
        if (component[v] !== -1 || (include && !include(v))) continue;
        component[v] = count;
        stack[top++] = v;
      }
    }
    count++;
  }
  return { component, count };
}

/** True when the nodes carrying `label` in `labels` form one connected piece (or none). */
export function isLabelConnected(graph: UnitGraph, labels: ArrayLike<number>, label: number): boolean {
  const { n, offsets, targets } = graph;
  let start = -1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === label) {
      total++;
      if (start < 0) start = i;
    }
  }
  if (total <= 1) return true;
  const seen = new Uint8Array(n);
  const stack = [start];
  seen[start] = 1;
  let reached = 1;
  while (stack.length) {
    const u = stack.pop()!;
    for (let j = offsets[u]!; j < offsets[u + 1]!; j++) {
      const v = targets[j]!;
      if (seen[v] || labels[v] !== label) continue;
      seen[v] = 1;
      reached++;
      stack.push(v);
    }
  }
  return reached === total;
}

/** Small fast deterministic PRNG (sfc32 seeded through splitmix32). Returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  const next32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = next32();
  let b = next32();
  let c = next32();
  let d = next32();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
