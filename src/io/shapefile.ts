/**
 * ESRI Shapefiles: `.shp` geometry, `.dbf` attributes (decoded by `.cpg`, else UTF-8 when valid, else
 * GBK), `.prj` projection. Our own reader and writer: the format is small and fixed, and the
 * libraries at hand either guess the DBF encoding differently (no GBK fallback without a `.cpg`) or
 * write only WGS84 without a `.cpg`.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { decodeText, isUtf8, parseEncoding, type Encoding } from './text.ts';
import { looksProjected, projectionFromWkt, type Projection } from './projection.ts';
import type { ReadProblem } from './types.ts';

export interface ShapefileParts {
  /** Base name (for messages). */
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

export interface ShapefileRead {
  features: Array<Feature<Geometry | null>>;
  problems: ReadProblem[];
  projection: Projection | null;
  encoding: Encoding | null;
}

// ── Reading ─────────────────────────────────────────────────────────────────

export function readShapefile(parts: ShapefileParts, options: { encoding?: Encoding } = {}): ShapefileRead {
  const problems: ReadProblem[] = [];
  const file = `${parts.name}.shp`;
  let projection: Projection | null = null;
  if (parts.prj?.trim()) {
    try {
      projection = projectionFromWkt(parts.prj);
    } catch (error) {
      problems.push({
        reason: 'bad-prj',
        file: `${parts.name}.prj`,
        message: `${parts.name}.prj: ${(error as Error).message}`,
      });
      return { features: [], problems, projection: null, encoding: null };
    }
  }
  const geometries = readGeometries(parts.shp, file, problems);
  let records: Array<Record<string, unknown>> = [];
  let encoding: Encoding | null = null;
  if (parts.dbf) {
    const table = readDbf(
      parts.dbf,
      options.encoding ?? parseEncoding(parts.cpg),
      `${parts.name}.dbf`,
      problems,
    );
    records = table.records;
    encoding = table.encoding;
    if (records.length !== geometries.length)
      problems.push({
        reason: 'record-count',
        file,
        message: `${parts.name}: ${geometries.length} shapes but ${records.length} attribute rows; rows matched by order`,
      });
  }
  // Projected coordinates need the .prj to be placed.
  const first = geometries.find((g) => g)?.coordinates;
  if (!projection && first && looksProjected(firstPosition(first))) {
    problems.push({
      reason: 'missing-prj',
      file,
      message: `${parts.name}: the coordinates are in metres (${firstPosition(first)
        .map((x) => x.toFixed(0))
        .join(', ')}) and there is no .prj to say which projection; add the .prj file`,
    });
    return { features: [], problems, projection: null, encoding };
  }
  const features: Array<Feature<Geometry | null>> = geometries.map((g, i) => ({
    type: 'Feature',
    geometry: g && projection && !projection.geographic ? project(g, projection.toWgs84) : g,
    properties: records[i] ?? {},
  }));
  return { features, problems, projection, encoding };
}

type Shape = Extract<Geometry, { coordinates: unknown }>;

function firstPosition(c: unknown): number[] {
  let x = c as unknown[];
  while (Array.isArray(x[0])) x = x[0] as unknown[];
  return x as number[];
}

