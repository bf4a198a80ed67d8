/**
 * Assessment (考核) of grids and workers over a period, month by month: requests handled and the
 * handling rate, the on-time rate of handled requests, patrol coverage, care households visited and
 * issues per 100 households, with one weighted score per row and per month (the trend).
 *
 * The score is the weighted mean of four shares, each 0–1 and higher is better: handling rate
 * (handled ÷ handled + still open at the end), on-time rate, patrol coverage and care households
 * visited. A share that cannot be measured for a row (nothing handled, no tracks, no care households)
 * is left out and the other weights count. Issues per 100 households is shown, not scored: more
 * reports can mean a worse-kept grid or a better-walked one.
 */
import { handledOnTime, type DeadlineRules } from './deadlines.ts';
import { workerKey } from './workload.ts';
import type { IssueFeature } from './types.ts';
import { timeOf } from './time.ts';

/** Relative weights of the four scored shares. */
export interface AssessmentWeights {
  handled: number;
  onTime: number;
  patrol: number;
  care: number;
}

export const DEFAULT_ASSESSMENT_WEIGHTS: Readonly<AssessmentWeights> = {
  handled: 1,
  onTime: 1,
  patrol: 1,
  care: 1,
};

/** The counts of one grid (or worker) in one month or the whole period. */
export interface PeriodFigures {
  /** Issues reported (requested) in the period. */
  reported: number;
  /** Issues closed in the period (`updated_datetime` of a closed issue). */
  handled: number;
  /** Of those, with a deadline (own or by category). */
  judged: number;
  /** Of those, closed by the deadline. */
  onTime: number;
  /** Issues reported before the end of the period and not closed by then. */
  openAtEnd: number;
  /** Buildings, and buildings within the radius of a track in the period (null: no tracks measured). */
  buildings: number | null;
  covered: number | null;
  /** Buildings with residents needing care, and those a worker stayed at in the period. */
  careSites: number | null;
  careVisited: number | null;
}

/** Patrol figures of one grid in one period (as `<wg-track-layer>` measures them). */
export interface PatrolFigures {
  buildings: number;
  covered: number;
  careSites: number;
  careVisited: number;
}

export const emptyFigures = (): PeriodFigures => ({
  reported: 0,
  handled: 0,
  judged: 0,
  onTime: 0,
  openAtEnd: 0,
  buildings: null,
  covered: null,
  careSites: null,
  careVisited: null,
});

const HOUR = 3_600_000;

/**
 * Month starts (ms) from the month of `from` to the one containing `to` (exclusive end), in local time
 * `utcOffset` hours east of UTC (8: China), and the end: `edges.length - 1` months. Throws on a time
 * that is not finite.
 */
export function monthEdges(from: number, to: number, utcOffset = 8): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new RangeError('monthEdges: from and to must be times (ms)');
  const shift = utcOffset * HOUR;
  const start = new Date(from + shift);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  const edges: number[] = [];
  for (;;) {
    const edge = Date.UTC(y, m, 1) - shift;
    if (!Number.isFinite(edge)) throw new RangeError('monthEdges: a month out of the range of dates');
    edges.push(edge);
    if (edge >= to) break;
    if (++m === 12) {
      m = 0;
      y++;
    }
  }
  if (edges.length === 1) edges.push(Date.UTC(y, m + 1, 1) - shift);
  return edges;
}

