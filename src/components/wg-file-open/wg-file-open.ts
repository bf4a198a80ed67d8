import { html, css, nothing, type CSSResultGroup } from 'lit';
import { oneOf, WgElement, type PropertyCheck } from '../base.ts';
import { inheritedLang } from '../../i18n/lang.ts';
import { WgErrorEvent } from '../../events/wg-error.ts';
import { WgFileReadEvent, type FileTarget } from '../../events/wg-file-read.ts';
import type { ColumnMapping, Field, InputFile, ReadResult } from '../../io/index.ts';
import type { Crs } from '../../core/types.ts';
import { parseCrs } from '../../core/crs.ts';
import { fileOpenMessages } from './wg-file-open.messages.ts';

const TARGETS: readonly FileTarget[] = ['units', 'grids', 'boundary'];
const CRSS: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];
/** Fields offered in the column step: the required ones first. */
const MAPPED: readonly Field[] = ['households', 'lng', 'lat', 'name', 'id', 'compound', 'community'];
const SHOWN_PROBLEMS = 20;

interface Pending {
  files: InputFile[];
  name: string;
  result: ReadResult;
  columns: ColumnMapping;
}

/**
 * Opens a planner's own file — GeoJSON, CSV (UTF-8 or GBK), Excel or a Shapefile — from a chooser
 * or by drop. Headers it does not recognise get a column step with a preview of the first rows; bad
 * rows are listed and the planner chooses to go on without them or not. The readers
 * (`src/io`) load only when a file is opened.
 *
 * @tag wg-file-open
 * @summary Opens GeoJSON, CSV, XLSX or Shapefile files as buildings, grids or a boundary, with a column-mapping step.
 *
 * @fires wg-file-read - `{ target, features, name, skipped }`: the good features in WGS84.
 * @fires wg-error - A file that cannot be read, or has nothing usable (`reason` from the reader).
 *
 * @csspart drop - The drop zone (a button: Enter or Space opens the chooser).
 * @csspart mapping - The column step.
 * @csspart problems - The list of bad rows.
 */
export class WgFileOpen extends WgElement {
  static override styles: CSSResultGroup = [
    WgElement.styles,
    css`
      :host {
        display: block;
        font-size: 0.8125rem;
      }
      .drop {
        display: block;
        width: 100%;
        padding: 0.75rem;
        border: 1.5px dashed #7b8794;
        border-radius: 6px;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: center;
        cursor: pointer;
      }
      .drop.over {
        border-color: #2563eb;
        background: rgba(37, 99, 235, 0.08);
      }
      .drop small {
        display: block;
        color: #52606d;
        margin-top: 0.25rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.375rem 0.75rem;
        margin: 0.375rem 0;
        align-items: center;
      }
      .scroll {
        max-height: 10rem;
        overflow: auto;
      }
      table {
        border-collapse: collapse;
        font-size: 0.75rem;
      }
      td,
      th {
        border: 1px solid #cbd2d9;
        padding: 0.125rem 0.375rem;
        white-space: nowrap;
        max-width: 12rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      ul {
        margin: 0.25rem 0;
        padding-left: 1.25rem;
      }
      input[type='file'] {
        display: none;
      }
    `,
  ];

  static override properties = {
    lang: {},
    target: {},
    crs: {},
    _pending: { state: true },
    _busy: { state: true },
    _over: { state: true },
  };

  static override checks: Record<string, PropertyCheck> = {
    target: oneOf('target', TARGETS),
    crs: {
      attribute: 'crs',
      accept: (v) => parseCrs(typeof v === 'string' ? v : undefined),
      expected: 'a coordinate system: wgs84 (also CGCS2000), gcj02 (GCJ-02, Amap) or bd09 (Baidu)',
    },
  };

  /** UI language (`zh-CN` default, `en`); default: inherited. */
  declare lang: string;
  /** What the opened file holds: `units` (buildings, default), `grids` or `boundary`. */
  declare target: FileTarget;
  /** Coordinate system of lon/lat files (CSV, XLSX, GeoJSON): `wgs84` (default), `gcj02` or `bd09`. */
  declare crs: Crs;
  declare _pending: Pending | null;
  declare _busy: string | null;
  declare _over: boolean;

  constructor() {
    super();
    this.target = 'units';
    this.crs = 'wgs84';
    this._pending = null;
    this._busy = null;
    this._over = false;
  }

