/**
 * The partition engine: household-balanced, contiguous, compact grids from a unit graph. One
 * implementation for the API, the editor (main thread and worker) and the CLI.
 *
 * 1. Bounds (`bounds.ts`): per community, k parts within ideal ± tolerance, or a household band
 *    with the fewest grids that fit / the middle of the band / a given number.
 * 2. Pieces (`pieces.ts`): each community's connected pieces; a piece that cannot make whole grids
 *    of its own (an island, a bank cut off by a river) joins its nearest neighbour (an exclave).
 * 3. Search (`search.ts`): per piece, regions by recursive bisection when there are many grids;
 *    per region, multilevel cycles (`coarsen.ts`, `initial.ts`) and tabu refinement that never
 *    disconnects a part (`refine.ts`), restarted until the effort or the budget (`budget.ts`) is spent.
 * 4. Diagnosis (`infeasible.ts`): what keeps a plan out of its bounds, in a planner's words.
 */
import { disconnectedParts } from '../graph.ts';
import { evenComposite } from '../even-composite.ts';
import type {
  GraphPartition,
  PartitionProblem,
  PartitionRequest,
  PartitionRunOptions,
  PartitionWarning,
  UnitGraph,
} from '../partition-types.ts';
import { bandGridCount, bandGridRange, checkRequest, shareOut } from './bounds.ts';
import { Budget, PartitionCancelledError, WORK_PER_MS } from './budget.ts';
import { describeBand, outOfBounds, splitCompounds, unitsOverCap } from './infeasible.ts';
import { contract } from './coarsen.ts';
import { inducedGraph, type LocalGraph } from './local-graph.ts';
import { findPieces, workGraph } from './pieces.ts';
import { TabuSearch } from './refine.ts';
import { finishPiece, solvePiece, type Effort } from './search.ts';
import { createRandom } from '../graph.ts';

export { checkRequest, bandGridCount, bandGridRange, PartitionCancelledError };

/**
 * The fixed effort without a time limit: for exact counts (four light descents with eight initial
 * cuts each, the best refined), and for a household band (looser, cheaper: one descent).
 */
const DEFAULT_EFFORT: Effort = { restarts: 2, kicks: 6, anytime: false, cycles: 4, trials: 8 };
/** Without a time limit, polishing a piece may take this much work (≈ 8 ms + 0.08 ms per unit). */
const DEFAULT_WORK = 200_000;
const DEFAULT_WORK_PER_UNIT = 2_000;
const BAND_EFFORT: Effort = { restarts: 1, kicks: 4, anytime: false, cycles: 1, trials: 1, perPart: 6 };

/**
 * Partitions a unit graph into balanced, contiguous parts that never cross communities.
 * An infeasible request does not throw: the best plan is returned with `feasible: false` and
 * `problems` saying why; islands become exclaves (`warnings`), not failures.
 *
 * @example
 * const result = partitionGraph(graph, { minHouseholds: 300, maxHouseholds: 500, seed: 1 });
 * const exact = partitionGraph(graph, { parts: 7, tolerance: 0.005, timeLimitMs: 1000 });
 */
export function partitionGraph(
  graph: UnitGraph,
  request: PartitionRequest,
  run: PartitionRunOptions = {},
): GraphPartition {
  const job = preparePartition(graph, request, run);
  const outcomes: PieceOutcome[] = [];
  let cut = 0;
  job.tasks.forEach((task, i) => {
    outcomes.push(solvePieceTask(task, run));
    cut += outcomes[i]!.cut;
    run.onProgress?.({
      phase: 'bisect',
      fraction: 0.05 + (0.9 * (i + 1)) / job.tasks.length,
      done: i + 1,
      total: job.tasks.length,
      cutEdges: Math.round(cut),
    });
  });
  return job.finish(outcomes);
}

/**
 * One connected piece to solve (a community, or a community's piece with its exclaves): plain data
 * (typed arrays and numbers), so it can be sent to a worker. Pieces are independent: each has its
 * own random stream and share of the budget, so solving them in any order or in parallel gives the
 * same plan.
 */
export interface PieceTask {
  graph: LocalGraph;
  k: number;
  lower: number;
  upper: number;
  flexible: boolean;
  fewest: boolean;
  seed: number;
  /** Work allowed (Infinity = the fixed effort). */
  work: number;
  effort: Effort;
  /** Compound of each node (−1 none); compounds are kept whole unless the band forces a split. */
  compound?: Int32Array;
}

export interface PieceOutcome {
  /** Part (0 … k − 1) of each node of the task's graph. */
  part: Int32Array;
  k: number;
  cut: number;
}

export interface PartitionJob {
  tasks: PieceTask[];
  /** Assembles the plan from one outcome per task, in task order. */
  finish(outcomes: PieceOutcome[]): GraphPartition;
}

