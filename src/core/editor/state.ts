/**
 * The editor's state: the assignment of units to grids (the source of truth), the grids' metadata
 * (code, name, worker…) and the locked grids. States are immutable; every edit makes a new one.
 */
import type { GridProperties, Plan } from '../types.ts';
import { idRecord } from '../records.ts';

export interface EditorState {
  /** Unit id → grid id. A unit missing here is unassigned. */
  readonly assignment: Readonly<Record<string, string>>;
  /** Grid metadata in display order; every grid here holds at least one unit. */
  readonly grids: readonly GridProperties[];
  /** Ids of grids that no edit may change. */
  readonly locked: readonly string[];
}

/** Households moved from one grid to another (null = unassigned). */
export interface HouseholdMove {
  from: string | null;
  to: string | null;
  units: number;
  households: number;
}

/** What changed between two plans. */
export interface PlanDiff {
  /** Grids in the new plan but not the old. */
  added: string[];
  /** Grids in the old plan but not the new. */
  removed: string[];
  /** Grids in both whose units or metadata changed. */
  changed: string[];
  /** Households moved between grids, largest first. */
  moves: HouseholdMove[];
  /** Total households whose grid changed. */
  householdsMoved: number;
}

/** A state from a plan (grids without units are dropped). */
export function stateFromPlan(
  plan: Pick<Plan, 'grids' | 'assignment'>,
  locked: readonly string[] = [],
): EditorState {
  const used = new Set(Object.values(plan.assignment));
  const grids = plan.grids.filter((g) => used.has(g.id)).map((g) => ({ ...g }));
  const known = new Set(grids.map((g) => g.id));
  // Grids named only by the assignment still exist.
  for (const id of used) if (!known.has(id)) grids.push({ id, code: id });
  return { assignment: idRecord(plan.assignment), grids, locked: locked.filter((id) => used.has(id)) };
}

/** The plan of a state, with each grid's households summed from its units (its own copy of the assignment). */
export function planOf(
  state: EditorState,
  households: ReadonlyMap<string, number>,
  meta: { id?: string; effectiveFrom?: string } = {},
  /** Hand out the state's own assignment record instead of a copy (for a reader that copies it). */
  shared = false,
): Plan {
  const sums = householdsPerGrid(state, households);
  return {
    id: meta.id ?? 'plan',
    ...(meta.effectiveFrom ? { effectiveFrom: meta.effectiveFrom } : {}),
    grids: state.grids.map((g) => ({ ...g, households: sums.get(g.id) ?? 0 })),
    assignment: shared ? (state.assignment as Record<string, string>) : idRecord(state.assignment),
  };
}

// ── Lineage: what a state was made from ─────────────────────────────────────
// A district holds 60,000 buildings; an edit moves a few hundred. A state made by `withMoves`
// remembers its parent and the units it moved, so its diff from the parent, its sums per grid and
// the households it moved since a commit look at those units only. Any other state (read from a
// plan, built by hand) is compared in full: the fast path and the full one give the same answer.

interface Lineage {
  /** Held weakly: a chain of edits does not keep every state before it alive. */
  parent: WeakRef<EditorState>;
  /** Units whose grid may differ from the parent's (each once). */
  units: readonly string[];
}
const lineage = new WeakMap<EditorState, Lineage>();

/**
 * `parent` with units moved (unit → grid; null takes the unit out of every grid) and, optionally,
 * other grids or locks: a new state that remembers the units it moved.
 *
 * @example
 * next = withMoves(state, [['B001', 'g2']]);
 */
export function withMoves(
  parent: EditorState,
  moves: Iterable<readonly [string, string | null]>,
  changes: Partial<Pick<EditorState, 'grids' | 'locked'>> = {},
): EditorState {
  const assignment = idRecord(parent.assignment);
  const units = new Set<string>();
  for (const [unit, grid] of moves) {
    if (grid === null) delete assignment[unit];
    else assignment[unit] = grid;
    units.add(unit);
  }
  const state: EditorState = { ...parent, ...changes, assignment };
  lineage.set(state, { parent: new WeakRef(parent), units: [...units] });
  return state;
}

/** `state` with other grids or locks (the same assignment), keeping what `state` was made from. */
export function withGrids(
  state: EditorState,
  changes: Partial<Pick<EditorState, 'grids' | 'locked'>>,
): EditorState {
  const next: EditorState = { ...state, ...changes };
  lineage.set(next, lineage.get(state) ?? { parent: new WeakRef(state), units: [] });
  return next;
}

