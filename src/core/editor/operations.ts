/**
 * The planner's edits as pure functions: each takes the context and a state and returns a new
 * state (never mutating the old one). Refused edits throw an `EditError` with a `code`.
 */
import type { Position } from 'geojson';
import { assignGridCodes, type CodeStandard } from '../codes.ts';
import { rebalanceGrids, resplitGrid, type EditResult, type RebalanceRequest } from '../plan.ts';
import { bandGridCount } from '../partition/bounds.ts';
import type { PartitionProblem, PartitionRequest, PartitionRunOptions } from '../partition-types.ts';
import type { GridProperties } from '../types.ts';
import type { EditorContext } from './context.ts';
import { lineCrossesAny, sideOfLine } from './line.ts';
import { householdsPerGrid, unitsPerGrid, withGrids, withMoves, type EditorState } from './state.ts';

export type EditErrorCode =
  | 'unknown-grid'
  | 'unknown-unit'
  | 'locked'
  | 'not-adjacent'
  | 'too-few-grids'
  | 'too-few-units'
  | 'line-misses-grid'
  | 'stale-split'
  | 'stale-rebalance'
  | 'bad-request';

/** An edit that cannot be made; `code` says why, `ids` names the grids or units. */
export class EditError extends Error {
  readonly code: EditErrorCode;
  readonly ids: string[];
  constructor(code: EditErrorCode, message: string, ids: string[] = []) {
    super(message);
    this.name = 'EditError';
    this.code = code;
    this.ids = ids;
  }
}

/** The household band a grid should fall in. */
export interface Band {
  minHouseholds: number;
  maxHouseholds: number;
}

/** A split: into `parts` grids, or into as few grids as fit the band. */
export type SplitRequest = { parts: number } | { minHouseholds: number; maxHouseholds: number };

/** One part of a split, with its households. */
export interface SplitPart {
  id: string;
  households: number;
  units: number;
  worker?: string;
}

export interface SplitResult {
  state: EditorState;
  /** The split grid. */
  grid: string;
  parts: SplitPart[];
  feasible: boolean;
  problems: PartitionProblem[];
}

export interface EditOptions {
  /** The plan as last committed: a split grid's worker stays on the part with most of their households then. */
  baseline?: EditorState;
  /** How new grids are coded (default: community code + 3-digit sequence). */
  codeStandard?: CodeStandard;
}

function gridOf(state: EditorState, id: string): GridProperties {
  const grid = state.grids.find((g) => g.id === id);
  if (!grid) throw new EditError('unknown-grid', `There is no grid "${id}".`, [id]);
  return grid;
}

function assertUnlocked(state: EditorState, ids: Iterable<string>): void {
  const locked = [...ids].filter((id) => state.locked.includes(id));
  if (locked.length) throw new EditError('locked', `Grid ${locked.join(', ')} is locked.`, locked);
}

function unitsOf(context: EditorContext, state: EditorState, grid: string): string[] {
  return context.unitIds.filter((u) => state.assignment[u] === grid);
}

/** Drops grids left without units, and their locks. */
export function withoutEmptyGrids(state: EditorState): EditorState {
  const units = unitsPerGrid(state);
  const used = (id: string) => (units.get(id) ?? 0) > 0;
  if (state.grids.every((g) => used(g.id))) return state;
  return withGrids(state, {
    grids: state.grids.filter((g) => used(g.id)),
    locked: state.locked.filter(used),
  });
}

/**
 * Codes for `count` new grids at the given points: the community code plus the next free
 * three-digit sequence in reading order, never reusing an id or code of a grid in `state`.
 */
export function freshCodes(
  state: EditorState,
  points: Array<[number, number]>,
  community: string,
  standard?: CodeStandard,
): string[] {
  const taken = new Set<string>();
  for (const g of state.grids) {
    taken.add(g.id);
    if (g.code) taken.add(g.code);
  }
  const codes = assignGridCodes(
    [
      ...[...taken].map((keep) => ({ community, x: 0, y: 0, keep })),
      ...points.map(([x, y]) => ({ community, x, y })),
    ],
    standard,
  );
  return codes.slice(taken.size);
}

function communityOf(context: EditorContext, units: string[], grid: GridProperties): string {
  if (typeof grid.community === 'string' && grid.community) return grid.community;
  const i = context.index.get(units[0] ?? '');
  if (i !== undefined) {
    const name = context.bundle.graph.communityNames[context.bundle.graph.community[i]!];
    if (name) return name;
  }
  return '';
}

