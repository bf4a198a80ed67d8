/**
 * Household-balanced, contiguous, compact partition of a unit graph.
 *
 * Algorithm (see docs/partition.md):
 * 1. Recursive bisection by random spanning trees (Kruskal over a shuffled edge list = MST with
 *    random weights). For a region that must hold k parts, side 1 gets k1 = ⌊k/2⌋ parts and a target
 *    of W·k1/k households (updated targets, so uneven splits like 35 → 17/18 stay exact). Every tree
 *    edge whose removal lands near the target is a candidate; candidates from several trees are
 *    scored by cut edges, and the best is taken.
 * 2. The chosen cut is tightened by boundary moves (a unit moves to the other side only when its old
 *    side stays connected) until the side is within a fraction of the tolerance, then its cut edges
 *    are reduced by Fiduccia–Mattheyses-style single moves with positive gain.
 * 3. After all splits, one k-way pass of the same refinement fixes any residual imbalance and
 *    removes cut edges while keeping every part inside its bounds and contiguous.
 * Deterministic for a seed.
 */
import { components, createRandom, disconnectedParts } from './graph.ts';
import { evenComposite } from './even-composite.ts';
import type {
  GraphPartition,
  PartitionProblem,
  PartitionRequest,
  PartitionRunOptions,
  UnitGraph,
} from './partition-types.ts';

/** Thrown when a run is cancelled through `isCancelled`. */
export class PartitionCancelledError extends Error {
  constructor() {
    super('partition cancelled');
    this.name = 'PartitionCancelledError';
  }
}

const BFS_LIMIT = 2048;
const EPS = 1e-9;

interface Leaf {
  label: number;
  community: number;
  ideal: number;
  lo: number;
  hi: number;
  capLo: number;
  capHi: number;
}

interface Context {
  g: UnitGraph;
  label: Int32Array;
  lw: Float64Array;
  lc: Float64Array;
  lsize: Int32Array;
  lmin: Int32Array;
  lo: Float64Array;
  hi: Float64Array;
  target: Float64Array;
  ctarget: Float64Array;
  active: Uint8Array;
  cw: Float64Array;
  hasComposite: boolean;
  rng: () => number;
  visit: Int32Array;
  goal: Int32Array;
  local: Int32Array;
  mark: Int32Array;
  markStamp: number;
  stamp: number;
  queue: Int32Array;
  nbLabel: Int32Array;
  nbCount: Int32Array;
  nextLabel: number;
  leaves: Leaf[];
  run: PartitionRunOptions;
  splitsDone: number;
  splitsTotal: number;
  home: Int32Array | null;
  scratch: Scratch | null;
}

/** Validates a request and throws an Error naming what is wrong. */
export function checkRequest(request: PartitionRequest): void {
  const { parts, tolerance, minHouseholds, maxHouseholds } = request;
  const band = minHouseholds !== undefined || maxHouseholds !== undefined;
  if (parts === undefined && !band) throw new Error('give either parts or minHouseholds and maxHouseholds');
  if (parts !== undefined && band) throw new Error('give either parts or a household band, not both');
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
}

/**
 * Partitions a unit graph into balanced, contiguous parts that never cross communities.
 * An infeasible request does not throw: the best plan is returned with `feasible: false`.
 *
 * @example
 * const result = partitionGraph(graph, { parts: 7, tolerance: 0.05, seed: 1 });
 */
