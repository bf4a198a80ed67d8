/**
 * Names of coordinate systems, without the conversions (`crs.ts`, which loads `gcoord`): the map
 * elements read `crs` attributes with this and load the conversions only when data needs them.
 */
import type { Crs } from './types.ts';

/** The CRS named by a string such as `WGS84`, `CGCS2000`, `GCJ-02`, `amap`, `BD09` or `baidu`. */
export function parseCrs(name: string | null | undefined): Crs | undefined {
  const key = (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (['wgs84', 'wgs1984', 'epsg4326', 'cgcs2000', 'epsg4490', 'tianditu'].includes(key)) return 'wgs84';
  if (['gcj02', 'amap', 'gaode', 'tencent', 'qq'].includes(key)) return 'gcj02';
  if (['bd09', 'bd09ll', 'baidu', 'bmap'].includes(key)) return 'bd09';
  return undefined;
}