function centroid(context: EditorContext, units: string[]): [number, number] {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const u of units) {
    const s = context.sites[context.index.get(u)!];
    if (!s) continue;
    x += s[0];
    y += s[1];
    n++;
  }
  return n ? [x / n, y / n] : [0, 0];
}

/**
 * Replaces grid `id` by the given groups of its units: the group holding most of the grid's worker's
 * households (at `baseline`, else most households) keeps the grid's id, code, name and worker; the
 * others become new grids with fresh codes and no worker.
 */
export function replaceGrid(
  context: EditorContext,
  state: EditorState,
  id: string,
  groups: string[][],
  options: EditOptions,
): { state: EditorState; parts: SplitPart[] } {
  const parent = gridOf(state, id);
  const score = (units: string[]): number => {
    if (!options.baseline || !parent.worker) return 0;
    const theirs = new Set(options.baseline.grids.filter((g) => g.worker === parent.worker).map((g) => g.id));
    let s = 0;
    for (const u of units)
      if (theirs.has(options.baseline.assignment[u] ?? '')) s += context.households.get(u) ?? 0;
    return s;
  };
  const total = (units: string[]) => units.reduce((sum, u) => sum + (context.households.get(u) ?? 0), 0);
  let keeper = 0;
  groups.forEach((g, i) => {
    const a = [score(g), total(g)];
    const b = [score(groups[keeper]!), total(groups[keeper]!)];
    if (a[0]! > b[0]! || (a[0] === b[0] && a[1]! > b[1]!)) keeper = i;
  });
  const others = groups.map((_, i) => i).filter((i) => i !== keeper);
  const community = communityOf(context, groups.flat(), parent);
  let codes: string[];
  try {
    codes = freshCodes(
      state,
      others.map((i) => centroid(context, groups[i]!)),
      community,
      options.codeStandard,
    );
  } catch (error) {
    throw new EditError('bad-request', `New grids cannot be coded: ${(error as Error).message}.`, [id]);
  }
  const ids = groups.map((_, i) => (i === keeper ? id : codes[others.indexOf(i)]!));
  const at = state.grids.indexOf(parent);
  const created: GridProperties[] = others.map((i) => ({
    id: ids[i]!,
    code: ids[i]!,
    ...(community ? { community } : {}),
  }));
  const grids = [...state.grids.slice(0, at + 1), ...created, ...state.grids.slice(at + 1)];
  const parts = groups.map((g, i) => ({
    id: ids[i]!,
    households: total(g),
    units: g.length,
    ...(i === keeper && parent.worker ? { worker: parent.worker } : {}),
  }));
  const moves = groups.flatMap((g, i) => g.map((u) => [u, ids[i]!] as const));
  return { state: withoutEmptyGrids(withMoves(state, moves, { grids })), parts };
}

/**
 * Moves units to grid `gridId` (painting). Units already there are left alone. Units of a locked
 * grid, or a locked target, refuse the edit.
 *
 * @example
 * next = assignUnits(context, state, ['B001', 'B002'], '330102001004');
 */
export function assignUnits(
  context: EditorContext,
  state: EditorState,
  unitIds: readonly string[],
  gridId: string,
): EditorState {
  gridOf(state, gridId);
  const unknown = unitIds.filter((u) => !context.households.has(u));
  if (unknown.length)
    throw new EditError('unknown-unit', `Unknown building ${unknown.slice(0, 5).join(', ')}.`, unknown);
  const from = new Set(
    unitIds.map((u) => state.assignment[u]).filter((g): g is string => g !== undefined && g !== gridId),
  );
  assertUnlocked(state, [gridId, ...from]);
  if (from.size === 0 && unitIds.every((u) => state.assignment[u] === gridId)) return state;
  return withoutEmptyGrids(
    withMoves(
      state,
      unitIds.map((u) => [u, gridId] as const),
    ),
  );
}

/** Ids of grids that share an edge with grid `id`. */
export function neighbours(context: EditorContext, state: EditorState, id: string): string[] {
  const { graph } = context.bundle;
  const out = new Set<string>();
  graph.ids.forEach((u, i) => {
    if (state.assignment[u] !== id) return;
    for (let j = graph.offsets[i]!; j < graph.offsets[i + 1]!; j++) {
      const g = state.assignment[graph.ids[graph.targets[j]!]!];
      if (g !== undefined && g !== id) out.add(g);
    }
  });
  return state.grids.map((g) => g.id).filter((g) => out.has(g));
}