function readGeometries(shp: Uint8Array, file: string, problems: ReadProblem[]): Array<Shape | null> {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (shp.byteLength < 100 || view.getInt32(0, false) !== 9994) {
    problems.push({
      reason: 'not-shapefile',
      file,
      message: `${file} is not a shapefile (.shp header missing)`,
    });
    return [];
  }
  const out: Array<Shape | null> = [];
  let at = 100;
  while (at + 8 <= shp.byteLength) {
    const length = view.getInt32(at + 4, false) * 2;
    const start = at + 8;
    at = start + length;
    if (at > shp.byteLength || length < 4) {
      problems.push({
        reason: 'truncated',
        file,
        feature: out.length,
        message: `${file}: shape ${out.length} is cut off`,
      });
      break;
    }
    const type = view.getInt32(start, true);
    const point = (o: number): Position => [view.getFloat64(o, true), view.getFloat64(o + 8, true)];
    const base = type % 10; // 1, 3, 5, 8 and their Z (1x) and M (2x) variants share the 2D layout
    if (type === 0) out.push(null);
    else if (base === 1) out.push({ type: 'Point', coordinates: point(start + 4) });
    else if (base === 8) {
      const n = view.getInt32(start + 36, true);
      out.push({
        type: 'MultiPoint',
        coordinates: Array.from({ length: n }, (_, i) => point(start + 40 + 16 * i)),
      });
    } else if (base === 3 || base === 5) {
      const nParts = view.getInt32(start + 36, true);
      const nPoints = view.getInt32(start + 40, true);
      const first = Array.from({ length: nParts }, (_, i) => view.getInt32(start + 44 + 4 * i, true));
      const pts = start + 44 + 4 * nParts;
      const rings = first.map((s, i) => {
        const e = i + 1 < nParts ? first[i + 1]! : nPoints;
        return Array.from({ length: e - s }, (_, j) => point(pts + 16 * (s + j)));
      });
      if (base === 3)
        out.push(
          rings.length === 1
            ? { type: 'LineString', coordinates: rings[0]! }
            : { type: 'MultiLineString', coordinates: rings },
        );
      else out.push(polygonOf(rings));
    } else {
      problems.push({
        reason: 'unsupported-shape',
        file,
        feature: out.length,
        message: `${file}: shape type ${type} of shape ${out.length} is not supported`,
      });
      out.push(null);
    }
  }
  return out;
}

/** Twice the signed area (positive when counter-clockwise). */
function signedArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a;
}

function inside(p: Position, ring: Position[]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > p[1]! !== yj! > p[1]! && p[0]! < ((xj! - xi!) * (p[1]! - yi!)) / (yj! - yi!) + xi!) hit = !hit;
  }
  return hit;
}

/** Shapefile rings (outer clockwise, holes counter-clockwise) as a GeoJSON Polygon or MultiPolygon. */
function polygonOf(rings: Position[][]): Shape {
  const outers: Position[][][] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    if (ring.length < 4) continue;
    if (signedArea(ring) <= 0) outers.push([[...ring].reverse()]);
    else holes.push([...ring].reverse());
  }
  for (const hole of holes) {
    const owner = outers.find((o) => inside(hole[0]!, o[0]!));
    if (owner) owner.push(hole);
    else outers.push([[...hole].reverse()]); // a lone counter-clockwise ring: an outer written the other way
  }
  return outers.length === 1
    ? { type: 'Polygon', coordinates: outers[0]! }
    : { type: 'MultiPolygon', coordinates: outers };
}

function project(g: Shape, f: (p: Position) => Position): Shape {
  const walk = (c: unknown): unknown =>
    typeof (c as unknown[])[0] === 'number' ? f(c as Position) : (c as unknown[]).map(walk);
  return { ...g, coordinates: walk(g.coordinates) } as Shape;
}

interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
}

function readDbf(
  dbf: Uint8Array,
  given: Encoding | undefined,
  file: string,
  problems: ReadProblem[],
): { records: Array<Record<string, unknown>>; encoding: Encoding } {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  if (dbf.byteLength < 32) {
    problems.push({ reason: 'bad-dbf', file, message: `${file} is too short to be a DBF file` });
    return { records: [], encoding: given ?? 'utf-8' };
  }
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const rawFields: Array<{ name: Uint8Array; type: string; length: number; offset: number }> = [];
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    let end = at;
    while (end < at + 11 && dbf[end] !== 0) end++;
    rawFields.push({
      name: dbf.subarray(at, end),
      type: String.fromCharCode(dbf[at + 11]!),
      length: dbf[at + 16]!,
      offset,
    });
    offset += dbf[at + 16]!;
  }
  // No .cpg: UTF-8 when every text byte is valid UTF-8, else GBK (code page 936; also when the
  // language driver byte says so).
  let encoding = given;
  if (!encoding) {
    const textBytes: Uint8Array[] = rawFields.map((f) => f.name);
    for (let r = 0; r < count; r++)
      for (const f of rawFields)
        if (f.type === 'C')
          textBytes.push(
            dbf.subarray(
              headerLength + r * recordLength + f.offset,
              headerLength + r * recordLength + f.offset + f.length,
            ),
          );
    encoding = dbf[29] === 0x4d || !textBytes.every(isUtf8) ? 'gbk' : 'utf-8';
  }
  const decode = (bytes: Uint8Array): string => decodeText(bytes, encoding).text;
  const fields: DbfField[] = rawFields.map((f) => ({
    name: decode(f.name).trim(),
    type: f.type,
    offset: f.offset,
    length: f.length,
  }));
  const records: Array<Record<string, unknown>> = [];
  for (let r = 0; r < count; r++) {
    const at = headerLength + r * recordLength;
    if (at + recordLength > dbf.byteLength) {
      problems.push({
        reason: 'truncated',
        file,
        feature: r,
        message: `${file}: attribute row ${r} is cut off`,
      });
      break;
    }
    const record: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = dbf.subarray(at + f.offset, at + f.offset + f.length);
      const value = decode(raw).replace(/\0+$/, '').trim();
      if (f.type === 'N' || f.type === 'F') record[f.name] = value === '' ? null : Number(value);
      else if (f.type === 'L')
        record[f.name] = /^[YyTt]/.test(value) ? true : /^[NnFf]/.test(value) ? false : null;
      else if (f.type === 'D' && /^\d{8}$/.test(value))
        record[f.name] = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
      else record[f.name] = value;
    }
    records.push(record);
  }
  return { records, encoding };
}

