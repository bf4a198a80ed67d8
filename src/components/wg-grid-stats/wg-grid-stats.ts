import { html, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import { WgElement, weightsConverter } from '../base.ts';
import { tableStyles } from '../table.styles.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import { buildGridIndex } from '../../core/aggregate.ts';
import {
  OVERLOAD,
  workerKey,
  workloadByWorker,
  workloadIndex,
  type WorkloadWeights,
} from '../../core/workload.ts';
import { layersOf, mapOf } from './map-layers.ts';
import type { WgGridLayer } from '../wg-grid-layer/wg-grid-layer.ts';
import { csvCell } from '../../core/csv-cell.ts';
import { MapPanelController } from '../map-panel.ts';
import { download } from '../download.ts';

/** One row of the table: a grid's figures. */
export interface GridStatsRow {
  id: string;
  code: string;
  name: string;
  worker: string;
  households: number;
  care: number;
  open: number;
  overdue: number;
  /** Share of handled issues closed by their deadline, 0–100; null without deadline rules or none handled. */
  onTime: number | null;
  /** Share of buildings walked past in the period (`<wg-track-layer>`), 0–100; null without tracks. */
  patrol: number | null;
  /** Not walked for the track layer's `stale-days`. */
  stale: boolean;
  stations: number;
  /** Share of households within the stations' walking radius, 0–100; null without units. */
  coverage: number | null;
  /** Workload index: 1 is the mean of the grids. */
  workload: number;
  /** The grid's worker is above 120 % of the mean workload of the workers. */
  overloaded: boolean;
}

export type GridStatsColumn =
  | 'code'
  | 'worker'
  | 'households'
  | 'care'
  | 'open'
  | 'overdue'
  | 'onTime'
  | 'patrol'
  | 'stations'
  | 'coverage'
  | 'workload';
const COLUMNS: GridStatsColumn[] = [
  'code',
  'worker',
  'households',
  'care',
  'open',
  'overdue',
  'onTime',
  'patrol',
  'stations',
  'coverage',
  'workload',
];

/**
 * A sortable table of per-grid figures beside or inside the map, in sync with the map's grid selection.
 *
 * @tag wg-grid-stats
 * @summary Grid code, worker, households, care, open and overdue issues, stations, coverage and workload per grid.
 *
 * @event wg-grid-select - Not fired by the table itself: choosing a row selects the grid on the map's grid layer, which fires it.
 *
 * @csspart table - The table.
 * @csspart export - The CSV export button.
 * @csspart overloaded - The line naming the overloaded workers.
 *
 * @cssproperty --wg-panel-background - Background of the table.
 * @cssproperty --wg-panel-color - Text colour of the table.
 * @cssproperty --wg-overloaded - Background of rows whose worker is overloaded.
 */
export class WgGridStats extends WgElement {
  static override styles: CSSResultGroup = [WgElement.styles, tableStyles];

  static override properties = {
    for: { reflect: true },
    weights: { converter: weightsConverter<WorkloadWeights>() },
    sort: { reflect: true },
    order: { reflect: true },
    selected: { reflect: true },
    lang: {},
  };

  /** Id of the `<wg-map>` whose layers the table reads; default: the `<wg-map>` it sits in. */
  declare for: string | undefined;
  /** Workload weights, e.g. `households:1,care:1,open:1,overdue:2` (default all 1). */
  declare weights: Partial<WorkloadWeights>;
  /** Column sorted by (default `code`). */
  declare sort: GridStatsColumn;
  /** `asc` (default) or `desc`. */
  declare order: 'asc' | 'desc';
  /** Id of the selected grid, kept in sync with the map's grid layer. */
  declare selected: string | undefined;
  /** UI language; default: the map's. */
  declare lang: string;

  /** Follows the map's layers and grid selection; the rows' keys. */
  private readonly panel = new MapPanelController(this, () => this.invalidate());

  private computed: GridStatsRow[] = [];
  private dirty = true;

  constructor() {
    super();
    this.weights = {};
    this.sort = 'code';
    this.order = 'asc';
  }

  /** The rows, sorted as shown. */
  get rows(): GridStatsRow[] {
    if (this.dirty) this.compute();
    const key = this.sort;
    const sign = this.order === 'desc' ? -1 : 1;
    return [...this.computed].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x ?? '').localeCompare(String(y ?? ''), 'zh-CN');
      return sign * c || a.code.localeCompare(b.code);
    });
  }

  /** Selects a grid on the map (and so in the table); `null` clears. */
  select(id: string | null): void {
    const layer = this.gridLayer();
    if (layer) layer.select(id, { zoom: id !== null });
    else this.selected = id ?? undefined;
  }

  /** The table as CSV (UTF-8 text, header in the UI language). */
  toCsv(): string {
    const t = this.t;
    const lines = [COLUMNS.map((c) => csvCell(t.columns[c] ?? c)).join(',')];
    for (const row of this.rows) {
      lines.push(
        COLUMNS.map((c) => {
          const v = row[c];
          return csvCell(
            c === 'workload'
              ? Number((v as number).toFixed(3))
              : (c === 'coverage' || c === 'onTime' || c === 'patrol') && v !== null
                ? Number((v as number).toFixed(1))
                : v,
          );
        }).join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  /** Saves `toCsv()` as a file (with a byte-order mark so spreadsheet programs read the Chinese). */
  downloadCsv(filename = 'grids.csv'): void {
    download(filename, this.toCsv(), 'text/csv;charset=utf-8', { bom: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    requestAnimationFrame(() => this.invalidate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('weights') || changed.has('for')) this.dirty = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selected') && this.selected) {
      this.renderRoot
        .querySelector<HTMLElement>(`tr[data-id="${CSS.escape(this.selected)}"]`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }

  override render() {
    const t = this.t;
    const rows = this.rows;
    const overloaded = [...new Set(rows.filter((r) => r.overloaded).map((r) => r.worker))];
    const sum = (key: 'households' | 'care' | 'open' | 'overdue' | 'stations') =>
      rows.reduce((s, r) => s + r[key], 0);
    const coverage = this.overallCoverage();
    const onTime = this.overallOnTime;
    return html`<header>
        <h2>${t.stats(rows.length)}</h2>
        <button type="button" part="export" @click=${() => this.downloadCsv()}>${t.exportCsv}</button>
      </header>
      <table part="table">
        <thead>
          <tr>
            ${COLUMNS.map(
              (c) =>
                html`<th
                  scope="col"
                  aria-sort=${c === this.sort ? (this.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" data-column=${c} @click=${() => this.sortBy(c)}>
                    ${t.columns[c]}${c === this.sort ? (this.order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>`,
            )}
          </tr>
        </thead>
        <tbody @keydown=${this.panel.rowKeys}>
          ${rows.map(
            (row) =>
              html`<tr
                data-id=${row.id}
                class=${row.overloaded ? 'overloaded' : ''}
                aria-selected=${row.id === this.selected ? 'true' : 'false'}
                tabindex="0"
                @click=${() => this.select(row.id)}
              >
                <td title=${row.name}>${row.code}</td>
                <td>${row.worker}</td>
                <td>${row.households}</td>
                <td>${row.care}</td>
                <td>${row.open}</td>
                <td class=${row.overdue > 0 ? 'late' : ''}>${row.overdue}</td>
                <td>${row.onTime === null ? '–' : `${row.onTime.toFixed(0)}%`}</td>
                <td class=${row.stale ? 'late' : ''}>
                  ${row.patrol === null ? '–' : `${row.patrol.toFixed(0)}%`}
                </td>
                <td>${row.stations}</td>
                <td>${row.coverage === null ? '–' : `${row.coverage.toFixed(0)}%`}</td>
                <td class="workload">${row.workload.toFixed(2)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <td>${t.overall}</td>
            <td></td>
            <td>${sum('households')}</td>
            <td>${sum('care')}</td>
            <td>${sum('open')}</td>
            <td>${sum('overdue')}</td>
            <td>${onTime === null ? '–' : `${onTime.toFixed(0)}%`}</td>
            <td></td>
            <td>${sum('stations')}</td>
            <td>${coverage === null ? '–' : `${coverage.toFixed(0)}%`}</td>
            <td>1.00</td>
          </tr>
        </tfoot>
      </table>
      <p part="overloaded" class=${overloaded.length ? 'warn' : ''}>
        ${overloaded.length ? t.overloaded(overloaded.join('、')) : t.noneOverloaded}
      </p>`;
  }

  private get t(): Messages {
    return messages(this.lang || (mapOf(this) as (HTMLElement & { lang?: string }) | null)?.lang);
  }

  private gridLayer(): WgGridLayer | undefined {
    return layersOf(mapOf(this), 'wg-grid-layer')[0];
  }

  private overallCoverage(): number | null {
    return layersOf(mapOf(this), 'wg-station-layer')[0]?.coverage?.overall.percent ?? null;
  }

  private sortBy(column: GridStatsColumn) {
    if (this.sort === column) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = column;
      this.order = column === 'code' || column === 'worker' ? 'asc' : 'desc';
    }
  }

  private invalidate() {
    this.dirty = true;
    this.requestUpdate();
  }

  /** On-time share over all grids' handled issues, 0–100, or null. */
  private overallOnTime: number | null = null;

  private compute() {
    this.dirty = false;
    const map = mapOf(this);
    const grids = layersOf(map, 'wg-grid-layer')[0]?.grids ?? [];
    const counts = layersOf(map, 'wg-issue-layer')[0]?.gridCounts;
    const stationLayer = layersOf(map, 'wg-station-layer')[0];
    const patrol = layersOf(map, 'wg-track-layer')[0]?.coverage;
    const perGridCoverage = stationLayer?.coverage?.perGrid;
    const stationCount = new Int32Array(grids.length);
    if (stationLayer) {
      const index = buildGridIndex(grids.map((g) => g.geometry));
      for (const station of stationLayer.data?.features ?? []) {
        const at = (station.geometry as GeoJSON.Point | null)?.coordinates;
        const g = at ? index.locate(at[0]!, at[1]!) : -1;
        if (g >= 0) stationCount[g]!++;
      }
    }
    let handled = 0;
    let inTime = 0;
    const rows: GridStatsRow[] = grids.map((grid, g) => {
      const p = grid.properties;
      const c = counts?.get(p.id);
      handled += c?.handled ?? 0;
      inTime += c?.onTime ?? 0;
      return {
        id: p.id,
        code: String(p.code ?? p.id),
        name: String(p.name ?? ''),
        worker: String(p.worker ?? ''),
        households: Number(p.households) || 0,
        care: Number(p.care) || 0,
        open: c?.open ?? 0,
        overdue: c?.overdue ?? 0,
        onTime: c?.handled ? (100 * c.onTime!) / c.handled : null,
        patrol: patrol?.get(p.id)?.share ?? null,
        stale: patrol?.get(p.id)?.stale ?? false,
        stations: stationCount[g]!,
        coverage: perGridCoverage ? (perGridCoverage.get(p.id)?.percent ?? null) : null,
        workload: 0,
        overloaded: false,
      };
    });
    const index = workloadIndex(rows, this.weights);
    rows.forEach((row, i) => (row.workload = index[i]!));
    const community = (g: number) => (grids[g]!.properties.community as string | undefined) || undefined;
    const overloadedWorkers = new Set(
      workloadByWorker(
        rows.map((r, g) => ({ ...r, community: community(g) })),
        this.weights,
      )
        .filter((w) => w.overloaded)
        .map((w) => workerKey(w.worker, w.community)),
    );
    rows.forEach((row, g) => {
      row.overloaded = row.worker
        ? overloadedWorkers.has(workerKey(row.worker, community(g)))
        : row.workload > OVERLOAD;
    });
    this.computed = rows;
    this.overallOnTime = handled ? (100 * inTime) / handled : null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-grid-stats': WgGridStats;
  }
}