/**
 * Merges adjacent grids into one. The grid with most households keeps its id, code, name and
 * worker; the others are removed.
 *
 * @example
 * next = mergeGrids(context, state, ['330102001005', '330102001006']);
 */
export function mergeGrids(context: EditorContext, state: EditorState, ids: readonly string[]): EditorState {
  const unique = [...new Set(ids)];
  if (unique.length < 2) throw new EditError('too-few-grids', 'Select at least two grids to merge.', unique);
  unique.forEach((id) => gridOf(state, id));
  assertUnlocked(state, unique);
  // The chosen grids must form one connected group of neighbours.
  const reached = new Set([unique[0]!]);
  const queue = [unique[0]!];
  while (queue.length) {
    for (const n of neighbours(context, state, queue.pop()!)) {
      if (unique.includes(n) && !reached.has(n)) {
        reached.add(n);
        queue.push(n);
      }
    }
  }
  const apart = unique.filter((id) => !reached.has(id));
  if (apart.length)
    throw new EditError('not-adjacent', `Grid ${apart.join(', ')} does not touch the others.`, unique);
  const sums = householdsPerGrid(state, context.households);
  const keeper = unique.reduce((a, b) => ((sums.get(b) ?? 0) > (sums.get(a) ?? 0) ? b : a));
  const moves = Object.entries(state.assignment).filter(([, g]) => g !== keeper && unique.includes(g));
  return withoutEmptyGrids(
    withMoves(
      state,
      moves.map(([u]) => [u, keeper] as const),
    ),
  );
}

/**
 * The partition request of a split: `parts` grids (5 % tolerance), or the fewest grids that fit the
 * band. The main thread and the worker send this same request to the same engine.
 */
export function splitRequest(request: SplitRequest): PartitionRequest {
  return 'parts' in request
    ? { parts: request.parts, tolerance: 0.05 }
    : { minHouseholds: request.minHouseholds, maxHouseholds: request.maxHouseholds, gridCount: 'fewest' };
}

/**
 * Splits a grid into `parts` balanced, contiguous grids, or into as few as fit the household band.
 * Returns the proposed state (a preview) and each part's households; nothing is applied.
 *
 * @example
 * const { parts, state: proposed } = splitGrid(context, state, '330102001-old-1', { minHouseholds: 300, maxHouseholds: 500 });
 */
export function splitGrid(
  context: EditorContext,
  state: EditorState,
  id: string,
  request: SplitRequest,
  options: EditOptions & PartitionRunOptions = {},
): SplitResult {
  gridOf(state, id);
  assertUnlocked(state, [id]);
  const members = unitsOf(context, state, id);
  const total = members.reduce((s, u) => s + (context.households.get(u) ?? 0), 0);
  if ('parts' in request) {
    if (!Number.isInteger(request.parts) || request.parts < 2)
      throw new EditError('bad-request', 'Split into at least 2 parts.', [id]);
    if (request.parts > members.length)
      throw new EditError('too-few-units', `Grid ${id} has only ${members.length} buildings.`, [id]);
  } else {
    if (!(request.minHouseholds >= 0 && request.maxHouseholds >= request.minHouseholds))
      throw new EditError('bad-request', 'The band is not min ≤ max.', [id]);
    const k = bandGridCount(total, request.minHouseholds, request.maxHouseholds, 'fewest');
    if (k < 2) throw new EditError('bad-request', `Grid ${id} already fits the band.`, [id]);
    if (k > members.length)
      throw new EditError('too-few-units', `Grid ${id} has only ${members.length} buildings.`, [id]);
  }
  const result = resplitGrid(
    context.bundle,
    state.assignment as Record<string, string>,
    id,
    splitRequest(request),
    options,
  );
  const groups = new Map<string, string[]>();
  for (const u of members) {
    const g = result.assignment[u]!;
    const list = groups.get(g);
    if (list) list.push(u);
    else groups.set(g, [u]);
  }
  const replaced = replaceGrid(context, state, id, [...groups.values()], options);
  return {
    state: replaced.state,
    grid: id,
    parts: replaced.parts,
    feasible: result.feasible,
    problems: result.problems,
  };
}

/**
 * Splits a grid along a drawn line: its buildings left of the line and right of it become two
 * grids (re-merged from their cells, so there is no gap). The side with most of the worker's
 * households keeps the grid.
 *
 * @example
 * next = splitAlongLine(context, state, '330102001001', [[120.15, 30.27], [120.16, 30.28]]).state;
 */