/** Index of the month of `t` in `edges` (-1 outside). */
function binOf(edges: readonly number[], t: number): number {
  if (!(t >= edges[0]!) || !(t < edges[edges.length - 1]!)) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t >= edges[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The issue counts per grid and month: `result[grid][month]`, and `[grid][months]` for the whole
 * period (`edges[0]` to the last edge). `gridOf[i]` is the grid index of `issues[i]` (-1: none).
 */
export function issueFigures(
  issues: readonly IssueFeature[],
  gridOf: ArrayLike<number>,
  grids: number,
  edges: readonly number[],
  rules: DeadlineRules = {},
): PeriodFigures[][] {
  const months = edges.length - 1;
  const out = Array.from({ length: grids }, () => Array.from({ length: months + 1 }, emptyFigures));
  // Open at a month's end: +1 from the month the issue was reported in, -1 from the month it closed in.
  const open = Array.from({ length: grids }, () => new Int32Array(months + 1));
  const end = edges[months]!;
  issues.forEach((issue, i) => {
    const g = gridOf[i]!;
    if (g < 0 || g >= grids) return;
    const p = issue.properties;
    const requested = timeOf(p.requested_datetime);
    if (!Number.isFinite(requested) || requested >= end) return;
    const closedAt = p.stage === 'closed' && p.updated_datetime ? timeOf(p.updated_datetime) : NaN;
    // A closing time before the request (times written with and without an offset) is the request's.
    const closed =
      p.stage === 'closed'
        ? Number.isFinite(closedAt)
          ? Math.max(closedAt, requested)
          : requested
        : Infinity;
    const rows = out[g]!;
    const r = binOf(edges, requested);
    if (r >= 0) {
      rows[r]!.reported++;
      rows[months]!.reported++;
    }
    const c = binOf(edges, closed);
    if (c >= 0) {
      const ok = handledOnTime(p, rules);
      for (const row of [rows[c]!, rows[months]!]) {
        row.handled++;
        if (ok !== undefined) {
          row.judged++;
          if (ok) row.onTime++;
        }
      }
    }
    // Open at the end of month k when requested < edges[k+1] <= closed.
    if (closed >= edges[1]!) {
      const first = Math.max(0, r < 0 ? 0 : r);
      const last = closed >= end ? months : binOf(edges, closed);
      open[g]![first]!++;
      open[g]![last]!--;
    }
  });
  out.forEach((rows, g) => {
    let running = 0;
    for (let k = 0; k < months; k++) {
      running += open[g]![k]!;
      rows[k]!.openAtEnd = running;
    }
    rows[months]!.openAtEnd = months ? rows[months - 1]!.openAtEnd : 0;
  });
  return out;
}

/** Adds a grid's patrol figures for one period into its figures. */
export function addPatrol(figures: PeriodFigures, patrol: PatrolFigures | undefined): void {
  if (!patrol) return;
  figures.buildings = (figures.buildings ?? 0) + patrol.buildings;
  figures.covered = (figures.covered ?? 0) + patrol.covered;
  figures.careSites = (figures.careSites ?? 0) + patrol.careSites;
  figures.careVisited = (figures.careVisited ?? 0) + patrol.careVisited;
}

/** The four scored shares of some figures (0–1, null when not measurable). */
export function sharesOf(f: PeriodFigures): Record<keyof AssessmentWeights, number | null> {
  return {
    handled: f.handled + f.openAtEnd > 0 ? f.handled / (f.handled + f.openAtEnd) : null,
    onTime: f.judged > 0 ? f.onTime / f.judged : null,
    patrol: f.buildings ? f.covered! / f.buildings : null,
    care: f.careSites ? f.careVisited! / f.careSites : null,
  };
}

/** The weighted score 0–100 of some figures; null when no weighted share can be measured. */
export function scoreOf(f: PeriodFigures, weights: Partial<AssessmentWeights> = {}): number | null {
  const w = { ...DEFAULT_ASSESSMENT_WEIGHTS, ...weights };
  const shares = sharesOf(f);
  let sum = 0;
  let total = 0;
  for (const key of Object.keys(shares) as Array<keyof AssessmentWeights>) {
    const share = shares[key];
    const weight = Number(w[key]) || 0;
    if (share === null || weight <= 0) continue;
    sum += weight * share;
    total += weight;
  }
  return total > 0 ? (100 * sum) / total : null;
}

/** A grid as the assessment needs it. */
export interface AssessedGrid {
  id: string;
  code: string;
  name: string;
  worker: string;
  households: number;
  /** The grid's community: workers are told apart by name within it (`workerKey`). */
  community?: string;
}

/** One row: a grid or a worker (the sum of the worker's grids). */
export interface AssessmentRow {
  /** The grid id, or the worker (`workerKey`: the name within the community). */
  id: string;
  /** The grid code, or the worker's name (with the community when two communities have the name). */
  label: string;
  worker: string;
  /** The grid ids of the row. */
  grids: string[];
  households: number;
  /** The whole period. */
  period: PeriodFigures;
  /** Month by month. */
  months: PeriodFigures[];
  handled: number;
  /** Handling rate, on-time rate, patrol coverage, care households visited: 0–100 or null. */
  handledRate: number | null;
  onTime: number | null;
  patrol: number | null;
  care: number | null;
  /** Issues reported per 100 households in the period (null without households). */
  issuesPer100: number | null;
  /** Weighted score 0–100 for the period, and per month. */
  score: number | null;
  trend: Array<number | null>;
}

function sum(into: PeriodFigures, f: PeriodFigures) {
  for (const key of Object.keys(into) as Array<keyof PeriodFigures>) {
    const v = f[key];
    if (v === null) continue;
    into[key] = ((into[key] ?? 0) + v) as never;
  }
}

/**
 * The assessment rows: one per grid, or (`by: 'worker'`) one per worker with the sums of the
 * worker's grids (grids without a worker are left out). `figures[g]` are the months and the period
 * of grid `g` (from `issueFigures`, patrol added with `addPatrol`).
 */
export function assess(
  grids: readonly AssessedGrid[],
  figures: readonly PeriodFigures[][],
  options: { weights?: Partial<AssessmentWeights>; by?: 'grid' | 'worker' } = {},
): AssessmentRow[] {
  const byWorker = options.by === 'worker';
  const groups = new Map<string, { label: string; worker: string; members: number[] }>();
  const communitiesOf = new Map<string, Set<string>>();
  grids.forEach((grid, g) => {
    if (byWorker && !grid.worker) return;
    const key = byWorker ? workerKey(grid.worker, grid.community) : grid.id;
    const group = groups.get(key) ?? {
      label: byWorker ? grid.worker : grid.code,
      worker: grid.worker,
      members: [],
    };
    group.members.push(g);
    groups.set(key, group);
    if (byWorker && grid.community)
      communitiesOf.set(grid.worker, (communitiesOf.get(grid.worker) ?? new Set()).add(grid.community));
  });
  // The same name in two communities: say which is which.
  if (byWorker)
    for (const group of groups.values()) {
      const community = grids[group.members[0]!]!.community;
      if (community && (communitiesOf.get(group.worker)?.size ?? 0) > 1)
        group.label = `${group.worker}（${community}）`;
    }
  const percent = (v: number | null) => (v === null ? null : 100 * v);
  return [...groups].map(([id, group]) => {
    const months = figures[group.members[0]!]!.length - 1;
    const rows = Array.from({ length: months + 1 }, emptyFigures);
    for (const g of group.members) rows.forEach((row, k) => sum(row, figures[g]![k]!));
    const period = rows[months]!;
    const shares = sharesOf(period);
    const households = group.members.reduce((s, g) => s + grids[g]!.households, 0);
    return {
      id,
      label: group.label,
      worker: group.worker,
      grids: group.members.map((g) => grids[g]!.id),
      households,
      period,
      months: rows.slice(0, months),
      handled: period.handled,
      handledRate: percent(shares.handled),
      onTime: percent(shares.onTime),
      patrol: percent(shares.patrol),
      care: percent(shares.care),
      issuesPer100: households > 0 ? (100 * period.reported) / households : null,
      score: scoreOf(period, options.weights),
      trend: rows.slice(0, months).map((f) => scoreOf(f, options.weights)),
    };
  });
}