export function partitionGraph(
  graph: UnitGraph,
  request: PartitionRequest,
  run: PartitionRunOptions = {},
): GraphPartition {
  checkRequest(request);
  const problems: PartitionProblem[] = [];
  const { n, weights } = graph;
  const band = request.parts === undefined;
  const tolerance = request.tolerance ?? 0.01;
  const nc = graph.communityNames.length;
  const cWeight = new Float64Array(nc);
  const cCount = new Int32Array(nc);
  for (let i = 0; i < n; i++) {
    cWeight[graph.community[i]!] += weights[i]!;
    cCount[graph.community[i]!]!++;
  }
  const communityLabel = (c: number): string => graph.communityNames[c] || 'the community';
  checkCancel(run);
  run.onProgress?.({ phase: 'prepare', fraction: 0 });

  // Parts per community.
  const k = new Int32Array(nc);
  if (!band) {
    const K = request.parts!;
    const present = [...Array(nc).keys()].filter((c) => cCount[c]! > 0);
    if (K < present.length) {
      problems.push({
        code: 'too-many-parts',
        message: `${K} parts cannot keep ${present.length} communities apart; using ${present.length}`,
      });
    }
    shareOut(K, present, (c) => cWeight[c]!, k);
  } else {
    const min = request.minHouseholds!;
    const max = request.maxHouseholds!;
    const mid = (min + max) / 2;
    for (let c = 0; c < nc; c++) {
      if (cCount[c] === 0) continue;
      const W = cWeight[c]!;
      const kMin = Math.max(1, Math.ceil(W / max - EPS));
      const kMax = min > 0 ? Math.floor(W / min + EPS) : Number.MAX_SAFE_INTEGER;
      let kc = Math.max(1, Math.round(W / mid));
      if (kMin <= kMax) kc = Math.min(kMax, Math.max(kMin, kc));
      else {
        problems.push({
          code: 'band-infeasible',
          community: graph.communityNames[c],
          message: `${communityLabel(c)} has ${W} households: no number of grids puts every grid within ${min}–${max}`,
        });
      }
      k[c] = kc;
    }
  }

  // Too many parts for the units.
  for (let c = 0; c < nc; c++) {
    if (cCount[c]! > 0 && k[c]! > cCount[c]!) {
      problems.push({
        code: 'too-many-parts',
        community: graph.communityNames[c],
        message: `${k[c]} parts asked for but ${communityLabel(c)} has only ${cCount[c]} units; using ${cCount[c]}`,
      });
      k[c] = cCount[c]!;
    }
  }

  // Bounds per community.
  const ideal = new Float64Array(nc);
  const lo = new Float64Array(nc);
  const hi = new Float64Array(nc);
  const capLo = new Float64Array(nc);
  const capHi = new Float64Array(nc);
  for (let c = 0; c < nc; c++) {
    if (k[c] === 0) continue;
    ideal[c] = cWeight[c]! / k[c]!;
    if (band) {
      // Aim for the middle: refine towards ideal ± tolerance (default 5 %) inside the band.
      const t = request.tolerance ?? 0.05;
      capLo[c] = request.minHouseholds!;
      capHi[c] = request.maxHouseholds!;
      lo[c] = Math.max(capLo[c]!, ideal[c]! * (1 - t));
      hi[c] = Math.min(capHi[c]!, ideal[c]! * (1 + t));
      if (lo[c]! > hi[c]!) {
        lo[c] = capLo[c]!;
        hi[c] = capHi[c]!;
      }
      continue;
    } else {
      lo[c] = ideal[c]! * (1 - tolerance);
      hi[c] = ideal[c]! * (1 + tolerance);
    }
    capLo[c] = lo[c]!;
    capHi[c] = hi[c]!;
  }
  for (let i = 0; i < n; i++) {
    const c = graph.community[i]!;
    if (weights[i]! > capHi[c]! + EPS) {
      problems.push({
        code: 'unit-over-cap',
        unit: graph.ids[i],
        community: graph.communityNames[c],
        message: `unit ${graph.ids[i]} has ${weights[i]} households, more than the cap of ${round(capHi[c]!)} per grid`,
      });
    }
  }

  // Connected pieces of every community.
  const { component, count } = components(graph);
  const compNodes: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) compNodes[component[i]!]!.push(i);
  const compsOf: number[][] = Array.from({ length: nc }, () => []);
  for (let p = 0; p < count; p++) compsOf[graph.community[compNodes[p]![0]!]!]!.push(p);

  let K = 0;
  for (let c = 0; c < nc; c++) K += k[c]!;
  const capacity = 4 * K + 4 * count + 16;
  const maxDegree = maxDeg(graph);
  const ctx: Context = {
    g: graph,
    label: new Int32Array(n).fill(-1),
    lw: new Float64Array(capacity),
    lc: new Float64Array(capacity),
    lsize: new Int32Array(capacity),
    lmin: new Int32Array(capacity),
    lo: new Float64Array(capacity),
    hi: new Float64Array(capacity),
    target: new Float64Array(capacity),
    ctarget: new Float64Array(capacity),
    active: new Uint8Array(capacity),
    cw: request.composite ? Float64Array.from(request.composite) : graph.weights,
    hasComposite: !!request.composite,
    rng: createRandom(request.seed ?? 1),
    visit: new Int32Array(n),
    goal: new Int32Array(n),
    local: new Int32Array(n),
    mark: new Int32Array(n),
    markStamp: 0,
    stamp: 0,
    queue: new Int32Array(n),
    nbLabel: new Int32Array(maxDegree + 1),
    nbCount: new Int32Array(maxDegree + 1),
    nextLabel: 0,
    leaves: [],
    run,
    splitsDone: 0,
    splitsTotal: Math.max(1, K - 1),
    home: null,
    scratch: null,
  };

  const orphans: number[][] = [];
  for (let c = 0; c < nc; c++) {
    const comps = compsOf[c]!;
    if (comps.length === 0) continue;
    if (comps.length > 1) {
      const first = compNodes[comps[1]!]![0]!;
      problems.push({
        code: 'disconnected',
        community: graph.communityNames[c],
        unit: graph.ids[first],
        message: `${communityLabel(c)} is not connected: ${comps.length} separate pieces (unit ${graph.ids[first]} is cut off from unit ${graph.ids[compNodes[comps[0]!]![0]!]})`,
      });
    }
    // Share the community's parts over its pieces, heaviest first; pieces left without a part are
    // attached to the lightest part afterwards (flagged as not contiguous).
    comps.sort((a, b) => weightOf(compNodes[b]!, weights) - weightOf(compNodes[a]!, weights) || a - b);
    const used = comps.slice(0, Math.min(comps.length, k[c]!));
    const kc = new Int32Array(count);
    shareOut(k[c]!, used, (p) => weightOf(compNodes[p]!, weights), kc);
    for (const p of used) kc[p] = Math.min(kc[p]!, compNodes[p]!.length);
    for (const p of comps.slice(used.length)) orphans.push(compNodes[p]!);
    for (const p of used) {
      const nodes = new Int32Array(compNodes[p]!.length);
      for (let i = 0; i < nodes.length; i++) nodes[i] = compNodes[p]![i]!;
      const W = weightOf(compNodes[p]!, weights);
      const Wc = weightOf(compNodes[p]!, ctx.cw);
      const kp = kc[p]!;
      const leafIdeal = W / kp;
      const room = Math.max(0, Math.min(hi[c]! - leafIdeal, leafIdeal - lo[c]!));
      const tight = room > 0 ? 0.3 * room : 0.02 * leafIdeal;
      const root = newLabel(ctx);
      for (const v of nodes) setLabel(ctx, v, root);
      ctx.lmin[root] = kp;
      ctx.target[root] = W;
      ctx.ctarget[root] = Wc;
      splitRegion(ctx, nodes, root, kp, { community: c, ideal: ideal[c]!, lo: lo[c]!, hi: hi[c]!, capLo: capLo[c]!, capHi: capHi[c]!, tight });
    }
  }

  // Final k-way refinement over all leaves.
  checkCancel(run);
  run.onProgress?.({ phase: 'refine', fraction: 0.9 });
  for (const leaf of ctx.leaves) {
    ctx.lo[leaf.label] = leaf.lo;
    ctx.hi[leaf.label] = leaf.hi;
    ctx.target[leaf.label] = leaf.ideal;
    ctx.lmin[leaf.label] = 1;
    ctx.active[leaf.label] = 1;
  }
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  refine(ctx, all, ctx.leaves.map((l) => l.label), { balance: true, cut: true });
  for (const leaf of ctx.leaves) ctx.active[leaf.label] = 0;

  // Leaf labels → part indices.
  const partOfLabel = new Int32Array(ctx.nextLabel).fill(-1);
  ctx.leaves.forEach((leaf, i) => (partOfLabel[leaf.label] = i));
  const part = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (ctx.label[i]! >= 0) part[i] = partOfLabel[ctx.label[i]!]!;
  const parts = ctx.leaves.length;
  const partWeights = new Array<number>(parts).fill(0);
  for (let i = 0; i < n; i++) if (part[i]! >= 0) partWeights[part[i]!] += weights[i]!;
  for (const nodes of orphans) {
    const c = graph.community[nodes[0]!]!;
    let best = -1;
    for (let p = 0; p < parts; p++) {
      if (ctx.leaves[p]!.community !== c) continue;
      if (best < 0 || partWeights[p]! < partWeights[best]!) best = p;
    }
    if (best < 0) continue;
    for (const v of nodes) {
      part[v] = best;
      partWeights[best] += weights[v]!;
    }
  }

  // Second aim: households stay in their bounds, the composite workload evens out.
  if (request.composite) {
    evenComposite(graph, part, partWeights, request.composite, ctx.leaves.map((l) => l.capLo), ctx.leaves.map((l) => l.capHi));
  }

  const result: GraphPartition = {
    part,
    parts,
    weights: partWeights,
    partCommunity: ctx.leaves.map((l) => l.community),
    lower: ctx.leaves.map((l) => l.capLo),
    upper: ctx.leaves.map((l) => l.capHi),
    ideal: ctx.leaves.map((l) => ideal[l.community]!),
    feasible: true,
    problems,
  };
  finishChecks(graph, result);
  run.onProgress?.({ phase: 'done', fraction: 1 });
  return result;
}

