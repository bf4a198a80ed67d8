/**
 * The grid editor's side panel: the actions, the split preview, the interaction mode and its
 * controls, the grid list with household bars, the totals and problems, the building list and
 * "assign to grid", opening files and exporting. It renders from the element's public API and the
 * inputs the element gives it each time; it owns only the panel's own choices (the brush's grid,
 * the "assign to" grid, the number of parts).
 */
import { html, nothing } from 'lit';
import type { FeatureCollection, Position } from 'geojson';
import { cssom } from '../cssom.ts';
import { LIST_PAGE, listMore, moveFocus, rowsToDraw } from '../listbox.ts';
import { download } from '../download.ts';
import { EDITOR_MODES } from './modes.ts';
import type { WgGridEditor } from './wg-grid-editor.ts';
import type { PlanEditor } from '../../core/editor/editor.ts';
import type { PlanStats } from '../../core/editor/stats.ts';
import type { PlanDiff } from '../../core/editor/state.ts';
import type { GridProperties } from '../../core/types.ts';
import type { CellGeometry } from '../../core/tessellation.ts';
import type { SplitRequest, SplitResult } from '../../core/editor/operations.ts';
import type { WgFileReadEvent } from '../../events/wg-file-read.ts';
import type { EditorMessages } from './wg-grid-editor.messages.ts';
import type { Draft } from './draft.ts';

/** What the element gives the panel at each render. */
export interface PanelInputs {
  t: EditorMessages;
  /** The band as a split request (`splitGrid`'s default). */
  band: SplitRequest;
  /** A draft of unsaved edits found in storage, offered for restoring. */
  draftOffer?: Pick<Draft, 'savedAt' | 'edits'>;
  /** Colour of each grid's buildings (and its swatch). */
  colours: Map<string, string>;
  /** The map's language, for dates and the file dialog. */
  mapLang: string;
  /** Work running (a split or rebalance), its progress 0–1 when slow (with a cancel button), and the status line. */
  busy: boolean;
  progress: number | null;
  status: { text: string; error?: boolean } | null;
}

export class EditorPanel {
  #el!: WgGridEditor;
  #in!: PanelInputs;
  /** The grid the brush paints into, the grid "assign selected buildings" moves to, the parts of a split. */
  paintTarget = '';
  assignTarget = '';
  #splitParts = 2;
  /** Rows the grid and building lists draw (a page at a time), and the problem kinds opened by the user. */
  #gridRows = LIST_PAGE;
  #unitRows = LIST_PAGE;
  #openProblems = new Set<string>();
  #problemRows = new Map<string, number>();

  /** After the grids changed: targets that no longer exist become the first grid. */
  keepTargets(grids: readonly string[], reset = false): void {
    const known = new Set(grids);
    if (reset || !known.has(this.paintTarget)) this.paintTarget = grids[0] ?? '';
    if (reset || !known.has(this.assignTarget)) this.assignTarget = grids[0] ?? '';
  }

