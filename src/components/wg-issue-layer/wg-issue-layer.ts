import { css, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { MapAdapter } from '../../map/adapter.ts';
import { WgLayer } from '../layer.ts';
import { oneOf, type PropertyCheck } from '../base.ts';
import type { GridFeature, IssueFeature } from '../../core/types.ts';
import { validationSteps } from '../../core/validate.ts';
import { drain, type Steps } from '../../core/steps.ts';
import type { LimitsInput, WorkCalendar } from '../../core/deadlines.ts';
import type * as Deadlines from '../../core/deadlines.ts';
import {
  buildGridIndex,
  classOf,
  countPerGrid,
  measureOf,
  niceBreaks,
  type GridIssueCounts,
  type IssueMeasure,
} from '../../core/aggregate.ts';
import {
  circleLayer,
  clusterLayers,
  heatmapLayer,
  issueLegend,
  LOAD_BY_STATE,
  LOAD_COLORS,
  tiledLoadColor,
} from './issue-styles.ts';
import { openTextPopup } from '../../map/popup.ts';
import {
  GEOJSON_FIELDS,
  issueFilter,
  tiledOverdue,
  tileFields,
  type IssueQuery,
} from '../../map/issue-filters.ts';
import { WgIssueSelectEvent } from '../../events/wg-issue-select.ts';
import { issueList, popupRows } from './issue-view.ts';
import { issueOf, readTiles } from './issue-tiles.ts';
import { WgLayerChangeEvent } from '../../events/wg-layer-change.ts';
import { layersOf, mapOf, type LegendSection, type LegendSource } from '../wg-grid-stats/map-layers.ts';
import type { WgGridLayer } from '../wg-grid-layer/wg-grid-layer.ts';

export { LOAD_COLORS, STAGE_COLORS } from './issue-styles.ts';
export { isOverdue } from '../../core/issue-filter.ts';
import {
  clausesOf,
  isOverdue,
  isPeriodClause,
  toPredicate,
  type IssueReaders,
} from '../../core/issue-filter.ts';

export type IssueMode = 'points' | 'clusters' | 'heatmap';

const list = {
  fromAttribute: (value: string | null) =>
    value
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  toAttribute: (value: string[]) => value.join(','),
};
const time = (value: string | undefined) => {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

export type IssueAggregate = 'none' | 'grid';

/**
 * Residents' issues (居民诉求) as points, clusters or a heatmap, coloured by stage; overdue issues stand
 * out. With `aggregate="grid"` it also colours the grids of a `<wg-grid-layer>` by issue load, counted
 * by location against the grids' current polygons (so the counts follow an edited boundary).
 *
 * From vector tiles (`source-type="vector"`) the filters are MapLibre filters on the tiles' Open311
 * properties (times as UTC ISO strings), the list holds the issues of the loaded tiles, and
 * `aggregate="grid"` colours a tiled grid layer by the `total`, `open` and `overdue` counts its grid
 * tiles carry (counted by the server, so the issue filters do not change them).
 *
 * @summary Draws residents' issues with filters by stage, category, time and overdue, and per-grid load.
 *
 * @event wg-issue-select - An issue was selected: `detail` is `{ id, properties }`.
 * @event wg-layer-change - The issues shown or the per-grid counts changed (filters, data, grids).
 * @event wg-error - Invalid issues: `detail` is `{ reason, message, source, ids }`.
 *
 * @csspart list - The list of the issues that pass the filters.
 */
export class WgIssueLayer extends WgLayer<IssueFeature> implements LegendSource {
  static override styles: CSSResultGroup = [
    WgLayer.styles,
    css`
      .overdue {
        color: #b00020;
        font-weight: 600;
      }
      .soon {
        color: #b45309;
        font-weight: 600;
      }
    `,
  ];

  static override checks: Record<string, PropertyCheck> = {
    ...WgLayer.checks,
    mode: oneOf('mode', ['points', 'clusters', 'heatmap']),
  };

  static override properties = {
    ...WgLayer.properties,
    mode: { reflect: true },
    stages: { converter: list },
    categories: { converter: list },
    from: {},
    to: {},
    now: {},
    overdueOnly: { type: Boolean, attribute: 'overdue-only' },
    weightProperty: { attribute: 'weight-property' },
    aggregate: { reflect: true },
    measure: {},
    gridLayer: { attribute: 'grid-layer' },
    listOpen: { type: Boolean, attribute: 'list-open' },
    limits: {},
    calendar: { attribute: false },
  };

  /** `points` (default), `clusters` or `heatmap`. */
  declare mode: IssueMode;
  /** Stages to show (attribute: comma list); empty shows all. */
  declare stages: string[];
  /** Categories (`service_name` or `service_code`) to show; empty shows all. */
  declare categories: string[];
  /** Show issues requested at or after this ISO date. */
  declare from: string | undefined;
  /** Show issues requested before this ISO date. */
  declare to: string | undefined;
  /** The time overdue is judged at (ISO date); default: now. */
  declare now: string | undefined;
  /** Show only overdue issues (past `expected_datetime`, not closed). */
  declare overdueOnly: boolean;
  /** Heatmap weight: a numeric property of each issue; default 1 per issue. */
  declare weightProperty: string | undefined;
  /** `grid` colours the grids by `measure`; `none` (default) does not. */
  declare aggregate: IssueAggregate;
  /** What `aggregate="grid"` colours by: `open-rate` (open issues per 100 households, default), `open`, `overdue` or `total`. */
  declare measure: IssueMeasure;
  /** Id of the `<wg-grid-layer>` to aggregate over; default: the first grid layer of the same map. */
  declare gridLayer: string | undefined;
  /** Whether the issue list starts expanded (it always does when the map cannot be drawn). */
  declare listOpen: boolean;
  /**
   * Handling time limits in hours per category (`service_name` or `service_code`), as an object or
   * the attribute `飞线充电:24,污水管道堵塞:48`; an issue of another category keeps its own
   * `expected_datetime`. Open issues past 80 % of their limit are `soon`, past it overdue.
   */
  declare limits: LimitsInput;
  /** Working time for the limits (`WorkCalendar`: hours, weekdays, holidays, make-up days); default the clock. */
  declare calendar: WorkCalendar | undefined;

  private shown: IssueFeature[] = [];
  private keep = new Uint8Array(0);
  private times = new Float64Array(0);
  private open = new Uint8Array(0);
  private late: Uint8Array = new Uint8Array(0);
  private soon: Uint8Array = new Uint8Array(0);
  /** With deadline rules: 1 handled on time, 2 handled late, 0 otherwise. */
  private handled?: Uint8Array;
  /** `core/deadlines.ts`, loaded when `limits` or `calendar` is first set. */
  private deadlines?: typeof Deadlines;
  private newestFirst = new Int32Array(0);
  private gridOf = new Int32Array(0);
  /** Someone reads per-grid figures (a stats table, the assessment): locate issues with every change. */
  private gridsWanted = false;
  /** `expected_datetime` of each issue in ms (NaN without one), parsed once per input. */
  private expected = new Float64Array(0);
  private grids: GridFeature[] = [];
  private counts: GridIssueCounts[] = [];
  private breaks: number[] = niceBreaks(0);
  private builtMode?: IssueMode;
  private builtAggregate?: IssueAggregate;
  private changedSinceEvent = false;
  /** With vector tiles: the issues of the loaded tiles that pass the filters, newest first. */
  private tileIssues: IssueFeature[] = [];
  /** With tiled grids: counts and households per grid id, read from the loaded grid tiles. */
  private tileCounts = new Map<string, GridIssueCounts & { households?: number }>();

  constructor() {
    super('issue');
    this.mode = 'points';
    this.stages = [];
    this.categories = [];
    this.overdueOnly = false;
    this.aggregate = 'none';
    this.measure = 'open-rate';
    this.listOpen = false;
  }

  /** The issues that pass the current filters, as drawn. */
  get filtered(): readonly IssueFeature[] {
    return this.vector ? this.tileIssues : this.shown;
  }

  /** Total, open and overdue issues per grid id under the current filters (located in the grids' current polygons). */
  get gridCounts(): Map<string, GridIssueCounts> {
    this.ensureLocated();
    if (this.vector)
      return new Map(
        [...this.tileCounts].map(([id, { total, open, overdue }]) => [id, { total, open, overdue }]),
      );
    return new Map(
      this.grids.map((grid, g) => [grid.properties.id, this.counts[g] ?? { total: 0, open: 0, overdue: 0 }]),
    );
  }

  /**
   * Every issue accepted (not only those the filters show) with the index of the grid it lies in
   * (-1: none), and those grids; empty with vector tiles. For `<wg-assessment>`.
   */
  get located(): { issues: readonly IssueFeature[]; gridOf: Int32Array; grids: readonly GridFeature[] } {
    this.ensureLocated();
    const n = this.features.length;
    return this.vector || this.gridOf.length !== n
      ? { issues: [], gridOf: new Int32Array(0), grids: [] }
      : { issues: this.features, gridOf: this.gridOf, grids: this.grids };
  }

  /** The inner class breaks of the per-grid colouring (values of `measure`). */
  get loadBreaks(): readonly number[] {
    return this.breaks;
  }

  /** Selects an issue: opens its popup (description as text) and fires `wg-issue-select`. */
  select(id: string, tiled?: IssueFeature): void {
    const issue =
      tiled ??
      (this.vector ? this.tileIssues : this.features).find((f) => f.properties.service_request_id === id);
    if (!issue) return;
    const p = issue.properties;
    if (this.map) {
      openTextPopup(
        this.map,
        issue.geometry.coordinates as [number, number],
        p.service_name,
        popupRows(this.t, p, this.standing(p, this.nowMs())),
      );
    }
    this.dispatchEvent(new WgIssueSelectEvent(id, p));
  }

  /** What `<wg-legend>` shows for this layer. */
  legend(): LegendSection[] {
    return issueLegend(this.t, {
      aggregate: this.aggregate,
      measure: this.measure,
      breaks: this.breaks,
      mode: this.mode,
      stages: this.stages,
      deadlines: this.limits !== undefined || this.calendar !== undefined,
    });
  }

  protected validate(input: unknown) {
    return validationSteps('issues', input);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('wg-layer-change', this.onLayerChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('wg-layer-change', this.onLayerChange);
  }

  /**
   * New issues: per-issue times and open flags, the newest-first order and the grid of each, in
   * steps (200,000 issues take about half a second); overdue flags and filters when applied.
   */
  protected override *prepareFeatures(features: IssueFeature[]): Steps<() => void> {
    const n = features.length;
    const times = new Float64Array(n);
    const expected = new Float64Array(n);
    const open = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i % 5000 === 4999) yield;
      const p = features[i]!.properties;
      times[i] = Date.parse(p.requested_datetime);
      expected[i] = p.expected_datetime ? Date.parse(p.expected_datetime) : NaN;
      open[i] = p.stage === 'closed' ? 0 : 1;
    }
    yield;
    const newestFirst = Int32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => times[b]! - times[a]! || a - b,
    );
    yield;
    const layer = this.resolveGridLayer();
    const gridsThen = layer?.grids;
    // Locating every issue in the grids is done only when per-grid figures are drawn or read.
    let located = this.locationNeeded() ? yield* this.locating(features) : this.unlocated();
    return () => {
      // The grids changed while the issues were being located: locate them again, now.
      if (this.locationNeeded() && this.resolveGridLayer()?.grids !== gridsThen)
        located = drain(this.locating(features));
      this.times = times;
      this.expected = expected;
      this.open = open;
      this.newestFirst = newestFirst;
      located();
      this.judgeOverdue();
      this.refilter();
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const fresh = changed.has('data');
    if ((changed.has('now') || changed.has('limits') || changed.has('calendar')) && !fresh) {
      if (changed.has('limits')) this.checkRules();
      this.judgeOverdue();
      this.refilter();
      if (this.map) this.pushData(this.map);
    }
    const filters = ['stages', 'categories', 'from', 'to', 'overdueOnly', 'measure'] as const;
    if (filters.some((key) => changed.has(key)) && !fresh && !changed.has('now')) {
      this.refilter();
      if (this.map) this.applyFilters(this.map);
    }
    if ((changed.has('gridLayer') || changed.has('aggregate')) && !fresh) {
      if (this.locationNeeded()) this.locate();
      else this.unlocated()();
      this.refilter();
    }
    if (changed.has('weightProperty') && !fresh && this.map) this.pushData(this.map);
    const rebuild =
      (changed.has('mode') && this.builtMode !== this.mode) ||
      (changed.has('aggregate') && this.builtAggregate !== this.aggregate);
    if (rebuild && this.map) {
      const map = this.map;
      this.mapDetached();
      this.mapAttached(map);
    }
    if (changed.has('mode') || changed.has('aggregate')) this.changedSinceEvent = true;
  }

  protected override updated(): void {
    if (!this.changedSinceEvent) return;
    this.changedSinceEvent = false;
    this.dispatchEvent(new WgLayerChangeEvent());
  }

  /** The grid layer's tile settings when both layers read vector tiles (aggregation then uses tile counts). */
  private tiledGrids(): WgGridLayer | undefined {
    const layer = this.resolveGridLayer();
    return this.vector && layer?.sourceType === 'vector' ? layer : undefined;
  }

  protected addToMap(map: MapAdapter): void {
    const ids = this.ids;
    if (this.vector && this.mode === 'clusters')
      this.reportError(
        'unsupported-mode',
        'Vector tiles cannot be clustered in the browser; issues are drawn as points.',
      );
    const mode = (this.builtMode = this.vector && this.mode === 'clusters' ? 'points' : this.mode);
    this.builtAggregate = this.aggregate;
    const tiledGrids = this.aggregate === 'grid' && this.vector ? this.tiledGrids() : undefined;
    if (this.aggregate === 'grid' && this.vector && !tiledGrids)
      this.reportError(
        'unsupported-aggregate',
        'aggregate="grid" on vector tiles needs a <wg-grid-layer source-type="vector"> whose tiles carry total, open and overdue counts.',
      );
    if (this.aggregate === 'grid' && (!this.vector || tiledGrids)) {
      const tiles = (tiledGrids?.tiles ?? '').split(/[\s,]+/).filter(Boolean);
      map.addSource(
        this.loadSource,
        tiledGrids
          ? {
              type: 'vector' as const,
              ...(tiles.length ? { tiles } : { url: tiledGrids.url }),
              promoteId: tiledGrids.promoteId || 'id',
            }
          : { promoteId: 'id' },
      );
      const below = map.layerIds().find((id) => id.startsWith('wg-grid-') && id.endsWith('-line'));
      map.addLayer(
        {
          id: this.loadLayer,
          type: 'fill',
          source: this.loadSource,
          ...(tiledGrids ? { 'source-layer': tiledGrids.sourceLayer || 'grids' } : {}),
          paint: {
            'fill-color': tiledGrids ? this.tiledLoadColor() : LOAD_BY_STATE,
            'fill-opacity': 0.78,
          },
        },
        below,
      );
    }
    map.addSource(
      ids.source,
      this.dataSource(mode === 'clusters' ? { cluster: true, clusterRadius: 40, clusterMaxZoom: 17 } : {}),
    );
    const tiled = this.tileLayer;
    const weightKey = this.vector ? this.weightProperty : 'weight';
    if (mode === 'heatmap') {
      map.addLayer(heatmapLayer(ids.heatmap, ids.source, tiled, weightKey));
      return;
    }
    if (mode === 'clusters') {
      for (const layer of clusterLayers(ids.cluster, ids.clusterCount, ids.source)) map.addLayer(layer);
      this.on('click', ids.cluster, async (event) => {
        const feature = event.features?.[0];
        if (!feature) return;
        const zoom = await map.clusterZoom(ids.source, feature.properties.cluster_id as number);
        map.easeTo((feature.geometry as GeoJSON.Point).coordinates, zoom);
      });
    }
    const overdue = this.vector ? this.tiledOverdue() : (['get', 'overdue'] as ExpressionSpecification);
    map.addLayer(circleLayer(ids.circle, ids.source, tiled, overdue));
    this.on('click', ids.circle, (event) => {
      const feature = event.features?.[0];
      const id = feature?.properties?.service_request_id;
      if (id === undefined) return;
      this.select(String(id), this.vector ? issueOf(feature!) : undefined);
    });
    this.on('enter', ids.circle, () => map.setCursor('pointer'));
    this.on('leave', ids.circle, () => map.setCursor(''));
  }

  /** Sends every issue once (filters are then MapLibre filters) and the grids to colour. */
  protected pushData(map: MapAdapter): void {
    if (this.vector) {
      // Overdue is judged at `now` by the paint itself.
      const overdue = this.tiledOverdue();
      map.setProperty(this.ids.circle, 'circle-radius', ['case', overdue, 6, 4.5]);
      map.setProperty(this.ids.circle, 'circle-stroke-color', ['case', overdue, '#7f0000', '#ffffff']);
      map.setProperty(this.ids.circle, 'circle-stroke-width', ['case', overdue, 2, 1]);
      this.applyFilters(map);
      return;
    }
    const weightKey = this.weightProperty;
    const clustered = this.builtMode === 'clusters';
    // Clusters are counted by the source itself, so a clustered source only gets the issues that pass.
    const sent = clustered ? this.shown : this.features;
    const late = clustered ? null : this.late;
    map.setData(this.ids.source, {
      type: 'FeatureCollection',
      features: sent.map((f, i) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          service_request_id: f.properties.service_request_id,
          stage: f.properties.stage,
          cat: f.properties.service_name,
          code: f.properties.service_code ?? '',
          t: late ? this.times[i]! : 0,
          overdue: late ? late[i] === 1 : isOverdue(f.properties, this.nowMs()),
          soon: late ? this.soon[i] === 1 : false,
          weight: weightKey ? Number(f.properties[weightKey]) || 0 : 1,
        },
      })),
    });
    this.pushGrids(map);
  }

  /** Sends the grids the issues are counted in (for the per-grid colouring) and repaints the load. */
  private pushGrids(map: MapAdapter): void {
    map.setData(this.loadSource, {
      type: 'FeatureCollection',
      features: this.grids.map((g) => ({
        type: 'Feature',
        geometry: g.geometry,
        properties: { id: g.properties.id },
      })),
    });
    this.applyFilters(map);
  }

  /** Shows the current filters: a MapLibre filter on the points or heatmap, and the grids' load classes. */
  private applyFilters(map: MapAdapter) {
    const ids = this.ids;
    if (this.vector) {
      const filter = this.tiledFilter();
      map.setFilter(ids.heatmap, filter);
      map.setFilter(ids.circle, filter);
      map.setProperty(this.loadLayer, 'fill-color', this.tiledLoadColor());
      this.readTiles();
      return;
    }
    if (this.builtMode === 'clusters') {
      map.setData(ids.source, {
        type: 'FeatureCollection',
        features: this.shown.map((f) => ({
          type: 'Feature',
          geometry: f.geometry,
          properties: {
            service_request_id: f.properties.service_request_id,
            stage: f.properties.stage,
            overdue: isOverdue(f.properties, this.nowMs()),
          },
        })),
      });
    } else {
      const filter = this.filterExpression();
      map.setFilter(ids.heatmap, filter);
      map.setFilter(ids.circle, filter);
    }
    if (map.has(this.loadSource)) {
      this.grids.forEach((grid, g) => {
        const value = measureOf(
          this.counts[g]!,
          grid.properties.households as number | undefined,
          this.measure,
        );
        map.setFeatureState(
          { source: this.loadSource, id: grid.properties.id },
          { load: classOf(value, this.breaks) },
        );
      });
    }
  }

  private query(): IssueQuery {
    return {
      stages: this.stages,
      categories: this.categories,
      from: time(this.from),
      to: time(this.to),
      overdueOnly: this.overdueOnly,
    };
  }

  private tiledOverdue(): ExpressionSpecification {
    return tiledOverdue(this.nowMs());
  }

  /** The filters on tiles: the Open311 properties as served. */
  private tiledFilter(): FilterSpecification {
    return issueFilter(this.query(), tileFields(this.nowMs()));
  }

  private tiledLoadColor(): ExpressionSpecification {
    return tiledLoadColor(this.measure, this.breaks);
  }

  /** With tiles: the issues of the loaded tiles that pass the filters, and the counts of the loaded grid tiles. */
  private readTiles() {
    const map = this.map;
    if (!map) return;
    const { issues, counts, breaks } = readTiles(map, {
      loaded: this.loadedFeatures(this.tiledFilter()),
      grids: this.aggregate === 'grid' ? this.tiledGrids() : undefined,
      loadSource: this.loadSource,
      measure: this.measure,
    });
    const sameIssues =
      issues.length === this.tileIssues.length &&
      issues.every(
        (f, i) => f.properties.service_request_id === this.tileIssues[i]!.properties.service_request_id,
      );
    const sameCounts = JSON.stringify([...counts]) === JSON.stringify([...this.tileCounts]);
    const sameBreaks = breaks.join() === this.breaks.join();
    if (sameIssues && sameCounts && sameBreaks) return;
    this.tileIssues = issues;
    this.tileCounts = counts;
    if (!sameBreaks) {
      this.breaks = breaks;
      map.setProperty(this.loadLayer, 'fill-color', this.tiledLoadColor());
    }
    this.changedSinceEvent = true;
    this.requestUpdate();
  }

  protected override tilesLoaded(): void {
    this.readTiles();
  }

  private filterExpression(): FilterSpecification {
    return issueFilter(this.query(), GEOJSON_FIELDS);
  }

  override render() {
    const visible: IssueFeature[] = this.vector ? this.tileIssues.slice(0, 100) : [];
    for (let k = 0; !this.vector && k < this.newestFirst.length && visible.length < 100; k++) {
      const i = this.newestFirst[k]!;
      if (this.keep[i]) visible.push(this.features[i]!);
    }
    const now = this.nowMs();
    return issueList(this.t, {
      visible,
      shown: this.filtered.length,
      open: this.listOpen || this.host?.webgl === false,
      standing: (p) => this.standing(p, now),
      choose: (issue) => this.select(issue.properties.service_request_id, issue),
    });
  }

  private get loadSource() {
    return `${this.ids.source}-load`;
  }

  private get loadLayer() {
    return `${this.ids.source}-load-fill`;
  }

  private resolveGridLayer(): WgGridLayer | undefined {
    if (this.gridLayer) {
      const found = document.getElementById(this.gridLayer);
      return found?.localName === 'wg-grid-layer' ? (found as WgGridLayer) : undefined;
    }
    return layersOf(mapOf(this), 'wg-grid-layer')[0];
  }

  private onLayerChange = (event: Event) => {
    if (event.target === this || event.target !== this.resolveGridLayer()) return;
    if (!this.locationNeeded()) {
      this.unlocated()(); // located again when first read
      return;
    }
    this.locate();
    this.refilter();
    // The issues themselves did not change: only the grids they are counted in.
    if (this.map && !this.vector) this.pushGrids(this.map);
  };

  /** Per-grid figures are drawn (`aggregate="grid"`) or have been read (a stats table, the assessment). */
  private locationNeeded(): boolean {
    return this.aggregate === 'grid' || this.gridsWanted;
  }

  /** What forgets the issues' grids (until `ensureLocated`). */
  private unlocated(): () => void {
    return () => {
      this.grids = [];
      this.gridOf = new Int32Array(0);
    };
  }

  /** Locates the issues now if they are not (a reader of per-grid figures came), and from now on with every change. */
  private ensureLocated() {
    this.gridsWanted = true;
    if (this.vector || this.gridOf.length === this.features.length) return;
    this.locate();
    this.refilter();
  }

  /** Which grid holds each issue, by location in the grid layer's current polygons. */
  private locate() {
    drain(this.locating(this.features))();
  }

  /** `locate` in steps: returns what applies it. */
  private *locating(features: IssueFeature[]): Steps<() => void> {
    const layer = this.resolveGridLayer();
    const grids = layer ? [...layer.grids] : [];
    const index = buildGridIndex(grids.map((g) => g.geometry));
    const gridOf = new Int32Array(features.length);
    for (let i = 0; i < features.length; i++) {
      if (i % 5000 === 4999) yield;
      const c = features[i]!.geometry.coordinates;
      gridOf[i] = index.locate(c[0]!, c[1]!);
    }
    return () => {
      this.grids = grids;
      this.gridOf = gridOf;
    };
  }

  private judgeOverdue() {
    const now = this.nowMs();
    const d = this.deadlineModule();
    if (d) {
      const judged = d.judgeIssues(this.features, this.limits, this.calendar, now);
      this.late = judged.late;
      this.soon = judged.soon;
      this.handled = judged.handled;
    } else {
      // As `isOverdue`, from the deadlines parsed once per input.
      const expected = this.expected.length === this.features.length ? this.expected : null;
      this.late = Uint8Array.from(this.features, (f, i) =>
        expected
          ? f.properties.stage !== 'closed' && expected[i]! < now
            ? 1
            : 0
          : isOverdue(f.properties, now)
            ? 1
            : 0,
      );
      this.soon = new Uint8Array(this.features.length);
      this.handled = undefined;
    }
  }

  /** `core/deadlines.ts` when `limits` or `calendar` is set and it has loaded (it starts loading if not). */
  private deadlineModule() {
    if (this.limits === undefined && this.calendar === undefined) return undefined;
    if (!this.deadlines)
      void import('../../core/deadlines.ts').then((module) => {
        this.deadlines = module;
        this.checkRules();
        this.judgeOverdue();
        this.refilter();
        if (this.map && !this.vector) this.pushData(this.map);
      });
    return this.deadlines;
  }

  /** A limits table with bad hours or unknown categories: `wg-error` naming them. */
  private checkRules() {
    const found = this.deadlines?.limitsProblems(this.limits, this.features);
    if (found?.problems.length)
      this.reportError('bad-limits', `limits: ${found.problems.join('; ')}`, found.categories);
  }

  /** Overdue (by the limits when set), soon and the time left, for the popup and list. */
  private standing(
    p: IssueFeature['properties'],
    now: number,
  ): { overdue: boolean; soon: boolean; left?: number } {
    const d = this.deadlineModule();
    return d
      ? d.issueStanding(p, this.limits, this.calendar, now)
      : { overdue: isOverdue(p, now), soon: false };
  }

  /** Applies the filters: which issues pass, per-grid counts and their class breaks. */
  private refilter() {
    const n = this.features.length;
    // The one filter definition (core/issue-filter.ts), read from the layer's own arrays.
    const clauses = clausesOf(this.query());
    const props = (i: number) => this.features[i]!.properties;
    const readers: IssueReaders = {
      stage: (i) => props(i).stage,
      name: (i) => props(i).service_name,
      code: (i) => props(i).service_code,
      time: (i) => this.times[i]!,
      overdue: (i) => this.late[i] === 1,
    };
    const inPeriod = toPredicate(clauses.filter(isPeriodClause), readers);
    const isShown = toPredicate(
      clauses.filter((c) => !isPeriodClause(c)),
      readers,
    );
    const keep = new Uint8Array(n);
    const shown: IssueFeature[] = [];
    // Handled issues of the period and categories, whatever stages are shown (for on-time rates).
    const handled = this.handled?.length === n ? new Uint8Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      if (!inPeriod(i)) continue;
      if (handled) handled[i] = this.handled![i]!;
      if (!isShown(i)) continue;
      keep[i] = 1;
      shown.push(this.features[i]!);
    }
    this.keep = keep;
    this.shown = shown;
    this.counts = countPerGrid(
      this.grids.length,
      this.gridOf.length === n ? this.gridOf : new Int32Array(n).fill(-1),
      keep,
      this.open,
      this.late,
      handled,
    );
    const values = this.grids.map((grid, g) =>
      measureOf(this.counts[g]!, grid.properties.households as number | undefined, this.measure),
    );
    this.breaks = niceBreaks(Math.max(0, ...values), LOAD_COLORS.length);
    this.changedSinceEvent = true;
    this.requestUpdate();
  }

  private nowMs(): number {
    return time(this.now) ?? Date.now();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-issue-layer': WgIssueLayer;
  }
}
