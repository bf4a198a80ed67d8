/**
 * The `wangge` command. `wangge --help` lists the commands; `wangge partition --help` the options.
 *
 * stdout: a short summary, or with --json one JSON object. Bad input: exit code 1 and a one-line
 * reason. Infeasible request: the best plan is still written, each cause goes to stderr, exit code 2.
 * Output files are written to a temporary name beside the target and renamed when complete.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { PartitionCancelledError } from '../core/partition/index.ts';
import type { GridCount, PartitionProgress, PartitionRequest } from '../core/partition-types.ts';
import { skimFeatureCollection } from './skim.ts';
import { geometryFault } from '../core/validate.ts';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { bbox } from '@turf/bbox';
import { assignGridCodes, checkGridCode, parseCodeStandard, type CodeStandard } from '../core/codes.ts';
import {
  partitionUnits,
  partitionUnitsWith,
  UnitInputError,
  type UnitId,
  type UnitInput,
} from '../core/plan.ts';
import { defaultThreads, isPoolWorker, serveWorker, workerRunner } from './pool.ts';
import {
  CliError,
  HelpRequest,
  outCrsFlag,
  outputCrs,
  outputFormat,
  baseName,
  readBytes,
  readFlags,
  readWithIo,
  runConvert,
  writeWhole,
  type ReadFlags,
} from './files.ts';
import { formatOf, gridSummary, writeFeatures } from '../io/index.ts';

const HELP = `wangge — grid governance tools

usage: wangge <command> [options]

commands:
  partition   split units (buildings, compounds) into household-balanced, contiguous grids
  codes       give grids codes by a standard (CJ/T 349-2010, statistical, sequence), or check them
  convert     convert between GeoJSON, CSV, XLSX and Shapefile, and between coordinate systems

Run "wangge partition --help" for the options of a command.`;

const USAGE = `usage: wangge partition UNITS (--min-households A --max-households B [--grids fewest|middle|N] | --parts K)
        [--tolerance T] [--adjacency EDGES.json] [--boundary COMMUNITY.geojson] [--edge-weight length]
        [--time-limit MS] [--seed N] [--out GRIDS.geojson|.shp.zip|.xlsx|.csv] [--out-crs wgs84|gcj02|input]
        [--assignment ASSIGNMENT.csv] [--weight households] [--id id] [--threads N] [--json]
        [--households COLUMN] [--lng COLUMN] [--lat COLUMN] [--crs wgs84|gcj02|bd09] [--encoding utf-8|gbk]
        [--sheet NAME] [--skip-bad]`;

const PARTITION_HELP = `${USAGE}

Splits UNITS into grids: GeoJSON (Point or Polygon features with an id and households; optional
community and compound properties), a CSV or XLSX building register (one row per building with
households and longitude/latitude; headers such as 户数/经度/纬度/楼栋/小区/社区 are recognised), or a
Shapefile (.zip, or .shp with its .dbf/.prj/.cpg beside it; reprojected from its .prj). Communities are never mixed; a compound stays in one grid unless
the band forces a split; an island too small for a grid joins its nearest grid (an exclave).

  --min-households A --max-households B
                        household band: every grid within [A, B]
  --grids fewest|middle|N
                        with a band: the fewest grids that fit (default), the count nearest the
                        middle of the band, or exactly N grids (per community, shared by households)
  --parts K             exactly K parts (with --tolerance, default 0.01 = ±1 % of the ideal)
  --tolerance T         allowed deviation from the ideal (with a band: narrows the band)
  --adjacency EDGES.json
                        [[idA, idB], …] or [[idA, idB, weight], …]; default: unit cells touching
  --boundary FILE       community boundary (Polygon/MultiPolygon) for the cells of point units
  --edge-weight length  a cut edge costs the length of the shared cell boundary (metres), so grid
                        boundaries follow long edges such as streets; default 1 per edge (or the
                        adjacency's weights)
  --time-limit MS       search budget: restarts until spent (deterministic for a seed and budget)
  --seed N              random seed (default 1)
  --out FILE            the grids, by extension: .geojson polygons, .shp.zip a zipped Shapefile,
                        .xlsx or .csv one row per grid (code, name, worker, community, households,
                        buildings, care)
  --out-crs wgs84|gcj02|input
                        coordinates of --out (default wgs84; input = the input's own system)
  --assignment FILE     unit,grid CSV
  --households COLUMN   the column (or attribute) with households, when not recognised; also
  --lng, --lat, --name, --compound, --community COLUMN
  --crs wgs84|gcj02|bd09
                        coordinates of a CSV/XLSX/GeoJSON (or lon/lat Shapefile) input (default wgs84)
  --encoding utf-8|gbk  text encoding of a CSV or DBF (default: detected)
  --sheet NAME          the XLSX sheet (default the first)
  --skip-bad            go on with the good rows when some rows are bad (each is still listed)
  --weight PROPERTY     property with the households (default households)
  --id PROPERTY         property with the unit id (default id, else the feature id)
  --threads N           worker threads for communities in parallel (default: one per core, used
                        for inputs of 20,000 units or more; given explicitly, for any input)
  --json                print the summary as one JSON object

Exit codes: 0 done; 1 bad input (named); 2 infeasible (the best plan is still written).`;

const CODES_HELP = `usage: wangge codes GRIDS.geojson [--standard sequence|statistical|cjt349:OBJECT] [--check] [--renumber] [--out FILE]

Gives every grid of GRIDS.geojson (Polygon/MultiPolygon features with id and community) a code by a
standard, numbered in reading order per community (rows north to south, west to east); grids whose
code is already valid keep it unless --renumber. With --check, only checks (duplicates, and each code
against the standard and its community) and exits 1 naming every invalid grid.

  --standard S   sequence (community code + 3 digits, default), statistical (12-digit division code
                 + 3 digits) or cjt349:OBJECT (CJ/T 349-2010, 20 digits; OBJECT the 6-digit CJ/T 348
                 managed or served object code)
  --check        check the codes, write nothing
  --renumber     give every grid a new code
  --out FILE     the grids with their codes (default: stdout)`;

interface Args {
  units: string;
  parts?: number;
  minHouseholds?: number;
  maxHouseholds?: number;
  tolerance?: number;
  adjacency?: string;
  boundary?: string;
  seed: number;
  out?: string;
  assignment?: string;
  weight: string;
  id: string;
  gridCount?: GridCount;
  timeLimit?: number;
  edgeWeight?: 'length';
  json: boolean;
  threads: number;
  threadsGiven: boolean;
  read: ReadFlags;
  outCrs: 'wgs84' | 'gcj02' | 'input';
}

const FLAGS = new Set([
  '--parts',
  '--min-households',
  '--max-households',
  '--tolerance',
  '--adjacency',
  '--boundary',
  '--seed',
  '--out',
  '--assignment',
  '--weight',
  '--id',
  '--grids',
  '--time-limit',
  '--edge-weight',
  '--threads',
  '--households',
  '--lng',
  '--lat',
  '--name',
  '--compound',
  '--community',
  '--crs',
  '--out-crs',
  '--encoding',
  '--sheet',
]);
const SWITCHES = new Set(['--json', '--skip-bad']);

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new HelpRequest(HELP);
  if (command !== 'partition') throw new CliError(`unknown command "${command}"; run "wangge --help"`);
  // (`codes` and `convert` are handled before parseArgs.)
  if (rest.includes('--help') || rest.includes('-h')) throw new HelpRequest(PARTITION_HELP);
  const values = new Map<string, string>();
  const positional: string[] = [];
  const switches = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (SWITCHES.has(a)) switches.add(a);
    else if (a.startsWith('--')) {
      const [flag, inline] = a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
      if (!FLAGS.has(flag)) throw new CliError(`unknown option ${flag}`);
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new CliError(`${flag} needs a value`);
      values.set(flag, value);
    } else positional.push(a);
  }
  if (positional.length !== 1) throw new CliError(`give exactly one UNITS file; ${USAGE.split('\n')[0]}`);
  const number = (flag: string, check: (x: number) => boolean, what: string): number | undefined => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const x = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(x) || !check(x))
      throw new CliError(`${flag} must be ${what} (got "${raw}")`);
    return x;
  };
  const args: Args = {
    units: positional[0]!,
    parts: number('--parts', (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1'),
    minHouseholds: number('--min-households', (x) => x >= 0, 'a number ≥ 0'),
    maxHouseholds: number('--max-households', (x) => x > 0, 'a number > 0'),
    tolerance: number('--tolerance', (x) => x >= 0 && x < 1, 'a fraction between 0 and 1, e.g. 0.01'),
    seed: number('--seed', (x) => Number.isInteger(x), 'a whole number') ?? 1,
    adjacency: values.get('--adjacency'),
    boundary: values.get('--boundary'),
    out: values.get('--out'),
    assignment: values.get('--assignment'),
    weight: values.get('--weight') ?? 'households',
    id: values.get('--id') ?? 'id',
    timeLimit: number('--time-limit', (x) => x > 0, 'a number of milliseconds > 0'),
    json: switches.has('--json'),
    threads:
      number('--threads', (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1') ?? defaultThreads(),
    threadsGiven: values.has('--threads'),
    read: readFlags(values, switches),
    outCrs: outCrsFlag(values),
  };
  const grids = values.get('--grids');
  if (grids !== undefined) {
    if (grids === 'fewest' || grids === 'middle') args.gridCount = grids;
    else if (/^[1-9][0-9]*$/.test(grids) && args.parts === undefined) args.parts = Number(grids);
    else throw new CliError(`--grids must be fewest, middle or a whole number ≥ 1 (got "${grids}")`);
    if (args.minHouseholds === undefined)
      throw new CliError('--grids needs a household band (--min-households and --max-households)');
  }
  const edgeWeight = values.get('--edge-weight');
  if (edgeWeight !== undefined) {
    if (edgeWeight !== 'length')
      throw new CliError(
        `--edge-weight must be "length" (got "${edgeWeight}"); weights per edge go in the adjacency as [idA, idB, weight]`,
      );
    args.edgeWeight = 'length';
  }
  const band = args.minHouseholds !== undefined || args.maxHouseholds !== undefined;
  if (args.parts === undefined && !band)
    throw new CliError('give --parts K or --min-households A --max-households B');
  if (band && (args.minHouseholds === undefined || args.maxHouseholds === undefined)) {
    throw new CliError('a household band needs both --min-households and --max-households');
  }
  if (band && args.minHouseholds! > args.maxHouseholds!) {
    throw new CliError(
      `--min-households ${args.minHouseholds} is larger than --max-households ${args.maxHouseholds}`,
    );
  }
  return args;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path} is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

function readUnitsFile(path: string, skimGeometry: boolean): { features: UnitInput[] } {
  let json: { type?: unknown; features?: unknown } | null = null;
  if (skimGeometry) {
    // Only properties (and a site per unit) are needed: skip geometries without parsing them.
    json = skimFeatureCollection(readBytes(path, 'units'));
  }
  json ??= readJson(path, 'units') as { type?: unknown; features?: unknown };
  if (
    !json ||
    typeof json !== 'object' ||
    json.type !== 'FeatureCollection' ||
    !Array.isArray(json.features)
  ) {
    throw new CliError(`${path} must be a GeoJSON FeatureCollection`);
  }
  if (json.features.length === 0) throw new CliError(`${path} has no features`);
  // Skimmed geometries are placeholders (only the adjacency is used): nothing to check then.
  if (!skimGeometry) checkGeometries(path, json.features as UnitInput[], 'unit', (f) => f.geometry != null);
  return json as { features: UnitInput[] };
}

/**
 * The layers' geometry checks on a file's features: swapped [lat, lng], out-of-range or projected
 * coordinates, self-intersecting (bowtie) rings. Any fault stops the run, naming the first few.
 */