export function splitAlongLine(
  context: EditorContext,
  state: EditorState,
  id: string,
  line: readonly Position[],
  options: EditOptions = {},
): SplitResult {
  gridOf(state, id);
  assertUnlocked(state, [id]);
  if (line.length < 2) throw new EditError('bad-request', 'A line needs at least two points.', [id]);
  const left: string[] = [];
  const right: string[] = [];
  for (const u of unitsOf(context, state, id)) {
    const site = context.sites[context.index.get(u)!];
    if (!site) continue;
    (sideOfLine(site, line) > 0 ? left : right).push(u);
  }
  // The drawn line must pass between neighbouring buildings of the grid: a line far away splits
  // nothing, even though its extension would.
  const leftSet = new Set(left);
  const { graph } = context.bundle;
  function* crossingPairs(): Generator<readonly [Position, Position]> {
    for (const u of right) {
      const i = context.index.get(u)!;
      for (let j = graph.offsets[i]!; j < graph.offsets[i + 1]!; j++) {
        const v = graph.ids[graph.targets[j]!]!;
        const a = context.sites[i];
        const b = context.sites[graph.targets[j]!];
        if (leftSet.has(v) && a && b) yield [a, b] as const;
      }
    }
  }
  if (!left.length || !right.length || !lineCrossesAny(line, crossingPairs()))
    throw new EditError('line-misses-grid', `The line does not cut grid ${id}.`, [id]);
  const replaced = replaceGrid(context, state, id, [left, right], options);
  return { state: replaced.state, grid: id, parts: replaced.parts, feasible: true, problems: [] };
}

export interface RebalanceResult {
  state: EditorState;
  householdsMoved: number;
  feasible: boolean;
  problems: PartitionProblem[];
}

/**
 * Evens out households between the given grids (default: every grid), moving as few households as
 * possible across their shared boundaries; locked grids are untouched.
 *
 * @example
 * next = rebalance(context, state, { minHouseholds: 300, maxHouseholds: 500 }, ['330102001002', '330102001003']).state;
 */
export function rebalance(
  context: EditorContext,
  state: EditorState,
  band: Band,
  ids?: readonly string[],
  run: PartitionRunOptions = {},
): RebalanceResult {
  const request = rebalanceRequest(state, band, ids);
  return rebalanceOutcome(
    state,
    rebalanceGrids(context.bundle, state.assignment as Record<string, string>, request, run),
  );
}

/**
 * What `rebalanceGrids` is asked for a rebalance of `ids` (default every grid; locked grids stay):
 * the main thread and the worker send this same request to the same function.
 */
export function rebalanceRequest(state: EditorState, band: Band, ids?: readonly string[]): RebalanceRequest {
  ids?.forEach((id) => gridOf(state, id));
  const chosen = (ids ?? state.grids.map((g) => g.id)).filter((id) => !state.locked.includes(id));
  if (chosen.length < 2)
    throw new EditError('too-few-grids', 'Rebalancing needs at least two unlocked grids.', [...(ids ?? [])]);
  return {
    grids: chosen,
    locked: [...state.locked],
    minHouseholds: band.minHouseholds,
    maxHouseholds: band.maxHouseholds,
  };
}

/** The editor's next state from what `rebalanceGrids` returned (wherever it ran). */
export function rebalanceOutcome(state: EditorState, result: EditResult): RebalanceResult {
  // Keep unassigned units unassigned and locked units exactly where they were.
  const locked = new Set(state.locked);
  const moves: Array<readonly [string, string]> = [];
  for (const [u, g] of Object.entries(result.assignment)) {
    const was = state.assignment[u];
    if (was !== undefined && was !== g && !locked.has(was)) moves.push([u, g]);
  }
  return {
    state: withoutEmptyGrids(withMoves(state, moves)),
    householdsMoved: result.householdsMoved,
    feasible: result.feasible,
    problems: result.problems,
  };
}

/** Locks or unlocks a grid. */
export function setLocked(state: EditorState, id: string, locked: boolean): EditorState {
  gridOf(state, id);
  const has = state.locked.includes(id);
  if (has === locked) return state;
  return withGrids(state, { locked: locked ? [...state.locked, id] : state.locked.filter((g) => g !== id) });
}

/** Changes a grid's metadata (name, worker, …); `id` cannot change. */
export function updateGrid(
  state: EditorState,
  id: string,
  changes: Partial<Omit<GridProperties, 'id'>>,
): EditorState {
  const grid = gridOf(state, id);
  const next: GridProperties = { ...grid, ...changes, id };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return withGrids(state, { grids: state.grids.map((g) => (g === grid ? next : g)) });
}
