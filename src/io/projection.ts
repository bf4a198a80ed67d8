/**
 * Projected coordinates (a shapefile's `.prj`): CGCS2000 geographic, the CGCS2000 3° and 6°
 * Gauss–Krüger zones and anything else proj4 reads from WKT, to and from WGS84 lon/lat. CGCS2000 and
 * WGS84 differ by centimetres, well below the accuracy of building data, and are taken as equal.
 */
import proj4 from 'proj4';
import type { Position } from 'geojson';

export interface Projection {
  /** The WKT it was made from (written back as `.prj` when exporting in the input's projection). */
  wkt: string;
  /** True when coordinates are lon/lat degrees. */
  geographic: boolean;
  toWgs84(p: Position): Position;
  fromWgs84(p: Position): Position;
}

/** A projection from WKT; throws with the reason when proj4 cannot read it. */
export function projectionFromWkt(wkt: string): Projection {
  const text = wkt.trim();
  const geographic = /^GEOGCS\[|^GEOGCRS\[/i.test(text);
  if (geographic) return { wkt: text, geographic, toWgs84: (p) => p, fromWgs84: (p) => p };
  let converter: proj4.Converter;
  try {
    converter = proj4(text, 'WGS84');
  } catch (error) {
    throw new Error(`cannot read the projection: ${String((error as Error)?.message ?? error)}`);
  }
  return {
    wkt: text,
    geographic,
    toWgs84: (p) => {
      const [x, y] = converter.forward([p[0]!, p[1]!]);
      return [x!, y!];
    },
    fromWgs84: (p) => {
      const [x, y] = converter.inverse([p[0]!, p[1]!]);
      return [x!, y!];
    },
  };
}

/** WGS84 as a `.prj` (what ArcGIS and QGIS write for EPSG:4326). */
export const WGS84_WKT =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** True for coordinates that cannot be lon/lat degrees (metres of a projection). */
export function looksProjected(p: Position): boolean {
  return Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90;
}
