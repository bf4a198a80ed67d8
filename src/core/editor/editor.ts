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
import { diffStates, planOf, sameState, type EditorState, type PlanDiff } from './state.ts';
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
  #undo: EditorState[] = [];
  #redo: EditorState[] = [];
  #preview: SplitResult | null = null;
  readonly #shapes: GridShapes;

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

  stats(state: EditorState = this.#state): PlanStats {
    return planStats(this.context, state, this.band, this.shapes(state), this.#committed);
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
    const previous = this.#undo.pop();
    if (!previous) return null;
    const before = this.#state;
    this.#redo.push(before);
    this.#state = previous;
    this.#preview = null;
    return { kind: 'undo', diff: diffStates(before, previous, this.context.households) };
  }

  redo(): AppliedEdit | null {
    const next = this.#redo.pop();
    if (!next) return null;
    const before = this.#state;
    this.#undo.push(before);
    this.#state = next;
    this.#preview = null;
    return { kind: 'redo', diff: diffStates(before, next, this.context.households) };
  }

  /** Makes the current state the committed one; returns the plan and the diff since the last commit. */
  commit(meta: { id?: string; effectiveFrom?: string } = {}): { plan: Plan; diff: PlanDiff } {
    const diff = this.pendingDiff();
    this.#committed = this.#state;
    return { plan: this.plan(meta), diff };
  }

  #apply(kind: EditKind, next: EditorState): AppliedEdit | null {
    this.#preview = null;
    if (next === this.#state || sameState(next, this.#state)) return null;
    const before = this.#state;
    this.#undo.push(before);
    if (this.#undo.length > this.maxHistory) this.#undo.shift();
    this.#redo = [];
    this.#state = next;
    return { kind, diff: diffStates(before, next, this.context.households) };
  }
}
