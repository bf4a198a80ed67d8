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

const sumsMemo = new WeakMap<ReadonlyMap<string, number>, WeakMap<EditorState, Map<string, number>>>();

/** Households per grid id (computed once per state; do not change the map returned). */
export function householdsPerGrid(
  state: EditorState,
  households: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> {
  let memo = sumsMemo.get(households);
  if (!memo) sumsMemo.set(households, (memo = new WeakMap()));
  const known = memo.get(state);
  if (known) return known;
  const sums = new Map<string, number>(state.grids.map((g) => [g.id, 0]));
  const assignment = state.assignment;
  for (const unit in assignment) {
    const grid = assignment[unit]!;
    sums.set(grid, (sums.get(grid) ?? 0) + (households.get(unit) ?? 0));
  }
  memo.set(state, sums);
  return sums;
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
  // Every unit of the new state, then those only the old one had (no set of both: one pass each).
  for (const unit in now) {
    const from = was[unit] ?? null;
    if (from !== now[unit]) visit(unit, from, now[unit]!);
  }
  for (const unit in was) if (!(unit in now)) visit(unit, was[unit]!, null);
}

/** Households whose grid differs between two states (as `diffStates(…).householdsMoved`, without the rest). */
export function householdsMoved(
  before: EditorState,
  after: EditorState,
  households: ReadonlyMap<string, number>,
): number {
  let moved = 0;
  forEachMove(before, after, (unit) => (moved += households.get(unit) ?? 0));
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
  const oldMeta = new Map(before.grids.map((g) => [g.id, JSON.stringify(g)]));
  for (const g of after.grids) {
    const old = oldMeta.get(g.id);
    if (old !== undefined && old !== JSON.stringify(g)) changedSet.add(g.id);
  }
  const order = after.grids.map((g) => g.id);
  return {
    added,
    removed,
    changed: order.filter((id) => changedSet.has(id)),
    moves: [...moves.values()].sort((a, b) => b.households - a.households),
    householdsMoved,
  };
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
    moves: diff.moves.map((m) => ({ ...m, from: m.to, to: m.from })),
    householdsMoved: diff.householdsMoved,
  };
}
