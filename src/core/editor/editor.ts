/**
 * The edit model behind `<wg-grid-editor>`, without DOM: the current state, the last committed
 * state, a split preview, and undo/redo as a stack of immutable states (each edit stores the state
 * before it, so undo restores the plan exactly — assignment, grid metadata and locks).
 */
import type { Position } from 'geojson';
import type { PartitionRunOptions } from '../partition-types.ts';
import type { GridProperties, Plan } from '../types.ts';
import type { EditorContext } from './context.ts';
import { GridShapes, type GridShape } from './geometry.ts';
import {
  assignUnits,
  mergeGrids,
  rebalance,
  setLocked,
  splitAlongLine,
  splitGrid,
  updateGrid,
  type Band,
  type RebalanceResult,
  type SplitRequest,
  type SplitResult,
} from './operations.ts';
import { planStats, type PlanStats } from './stats.ts';
import { diffStates, invertDiff, planOf, sameState, type EditorState, type PlanDiff } from './state.ts';
import { DEFAULT_STANDARD, type CodeStandard } from '../codes.ts';

/** One applied edit: what it was and the diff it made. */
export interface AppliedEdit {
  kind: EditKind;
  diff: PlanDiff;
}

export type EditKind =
  | 'assign'
  | 'merge'
  | 'split'
  | 'split-line'
  | 'rebalance'
  | 'lock'
  | 'unlock'
  | 'update'
  | 'undo'
  | 'redo'
  | 'load';

/**
 * A plan being edited.
 *
 * @example
 * const editor = new PlanEditor(context, stateFromPlan(plan), { minHouseholds: 300, maxHouseholds: 500 });
 * editor.splitGrid('330102001-old-1', { parts: 3 });
 * editor.acceptPreview();
 * editor.undo();
 */
export class PlanEditor {
  readonly context: EditorContext;
  band: Band;
  /** How new grids are coded (CJ/T 349-2010, the statistical scheme, or community code + sequence). */
  codeStandard: CodeStandard = DEFAULT_STANDARD;
  /** Undo depth; the oldest states are dropped beyond it. */
  maxHistory = 500;
  #state: EditorState;
  #committed: EditorState;
  /** States to go back (or forward) to, each with the diff from it to the state that followed it. */
  #undo: Array<{ state: EditorState; diff: PlanDiff }> = [];
  #redo: Array<{ state: EditorState; diff: PlanDiff }> = [];
  #preview: SplitResult | null = null;
  readonly #shapes: GridShapes;
  #recentStats: Array<{ state: EditorState; committed: EditorState; band: string; stats: PlanStats }> = [];

  constructor(context: EditorContext, state: EditorState, band: Band) {
    this.context = context;
    this.band = band;
    this.#state = state;
    this.#committed = state;
    this.#shapes = new GridShapes(context);
  }

  get state(): EditorState {
    return this.#state;
  }
  get committed(): EditorState {
    return this.#committed;
  }
  get preview(): SplitResult | null {
    return this.#preview;
  }
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /**
   * The current plan, households summed per grid. With `shared`, its assignment is the state's own
   * record (never changed by the editor; the caller must not change it either), not a copy.
   */
  plan(meta: { id?: string; effectiveFrom?: string } = {}, options: { shared?: boolean } = {}): Plan {
    return planOf(this.#state, this.context.households, meta, options.shared);
  }

  /** Grid polygons of a state (default: the current one). */
  shapes(state: EditorState = this.#state): Map<string, GridShape | null> {
    return this.#shapes.shapes(state);
  }

  /** Figures of a state (default: the current one); the last few are kept, so undo and redo reuse them. */
  stats(state: EditorState = this.#state): PlanStats {
    const committed = this.#committed;
    const band = this.band;
    // By the band's values: `band` may be changed in place as well as replaced.
    const bandKey = `${band.minHouseholds}-${band.maxHouseholds}`;
    const kept = this.#recentStats.find(
      (k) => k.state === state && k.committed === committed && k.band === bandKey,
    );
    if (kept) return kept.stats;
    const stats = planStats(this.context, state, band, this.shapes(state), committed);
    this.#recentStats = [{ state, committed, band: bandKey, stats }, ...this.#recentStats.slice(0, 3)];
    return stats;
  }

