/**
 * The CLI's files: reading any input through `src/io` (flags for columns, coordinates, encoding,
 * sheet; bad rows listed), choosing the writer by extension, writing whole files only, and
 * `wangge convert`.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseCrs } from '../core/crs.ts';
import type { Crs } from '../core/types.ts';
import {
  parseEncoding,
  readFiles,
  writeFeatures,
  type ColumnMapping,
  type Encoding,
  type InputFile,
  type OutputCrs,
  type OutputFormat,
  type ReadResult,
} from '../io/index.ts';

export class CliError extends Error {}
/** `--help`: the text goes to stdout and the exit code is 0. */
export class HelpRequest extends Error {}

/** How to read a non-GeoJSON (or mapped) input: columns, coordinates, encoding, sheet. */
export interface ReadFlags {
  columns: ColumnMapping;
  crs: Crs;
  encoding?: Encoding;
  sheet?: string;
  skipBad: boolean;
  /** True when a flag asks for the file readers even on GeoJSON. */
  given: boolean;
}

export function readFlags(values: Map<string, string>, switches: Set<string>): ReadFlags {
  const columns: ColumnMapping = {};
  for (const field of ['households', 'lng', 'lat', 'name', 'compound', 'community'] as const) {
    const v = values.get(`--${field}`);
    if (v !== undefined) columns[field] = v;
  }
  const crsText = values.get('--crs');
  const crs = crsText === undefined ? 'wgs84' : parseCrs(crsText);
  if (!crs) throw new CliError(`--crs must be wgs84, gcj02 or bd09 (got "${crsText}")`);
  const encodingText = values.get('--encoding');
  const encoding = encodingText === undefined ? undefined : parseEncoding(encodingText);
  if (encodingText !== undefined && !encoding)
    throw new CliError(`--encoding must be utf-8 or gbk (got "${encodingText}")`);
  return {
    columns,
    crs,
    encoding,
    sheet: values.get('--sheet'),
    skipBad: switches.has('--skip-bad'),
    given: Object.keys(columns).length > 0 || crsText !== undefined || encodingText !== undefined,
  };
}

export function outCrsFlag(values: Map<string, string>): 'wgs84' | 'gcj02' | 'input' {
  const v = values.get('--out-crs');
  if (v === undefined) return 'wgs84';
  if (v.toLowerCase() === 'input') return 'input';
  const crs = parseCrs(v);
  if (crs === 'wgs84' || crs === 'gcj02') return crs;
  throw new CliError(`--out-crs must be wgs84, gcj02 or input (got "${v}")`);
}

/** The files of one input: a shapefile's .shp brings its .dbf/.prj/.cpg from beside it. */
export function inputFiles(path: string, what: string): InputFile[] {
  const files: InputFile[] = [{ name: basename(path), bytes: readBytes(path, what) }];
  if (path.toLowerCase().endsWith('.shp')) {
    const base = path.slice(0, -4);
    for (const ext of ['dbf', 'prj', 'cpg', 'DBF', 'PRJ', 'CPG'])
      if (existsSync(`${base}.${ext}`))
        files.push({ name: `${basename(base)}.${ext}`, bytes: readBytes(`${base}.${ext}`, what) });
  }
  return files;
}

/**
 * Reads a file with the readers of `src/io`; each bad row or feature is listed, and unless
 * `--skip-bad` any stops the run (nothing is dropped silently).
 */