  get #t() {
    return fileOpenMessages(this.lang || inheritedLang(this) || '');
  }

  /**
   * Reads files (one file, or a shapefile's parts) as `target`; fires `wg-file-read` when they are
   * usable as they are, or shows the column step or the bad rows first.
   */
  async open(files: File[] | FileList): Promise<void> {
    const list = [...files];
    if (!list.length) return;
    const name = list.map((f) => f.name).join(', ');
    this._busy = name;
    try {
      const input = await Promise.all(
        list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      await this.#read(input, name, {});
    } finally {
      this._busy = null;
    }
  }

  async #read(files: InputFile[], name: string, columns: ColumnMapping): Promise<void> {
    const io = await import('../../io/index.ts');
    let result: ReadResult;
    try {
      result = await io.readFiles(files, {
        kind: this.target === 'units' ? 'units' : 'features',
        crs: this.crs,
        columns,
      });
    } catch (error) {
      this.#error('unreadable', (error as Error).message);
      return;
    }
    if (
      (result.table?.missing.length ?? 0) > 0 ||
      (result.problems.length > 0 && result.features.length > 0)
    ) {
      this._pending = { files, name, result, columns: { ...result.table?.mapping, ...columns } };
      return;
    }
    if (!result.features.length) {
      this.#error(
        result.problems[0]?.reason ?? 'no-features',
        result.problems[0]?.message ?? this.#t.nothing(name),
      );
      return;
    }
    this.#done(name, result, []);
  }

  #done(name: string, result: ReadResult, skipped: string[]): void {
    this._pending = null;
    this.dispatchEvent(
      new WgFileReadEvent({
        target: this.target,
        features: { type: 'FeatureCollection', features: result.features },
        name,
        skipped,
      }),
    );
  }

  #error(reason: string, message: string): void {
    this.dispatchEvent(new WgErrorEvent({ reason, message, source: this.localName }));
  }

  #choose = (): void => {
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  };

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.files) void this.open(input.files);
    input.value = '';
  };

  #onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this._over = false;
    if (event.dataTransfer?.files.length) void this.open(event.dataTransfer.files);
  };

  #onDragOver = (event: DragEvent): void => {
    event.preventDefault();
    this._over = true;
  };

  override render() {
    const t = this.#t;
    const pending = this._pending;
    return html`<div class="row">
        <label
          >${t.target}
          <select
            data-control="target"
            @change=${(e: Event) => (this.target = (e.target as HTMLSelectElement).value as FileTarget)}
          >
            ${TARGETS.map((v) => html`<option value=${v} ?selected=${v === this.target}>${t.targets[v]}</option>`)}
          </select></label
        >
        <label
          >${t.crs}
          <select
            data-control="crs"
            @change=${(e: Event) => (this.crs = (e.target as HTMLSelectElement).value as Crs)}
          >
            ${CRSS.map((v) => html`<option value=${v} ?selected=${v === this.crs}>${t.crsNames[v]}</option>`)}
          </select></label
        >
      </div>
      <button
        class="drop ${this._over ? 'over' : ''}"
        part="drop"
        data-action="open-file"
        aria-label=${t.label}
        ?disabled=${!!this._busy}
        @click=${this.#choose}
        @dragover=${this.#onDragOver}
        @dragleave=${() => (this._over = false)}
        @drop=${this.#onDrop}
      >
        ${this._busy ? t.reading(this._busy) : t.drop}<small>${t.dropHint}</small>
      </button>
      <input
        type="file"
        multiple
        accept=".geojson,.json,.csv,.tsv,.txt,.xlsx,.zip,.shp,.dbf,.prj,.cpg,.shx"
        @change=${this.#onInput}
      />
      ${pending ? this.#renderPending(pending) : nothing}`;
  }

  #renderPending(pending: Pending) {
    const t = this.#t;
    const { result } = pending;
    const table = result.table;
    const missing = table?.missing ?? [];
    if (missing.length && table) {
      const fields = MAPPED.filter((f) => f !== 'households' || this.target === 'units');
      return html`<div part="mapping" role="group" aria-label=${t.mapping}>
        <p>${t.mapping}</p>
        ${fields.map(
          (field) =>
            html`<div class="row">
              <label
                >${t.fields[field]}
                <select
                  data-field=${field}
                  @change=${(e: Event) => {
                    const value = (e.target as HTMLSelectElement).value;
                    const current = this._pending ?? pending;
                    const columns = { ...current.columns };
                    if (value) columns[field] = value;
                    else delete columns[field];
                    this._pending = { ...current, columns };
                  }}
                >
                  <option value="">${t.none}</option>
                  ${table.headers.map(
                    (h) => html`<option value=${h} ?selected=${pending.columns[field] === h}>${h}</option>`,
                  )}
                </select></label
              >
            </div>`,
        )}
        <p>${t.preview}</p>
        <div class="scroll">
          <table>
            ${table.preview.map(
              (row, i) =>
                html`<tr>
                  ${row.map((cell) => (i === 0 ? html`<th>${cell}</th>` : html`<td title=${cell}>${cell}</td>`))}
                </tr>`,
            )}
          </table>
        </div>
        <div class="row">
          <button
            data-action="apply-columns"
            @click=${() => {
              const current = this._pending ?? pending;
              void this.#read(current.files, current.name, current.columns);
            }}
          >
            ${t.apply}
          </button>
          <button data-action="cancel" @click=${() => (this._pending = null)}>${t.cancel}</button>
        </div>
      </div>`;
    }
    const problems = result.problems;
    return html`<div part="problems" role="alert">
      <p>${t.problems(problems.length, result.features.length)}</p>
      <ul class="scroll">
        ${problems.slice(0, SHOWN_PROBLEMS).map((p) => html`<li>${p.message}</li>`)}
        ${problems.length > SHOWN_PROBLEMS ? html`<li>${t.more(problems.length - SHOWN_PROBLEMS)}</li>` : nothing}
      </ul>
      <div class="row">
        <button
          data-action="use-good"
          @click=${() =>
            this.#done(
              pending.name,
              result,
              problems.map((p) => p.message),
            )}
        >
          ${t.useGood(result.features.length)}
        </button>
        <button data-action="cancel" @click=${() => (this._pending = null)}>${t.cancel}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-file-open': WgFileOpen;
  }
}
