/**
 * Coordinate systems at the edge: data may arrive in WGS84 / CGCS2000, GCJ-02 (Amap, Tencent) or
 * BD-09 (Baidu); the map shows one display CRS. Conversion is delegated to `gcoord`.
 */
import gcoord from 'gcoord';
import type { GeoJSON, Geometry, Position } from 'geojson';
import type { Crs } from './types.ts';

// gcoord ships CommonJS (`main`, used by Node) and ESM (`module`, used by bundlers); both make the
// API the default export, but a CommonJS wrapper may nest it once more under `default`.
const lib: typeof gcoord = (gcoord as typeof gcoord & { default?: typeof gcoord }).default ?? gcoord;

const GCOORD_CRS = { wgs84: lib.WGS84, gcj02: lib.GCJ02, bd09: lib.BD09 } as const;

export { parseCrs } from './crs-names.ts';

/**
 * One position converted from `from` to `to` (a new array; altitude kept). Positions outside China
 * are unchanged by GCJ-02 and kept as they are. Returns `position` itself when `from === to`.
 *
 * @example
 * convertPosition([120.16, 30.27], 'wgs84', 'gcj02'); // ≈ [120.1647, 30.2677]
 */
export function convertPosition(position: Position, from: Crs, to: Crs): Position {
  if (from === to) return position;
  const [lng, lat] = lib.transform(
    [position[0] as number, position[1] as number],
    GCOORD_CRS[from],
    GCOORD_CRS[to],
  );
  return position.length > 2 ? [lng, lat, ...position.slice(2)] : [lng, lat];
}

function convertGeometry(geometry: Geometry, from: Crs, to: Crs): Geometry {
  const one = (p: Position): Position => convertPosition(p, from, to);
  const many = (ps: Position[]): Position[] => ps.map(one);
  const copy = { ...geometry };
  delete copy.bbox; // a bounding box in the old CRS would be wrong
  switch (copy.type) {
    case 'Point':
      return { ...copy, coordinates: one(copy.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...copy, coordinates: many(copy.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...copy, coordinates: copy.coordinates.map(many) };
    case 'MultiPolygon':
      return { ...copy, coordinates: copy.coordinates.map((polygon) => polygon.map(many)) };
    case 'GeometryCollection':
      return { ...copy, geometries: copy.geometries.map((g) => convertGeometry(g, from, to)) };
  }
}

/**
 * A copy of a FeatureCollection, Feature or geometry with every position converted from `from` to
 * `to`, or the same object when `from === to`. Geometries are new objects, properties are copied
 * one level deep, the input is never changed, and stale `bbox` members are dropped.
 *
 * @example
 * const display = toDisplay(units, 'gcj02', 'wgs84');
 */
export function toDisplay<T extends GeoJSON>(geojson: T, from: Crs, to: Crs): T {
  if (from === to) return geojson;
  const copy = { ...geojson } as GeoJSON;
  delete copy.bbox;
  switch (copy.type) {
    case 'FeatureCollection':
      return { ...copy, features: copy.features.map((f) => toDisplay(f, from, to)) } as T;
    case 'Feature':
      return {
        ...copy,
        geometry: copy.geometry ? convertGeometry(copy.geometry, from, to) : copy.geometry,
        properties: copy.properties ? { ...copy.properties } : copy.properties,
      } as T;
    default:
      return convertGeometry(copy, from, to) as T;
  }
}
