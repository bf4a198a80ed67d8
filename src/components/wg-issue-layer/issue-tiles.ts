/**
 * The issue layer's vector-tile side: the issues of the loaded tiles that pass the filters (newest
 * first) and the per-grid counts the grid tiles carry, with the class breaks of their load.
 */
import type { MapAdapter } from '../../map/adapter.ts';
import { measureOf, niceBreaks, type GridIssueCounts, type IssueMeasure } from '../../core/aggregate.ts';
import type { IssueFeature } from '../../core/types.ts';
import type { WgGridLayer } from '../wg-grid-layer/wg-grid-layer.ts';
import { LOAD_COLORS } from './issue-styles.ts';

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

/** What the loaded tiles hold now: issues passing the filters, counts per grid id, load breaks. */
export function readTiles(
  map: MapAdapter,
  from: {
    /** The loaded issue features that pass the filters. */
    loaded: Array<{ geometry: GeoJSON.Geometry; properties: Record<string, unknown> }>;
    /** The tiled grid layer whose tiles carry the counts (with `aggregate="grid"`). */
    grids: WgGridLayer | undefined;
    loadSource: string;
    measure: IssueMeasure;
  },
): {
  issues: IssueFeature[];
  counts: Map<string, GridIssueCounts & { households?: number }>;
  breaks: number[];
} {
  const issues = from.loaded.map(issueOf);
  issues.sort((a, b) =>
    String(b.properties.requested_datetime).localeCompare(String(a.properties.requested_datetime)),
  );
  const counts = new Map<string, GridIssueCounts & { households?: number }>();
  const grids = from.grids;
  if (grids) {
    const key = grids.promoteId || 'id';
    for (const f of map.sourceFeatures(from.loadSource, { sourceLayer: grids.sourceLayer || 'grids' })) {
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
  const values = [...counts.values()].map((c) => measureOf(c, c.households, from.measure));
  return { issues, counts, breaks: niceBreaks(Math.max(0, ...values), LOAD_COLORS.length) };
}