/** The units that may differ between two states when one was made from the other; else null. */
function movedCandidates(a: EditorState, b: EditorState): readonly string[] | null {
  if (a.assignment === b.assignment) return [];
  const ofB = lineage.get(b);
  if (ofB?.parent.deref() === a) return ofB.units;
  const ofA = lineage.get(a);
  if (ofA?.parent.deref() === b) return ofA.units;
  return null;
}

/** Memo per state, for `WeakMap`-keyed inputs (the households map, a baseline state). */
function memoFor<K extends object, V>(memos: WeakMap<K, WeakMap<EditorState, V>>, key: K) {
  let memo = memos.get(key);
  if (!memo) memos.set(key, (memo = new WeakMap()));
  return memo;
}

const sumsMemo = new WeakMap<ReadonlyMap<string, number>, WeakMap<EditorState, Map<string, number>>>();
const countMemo = new WeakMap<EditorState, Map<string, number>>();

/**
 * Sums a value per grid (households, or 1 per unit): from the parent's sums over the moved units
 * when known, else over the whole assignment. Every grid of the state appears, and every grid the
 * assignment names.
 */
function sumPerGrid(
  state: EditorState,
  memo: WeakMap<EditorState, Map<string, number>>,
  value: (unit: string) => number,
  /** Whether a grid with this sum still holds units. */
  holds: (grid: string, sum: number) => boolean,
): Map<string, number> {
  const known = memo.get(state);
  if (known) return known;
  const from = lineage.get(state);
  const parent = from?.parent.deref();
  const base = parent && memo.get(parent);
  const sums = new Map<string, number>(state.grids.map((g) => [g.id, 0]));
  if (from && parent && base) {
    const was = parent.assignment;
    const now = state.assignment;
    const running = new Map(base);
    for (const unit of from.units) {
      const a = was[unit];
      const b = now[unit];
      if (a === b) continue;
      const v = value(unit);
      if (a !== undefined) running.set(a, running.get(a)! - v);
      if (b !== undefined) running.set(b, (running.get(b) ?? 0) + v);
    }
    // A grid named by the assignment alone stays while it holds units (as the full count has it).
    for (const [grid, v] of running) if (sums.has(grid) || holds(grid, v)) sums.set(grid, v);
  } else {
    const assignment = state.assignment;
    for (const unit in assignment) {
      const grid = assignment[unit]!;
      sums.set(grid, (sums.get(grid) ?? 0) + value(unit));
    }
  }
  memo.set(state, sums);
  return sums;
}

/** Units per grid id (once per state; do not change the map returned). */
export function unitsPerGrid(state: EditorState): ReadonlyMap<string, number> {
  return sumPerGrid(
    state,
    countMemo,
    () => 1,
    (_, units) => units > 0,
  );
}

/** Households per grid id (computed once per state; do not change the map returned). */
export function householdsPerGrid(
  state: EditorState,
  households: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> {
  return sumPerGrid(
    state,
    memoFor(sumsMemo, households),
    (unit) => households.get(unit) ?? 0,
    (grid) => (unitsPerGrid(state).get(grid) ?? 0) > 0,
  );
}

/** True when two states hold the same assignment, grids (in order) and locks. */
export function sameState(a: EditorState, b: EditorState): boolean {
  return (
    sameRecord(a.assignment, b.assignment) &&
    JSON.stringify(a.grids) === JSON.stringify(b.grids) &&
    JSON.stringify([...a.locked].sort()) === JSON.stringify([...b.locked].sort())
  );
}

/** Same keys with the same values (one pass each; assignments have no prototype). */
function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const key in a) {
    if (b[key] !== a[key]) return false;
    n++;
  }
  for (const _ in b) if (--n < 0) return false;
  return n === 0;
}

/**
 * Calls `visit` for every unit whose grid differs between two states (null: unassigned): the one
 * definition of "moved" behind `diffStates` and `householdsMoved`.
 */
function forEachMove(
  before: EditorState,
  after: EditorState,
  visit: (unit: string, from: string | null, to: string | null) => void,
): void {
  const was = before.assignment;
  const now = after.assignment;
  const candidates = movedCandidates(before, after);
  if (candidates) {
    for (const unit of candidates) {
      const from = was[unit] ?? null;
      const to = now[unit] ?? null;
      if (from !== to) visit(unit, from, to);
    }
    return;
  }
  // Every unit of the new state, then those only the old one had (no set of both: one pass each).
  for (const unit in now) {
    const from = was[unit] ?? null;
    if (from !== now[unit]) visit(unit, from, now[unit]!);
  }
  for (const unit in was) if (!(unit in now)) visit(unit, was[unit]!, null);
}

