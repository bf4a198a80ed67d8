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
  /** Cut cost per edge (same order as `edges`), e.g. shared boundary length; default 1. */
  edgeWeights?: ArrayLike<number>;
  /** Compound (小区) name per node; omitted or undefined = none. */
  compound?: ArrayLike<string | undefined>;
  /** Site per node (lon, lat); used to join an island to its nearest grid. */
  sites?: ArrayLike<readonly [number, number] | null | undefined>;
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
  // Count both directions of every kept edge, fill the rows, then sort and dedupe each row
  // (rows are short), so neighbours are listed in ascending order.
  const m = input.edges.length;
  const ea = new Int32Array(m);
  const eb = new Int32Array(m);
  const ew = new Float64Array(m);
  const degree = new Int32Array(n + 1);
  let kept = 0;
  for (let e = 0; e < m; e++) {
    const pair = input.edges[e]!;
    const u = pair[0];
    const v = pair[1];
    if (u === v || !(u >= 0 && v >= 0 && u < n && v < n)) continue;
    if (community[u] !== community[v]) continue;
    ea[kept] = u;
    eb[kept] = v;
    ew[kept] = input.edgeWeights ? Number(input.edgeWeights[e]) : 1;
    kept++;
    degree[u]!++;
    degree[v]!++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const raw = new Int32Array(start[n]!);
  const rawW = new Float64Array(start[n]!);
  for (let e = 0; e < kept; e++) {
    rawW[fill[ea[e]!]!] = ew[e]!;
    raw[fill[ea[e]!]!++] = eb[e]!;
    rawW[fill[eb[e]!]!] = ew[e]!;
    raw[fill[eb[e]!]!++] = ea[e]!;
  }
  const offsets = new Int32Array(n + 1);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const from = start[i]!;
    const to = start[i + 1]!;
    // Insertion sort of the row, then copy without repeats.
    for (let x = from + 1; x < to; x++) {
      const value = raw[x]!;
      const w = rawW[x]!;
      let y = x - 1;
      while (y >= from && raw[y]! > value) {
        raw[y + 1] = raw[y]!;
        rawW[y + 1] = rawW[y]!;
        y--;
      }
      raw[y + 1] = value;
      rawW[y + 1] = w;
    }
    offsets[i] = q;
    // A pair listed twice keeps its larger weight.
    for (let x = from; x < to; x++) {
      if (x === from || raw[x] !== raw[x - 1]) {
        raw[q] = raw[x]!;
        rawW[q++] = rawW[x]!;
      } else if (rawW[x]! > rawW[q - 1]!) rawW[q - 1] = rawW[x]!;
    }
  }
  offsets[n] = q;
  const targets = raw.slice(0, q);
  const weights = Float64Array.from(input.weights);
  const graph: UnitGraph = {
    n,
    ids: input.ids.slice(),
    offsets,
    targets,
    weights,
    community,
    communityNames,
  };
  if (input.edgeWeights) graph.edgeWeights = rawW.slice(0, q);
  if (input.compound) {
    const names: string[] = [];
    const index = new Map<string, number>();
    const compound = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const name = input.compound[i];
      if (name === undefined || name === null || name === '') continue;
      let c = index.get(name);
      if (c === undefined) {
        c = names.length;
        names.push(name);
        index.set(name, c);
      }
      compound[i] = c;
    }
    if (names.length) {
      graph.compound = compound;
      graph.compoundNames = names;
    }
  }
  if (input.sites) {
    const sites = new Float64Array(2 * n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const s = input.sites[i];
      if (s) {
        sites[2 * i] = s[0];
        sites[2 * i + 1] = s[1];
      }
    }
    graph.sites = sites;
  }
  return graph;
}

/** Number of undirected edges. */
export function edgeCount(graph: UnitGraph): number {
  return graph.targets.length / 2;
}

/**
 * Connected components of the nodes accepted by `include` (all nodes when omitted), along the edges
 * accepted by `joins`.
 * Returns the component index per node (−1 for excluded nodes) and the number of components.
 */
export function components(
  graph: UnitGraph,
  include?: (node: number) => boolean,
  /** Whether an edge joins its two ends (default: every edge does). */
  joins?: (u: number, v: number) => boolean,
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
        if (component[v] !== -1 || (include && !include(v)) || (joins && !joins(u, v))) continue;
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

/**
 * Parts (labels 0 … parts − 1) made of more than one connected piece, in one pass over the graph:
 * pieces are flood-filled along edges inside a label, and a label that starts a second piece is
 * reported. Returns the labels in ascending order.
 */
export function disconnectedParts(graph: UnitGraph, labels: ArrayLike<number>, parts: number): number[] {
  const { n, offsets, targets } = graph;
  const seen = new Uint8Array(n);
  const started = new Uint8Array(Math.max(0, parts));
  const broken = new Uint8Array(Math.max(0, parts));
  const stack = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const l = labels[s]!;
    if (seen[s] || l < 0 || l >= parts) continue;
    if (started[l]) broken[l] = 1;
    started[l] = 1;
    let top = 0;
    stack[top++] = s;
    seen[s] = 1;
    while (top > 0) {
      const u = stack[--top]!;
      for (let j = offsets[u]!; j < offsets[u + 1]!; j++) {
        const v = targets[j]!;
        if (seen[v] || labels[v] !== l) continue;
        seen[v] = 1;
        stack[top++] = v;
      }
    }
  }
  const out: number[] = [];
  for (let p = 0; p < parts; p++) if (broken[p]) out.push(p);
  return out;
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

/**
 * For every label 0…count−1 at once, whether its nodes form one connected piece (or none): one pass
 * over the graph, where `isLabelConnected` for each label would scan every node once per label.
 * Nodes labelled −1 (or out of range) belong to no label.
 */
export function connectedLabels(graph: UnitGraph, labels: ArrayLike<number>, count: number): Uint8Array {
  const { component, count: pieces } = components(
    graph,
    (node) => labels[node]! >= 0 && labels[node]! < count,
    (u, v) => labels[u] === labels[v],
  );
  // Pieces per label: each piece is counted once, at its first node.
  const perLabel = new Uint32Array(count);
  const counted = new Uint8Array(pieces);
  for (let i = 0; i < graph.n; i++) {
    const c = component[i]!;
    if (c < 0 || counted[c]) continue;
    counted[c] = 1;
    perLabel[labels[i]!]!++;
  }
  return Uint8Array.from(perLabel, (p) => (p <= 1 ? 1 : 0));
}
