/**
 * Workload: one index from households, residents needing care, open issues and overdue issues, per
 * grid, per worker, and per unit (as a composite weight the partition engine can even out).
 */
import type { Position } from 'geojson';
import type { IssueFeature, UnitFeature } from './types.ts';
import { timeOf } from './time.ts';

/** Relative weights of the four parts of the workload. */
export interface WorkloadWeights {
  households: number;
  care: number;
  open: number;
  overdue: number;
}

export const DEFAULT_WORKLOAD_WEIGHTS: Readonly<WorkloadWeights> = {
  households: 1,
  care: 1,
  open: 1,
  overdue: 1,
};

/** The four figures of one grid, worker or unit. */
export interface WorkloadFigures {
  households: number;
  care: number;
  open: number;
  overdue: number;
}

const PARTS = ['households', 'care', 'open', 'overdue'] as const;

/** Overloaded: above this share of the mean index (120 %). */
export const OVERLOAD = 1.2;

/**
 * Workload index of each row: every part is divided by its mean over the rows, then the parts are
 * averaged with `weights`. So the mean index is 1 and 1.2 means 20 % above the mean. A part that is
 * zero everywhere is left out.
 *
 * @example
 * workloadIndex([{ households: 400, care: 10, open: 5, overdue: 1 }, { households: 300, care: 30, open: 2, overdue: 0 }]);
 */
export function workloadIndex(
  rows: readonly WorkloadFigures[],
  weights: Partial<WorkloadWeights> = {},
): number[] {
  const w = { ...DEFAULT_WORKLOAD_WEIGHTS, ...weights };
  const means = PARTS.map(
    (part) => rows.reduce((sum, row) => sum + (row[part] || 0), 0) / (rows.length || 1),
  );
  const used = PARTS.map((part, k) => (means[k]! > 0 && w[part] > 0 ? w[part] : 0));
  const total = used.reduce((a, b) => a + b, 0);
  return rows.map((row) => {
    if (total === 0) return 1;
    let index = 0;
    PARTS.forEach((part, k) => {
      if (used[k]) index += (used[k]! * (row[part] || 0)) / means[k]!;
    });
    return index / total;
  });
}

/** A grid's figures with its id, worker and community. */
export interface GridWorkload extends WorkloadFigures {
  id: string;
  worker?: string;
  community?: string;
}

/**
 * Who a worker is across grids: the name within its community. Two workers of the same name in two
 * communities of a street (张伟 is common) are two people; grids without a community go by the name.
 */
export function workerKey(worker: string, community?: string): string {
  return community ? `${community}\u0000${worker}` : worker;
}

/** A worker's grids, summed figures and index. */
export interface WorkerWorkload extends WorkloadFigures {
  worker: string;
  community?: string;
  grids: string[];
  index: number;
  overloaded: boolean;
}

/**
 * Workload per worker (`workerKey`: the name within its community): the figures of each worker's
 * grids are summed, then indexed against the mean over workers. Grids without a worker are left out.
 * Sorted by index, highest first.
 */
export function workloadByWorker(
  grids: readonly GridWorkload[],
  weights: Partial<WorkloadWeights> = {},
): WorkerWorkload[] {
  const byWorker = new Map<string, WorkerWorkload>();
  for (const grid of grids) {
    if (!grid.worker) continue;
    const key = workerKey(grid.worker, grid.community);
    const row = byWorker.get(key) ?? {
      worker: grid.worker,
      ...(grid.community ? { community: grid.community } : {}),
      grids: [],
      households: 0,
      care: 0,
      open: 0,
      overdue: 0,
      index: 0,
      overloaded: false,
    };
    row.grids.push(grid.id);
    for (const part of PARTS) row[part] += grid[part] || 0;
    byWorker.set(key, row);
  }
  const rows = [...byWorker.values()];
  const index = workloadIndex(rows, weights);
  rows.forEach((row, i) => {
    row.index = index[i]!;
    row.overloaded = row.index > OVERLOAD;
  });
  return rows.sort((a, b) => b.index - a.index || a.worker.localeCompare(b.worker));
}

/** A representative position of a unit: its point, or the mean of its first outer ring. */
export function unitPosition(unit: UnitFeature): Position {
  const g = unit.geometry;
  if (g.type === 'Point') return g.coordinates;
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  const n = Math.max(1, ring.length - 1);
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += ring[i]![0]!;
    y += ring[i]![1]!;
  }
  return [x / n, y / n];
}

