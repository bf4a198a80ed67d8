/**
 * Station coverage: which households live within a walking radius of a party-mass service station.
 * Distances are great-circle (haversine, mean Earth radius), the same as Turf's `distance`.
 */
import type { Position } from 'geojson';

const EARTH_RADIUS = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lng, lat] positions. */
export function distanceMetres(a: Position, b: Position): number {
  const dLat = (b[1]! - a[1]!) * RAD;
  const dLng = (b[0]! - a[0]!) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * RAD) * Math.cos(b[1]! * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One place where households live: a position, its households and (optionally) its grid id. */
export interface CoverageSite {
  id: string;
  position: Position;
  households: number;
  grid?: string;
}

/** Covered and total households of one grid (or of everything). */
export interface CoverageShare {
  covered: number;
  total: number;
  /** covered / total × 100; 100 when there are no households. */
  percent: number;
}

export interface CoverageResult {
  /** Ids of the sites farther than the radius from every station. */
  uncovered: string[];
  overall: CoverageShare;
  /** Per grid id (sites without a grid are counted only overall). */
  perGrid: Map<string, CoverageShare>;
}

const share = (covered: number, total: number): CoverageShare => ({
  covered,
  total,
  percent: total > 0 ? (100 * covered) / total : 100,
});

/**
 * Which sites are within `radius` metres (inclusive) of at least one station. Stations are bucketed in
 * cells of about `radius`, so each site is checked against the stations of its 3 × 3 neighbouring cells.
 *
 * @example
 * const { uncovered, overall } = stationCoverage(sites, stations.map((s) => s.geometry.coordinates), 500);
 */
export function stationCoverage(sites: readonly CoverageSite[], stations: readonly Position[], radius = 500): CoverageResult {
  if (!(radius >= 0)) throw new Error(`coverage radius must be a number of metres ≥ 0 (got ${radius})`);
  // Cell size in degrees at the most poleward latitude, so a cell is never narrower than the radius.
  const maxLat = Math.min(89, Math.max(0, ...[...sites.map((s) => s.position), ...stations].map((p) => Math.abs(p[1]!))));
  const cellLat = Math.max(radius, 1) / (EARTH_RADIUS * RAD);
  const cellLng = cellLat / Math.cos(maxLat * RAD);
  const buckets = new Map<string, Position[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  for (const station of stations) {
    const k = key(Math.floor(station[0]! / cellLng), Math.floor(station[1]! / cellLat));
    const list = buckets.get(k);
    if (list) list.push(station);
    else buckets.set(k, [station]);
  }
  const uncovered: string[] = [];
  const grids = new Map<string, [number, number]>();
  let coveredAll = 0;
  let totalAll = 0;
  for (const site of sites) {
    const cx = Math.floor(site.position[0]! / cellLng);
    const cy = Math.floor(site.position[1]! / cellLat);
    let covered = false;
    for (let dy = -1; dy <= 1 && !covered; dy++) {
      for (let dx = -1; dx <= 1 && !covered; dx++) {
        for (const station of buckets.get(key(cx + dx, cy + dy)) ?? []) {
          if (distanceMetres(site.position, station) <= radius) {
            covered = true;
            break;
          }
        }
      }
    }
    if (!covered) uncovered.push(site.id);
    totalAll += site.households;
    if (covered) coveredAll += site.households;
    if (site.grid !== undefined) {
      const sums = grids.get(site.grid) ?? [0, 0];
      sums[1] += site.households;
      if (covered) sums[0] += site.households;
      grids.set(site.grid, sums);
    }
  }
  const perGrid = new Map<string, CoverageShare>();
  for (const [grid, [covered, total]] of grids) perGrid.set(grid, share(covered, total));
  return { uncovered, overall: share(coveredAll, totalAll), perGrid };
}
