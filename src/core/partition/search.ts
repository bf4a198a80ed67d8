/**
 * The search for one connected piece: multilevel cycles (coarsen by matching, grow an initial cut on
 * the small graph, refine on every level on the way back) and iterated tabu search at the finest
 * level (kick the best plan, refine again, keep it when better), restarted until the effort or the
 * work budget is spent. Pieces that must hold many grids are first cut into regions by recursive
 * bisection (each bisection is the same search with k = 2 and the sides' bounds), and each region is
 * solved on its own; in a household band, a region that cannot meet the band with its number of
 * grids tries one grid more. A last refinement over the whole piece repairs what regions left.
 */
import { coarsen, type Level } from './coarsen.ts';
import { SubBudget, type WorkMeter } from './budget.ts';
import { growParts } from './initial.ts';
import { inducedGraph, totalWeight, type LocalGraph } from './local-graph.ts';
import { eliminateParts, repairParts, type AreaSolver } from './rebalance.ts';
import {
  better,
  stallFor,
  TabuSearch,
  uniformBounds,
  type Bounds,
  type RefineOptions,
  type Score,
} from './refine.ts';

/** Above this many grids, a piece is cut into regions first. */
const REGION_PARTS = 12;

export interface Effort {
  /** Multilevel cycles from a fresh start (at least 1). */
  restarts: number;
  /** Kick-and-refine rounds without improvement before the next cycle. */
  kicks: number;
  /** Keep restarting until the meter runs out (a time budget was given). */
  anytime: boolean;
  /** Light multilevel descents per fresh start, the best one kept and refined (default 1). */
  cycles?: number;
  /** Initial cuts tried on the coarsest graph of each descent, the best one kept (default 1). */
  trials?: number;
  /** Nodes per part of the coarsest graph (default 30). */
  perPart?: number;
}

export interface PieceRequest {
  k: number;
  lower: number;
  upper: number;
  /** May the number of grids grow when the band cannot be met (household band, not a fixed count)? */
  flexible: boolean;
  /** Try to do with fewer grids once the band is met (the fewest grids that fit). */
  fewest?: boolean;
}

/** How carefully each multilevel descent is made (probes, bisections and repairs take it from the effort). */
export type Descent = Pick<Effort, 'cycles' | 'trials' | 'perPart'>;

/** Probes in a row that do worse than the best count before the count stops growing. */
const PROBE_PATIENCE = 2;
/** The cheap effort that decides whether a number of grids can meet the band. */
const PROBE: Effort = { restarts: 1, kicks: 1, anytime: false };
/** A bisection needs balance and a fair cut: its sides are cut again and the last pass smooths it. */
const BISECT: Effort = { restarts: 1, kicks: 1, anytime: false };
/** The effort for an area solved anew to bring its grids back inside the band. */
const REPAIR: Effort = { restarts: 2, kicks: 3, anytime: false };

/** `free` counts the work that finds a plan inside the bounds; `polish` limits the rest. */
export interface PieceMeters {
  free: WorkMeter;
  polish: WorkMeter;
}

export interface PieceResult {
  part: Int32Array;
  k: number;
  score: Score;
}

// Short tabu runs between kicks (return to the best often) and larger kicks: under a tight band a
// long run drifts far above its best cut and seldom comes back.
/** Kick size as a share of the units, and every how many rounds a V-cycle replaces the kick. */
const KICK = 0.06;
const VCYCLE_EVERY = 3;
/** Kick size (share of the units) of a restart from the best plan under a time budget. */
const RESTART_KICK = 0.25;
/** A cycle still outside the bounds after this many failed rounds gives way to a fresh one. */
const INFEASIBLE_ROUNDS = 4;

/**
 * One V-cycle from a labelling: coarsen without merging across parts (so the labelling carries over
 * to every level and each coarse part stays connected: a part connected in the finer graph is
 * connected in the quotient, and a coarse node is connected), then refine from the coarsest level
 * back down. Moving a coarse node moves a whole cluster, which single moves cannot. Leaves the
 * result in `part` and returns its score (each level keeps the best it finds).
 */