/** Adds `tolerance-not-met` and `not-contiguous` problems and sets `feasible`. */
function finishChecks(graph: UnitGraph, result: GraphPartition): void {
  const { problems } = result;
  const explained = problems.length > 0;
  for (let p = 0; p < result.parts; p++) {
    const w = result.weights[p]!;
    if (!explained && (w < result.lower[p]! - EPS || w > result.upper[p]! + EPS)) {
      problems.push({
        code: 'tolerance-not-met',
        message: `part ${p + 1} has ${w} households, outside ${round(result.lower[p]!)}–${round(result.upper[p]!)}`,
      });
      break;
    }
  }
  const broken = disconnectedParts(graph, result.part, result.parts);
  if (broken.length > 0 && !problems.some((x) => x.code === 'disconnected')) {
    problems.push({ code: 'not-contiguous', message: `part ${broken[0]! + 1} is not contiguous` });
  }
  result.feasible = problems.length === 0;
}

function checkCancel(run: PartitionRunOptions): void {
  if (run.isCancelled?.()) throw new PartitionCancelledError();
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function weightOf(nodes: number[], weights: ArrayLike<number>): number {
  let s = 0;
  for (const v of nodes) s += weights[v]!;
  return s;
}

function maxDeg(g: UnitGraph): number {
  let m = 0;
  for (let i = 0; i < g.n; i++) m = Math.max(m, g.offsets[i + 1]! - g.offsets[i]!);
  return m;
}

/** Largest-remainder share of `total` over `keys` in proportion to `weight`, at least 1 each. */
function shareOut(total: number, keys: number[], weight: (key: number) => number, out: Int32Array): void {
  if (keys.length === 0) return;
  const count = Math.max(total, keys.length);
  let sum = 0;
  for (const key of keys) sum += weight(key);
  const rest = count - keys.length;
  const exact = keys.map((key) => (sum > 0 ? (weight(key) / sum) * count : count / keys.length));
  const base = exact.map((e) => Math.max(0, Math.floor(e) - 1));
  let given = base.reduce((a, b) => a + b, 0);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b]! - 1 - base[b]! - (exact[a]! - 1 - base[a]!) || a - b);
  for (let j = 0; given < rest; j = (j + 1) % keys.length) {
    base[order[j]!]!++;
    given++;
  }
  keys.forEach((key, i) => (out[key] = base[i]! + 1));
}

function newLabel(ctx: Context): number {
  const l = ctx.nextLabel++;
  ctx.lw[l] = 0;
  ctx.lc[l] = 0;
  ctx.lsize[l] = 0;
  ctx.active[l] = 0;
  return l;
}

function setLabel(ctx: Context, v: number, l: number): void {
  const old = ctx.label[v]!;
  const w = ctx.g.weights[v]!;
  const c = ctx.cw[v]!;
  if (old >= 0) {
    ctx.lw[old] -= w;
    ctx.lc[old] -= c;
    ctx.lsize[old]!--;
  }
  ctx.label[v] = l;
  ctx.lw[l] += w;
  ctx.lc[l] += c;
  ctx.lsize[l]!++;
}

interface SplitBounds {
  community: number;
  ideal: number;
  lo: number;
  hi: number;
  capLo: number;
  capHi: number;
  /** Absolute tolerance each bisection aims for, a fraction of the final tolerance. */
  tight: number;
}

function splitRegion(ctx: Context, nodes: Int32Array, region: number, k: number, b: SplitBounds): void {
  if (k <= 1) {
    ctx.leaves.push({ label: region, community: b.community, ideal: b.ideal, lo: b.lo, hi: b.hi, capLo: b.capLo, capHi: b.capHi });
    return;
  }
  checkCancel(ctx.run);
  const k1 = Math.floor(k / 2);
  const k2 = k - k1;
  const [a, c] = bisect(ctx, nodes, region, k1, k2, b.tight);
  ctx.splitsDone++;
  ctx.run.onProgress?.({ phase: 'bisect', fraction: 0.05 + (0.85 * ctx.splitsDone) / ctx.splitsTotal });
  const label = ctx.label;
  const nodesA = new Int32Array(ctx.lsize[a]!);
  const nodesC = new Int32Array(nodes.length - nodesA.length);
  for (let i = 0, x = 0, y = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (label[v] === a) nodesA[x++] = v;
    else nodesC[y++] = v;
  }
  splitRegion(ctx, nodesA, a, k1, b);
  splitRegion(ctx, nodesC, c, k2, b);
}