// ── Writing ─────────────────────────────────────────────────────────────────

export interface ShapefileWrite {
  /** `.shp`, `.shx`, `.dbf`, `.prj`, `.cpg` by extension. */
  files: Record<'shp' | 'shx' | 'dbf' | 'prj' | 'cpg', Uint8Array>;
  /** Text values cut to the 254 bytes a DBF field holds, and other losses. */
  warnings: string[];
}

/**
 * Writes features of one kind (points, lines or polygons) as a shapefile: attributes in UTF-8 with a
 * `.cpg`, `prj` as the `.prj`, positions through `project` (from WGS84 to the file's system).
 */
export function writeShapefile(
  features: Array<Feature<Geometry | null>>,
  options: { prj: string; project?: (p: Position) => Position },
): ShapefileWrite {
  const warnings: string[] = [];
  const project = options.project ?? ((p: Position) => p);
  const kinds = new Set(
    features
      .map((f) => f.geometry?.type)
      .filter(Boolean)
      .map((t) => (t!.includes('Point') ? 1 : t!.includes('Polygon') ? 5 : 3)),
  );
  if (kinds.size > 1)
    throw new Error('a shapefile holds one kind of geometry: these features mix points, lines and polygons');
  const shapeType = [...kinds][0] ?? 1;
  const records = features.map((f) => shapeRecord(f.geometry, shapeType, project));
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of records)
    if (r.box)
      for (let i = 0; i < 4; i++)
        box[i] = i < 2 ? Math.min(box[i]!, r.box[i]!) : Math.max(box[i]!, r.box[i]!);
  if (!box.every(Number.isFinite)) box.fill(0);
  const shpLength = 100 + records.reduce((s, r) => s + 8 + r.bytes.byteLength, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * records.length);
  header(shp, shpLength, shapeType, box);
  header(shx, shx.byteLength, shapeType, box);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let at = 100;
  records.forEach((r, i) => {
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, r.bytes.byteLength / 2, false);
    shp.set(r.bytes, at + 8);
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, r.bytes.byteLength / 2, false);
    at += 8 + r.bytes.byteLength;
  });
  const dbf = writeDbf(
    features.map((f) => f.properties ?? {}),
    warnings,
  );
  const encoder = new TextEncoder();
  return {
    files: { shp, shx, dbf, prj: encoder.encode(options.prj), cpg: encoder.encode('UTF-8') },
    warnings,
  };
}

function header(bytes: Uint8Array, length: number, shapeType: number, box: number[]): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  v.setInt32(0, 9994, false);
  v.setInt32(24, length / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, shapeType, true);
  box.forEach((x, i) => v.setFloat64(36 + 8 * i, x, true));
}