function vcycle(
  g: LocalGraph,
  k: number,
  bounds: Bounds,
  part: Int32Array,
  cap: number,
  coarseSize: number,
  rng: () => number,
  meter: WorkMeter,
  options: RefineOptions,
): Score {
  const levels: Level[] = [];
  const parts: Int32Array[] = [];
  let cur = g;
  let curPart = part;
  while (cur.n > coarseSize) {
    const level = coarsen(cur, cap, rng, curPart);
    if (!level) break;
    meter.spend(cur.targets.length);
    const cp = new Int32Array(level.graph.n);
    for (let v = 0; v < cur.n; v++) cp[level.map[v]!] = curPart[v]!;
    levels.push(level);
    parts.push(cp);
    cur = level.graph;
    curPart = cp;
  }
  for (let l = levels.length - 1; l >= 0; l--) {
    const lp = parts[l]!;
    if (l < levels.length - 1) {
      const map = levels[l + 1]!.map;
      const coarser = parts[l + 1]!;
      for (let v = 0; v < lp.length; v++) lp[v] = coarser[map[v]!]!;
    }
    const lg = levels[l]!.graph;
    meter.spend(lg.n + lg.targets.length);
    new TabuSearch(lg, k, bounds, lp, rng, {}).run(stallFor(lg.n) >> 1, meter);
  }
  if (levels.length) {
    const map = levels[0]!.map;
    const coarser = parts[0]!;
    for (let v = 0; v < g.n; v++) part[v] = coarser[map[v]!]!;
  }
  meter.spend(g.n + g.targets.length);
  return new TabuSearch(g, k, bounds, part, rng, options).run(stallFor(g.n), meter);
}

/**
 * The initial cut on the coarsest graph: several grown cuts, each refined with the bounds widened by
 * the heaviest coarse node (so that granularity does not decide), the one with the best cut kept.
 */
function initialCut(
  g: LocalGraph,
  k: number,
  bounds: Bounds,
  trials: number,
  rng: () => number,
  meter: WorkMeter,
  out: Int32Array,
): void {
  let heaviest = 0;
  for (let v = 0; v < g.n; v++) heaviest = Math.max(heaviest, g.weight[v]!);
  const slack = heaviest;
  const relaxed: Bounds = {
    lower: bounds.lower.map((x) => Math.max(0, x - slack)),
    upper: bounds.upper.map((x) => x + slack),
    target: bounds.target,
  };
  const trial = new Int32Array(g.n);
  let best: Score | null = null;
  for (let t = 0; t < trials; t++) {
    growParts(g, k, bounds.target, rng, trial);
    meter.spend(g.targets.length * 2);
    const s = new TabuSearch(g, k, relaxed, trial, rng, {}).run(stallFor(g.n), meter);
    if (better(s, best)) {
      best = s;
      out.set(trial);
    }
  }
}

/** One multilevel descent: coarsen, initial cut on the coarsest graph, refine on every level back up. */
function descend(
  g: LocalGraph,
  k: number,
  bounds: Bounds,
  rng: () => number,
  meter: WorkMeter,
  options: RefineOptions,
  coarseSize: number,
  cap: number,
  trials: number,
  finestStall: number,
): TabuSearch {
  const levels: Level[] = [];
  let cur = g;
  while (cur.n > coarseSize) {
    const level = coarsen(cur, cap, rng);
    if (!level) break;
    meter.spend(cur.targets.length);
    levels.push(level);
    cur = level.graph;
  }
  let part = new Int32Array(cur.n);
  if (levels.length && trials > 1) initialCut(cur, k, bounds, trials, rng, meter, part);
  else growParts(cur, k, bounds.target, rng, part);
  meter.spend(cur.targets.length * 2);
  let search = new TabuSearch(cur, k, bounds, part, rng, levels.length ? {} : options);
  search.run(levels.length ? stallFor(cur.n) : finestStall, meter);
  for (let l = levels.length - 1; l >= 0; l--) {
    const finer = l > 0 ? levels[l - 1]!.graph : g;
    const map = levels[l]!.map;
    const fine = new Int32Array(finer.n);
    for (let v = 0; v < finer.n; v++) fine[v] = part[map[v]!]!;
    part = fine;
    search = new TabuSearch(finer, k, bounds, part, rng, l === 0 ? options : {});
    search.run(l === 0 ? finestStall : stallFor(finer.n) >> 1, meter);
  }
  return search;
}

