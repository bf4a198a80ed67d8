/**
 * The figures the planner sees: per grid households against the band, deviation, contiguity,
 * compactness and worker; totals; and the list of problems.
 */
import { connectedLabels } from '../graph.ts';
import { polsbyPopper } from '../metrics.ts';
import type { EditorContext } from './context.ts';
import type { GridShape } from './geometry.ts';
import type { Band } from './operations.ts';
import { householdsMoved, householdsPerGrid, unitsPerGrid, type EditorState } from './state.ts';

export type BandPosition = 'under' | 'inside' | 'over';

export interface GridStats {
  id: string;
  code?: string;
  name?: string;
  worker?: string;
  households: number;
  units: number;
  band: BandPosition;
  /** (households − mean) / mean over all grids; 0.05 = 5 % above the mean. */
  deviation: number;
  contiguous: boolean;
  /** Polsby-Popper 4πA/P² (1 = circle); null without geometry. */
  compactness: number | null;
  locked: boolean;
}

export type ProblemKind = 'under-band' | 'over-band' | 'not-contiguous' | 'needs-worker' | 'unassigned';

export interface PlanProblem {
  kind: ProblemKind;
  /** The grid concerned (or null for unassigned buildings). */
  grid: string | null;
  /** Units concerned (unassigned buildings). */
  units?: string[];
  households?: number;
}

export interface PlanStats {
  grids: GridStats[];
  totalHouseholds: number;
  mean: number;
  outOfBand: number;
  unassignedUnits: number;
  unassignedHouseholds: number;
  /** Households in a different grid than in `baseline`. */
  householdsMoved: number;
  problems: PlanProblem[];
}

const compactness = new WeakMap<GridShape, number>();

/** Polsby-Popper of a grid shape, once per shape (unchanged grids keep their shape object). */
function compactnessOf(shape: GridShape): number {
  let value = compactness.get(shape);
  if (value === undefined) compactness.set(shape, (value = polsbyPopper(shape)));
  return value;
}

/**
 * Figures of a state.
 *
 * @example
 * const { outOfBand, problems } = planStats(context, state, band, shapes, committed);
 */
export function planStats(
  context: EditorContext,
  state: EditorState,
  band: Band,
  shapes?: ReadonlyMap<string, GridShape | null>,
  baseline?: EditorState,
): PlanStats {
  const sums = householdsPerGrid(state, context.households);
  const count = unitsPerGrid(state);
  const labelOf = new Map(state.grids.map((g, i) => [g.id, i]));
  const part = new Int32Array(context.unitIds.length).fill(-1);
  const unassigned: string[] = [];
  context.unitIds.forEach((u, i) => {
    const g = state.assignment[u];
    if (g === undefined) {
      unassigned.push(u);
      return;
    }
    part[i] = labelOf.get(g) ?? -1;
  });
  const totalHouseholds = [...sums.values()].reduce((a, b) => a + b, 0);
  const mean = state.grids.length ? totalHouseholds / state.grids.length : 0;
  const connected = connectedLabels(context.bundle.graph, part, state.grids.length);
  const grids = state.grids.map((g, i): GridStats => {
    const households = sums.get(g.id) ?? 0;
    const shape = shapes?.get(g.id);
    return {
      id: g.id,
      ...(g.code ? { code: g.code } : {}),
      ...(g.name ? { name: g.name } : {}),
      ...(g.worker ? { worker: g.worker } : {}),
      households,
      units: count.get(g.id) ?? 0,
      band: households < band.minHouseholds ? 'under' : households > band.maxHouseholds ? 'over' : 'inside',
      deviation: mean > 0 ? (households - mean) / mean : 0,
      contiguous: connected[i] === 1,
      compactness: shape ? compactnessOf(shape) : null,
      locked: state.locked.includes(g.id),
    };
  });
  const problems: PlanProblem[] = [];
  for (const g of grids) {
    if (g.band !== 'inside')
      problems.push({
        kind: g.band === 'under' ? 'under-band' : 'over-band',
        grid: g.id,
        households: g.households,
      });
    if (!g.contiguous) problems.push({ kind: 'not-contiguous', grid: g.id });
    if (!g.worker) problems.push({ kind: 'needs-worker', grid: g.id });
  }
  const unassignedHouseholds = unassigned.reduce((s, u) => s + (context.households.get(u) ?? 0), 0);
  if (unassigned.length)
    problems.push({ kind: 'unassigned', grid: null, units: unassigned, households: unassignedHouseholds });
  return {
    grids,
    totalHouseholds,
    mean,
    outOfBand: grids.filter((g) => g.band !== 'inside').length,
    unassignedUnits: unassigned.length,
    unassignedHouseholds,
    householdsMoved: baseline ? householdsMoved(baseline, state, context.households) : 0,
    problems,
  };
}