export async function readWithIo(
  path: string,
  flags: ReadFlags,
  kind: 'units' | 'features',
): Promise<ReadResult> {
  const files = inputFiles(path, kind === 'units' ? 'units' : 'input');
  let read: ReadResult;
  try {
    read = await readFiles(files, {
      kind,
      crs: flags.crs,
      encoding: flags.encoding,
      sheet: flags.sheet,
      columns: flags.columns,
    });
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
  const missing = read.table?.missing ?? [];
  if (missing.length) {
    const headers = read.table!.headers;
    throw new CliError(
      `${path}: no column for ${missing.join(', ')}; name it with ${missing.map((f) => `--${f} COLUMN`).join(' ')} (columns: ${headers.join(', ')})`,
    );
  }
  if (read.problems.length) {
    const shown = read.problems.slice(0, 10).map((p) => `  ${p.message}`);
    const more = read.problems.length > 10 ? [`  … and ${read.problems.length - 10} more`] : [];
    if (!flags.skipBad || read.features.length === 0)
      throw new CliError(
        `${path}: ${read.problems.length} bad row${read.problems.length === 1 ? '' : 's'} (fix them, or --skip-bad to go on with the ${read.features.length} good ones):\n${[...shown, ...more].join('\n')}`,
      );
    process.stderr.write(
      `wangge: skipped ${read.problems.length} bad rows of ${path}:\n${[...shown, ...more].join('\n')}\n`,
    );
  }
  if (read.features.length === 0) throw new CliError(`${path} has no features`);
  return read;
}

/** The output file's format from its name. */
export function outputFormat(path: string): OutputFormat {
  const n = path.toLowerCase();
  if (n.endsWith('.zip') || n.endsWith('.shp')) return 'shapefile';
  if (n.endsWith('.xlsx')) return 'xlsx';
  if (n.endsWith('.csv')) return 'csv';
  if (/\.(geo)?json$/.test(n)) return 'geojson';
  throw new CliError(`${path}: unknown output type (give .geojson, .shp.zip, .xlsx or .csv)`);
}

/** The base name of the files inside an output (a shapefile zip's members). */
export function baseName(path: string): string {
  return basename(path).replace(/\.(shp\.zip|zip|shp|xlsx|csv|geojson|json)$/i, '');
}

export function readBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`,
    );
  }
}

/** Where --out coordinates go: WGS84, GCJ-02, or the input's own system. */
export function outputCrs(
  args: { outCrs: 'wgs84' | 'gcj02' | 'input'; read: ReadFlags },
  read: ReadResult | null,
): OutputCrs {
  if (args.outCrs !== 'input') return args.outCrs;
  if (read?.projection && !read.projection.geographic) return read.projection;
  return args.read.crs === 'gcj02' ? 'gcj02' : 'wgs84';
}

/** Writes to a temporary name beside `path`, then renames, so a failure never leaves a partial file. */
export function writeWhole(path: string, text: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      if (typeof text === 'string') writeSync(fd, text);
      else writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    throw new CliError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

const CONVERT_HELP = `usage: wangge convert IN OUT [--crs wgs84|gcj02|bd09] [--out-crs wgs84|gcj02|input]
        [--encoding utf-8|gbk] [--sheet NAME] [--lng COLUMN] [--lat COLUMN] [--households COLUMN] [--skip-bad]

Converts between GeoJSON (.geojson), CSV (.csv), XLSX (.xlsx) and Shapefile (.shp.zip, or a .shp with
its .dbf/.prj/.cpg beside it), and between coordinate systems. Inputs are read as for "wangge
partition" (headers recognised, GBK detected, .prj reprojected); CSV is written in UTF-8 with a BOM,
a shapefile with .prj and .cpg. Every bad row is listed; any stops the run unless --skip-bad.

  --crs C        coordinates of a lon/lat input (default wgs84)
  --out-crs C    coordinates of the output: wgs84 (default), gcj02, or input (the input's own)`;

/** `wangge convert IN OUT`: between formats and coordinate systems, with the readers of the editor. */
export async function runConvert(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest(CONVERT_HELP);
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  const allowed = new Set([
    '--crs',
    '--out-crs',
    '--encoding',
    '--sheet',
    '--lng',
    '--lat',
    '--households',
    '--name',
    '--compound',
    '--community',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--skip-bad') switches.add(a);
    else if (a.startsWith('--')) {
      if (!allowed.has(a)) throw new CliError(`unknown option ${a}; run "wangge convert --help"`);
      const v = argv[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      values.set(a, v);
    } else positional.push(a);
  }
  if (positional.length !== 2) throw new CliError(`give IN and OUT; ${CONVERT_HELP.split('\n')[0]}`);
  const [input, output] = positional as [string, string];
  const flags = readFlags(values, switches);
  const format = outputFormat(output);
  if (resolve(input) === resolve(output))
    throw new CliError(`${output} is the input file; refusing to overwrite it`);
  const dir = dirname(resolve(output));
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`cannot write ${output}: no such folder ${dir}`);
  const read = await readWithIo(input, flags, flags.columns.households ? 'units' : 'features');
  const crs = outputCrs({ outCrs: outCrsFlag(values), read: flags }, read);
  let written;
  try {
    written = await writeFeatures(read.features, format, { crs, name: baseName(output) });
  } catch (e) {
    throw new CliError(`cannot write ${output}: ${(e as Error).message}`);
  }
  for (const w of written.warnings) process.stderr.write(`wangge: note: ${w}\n`);
  writeWhole(output, written.file.bytes);
  process.stderr.write(`wangge: ${read.features.length} features → ${output}\n`);
  return 0;
}