/**
 * Best k-way labelling of a connected graph within per-part bounds (multilevel + iterated tabu).
 */
export function solveParts(
  g: LocalGraph,
  k: number,
  bounds: Bounds,
  rng: () => number,
  meter: WorkMeter,
  effort: Effort,
  options: RefineOptions = {},
  start: Int32Array | null = null,
): { part: Int32Array; score: Score } {
  const bestPart = new Int32Array(g.n);
  if (k <= 1) return { part: bestPart, score: { violation: 0, cost: 0, cut: 0, spread: 0 } };
  let bestScore: Score | null = null;
  let maxUpper = 0;
  for (let p = 0; p < k; p++) maxUpper = Math.max(maxUpper, bounds.upper[p]!);
  // The coarsest graph: 30 nodes per part (as METIS), so that its cut can be balanced and compared,
  // but no more than a quarter of the graph or 6 per part (a small graph still gets a coarser view).
  const coarseSize = Math.max(40, Math.min((effort.perPart ?? 30) * k, Math.max(g.n >> 2, 6 * k)));
  const cap = 0.35 * maxUpper;
  const cycles = effort.cycles ?? 1;
  const trials = effort.trials ?? 1;
  for (let r = 0; r < effort.restarts || (effort.anytime && !meter.exhausted); r++) {
    if (r > 0 && meter.exhausted) break;
    let search: TabuSearch;
    let part: Int32Array;
    if (start && r === 0) {
      part = Int32Array.from(start);
      search = new TabuSearch(g, k, bounds, part, rng, options);
      search.run(stallFor(g.n), meter);
    } else if (effort.anytime && r % 2 === 1 && bestScore && bestScore.violation === 0) {
      // Every other restart under a time budget starts near the best plan so far (a large kick):
      // under tight bounds most fresh starts end outside them, while the best plan's neighbourhood
      // is inside and often holds a better cut.
      part = Int32Array.from(bestPart);
      search = new TabuSearch(g, k, bounds, part, rng, options);
      search.kick(Math.max(2, Math.round(RESTART_KICK * g.n)), meter);
      search.run(stallFor(g.n), meter);
    } else if (cycles <= 1) {
      search = descend(g, k, bounds, rng, meter, options, coarseSize, cap, trials, stallFor(g.n));
      part = search.part;
    } else {
      let bestCycle: TabuSearch | null = null;
      let bestCycleScore: Score | null = null;
      // Light descents (a short last refinement), the best one refined in full: the coarse
      // structure of a cut (which part lies where) is decided in the descent, and differs from one
      // random matching to the next more than any refinement at the finest level can make up for.
      for (let c = 0; c < cycles && !(c > 0 && meter.exhausted); c++) {
        const s = descend(g, k, bounds, rng, meter, options, coarseSize, cap, trials, stallFor(g.n) >> 3);
        const sc = s.score();
        if (better(sc, bestCycleScore)) {
          bestCycle = s;
          bestCycleScore = sc;
        }
      }
      search = bestCycle!;
      part = search.part;
      search.run(stallFor(g.n), meter);
    }
    // Iterated tabu search at the finest level.
    let score = search.score();
    const local = Int32Array.from(part);
    // V-cycles only without per-unit constraints (the coarse levels do not carry them).
    const vOK = !options.fixed && !options.lockedParts && !options.home;
    for (
      let fails = 0, round = 0;
      fails < effort.kicks && !meter.exhausted && !(score.violation > 0 && fails >= INFEASIBLE_ROUNDS);
      round++
    ) {
      let next: Score;
      if (vOK && round % VCYCLE_EVERY === VCYCLE_EVERY - 1) {
        next = vcycle(g, k, bounds, search.part, cap, coarseSize, rng, meter, options);
        search.reset();
      } else {
        search.kick(Math.max(2, Math.round(KICK * g.n)), meter);
        next = search.run(stallFor(g.n), meter);
      }
      if (better(next, score)) {
        score = next;
        local.set(search.part);
        fails = 0;
      } else {
        search.part.set(local);
        search.reset();
        fails++;
      }
    }
    if (better(score, bestScore)) {
      bestScore = score;
      bestPart.set(local);
    }
  }
  return { part: bestPart, score: bestScore! };
}