function shapeRecord(
  g: Geometry | null,
  shapeType: number,
  project: (p: Position) => Position,
): { bytes: Uint8Array; box?: number[] } {
  if (!g || g.type === 'GeometryCollection') {
    const bytes = new Uint8Array(4);
    return { bytes };
  }
  if (shapeType === 1) {
    const p = project(g.type === 'Point' ? g.coordinates : (g.coordinates as Position[])[0]!);
    const bytes = new Uint8Array(20);
    const v = new DataView(bytes.buffer);
    v.setInt32(0, 1, true);
    v.setFloat64(4, p[0]!, true);
    v.setFloat64(12, p[1]!, true);
    return { bytes, box: [p[0]!, p[1]!, p[0]!, p[1]!] };
  }
  let parts: Position[][];
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    // Shapefile order: outer rings clockwise, holes counter-clockwise.
    parts = polygons.flatMap((rings) =>
      rings.map((ring, i) => {
        const r = ring.map(project);
        const ccw = signedArea(r) > 0;
        return (i === 0) === ccw ? r.reverse() : r;
      }),
    );
  } else if (g.type === 'LineString') parts = [g.coordinates.map(project)];
  else if (g.type === 'MultiLineString') parts = g.coordinates.map((l) => l.map(project));
  else parts = [];
  const n = parts.reduce((s, p) => s + p.length, 0);
  const bytes = new Uint8Array(44 + 4 * parts.length + 16 * n);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, shapeType, true);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  v.setInt32(36, parts.length, true);
  v.setInt32(40, n, true);
  let k = 0;
  parts.forEach((p, i) => {
    v.setInt32(44 + 4 * i, k, true);
    for (const q of p) {
      const o = 44 + 4 * parts.length + 16 * k++;
      v.setFloat64(o, q[0]!, true);
      v.setFloat64(o + 8, q[1]!, true);
      box[0] = Math.min(box[0]!, q[0]!);
      box[1] = Math.min(box[1]!, q[1]!);
      box[2] = Math.max(box[2]!, q[0]!);
      box[3] = Math.max(box[3]!, q[1]!);
    }
  });
  box.forEach((x, i) => v.setFloat64(4 + 8 * i, x, true));
  return { bytes, box };
}

/** The UTF-8 bytes of `s`, cut at a character boundary to at most `max`. */
function cutBytes(s: string, max: number): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function writeDbf(rows: Array<Record<string, unknown>>, warnings: string[]): Uint8Array {
  const keys: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
  const asText = (v: unknown): string =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const names = new Set<string>();
  const fields = keys.map((key) => {
    const numeric = rows.every(
      (r) =>
        r[key] === undefined || r[key] === null || (typeof r[key] === 'number' && Number.isFinite(r[key])),
    );
    const integer = numeric && rows.every((r) => r[key] == null || Number.isInteger(r[key]));
    // Field names: at most 10 bytes, unique.
    let name = cutBytes(key, 10);
    for (let n = 1; names.has(new TextDecoder().decode(name)); n++)
      name = new TextEncoder().encode(
        `${new TextDecoder().decode(cutBytes(key, 10 - String(n).length))}${n}`,
      );
    names.add(new TextDecoder().decode(name));
    let length = numeric ? (integer ? 18 : 24) : 1;
    if (!numeric)
      for (const r of rows)
        length = Math.max(length, Math.min(254, new TextEncoder().encode(asText(r[key])).length));
    return { key, name, type: numeric ? 'N' : 'C', length, decimals: numeric && !integer ? 8 : 0 };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const v = new DataView(out.buffer);
  const now = new Date();
  out[0] = 0x03;
  out[1] = now.getFullYear() - 1900;
  out[2] = now.getMonth() + 1;
  out[3] = now.getDate();
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(f.name, at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  let cut = 0;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20;
    for (const f of fields) {
      const value = row[f.key];
      let bytes: Uint8Array;
      if (f.type === 'N') {
        const s = value == null ? '' : f.decimals ? (value as number).toFixed(f.decimals) : String(value);
        bytes = new TextEncoder().encode(s.padStart(f.length, ' ').slice(-f.length));
      } else {
        const text = asText(value);
        bytes = cutBytes(text, f.length);
        if (bytes.length < new TextEncoder().encode(text).length) cut++;
      }
      out.fill(0x20, at, at + f.length);
      out.set(bytes, at);
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  if (cut)
    warnings.push(
      `${cut} text value${cut === 1 ? '' : 's'} longer than the 254 bytes a DBF field holds were cut`,
    );
  return out;
}
