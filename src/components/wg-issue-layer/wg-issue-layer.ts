import { css, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import type { MapAdapter } from '../../map/adapter.ts';
import { WgLayer } from '../layer.ts';
import { oneOf, type PropertyCheck } from '../base.ts';
import type { GridFeature, IssueFeature } from '../../core/types.ts';
import { validationSteps } from '../../core/validate.ts';
import type { Steps } from '../../core/steps.ts';
import type { LimitsInput, WorkCalendar } from '../../core/deadlines.ts';
import type * as Deadlines from '../../core/deadlines.ts';
import type { GridIssueCounts, IssueMeasure } from '../../core/aggregate.ts';
import {
  circleLayer,
  clusterLayers,
  heatmapLayer,
  issueLegend,
  LOAD_BY_STATE,
  tiledLoadColor,
} from './issue-styles.ts';
import { openTextPopup } from '../../map/popup.ts';
import type { IssueQuery } from '../../map/issue-filters.ts';
import { WgIssueSelectEvent } from '../../events/wg-issue-select.ts';
import { issueList, popupRows } from './issue-view.ts';
import { issueOf, TileIssues } from './issue-tiles.ts';
import { GeojsonIssues, type IssueHost, type IssueSource } from './issue-source.ts';
import { WgLayerChangeEvent } from '../../events/wg-layer-change.ts';
import { layersOf, mapOf, type LegendSection, type LegendSource } from '../wg-grid-stats/map-layers.ts';
import type { WgGridLayer } from '../wg-grid-layer/wg-grid-layer.ts';

export { LOAD_COLORS, STAGE_COLORS } from './issue-styles.ts';
export { isOverdue } from '../../core/issue-filter.ts';
import { isOverdue } from '../../core/issue-filter.ts';
import { timeOf } from '../../core/time.ts';

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
  const t = value ? timeOf(value) : NaN;
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
  /** Whether the issue list is expanded (set by the page, or by the user opening it; always when the map cannot be drawn). */
  declare listOpen: boolean;
  /**
   * Handling time limits in hours per category (`service_name` or `service_code`), as an object or
   * the attribute `飞线充电:24,污水管道堵塞:48`; an issue of another category keeps its own
   * `expected_datetime`. Open issues past 80 % of their limit are `soon`, past it overdue.
   */
  declare limits: LimitsInput;
  /** Working time for the limits (`WorkCalendar`: hours, weekdays, holidays, make-up days); default the clock. */
  declare calendar: WorkCalendar | undefined;

  /** `core/deadlines.ts`, loaded when `limits` or `calendar` is first set. */
  private deadlines?: typeof Deadlines;
  /** Someone reads per-grid figures (a stats table, the assessment): locate issues with every change. */
  private gridsWanted = false;
  private builtMode?: IssueMode;
  private builtAggregate?: IssueAggregate;
  private changedSinceEvent = false;
  /** What the issue sources read from the layer. */
  private readonly sourceHost: IssueHost;
  /** Issues held in the browser (`data`, `src`). */
  private readonly geojson: GeojsonIssues;
  /** Issues from vector tiles, made when first needed. */
  private tileSource?: TileIssues;

  constructor() {
    super('issue');
    this.mode = 'points';
    this.stages = [];
    this.categories = [];
    this.overdueOnly = false;
    this.aggregate = 'none';
    this.measure = 'open-rate';
    this.listOpen = false;
    this.sourceHost = {
      ids: this.ids,
      loadSource: this.loadSource,
      loadLayer: this.loadLayer,
      query: () => this.query(),
      now: () => this.nowMs(),
      measure: () => this.measure,
      weightProperty: () => this.weightProperty,
      gridLayer: () => this.resolveGridLayer(),
      locationNeeded: () => this.locationNeeded(),
      deadlines: () => {
        const module = this.deadlineModule();
        return module && { module, limits: this.limits, calendar: this.calendar };
      },
      loaded: (filter) => this.loadedFeatures(filter),
      changed: () => {
        this.changedSinceEvent = true;
        this.requestUpdate();
      },
    };
    this.geojson = new GeojsonIssues(this.sourceHost);
  }

  /** Where the issues come from: GeoJSON held in the browser, or vector tiles. */
  private get source(): IssueSource {
    return this.vector ? (this.tileSource ??= new TileIssues(this.sourceHost)) : this.geojson;
  }

  private get clustered(): boolean {
    return this.builtMode === 'clusters';
  }

  /** The issues that pass the current filters, as drawn. */
  get filtered(): readonly IssueFeature[] {
    return this.source.filtered;
  }

  /** Total, open and overdue issues per grid id under the current filters (located in the grids' current polygons). */
  get gridCounts(): Map<string, GridIssueCounts> {
    this.gridsWanted = true;
    return this.source.gridCounts();
  }

  /**
   * Every issue accepted (not only those the filters show) with the index of the grid it lies in
   * (-1: none), and those grids; empty with vector tiles. For `<wg-assessment>`.
   */
  get located(): { issues: readonly IssueFeature[]; gridOf: Int32Array; grids: readonly GridFeature[] } {
    this.gridsWanted = true;
    return this.source.located();
  }

  /** The inner class breaks of the per-grid colouring (values of `measure`). */
  get loadBreaks(): readonly number[] {
    return this.source.breaks;
  }

  /** Selects an issue: opens its popup (description as text) and fires `wg-issue-select`. */
  select(id: string, tiled?: IssueFeature): void {
    const issue = tiled ?? this.source.find(id);
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
      breaks: this.source.breaks,
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

  /** New issues: per-issue values in steps (see `GeojsonIssues.prepare`). */
  protected override prepareFeatures(features: IssueFeature[]): Steps<() => void> {
    return this.geojson.prepare(features);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const fresh = changed.has('data');
    if ((changed.has('now') || changed.has('limits') || changed.has('calendar')) && !fresh) {
      if (changed.has('limits')) this.checkRules();
      this.source.rejudge();
      if (this.map) this.pushData(this.map);
    }
    const filters = ['stages', 'categories', 'from', 'to', 'overdueOnly', 'measure'] as const;
    if (filters.some((key) => changed.has(key)) && !fresh && !changed.has('now')) {
      this.source.refilter();
      if (this.map) this.source.showFilters(this.map, this.clustered);
    }
    if ((changed.has('gridLayer') || changed.has('aggregate')) && !fresh) {
      this.source.regrid();
      this.source.refilter();
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
            'fill-color': tiledGrids ? tiledLoadColor(this.measure, this.source.breaks) : LOAD_BY_STATE,
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
    const { overdue, weight: weightKey } = this.source.paint();
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

  /** Sends the issues (GeoJSON) or repaints what depends on `now` (tiles), and shows the filters. */
  protected pushData(map: MapAdapter): void {
    this.source.push(map, this.clustered);
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

  protected override tilesLoaded(map: MapAdapter): void {
    this.source.tilesLoaded(map);
  }

  override render() {
    const open = this.listOpen || this.host?.webgl === false;
    // Rows only while the list is open.
    const visible = open ? this.source.newest(100) : [];
    const now = this.nowMs();
    return issueList(this.t, {
      visible,
      shown: this.filtered.length,
      open,
      toggle: (value) => (this.listOpen = value),
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
    this.source.regrid(); // without per-grid figures: forgets the grids, located again when first read
    if (!this.locationNeeded()) return;
    this.source.refilter();
    // The issues themselves did not change: only the grids they are counted in.
    if (this.map) this.source.pushGrids(this.map, this.clustered);
  };

  /** Per-grid figures are drawn (`aggregate="grid"`) or have been read (a stats table, the assessment). */
  private locationNeeded(): boolean {
    return this.aggregate === 'grid' || this.gridsWanted;
  }

  /** `core/deadlines.ts` when `limits` or `calendar` is set and it has loaded (it starts loading if not). */
  private deadlineModule() {
    if (this.limits === undefined && this.calendar === undefined) return undefined;
    if (!this.deadlines)
      void import('../../core/deadlines.ts').then((module) => {
        this.deadlines = module;
        this.checkRules();
        this.source.rejudge();
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

  private nowMs(): number {
    return time(this.now) ?? Date.now();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-issue-layer': WgIssueLayer;
  }
}
