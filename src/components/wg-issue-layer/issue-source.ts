/**
 * Where `<wg-issue-layer>` gets its issues, behind one interface: `GeojsonIssues` (issues held in the
 * browser: per-issue times and flags computed once per input, filters as MapLibre filters on one
 * sent copy, counts by location in the grids' current polygons) and `TileIssues` in issue-tiles.ts
 * (vector tiles: filters on the served properties, the issues and grid counts of the loaded tiles).
 * The element picks one by `source-type` and talks only to the interface. Both compile their filters
 * from the one definition in `core/issue-filter.ts`.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { MapAdapter, MapFeature } from '../../map/adapter.ts';
import type { GridFeature, IssueFeature } from '../../core/types.ts';
import { drain, type Steps } from '../../core/steps.ts';
import type * as Deadlines from '../../core/deadlines.ts';
import type { LimitsInput, WorkCalendar } from '../../core/deadlines.ts';
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
  clausesOf,
  isOverdue,
  isPeriodClause,
  toPredicate,
  type IssueReaders,
} from '../../core/issue-filter.ts';
import { GEOJSON_FIELDS, issueFilter, type IssueQuery } from '../../map/issue-filters.ts';
import type { WgGridLayer } from '../wg-grid-layer/wg-grid-layer.ts';
import { LOAD_COLORS } from './issue-styles.ts';
import { timeOf } from '../../core/time.ts';

/** What an issue source reads from its layer: the ids, the settings and a way to say it changed. */
export interface IssueHost {
  readonly ids: { source: string; heatmap: string; circle: string };
  readonly loadSource: string;
  readonly loadLayer: string;
  query(): IssueQuery;
  now(): number;
  measure(): IssueMeasure;
  weightProperty(): string | undefined;
  /** The grid layer counted in (the named one, else the first on the same map). */
  gridLayer(): WgGridLayer | undefined;
  /** Per-grid figures are drawn or have been read: issues are located with every change. */
  locationNeeded(): boolean;
  /** The deadline rules, once `core/deadlines.ts` has loaded (undefined without rules). */
  deadlines(): { module: typeof Deadlines; limits: LimitsInput; calendar?: WorkCalendar } | undefined;
  /** With tiles: the loaded features of the issue source that pass a filter, one per id. */
  loaded(filter: ReturnType<typeof issueFilter>): MapFeature[];
  /** The filtered issues or the counts changed (the layer re-renders and fires `wg-layer-change`). */
  changed(): void;
}

/** The issues of a layer, from GeoJSON or from vector tiles. */
export interface IssueSource {
  /** The issues that pass the filters. */
  readonly filtered: readonly IssueFeature[];
  /** The inner class breaks of the per-grid load. */
  readonly breaks: readonly number[];
  /** Up to `n` of the issues that pass, newest first (the list). */
  newest(n: number): IssueFeature[];
  /** Total, open and overdue per grid id under the filters. */
  gridCounts(): Map<string, GridIssueCounts>;
  /** Every issue with the index of its grid (-1: none), and the grids; empty when not known (tiles). */
  located(): { issues: readonly IssueFeature[]; gridOf: Int32Array; grids: readonly GridFeature[] };
  /** An issue by id, among those known. */
  find(id: string): IssueFeature | undefined;
  /** What the point layers read: the overdue flag and the heatmap weight property. */
  paint(): { overdue: ExpressionSpecification; weight: string | undefined };
  /** Recomputes overdue (at `now`, by the deadline rules) and the filters. */
  rejudge(): void;
  /** Recomputes which issues pass the filters and the per-grid counts. */
  refilter(): void;
  /** The grid layer's grids changed, or whether they are needed: locate the issues again (or forget them); `refilter` after. */
  regrid(): void;
  /** Sends the issues to the map (GeoJSON) or repaints what depends on `now` (tiles). */
  push(map: MapAdapter, clustered: boolean): void;
  /** Shows the filters on the map (layer filters, a clustered source's data, the grids' load). */
  showFilters(map: MapAdapter, clustered: boolean): void;
  /** The grids the load is drawn on changed: sends them again (GeoJSON). */
  pushGrids(map: MapAdapter, clustered: boolean): void;
  /** The map is idle: read what the loaded tiles hold (tiles). */
  tilesLoaded(map: MapAdapter): void;
}

const EMPTY = { total: 0, open: 0, overdue: 0 };

/** Issues held in the browser. */
export class GeojsonIssues implements IssueSource {
  readonly #host: IssueHost;
  #features: IssueFeature[] = [];
  #shown: IssueFeature[] = [];
  #keep = new Uint8Array(0);
  #times = new Float64Array(0);
  /** `expected_datetime` of each issue in ms (NaN without one), parsed once per input. */
  #expected = new Float64Array(0);
  #open = new Uint8Array(0);
  #late: Uint8Array = new Uint8Array(0);
  #soon: Uint8Array = new Uint8Array(0);
  /** With deadline rules: 1 handled on time, 2 handled late, 0 otherwise. */
  #handled?: Uint8Array;
  #gridOf = new Int32Array(0);
  #grids: GridFeature[] = [];
  #counts: GridIssueCounts[] = [];
  breaks: number[] = niceBreaks(0);