/** Solves one piece; the same function runs on the main thread, in a Web Worker and in worker_threads. */
export function solvePieceTask(task: PieceTask, run: PartitionRunOptions = {}): PieceOutcome {
  const budget = new Budget(task.work, run);
  const meters = { free: new Budget(Infinity, run), polish: budget };
  const rng = createRandom(task.seed);
  const request = {
    k: task.k,
    lower: task.lower,
    upper: task.upper,
    flexible: task.flexible,
    fewest: task.fewest,
  };
  const whole = task.compound ? compoundMap(task.graph, task.compound, task.upper) : null;
  if (whole) {
    // First with every compound (that fits a grid) as one unit; it splits only when that fails.
    const coarse = contract(task.graph, whole.map, whole.count);
    let solved = solvePiece(coarse, request, rng, meters, task.effort);
    if (solved.score.violation > 0) {
      // A second try with whole compounds, from another random stream, before any may split.
      const again = solvePiece(coarse, request, createRandom(task.seed ^ 0x5bd1e995), meters, task.effort);
      if (again.score.violation < solved.score.violation) solved = again;
    }
    const part = Int32Array.from(whole.map, (c) => solved.part[c]!);
    if (solved.score.violation === 0) return { part, k: solved.k, cut: solved.score.cut };
    // The band forces splits: go on from this plan unit by unit, where a compound's edges are dear.
    // One grid fewer is not worth a split compound: no dissolving here.
    const repaired = finishPiece(
      task.graph,
      solved.k,
      { ...request, fewest: false },
      part,
      rng,
      meters.free,
      {},
      true,
      task.effort,
    );
    if (repaired.score.violation === 0)
      return { part: repaired.part, k: repaired.k, cut: repaired.score.cut };
  }
  const solved = solvePiece(task.graph, request, rng, meters, task.effort);
  return { part: solved.part, k: solved.k, cut: solved.score.cut };
}

/**
 * Node → compound node: the connected pieces of each compound that fit one grid become one node;
 * other nodes stay alone. Null when nothing would be merged.
 */
function compoundMap(
  g: LocalGraph,
  compound: Int32Array,
  upper: number,
): { map: Int32Array; count: number } | null {
  const map = new Int32Array(g.n).fill(-1);
  const stack: number[] = [];
  let count = 0;
  let merged = false;
  for (let s = 0; s < g.n; s++) {
    if (map[s] !== -1) continue;
    const c = compound[s]!;
    map[s] = count;
    const members = [s];
    let weight = g.weight[s]!;
    if (c >= 0) {
      stack.push(s);
      while (stack.length) {
        const v = stack.pop()!;
        for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) {
          const u = g.targets[j]!;
          if (map[u] !== -1 || compound[u] !== c || g.cost[j] === 0) continue;
          map[u] = count;
          members.push(u);
          weight += g.weight[u]!;
          stack.push(u);
        }
      }
    }
    if (members.length > 1 && weight > upper) {
      // Too heavy for one grid: its buildings stay apart (the dear edges still hold them together).
      for (const v of members.slice(1)) map[v] = -2;
    } else if (members.length > 1) merged = true;
    count++;
  }
  for (let v = 0; v < g.n; v++) if (map[v] === -2) map[v] = count++;
  return merged ? { map, count } : null;
}

/**
 * The first half of `partitionGraph`: bounds, pieces, grid counts and problems known up front, and
 * one task per piece. Solve the tasks (`solvePieceTask`, anywhere) and pass the outcomes to `finish`.
 */
