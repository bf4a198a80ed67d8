/**
 * The planner's own files, in and out: one module used by the editor, the CLI and the API.
 *
 * - `readFiles`: GeoJSON, CSV (any delimiter, UTF-8 or GBK), XLSX and Shapefiles (a `.zip` or loose
 *   `.shp/.dbf/.prj/.cpg`), to WGS84 features with a problem per bad row or feature;
 * - `writeFeatures`: GeoJSON, CSV, XLSX or a zipped Shapefile, in WGS84, GCJ-02 or the input's
 *   projection; `gridTable` is the one-row-per-grid summary (code, name, worker, households,
 *   buildings, care).
 *
 * @example
 * const read = await readFiles([{ name: 'buildings.csv', bytes }], { crs: 'gcj02' });
 * const { file } = await writeFeatures(grids.features, 'shapefile', { name: 'grids' });
 */
import { unzipSync } from 'fflate';
import type { Feature, Geometry } from 'geojson';
import { convertPosition } from '../core/crs.ts';
import type { Crs } from '../core/types.ts';
import { readShapefile, type ShapefileParts } from './shapefile.ts';
import {
  csvRows,
  inChina,
  mapHeaders,
  tableUnits,
  xlsxRows,
  type Cell,
  type ColumnMapping,
  type Field,
} from './table.ts';
import { decodeText, type Encoding } from './text.ts';
import type { Projection } from './projection.ts';
import type { InputFile, ReadProblem } from './types.ts';

export type { InputFile, ReadProblem } from './types.ts';
export type { ColumnMapping, Field } from './table.ts';
export { FIELDS, mapHeaders } from './table.ts';
export { parseEncoding, type Encoding } from './text.ts';
export { projectionFromWkt, type Projection } from './projection.ts';
export { csvCell } from '../core/csv-cell.ts';
export {
  featureTable,
  gridSummary,
  GRID_COLUMNS,
  writeFeatures,
  xlsxBytes,
  csvBytes,
  type OutputCrs,
  type OutputFormat,
  type OutputFile,
  type Table,
} from './write.ts';

export type InputFormat = 'geojson' | 'csv' | 'xlsx' | 'shapefile';

/** The format a file name says (`.geojson/.json`, `.csv/.tsv/.txt`, `.xlsx`, `.zip/.shp/.dbf/.prj/.cpg/.shx`). */
export function formatOf(name: string): InputFormat | undefined {
  const n = name.toLowerCase();
  if (/\.(geo)?json$/.test(n)) return 'geojson';
  if (/\.(csv|tsv|txt)$/.test(n)) return 'csv';
  if (n.endsWith('.xlsx')) return 'xlsx';
  if (/\.(zip|shp|dbf|prj|cpg|shx)$/.test(n)) return 'shapefile';
  return undefined;
}

export interface ReadOptions {
  /** What the file holds: `units` need households (and get our field names); `features` are taken as they are. */
  kind?: 'units' | 'features';
  /**
   * Coordinate system of lon/lat coordinates: CSV, XLSX, GeoJSON, and shapefiles whose `.prj` is
   * geographic or missing (projected shapefiles say theirs in the `.prj`). Default WGS84.
   */
  crs?: Crs;
  /** Text encoding of CSV and DBF (default: detected). */
  encoding?: Encoding;
  /** XLSX sheet: name or 1-based number (default the first). */
  sheet?: string | number;
  /** Header (or attribute) name for each field, for anything the synonyms do not recognise. */
  columns?: ColumnMapping;
}

export interface ReadResult {
  format: InputFormat;
  /** Good features in WGS84 lon/lat. */
  features: Array<Feature<Geometry | null>>;
  /** Every row or feature left out, and why; also what was assumed. */
  problems: ReadProblem[];
  /** For tables and attribute tables: the headers, the mapping used, the first rows and the fields not found. */
  table?: { headers: string[]; mapping: ColumnMapping; preview: string[][]; missing: Field[] };
  /** The shapefile's own projection (to write back in it). */
  projection?: Projection | null;
  encoding?: Encoding | null;
}