  constructor(host: IssueHost) {
    this.#host = host;
  }

  get filtered(): readonly IssueFeature[] {
    return this.#shown;
  }

  /**
   * New issues: per-issue times and open flags and the grid of each, in
   * steps (200,000 issues take about half a second); returns what applies them (with overdue flags
   * and filters).
   */
  *prepare(features: IssueFeature[]): Steps<() => void> {
    const n = features.length;
    const times = new Float64Array(n);
    const expected = new Float64Array(n);
    const open = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i % 5000 === 4999) yield;
      const p = features[i]!.properties;
      times[i] = timeOf(p.requested_datetime);
      expected[i] = p.expected_datetime ? timeOf(p.expected_datetime) : NaN;
      open[i] = p.stage === 'closed' ? 0 : 1;
    }
    yield;
    const gridsThen = this.#host.gridLayer()?.grids;
    // Locating every issue in the grids is done only when per-grid figures are drawn or read.
    let located = this.#host.locationNeeded() ? yield* this.#locating(features) : this.#unlocated();
    return () => {
      // The grids changed while the issues were being located: locate them again, now.
      if (this.#host.locationNeeded() && this.#host.gridLayer()?.grids !== gridsThen)
        located = drain(this.#locating(features));
      this.#features = features;
      this.#times = times;
      this.#expected = expected;
      this.#open = open;
      located();
      this.rejudge();
    };
  }

  newest(n: number): IssueFeature[] {
    // One pass keeping the n newest so far (the list shows 100 of 50,000: no sort of them all).
    // Newer: a later time, or the same time earlier in the input.
    const times = this.#times;
    const keep = this.#keep;
    const best: number[] = [];
    if (n <= 0) return [];
    for (let i = 0; i < keep.length; i++) {
      if (!keep[i]) continue;
      const t = times[i]!;
      if (best.length === n && !(t > times[best[n - 1]!]!)) continue;
      let at = Math.min(best.length, n - 1);
      while (at > 0 && t > times[best[at - 1]!]!) at--;
      best.splice(at, 0, i);
      if (best.length > n) best.pop();
    }
    return best.map((i) => this.#features[i]!);
  }

  gridCounts(): Map<string, GridIssueCounts> {
    this.#ensureLocated();
    return new Map(this.#grids.map((grid, g) => [grid.properties.id, this.#counts[g] ?? EMPTY]));
  }

  located() {
    this.#ensureLocated();
    return this.#gridOf.length !== this.#features.length
      ? { issues: [], gridOf: new Int32Array(0), grids: [] }
      : { issues: this.#features, gridOf: this.#gridOf, grids: this.#grids };
  }

  find(id: string): IssueFeature | undefined {
    return this.#features.find((f) => f.properties.service_request_id === id);
  }

  paint() {
    return { overdue: ['get', 'overdue'] as ExpressionSpecification, weight: 'weight' };
  }

  rejudge(): void {
    const now = this.#host.now();
    const rules = this.#host.deadlines();
    const features = this.#features;
    if (rules) {
      const judged = rules.module.judgeIssues(features, rules.limits, rules.calendar, now);
      this.#late = judged.late;
      this.#soon = judged.soon;
      this.#handled = judged.handled;
    } else {
      // As `isOverdue`, from the deadlines parsed once per input.
      const expected = this.#expected.length === features.length ? this.#expected : null;
      const late = new Uint8Array(features.length);
      for (let i = 0; i < features.length; i++) {
        const p = features[i]!.properties;
        late[i] = (expected ? p.stage !== 'closed' && expected[i]! < now : isOverdue(p, now)) ? 1 : 0;
      }
      this.#late = late;
      this.#soon = new Uint8Array(features.length);
      this.#handled = undefined;
    }
    this.refilter();
  }

  refilter(): void {
    const features = this.#features;
    const n = features.length;
    // The one filter definition (core/issue-filter.ts), read from the source's own arrays.
    const clauses = clausesOf(this.#host.query());
    const props = (i: number) => features[i]!.properties;
    const readers: IssueReaders = {
      stage: (i) => props(i).stage,
      name: (i) => props(i).service_name,
      code: (i) => props(i).service_code,
      time: (i) => this.#times[i]!,
      overdue: (i) => this.#late[i] === 1,
    };
    const inPeriod = toPredicate(clauses.filter(isPeriodClause), readers);
    const isShown = toPredicate(
      clauses.filter((c) => !isPeriodClause(c)),
      readers,
    );
    const keep = new Uint8Array(n);
    const shown: IssueFeature[] = [];
    // Handled issues of the period and categories, whatever stages are shown (for on-time rates).
    const handled = this.#handled?.length === n ? new Uint8Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      if (!inPeriod(i)) continue;
      if (handled) handled[i] = this.#handled![i]!;
      if (!isShown(i)) continue;
      keep[i] = 1;
      shown.push(features[i]!);
    }
    this.#keep = keep;
    this.#shown = shown;
    this.#counts = countPerGrid(
      this.#grids.length,
      this.#gridOf.length === n ? this.#gridOf : new Int32Array(n).fill(-1),
      keep,
      this.#open,
      this.#late,
      handled,
    );
    const measure = this.#host.measure();
    const values = this.#grids.map((grid, g) =>
      measureOf(this.#counts[g]!, grid.properties.households as number | undefined, measure),
    );
    this.breaks = niceBreaks(Math.max(0, ...values), LOAD_COLORS.length);
    this.#host.changed();
  }

  regrid(): void {
    if (this.#host.locationNeeded()) drain(this.#locating(this.#features))();
    else this.#unlocated()(); // located again when first read
  }

  /** Sends every issue once (filters are then MapLibre filters) and the grids to colour. */
  push(map: MapAdapter, clustered: boolean): void {
    const weightKey = this.#host.weightProperty();
    const now = this.#host.now();
    // Clusters are counted by the source itself, so a clustered source only gets the issues that pass.
    const sent = clustered ? this.#shown : this.#features;
    const late = clustered ? null : this.#late;
    map.setData(this.#host.ids.source, {
      type: 'FeatureCollection',
      features: sent.map((f, i) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          service_request_id: f.properties.service_request_id,
          stage: f.properties.stage,
          cat: f.properties.service_name,
          code: f.properties.service_code ?? '',
          t: late ? this.#times[i]! : 0,
          overdue: late ? late[i] === 1 : isOverdue(f.properties, now),
          soon: late ? this.#soon[i] === 1 : false,
          weight: weightKey ? Number(f.properties[weightKey]) || 0 : 1,
        },
      })),
    });
    this.pushGrids(map, clustered);
  }

  pushGrids(map: MapAdapter, clustered: boolean): void {
    map.setData(this.#host.loadSource, {
      type: 'FeatureCollection',
      features: this.#grids.map((g) => ({
        type: 'Feature',
        geometry: g.geometry,
        properties: { id: g.properties.id },
      })),
    });
    this.showFilters(map, clustered);
  }

  showFilters(map: MapAdapter, clustered: boolean): void {
    const { ids, loadSource } = this.#host;
    if (clustered) {
      const now = this.#host.now();
      map.setData(ids.source, {
        type: 'FeatureCollection',
        features: this.#shown.map((f) => ({
          type: 'Feature',
          geometry: f.geometry,
          properties: {
            service_request_id: f.properties.service_request_id,
            stage: f.properties.stage,
            overdue: isOverdue(f.properties, now),
          },
        })),
      });
    } else {
      const filter = issueFilter(this.#host.query(), GEOJSON_FIELDS);
      map.setFilter(ids.heatmap, filter);
      map.setFilter(ids.circle, filter);
    }
    if (!map.has(loadSource)) return;
    const measure = this.#host.measure();
    this.#grids.forEach((grid, g) => {
      const value = measureOf(this.#counts[g]!, grid.properties.households as number | undefined, measure);
      map.setFeatureState(
        { source: loadSource, id: grid.properties.id },
        { load: classOf(value, this.breaks) },
      );
    });
  }

  tilesLoaded(): void {}

  /** Locates the issues now if they are not (a reader of per-grid figures came). */
  #ensureLocated() {
    if (this.#gridOf.length === this.#features.length) return;
    drain(this.#locating(this.#features))();
    this.refilter();
  }

  /** What forgets the issues' grids (until they are needed). */
  #unlocated(): () => void {
    return () => {
      this.#grids = [];
      this.#gridOf = new Int32Array(0);
    };
  }

  /** Which grid holds each issue, by location in the grid layer's current polygons, in steps. */
  *#locating(features: IssueFeature[]): Steps<() => void> {
    const layer = this.#host.gridLayer();
    const grids = layer ? [...layer.grids] : [];
    const index = buildGridIndex(grids.map((g) => g.geometry));
    const gridOf = new Int32Array(features.length);
    for (let i = 0; i < features.length; i++) {
      if (i % 5000 === 4999) yield;
      const c = features[i]!.geometry.coordinates;
      gridOf[i] = index.locate(c[0]!, c[1]!);
    }
    return () => {
      this.#grids = grids;
      this.#gridOf = gridOf;
    };
  }
}