export function preparePartition(
  graph: UnitGraph,
  request: PartitionRequest,
  run: PartitionRunOptions = {},
): PartitionJob {
  checkRequest(request);
  const band = request.minHouseholds !== undefined;
  const tolerance = request.tolerance ?? (band ? undefined : 0.01);
  const problems: PartitionProblem[] = [];
  const warnings: PartitionWarning[] = [];
  const budget = new Budget(request.timeLimitMs ? request.timeLimitMs * WORK_PER_MS : Infinity, run);
  const effort: Effort = request.timeLimitMs
    ? { ...DEFAULT_EFFORT, restarts: 1, anytime: true }
    : band && request.parts === undefined
      ? BAND_EFFORT
      : DEFAULT_EFFORT;
  const { n, weights } = graph;
  const nc = graph.communityNames.length;
  const label = (c: number): string => graph.communityNames[c] || 'the community';
  budget.checkCancel();
  run.onProgress?.({ phase: 'prepare', fraction: 0 });

  // Communities and their households.
  const cWeight = new Float64Array(nc);
  const cCount = new Int32Array(nc);
  for (let i = 0; i < n; i++) {
    cWeight[graph.community[i]!] += weights[i]!;
    cCount[graph.community[i]!]!++;
  }
  const present = [...Array(nc).keys()].filter((c) => cCount[c]! > 0);

  // Fixed counts: share the parts over communities by households.
  const kOfCommunity = new Int32Array(nc);
  if (request.parts !== undefined) {
    if (request.parts < present.length) {
      problems.push({
        code: 'too-many-parts',
        message: `${request.parts} parts cannot keep ${present.length} communities apart; using ${present.length}`,
      });
    }
    const share = shareOut(
      request.parts,
      present.map((c) => cWeight[c]!),
    );
    present.forEach((c, i) => (kOfCommunity[c] = share[i]!));
  }

  // Bounds per community.
  const lower = new Float64Array(nc);
  const upper = new Float64Array(nc);
  for (const c of present) {
    if (band) {
      lower[c] = request.minHouseholds!;
      upper[c] = request.maxHouseholds!;
      if (tolerance !== undefined) {
        // A tolerance narrows the band around the ideal, where that still leaves room.
        const k =
          request.parts !== undefined
            ? kOfCommunity[c]!
            : bandGridCount(cWeight[c]!, lower[c]!, upper[c]!, request.gridCount);
        const ideal = cWeight[c]! / k;
        const lo = Math.max(lower[c]!, ideal * (1 - tolerance));
        const hi = Math.min(upper[c]!, ideal * (1 + tolerance));
        if (lo <= hi) {
          lower[c] = lo;
          upper[c] = hi;
        }
      }
    } else {
      const ideal = cWeight[c]! / kOfCommunity[c]!;
      lower[c] = ideal * (1 - tolerance!);
      upper[c] = ideal * (1 + tolerance!);
    }
  }

  // Pieces: islands too small for grids of their own join their nearest neighbour.
  const groups = findPieces(graph, lower, upper, request.parts !== undefined ? kOfCommunity : null, warnings);
  const work = workGraph(graph, groups.links);

  // Grids per group.
  const groupK = new Int32Array(groups.count);
  for (const c of present) {
    const mine = groups.ofCommunity[c]!;
    if (request.parts !== undefined) {
      const share = shareOut(
        kOfCommunity[c]!,
        mine.map((g) => groups.weight[g]!),
      );
      mine.forEach((g, i) => (groupK[g] = share[i]!));
    } else {
      for (const g of mine)
        groupK[g] = bandGridCount(groups.weight[g]!, lower[c]!, upper[c]!, request.gridCount);
    }
    for (const g of mine) {
      const w = groups.weight[g]!;
      const [lo, hi] = bandGridRange(w, lower[c]!, upper[c]!);
      if (lo > hi || (request.parts !== undefined && (groupK[g]! < lo || groupK[g]! > hi))) {
        problems.push(
          describeBand(graph, groups.nodes[g]!, w, groupK[g]!, lower[c]!, upper[c]!, label(c), band),
        );
      }
      if (groupK[g]! > groups.nodes[g]!.length) {
        problems.push({
          code: 'too-many-parts',
          community: graph.communityNames[c],
          message: `${groupK[g]} grids asked for but ${label(c)} has only ${groups.nodes[g]!.length} units there; using ${groups.nodes[g]!.length}`,
        });
        groupK[g] = groups.nodes[g]!.length;
      }
    }
  }
  problems.push(...unitsOverCap(graph, upper));

  // One task per piece; each piece's share of the budget is by size, its random stream its own.
  const scratch = new Int32Array(n).fill(-1);
  const tasks: PieceTask[] = [];
  for (let g = 0; g < groups.count; g++) {
    const nodes = groups.nodes[g]!;
    const c = graph.community[nodes[0]!]!;
    tasks.push({
      graph: inducedGraph(work, nodes, scratch),
      k: groupK[g]!,
      lower: lower[c]!,
      upper: upper[c]!,
      flexible: band && request.parts === undefined,
      fewest: band && request.parts === undefined && (request.gridCount ?? 'fewest') === 'fewest',
      seed: ((request.seed ?? 1) + Math.imul(g, 0x9e3779b1)) | 0,
      work: request.timeLimitMs
        ? (budget.limit * nodes.length) / n
        : DEFAULT_WORK + DEFAULT_WORK_PER_UNIT * nodes.length,
      effort,
      ...(graph.compound ? { compound: Int32Array.from(nodes, (v) => graph.compound![v]!) } : {}),
    });
  }
  const finish = (outcomes: PieceOutcome[]): GraphPartition => {
    const part = new Int32Array(n).fill(-1);
    const partCommunity: number[] = [];
    const partLower: number[] = [];
    const partUpper: number[] = [];
    const partIdeal: number[] = [];
    for (let g = 0; g < groups.count; g++) {
      const nodes = groups.nodes[g]!;
      const c = graph.community[nodes[0]!]!;
      const solved = outcomes[g]!;
      const base = partCommunity.length;
      for (let i = 0; i < nodes.length; i++) part[nodes[i]!] = base + solved.part[i]!;
      for (let p = 0; p < solved.k; p++) {
        partCommunity.push(c);
        partLower.push(lower[c]!);
        partUpper.push(upper[c]!);
        partIdeal.push(groups.weight[g]! / solved.k);
      }
    }
    const parts = partCommunity.length;
    const partWeights = new Array<number>(parts).fill(0);
    for (let i = 0; i < n; i++) if (part[i]! >= 0) partWeights[part[i]!] += weights[i]!;

    // Second aim: households stay in their bounds, the composite workload evens out.
    if (request.composite) evenComposite(graph, part, partWeights, request.composite, partLower, partUpper);

    const result: GraphPartition = {
      part,
      parts,
      weights: partWeights,
      partCommunity,
      lower: partLower,
      upper: partUpper,
      ideal: partIdeal,
      feasible: true,
      problems,
      warnings,
      splitCompounds: [],
    };
    result.splitCompounds = splitCompounds(graph, part, warnings);
    finishChecks(graph, work, result);
    run.onProgress?.({ phase: 'done', fraction: 1, done: groups.count, total: groups.count });
    return result;
  };
  return { tasks, finish };
}

