import { html, svg, css, nothing, type PropertyValues, type CSSResultGroup } from 'lit';
import { WgElement, oneOf, weightsConverter, type PropertyCheck } from '../base.ts';
import { WgErrorEvent } from '../../events/wg-error.ts';
import { tableStyles } from '../table.styles.ts';
import { MapPanelController } from '../map-panel.ts';
import { download } from '../download.ts';
import { inheritedLang } from '../../i18n/lang.ts';
import { csvCell } from '../../core/csv-cell.ts';
import { rulesOf } from '../../core/deadlines.ts';
import {
  addPatrol,
  assess,
  DEFAULT_ASSESSMENT_WEIGHTS,
  issueFigures,
  monthEdges,
  type AssessmentRow,
  type AssessmentWeights,
  type PeriodFigures,
} from '../../core/assessment.ts';
import { layersOf, mapOf } from '../wg-grid-stats/map-layers.ts';
import { monthOf, monthWindow } from '../wg-time-filter/wg-time-filter.ts';
import type { GridFeature } from '../../core/types.ts';
import { assessmentMessages, type AssessmentMessages } from './wg-assessment.messages.ts';

export type { AssessmentRow, AssessmentWeights } from '../../core/assessment.ts';

/** The columns that can be sorted by. */
export type AssessmentColumn =
  | 'label'
  | 'worker'
  | 'households'
  | 'handled'
  | 'handledRate'
  | 'onTime'
  | 'patrol'
  | 'care'
  | 'issuesPer100'
  | 'score';
/** The order shown: who, the score (its trend follows), then its parts and the context. */
const COLUMNS: AssessmentColumn[] = [
  'label',
  'worker',
  'score',
  'handled',
  'handledRate',
  'onTime',
  'patrol',
  'care',
  'issuesPer100',
  'households',
];
const WEIGHTS = Object.keys(DEFAULT_ASSESSMENT_WEIGHTS) as Array<keyof AssessmentWeights>;
const MONTH = /^\d{4}-\d{2}$/;

