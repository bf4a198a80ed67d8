/**
 * The Wangge data model (see docs/architecture.md). Every input is GeoJSON (RFC 7946); unknown
 * properties are kept and passed through.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

/** Coordinate systems accepted on input. `wgs84` also covers CGCS2000 (they differ by centimetres). */
export type Crs = 'wgs84' | 'gcj02' | 'bd09';

/** A building (楼栋) or compound (小区): the smallest thing that is assigned to a grid. */
export interface UnitProperties {
  id: string;
  households: number;
  name?: string;
  community?: string;
  population?: number;
  /** Residents needing special care (elderly living alone, disabled, …). */
  care?: number;
  /** Id of the grid the unit currently belongs to. */
  grid?: string;
  [key: string]: unknown;
}
export type UnitFeature = Feature<Point | Polygon | MultiPolygon, UnitProperties>;

/** A grid (网格) served by one all-round social worker (网格员). */
export interface GridProperties {
  id: string;
  code?: string;
  name?: string;
  community?: string;
  /** Name or id of the grid's social worker. */
  worker?: string;
  /** Households, when no units are given. */
  households?: number;
  [key: string]: unknown;
}
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;

/** Kinds of party-mass service station; other strings are allowed and drawn as `other`. */
export type StationKind = 'center' | 'post' | 'social-work';
export interface StationProperties {
  id: string;
  name: string;
  kind: StationKind | string;
  services?: string[] | string;
  hours?: string;
  [key: string]: unknown;
}
export type StationFeature = Feature<Point, StationProperties>;

/** Handling stages of an issue: 上报 → 派单 → 处置 → 核查 → 办结. */
export const STAGES = ['reported', 'assigned', 'handling', 'verifying', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** A resident's issue: Open311 GeoReport v2 fields plus `stage` and `category`. */
export interface IssueProperties {
  service_request_id: string;
  /** Category, e.g. 飞线充电 (e-bike cables from windows). */
  service_name: string;
  service_code?: string;
  description?: string;
  /** Open311 status: every stage but `closed` is `open`. */
  status?: 'open' | 'closed';
  stage: Stage;
  requested_datetime: string;
  updated_datetime?: string;
  expected_datetime?: string;
  address?: string;
  grid?: string;
  [key: string]: unknown;
}
export type IssueFeature = Feature<Point, IssueProperties>;

/** A versioned grid plan: the assignment of units to grids is the source of truth. */
export interface Plan {
  id: string;
  effectiveFrom?: string;
  grids: GridProperties[];
  assignment: Record<string, string>;
}

export type Units = FeatureCollection<UnitFeature['geometry'], UnitProperties>;
export type Grids = FeatureCollection<GridFeature['geometry'], GridProperties>;
export type Stations = FeatureCollection<Point, StationProperties>;
export type Issues = FeatureCollection<Point, IssueProperties>;