/** Adds `tolerance-not-met` and `not-contiguous` problems and sets `feasible`. */
function finishChecks(graph: UnitGraph, work: LocalGraph, result: GraphPartition): void {
  const { problems } = result;
  if (problems.length === 0) problems.push(...outOfBounds(graph, result));
  const broken = disconnectedParts(work as unknown as UnitGraph, result.part, result.parts);
  if (broken.length > 0)
    problems.push({ code: 'not-contiguous', message: `grid ${broken[0]! + 1} is not contiguous` });
  result.feasible = problems.length === 0;
}

export interface RebalanceOptions extends PartitionRunOptions {
  /** Parts whose units stay where they are (and which take no units). */
  locked?: ArrayLike<boolean>;
  /** Also remove cut edges (after balance and moving few households). Default false. */
  reshape?: boolean;
}

/**
 * Rebalances an existing partition instead of starting afresh: units move only across the
 * boundaries of unlocked parts, every part stays contiguous, balance comes first, then moving as few
 * households as possible (then fewer cut edges, with `reshape`). `lower`/`upper`/`ideal` are per part.
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
  const budget = new Budget(Infinity, options);
  budget.checkCancel();
  options.onProgress?.({ phase: 'refine', fraction: 0.1 });
  const work = workGraph(graph, []);
  const members: number[] = [];
  for (let i = 0; i < graph.n; i++) if (part[i]! >= 0 && part[i]! < parts) members.push(i);
  const scratch = new Int32Array(graph.n).fill(-1);
  const sub = inducedGraph(work, members, scratch);
  const local = Int32Array.from(members, (v) => part[v]!);
  const lockedParts = new Uint8Array(parts);
  for (let p = 0; p < parts; p++) if (options.locked?.[p]) lockedParts[p] = 1;
  let W = 0;
  for (let i = 0; i < sub.n; i++) W += sub.weight[i]!;
  const search = new TabuSearch(
    sub,
    parts,
    {
      lower: Float64Array.from(bounds.lower),
      upper: Float64Array.from(bounds.upper),
      target: Float64Array.from(bounds.ideal),
    },
    local,
    createRandom(1),
    {
      lockedParts,
      home: Int32Array.from(local),
      // Aims in order: the bounds, then even parts (a move pays when the two parts' deviations from
      // their ideal differ by more than ~20 %), then few households moved; with reshape, cut edges too.
      homeCost: options.reshape ? 0.05 / Math.max(1, W / Math.max(1, sub.n)) : 1,
      cutWeight: options.reshape ? 1 : 0,
      penalty: options.reshape ? undefined : 4,
      spreadWeight: options.reshape ? undefined : (2.5 * W) / Math.max(1, parts),
    },
  );
  search.run(200 + 4 * sub.n, budget);
  const out = new Int32Array(graph.n).fill(-1);
  members.forEach((v, i) => (out[v] = search.part[i]!));
  const weights = Array.from({ length: parts }, (_, p) => search.pw[p]!);
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
    warnings: [],
    splitCompounds: [],
  };
  for (let i = 0; i < graph.n; i++) if (out[i]! >= 0) result.partCommunity[out[i]!] = graph.community[i]!;
  finishChecks(graph, work, result);
  options.onProgress?.({ phase: 'done', fraction: 1 });
  return result;
}