/** Work arrays of one partition run, sized for the whole graph and reused by every bisection. */
interface Scratch {
  w: Float64Array;
  loff: Int32Array;
  ladj: Int32Array;
  ea: Int32Array;
  eb: Int32Array;
  order: Int32Array;
  uf: Int32Array;
  rank: Uint8Array;
  tdeg: Int32Array;
  tu: Int32Array;
  tv: Int32Array;
  tadj: Int32Array;
  toff: Int32Array;
  pre: Int32Array;
  size: Int32Array;
  sub: Float64Array;
  parent: Int32Array;
  preorder: Int32Array;
  stack: Int32Array;
  cut: Int32Array;
  anc: Int32Array;
  done: Uint8Array;
  best: Uint8Array;
  fallback: Uint8Array;
  /** Small results of the scans: [found or score, deviation, node, flip]. */
  out: Float64Array;
}

function makeScratch(g: UnitGraph): Scratch {
  const n = g.n;
  const half = g.targets.length;
  const m = Math.ceil(half / 2) + 1;
  return {
    w: new Float64Array(n),
    loff: new Int32Array(n + 1),
    ladj: new Int32Array(half),
    ea: new Int32Array(m),
    eb: new Int32Array(m),
    order: new Int32Array(m),
    uf: new Int32Array(n),
    rank: new Uint8Array(n),
    tdeg: new Int32Array(n + 1),
    tu: new Int32Array(n),
    tv: new Int32Array(n),
    tadj: new Int32Array(2 * n),
    toff: new Int32Array(n + 1),
    pre: new Int32Array(n),
    size: new Int32Array(n),
    sub: new Float64Array(n),
    parent: new Int32Array(n),
    preorder: new Int32Array(n),
    stack: new Int32Array(n),
    cut: new Int32Array(n),
    anc: new Int32Array(n),
    done: new Uint8Array(n),
    best: new Uint8Array(n),
    fallback: new Uint8Array(n),
    out: new Float64Array(4),
  };
}

/**
 * Splits a connected region into two connected sides holding k1 and k2 parts' worth of weight.
 * Returns the two new labels. The steps are small functions over reused typed arrays, so a
 * one-shot run (the CLI) gets optimized code early and never allocates per tree.
 */
function bisect(
  ctx: Context,
  nodes: Int32Array,
  label: number,
  k1: number,
  k2: number,
  tight: number,
): [number, number] {
  const rng = ctx.rng;
  const S = (ctx.scratch ??= makeScratch(ctx.g));
  const nS = nodes.length;
  const W = ctx.lw[label]!;
  const Wc = ctx.lc[label]!;
  const T1 = (W * k1) / (k1 + k2);
  const T2 = W - T1;
  const mS = localGraph(ctx, S, nodes, label);
  const order = S.order;
  for (let e = 0; e < mS; e++) order[e] = e;
  const avgW = W / Math.max(1, nS);
  const window = Math.max(2 * tight, 0.04 * Math.min(T1, T2), avgW);
  const out = S.out;

  let bestScore = Infinity;
  let haveBest = false;
  let fallbackDev = Infinity;
  let haveFallback = false;
  let treesWithCandidates = 0;
  const maxTries = 24;
  // Large regions that still hold many parts: the first tree with a balanced cut is enough (its
  // best cut, then refinement, already beats a random balanced cut by far; later splits and the
  // k-way refinement make up for it). Small regions are cheap, and a region of at most 4 parts
  // draws the final boundaries directly, so there the better of several trees is taken.
  const treesWanted = k1 + k2 <= 4 ? (nS > 2000 ? 3 : 2) : nS > 2000 ? 1 : 2;
  for (let attempt = 0; attempt < maxTries && treesWithCandidates < treesWanted; attempt++) {
    shuffle(order, mS, rng);
    randomTree(S, nS, mS);
    preorderFrom(S, nS, Math.floor(rng() * nS));
    const found = scanCuts(S, nS, k1, k2, W, T1, window);
    if (!haveBest && !found && out[2]! >= 0 && out[1]! < fallbackDev) {
      fallbackDev = out[1]!;
      markSide(S.fallback, S, nS, out[2]!, out[3] === 1);
      haveFallback = true;
    }
    if (!found) continue;
    treesWithCandidates++;
    cutSizes(S, nS);
    bestCut(S, nS, k1, k2, W, T1, window, tight, avgW);
    if (out[2]! >= 0 && out[0]! < bestScore) {
      bestScore = out[0]!;
      markSide(S.best, S, nS, out[2]!, out[3] === 1);
      haveBest = true;
    }
  }
  if (!haveBest && !haveFallback) throw new Error('internal: no cut found');
  const side = haveBest ? S.best : S.fallback;
  const a = newLabel(ctx);
  const c = newLabel(ctx);
  for (let i = 0; i < nS; i++) setLabel(ctx, nodes[i]!, side[i] ? a : c);
  ctx.lmin[a] = k1;
  ctx.lmin[c] = k2;
  ctx.target[a] = T1;
  ctx.target[c] = T2;
  ctx.lo[a] = T1 - tight;
  ctx.hi[a] = T1 + tight;
  ctx.lo[c] = T2 - tight;
  ctx.hi[c] = T2 + tight;
  ctx.ctarget[a] = (Wc * k1) / (k1 + k2);
  ctx.ctarget[c] = Wc - ctx.ctarget[a]!;
  ctx.active[a] = 1;
  ctx.active[c] = 1;
  refine(ctx, nodes, [a, c], { balance: true, cut: true });
  ctx.active[a] = 0;
  ctx.active[c] = 0;
  return [a, c];
}