/** Reads one data set: a file, or the parts of a shapefile. Never throws on bad content: see `problems`. */
export async function readFiles(files: InputFile[], options: ReadOptions = {}): Promise<ReadResult> {
  if (!files.length) throw new Error('no file given');
  const format = formatOf(files[0]!.name);
  const name = files[0]!.name;
  if (!format) throw new Error(`${name}: unknown file type (give .geojson, .csv, .xlsx, .zip or .shp)`);
  if (format === 'csv' || format === 'xlsx') {
    let rows: Cell[][];
    let encoding: Encoding | null = null;
    try {
      if (format === 'csv') ({ rows, encoding } = csvRows(files[0]!.bytes, options.encoding));
      else rows = await xlsxRows(files[0]!.bytes, options.sheet);
    } catch (error) {
      return unreadable(format, name, error);
    }
    const units = tableUnits(rows, {
      mapping: options.columns,
      crs: options.crs,
      file: name,
      require: options.kind === 'features' ? ['lng', 'lat'] : ['households', 'lng', 'lat'],
    });
    const { features, problems, ...table } = units;
    return { format, features, problems, table, encoding };
  }
  if (format === 'geojson') {
    let json: unknown;
    try {
      json = JSON.parse(decodeText(files[0]!.bytes, options.encoding).text);
    } catch (error) {
      return {
        format,
        features: [],
        problems: [
          {
            reason: 'bad-json',
            file: name,
            message: `${name} is not valid JSON: ${(error as Error).message.split('\n')[0]}`,
          },
        ],
      };
    }
    const fc = json as { type?: unknown; features?: unknown };
    if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
      return {
        format,
        features: [],
        problems: [
          {
            reason: 'not-feature-collection',
            file: name,
            message: `${name} must be a GeoJSON FeatureCollection`,
          },
        ],
      };
    const crs = options.crs ?? 'wgs84';
    const features = (fc.features as Array<Feature<Geometry | null>>).map((f) =>
      crs === 'wgs84'
        ? f
        : { ...f, geometry: reproject(f.geometry, (p) => convertPosition(p, crs, 'wgs84')) },
    );
    return { format, ...checkFeatures(features, name, options), encoding: null };
  }
  // Shapefile: a zip, or loose parts.
  let parts: ShapefileParts[];
  try {
    parts = shapefileParts(files);
  } catch (error) {
    return unreadable(format, name, error);
  }
  if (!parts.length)
    return {
      format,
      features: [],
      problems: [{ reason: 'no-shp', file: name, message: `${name}: no .shp file in it` }],
    };
  const read = readShapefile(parts[0]!, { encoding: options.encoding });
  const problems = [...read.problems];
  if (parts.length > 1)
    problems.push({
      reason: 'several-layers',
      file: name,
      message: `${name} holds ${parts.length} layers (${parts.map((p) => p.name).join(', ')}); read ${parts[0]!.name}`,
    });
  // Lon/lat shapefiles are often GCJ-02 under a WGS84 .prj: `crs` says so.
  const crs = options.crs ?? 'wgs84';
  const placed =
    crs !== 'wgs84' && (!read.projection || read.projection.geographic)
      ? read.features.map((f) => ({
          ...f,
          geometry: reproject(f.geometry, (p) => convertPosition(p, crs, 'wgs84')),
        }))
      : read.features;
  const checked = checkFeatures(placed, `${parts[0]!.name}.shp`, options);
  return {
    format,
    features: checked.features,
    problems: [...problems, ...checked.problems],
    table: checked.table,
    projection: read.projection,
    encoding: read.encoding,
  };
}

function reproject(g: Geometry | null, f: (p: number[]) => number[]): Geometry | null {
  if (!g || g.type === 'GeometryCollection') return g;
  const walk = (c: unknown): unknown =>
    typeof (c as unknown[])[0] === 'number' ? f(c as number[]) : (c as unknown[]).map(walk);
  return { ...g, coordinates: walk(g.coordinates) } as Geometry;
}