/** Nearest of `sites` to each of `points` (planar in degrees, scaled by cos(lat)); a bucket grid keeps it linear. */
function nearestSites(sites: readonly Position[], points: readonly Position[]): Int32Array {
  const out = new Int32Array(points.length).fill(-1);
  if (sites.length === 0) return out;
  const lat0 = sites.reduce((s, p) => s + p[1]!, 0) / sites.length;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const xs = sites.map((p) => p[0]! * kx);
  const ys = sites.map((p) => p[1]!);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY, 1e-9);
  const side = Math.max(1, Math.ceil(Math.sqrt(sites.length)));
  const cell = span / side;
  const buckets = new Map<number, number[]>();
  const cellOf = (v: number, min: number) => Math.floor((v - min) / cell);
  xs.forEach((x, i) => {
    const k = cellOf(ys[i]!, minY) * 4096 + cellOf(x, minX);
    (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(i);
  });
  points.forEach((p, j) => {
    const x = p[0]! * kx;
    const y = p[1]!;
    const cx = cellOf(x, minX);
    const cy = cellOf(y, minY);
    let best = -1;
    let bestD = Infinity;
    // Grow rings of cells until the nearest found is closer than any unvisited cell can be.
    for (let r = 0; r <= side + 2 + Math.ceil(Math.max(Math.abs(cx), Math.abs(cy))); r++) {
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          for (const i of buckets.get((cy + dy) * 4096 + cx + dx) ?? []) {
            const d = (xs[i]! - x) ** 2 + (ys[i]! - y) ** 2;
            if (d < bestD || (d === bestD && i < best)) {
              bestD = d;
              best = i;
            }
          }
        }
      }
      if (best >= 0 && Math.sqrt(bestD) <= r * cell) break;
    }
    out[j] = best;
  });
  return out;
}

export interface UnitWorkloadOptions {
  weights?: Partial<WorkloadWeights>;
  /** Time that overdue is judged at (ms since the epoch). */
  now: number;
}

/**
 * Composite workload weight per unit (same order as `units`), to feed the partition engine's
 * `composite` (or a `compositeProperty`). Each issue is counted on the unit named by its `unit`
 * property, else on the nearest unit. Each part is scaled so that it sums to the total households,
 * then the parts are averaged with `weights`; so the composite sums to the households too.
 *
 * @example
 * const composite = unitWorkloadWeights(units.features, issues.features, { now: Date.now() });
 * partitionUnits(units, { minHouseholds: 300, maxHouseholds: 500, composite });
 */
export function unitWorkloadWeights(
  units: readonly UnitFeature[],
  issues: readonly IssueFeature[],
  options: UnitWorkloadOptions,
): Float64Array {
  const figures = unitWorkloadFigures(units, issues, options.now);
  const w = { ...DEFAULT_WORKLOAD_WEIGHTS, ...options.weights };
  const totals = PARTS.map((part) => figures.reduce((s, f) => s + f[part], 0));
  const households = totals[0]!;
  const used = PARTS.map((part, k) => (totals[k]! > 0 && w[part] > 0 ? w[part] : 0));
  const sum = used.reduce((a, b) => a + b, 0) || 1;
  return Float64Array.from(figures, (f) => {
    let value = 0;
    PARTS.forEach((part, k) => {
      if (used[k]) value += (used[k]! * f[part] * households) / totals[k]!;
    });
    return value / sum;
  });
}

/** Households, care, open and overdue issues per unit (same order as `units`). */
export function unitWorkloadFigures(
  units: readonly UnitFeature[],
  issues: readonly IssueFeature[],
  now: number,
): WorkloadFigures[] {
  const figures = units.map((u) => ({
    households: u.properties.households || 0,
    care: Number(u.properties.care) || 0,
    open: 0,
    overdue: 0,
  }));
  const byId = new Map(units.map((u, i) => [u.properties.id, i]));
  const unplaced: number[] = [];
  const place = (issue: IssueFeature, i: number) => {
    if (issue.properties.stage === 'closed') return;
    figures[i]!.open++;
    const due = issue.properties.expected_datetime ? timeOf(issue.properties.expected_datetime) : NaN;
    if (due < now) figures[i]!.overdue++;
  };
  issues.forEach((issue, j) => {
    const named = byId.get(String(issue.properties.unit ?? ''));
    if (named !== undefined) place(issue, named);
    else unplaced.push(j);
  });
  if (unplaced.length) {
    const nearest = nearestSites(
      units.map(unitPosition),
      unplaced.map((j) => issues[j]!.geometry.coordinates),
    );
    unplaced.forEach((j, k) => {
      if (nearest[k]! >= 0) place(issues[j]!, nearest[k]!);
    });
  }
  return figures;
}