/** Local CSR of the region (S.loff/S.ladj), its weights and edge list (ea < eb); returns the edge count. */
function localGraph(ctx: Context, S: Scratch, nodes: Int32Array, label: number): number {
  const { offsets, targets, weights } = ctx.g;
  const { local, label: labels } = ctx;
  const { w, loff, ladj, ea, eb } = S;
  const nS = nodes.length;
  for (let i = 0; i < nS; i++) local[nodes[i]!] = i;
  let q = 0;
  let e = 0;
  loff[0] = 0;
  for (let i = 0; i < nS; i++) {
    const u = nodes[i]!;
    w[i] = weights[u]!;
    const end = offsets[u + 1]!;
    for (let j = offsets[u]!; j < end; j++) {
      const v = targets[j]!;
      if (labels[v] !== label) continue;
      const lv = local[v]!;
      ladj[q++] = lv;
      if (lv > i) {
        ea[e] = i;
        eb[e] = lv;
        e++;
      }
    }
    loff[i + 1] = q;
  }
  return e;
}

function shuffle(order: Int32Array, m: number, rng: () => number): void {
  for (let e = m - 1; e > 0; e--) {
    const r = Math.floor(rng() * (e + 1));
    const t = order[e]!;
    order[e] = order[r]!;
    order[r] = t;
  }
}

/** Random spanning tree: Kruskal over the shuffled edge order (= MST under random weights), as tree CSR. */
function randomTree(S: Scratch, nS: number, mS: number): void {
  const { order, ea, eb, uf, rank, tu, tv, tdeg, toff, tadj } = S;
  for (let i = 0; i < nS; i++) {
    uf[i] = i;
    rank[i] = 0;
  }
  let te = 0;
  for (let q = 0; q < mS && te < nS - 1; q++) {
    const e = order[q]!;
    let x = ea[e]!;
    let y = eb[e]!;
    while (uf[x] !== x) x = uf[x] = uf[uf[x]!]!;
    while (uf[y] !== y) y = uf[y] = uf[uf[y]!]!;
    if (x === y) continue;
    if (rank[x]! < rank[y]!) uf[x] = y;
    else if (rank[x]! > rank[y]!) uf[y] = x;
    else {
      uf[y] = x;
      rank[x]!++;
    }
    tu[te] = ea[e]!;
    tv[te] = eb[e]!;
    te++;
  }
  if (te < nS - 1) throw new Error('internal: region is not connected');
  for (let i = 0; i <= nS; i++) tdeg[i] = 0;
  for (let q = 0; q < te; q++) {
    tdeg[tu[q]!]!++;
    tdeg[tv[q]!]!++;
  }
  toff[0] = 0;
  for (let i = 0; i < nS; i++) toff[i + 1] = toff[i]! + tdeg[i]!;
  for (let i = 0; i < nS; i++) tdeg[i] = toff[i]!;
  for (let q = 0; q < te; q++) {
    tadj[tdeg[tu[q]!]!++] = tv[q]!;
    tadj[tdeg[tv[q]!]!++] = tu[q]!;
  }
}

/** Preorder DFS of the tree from `root`, then subtree sizes and weights. */
function preorderFrom(S: Scratch, nS: number, root: number): void {
  const { stack, parent, pre, preorder, toff, tadj, size, sub, w } = S;
  let top = 0;
  let count = 0;
  stack[top++] = root;
  parent[root] = -1;
  while (top > 0) {
    const u = stack[--top]!;
    pre[u] = count;
    preorder[count++] = u;
    const end = toff[u + 1]!;
    for (let j = toff[u]!; j < end; j++) {
      const v = tadj[j]!;
      if (v === parent[u]) continue;
      parent[v] = u;
      stack[top++] = v;
    }
  }
  for (let i = 0; i < nS; i++) {
    size[i] = 1;
    sub[i] = w[i]!;
  }
  for (let q = nS - 1; q > 0; q--) {
    const u = preorder[q]!;
    const p = parent[u]!;
    size[p] += size[u]!;
    sub[p] += sub[u]!;
  }
}

/**
 * Is any tree edge (u, parent u) a candidate (subtree of u is side 1, or its complement is)?
 * Also leaves the closest cut in S.out: [_, deviation, u, flip].
 */
function scanCuts(S: Scratch, nS: number, k1: number, k2: number, W: number, T1: number, window: number): boolean {
  const { preorder, sub, size, out } = S;
  let found = false;
  let bestDev = Infinity;
  let bestU = -1;
  let bestFlip = 0;
  const both = k1 !== k2;
  for (let q = 1; q < nS; q++) {
    const u = preorder[q]!;
    const s = sub[u]!;
    const n1 = size[u]!;
    if (n1 >= k1 && nS - n1 >= k2) {
      const dev = Math.abs(s - T1);
      if (dev <= window) found = true;
      if (dev < bestDev) {
        bestDev = dev;
        bestU = u;
        bestFlip = 0;
      }
    }
    if (both && nS - n1 >= k1 && n1 >= k2) {
      const dev = Math.abs(W - s - T1);
      if (dev <= window) found = true;
      if (dev < bestDev) {
        bestDev = dev;
        bestU = u;
        bestFlip = 1;
      }
    }
  }
  out[1] = bestDev;
  out[2] = bestU;
  out[3] = bestFlip;
  return found;
}

/**
 * Cut sizes of every subtree: the cut of subtree(u) counts graph edges whose tree path runs
 * through (u, parent u): +1 at both ends, −2 at their lowest common ancestor, summed over the
 * subtree. LCAs come from Tarjan's offline algorithm in reverse preorder.
 */
function cutSizes(S: Scratch, nS: number): void {
  const { uf, rank, anc, done, cut, preorder, loff, ladj, parent } = S;
  for (let i = 0; i < nS; i++) {
    uf[i] = i;
    rank[i] = 0;
    anc[i] = i;
    done[i] = 0;
    cut[i] = 0;
  }
  for (let q = nS - 1; q >= 0; q--) {
    const u = preorder[q]!;
    const end = loff[u + 1]!;
    for (let j = loff[u]!; j < end; j++) {
      const v = ladj[j]!;
      if (!done[v]) continue;
      let r = v;
      while (uf[r] !== r) r = uf[r] = uf[uf[r]!]!;
      cut[u]++;
      cut[v]++;
      cut[anc[r]!] -= 2;
    }
    done[u] = 1;
    const p = parent[u]!;
    if (p >= 0) {
      let ru = u;
      while (uf[ru] !== ru) ru = uf[ru] = uf[uf[ru]!]!;
      let rp = p;
      while (uf[rp] !== rp) rp = uf[rp] = uf[uf[rp]!]!;
      // Union by rank; the merged set's ancestor is p.
      if (rank[ru]! > rank[rp]!) {
        uf[rp] = ru;
        anc[ru] = p;
      } else {
        uf[ru] = rp;
        if (rank[ru] === rank[rp]) rank[rp]!++;
        anc[rp] = p;
      }
    }
  }
  for (let q = nS - 1; q > 0; q--) {
    const u = preorder[q]!;
    cut[parent[u]!] += cut[u]!;
  }
}

