import { type PropertyDeclaration, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { MapAdapter } from '../../map/adapter.ts';
import { codeStandardCheck, numberAtLeast, oneOf, WgElement, type PropertyCheck } from '../base.ts';
import { styles } from './wg-grid-editor.styles.ts';
import {
  createMode,
  EDITOR_MODES,
  editorKey,
  nextSelection,
  type EditorMode,
  type InteractionMode,
  type ModeHost,
} from './modes.ts';
import type { MapClient, MapHost } from '../../map/context.ts';
import { HostMapController } from '../../map/host-controller.ts';
import { layerIds } from '../../map/ids.ts';
import type { GridFeature, GridProperties, Plan } from '../../core/types.ts';
import type { CellGeometry } from '../../core/tessellation.ts';
import { createEditorContext, unitsInRing, type EditorContext } from '../../core/editor/context.ts';
import { PlanEditor, type AppliedEdit } from '../../core/editor/editor.ts';
import { EditError, type SplitRequest, type SplitResult } from '../../core/editor/operations.ts';
import { stateFromPlan, type EditorState } from '../../core/editor/state.ts';
import type { GridShape } from '../../core/editor/geometry.ts';
import type { PlanStats } from '../../core/editor/stats.ts';
import {
  assignmentToCsv,
  gridsToGeoJSON,
  planFromJson,
  planToJson,
  stateFromGrids,
} from '../../core/editor/io.ts';
import { JobController, rebalanceInWorker, splitInWorker } from './split-job.ts';
import { WgErrorEvent } from '../../events/wg-error.ts';
import { WgPlanChangeEvent } from '../../events/wg-plan-change.ts';
import { WgPlanCommitEvent } from '../../events/wg-plan-commit.ts';
import { WgSplitPreviewEvent } from '../../events/wg-split-preview.ts';
import { WgGridSelectEvent } from '../../events/wg-grid-select.ts';
import '../wg-file-open/define.ts';
import { editorMessages, type EditorMessages } from './wg-grid-editor.messages.ts';
import { idRecord } from '../../core/records.ts';
import { importRefusal, knownUnits, readImport, type ImportReport } from '../../core/editor/import-check.ts';
import { DraftKeeper } from './draft.ts';
import { describeEdit, EditorPanel } from './panel.ts';
import { addEditorLayers, boxOf, drawDraft, drawEditor, gridColours } from './drawing.ts';

export { parseVertices } from './panel.ts';
import { DEFAULT_STANDARD, parseCodeStandard } from '../../core/codes.ts';

export type { EditorMode } from './modes.ts';

let nextKey = 0;

/**
 * The planner's tool: redraw a community's grids into household-balanced grids. The assignment of
 * buildings to grids is the state; grid polygons are merged from the buildings' cells after every edit.
 *
 * @tag wg-grid-editor
 * @summary Split, merge, paint buildings, split along a line, rebalance, lock, undo/redo and commit a grid plan.
 *
 * @event wg-plan-change - After every edit, undo and redo: `detail` is `{ plan, diff, kind }`.
 * @event wg-plan-commit - Cancelable, from `commit()`: `detail` is `{ plan, diff }` (diff since the last commit); cancel to keep the old committed plan.
 * @event wg-split-preview - A split was proposed (`{ grid, parts, feasible }`) or its preview closed (`grid` null).
 * @event wg-grid-select - The grid selection changed: `detail` is `{ id, properties }` of the last grid selected (null when cleared).
 * @event wg-error - Bad units or plan, a refused edit (`reason` is e.g. `locked`, `not-adjacent`, `line-misses-grid`), or a failed import.
 *
 * @csspart panel - The editor's panel: actions, grid list with statistics, problems, buildings, export.
 * @csspart grid-list - The list of grids.
 * @csspart unit-list - The list of buildings of the selected grids.
 * @csspart problems - The list of problems.
 * @csspart draft - The offer to restore an unsaved draft after a reload.
 *
 * @cssproperty --wg-grid-under - Fill of grids under the band.
 * @cssproperty --wg-grid-inside - Fill of grids inside the band.
 * @cssproperty --wg-grid-over - Fill of grids over the band.
 * @cssproperty --wg-grid-selected - Outline of selected grids.
 * @cssproperty --wg-editor-preview - Outline of the parts of a split preview.
 */
export class WgGridEditor extends WgElement implements MapClient {
  static override styles: CSSResultGroup = [WgElement.styles, styles];

  static override checks: Record<string, PropertyCheck> = {
    minHouseholds: numberAtLeast('min-households'),
    maxHouseholds: numberAtLeast('max-households'),
    workerThreshold: numberAtLeast('worker-threshold'),
    mode: oneOf('mode', EDITOR_MODES),
    codeStandard: codeStandardCheck('code-standard', parseCodeStandard),
  };

  static override properties = {
    for: { reflect: true },
    units: { attribute: false },
    boundary: { attribute: false },
    grids: { attribute: false },
    minHouseholds: { type: Number, attribute: 'min-households' },
    maxHouseholds: { type: Number, attribute: 'max-households' },
    lang: {},
    mode: { reflect: true },
    workerThreshold: { type: Number, attribute: 'worker-threshold' },
    draftKey: { attribute: 'draft-key' },
    codeStandard: { attribute: 'code-standard' },
    selected: { attribute: false },
    selectedUnits: { attribute: false },
    line: { attribute: false },
    status: { state: true },
    revision: { state: true },
  };

  /** Id of a `<wg-map>` elsewhere in the page, for an editor that is not its child. */
  declare for: string | undefined;
  /** Buildings (楼栋) with `id` and `households`; Point or Polygon. */
  declare units: FeatureCollection | undefined;
  /** The community boundary, which the grids tile exactly. */
  declare boundary: Feature<CellGeometry> | CellGeometry | undefined;
  /** Grid polygons only (no plan): each building goes to the grid containing it. */
  declare grids: FeatureCollection | undefined;
  /**
   * Keeps a draft of every edit in IndexedDB under this key (e.g. the community's code): after a
   * reload or a crashed tab the editor offers to restore it (`restoreDraft()`, `discardDraft()`).
   * A commit removes it.
   */
  declare draftKey: string | undefined;
  /**
   * How new grids are coded: `sequence` (community code + 3 digits, the default), `statistical`
   * (12-digit division code + 3 digits) or `cjt349:OBJECT` (CJ/T 349-2010, 20 digits). Kept grids
   * keep their codes.
   */
  declare codeStandard: string | undefined;
  /** Lower end of the household band (default 300). */
  declare minHouseholds: number;
  /** Upper end of the household band (default 500). */
  declare maxHouseholds: number;
  /** UI language; defaults to the map's. */
  declare lang: string;
  /**
   * What clicking and dragging on the map does: `select` grids (default), `paint` buildings into a
   * grid, `lasso` (draw a shape round buildings to select them, then assign them), or place `line`
   * vertices.
   */
  declare mode: EditorMode;
  /** Splits of grids with at least this many buildings run in a Web Worker (default 1500). */
  declare workerThreshold: number;
  /** Ids of the selected grids. */
  declare selected: string[];
  /** Ids of the selected buildings (for "assign to grid"). */
  declare selectedUnits: string[];
  /** Vertices of the split line being drawn, [lng, lat]. */
  declare line: Position[];
  declare private status: { text: string; error?: boolean } | null;
  declare private revision: number;

  #editor?: PlanEditor;
  #context?: EditorContext;
  #planInput?: Plan;
  #map?: MapAdapter;
  #interaction: InteractionMode;
  readonly #hostMap: HostMapController;
  #ids = layerIds('editor', String(++nextKey));
  readonly #panel = new EditorPanel();
  /** Splits and rebalancing: busy, progress, cancel. */
  readonly #jobs = new JobController(this, (error) => {
    if (error instanceof EditError) this.#report(error.code, error.message, error.ids);
    else this.#report('edit-failed', error instanceof Error ? error.message : String(error));
  });

  constructor() {
    super();
    this.minHouseholds = 300;
    this.maxHouseholds = 500;
    this.mode = 'select';
    this.#interaction = createMode('select', this.#modeHost);
    this.workerThreshold = 1500;
    this.selected = [];
    this.selectedUnits = [];
    this.line = [];
    this.status = null;
    this.revision = 0;
    this.#hostMap = new HostMapController(this, { attached: () => this.#reportBounds() });
  }

  get #host(): MapHost | undefined {
    return this.#hostMap.map;
  }

  // ── Public API ────────────────────────────────────────────────────────────

  /** The plan being edited (set it to load one; reading gives the current plan with households per grid). */
  get plan(): Plan | undefined {
    return this.#editor
      ? this.#editor.plan({ id: this.#planInput?.id, effectiveFrom: this.#planInput?.effectiveFrom })
      : this.#planInput;
  }
  set plan(plan: Plan | undefined) {
    const old = this.#planInput;
    if (plan != null) {
      // Not a plan (a string, a plan without grids): refused with a wg-error, the last plan kept.
      try {
        plan = planFromJson(plan);
      } catch (error) {
        this.dispatchEvent(
          new WgErrorEvent({
            reason: 'bad-plan',
            message: `<wg-grid-editor> plan refused: ${(error as Error).message} The last plan is kept.`,
            source: 'wg-grid-editor',
            cause: error,
          }),
        );
        return;
      }
    }
    this.#planInput = plan ?? undefined;
    this.#planSeq = ++this.#inputSeq;
    this.requestUpdate('plan', old);
  }

  // Of `plan` and `grids`, the one set last is the plan loaded.
  #inputSeq = 0;
  #planSeq = 0;
  #gridsSeq = 0;

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    if (name === 'grids') this.#gridsSeq = ++this.#inputSeq;
    super.requestUpdate(name, oldValue, options);
  }

  /** The edit model (state, committed state, preview, undo/redo), once units are loaded. */
  get editor(): PlanEditor | undefined {
    return this.#editor;
  }

  /** The figures of the current plan: households per grid against the band, totals and problems. */
  get stats(): PlanStats | undefined {
    return this.#editor?.stats(); // kept by the editor per state, commit and band
  }

  /** The split preview being shown, if any. */
  get preview(): SplitResult | null {
    return this.#editor?.preview ?? null;
  }

  /** Selects grids (replacing the selection, or adding with `add`), optionally zooming to them. */
  select(ids: string | string[] | null, options: { add?: boolean; zoom?: boolean } = {}): void {
    const list = ids === null ? [] : Array.isArray(ids) ? ids : [ids];
    const known = new Set(this.#editor?.state.grids.map((g) => g.id) ?? []);
    const valid = list.filter((id) => known.has(id));
    let next = options.add ? [...this.selected] : [];
    for (const id of valid)
      next =
        next.includes(id) && options.add
          ? next.filter((g) => g !== id)
          : [...next.filter((g) => g !== id), id];
    this.selected = next;
    this.selectedUnits = this.selectedUnits.filter((u) => {
      const g = this.#editor?.state.assignment[u];
      return g !== undefined && next.includes(g);
    });
    if (options.zoom) this.zoomTo(valid);
    const last = next[next.length - 1];
    const properties = this.#editor?.state.grids.find((g) => g.id === last) ?? null;
    this.dispatchEvent(new WgGridSelectEvent(last ?? null, properties));
  }

  /** Fits the map to grids (or to buildings when given unit ids with `units: true`). */
  zoomTo(ids: string[], options: { units?: boolean } = {}): void {
    const map = this.#map;
    const editor = this.#editor;
    if (!map || !editor || ids.length === 0) return;
    const { sites, index } = editor.context;
    const shapes = editor.shapes();
    const box = options.units
      ? boxOf(ids.map((u) => sites[index.get(u) ?? -1]))
      : boxOf(
          [],
          ids.map((id) => shapes.get(id)).filter((g): g is GridShape => !!g),
        );
    if (box) map.fitBounds(box);
  }

  /**
   * Proposes a split of a grid into `parts`, or into as few grids as fit the band; resolves with the
   * preview (each part's households) or null when refused. Accept with `acceptSplit()`.
   */
  async splitGrid(id: string, request: SplitRequest = this.#band()): Promise<SplitResult | null> {
    const editor = this.#editor;
    if (!editor) return null;
    const members = editor.context.unitIds.filter((u) => editor.state.assignment[u] === id);
    const result = await this.#jobs.run(async (signal) => {
      if (members.length >= this.workerThreshold && typeof Worker !== 'undefined') {
        return splitInWorker(editor, id, members, request, signal, (f) => this.#jobs.report(f));
      }
      return editor.splitGrid(id, request);
    });
    if (!result) return null;
    editor.setPreview(result);
    this.#changed();
    this.dispatchEvent(new WgSplitPreviewEvent(id, result.parts, result.feasible));
    return result;
  }

  /** Applies the split preview as one edit. */
  acceptSplit(): boolean {
    const preview = this.#editor?.preview;
    if (!preview) return false;
    const applied = this.#run(() => this.#editor!.acceptPreview());
    if (applied) {
      this.selected = preview.parts.map((p) => p.id);
      this.dispatchEvent(new WgSplitPreviewEvent(null, [], true));
    }
    return !!applied;
  }

  /** Drops the split preview; the plan is unchanged. */
  rejectSplit(): void {
    if (!this.#editor?.preview) return;
    this.#editor.rejectPreview();
    this.#changed();
    this.dispatchEvent(new WgSplitPreviewEvent(null, [], true));
  }

  /** Merges adjacent grids into one. */
  mergeGrids(ids: string[] = this.selected): boolean {
    const applied = this.#run(() => this.#editor?.mergeGrids(ids) ?? null);
    if (applied) this.selected = this.#editor!.state.grids.filter((g) => ids.includes(g.id)).map((g) => g.id);
    return !!applied;
  }

  /** Moves buildings to a grid (painting). */
  assignUnits(unitIds: string[], gridId: string): boolean {
    const applied = this.#run(() => this.#editor?.assignUnits(unitIds, gridId) ?? null);
    if (applied) this.selectedUnits = [];
    return !!applied;
  }

  /** Splits a grid along a line ([lng, lat] vertices): buildings on each side become two grids. */
  splitAlongLine(id: string, line: Position[]): boolean {
    const applied = this.#run(() => this.#editor?.splitAlongLine(id, line) ?? null);
    if (applied) {
      this.line = [];
      this.selected = [id, ...applied.diff.added];
    }
    return !!applied;
  }

  /**
   * Rebalances the given grids (default: all), moving as few households as possible; locked grids
   * stay. With at least `worker-threshold` buildings in them it runs in the partition worker (progress,
   * `cancelWork()`); resolves true when the plan changed.
   */
  async rebalance(ids?: string[]): Promise<boolean> {
    const editor = this.#editor;
    if (!editor) return false;
    const chosen = ids && ids.length ? ids : undefined;
    const inGrids = chosen ? new Set(chosen) : null;
    let size = 0;
    for (const u in editor.state.assignment) if (!inGrids || inGrids.has(editor.state.assignment[u]!)) size++;
    if (size < this.workerThreshold || typeof Worker === 'undefined')
      return !!this.#run(() => editor.rebalance(chosen));
    const result = await this.#jobs.run((signal) =>
      rebalanceInWorker(editor, this.#band(), chosen, signal, (f) => this.#jobs.report(f)),
    );
    return !!(result && editor === this.#editor && this.#run(() => editor.applyRebalance(result)));
  }

  /** Cancels the split or rebalance running (its worker is stopped); nothing changes. */
  cancelWork(): void {
    this.#jobs.cancel();
  }

  /** Locks a grid against every edit. */
  lock(id: string): boolean {
    return !!this.#run(() => this.#editor?.lock(id) ?? null);
  }

  unlock(id: string): boolean {
    return !!this.#run(() => this.#editor?.unlock(id) ?? null);
  }

  /** Changes a grid's name, worker, … (an undoable edit). */
  updateGrid(id: string, changes: Partial<Omit<GridProperties, 'id'>>): boolean {
    return !!this.#run(() => this.#editor?.updateGrid(id, changes) ?? null);
  }

  undo(): boolean {
    return !!this.#run(() => this.#editor?.undo() ?? null);
  }

  redo(): boolean {
    return !!this.#run(() => this.#editor?.redo() ?? null);
  }

  /** Fires a cancelable `wg-plan-commit`; unless cancelled, the current plan becomes the committed one. */
  commit(): boolean {
    const editor = this.#editor;
    if (!editor) return false;
    const plan = this.plan!;
    const diff = editor.pendingDiff();
    const event = new WgPlanCommitEvent(plan, diff);
    this.dispatchEvent(event);
    const t = this.#t;
    if (event.defaultPrevented) {
      this.status = { text: t.commitCancelled };
      return false;
    }
    editor.commit();
    this.#drafts.committed(this.draftKey, plan.id); // committed: nothing left to restore
    this.status = { text: t.committed };
    this.#changed();
    return true;
  }

  /** The grids as GeoJSON: id, code, name, worker, households. */
  exportGrids(): FeatureCollection {
    const editor = this.#editor;
    if (!editor) return { type: 'FeatureCollection', features: [] };
    return gridsToGeoJSON(editor.state, editor.context.households, editor.shapes());
  }

  /** The assignment as `unit,grid` CSV. */
  exportAssignmentCsv(): string {
    const editor = this.#editor;
    return editor ? assignmentToCsv(editor.state.assignment, editor.context.unitIds) : 'unit,grid\n';
  }

  /**
   * The grids as a file for the planner's other tools: `geojson` polygons, `shapefile` (a `.zip`
   * with `.prj` and `.cpg`), or `xlsx` / `csv` with one row per grid (code, name, worker, community,
   * households, buildings, care); coordinates in WGS84 or GCJ-02. The writers load on first use.
   */
  async exportFile(
    format: 'geojson' | 'shapefile' | 'xlsx' | 'csv',
    crs: 'wgs84' | 'gcj02' = 'wgs84',
  ): Promise<{ name: string; bytes: Uint8Array }> {
    const io = await import('../../io/index.ts');
    const editor = this.#editor;
    const grids = this.exportGrids().features;
    const units = (this.units?.features ?? []) as Array<{ properties?: Record<string, unknown> | null }>;
    const rows = io.gridSummary(grids, units, editor?.state.assignment ?? {});
    const { file } = await io.writeFeatures(format === 'geojson' ? grids : rows, format, {
      crs,
      name: 'grids',
    });
    return file;
  }

  /** The plan as JSON text. */
  exportPlan(): string {
    const plan = this.plan;
    return plan ? planToJson(plan) : '';
  }

  /**
   * Reads a plan (JSON text or object), an assignment CSV, or grid polygons (GeoJSON) as one
   * undoable edit, and returns what it changed (grids created and removed, households moved, ids
   * the community does not have). Refused — `wg-error` and `false`, nothing changed — when it cannot
   * be read (`import-failed`), would leave buildings without a grid (`import-drops-households`) or
   * would empty a grid it names (`import-empties-grids`).
   */
  import(input: string | Plan | FeatureCollection): ImportReport | false {
    const editor = this.#editor;
    if (!editor) return false;
    let read: ReturnType<typeof readImport>;
    try {
      read = readImport(editor.context, editor.state, input);
    } catch (error) {
      this.#report('import-failed', error instanceof Error ? error.message : String(error));
      return false;
    }
    const refusal = importRefusal(read.report);
    if (refusal) {
      this.#report(refusal.reason, refusal.message, refusal.ids.slice(0, 50));
      return false;
    }
    const { unknownUnits } = read.report;
    if (unknownUnits.length)
      this.#report(
        'unknown-unit',
        `The import names buildings that are not among the units (left out): ${unknownUnits.slice(0, 5).join(', ')}`,
        unknownUnits.slice(0, 50),
      );
    this.#run(() => editor.replace(read.next, 'load'));
    return read.report;
  }

  // ── MapClient ─────────────────────────────────────────────────────────────

  mapAttached(map: MapAdapter): void {
    this.#map = map;
    this.#addToMap(map);
    this.#pushData();
    this.#reportBounds();
  }

  mapDetached(): void {
    this.#interaction.cancel?.();
    this.#map?.remove();
    this.#map = undefined;
  }

  hostChanged(): void {
    this.requestUpdate();
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKey); // the running job is cancelled by #jobs
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reload = changed.has('units') || changed.has('boundary');
    if (reload || changed.has('plan' as keyof WgGridEditor) || changed.has('grids')) this.#load(reload);
    if (
      this.#editor &&
      (changed.has('codeStandard') ||
        reload ||
        changed.has('plan' as keyof WgGridEditor) ||
        changed.has('grids'))
    )
      this.#editor.codeStandard = this.codeStandard ? parseCodeStandard(this.codeStandard) : DEFAULT_STANDARD;
    if ((changed.has('minHouseholds') || changed.has('maxHouseholds')) && this.#editor) {
      this.#editor.band = this.#band();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('mode')) {
      this.#interaction.cancel?.();
      this.#interaction = createMode(this.mode, this.#modeHost);
      this.#map?.setCursor(this.#interaction.cursor);
    }
    if (
      ['revision', 'selected', 'selectedUnits', 'line', 'minHouseholds', 'maxHouseholds'].some((k) =>
        changed.has(k as keyof WgGridEditor),
      )
    ) {
      this.#pushData();
    }
  }

  // ── Loading and running edits ─────────────────────────────────────────────

  #band() {
    return { minHouseholds: this.minHouseholds, maxHouseholds: this.maxHouseholds };
  }

  get #t(): EditorMessages {
    return editorMessages(this.lang || this.#host?.lang);
  }

  #load(retessellate: boolean) {
    if (!this.units) return;
    try {
      if (retessellate || !this.#context)
        this.#context = createEditorContext(this.units as never, { boundary: this.boundary });
    } catch (error) {
      this.#report('invalid-units', error instanceof Error ? error.message : String(error));
      return;
    }
    const context = this.#context;
    let state: EditorState;
    const usePlan = this.#planInput && !(this.grids && this.#gridsSeq > this.#planSeq);
    if (usePlan)
      state = stateFromPlan({
        ...this.#planInput!,
        assignment: this.#knownUnits(this.#planInput!.assignment),
      });
    else if (this.grids) state = stateFromGrids(context, this.grids.features as GridFeature[]);
    else {
      const assignment = idRecord<string>();
      context.unitIds.forEach((u, i) => {
        const g = context.properties[i]?.grid;
        if (g !== undefined && g !== null) assignment[u] = String(g);
      });
      state = stateFromPlan({ grids: [], assignment });
    }
    this.#editor = new PlanEditor(context, state, this.#band());
    this.selected = [];
    this.selectedUnits = [];
    this.line = [];
    this.#panel.keepTargets(
      this.#editor.state.grids.map((g) => g.id),
      true,
    );
    this.revision++;
    this.#reportBounds();
    const editor = this.#editor;
    void this.#drafts
      .loaded(this.draftKey, usePlan ? (this.#planInput!.id ?? null) : null, editor.state.assignment)
      .then((offered) => {
        if (offered && editor === this.#editor) this.requestUpdate();
      });
  }

  #knownUnits(assignment: Record<string, string>): Record<string, string> {
    if (!this.#context) return assignment;
    const known = knownUnits(this.#context, assignment);
    const unknown = known.unknownUnits;
    if (unknown.length)
      this.#report(
        'unknown-unit',
        `The plan names buildings that are not among the units: ${unknown.slice(0, 5).join(', ')}`,
        unknown,
      );
    return known.assignment;
  }

  /** Runs one edit: refused edits become `wg-error` and a status line; applied ones fire `wg-plan-change`. */
  #run(edit: () => AppliedEdit | null): AppliedEdit | null {
    let applied: AppliedEdit | null;
    try {
      applied = edit();
    } catch (error) {
      if (error instanceof EditError) this.#report(error.code, error.message, error.ids);
      else this.#report('edit-failed', error instanceof Error ? error.message : String(error));
      return null;
    }
    if (!applied) {
      this.#changed();
      return null;
    }
    const known = new Set(this.#editor!.state.grids.map((g) => g.id));
    this.selected = this.selected.filter((id) => known.has(id));
    this.#panel.keepTargets(this.#editor!.state.grids.map((g) => g.id));
    this.status = { text: describeEdit(this.#t, this.#editor!, this.stats, applied.kind, applied.diff) };
    this.#changed();
    // The draft reads the state's own assignment (states never change; the draft store copies it);
    // the event's copy is made only when a listener reads it.
    const editor = this.#editor!;
    const meta = { id: this.#planInput?.id, effectiveFrom: this.#planInput?.effectiveFrom };
    this.#drafts.edited(this.draftKey, editor.plan(meta, { shared: true }));
    this.dispatchEvent(new WgPlanChangeEvent(() => editor.plan(meta), applied.diff, applied.kind));
    return applied;
  }

  // ── Draft (IndexedDB) ─────────────────────────────────────────────────────

  readonly #drafts = new DraftKeeper((error) =>
    this.dispatchEvent(
      new WgErrorEvent({
        reason: 'draft-failed',
        message: `The draft could not be kept in IndexedDB: ${String(error)}`,
        source: 'wg-grid-editor',
        cause: error,
      }),
    ),
  );

  /** Restores the draft offered after a reload, as one undoable edit. */
  restoreDraft(): boolean {
    const offer = this.#drafts.take();
    if (!offer) return false;
    this.requestUpdate();
    const report = this.import(offer.plan);
    if (report) this.status = { text: this.#t.draftRestored };
    return report !== false;
  }

  /** Drops the draft offered after a reload (and the one saved). */
  discardDraft(): void {
    this.#drafts.discard(this.draftKey);
    this.requestUpdate();
  }

  #changed() {
    this.revision++;
  }

  #report(reason: string, message: string, ids?: string[]) {
    const t = this.#t;
    this.status = { text: t.errors[reason] ?? message, error: true };
    this.dispatchEvent(new WgErrorEvent({ reason, message, source: 'wg-grid-editor', ids }));
  }

  /** Runs async work with a progress bar shown only when it takes longer than 300 ms. */
  // ── Map ───────────────────────────────────────────────────────────────────

  #addToMap(map: MapAdapter) {
    const style = getComputedStyle(this);
    addEditorLayers(
      map,
      this.#ids.source,
      (name, fallback) => style.getPropertyValue(name).trim() || fallback,
    );
    // The map's pointer events go to the current interaction mode (`modes.ts`).
    map.onPointer('click', (p) => this.#interaction.click?.(p));
    map.onPointer('down', (p) => this.#interaction.down?.(p));
    map.onPointer('move', (p) => this.#interaction.move?.(p));
    map.onPointer('up', (p) => this.#interaction.up?.(p));
    map.onKey(this.#onKey);
    map.setCursor(this.#interaction.cursor);
  }

  #pushData() {
    const map = this.#map;
    const editor = this.#editor;
    if (!map || !editor) return;
    drawEditor(map, this.#ids.source, {
      editor,
      stats: this.stats!,
      selected: this.selected,
      selectedUnits: this.selectedUnits,
      t: this.#t,
    });
    this.#pushDraft();
  }

  /** What is being drawn: the split line and the lasso's shape. */
  #pushDraft() {
    if (this.#map) drawDraft(this.#map, this.#ids.source, this.line, this.#shape);
  }

  #colours(): Map<string, string> {
    return gridColours(this.#editor?.state);
  }

  /** What the interaction modes may ask of the editor (`modes.ts`). */
  readonly #modeHost: ModeHost = ((editor: WgGridEditor): ModeHost => ({
    get adapter() {
      return editor.#map;
    },
    gridAt: (p) => {
      const id = this.#map?.featuresAt(p, [`${this.#ids.source}-fill`])[0]?.id;
      return id === undefined ? undefined : String(id);
    },
    unitsNear: (p, radius) => [
      ...new Set(
        (this.#map?.featuresAt(p, [`${this.#ids.source}-units`], radius) ?? []).map((f) => String(f.id)),
      ),
    ],
    unitsInside: (ring) => (this.#editor ? unitsInRing(this.#editor.context, ring) : []),
    selectGrid: (id, add) => this.select(id, { add }),
    selectUnits: (ids, how) => (this.selectedUnits = nextSelection(this.selectedUnits, ids, how)),
    paint: (ids) => {
      const editor = this.#editor;
      if (!editor || !this.#panel.paintTarget) return;
      // Painting skips buildings of locked grids rather than refusing the whole stroke.
      const movable = ids.filter((u) => !editor.state.locked.includes(editor.state.assignment[u] ?? ''));
      if (movable.length) this.assignUnits(movable, this.#panel.paintTarget);
    },
    addLinePoint: (at) => (this.line = [...this.line, at]),
    drawShape: (ring) => {
      this.#shape = ring;
      this.#pushDraft();
    },
  }))(this);
  /** The lasso's shape while it is drawn. */
  #shape: Position[] | null = null;

  #onKey = (event: KeyboardEvent) =>
    editorKey(event, {
      undo: () => this.undo(),
      redo: () => this.redo(),
      escape: () => {
        this.#interaction.cancel?.(); // a half-drawn lasso or stroke
        this.cancelWork(); // a split or rebalance running
        if (this.#editor?.preview) this.rejectSplit();
        else if (this.line.length) this.line = [];
      },
    });

  #reportBounds() {
    const host = this.#host;
    const editor = this.#editor;
    if (!host || !editor) return;
    const b = this.boundary;
    host.reportBounds(this, b ? boxOf([], ['geometry' in b ? b.geometry : b]) : boxOf(editor.context.sites));
  }

  // ── Panel (panel.ts) ──────────────────────────────────────────────────────

  override render() {
    return this.#panel.render(this, {
      t: this.#t,
      band: this.#band(),
      draftOffer: this.#drafts.offer ?? undefined,
      colours: this.#colours(),
      mapLang: this.#host?.lang ?? '',
      busy: this.#jobs.busy,
      progress: this.#jobs.progress,
      status: this.status,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-grid-editor': WgGridEditor;
  }
}