/** `YYYY-MM` plus `n` months. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const k = y! * 12 + (m! - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** A `from` / `to` value as ms: `YYYY-MM` is that month's start (`end`: the next month's), else a date. */
function edgeOf(value: string | undefined, end: boolean): number | undefined {
  if (!value) return undefined;
  const t = MONTH.test(value) ? Date.parse(monthWindow(value)[end ? 'to' : 'from']) : Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

/** The longest period shown (months): a trend of five years; each month is one patrol-coverage run. */
const MAX_MONTHS = 60;

/** `YYYY-MM` or a date the browser reads. */
const timeCheck = (attribute: string): PropertyCheck => ({
  attribute,
  accept: (v) => (typeof v === 'string' && edgeOf(v, false) !== undefined ? v : undefined),
  expected: 'a month (YYYY-MM) or a date (ISO 8601)',
});

const cell = (v: number | null, digits = 0) => (v === null ? '–' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '–' : `${v.toFixed(0)}%`);

/**
 * The assessment of grids or workers over a period, month by month: requests handled and the
 * handling rate, the on-time rate, patrol coverage, care households visited and issues per 100
 * households, a weighted score (weights editable in the table and by attribute) with a monthly trend
 * line in each row, sorting, CSV export, and selection in sync with the map's grid layer. It reads
 * the layers of its map: `<wg-grid-layer>` (grids, workers, households), `<wg-issue-layer>` (issues,
 * their `limits` and `calendar`; not with vector tiles) and `<wg-track-layer>` (coverage and care
 * visits per month, measured in its worker).
 *
 * @tag wg-assessment
 * @summary Per-grid or per-worker assessment for a period: handled, on time, patrolled, care visited, score and trend.
 *
 * @event wg-grid-select - Not fired by the table itself: choosing a row selects the grid on the map's grid layer, which fires it.
 *
 * @csspart table - The table.
 * @csspart export - The CSV export button.
 * @csspart weights - The weights form.
 * @csspart trend - Each row's trend line (an SVG).
 *
 * @cssproperty --wg-panel-background - Background of the table.
 * @cssproperty --wg-panel-color - Text colour of the table.
 * @cssproperty --wg-trend - Colour of the trend lines.
 */
export class WgAssessment extends WgElement {
  static override styles: CSSResultGroup = [
    WgElement.styles,
    tableStyles,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      fieldset {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        border: 0;
        padding: 0.25rem 0;
        margin: 0;
      }
      fieldset input {
        width: 3.5rem;
      }
      :host([by='worker']) :is(th, td):nth-child(2) {
        text-align: right;
      }
      td.low {
        color: #b00020;
        font-weight: 600;
      }
      svg {
        display: block;
        color: var(--wg-trend, #1a56db);
      }
    `,
  ];

  static override properties = {
    for: { reflect: true },
    by: { reflect: true },
    from: {},
    to: {},
    now: {},
    months: { type: Number },
    weights: { converter: weightsConverter<AssessmentWeights>() },
    sort: { reflect: true },
    order: { reflect: true },
    selected: { reflect: true },
    lang: {},
    _busy: { state: true },
  };

  static override checks: Record<string, PropertyCheck> = {
    by: oneOf('by', ['grid', 'worker']),
    months: {
      attribute: 'months',
      accept: (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_MONTHS ? v : undefined,
      expected: `a whole number of months from 1 to ${MAX_MONTHS}`,
    },
    from: timeCheck('from'),
    to: timeCheck('to'),
    now: timeCheck('now'),
    sort: oneOf('sort', COLUMNS),
    order: oneOf('order', ['asc', 'desc']),
  };

  /** Id of the `<wg-map>` whose layers the table reads; default: the `<wg-map>` it sits in. */
  declare for: string | undefined;
  /** One row per `grid` (default) or per `worker` (the sums of the worker's grids). */
  declare by: 'grid' | 'worker';
  /** First month of the period (`YYYY-MM`, or a date); default: `months` months up to `to`. */
  declare from: string | undefined;
  /** Last month of the period (`YYYY-MM`, included; or an exclusive date); default: the month of `now`. */
  declare to: string | undefined;
  /** The present (ISO date) for the default period; default: now. */
  declare now: string | undefined;
  /** Months in the default period; default 6. */
  declare months: number;
  /** Score weights, e.g. `handled:1,onTime:2,patrol:1,care:1` (default all 1; 0 leaves a share out). */
  declare weights: Partial<AssessmentWeights>;
  /** Column sorted by (default `score`). */
  declare sort: AssessmentColumn;
  /** `desc` (default) or `asc`. */
  declare order: 'asc' | 'desc';
  /** Id of the selected grid, kept in sync with the map's grid layer. */
  declare selected: string | undefined;
  /** UI language; default: inherited (the map's). */
  declare lang: string;

  /** Follows the map's layers and grid selection; the rows' keys. */
  private readonly panel = new MapPanelController(this, () => this.queue());
  declare _busy: boolean;

  private grids: GridFeature[] = [];
  private figures: PeriodFigures[][] = [];
  private computed: AssessmentRow[] = [];
  private monthNames: string[] = [];
  private epoch = 0;
  private patrolKey: unknown[] = [];
  private patrolFigures: Array<Map<string, Parameters<typeof addPatrol>[1]>> = [];
  private queued = false;

  constructor() {
    super();
    this.by = 'grid';
    this.months = 6;
    this.weights = {};
    this.sort = 'score';
    this.order = 'desc';
    this._busy = false;
  }

  /** The rows, sorted as shown. */
  get rows(): AssessmentRow[] {
    const key = this.sort;
    const sign = this.order === 'desc' ? -1 : 1;
    return [...this.computed].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      // Rows without a figure go last either way.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return sign * c || a.label.localeCompare(b.label, 'zh-CN');
    });
  }

  /** The months of the period (`YYYY-MM`), as in each row's `months` and `trend`. */
  get periodMonths(): readonly string[] {
    return this.monthNames;
  }

  /** Resolves when the figures (including the patrol coverage from the worker) are up to date. */
  async settled(): Promise<void> {
    await this.updateComplete;
    while (this._busy || this.queued) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await this.updateComplete;
    }
  }

  /** Selects a grid on the map (a worker's row: the worker's first grid); `null` clears. */
  select(id: string | null): void {
    const grid = this.by === 'worker' ? this.computed.find((r) => r.id === id)?.grids[0] : id;
    const layer = layersOf(mapOf(this), 'wg-grid-layer')[0];
    if (layer) layer.select(grid ?? null, { zoom: grid != null });
    else this.selected = grid ?? undefined;
  }

  /** The table as CSV: the columns, then the score of each month. */
  toCsv(): string {
    const t = this.t;
    const header = [
      ...COLUMNS.filter((c) => c !== 'worker' || this.by === 'grid').map((c) =>
        c === 'label' && this.by === 'worker' ? t.workerLabel : t.columns[c]!,
      ),
      ...this.monthNames,
    ];
    const lines = [header.map(csvCell).join(',')];
    for (const row of this.rows) {
      const values = COLUMNS.filter((c) => c !== 'worker' || this.by === 'grid').map((c) => {
        const v = row[c as keyof AssessmentRow] as string | number | null;
        return typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(1)) : v;
      });
      lines.push(
        [...values, ...row.trend.map((v) => (v === null ? null : Number(v.toFixed(1))))]
          .map(csvCell)
          .join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  /** Saves `toCsv()` as a file (with a byte-order mark so spreadsheet programs read the Chinese). */
  downloadCsv(filename = 'assessment.csv'): void {
    download(filename, this.toCsv(), 'text/csv;charset=utf-8', { bom: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.queue();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('for') ||
      changed.has('from') ||
      changed.has('to') ||
      changed.has('now') ||
      changed.has('months')
    )
      this.queue();
    else if (changed.has('weights') || changed.has('by')) this.rank();
  }

  override render() {
    const t = this.t;
    const rows = this.rows;
    const first = this.monthNames[0];
    const last = this.monthNames[this.monthNames.length - 1];
    const columns = COLUMNS.filter((c) => c !== 'worker' || this.by === 'grid');
    const weights = { ...DEFAULT_ASSESSMENT_WEIGHTS, ...this.weights };
    return html`<header>
        <h2>${t.title(rows.length, this.by)}${first ? html` · ${t.period(first, last!)}` : nothing}</h2>
        <span class="controls">
          <select
            aria-label=${t.by[this.by]!}
            @change=${(e: Event) => (this.by = (e.target as HTMLSelectElement).value as 'grid' | 'worker')}
          >
            ${(['grid', 'worker'] as const).map(
              (by) => html`<option value=${by} ?selected=${by === this.by}>${t.by[by]}</option>`,
            )}
          </select>
          <button type="button" part="export" @click=${() => this.downloadCsv()}>${t.exportCsv}</button>
        </span>
      </header>
      <details>
        <summary>${t.weights}</summary>
        <fieldset part="weights">
          ${WEIGHTS.map(
            (key) =>
              html`<label
                >${t.weightNames[key]}
                <input
                  type="number"
                  min="0"
                  step="0.5"
                  name=${key}
                  .value=${String(weights[key])}
                  @change=${this.onWeight}
              /></label>`,
          )}
        </fieldset>
      </details>
      ${this._busy ? html`<p role="status">${t.measuring}</p>` : nothing}
      ${this.grids.length === 0 ? html`<p>${t.empty}</p>` : nothing}
      ${this.grids.length > 0 && rows.length === 0 && this.by === 'worker' ? html`<p>${t.noWorkers}</p>` : nothing}
      <table part="table">
        <thead>
          <tr>
            ${columns.map(
              (c) =>
                html`${c === 'handled' ? html`<th scope="col">${t.columns.trend}</th>` : nothing}
                  <th
                    scope="col"
                    aria-sort=${c === this.sort ? (this.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" data-column=${c} @click=${() => this.sortBy(c)}>
                      ${c === 'label' && this.by === 'worker' ? t.workerLabel : t.columns[c]}${
                        c === this.sort ? (this.order === 'asc' ? ' ▲' : ' ▼') : ''
                      }
                    </button>
                  </th>`,
            )}
          </tr>
        </thead>
        <tbody @keydown=${this.panel.rowKeys}>
          ${rows.map((row) => {
            const selected =
              this.selected !== undefined &&
              (this.by === 'worker' ? row.grids.includes(this.selected) : row.id === this.selected);
            return html`<tr
              data-id=${row.id}
              aria-selected=${selected ? 'true' : 'false'}
              tabindex="0"
              @click=${() => this.select(row.id)}
            >
              <td>${row.label}</td>
              ${this.by === 'grid' ? html`<td>${row.worker}</td>` : nothing}
              <td class=${row.score !== null && row.score < 60 ? 'low' : ''}>${cell(row.score)}</td>
              <td>${this.trend(row.trend)}</td>
              <td>${row.handled}</td>
              <td>${percent(row.handledRate)}</td>
              <td>${percent(row.onTime)}</td>
              <td>${percent(row.patrol)}</td>
              <td>${percent(row.care)}</td>
              <td>${cell(row.issuesPer100, 1)}</td>
              <td>${row.households}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  /** A small line of the monthly scores (0–100); its title lists them as text. */
  private trend(values: Array<number | null>) {
    const w = 72;
    const h = 18;
    const n = values.length;
    const x = (i: number) => (n > 1 ? (i * (w - 4)) / (n - 1) + 2 : w / 2);
    const y = (v: number) => h - 2 - ((h - 4) * v) / 100;
    const points = values
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const lastIndex = values.findLastIndex((v) => v !== null);
    const label = this.t.trend(
      values.map((v, i) => `${this.monthNames[i]} ${v === null ? this.t.none : v.toFixed(0)}`).join('，'),
    );
    return html`<svg
      part="trend"
      width=${w}
      height=${h}
      viewBox="0 0 ${w} ${h}"
      role="img"
      aria-label=${label}
    >
      ${svg`<title>${label}</title>
        <line x1="2" x2=${w - 2} y1=${y(60)} y2=${y(60)} stroke="#d0d5dd" stroke-dasharray="2 2" />
        <polyline points=${points.join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" />
        ${lastIndex >= 0 ? svg`<circle cx=${x(lastIndex)} cy=${y(values[lastIndex]!)} r="2" fill="currentColor" />` : nothing}`}
    </svg>`;
  }

  private get t(): AssessmentMessages {
    return assessmentMessages(this.lang || inheritedLang(this) || '');
  }

  private sortBy(column: AssessmentColumn) {
    if (this.sort === column) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = column;
      this.order = column === 'label' || column === 'worker' ? 'asc' : 'desc';
    }
  }

  private onWeight = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const value = Number(input.value);
    if (!Number.isFinite(value) || value < 0) {
      input.value = String(
        { ...DEFAULT_ASSESSMENT_WEIGHTS, ...this.weights }[input.name as keyof AssessmentWeights],
      );
      return;
    }
    this.weights = { ...this.weights, [input.name]: value };
  };

  /** The period's month edges (ms). */
  private edges(): number[] {
    const current = monthOf(edgeOf(this.now, false) ?? Date.now());
    const to = edgeOf(this.to, true) ?? Date.parse(monthWindow(current).to);
    const lastMonth = monthOf(to - 1);
    const earliest = Date.parse(monthWindow(addMonths(lastMonth, 1 - MAX_MONTHS)).from);
    const from =
      edgeOf(this.from, false) ?? Date.parse(monthWindow(addMonths(lastMonth, 1 - this.months)).from);
    if (from < earliest)
      this.dispatchEvent(
        new WgErrorEvent({
          reason: 'period-too-long',
          message: `<wg-assessment> from=${this.from} to=${this.to ?? lastMonth} is more than ${MAX_MONTHS} months; showing the last ${MAX_MONTHS}.`,
          source: 'wg-assessment',
        }),
      );
    return monthEdges(Math.min(Math.max(from, earliest), to - 1), to);
  }

  /** Recomputes once in the next frame (many layers change at once on load). */
  private queue() {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      void this.compute();
    });
  }

  /** Issue figures at once; patrol coverage per month from the track layer (its worker), then. */
  private async compute() {
    const epoch = ++this.epoch;
    const map = mapOf(this);
    const grids = layersOf(map, 'wg-grid-layer')[0]?.grids ?? [];
    const issueLayer = layersOf(map, 'wg-issue-layer')[0];
    const trackLayer = layersOf(map, 'wg-track-layer')[0];
    const edges = this.edges();
    this.monthNames = edges.slice(0, -1).map((e) => monthOf(e));
    // The issue layer locates its issues in its own grids: map those to ours by id.
    const located = issueLayer?.located;
    const ours = new Map(grids.map((g, i) => [g.properties.id, i]));
    const theirs = Int32Array.from(located?.grids ?? [], (g) => ours.get(g.properties.id) ?? -1);
    const gridOf = Int32Array.from(located?.gridOf ?? [], (g) => (g >= 0 ? theirs[g]! : -1));
    this.grids = grids;
    this.figures = issueFigures(
      located?.issues ?? [],
      gridOf,
      grids.length,
      edges,
      rulesOf(issueLayer?.limits, issueLayer?.calendar),
    );
    // Patrol per month and for the period: measured again only when what it depends on changed.
    const key = [
      trackLayer,
      trackLayer?.revision,
      trackLayer?.units,
      trackLayer?.radius,
      trackLayer?.visitMinutes,
      grids,
      edges.join(),
    ];
    if (trackLayer && key.some((k, i) => k !== this.patrolKey[i])) {
      this.patrolFigures = [];
      this.patrolKey = []; // until this run completes, nothing is measured
      this.rank();
      this._busy = true;
      const periods = [
        ...edges.slice(0, -1).map((e, k) => [e, edges[k + 1]!]),
        [edges[0]!, edges[edges.length - 1]!],
      ];
      const measured = [];
      for (const [from, to] of periods) {
        let coverage;
        try {
          coverage = await trackLayer.coverageFor(from, to, () => epoch !== this.epoch);
        } catch {
          coverage = undefined; // a failed measure leaves the patrol columns empty, not "measuring" forever
          if (epoch === this.epoch) this._busy = false;
        }
        if (!coverage || epoch !== this.epoch) return;
        measured.push(coverage);
      }
      this.patrolFigures = measured;
      this.patrolKey = key;
      this._busy = false;
    } else if (!trackLayer) this.patrolFigures = [];
    if (epoch !== this.epoch) return;
    // (A run superseded while measuring leaves `_busy` to the run that superseded it.)
    this._busy = false;
    this.rank();
  }

  /** The rows from the figures and the weights. */
  private rank() {
    const figures = this.figures.map((months, g) => {
      const id = this.grids[g]?.properties.id;
      return months.map((f, k) => {
        const copy = { ...f };
        addPatrol(copy, id === undefined ? undefined : this.patrolFigures[k]?.get(id));
        return copy;
      });
    });
    this.computed = assess(
      this.grids.map((g) => ({
        id: g.properties.id,
        code: String(g.properties.code ?? g.properties.id),
        name: String(g.properties.name ?? ''),
        worker: g.properties.worker === undefined ? '' : String(g.properties.worker),
        households: Number(g.properties.households) || 0,
        ...(g.properties.community ? { community: String(g.properties.community) } : {}),
      })),
      figures,
      { weights: this.weights, by: this.by },
    );
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-assessment': WgAssessment;
  }
}