function checkGeometries<T extends { geometry?: unknown; properties?: unknown; id?: unknown }>(
  path: string,
  features: readonly T[],
  noun: string,
  present: (f: T) => boolean = () => true,
): void {
  const faults: string[] = [];
  let count = 0;
  features.forEach((f, i) => {
    if (!present(f)) return;
    const fault = geometryFault(f.geometry);
    if (!fault) return;
    count++;
    if (faults.length < 5) {
      const props = (f.properties ?? {}) as Record<string, unknown>;
      const id = props.id ?? f.id;
      faults.push(
        `${noun} ${id === undefined ? `#${i}` : JSON.stringify(id)}: ${fault.reason} ${fault.detail}`,
      );
    }
  });
  if (count)
    throw new CliError(
      `${path}: ${count} ${noun}${count === 1 ? '' : 's'} with bad geometry — ${faults.join('; ')}${count > faults.length ? '; …' : ''}`,
    );
}

function readEdges(path: string): Array<[UnitId, UnitId] | [UnitId, UnitId, number]> {
  const json = readJson(path, 'adjacency');
  if (!Array.isArray(json)) throw new CliError(`${path} must be a JSON array of [idA, idB] pairs`);
  for (let e = 0; e < json.length; e++) {
    const pair = json[e] as unknown;
    const weighted = Array.isArray(pair) && pair.length === 3;
    if (!Array.isArray(pair) || (pair.length !== 2 && !weighted) || !isId(pair[0]) || !isId(pair[1])) {
      throw new CliError(
        `${path}: edge ${e} must be a pair [idA, idB] of ids, or [idA, idB, weight] (got ${JSON.stringify(pair)})`,
      );
    }
    if (weighted && !(typeof pair[2] === 'number' && Number.isFinite(pair[2]) && pair[2] >= 0)) {
      throw new CliError(`${path}: edge ${e}: weight must be a number ≥ 0 (got ${JSON.stringify(pair[2])})`);
    }
  }
  return json as Array<[UnitId, UnitId] | [UnitId, UnitId, number]>;
}

