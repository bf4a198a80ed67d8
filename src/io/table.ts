/**
 * Spreadsheets of buildings (CSV in any delimiter, UTF-8 or GBK; XLSX): header names in Chinese or
 * English mapped to our fields, one Point unit per good row, a problem per bad row.
 */
import type { Feature, Point } from 'geojson';
import { convertPosition } from '../core/crs.ts';
import type { Crs } from '../core/types.ts';
import { decodeText, type Encoding } from './text.ts';
import { parseCsv } from '../core/csv.ts';
import type { ReadProblem } from './types.ts';

/** The fields a table can fill. */
export const FIELDS = [
  'id',
  'name',
  'households',
  'lng',
  'lat',
  'compound',
  'community',
  'grid',
  'care',
  'address',
] as const;
export type Field = (typeof FIELDS)[number];
export type ColumnMapping = Partial<Record<Field, string>>;

/** Header names recognised for each field (compared without case, spaces or punctuation). */
const SYNONYMS: Record<Field, string[]> = {
  id: ['id', '编号', '楼栋编号', '建筑编号', '代码', 'code', 'buildingid', '楼栋代码'],
  name: ['楼栋', '楼栋名称', '楼栋名', '楼号', '名称', '建筑名称', 'name', 'building'],
  households: ['户数', '住户数', '户', '户籍户数', '实有户数', '总户数', 'households', 'hh', 'household'],
  lng: ['经度', 'lng', 'lon', 'long', 'longitude', 'x坐标经度'],
  lat: ['纬度', 'lat', 'latitude'],
  compound: ['小区', '小区名称', '所属小区', 'compound', 'estate'],
  community: ['社区', '社区名称', '所属社区', '居委会', 'community'],
  grid: ['网格', '网格编号', '所属网格', 'grid'],
  care: ['关爱户', '重点关爱', '关爱户数', 'care'],
  address: ['地址', '详细地址', 'address'],
};

const normal = (header: string): string => header.toLowerCase().replace(/[\s_\-()（）:：./]/g, '');

/** Which header holds each field: the explicit `mapping` first, then the synonyms. */
export function mapHeaders(headers: string[], mapping: ColumnMapping = {}): ColumnMapping {
  const found: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of FIELDS) {
    const wanted = mapping[field];
    if (wanted !== undefined) {
      const hit = headers.find((h) => h === wanted) ?? headers.find((h) => normal(h) === normal(wanted));
      if (hit !== undefined) {
        found[field] = hit;
        taken.add(hit);
      }
    }
  }
  for (const field of FIELDS) {
    if (found[field] !== undefined || mapping[field] !== undefined) continue;
    const hit = headers.find((h) => !taken.has(h) && SYNONYMS[field].includes(normal(h)));
    if (hit !== undefined) {
      found[field] = hit;
      taken.add(hit);
    }
  }
  return found;
}

export type Cell = string | number | boolean | Date | null;

/** Rows of a CSV file (the first non-empty row is the header). */
export function csvRows(bytes: Uint8Array, encoding?: Encoding): { rows: Cell[][]; encoding: Encoding } {
  const decoded = decodeText(bytes, encoding);
  // Blank lines dropped.
  const rows = parseCsv(decoded.text).filter((r) => r.some((f) => f !== ''));
  return { rows, encoding: decoded.encoding };
}

/** Rows of one sheet of an XLSX workbook (the first, or the one named or numbered by `sheet`). */
export async function xlsxRows(bytes: Uint8Array, sheet?: string | number): Promise<Cell[][]> {
  const { readSheet } = await import('read-excel-file/universal');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const data = await readSheet(buffer, sheet ?? 1);
  return data as Cell[][];
}

export interface TableUnits {
  features: Array<Feature<Point>>;
  problems: ReadProblem[];
  headers: string[];
  mapping: ColumnMapping;
  /** The first rows as text, for a preview. */
  preview: string[][];
  /** Fields the table needs but no header was found for (households, lng, lat). */
  missing: Field[];
}

const text = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell);

const number = (cell: Cell | undefined): number => {
  if (typeof cell === 'number') return cell;
  const s = text(cell).trim().replace(/,/g, '');
  return s === '' ? NaN : Number(s);
};