const movedMemo = new WeakMap<
  ReadonlyMap<string, number>,
  WeakMap<EditorState, WeakMap<EditorState, number>>
>();

/**
 * Households whose grid differs between two states (as `diffStates(…).householdsMoved`, without the
 * rest). Kept per pair; a state made from one already measured against the same `before` adds only
 * what its own moves changed.
 */
export function householdsMoved(
  before: EditorState,
  after: EditorState,
  households: ReadonlyMap<string, number>,
): number {
  const memo = memoFor(memoFor(movedMemo, households), before);
  const known = memo.get(after);
  if (known !== undefined) return known;
  const from = lineage.get(after);
  const parent = from?.parent.deref();
  const base = parent && memo.get(parent);
  let moved = 0;
  if (from && parent && base !== undefined) {
    const origin = before.assignment;
    const was = parent.assignment;
    const now = after.assignment;
    moved = base;
    for (const unit of from.units) {
      const h = households.get(unit) ?? 0;
      moved +=
        ((now[unit] ?? null) !== (origin[unit] ?? null) ? h : 0) -
        ((was[unit] ?? null) !== (origin[unit] ?? null) ? h : 0);
    }
  } else forEachMove(before, after, (unit) => (moved += households.get(unit) ?? 0));
  memo.set(after, moved);
  return moved;
}

/**
 * The diff from `before` to `after`: grids added, removed and changed, and households moved.
 *
 * @example
 * const { added, moves } = diffStates(committed, current, households);
 */
export function diffStates(
  before: EditorState,
  after: EditorState,
  households: ReadonlyMap<string, number>,
): PlanDiff {
  const oldIds = new Set(before.grids.map((g) => g.id));
  const newIds = new Set(after.grids.map((g) => g.id));
  const added = after.grids.filter((g) => !oldIds.has(g.id)).map((g) => g.id);
  const removed = before.grids.filter((g) => !newIds.has(g.id)).map((g) => g.id);
  const changedSet = new Set<string>();
  const moves = new Map<string, HouseholdMove>();
  let householdsMoved = 0;
  forEachMove(before, after, (unit, from, to) => {
    if (from !== null && newIds.has(from)) changedSet.add(from);
    if (to !== null && oldIds.has(to)) changedSet.add(to);
    const h = households.get(unit) ?? 0;
    householdsMoved += h;
    const key = `${from}\u0000${to}`;
    const move = moves.get(key) ?? { from, to, units: 0, households: 0 };
    move.units++;
    move.households += h;
    moves.set(key, move);
  });
  // Metadata compared only where the grid object is not the same one (edits keep unchanged grids).
  const oldGrids = new Map(before.grids.map((g) => [g.id, g]));
  for (const g of after.grids) {
    const old = oldGrids.get(g.id);
    if (old !== undefined && old !== g && JSON.stringify(old) !== JSON.stringify(g)) changedSet.add(g.id);
  }
  const order = after.grids.map((g) => g.id);
  return {
    added,
    removed,
    changed: order.filter((id) => changedSet.has(id)),
    moves: sortMoves([...moves.values()]),
    householdsMoved,
  };
}

/** Largest first; equal ones by grid, so the order never depends on how the moves were found. */
function sortMoves(moves: HouseholdMove[]): HouseholdMove[] {
  return moves.sort((a, b) => b.households - a.households || byGrid(a.from, b.from) || byGrid(a.to, b.to));
}

/** Grid ids in code-unit order, none (unassigned) first. */
function byGrid(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
}

/**
 * The diff that takes `after` back to `before`, from the diff of `before` → `after` (what undo
 * reports without comparing two whole assignments); `before` orders the changed grids.
 */
export function invertDiff(diff: PlanDiff, before: Pick<EditorState, 'grids'>): PlanDiff {
  const changed = new Set(diff.changed);
  return {
    added: diff.removed,
    removed: diff.added,
    changed: before.grids.filter((g) => changed.has(g.id)).map((g) => g.id),
    moves: sortMoves(diff.moves.map((m) => ({ ...m, from: m.to, to: m.from }))),
    householdsMoved: diff.householdsMoved,
  };
}