function isId(x: unknown): boolean {
  return typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
}

function readBoundary(path: string): Polygon | MultiPolygon {
  const json = readJson(path, 'boundary') as { type?: string; geometry?: unknown; features?: unknown[] };
  const polygons: Array<Polygon | MultiPolygon> = [];
  const take = (g: unknown, where: string): void => {
    const geom = g as { type?: string; coordinates?: unknown } | null;
    if (
      !geom ||
      (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon') ||
      !Array.isArray(geom.coordinates)
    ) {
      throw new CliError(`${path}: ${where} must be a Polygon or MultiPolygon`);
    }
    const fault = geometryFault(geom, ['Polygon', 'MultiPolygon']);
    if (fault) throw new CliError(`${path}: ${where}: ${fault.reason} ${fault.detail}`);
    polygons.push(geom as Polygon | MultiPolygon);
  };
  if (json?.type === 'FeatureCollection' && Array.isArray(json.features)) {
    if (json.features.length === 0) throw new CliError(`${path} has no features`);
    json.features.forEach((f, i) => take((f as Feature).geometry, `feature ${i}`));
  } else if (json?.type === 'Feature') take(json.geometry, 'the feature');
  else take(json, 'the geometry');
  if (polygons.length === 1) return polygons[0]!;
  return {
    type: 'MultiPolygon',
    coordinates: polygons.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)),
  };
}