  /** The panel for the element's current state. */
  render(el: WgGridEditor, inputs: PanelInputs) {
    this.#el = el;
    this.#in = inputs;
    const t = this.#in.t;
    const editor = this.#el.editor;
    if (!editor)
      return html`<section class="panel" part="panel" aria-label=${t.label}>
        <h2>${t.label}</h2>
        ${this.#renderOpen()}
      </section>`;
    const stats = this.#el.stats!;
    const one = this.#el.selected.length === 1 ? this.#el.selected[0]! : undefined;
    const oneLocked = one !== undefined && editor.state.locked.includes(one);
    const preview = editor.preview;
    return html`<section
      class="panel"
      part="panel"
      aria-label=${t.label}
      aria-busy=${this.#in.busy ? 'true' : 'false'}
    >
      <h2>${t.label}</h2>
      ${
        this.#in.draftOffer
          ? html`<div class="draft" part="draft" role="alert">
              <span
                >${t.draftFound(new Date(this.#in.draftOffer.savedAt).toLocaleString(this.#el.lang || this.#in.mapLang || undefined), this.#in.draftOffer.edits)}</span
              >
              <button data-action="restore-draft" @click=${() => this.#el.restoreDraft()}>
                ${t.restoreDraft}
              </button>
              <button data-action="discard-draft" @click=${() => this.#el.discardDraft()}>
                ${t.discardDraft}
              </button>
            </div>`
          : nothing
      }
      <div class="band">${t.band(this.#el.minHouseholds, this.#el.maxHouseholds)}</div>
      <div class="row" role="toolbar" aria-label=${t.actions}>
        <button
          ?disabled=${!one || oneLocked || this.#in.busy}
          data-action="split-band"
          @click=${() => one && this.#el.splitGrid(one, this.#in.band)}
        >
          ${t.splitBand}
        </button>
        <label
          >${t.splitParts}
          <input
            type="number"
            min="2"
            max="20"
            .value=${String(this.#splitParts)}
            @change=${(e: Event) => (this.#splitParts = Math.max(2, Number((e.target as HTMLInputElement).value) || 2))}
          />
          ${t.parts}</label
        >
        <button
          ?disabled=${!one || oneLocked || this.#in.busy}
          data-action="split-parts"
          @click=${() => one && this.#el.splitGrid(one, { parts: this.#splitParts })}
        >
          ${t.split}
        </button>
        <button
          ?disabled=${this.#el.selected.length < 2}
          data-action="merge"
          @click=${() => this.#el.mergeGrids()}
        >
          ${t.merge}
        </button>
        <button
          ?disabled=${!one}
          data-action="lock"
          @click=${() => one && (oneLocked ? this.#el.unlock(one) : this.#el.lock(one))}
        >
          ${oneLocked ? t.unlock : t.lock}
        </button>
        <button
          ?disabled=${this.#el.selected.length < 2}
          data-action="rebalance"
          @click=${() => this.#el.rebalance(this.#el.selected)}
        >
          ${t.rebalance}
        </button>
        <button data-action="rebalance-all" @click=${() => this.#el.rebalance()}>${t.rebalanceAll}</button>
        <button
          ?disabled=${!editor.canUndo}
          data-action="undo"
          aria-keyshortcuts="Control+Z"
          @click=${() => this.#el.undo()}
        >
          ${t.undo}
        </button>
        <button
          ?disabled=${!editor.canRedo}
          data-action="redo"
          aria-keyshortcuts="Control+Shift+Z"
          @click=${() => this.#el.redo()}
        >
          ${t.redo}
        </button>
        <button class="primary" data-action="commit" @click=${() => this.#el.commit()}>${t.commit}</button>
      </div>
      ${
        this.#in.busy
          ? html`<div class="work">
              ${this.#in.progress !== null ? html`<progress aria-label=${t.working} .value=${this.#in.progress} max="1"></progress>` : nothing}
              <button data-action="cancel-work" @click=${() => this.#el.cancelWork()}>${t.cancelWork}</button>
            </div>`
          : nothing
      }
      <div class="status ${this.#in.status?.error ? 'error' : ''}" role="status" aria-live="polite">
        ${this.#in.status?.text ?? ''}
      </div>
      ${preview ? this.#renderPreview(preview) : nothing} ${this.#renderMode(editor)}
      ${this.#renderGrids(stats)} ${this.#renderTotals(stats)} ${this.#renderUnits(editor)}
      ${this.#renderExport()}
    </section>`;
  }

  #renderPreview(preview: SplitResult) {
    const t = this.#in.t;
    const grid = this.#el.editor!.state.grids.find((g) => g.id === preview.grid);
    return html`<div
      class="preview"
      role="group"
      aria-label=${t.previewOf(gridName(grid ?? { id: preview.grid }))}
    >
      <h3>${t.previewOf(gridName(grid ?? { id: preview.grid }))}</h3>
      <ul>
        ${preview.parts.map(
          (part, i) =>
            html`<li>
              <div class="grid-head">
                <span class="name"
                  >${String.fromCharCode(65 + i)} ·
                  ${part.id === preview.grid && grid ? gridName(grid) : part.id}</span
                >
                <span class="meta">${t.households(part.households)}</span>
              </div>
              ${this.#bar(part.households)}
              <div class="meta">
                ${part.worker ? t.workerOf(part.worker) : html`<span class="flag">${t.needsWorker}</span>`}
              </div>
            </li>`,
        )}
      </ul>
      <div class="row">
        <button class="primary" data-action="accept" @click=${() => this.#el.acceptSplit()}>
          ${t.accept}
        </button>
        <button data-action="reject" @click=${() => this.#el.rejectSplit()}>${t.reject}</button>
      </div>
    </div>`;
  }

  #renderMode(editor: PlanEditor) {
    const t = this.#in.t;
    const one = this.#el.selected.length === 1 ? this.#el.selected[0] : undefined;
    return html`<fieldset>
      <legend>${t.mode}</legend>
      <div class="row">
        ${EDITOR_MODES.map(
          (mode) =>
            html`<label
              ><input
                type="radio"
                name="mode"
                .value=${mode}
                .checked=${this.#el.mode === mode}
                @change=${() => (this.#el.mode = mode)}
              />
              ${{ select: t.modeSelect, paint: t.modePaint, lasso: t.modeLasso, line: t.modeLine }[mode]}</label
            >`,
        )}
      </div>
      ${
        this.#el.mode === 'paint'
          ? html`<label
              >${t.paintTarget}
              ${this.#gridSelect(editor, this.paintTarget, (id) => (this.paintTarget = id), 'paint-target')}</label
            >`
          : nothing
      }
      ${this.#el.mode === 'lasso' ? html`<p class="hint">${t.lassoHint}</p>` : nothing}
      ${
        this.#el.mode === 'line'
          ? html`<p class="hint">${t.lineHint}</p>
              <label
                >${t.lineVertices}
                <textarea
                  .value=${this.#el.line.map((p) => `${p[0]},${p[1]}`).join('\n')}
                  @change=${(e: Event) => (this.#el.line = parseVertices((e.target as HTMLTextAreaElement).value))}
                ></textarea>
              </label>
              <div class="row">
                <button
                  ?disabled=${!one || this.#el.line.length < 2}
                  data-action="split-line"
                  @click=${() => one && this.#el.splitAlongLine(one, this.#el.line)}
                >
                  ${t.splitLine}
                </button>
                <button ?disabled=${this.#el.line.length === 0} @click=${() => (this.#el.line = [])}>
                  ${t.clearLine}
                </button>
              </div>`
          : nothing
      }
    </fieldset>`;
  }

  #gridSelect(editor: PlanEditor, value: string, onChange: (id: string) => void, name: string) {
    return html`<select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${editor.state.grids.map((g) => html`<option .value=${g.id} ?selected=${g.id === value}>${gridName(g)}</option>`)}
    </select>`;
  }

  #bar(households: number) {
    const scale = this.#el.maxHouseholds * 1.6 || 1;
    const band =
      households < this.#el.minHouseholds ? 'under' : households > this.#el.maxHouseholds ? 'over' : 'inside';
    return html`<div class="bar" aria-hidden="true">
      <div class="fill ${band}" ${cssom({ width: `${Math.min(100, (households / scale) * 100)}%` })}></div>
      <div
        class="band-zone"
        ${cssom({
          left: `${(this.#el.minHouseholds / scale) * 100}%`,
          width: `${((this.#el.maxHouseholds - this.#el.minHouseholds) / scale) * 100}%`,
        })}
      ></div>
    </div>`;
  }

  #renderGrids(stats: PlanStats) {
    const t = this.#in.t;
    const colours = this.#in.colours;
    const selected = new Set(this.#el.selected);
    const first = stats.grids.findIndex((g) => selected.has(g.id));
    const focus = Math.max(0, first);
    const total = stats.grids.length;
    // Down to the last selected grid; rows once drawn for a selection stay drawn.
    let last = -1;
    stats.grids.forEach((g, i) => selected.has(g.id) && (last = i));
    this.#gridRows = Math.max(this.#gridRows, last + 1);
    const drawn = rowsToDraw(total, this.#gridRows);
    return html`<div>
      <h3 id="grid-list-label">${t.grids(stats.grids.length)}</h3>
      <ul
        role="listbox"
        part="grid-list"
        aria-multiselectable="true"
        aria-labelledby="grid-list-label"
        @keydown=${this.#onGridListKey}
      >
        ${stats.grids.slice(0, drawn).map((g, i) => {
          const grid = this.#el.editor!.state.grids[i]!;
          return html`<li
            role="option"
            data-id=${g.id}
            aria-setsize=${total}
            aria-posinset=${i + 1}
            aria-selected=${this.#el.selected.includes(g.id) ? 'true' : 'false'}
            tabindex=${i === focus ? 0 : -1}
            @click=${(e: MouseEvent) => this.#el.select(g.id, { add: e.ctrlKey || e.metaKey || e.shiftKey, zoom: !(e.ctrlKey || e.metaKey || e.shiftKey) })}
          >
            <div class="grid-head">
              <span class="swatch" ${cssom({ background: colours.get(g.id) })}></span>
              <span class="name">${gridName(grid)}</span>
              <span class="meta">${t.households(g.households)}</span>
            </div>
            ${this.#bar(g.households)}
            <div class="meta">
              ${g.worker ? t.workerOf(g.worker) : html`<span class="flag">${t.needsWorker}</span>`} ·
              ${t.deviation(`${g.deviation >= 0 ? '+' : ''}${(g.deviation * 100).toFixed(1)}%`)} ·
              ${g.contiguous ? t.contiguous : html`<span class="flag">${t.notContiguous}</span>`}
              ${g.compactness === null ? '' : html` · ${t.compactness(g.compactness.toFixed(2))}`}
              ${g.locked ? html` · 🔒 ${t.locked}` : ''}
            </div>
          </li>`;
        })}
      </ul>
      ${listMore(t.showMore(drawn, total), drawn, total, () => {
        this.#gridRows = drawn + LIST_PAGE;
        this.#el.requestUpdate();
        return this.#el.updateComplete;
      })}
    </div>`;
  }

  #problemText(kind: string, grid: string | null, households: number, units = 0): string {
    return problemText(this.#in.t, this.#el.editor, kind, grid, households, units);
  }

  #renderTotals(stats: PlanStats) {
    const t = this.#in.t;
    return html`<div class="totals">
      <h3>${t.totals}</h3>
      <p>${t.outOfBand(stats.outOfBand)}</p>
      <p>${t.unassignedUnits(stats.unassignedUnits, stats.unassignedHouseholds)}</p>
      <p>${t.moved(stats.householdsMoved)}</p>
      <h3 id="problems-label">${t.problems(stats.problems.length)}</h3>
      ${
        stats.problems.length === 0
          ? html`<p>${t.noProblems}</p>`
          : html`<div class="problems" part="problems" aria-labelledby="problems-label">
              ${[...new Set(stats.problems.map((p) => p.kind))].map((kind) => {
                const group = stats.problems.filter((p) => p.kind === kind);
                // A short group starts open; a long one draws its rows once opened, a page of them.
                const open = group.length <= 20 || this.#openProblems.has(kind);
                const drawn = open ? rowsToDraw(group.length, this.#problemRows.get(kind) ?? LIST_PAGE) : 0;
                const onToggle = (event: Event) => {
                  const now = (event.currentTarget as HTMLDetailsElement).open;
                  if (now === open) return;
                  if (now) this.#openProblems.add(kind);
                  else this.#openProblems.delete(kind);
                  this.#el.requestUpdate();
                };
                return html`<details ?open=${open} @toggle=${onToggle}>
                  <summary>${t.problemKind[kind] ?? kind} (${group.length})</summary>
                  <ul>
                    ${group.slice(0, drawn).map(
                      (p) =>
                        html`<li>
                          <span
                            >${this.#problemText(p.kind, p.grid, p.households ?? 0, p.units?.length ?? 0)}</span
                          >
                          <button
                            data-action="zoom"
                            @click=${() => (p.grid ? (this.#el.select(p.grid), this.#el.zoomTo([p.grid])) : this.#el.zoomTo(p.units ?? [], { units: true }))}
                          >
                            ${t.zoomTo}
                          </button>
                        </li>`,
                    )}
                  </ul>
                  ${listMore(t.showMore(drawn, group.length), drawn, group.length, () => {
                    this.#problemRows.set(kind, drawn + LIST_PAGE);
                    this.#el.requestUpdate();
                    return this.#el.updateComplete;
                  })}
                </details>`;
              })}
            </div>`
      }
    </div>`;
  }

  #renderUnits(editor: PlanEditor) {
    const t = this.#in.t;
    const chosen = new Set(this.#el.selectedUnits);
    const grids = new Set(this.#el.selected);
    const assignment = editor.state.assignment;
    // The selected grids' buildings, and buildings selected on the map (a lasso, a brush click).
    const units: Array<{ id: string; i: number; grid: string | undefined }> = [];
    editor.context.unitIds.forEach((id, i) => {
      const grid = assignment[id];
      if (chosen.has(id) || (grid !== undefined && grids.has(grid))) units.push({ id, i, grid });
    });
    const names = new Map(editor.state.grids.map((g) => [g.id, gridName(g)]));
    // Down to the last selected building (a lasso may pick them anywhere in the list).
    let lastChosen = -1;
    units.forEach((u, k) => chosen.has(u.id) && (lastChosen = k));
    this.#unitRows = Math.max(this.#unitRows, lastChosen + 1);
    const unitsDrawn = rowsToDraw(units.length, this.#unitRows);
    return html`<div>
      <h3 id="unit-list-label">${t.buildings(units.length)}</h3>
      ${
        units.length === 0
          ? html`<p class="hint">${t.buildingsHint}</p>`
          : html`<ul
              role="listbox"
              part="unit-list"
              aria-multiselectable="true"
              aria-labelledby="unit-list-label"
              @keydown=${this.#onUnitListKey}
            >
              ${units.slice(0, unitsDrawn).map(
                (u, k) =>
                  html`<li
                    role="option"
                    data-id=${u.id}
                    aria-setsize=${units.length}
                    aria-posinset=${k + 1}
                    aria-selected=${chosen.has(u.id) ? 'true' : 'false'}
                    tabindex=${k === 0 ? 0 : -1}
                    @click=${() => this.#toggleUnit(u.id)}
                  >
                    <span class="name">${String(editor.context.properties[u.i]?.name ?? u.id)}</span>
                    <span class="meta"
                      >${t.households(editor.context.households.get(u.id) ?? 0)} ·
                      ${names.get(u.grid!) ?? ''}</span
                    >
                  </li>`,
              )}
            </ul>`
      }
      ${listMore(t.showMore(unitsDrawn, units.length), unitsDrawn, units.length, () => {
        this.#unitRows = unitsDrawn + LIST_PAGE;
        this.#el.requestUpdate();
        return this.#el.updateComplete;
      })}
      <div class="row">
        <label
          >${t.assignTo}
          ${this.#gridSelect(editor, this.assignTarget, (id) => (this.assignTarget = id), 'assign-target')}</label
        >
        <button
          ?disabled=${this.#el.selectedUnits.length === 0}
          data-action="assign"
          @click=${() => this.#el.assignUnits(this.#el.selectedUnits, this.assignTarget)}
        >
          ${t.assign}
        </button>
      </div>
    </div>`;
  }

  /** A file opened in `<wg-file-open>`: new buildings, grids or boundary; the map then fits them. */
  #onFileRead = async (event: WgFileReadEvent): Promise<void> => {
    const { target, features } = event.detail;
    if (target === 'units') this.#el.units = features as FeatureCollection;
    else if (target === 'grids') this.#el.grids = features as FeatureCollection;
    else {
      const geometry = features.features.find((f) => f.geometry && /Polygon/.test(f.geometry.type))?.geometry;
      if (geometry) this.#el.boundary = geometry as CellGeometry;
    }
    await this.#el.updateComplete;
    const editor = this.#el.editor;
    if (editor) this.#el.zoomTo(editor.context.unitIds, { units: true });
  };

  #exportAs = async (): Promise<void> => {
    const format = this.#el.renderRoot.querySelector<HTMLSelectElement>(
      'select[data-control=export-format]',
    )?.value;
    const crs = this.#el.renderRoot.querySelector<HTMLSelectElement>(
      'select[data-control=export-crs]',
    )?.value;
    const file = await this.#el.exportFile(
      (format ?? 'shapefile') as 'shapefile',
      crs === 'gcj02' ? 'gcj02' : 'wgs84',
    );
    download(file.name, file.bytes, 'application/octet-stream');
  };

  #renderOpen() {
    return html`<wg-file-open
      lang=${this.#el.lang || this.#in.mapLang || ''}
      @wg-file-read=${this.#onFileRead}
    ></wg-file-open>`;
  }

  #renderExport() {
    const t = this.#in.t;
    return html`${this.#renderOpen()}
      <div class="row">
        <label
          >${t.exportFormat}
          <select data-control="export-format">
            <option value="shapefile">Shapefile (.zip)</option>
            <option value="xlsx">Excel (.xlsx)</option>
            <option value="csv">CSV</option>
            <option value="geojson">GeoJSON</option>
          </select></label
        >
        <label
          >${t.exportCrs}
          <select data-control="export-crs">
            <option value="wgs84">WGS84 / CGCS2000</option>
            <option value="gcj02">GCJ-02</option>
          </select></label
        >
        <button data-action="export-file" @click=${this.#exportAs}>${t.exportFile}</button>
      </div>
      <div class="row">
        <button
          data-action="export-grids"
          @click=${() => download('grids.geojson', JSON.stringify(this.#el.exportGrids()), 'application/geo+json')}
        >
          ${t.exportGrids}
        </button>
        <button
          data-action="export-csv"
          @click=${() => download('assignment.csv', this.#el.exportAssignmentCsv(), 'text/csv')}
        >
          ${t.exportCsv}
        </button>
        <button
          data-action="export-plan"
          @click=${() => download('plan.json', this.#el.exportPlan(), 'application/json')}
        >
          ${t.exportPlan}
        </button>
        <label
          >${t.importFile} <input type="file" accept=".json,.geojson,.csv" @change=${this.#onImportFile}
        /></label>
      </div>`;
  }

  #toggleUnit(id: string) {
    this.#el.selectedUnits = this.#el.selectedUnits.includes(id)
      ? this.#el.selectedUnits.filter((u) => u !== id)
      : [...this.#el.selectedUnits, id];
  }

  #onImportFile = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.#el.import(await file.text());
    input.value = '';
  };

  #moveFocus(event: KeyboardEvent, list: string): HTMLElement | undefined {
    return moveFocus(event, [
      ...this.#el.renderRoot.querySelectorAll<HTMLLIElement>(`ul[part=${list}] li[role=option]`),
    ]);
  }

  #onGridListKey = (event: KeyboardEvent) => {
    const item = this.#moveFocus(event, 'grid-list');
    const id = item?.dataset.id;
    if (!id) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.#el.select(id, { add: event.ctrlKey || event.metaKey, zoom: true });
    } else if (event.key === ' ') {
      event.preventDefault();
      this.#el.select(id, { add: true });
    }
  };

  #onUnitListKey = (event: KeyboardEvent) => {
    const item = this.#moveFocus(event, 'unit-list');
    const id = item?.dataset.id;
    if (!id) return;
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.#toggleUnit(id);
    }
  };
}

/**
 * The status line after an edit, one line whatever happened: what was done, and the band or
 * contiguity problems of the grids it touched — a few by name, many as counts by kind (the problems
 * list below has them all).
 */
export function describeEdit(
  t: EditorMessages,
  editor: PlanEditor,
  stats: PlanStats | undefined,
  kind: string,
  diff: PlanDiff,
): string {
  const problems =
    stats?.problems.filter(
      (p) => p.kind === 'not-contiguous' || p.kind === 'under-band' || p.kind === 'over-band',
    ) ?? [];
  const changed = new Set([...diff.added, ...diff.changed]);
  const warnings = problems
    .filter((p) => p.grid && changed.has(p.grid))
    .map((p) => problemText(t, editor, p.kind, p.grid, p.households ?? 0));
  const label =
    {
      assign: t.modePaint,
      merge: t.merge,
      split: t.split,
      'split-line': t.splitLine,
      rebalance: t.rebalance,
      lock: t.lock,
      unlock: t.unlock,
      undo: t.undo,
      redo: t.redo,
      load: t.importFile,
      update: t.label,
    }[kind] ?? kind;
  // One line whatever happened: a few warnings by name, many as counts by kind (the list is below).
  if (warnings.length <= 2) return [t.done(label), ...warnings].join(' · ');
  const hit = problems.filter((p) => p.grid && changed.has(p.grid));
  return `${t.done(label)} · ${t.problemSummary(countsByKind(t, hit))}`;
}

/** `12 over the band, 3 not contiguous`, most frequent first. */
function countsByKind(t: EditorMessages, problems: ReadonlyArray<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} ${t.problemKind[kind] ?? kind}`)
    .join(', ');
}

/** A problem in a planner's words: which grid, how many households (or buildings). */
export function problemText(
  t: EditorMessages,
  editor: PlanEditor | undefined,
  kind: string,
  grid: string | null,
  households: number,
  units = 0,
): string {
  const g = editor?.state.grids.find((x) => x.id === grid);
  const name = g ? gridName(g) : String(grid ?? '');
  return kind === 'unassigned'
    ? t.problem.unassigned!(String(units), households)
    : t.problem[kind]!(name, households);
}

export function gridName(g: Pick<GridProperties, 'id' | 'name' | 'code'>): string {
  return String(g.name ?? g.code ?? g.id);
}

/** "lng,lat" per line (or separated by ";") → vertices; bad lines are skipped. */
export function parseVertices(text: string): Position[] {
  return text
    .split(/[\n;]+/)
    .map((line) =>
      line
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number),
    )
    .filter(
      (p) =>
        p.length >= 2 &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        Math.abs(p[0]!) <= 180 &&
        Math.abs(p[1]!) <= 90,
    )
    .map((p) => [p[0]!, p[1]!]);
}
