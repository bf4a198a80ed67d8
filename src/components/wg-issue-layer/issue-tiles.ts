/**
 * The issue layer's vector-tile source: filters as MapLibre filters on the tiles' Open311 properties
 * (from the one definition in `core/issue-filter.ts`), the issues of the loaded tiles that pass them
 * (newest first), and the per-grid counts the grid tiles carry, with the class breaks of their load.
 */
import type { MapAdapter } from '../../map/adapter.ts';
import { measureOf, niceBreaks, type GridIssueCounts } from '../../core/aggregate.ts';
import type { IssueFeature } from '../../core/types.ts';
import { issueFilter, tiledOverdue, tileFields } from '../../map/issue-filters.ts';
import { LOAD_COLORS, tiledLoadColor } from './issue-styles.ts';
import type { IssueHost, IssueSource } from './issue-source.ts';

/** An issue of a tile as a feature (its point and the properties as served). */
export function issueOf(feature: {
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}): IssueFeature {
  return {
    type: 'Feature',
    geometry: feature.geometry as GeoJSON.Point,
    properties: feature.properties as unknown as IssueFeature['properties'],
  };
}

/** Issues from vector tiles: filters on the served properties; the issues and grid counts of the loaded tiles. */
export class TileIssues implements IssueSource {
  readonly #host: IssueHost;
  /** The issues of the loaded tiles that pass the filters, newest first. */
  #issues: IssueFeature[] = [];
  /** With tiled grids: counts and households per grid id, read from the loaded grid tiles. */
  #counts = new Map<string, GridIssueCounts & { households?: number }>();
  breaks: number[] = niceBreaks(0);

  constructor(host: IssueHost) {
    this.#host = host;
  }

  get filtered(): readonly IssueFeature[] {
    return this.#issues;
  }

  newest(n: number): IssueFeature[] {
    return this.#issues.slice(0, n);
  }

  gridCounts(): Map<string, GridIssueCounts> {
    return new Map([...this.#counts].map(([id, { total, open, overdue }]) => [id, { total, open, overdue }]));
  }

  located() {
    return { issues: [], gridOf: new Int32Array(0), grids: [] };
  }

  find(id: string): IssueFeature | undefined {
    return this.#issues.find((f) => f.properties.service_request_id === id);
  }

  /** Overdue is judged at `now` by the paint itself. */
  paint() {
    return { overdue: tiledOverdue(this.#host.now()), weight: this.#host.weightProperty() };
  }

  // Served issues are filtered by MapLibre and counted by the server: nothing to recompute here.
  rejudge(): void {}
  refilter(): void {}
  regrid(): void {}
  pushGrids(): void {}

  push(map: MapAdapter): void {
    const { circle } = this.#host.ids;
    const overdue = this.paint().overdue;
    map.setProperty(circle, 'circle-radius', ['case', overdue, 6, 4.5]);
    map.setProperty(circle, 'circle-stroke-color', ['case', overdue, '#7f0000', '#ffffff']);
    map.setProperty(circle, 'circle-stroke-width', ['case', overdue, 2, 1]);
    this.showFilters(map);
  }

  showFilters(map: MapAdapter): void {
    const { ids, loadLayer } = this.#host;
    const filter = this.#filter();
    map.setFilter(ids.heatmap, filter);
    map.setFilter(ids.circle, filter);
    map.setProperty(loadLayer, 'fill-color', tiledLoadColor(this.#host.measure(), this.breaks));
    this.tilesLoaded(map);
  }

  /** Reads the issues of the loaded tiles that pass the filters and the counts of the loaded grid tiles. */
  tilesLoaded(map: MapAdapter): void {
    const host = this.#host;
    const issues = host.loaded(this.#filter()).map(issueOf);
    issues.sort((a, b) =>
      String(b.properties.requested_datetime).localeCompare(String(a.properties.requested_datetime)),
    );
    const counts = new Map<string, GridIssueCounts & { households?: number }>();
    const grids = host.gridLayer();
    if (grids?.sourceType === 'vector') {
      const key = grids.promoteId || 'id';
      // Nothing when the load source is not there (no aggregate="grid").
      for (const f of map.sourceFeatures(host.loadSource, { sourceLayer: grids.sourceLayer || 'grids' })) {
        const p = f.properties;
        const id = String(p[key] ?? f.id);
        if (counts.has(id)) continue;
        counts.set(id, {
          total: Number(p.total) || 0,
          open: Number(p.open) || 0,
          overdue: Number(p.overdue) || 0,
          ...(p.households === undefined ? {} : { households: Number(p.households) }),
        });
      }
    }
    const measure = host.measure();
    const values = [...counts.values()].map((c) => measureOf(c, c.households, measure));
    const breaks = niceBreaks(Math.max(0, ...values), LOAD_COLORS.length);
    const sameIssues =
      issues.length === this.#issues.length &&
      issues.every(
        (f, i) => f.properties.service_request_id === this.#issues[i]!.properties.service_request_id,
      );
    const sameCounts = JSON.stringify([...counts]) === JSON.stringify([...this.#counts]);
    const sameBreaks = breaks.join() === this.breaks.join();
    if (sameIssues && sameCounts && sameBreaks) return;
    this.#issues = issues;
    this.#counts = counts;
    if (!sameBreaks) {
      this.breaks = breaks;
      map.setProperty(host.loadLayer, 'fill-color', tiledLoadColor(measure, breaks));
    }
    host.changed();
  }

  #filter() {
    return issueFilter(this.#host.query(), tileFields(this.#host.now()));
  }
}
