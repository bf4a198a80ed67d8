/**
 * The `wangge` command.
 *
 *   wangge partition UNITS.geojson (--parts K | --min-households A --max-households B)
 *           [--tolerance 0.01] [--adjacency EDGES.json] [--boundary COMMUNITY.geojson]
 *           [--seed N] [--out GRIDS.geojson] [--assignment ASSIGNMENT.csv] [--weight households] [--id id]
 *
 * stdout: one line of JSON { parts, ideal, min, max, maxDeviation, contiguous, cutEdges, ms }.
 * Bad input: exit code 1 and a one-line reason. Infeasible request: the best plan is still written,
 * the reason goes to stderr, exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { PartitionCancelledError } from '../core/partition/index.ts';
import type { PartitionRequest } from '../core/partition-types.ts';
import { skimFeatureCollection } from './skim.ts';
import { partitionUnits, UnitInputError, type UnitId, type UnitInput } from '../core/plan.ts';

const USAGE = `usage: wangge partition UNITS.geojson (--parts K | --min-households A --max-households B)
        [--tolerance 0.01] [--adjacency EDGES.json] [--boundary COMMUNITY.geojson]
        [--seed N] [--out GRIDS.geojson] [--assignment ASSIGNMENT.csv] [--weight households] [--id id]`;

class CliError extends Error {}

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
]);

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new CliError(USAGE);
  if (command !== 'partition') throw new CliError(`unknown command "${command}"; ${USAGE.split('\n')[0]}`);
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('--')) {
      const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (!FLAGS.has(flag)) throw new CliError(`unknown option ${flag}`);
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new CliError(`${flag} needs a value`);
      values.set(flag, value);
    } else positional.push(a);
  }
  if (positional.length !== 1) throw new CliError(`give exactly one UNITS.geojson file; ${USAGE.split('\n')[0]}`);
  const number = (flag: string, check: (x: number) => boolean, what: string): number | undefined => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const x = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) throw new CliError(`${flag} must be ${what} (got "${raw}")`);
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
  };
  const band = args.minHouseholds !== undefined || args.maxHouseholds !== undefined;
  if (args.parts === undefined && !band) throw new CliError('give --parts K or --min-households A --max-households B');
  if (args.parts !== undefined && band) throw new CliError('give either --parts or a household band, not both');
  if (band && (args.minHouseholds === undefined || args.maxHouseholds === undefined)) {
    throw new CliError('a household band needs both --min-households and --max-households');
  }
  if (band && args.minHouseholds! > args.maxHouseholds!) {
    throw new CliError(`--min-households ${args.minHouseholds} is larger than --max-households ${args.maxHouseholds}`);
  }
  return args;
}

function readBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? String(e)}`);
  }
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? String(e)}`);
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
  if (!json || typeof json !== 'object' || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new CliError(`${path} must be a GeoJSON FeatureCollection`);
  }
  if (json.features.length === 0) throw new CliError(`${path} has no features`);
  return json as { features: UnitInput[] };
}

function readEdges(path: string): Array<[UnitId, UnitId]> {
  const json = readJson(path, 'adjacency');
  if (!Array.isArray(json)) throw new CliError(`${path} must be a JSON array of [idA, idB] pairs`);
  for (let e = 0; e < json.length; e++) {
    const pair = json[e] as unknown;
    if (!Array.isArray(pair) || pair.length !== 2 || !isId(pair[0]) || !isId(pair[1])) {
      throw new CliError(`${path}: edge ${e} must be a pair [idA, idB] of ids (got ${JSON.stringify(pair)})`);
    }
  }
  return json as Array<[UnitId, UnitId]>;
}

function isId(x: unknown): boolean {
  return typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
}

function readBoundary(path: string): Polygon | MultiPolygon {
  const json = readJson(path, 'boundary') as { type?: string; geometry?: unknown; features?: unknown[] };
  const polygons: Array<Polygon | MultiPolygon> = [];
  const take = (g: unknown, where: string): void => {
    const geom = g as { type?: string; coordinates?: unknown } | null;
    if (!geom || (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon') || !Array.isArray(geom.coordinates)) {
      throw new CliError(`${path}: ${where} must be a Polygon or MultiPolygon`);
    }
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

function run(argv: string[]): number {
  const args = parseArgs(argv);
  const lap = timer();
  const units = readUnitsFile(args.units, !!args.adjacency && !args.out);
  lap('read units');
  const adjacency = args.adjacency ? readEdges(args.adjacency) : undefined;
  lap('read adjacency');
  const boundary = args.boundary ? readBoundary(args.boundary) : undefined;
  const request: PartitionRequest =
    args.parts !== undefined
      ? { parts: args.parts, tolerance: args.tolerance ?? 0.01, seed: args.seed }
      : { minHouseholds: args.minHouseholds, maxHouseholds: args.maxHouseholds, tolerance: args.tolerance, seed: args.seed };
  let plan;
  try {
    plan = partitionUnits(units, request, {
      adjacency,
      boundary,
      weightProperty: args.weight,
      idProperty: args.id,
      geometry: !!args.out,
    });
  } catch (e) {
    if (e instanceof UnitInputError) {
      throw new CliError(`${e.source === 'adjacency' ? args.adjacency : args.units}: ${e.message}`);
    }
    throw e;
  }
  lap('partition');
  if (args.assignment) {
    const lines = ['unit,grid'];
    for (const id of plan.graph.ids) lines.push(`${csvField(id)},${csvField(plan.assignment[id] ?? '')}`);
    writeFileSync(args.assignment, lines.join('\n') + '\n');
  }
  if (args.out) {
    if (plan.grids) writeFileSync(args.out, JSON.stringify(plan.grids) + '\n');
    else process.stderr.write(`wangge: note: grid polygons not written to ${args.out}: the units have no usable geometry\n`);
  }
  lap('write');
  const m = plan.metrics;
  const ms = Math.round(plan.timing.partition * 10) / 10;
  process.stdout.write(
    JSON.stringify({
      parts: m.parts,
      ideal: m.ideal,
      min: m.min,
      max: m.max,
      maxDeviation: m.maxDeviation,
      contiguous: m.contiguous,
      cutEdges: m.cutEdges,
      ms,
    }) + '\n',
  );
  if (!plan.feasible) {
    for (const p of plan.problems) process.stderr.write(`wangge: infeasible: ${p.message}\n`);
    return 2;
  }
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  const message =
    e instanceof CliError || e instanceof UnitInputError
      ? e.message
      : e instanceof PartitionCancelledError
        ? 'cancelled'
        : `internal error: ${(e as Error)?.message ?? String(e)}`;
  process.stderr.write(message.startsWith('usage:') ? `${message}\n` : `wangge: ${message}\n`);
  process.exitCode = 1;
}