/**
 * Solves one connected piece: `k` parts within [lower, upper] households each (more parts when
 * `flexible` and the band cannot be met otherwise).
 */
export function solvePiece(
  g: LocalGraph,
  request: PieceRequest,
  rng: () => number,
  meters: PieceMeters,
  effort: Effort,
  options: RefineOptions = {},
): PieceResult {
  // Finding a plan inside the bounds is never cut short; only polishing it draws on the budget.
  const meter = meters.free;
  // Probes and bisections are cheap tries, but descend as carefully as the effort asks.
  const descent: Descent = { cycles: effort.cycles, trials: effort.trials, perPart: effort.perPart };
  const probe: Effort = { ...PROBE, ...descent };
  const bisect: Effort = { ...BISECT, ...descent };
  const scratch = new Int32Array(g.n).fill(-1);
  const part = new Int32Array(g.n);
  let next = 0;
  const solveRegion = (nodes: Int32Array, sub: LocalGraph, k: number): void => {
    const w = totalWeight(sub);
    if (k > REGION_PARTS && sub.n > 2 * REGION_PARTS) {
      const k1 = k >> 1;
      const k2 = k - k1;
      const sides: Bounds = {
        lower: Float64Array.of(
          Math.max(k1 * request.lower, w - k2 * request.upper),
          Math.max(k2 * request.lower, w - k1 * request.upper),
        ),
        upper: Float64Array.of(
          Math.min(k1 * request.upper, w - k2 * request.lower),
          Math.min(k2 * request.upper, w - k1 * request.lower),
        ),
        target: Float64Array.of((w * k1) / k, (w * k2) / k),
      };
      if (sides.lower[0]! > sides.upper[0]!) {
        sides.lower[0] = sides.upper[0] = sides.target[0]!;
        sides.lower[1] = sides.upper[1] = sides.target[1]!;
      }
      const { part: halves } = solveParts(sub, 2, sides, rng, meter, bisect);
      const members: number[][] = [[], []];
      for (let v = 0; v < sub.n; v++) members[halves[v]!]!.push(v);
      // Side 0 takes k1 parts, within what each side's units allow; side 1 takes the rest.
      const n0 = members[0]!.length;
      const n1 = members[1]!.length;
      const counts = [Math.max(1, Math.min(n0, Math.max(k1, k - n1)))];
      counts.push(Math.max(1, Math.min(n1, k - counts[0]!)));
      for (let s = 0; s < 2; s++) {
        const child = inducedGraph(sub, members[s]!, scratch);
        const childNodes = new Int32Array(members[s]!.length);
        for (let i = 0; i < childNodes.length; i++) childNodes[i] = nodes[members[s]![i]!]!;
        let kc = counts[s]!;
        if (request.flexible) kc = Math.min(child.n, flexibleCount(totalWeight(child), kc, request));
        solveRegion(childNodes, child, kc);
      }
      return;
    }
    if (k >= sub.n) {
      // As many parts as units: each unit is a part.
      for (let v = 0; v < sub.n; v++) part[nodes[v]!] = next + v;
      next += sub.n;
      return;
    }
    let kr = k;
    const share = new SubBudget(meters.polish, (meters.polish.limit * sub.n) / g.n);
    const bounds = (count: number): Bounds => uniformBounds(count, request.lower, request.upper, w);
    // Settle the number of grids with quick probes (one grid more while the band is not met), then
    // spend the effort (or what is left of the share) on that number, from the probe's plan.
    let solved = solveParts(sub, kr, bounds(kr), rng, meter, probe, options);
    let bestK = kr;
    let best = solved;
    // A probe is one cheap try, so one that does worse than a smaller count is not yet the end.
    for (
      let worse = 0;
      best.score.violation > 0 &&
      request.flexible &&
      worse < PROBE_PATIENCE &&
      (kr + 1) * request.lower <= w + 1e-9 &&
      kr + 1 <= sub.n;
    ) {
      kr++;
      solved = solveParts(sub, kr, bounds(kr), rng, meter, probe, options);
      if (solved.score.violation < best.score.violation) {
        best = solved;
        bestK = kr;
        worse = 0;
      } else if (solved.score.violation > best.score.violation) worse++;
    }
    kr = bestK;
    solved = best;
    if (!share.exhausted) {
      const more = solveParts(
        sub,
        kr,
        bounds(kr),
        rng,
        share,
        { ...effort, anytime: false },
        options,
        solved.part,
      );
      if (better(more.score, solved.score)) solved = more;
    }
    for (let v = 0; v < sub.n; v++) part[nodes[v]!] = next + solved.part[v]!;
    next += kr;
  };
  const all = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) all[i] = i;
  solveRegion(all, g, request.k);
  const result = finishPiece(g, next, request, part, rng, meter, options, next > REGION_PARTS, descent);
  if (effort.anytime && !meters.polish.exhausted) {
    // A time budget: restart and refine the whole piece until it is spent.
    const bounds = uniformBounds(result.k, request.lower, request.upper, totalWeight(g));
    const more = solveParts(g, result.k, bounds, rng, meters.polish, effort, options, result.part);
    if (better(more.score, result.score)) return { part: more.part, k: result.k, score: more.score };
  }
  return result;
}