  /** Changes since the last commit. */
  pendingDiff(): PlanDiff {
    return diffStates(this.#committed, this.#state, this.context.households);
  }

  assignUnits(unitIds: readonly string[], gridId: string): AppliedEdit | null {
    return this.#apply('assign', assignUnits(this.context, this.#state, unitIds, gridId));
  }

  mergeGrids(ids: readonly string[]): AppliedEdit | null {
    return this.#apply('merge', mergeGrids(this.context, this.#state, ids));
  }

  /** Proposes a split (nothing changes until `acceptPreview()`). */
  splitGrid(id: string, request: SplitRequest, run: PartitionRunOptions = {}): SplitResult {
    this.#preview = splitGrid(this.context, this.#state, id, request, {
      ...run,
      baseline: this.#committed,
      codeStandard: this.codeStandard,
    });
    return this.#preview;
  }

  /** Shows an already computed split (e.g. from a worker) as the preview. */
  setPreview(preview: SplitResult | null): void {
    this.#preview = preview;
  }

  acceptPreview(): AppliedEdit | null {
    const preview = this.#preview;
    if (!preview) return null;
    return this.#apply('split', preview.state);
  }

  rejectPreview(): void {
    this.#preview = null;
  }

  splitAlongLine(id: string, line: readonly Position[]): AppliedEdit | null {
    return this.#apply(
      'split-line',
      splitAlongLine(this.context, this.#state, id, line, {
        baseline: this.#committed,
        codeStandard: this.codeStandard,
      }).state,
    );
  }

  rebalance(
    ids?: readonly string[],
    run: PartitionRunOptions = {},
  ): (AppliedEdit & Omit<RebalanceResult, 'state'>) | null {
    return this.applyRebalance(rebalance(this.context, this.#state, this.band, ids, run));
  }

  /** Applies a rebalance computed elsewhere (in the worker, from `rebalanceRequest`) as one edit. */
  applyRebalance(result: RebalanceResult): (AppliedEdit & Omit<RebalanceResult, 'state'>) | null {
    const applied = this.#apply('rebalance', result.state);
    return (
      applied && {
        ...applied,
        householdsMoved: result.householdsMoved,
        feasible: result.feasible,
        problems: result.problems,
      }
    );
  }

  lock(id: string): AppliedEdit | null {
    return this.#apply('lock', setLocked(this.#state, id, true));
  }

  unlock(id: string): AppliedEdit | null {
    return this.#apply('unlock', setLocked(this.#state, id, false));
  }

  updateGrid(id: string, changes: Partial<Omit<GridProperties, 'id'>>): AppliedEdit | null {
    return this.#apply('update', updateGrid(this.#state, id, changes));
  }

  /** Applies any next state as one undoable edit (e.g. a plan read from a file). */
  replace(next: EditorState, kind: EditKind = 'load'): AppliedEdit | null {
    return this.#apply(kind, next);
  }

  undo(): AppliedEdit | null {
    const entry = this.#undo.pop();
    if (!entry) return null;
    // The diff of the edit undone, turned round (a district's diff is not recomputed).
    this.#redo.push({ state: this.#state, diff: entry.diff });
    this.#state = entry.state;
    this.#preview = null;
    return { kind: 'undo', diff: invertDiff(entry.diff, entry.state) };
  }

  redo(): AppliedEdit | null {
    const entry = this.#redo.pop();
    if (!entry) return null;
    this.#undo.push({ state: this.#state, diff: entry.diff });
    this.#state = entry.state;
    this.#preview = null;
    return { kind: 'redo', diff: entry.diff };
  }

  /** Makes the current state the committed one; returns the plan and the diff since the last commit. */
  commit(meta: { id?: string; effectiveFrom?: string } = {}): { plan: Plan; diff: PlanDiff } {
    const diff = this.pendingDiff();
    this.#committed = this.#state;
    return { plan: this.plan(meta), diff };
  }

  #apply(kind: EditKind, next: EditorState): AppliedEdit | null {
    this.#preview = null;
    if (next === this.#state) return null;
    const diff = diffStates(this.#state, next, this.context.households);
    // A diff with nothing in it may still be a change (locks, grid order): only then compare whole.
    const empty = !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.moves.length;
    if (empty && sameState(next, this.#state)) return null;
    this.#undo.push({ state: this.#state, diff });
    if (this.#undo.length > this.maxHistory) this.#undo.shift();
    this.#redo = [];
    this.#state = next;
    return { kind, diff };
  }
}