/**
 * Point units must lie inside the boundary their cells are cut from: a boundary of another place
 * (or with swapped coordinates) would otherwise turn every unit into an exclave.
 */
function checkInside(path: string, boundary: Polygon | MultiPolygon, features: readonly UnitInput[]): void {
  const outside: string[] = [];
  let points = 0;
  features.forEach((f, i) => {
    const g = f.geometry as { type?: string; coordinates?: number[] } | null | undefined;
    if (g?.type !== 'Point' || !g.coordinates) return;
    points++;
    if (!booleanPointInPolygon(g.coordinates, boundary))
      outside.push(
        `${JSON.stringify((f.properties as Record<string, unknown> | null)?.id ?? `#${i}`)} at ${JSON.stringify(g.coordinates)}`,
      );
  });
  if (outside.length)
    throw new CliError(
      `${path}: ${outside.length} of ${points} point units lie outside the boundary (${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ', …' : ''}); is it the boundary of this community?`,
    );
}

/** WANGGE_TIMING=1 prints the time of each step to stderr. */
function timer(): (step: string) => void {
  if (!process.env.WANGGE_TIMING) return () => {};
  let last = performance.now();
  process.stderr.write(`wangge: timing: start ${last.toFixed(1)} ms after process start\n`);
  return (step) => {
    const t = performance.now();
    process.stderr.write(`wangge: timing: ${step} ${(t - last).toFixed(1)} ms\n`);
    last = t;
  };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Every output path: its folder exists, and it is not one of the inputs. */
function checkOutputs(args: Args): void {
  const inputs = [args.units, args.adjacency, args.boundary]
    .filter((p): p is string => !!p)
    .map((p) => resolve(p));
  const outputs = [args.out, args.assignment].filter((p): p is string => !!p);
  for (const out of outputs) {
    const full = resolve(out);
    if (inputs.includes(full)) throw new CliError(`${out} is an input file; refusing to overwrite it`);
    const dir = dirname(full);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new CliError(`cannot write ${out}: no such folder ${dir}`);
  }
  if (outputs.length === 2 && resolve(outputs[0]!) === resolve(outputs[1]!))
    throw new CliError('--out and --assignment name the same file');
}

/** A one-line progress bar on stderr, only when it is a terminal. */
function progressBar(): { update: (p: PartitionProgress) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, clear: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const t = performance.now();
      if (t - last < 100 && p.phase !== 'done') return;
      last = t;
      const width = 24;
      const filled = Math.round(p.fraction * width);
      const pieces = p.total ? ` ${p.done}/${p.total} communities and islands` : '';
      const cut = p.cutEdges !== undefined ? `, cut ${p.cutEdges}` : '';
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(p.fraction * 100)}%${pieces}${cut}\x1b[K`,
      );
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** `wangge codes`: assigns or checks grid codes by a standard (core/codes.ts, as the editor does). */
function runCodes(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest(CODES_HELP);
  let file: string | undefined;
  let standardText = 'sequence';
  let check = false;
  let renumber = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--check') check = true;
    else if (a === '--renumber') renumber = true;
    else if (a === '--standard' || a === '--out') {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      if (a === '--standard') standardText = v;
      else out = v;
    } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}; run "wangge codes --help"`);
    else if (file === undefined) file = a;
    else throw new CliError(`one grids file, please (got ${file} and ${a})`);
  }
  if (!file) throw new CliError(CODES_HELP.split('\n')[0]!);
  let standard: CodeStandard;
  try {
    standard = parseCodeStandard(standardText);
  } catch (e) {
    throw new CliError(`--standard: ${(e as Error).message}`);
  }
  if (out && resolve(out) === resolve(file))
    throw new CliError(`${out} is the input file; refusing to overwrite it`);
  const json = readJson(file, 'grids') as { type?: unknown; features?: unknown };
  if (!json || json.type !== 'FeatureCollection' || !Array.isArray(json.features))
    throw new CliError(`${file} must be a GeoJSON FeatureCollection of grids`);
  const features = json.features as Array<Feature<Polygon | MultiPolygon, Record<string, unknown>>>;
  const faults: string[] = [];
  const idOf = (f: (typeof features)[number], i: number) => String(f.properties?.id ?? f.id ?? `#${i}`);
  const seen = new Map<string, string>();
  const valid = features.map((f, i) => {
    const code = f.properties?.code;
    if (typeof code !== 'string' || code === '') {
      faults.push(`grid ${idOf(f, i)}: no code`);
      return false;
    }
    const community = typeof f.properties?.community === 'string' ? f.properties.community : undefined;
    const fault = checkGridCode(code, community, standard);
    const twin = seen.get(code);
    if (twin !== undefined) faults.push(`grid ${idOf(f, i)}: code ${code} is also grid ${twin}'s`);
    else if (fault) faults.push(`grid ${idOf(f, i)}: code ${code} ${fault}`);
    if (twin === undefined) seen.set(code, idOf(f, i));
    return !fault && twin === undefined;
  });
  if (check) {
    for (const line of faults) process.stderr.write(`wangge: ${line}\n`);
    process.stdout.write(
      `${features.length - faults.length} of ${features.length} grid codes valid (${standardText})\n`,
    );
    return faults.length ? 1 : 0;
  }
  const requests = features.map((f, i) => {
    const community = f.properties?.community;
    const keep = !renumber && valid[i] ? String(f.properties.code) : undefined;
    if (!keep && (typeof community !== 'string' || community === ''))
      throw new CliError(
        `${file}: grid ${idOf(f, i)} has no community property, which its code is built from`,
      );
    const [w, so, e, n] = bbox(f) as number[];
    return { community: String(community ?? ''), x: (w! + e!) / 2, y: (so! + n!) / 2, keep };
  });
  let codes: string[];
  try {
    codes = assignGridCodes(requests, standard);
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  const result = {
    ...json,
    features: features.map((f, i) => ({ ...f, properties: { ...f.properties, code: codes[i] } })),
  };
  const text = `${JSON.stringify(result)}\n`;
  if (out) writeWhole(out, text);
  else process.stdout.write(text);
  const changed = codes.filter((c, i) => c !== features[i]!.properties?.code).length;
  process.stderr.write(`wangge: ${changed} of ${features.length} grids coded (${standardText})\n`);
  return 0;
}

