/**
 * Writers: features (units or grids) as GeoJSON, CSV (UTF-8 with a BOM, so Excel shows Chinese;
 * cells that a spreadsheet would run as a formula are escaped), XLSX and a zipped Shapefile, in WGS84,
 * GCJ-02 or a projection of the input's own.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { zipSync } from 'fflate';
import { convertPosition } from '../core/crs.ts';
import { csvCell } from '../core/csv-cell.ts';
import { writeShapefile } from './shapefile.ts';
import { WGS84_WKT, type Projection } from './projection.ts';

export type OutputFormat = 'geojson' | 'csv' | 'xlsx' | 'shapefile';
/** Where written coordinates are: WGS84, GCJ-02 (Amap), or a projection (a shapefile's own). */
export type OutputCrs = 'wgs84' | 'gcj02' | Projection;

export interface OutputFile {
  name: string;
  bytes: Uint8Array;
}

type AnyFeature = Feature<Geometry | null>;

/** Converts every position from WGS84 to `crs`. */
export function positionWriter(crs: OutputCrs): (p: Position) => Position {
  if (crs === 'wgs84') return (p) => p;
  if (crs === 'gcj02') return (p) => convertPosition(p, 'wgs84', 'gcj02');
  return crs.fromWgs84;
}

function mapGeometry(g: Geometry | null, f: (p: Position) => Position): Geometry | null {
  if (!g || g.type === 'GeometryCollection') return g;
  const walk = (c: unknown): unknown =>
    typeof (c as unknown[])[0] === 'number' ? f(c as Position) : (c as unknown[]).map(walk);
  return { ...g, coordinates: walk(g.coordinates) } as Geometry;
}

/** A table of rows (first row the header). */
export type Table = Array<Array<string | number | null>>;

export function csvBytes(table: Table): Uint8Array {
  const text = table.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export async function xlsxBytes(table: Table, sheet = 'Sheet1'): Promise<Uint8Array> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  // Strings are written as text cells (never formulas), numbers as numbers.
  const data = table.map((row, r) =>
    row.map((value) =>
      value === null || value === undefined
        ? null
        : typeof value === 'number'
          ? { type: Number, value, ...(r === 0 ? { fontWeight: 'bold' as const } : {}) }
          : { type: String, value, ...(r === 0 ? { fontWeight: 'bold' as const } : {}) },
    ),
  );
  const blob = await writeXlsxFile(data as never, { sheet }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Features as a table: their properties (the union of keys, in first-seen order), and lng/lat of points. */
export function featureTable(features: AnyFeature[], crs: OutputCrs = 'wgs84'): Table {
  const keys: string[] = [];
  for (const f of features)
    for (const k of Object.keys(f.properties ?? {})) if (!keys.includes(k)) keys.push(k);
  const points = features.some((f) => f.geometry?.type === 'Point');
  const write = positionWriter(crs);
  const geographic = crs === 'wgs84' || crs === 'gcj02' || crs.geographic;
  const xy = points ? (geographic ? ['lng', 'lat'] : ['x', 'y']) : [];
  const rows: Table = [[...keys, ...xy]];
  for (const f of features) {
    const p = f.properties ?? {};
    const row: Array<string | number | null> = keys.map((k) => {
      const v = p[k];
      return v === null || v === undefined
        ? null
        : typeof v === 'number'
          ? v
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
    });
    if (points) {
      const c = f.geometry?.type === 'Point' ? write(f.geometry.coordinates) : null;
      row.push(c ? c[0]! : null, c ? c[1]! : null);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Writes features in a format: one file, or for a shapefile a `.zip` of `.shp/.shx/.dbf/.prj/.cpg`.
 * `name` is the base name of the files. Returns the files and what was lost on the way.
 */
export async function writeFeatures(
  features: AnyFeature[],
  format: OutputFormat,
  options: { crs?: OutputCrs; name?: string } = {},
): Promise<{ file: OutputFile; warnings: string[] }> {
  const crs = options.crs ?? 'wgs84';
  const name = options.name ?? 'wangge';
  const write = positionWriter(crs);
  switch (format) {
    case 'geojson': {
      const fc = {
        type: 'FeatureCollection',
        features: features.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, write) })),
      };
      return {
        file: { name: `${name}.geojson`, bytes: new TextEncoder().encode(JSON.stringify(fc)) },
        warnings: [],
      };
    }
    case 'csv':
      return { file: { name: `${name}.csv`, bytes: csvBytes(featureTable(features, crs)) }, warnings: [] };
    case 'xlsx':
      return {
        file: { name: `${name}.xlsx`, bytes: await xlsxBytes(featureTable(features, crs)) },
        warnings: [],
      };
    case 'shapefile': {
      const prj = crs === 'wgs84' || crs === 'gcj02' ? WGS84_WKT : crs.wkt;
      const { files, warnings } = writeShapefile(features, { prj, project: write });
      if (crs === 'gcj02')
        warnings.push('GCJ-02 has no .prj of its own: the .prj says WGS84, the coordinates are GCJ-02');
      const zip = zipSync(
        Object.fromEntries(Object.entries(files).map(([ext, bytes]) => [`${name}.${ext}`, bytes])),
      );
      return { file: { name: `${name}.shp.zip`, bytes: zip }, warnings };
    }
  }
}

/** The columns of the one-row-per-grid summary. */
export const GRID_COLUMNS = [
  'code',
  'name',
  'worker',
  'community',
  'households',
  'buildings',
  'care',
] as const;

/**
 * Grids with the summary of their buildings: code, name, worker, community, households, buildings
 * (units assigned) and care households (summed from the units, else the grid's own `care`).
 */
export function gridSummary(
  grids: Array<Feature<Geometry | null>>,
  units: Array<{ properties?: Record<string, unknown> | null }> = [],
  assignment: Record<string, string> = {},
): Array<Feature<Geometry | null>> {
  const buildings = new Map<string, number>();
  const care = new Map<string, number>();
  for (const u of units) {
    const id = String(u.properties?.id ?? '');
    const grid = Object.prototype.hasOwnProperty.call(assignment, id) ? assignment[id] : undefined;
    if (grid === undefined) continue;
    buildings.set(grid, (buildings.get(grid) ?? 0) + 1);
    const c = Number(u.properties?.care);
    if (Number.isFinite(c)) care.set(grid, (care.get(grid) ?? 0) + c);
  }
  return grids.map((g) => {
    const p = g.properties ?? {};
    const id = String(p.id ?? '');
    const row: Record<string, unknown> = {
      code: String(p.code ?? id),
      name: p.name ?? '',
      worker: p.worker ?? '',
      community: p.community ?? '',
      households: typeof p.households === 'number' ? p.households : null,
      buildings: buildings.get(id) ?? (typeof p.buildings === 'number' ? p.buildings : null),
      care: care.get(id) ?? (typeof p.care === 'number' ? p.care : null),
    };
    return { type: 'Feature', geometry: g.geometry, properties: row };
  });
}