/** The candidate with the lowest score (cut edges + weight still to move) into S.out: [score, _, u, flip]. */
function bestCut(
  S: Scratch,
  nS: number,
  k1: number,
  k2: number,
  W: number,
  T1: number,
  window: number,
  tight: number,
  avgW: number,
): void {
  const { preorder, sub, size, cut, out } = S;
  // Weight still to move costs roughly half a cut edge per average unit moved.
  const perWeight = 0.5 / Math.max(avgW, EPS);
  let best = Infinity;
  let bestU = -1;
  let bestFlip = 0;
  const both = k1 !== k2;
  for (let q = 1; q < nS; q++) {
    const u = preorder[q]!;
    const s = sub[u]!;
    const n1 = size[u]!;
    if (n1 >= k1 && nS - n1 >= k2) {
      const dev = Math.abs(s - T1);
      if (dev <= window) {
        const score = cut[u]! + Math.max(0, dev - tight) * perWeight;
        if (score < best) {
          best = score;
          bestU = u;
          bestFlip = 0;
        }
      }
    }
    if (both && nS - n1 >= k1 && n1 >= k2) {
      const dev = Math.abs(W - s - T1);
      if (dev <= window) {
        const score = cut[u]! + Math.max(0, dev - tight) * perWeight;
        if (score < best) {
          best = score;
          bestU = u;
          bestFlip = 1;
        }
      }
    }
  }
  out[0] = best;
  out[2] = bestU;
  out[3] = bestFlip;
}

/** side[i] = 1 for the nodes of side 1: subtree of u in the current tree, or its complement. */
function markSide(side: Uint8Array, S: Scratch, nS: number, u: number, flip: boolean): void {
  const { pre, size } = S;
  const start = pre[u]!;
  const end = start + size[u]!;
  for (let i = 0; i < nS; i++) {
    const inside = pre[i]! >= start && pre[i]! < end;
    side[i] = inside !== flip ? 1 : 0;
  }
}

interface RefineOptions {
  balance: boolean;
  cut: boolean;
  /** Stability mode: units prefer their `home` label; only needed moves are made. */
  stable?: boolean;
  maxPasses?: number;
}

/**
 * Boundary local search over `nodes` between active labels: first restore bounds (lexicographic on
 * squared bound violation, then squared deviation from target), then remove cut edges with moves
 * of positive gain (zero-gain moves only when they even out the weights). A move never disconnects
 * the donor part, never empties it below its minimum node count.
 */
function refine(ctx: Context, nodes: Int32Array, labels: number[], options: RefineOptions): void {
  const { g, label, lw, lc, lo, hi, target, ctarget, active, nbLabel, nbCount, home } = ctx;
  const { weights } = g;
  const cw = ctx.cw;
  const maxPasses = options.maxPasses ?? 60;
  const stable = !!options.stable;
  // Frontier: nodes with a neighbour in another active label. Moves add their neighbourhood.
  let frontier = boundaryNodes(ctx, nodes);
  let next: number[] = [];
  if (options.balance) {
    let diffuse = false;
    for (let pass = 0; pass < maxPasses && frontier.length > 0; pass++) {
      if (!anyViolating(ctx, labels)) break;
      checkCancel(ctx.run);
      let moved = 0;
      ctx.markStamp++;
      next = [];
      for (const v of frontier) {
        const A = label[v]!;
        if (A < 0 || !active[A]) continue;
        const m = gather(ctx, v, A);
        if (m === 1) continue;
        keep(ctx, next, v);
        const x = weights[v]!;
        const vA = violation(lo, hi, A, lw[A]!);
        let bestB = -1;
        let bestClass = 2;
        let bestValue = Infinity;
        let bestGain = -Infinity;
        for (let q = 1; q < m; q++) {
          const B = nbLabel[q]!;
          const vB = violation(lo, hi, B, lw[B]!);
          if (vA <= EPS && vB <= EPS && !diffuse) continue;
          const nA = violation(lo, hi, A, lw[A]! - x);
          const nB = violation(lo, hi, B, lw[B]! + x);
          const dV = nA * nA + nB * nB - vA * vA - vB * vB;
          const gain = nbCount[q]! - nbCount[0]!;
          let cls = 2;
          let value = 0;
          if (dV < -EPS * (1 + vA * vA + vB * vB)) {
            cls = 0;
            value = dV;
          } else if (diffuse && dV <= EPS) {
            const dA = lw[A]! - target[A]!;
            const dB = lw[B]! - target[B]!;
            const dD = 2 * x * (dB - dA) + 2 * x * x;
            if (dD < -EPS * (1 + x * x)) {
              cls = 1;
              value = dD;
            }
          }
          if (cls === 2) continue;
          if (stable && home) {
            if (home[v] === B) value -= 0.5 * Math.abs(value);
            else if (home[v] === A) value += 0.5 * Math.abs(value);
          }
          if (cls < bestClass || (cls === bestClass && (value < bestValue || (value === bestValue && gain > bestGain)))) {
            bestClass = cls;
            bestValue = value;
            bestGain = gain;
            bestB = B;
          }
        }
        if (bestB < 0 || !canRemove(ctx, v, A)) continue;
        setLabel(ctx, v, bestB);
        keepAround(ctx, next, v);
        moved++;
      }
      frontier = next;
      if (moved === 0) {
        if (diffuse) break;
        diffuse = true;
      }
    }
  }

  if (options.balance && anyViolating(ctx, labels)) {
    swapPhase(ctx, nodes, labels);
    if (anyViolating(ctx, labels)) frontier = boundaryNodes(ctx, nodes);
  }

  if (!options.cut) return;
  for (let pass = 0; pass < maxPasses && frontier.length > 0; pass++) {
    checkCancel(ctx.run);
    let moved = 0;
    ctx.markStamp++;
    next = [];
    for (const v of frontier) {
      const A = label[v]!;
      if (A < 0 || !active[A]) continue;
      const m = gather(ctx, v, A);
      if (m === 1) continue;
      keep(ctx, next, v);
      const x = weights[v]!;
      const y = cw[v]!;
      const vA = violation(lo, hi, A, lw[A]!);
      let bestB = -1;
      let bestGain = 0;
      let bestD = 0;
      for (let q = 1; q < m; q++) {
        const B = nbLabel[q]!;
        const gain = nbCount[q]! - nbCount[0]!;
        if (gain < 0) continue;
        // In stability mode a unit never leaves its current grid just for shape.
        if (stable && home && home[v] === A) continue;
        const vB = violation(lo, hi, B, lw[B]!);
        const nA = violation(lo, hi, A, lw[A]! - x);
        const nB = violation(lo, hi, B, lw[B]! + x);
        if (nA * nA + nB * nB > vA * vA + vB * vB + EPS) continue;
        let dD: number;
        if (ctx.hasComposite) {
          const dA = lc[A]! - ctarget[A]!;
          const dB = lc[B]! - ctarget[B]!;
          dD = 2 * y * (dB - dA) + 2 * y * y;
        } else {
          const dA = lw[A]! - target[A]!;
          const dB = lw[B]! - target[B]!;
          dD = 2 * x * (dB - dA) + 2 * x * x;
        }
        if (gain === 0 && !(dD < -EPS * (1 + x * x + y * y))) continue;
        if (bestB < 0 || gain > bestGain || (gain === bestGain && dD < bestD)) {
          bestB = B;
          bestGain = gain;
          bestD = dD;
        }
      }
      if (bestB < 0 || !canRemove(ctx, v, A)) continue;
      setLabel(ctx, v, bestB);
      keepAround(ctx, next, v);
      moved++;
    }
    frontier = next;
    if (moved === 0) break;
  }
}