/**
 * The last steps for a piece with a labelling of k parts: a tabu run over the whole piece (when its
 * regions were solved apart, or the labelling comes from elsewhere), the area repair of grids
 * outside the bounds, and for the fewest grids, dissolving grids where the slack allows.
 */
export function finishPiece(
  g: LocalGraph,
  k: number,
  request: PieceRequest,
  part: Int32Array,
  rng: () => number,
  meter: WorkMeter,
  options: RefineOptions = {},
  smooth = true,
  descent: Descent = {},
): PieceResult {
  const W = totalWeight(g);
  const searchFor = (count: number, labels: Int32Array): TabuSearch =>
    new TabuSearch(g, count, uniformBounds(count, request.lower, request.upper, W), labels, rng, options);
  let search = searchFor(k, part);
  if (smooth) search.run(stallFor(Math.min(g.n, 2000)), meter);
  if (search.score().violation > 0) {
    // Some grids are outside the bounds: solve the area around each anew (same count, or ±1 grid).
    const solveArea: AreaSolver = (sub, m, lower, upper, start) =>
      solveParts(
        sub,
        m,
        uniformBounds(m, lower, upper, totalWeight(sub)),
        rng,
        meter,
        { ...REPAIR, ...descent },
        options,
        start,
      );
    k = repairParts(g, k, request.lower, request.upper, search.part, request.flexible, solveArea, meter);
    search = searchFor(k, search.part);
  }
  if (request.fewest && search.score().violation === 0) {
    // The band is met: do with fewer grids where the slack of neighbouring regions allows.
    const fewer = eliminateParts(g, k, request.lower, request.upper, search.part, rng, meter, options);
    if (fewer < k) {
      k = fewer;
      search = searchFor(k, search.part);
    }
  }
  return { part: search.part, k, score: search.score() };
}

/** The number of grids for a region of a band split: kept when it fits, else the nearest that does. */
function flexibleCount(w: number, k: number, request: PieceRequest): number {
  const lo = Math.max(1, Math.ceil(w / request.upper - 1e-9));
  const hi = request.lower > 0 ? Math.floor(w / request.lower + 1e-9) : Number.MAX_SAFE_INTEGER;
  if (lo > hi) return Math.max(1, k);
  return Math.min(hi, Math.max(lo, k));
}