async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'codes') return runCodes(argv.slice(1));
  if (argv[0] === 'convert') return runConvert(argv.slice(1));
  const args = parseArgs(argv);
  checkOutputs(args);
  const lap = timer();
  // GeoJSON as before (fast, skimmed when geometry is not needed); other files through src/io.
  const viaIo = formatOf(args.units) !== 'geojson' || args.read.given;
  const read = viaIo ? await readWithIo(args.units, args.read, 'units') : null;
  if (read) checkGeometries(args.units, read.features as UnitInput[], 'unit', (f) => f.geometry != null);
  const units = read
    ? { features: read.features as UnitInput[] }
    : readUnitsFile(args.units, !!args.adjacency && !args.out && !args.edgeWeight);
  lap('read units');
  const adjacency = args.adjacency ? readEdges(args.adjacency) : undefined;
  lap('read adjacency');
  const boundary = args.boundary ? readBoundary(args.boundary) : undefined;
  if (boundary) checkInside(args.boundary!, boundary, units.features);
  const common = { seed: args.seed, timeLimitMs: args.timeLimit };
  const band = args.minHouseholds !== undefined;
  const request: PartitionRequest = band
    ? {
        minHouseholds: args.minHouseholds,
        maxHouseholds: args.maxHouseholds,
        parts: args.parts,
        gridCount: args.gridCount,
        tolerance: args.tolerance,
        ...common,
      }
    : { parts: args.parts, tolerance: args.tolerance ?? 0.01, ...common };
  const bar = progressBar();
  let plan;
  const options = {
    adjacency,
    boundary,
    weightProperty: args.weight,
    idProperty: args.id,
    geometry: !!args.out,
    edgeWeight: args.edgeWeight,
    onProgress: bar.update,
  };
  const stats = { peakRss: 0 };
  try {
    // Worker threads pay off for large inputs with several pieces (communities, islands); an
    // explicit --threads uses them for any input.
    const parallel =
      args.threads > 1 && (args.threadsGiven || units.features.length >= 20_000) && process.argv[1];
    plan = parallel
      ? await partitionUnitsWith(units, request, options, workerRunner(process.argv[1]!, args.threads, stats))
      : partitionUnits(units, request, options);
  } catch (e) {
    if (e instanceof UnitInputError) {
      throw new CliError(`${e.source === 'adjacency' ? args.adjacency : args.units}: ${e.message}`);
    }
    throw e;
  } finally {
    bar.clear();
  }
  lap('partition');
  // Build every file's bytes first, then write them; either all appear complete or none is partial.
  const files: Array<[string, string | Uint8Array]> = [];
  if (args.assignment) {
    const lines = ['unit,grid'];
    for (const id of plan.graph.ids) lines.push(`${csvField(id)},${csvField(plan.assignment[id] ?? '')}`);
    files.push([args.assignment, lines.join('\n') + '\n']);
  }
  if (args.out) {
    const format = outputFormat(args.out);
    const crs = outputCrs(args, read);
    if (format === 'geojson' && crs === 'wgs84' && plan.grids)
      files.push([args.out, JSON.stringify(plan.grids) + '\n']);
    else if (plan.grids || format === 'csv' || format === 'xlsx') {
      // Tables need no polygons; a shapefile and GeoJSON do.
      const grids =
        plan.grids?.features ??
        plan.gridIds.map((id, p) => ({
          type: 'Feature' as const,
          geometry: null,
          properties: { id, code: id, households: plan.partition.weights[p] },
        }));
      const summary = gridSummary(grids, units.features, plan.assignment);
      const written = await writeFeatures(format === 'geojson' ? grids : summary, format, {
        crs,
        name: baseName(args.out),
      });
      for (const w of written.warnings) process.stderr.write(`wangge: note: ${w}\n`);
      files.push([args.out, written.file.bytes]);
    } else
      process.stderr.write(
        `wangge: note: grid polygons not written to ${args.out}: the units have no usable geometry\n`,
      );
  }
  for (const [path, data] of files) writeWhole(path, data);
  lap('write');
  const m = plan.metrics;
  const ms = Math.round(plan.timing.partition * 10) / 10;
  const summary = {
    parts: m.parts,
    ideal: m.ideal,
    min: m.min,
    max: m.max,
    maxDeviation: m.maxDeviation,
    contiguous: m.contiguous,
    cutEdges: m.cutEdges,
    cutWeight: m.cutWeight,
    feasible: plan.feasible,
    problems: plan.problems.map((p) => p.message),
    warnings: plan.partition.warnings.map((w) => w.message),
    splitCompounds: plan.partition.splitCompounds,
    ms,
    peakRssMB: Math.round(Math.max(stats.peakRss, process.memoryUsage().rss) / 1048576),
  };
  if (args.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else {
    const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
    process.stdout.write(
      `${m.parts} grids, ${m.min}–${m.max} households (ideal ${Math.round(m.ideal)}, max deviation ${pct(m.maxDeviation)}), ` +
        `${m.contiguous ? 'contiguous' : 'not all contiguous'}, ${m.cutEdges} cut edges` +
        `${m.cutWeight !== m.cutEdges ? ` (weight ${Math.round(m.cutWeight)})` : ''}, ${ms} ms\n`,
    );
  }
  for (const w of plan.partition.warnings) process.stderr.write(`wangge: warning: ${w.message}\n`);
  if (!plan.feasible) {
    for (const p of plan.problems) process.stderr.write(`wangge: infeasible: ${p.message}\n`);
    return 2;
  }
  return 0;
}

if (isPoolWorker()) serveWorker();
else {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (e) {
    fail(e);
  }
}

function fail(e: unknown): void {
  if (e instanceof HelpRequest) {
    process.stdout.write(`${e.message}\n`);
    process.exitCode = 0;
    return;
  }
  const message =
    e instanceof CliError || e instanceof UnitInputError
      ? e.message
      : e instanceof PartitionCancelledError
        ? 'cancelled'
        : `internal error: ${(e as Error)?.message ?? String(e)}`;
  process.stderr.write(message.startsWith('usage:') ? `${message}\n` : `wangge: ${message}\n`);
  process.exitCode = 1;
}