/** How far x is outside label l's bounds (0 inside). */
function violation(lo: Float64Array, hi: Float64Array, l: number, x: number): number {
  return x > hi[l]! ? x - hi[l]! : x < lo[l]! ? lo[l]! - x : 0;
}

function anyViolating(ctx: Context, labels: number[]): boolean {
  const { lw, lo, hi } = ctx;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (violation(lo, hi, l, lw[l]!) > EPS * (1 + Math.abs(lw[l]!))) return true;
  }
  return false;
}

/** Labels around v in ctx.nbLabel/nbCount: slot 0 is v's own label A; returns how many slots are filled. */
function gather(ctx: Context, v: number, A: number): number {
  const { label, active, nbLabel, nbCount } = ctx;
  const { offsets, targets } = ctx.g;
  nbCount[0] = 0;
  nbLabel[0] = A;
  let m = 1;
  const end = offsets[v + 1]!;
  for (let j = offsets[v]!; j < end; j++) {
    const l = label[targets[j]!]!;
    if (l < 0 || !active[l]) continue;
    let q = 0;
    while (q < m && nbLabel[q] !== l) q++;
    if (q === m) {
      nbLabel[m] = l;
      nbCount[m] = 0;
      m++;
    }
    nbCount[q]!++;
  }
  return m;
}

/** Nodes of `nodes` in an active label with a neighbour in another active label. */
function boundaryNodes(ctx: Context, nodes: Int32Array): number[] {
  const { label, active } = ctx;
  const { offsets, targets } = ctx.g;
  const out: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    const A = label[v]!;
    if (A < 0 || !active[A]) continue;
    const end = offsets[v + 1]!;
    for (let j = offsets[v]!; j < end; j++) {
      const l = label[targets[j]!]!;
      if (l !== A && l >= 0 && active[l]) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}

/** Adds v to the next frontier once per pass. */
function keep(ctx: Context, next: number[], v: number): void {
  if (ctx.mark[v] === ctx.markStamp) return;
  ctx.mark[v] = ctx.markStamp;
  next.push(v);
}

function keepAround(ctx: Context, next: number[], v: number): void {
  keep(ctx, next, v);
  const { offsets, targets } = ctx.g;
  for (let j = offsets[v]!; j < offsets[v + 1]!; j++) keep(ctx, next, targets[j]!);
}

function adjacentTo(ctx: Context, v: number, l: number): boolean {
  const { offsets, targets } = ctx.g;
  for (let j = offsets[v]!; j < offsets[v + 1]!; j++) if (ctx.label[targets[j]!] === l) return true;
  return false;
}

/**
 * Pair moves for parts a single move cannot fix: unit v goes from A to a neighbour B and unit u
 * comes back from B to A (or v alone), picked to reduce the squared bound violation the most.
 */
function swapPhase(ctx: Context, nodes: Int32Array, labels: number[]): void {
  const { g, label, lw, lo, hi, active } = ctx;
  const { offsets, targets, weights } = g;
  const MAX_ROUNDS = 8 * labels.length + 32;
  const tried = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    checkCancel(ctx.run);
    // Boundary units of every violating label, grouped by (label, neighbour label).
    const groups = new Map<number, number[]>();
    const cap = ctx.lw.length;
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i]!;
      const A = label[v]!;
      if (A < 0 || !active[A]) continue;
      for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
        const B = label[targets[j]!]!;
        if (B === A || B < 0 || !active[B]) continue;
        const key = A * cap + B;
        const list = groups.get(key);
        if (!list) groups.set(key, [v]);
        else if (list[list.length - 1] !== v) list.push(v);
      }
    }
    let best: { v: number; u: number; A: number; B: number; dV: number } | null = null;
    for (const [key, fromA] of groups) {
      const A = Math.floor(key / cap);
      const B = key - A * cap;
      const vA = violation(lo, hi, A, lw[A]!);
      const vB = violation(lo, hi, B, lw[B]!);
      if (vA <= EPS && vB <= EPS) continue;
      const fromB = groups.get(B * cap + A) ?? [];
      const base = vA * vA + vB * vB;
      for (const v of fromA) {
        const x = weights[v]!;
        for (let q = -1; q < fromB.length; q++) {
          const y = q < 0 ? 0 : weights[fromB[q]!]!;
          const nA = violation(lo, hi, A, lw[A]! - x + y);
          const nB = violation(lo, hi, B, lw[B]! + x - y);
          const dV = nA * nA + nB * nB - base;
          if (dV < -EPS * (1 + base) && (!best || dV < best.dV)) {
            const u = q < 0 ? -1 : fromB[q]!;
            if (!tried.has(v * (g.n + 1) + u + 1)) best = { v, u, A, B, dV };
          }
        }
      }
    }
    if (!best) return;
    const { v, u, A, B } = best;
    let ok = canRemove(ctx, v, A);
    if (ok) {
      setLabel(ctx, v, B);
      if (u >= 0) {
        ok = adjacentTo(ctx, u, A) && canRemove(ctx, u, B);
        if (ok) setLabel(ctx, u, A);
        else setLabel(ctx, v, A);
      }
    }
    // A pair that fails its connectivity check is not offered again this phase.
    if (!ok) tried.add(v * (g.n + 1) + u + 1);
    else tried.clear();
  }
}