function shapefileParts(files: InputFile[]): ShapefileParts[] {
  const entries = new Map<string, Uint8Array>();
  for (const file of files) {
    if (file.name.toLowerCase().endsWith('.zip')) {
      const unzipped = unzipSync(file.bytes);
      for (const [path, bytes] of Object.entries(unzipped))
        if (!path.startsWith('__MACOSX/')) entries.set(path, bytes);
    } else entries.set(file.name, file.bytes);
  }
  const text = (bytes: Uint8Array | undefined): string | undefined =>
    bytes ? decodeText(bytes).text : undefined;
  const out: ShapefileParts[] = [];
  for (const [path, shp] of entries) {
    if (!path.toLowerCase().endsWith('.shp')) continue;
    const base = path.slice(0, -4);
    const part = (ext: string): Uint8Array | undefined => {
      for (const [p, b] of entries) if (p.toLowerCase() === `${base}.${ext}`.toLowerCase()) return b;
      return undefined;
    };
    out.push({
      name: base.split('/').pop()!,
      shp,
      dbf: part('dbf'),
      prj: text(part('prj')),
      cpg: text(part('cpg')),
    });
  }
  return out;
}

/**
 * Features of a GeoJSON or shapefile: attribute names mapped to our fields like table headers; for
 * units, households required and ids unique; positions outside China or swapped reported.
 */
function checkFeatures(
  input: Array<Feature<Geometry | null>>,
  file: string,
  options: ReadOptions,
): { features: Array<Feature<Geometry | null>>; problems: ReadProblem[]; table?: ReadResult['table'] } {
  const problems: ReadProblem[] = [];
  const headers: string[] = [];
  for (const f of input)
    for (const k of Object.keys(f.properties ?? {})) if (!headers.includes(k)) headers.push(k);
  const mapping = mapHeaders(headers, options.columns);
  const units = options.kind !== 'features';
  const missing: Field[] = units && mapping.households === undefined ? ['households'] : [];
  const preview = [
    headers,
    ...input.slice(0, 5).map((f) => headers.map((h) => String(f.properties?.[h] ?? ''))),
  ];
  const table = { headers, mapping, preview, missing };
  if (missing.length) {
    problems.push({
      reason: 'unmapped-column',
      file,
      message: `${file}: no attribute for households (attributes: ${headers.join(', ')}); name it`,
    });
    return { features: [], problems, table };
  }
  const seen = new Map<string, number>();
  const features: Array<Feature<Geometry | null>> = [];
  input.forEach((f, i) => {
    const p = { ...(f.properties ?? {}) } as Record<string, unknown>;
    for (const [field, header] of Object.entries(mapping)) {
      if (header === field || !(header in p)) continue;
      if (!(field in p)) p[field] = p[header];
      delete p[header];
    }
    const id =
      p.id !== undefined && p.id !== null && String(p.id).trim() !== ''
        ? String(p.id).trim()
        : String(f.id ?? `F${i + 1}`);
    p.id = id;
    const bad = (reason: string, message: string): void => {
      problems.push({
        reason,
        file,
        feature: i,
        id,
        message: `${file} feature ${i + 1} (${id}): ${message}`,
      });
    };
    if (units) {
      const h =
        typeof p.households === 'string' && p.households.trim() !== '' ? Number(p.households) : p.households;
      if (h === undefined || h === null || h === '') return bad('missing-households', 'no households');
      if (!(typeof h === 'number' && Number.isInteger(h) && h >= 0))
        return bad('bad-households', `households "${String(p.households)}" is not a whole number ≥ 0`);
      p.households = h;
    }
    const first = firstPosition(f.geometry);
    if (!f.geometry || !first) return bad('missing-geometry', 'no geometry');
    if (!inChina(first[0]!, first[1]!)) {
      if (inChina(first[1]!, first[0]!))
        return bad('swapped-coordinates', `longitude ${first[0]} and latitude ${first[1]} look swapped`);
      return bad('outside-china', `${first[0]}, ${first[1]} is outside China`);
    }
    if (seen.has(id)) return bad('duplicate-id', `id ${id} was already used by feature ${seen.get(id)! + 1}`);
    seen.set(id, i);
    features.push({ ...f, properties: p });
  });
  return { features, problems, table };
}

function firstPosition(g: Geometry | null): number[] | null {
  if (!g || g.type === 'GeometryCollection') return null;
  let c = g.coordinates as unknown;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? (c as number[]) : null;
}

/** The result for a file that could not be read at all. */
function unreadable(format: InputFormat, name: string, error: unknown): ReadResult {
  const message = `${name}: ${String((error as Error)?.message ?? error)}`;
  return { format, features: [], problems: [{ reason: 'unreadable', file: name, message }] };
}