/** Mainland China and its islands, with a margin: coordinates outside are reported. */
export function inChina(lng: number, lat: number): boolean {
  return lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54;
}

/**
 * One Point unit per good row; every bad row is a problem naming its row number (as a spreadsheet
 * shows it, the header being row 1) and is left out. Other columns become properties, as text.
 */
export function tableUnits(
  rows: Cell[][],
  options: { mapping?: ColumnMapping; crs?: Crs; file: string; require?: Field[] },
): TableUnits {
  const problems: ReadProblem[] = [];
  const headerAt = rows.findIndex((r) => r.some((c) => text(c).trim() !== ''));
  const headers = headerAt < 0 ? [] : rows[headerAt]!.map((c) => text(c).trim());
  const mapping = mapHeaders(headers, options.mapping);
  const needs = options.require ?? ['households', 'lng', 'lat'];
  const missing = needs.filter((f) => mapping[f] === undefined);
  const units = needs.includes('households');
  const preview = rows.slice(Math.max(0, headerAt), Math.max(0, headerAt) + 6).map((r) => r.map(text));
  const result: TableUnits = { features: [], problems, headers, mapping, preview, missing };
  if (headerAt < 0) {
    problems.push({ reason: 'empty-table', file: options.file, message: `${options.file} has no rows` });
    return result;
  }
  if (missing.length) {
    problems.push({
      reason: 'unmapped-column',
      file: options.file,
      message: `${options.file}: no column for ${missing.join(', ')} (headers: ${headers.join(', ')}); name the columns`,
    });
    return result;
  }
  const col = (field: Field): number =>
    mapping[field] === undefined ? -1 : headers.indexOf(mapping[field]!);
  const at = Object.fromEntries(FIELDS.map((f) => [f, col(f)])) as Record<Field, number>;
  const used = new Set(Object.values(at).filter((i) => i >= 0));
  const seen = new Map<string, number>();
  const crs = options.crs ?? 'wgs84';
  for (let r = headerAt + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    if (row.every((c) => text(c).trim() === '')) continue;
    const where = { file: options.file, row: line };
    const id = at.id >= 0 && text(row[at.id]).trim() !== '' ? text(row[at.id]).trim() : `R${line}`;
    const bad = (reason: string, message: string): void => {
      problems.push({ reason, ...where, id, message: `${options.file} row ${line} (${id}): ${message}` });
    };
    const hhCell = at.households >= 0 ? row[at.households] : undefined;
    const households = number(hhCell);
    if (units && text(hhCell).trim() === '') {
      bad('missing-households', 'no households');
      continue;
    }
    if (units && !(Number.isInteger(households) && households >= 0)) {
      bad('bad-households', `households "${text(hhCell)}" is not a whole number ≥ 0`);
      continue;
    }
    const lng = number(row[at.lng]);
    const lat = number(row[at.lat]);
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) {
      bad(
        'bad-coordinates',
        `longitude "${text(row[at.lng])}", latitude "${text(row[at.lat])}" are not numbers`,
      );
      continue;
    }
    if (!inChina(lng, lat)) {
      if (inChina(lat, lng)) bad('swapped-coordinates', `longitude ${lng} and latitude ${lat} look swapped`);
      else bad('outside-china', `${lng}, ${lat} is outside China`);
      continue;
    }
    if (seen.has(id)) {
      bad('duplicate-id', `id ${id} was already used on row ${seen.get(id)}`);
      continue;
    }
    seen.set(id, line);
    const properties: Record<string, unknown> = { id };
    if (Number.isFinite(households)) properties.households = households;
    for (const field of ['name', 'compound', 'community', 'grid', 'address'] as const)
      if (at[field] >= 0 && text(row[at[field]]).trim() !== '')
        properties[field] = text(row[at[field]]).trim();
    if (at.care >= 0 && text(row[at.care]).trim() !== '') {
      const care = number(row[at.care]);
      if (Number.isInteger(care) && care >= 0) properties.care = care;
      else bad('bad-care', `care "${text(row[at.care])}" is not a whole number ≥ 0 (left out)`);
    }
    headers.forEach((h, i) => {
      if (!used.has(i) && h && !(h in properties) && text(row[i]) !== '') properties[h] = text(row[i]);
    });
    const position = convertPosition([lng, lat], crs, 'wgs84');
    result.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties });
  }
  return result;
}