/** True when moving v out of label A leaves A connected and at or above its minimum size. */
function canRemove(ctx: Context, v: number, A: number): boolean {
  if (ctx.lsize[A]! - 1 < Math.max(1, ctx.lmin[A]!)) return false;
  const { g, label, visit, goal, queue } = ctx;
  const { offsets, targets } = g;
  ctx.stamp += 2;
  const stamp = ctx.stamp;
  let goals = 0;
  let start = -1;
  for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
    const u = targets[j]!;
    if (label[u] !== A || goal[u] === stamp) continue;
    goal[u] = stamp;
    goals++;
    if (start < 0) start = u;
  }
  if (goals <= 1) return true;
  visit[v] = stamp;
  visit[start] = stamp;
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  let found = 1;
  while (head < tail && tail < BFS_LIMIT) {
    const u = queue[head++]!;
    for (let j = offsets[u]!; j < offsets[u + 1]!; j++) {
      const x = targets[j]!;
      if (visit[x] === stamp || label[x] !== A) continue;
      visit[x] = stamp;
      if (goal[x] === stamp && ++found === goals) return true;
      queue[tail++] = x;
    }
  }
  return false;
}

export interface RebalanceOptions extends PartitionRunOptions {
  /** Parts whose units stay where they are (and which take no units). */
  locked?: ArrayLike<boolean>;
  /** Also remove cut edges (moves that keep every unit home are preferred either way). Default false. */
  reshape?: boolean;
}

/**
 * Rebalances an existing partition in place of a fresh one: units move only across the boundaries
 * of unlocked parts, each move brings parts closer to their bounds, every part stays contiguous,
 * and units prefer to stay in (or return to) their current part, so few households move.
 * `lower`/`upper`/`ideal` are per part.
 *
 * @example
 * const next = rebalancePartition(graph, part, parts, { lower, upper, ideal }, { locked });
 */
export function rebalancePartition(
  graph: UnitGraph,
  part: ArrayLike<number>,
  parts: number,
  bounds: { lower: ArrayLike<number>; upper: ArrayLike<number>; ideal: ArrayLike<number> },
  options: RebalanceOptions = {},
): GraphPartition {
  const { n } = graph;
  const capacity = parts + 1;
  const ctx: Context = {
    g: graph,
    label: new Int32Array(n).fill(-1),
    lw: new Float64Array(capacity),
    lc: new Float64Array(capacity),
    lsize: new Int32Array(capacity),
    lmin: new Int32Array(capacity).fill(1),
    lo: Float64Array.from(bounds.lower),
    hi: Float64Array.from(bounds.upper),
    target: Float64Array.from(bounds.ideal),
    ctarget: Float64Array.from(bounds.ideal),
    active: new Uint8Array(capacity),
    cw: graph.weights,
    hasComposite: false,
    rng: createRandom(1),
    visit: new Int32Array(n),
    goal: new Int32Array(n),
    local: new Int32Array(n),
    mark: new Int32Array(n),
    markStamp: 0,
    stamp: 0,
    queue: new Int32Array(n),
    nbLabel: new Int32Array(maxDeg(graph) + 1),
    nbCount: new Int32Array(maxDeg(graph) + 1),
    nextLabel: parts,
    leaves: [],
    run: options,
    splitsDone: 0,
    splitsTotal: 1,
    home: Int32Array.from(part),
    scratch: null,
  };
  const movable: number[] = [];
  const labels: number[] = [];
  for (let p = 0; p < parts; p++) if (!options.locked?.[p]) labels.push(p);
  for (const p of labels) ctx.active[p] = 1;
  for (let i = 0; i < n; i++) {
    const p = part[i]!;
    if (p < 0 || p >= parts) continue;
    setLabel(ctx, i, p);
    if (ctx.active[p]) movable.push(i);
  }
  checkCancel(options);
  options.onProgress?.({ phase: 'refine', fraction: 0.1 });
  refine(ctx, Int32Array.from(movable), labels, { balance: true, cut: !!options.reshape, stable: true });
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) out[i] = ctx.label[i]!;
  const weights = Array.from({ length: parts }, (_, p) => ctx.lw[p]!);
  const result: GraphPartition = {
    part: out,
    parts,
    weights,
    partCommunity: Array.from({ length: parts }, () => 0),
    lower: Array.from(bounds.lower),
    upper: Array.from(bounds.upper),
    ideal: Array.from(bounds.ideal),
    feasible: true,
    problems: [],
  };
  for (let i = 0; i < n; i++) if (out[i]! >= 0) result.partCommunity[out[i]!] = graph.community[i]!;
  finishChecks(graph, result);
  options.onProgress?.({ phase: 'done', fraction: 1 });
  return result;
}
