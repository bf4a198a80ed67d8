/**
 * Golden fixtures: every `test/fixtures/<fn>/in/*.geojson` is run through tessellation, merge or
 * partition and compared with `out/` of the same name (coordinates rounded to 1e-9).
 * `REGEN=1 node --import tsx --test test/core/golden.test.ts` rewrites the out/ files.
 *
 * - tessellate/in: unit features (points or polygons) plus optional boundary features
 *   (`properties.boundary: true`); out: one cell per unit with its neighbours, and the boundary.
 * - merge/in: cell polygons with `properties.part`; out: one grid polygon per part.
 * - partition/in: units (+ optional boundary features) and the request as the foreign member
 *   `wangge` ({ parts, tolerance } or { minHouseholds, maxHouseholds }, seed); out: the grid
 *   polygons with their units and households, and the figures as the foreign member `metrics`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { adjacencyFromCells } from '../../src/core/adjacency.ts';
import { mergeCells } from '../../src/core/merge.ts';
import type { PartitionRequest } from '../../src/core/partition-types.ts';
import { partitionUnits, type UnitInput } from '../../src/core/plan.ts';
import { tessellate, type CellGeometry } from '../../src/core/tessellation.ts';

const ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url));
const REGEN = process.env.REGEN === '1';

type Collection = FeatureCollection<Geometry | null> & Record<string, unknown>;

/** Rounds every coordinate to 1e-9 (and -0 to 0) so outputs diff stably. */
function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') {
    const r = Math.round(value * 1e9) / 1e9;
    return r === 0 ? 0 : r;
  }
  return Array.isArray(value) ? value.map(roundCoordinates) : value;
}

function roundGeometry(g: Geometry | null): Geometry | null {
  if (!g || !('coordinates' in g)) return g;
  return { ...g, coordinates: roundCoordinates(g.coordinates) } as Geometry;
}

/** One feature per line: readable diffs, and any viewer opens the file. */
function format(collection: Collection): string {
  const { type, features, ...members } = collection;
  const head = Object.entries(members)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`)
    .join('');
  const body = features
    .map((f) =>
      JSON.stringify({ type: 'Feature', properties: f.properties, geometry: roundGeometry(f.geometry) }),
    )
    .join(',\n');
  return `{"type":${JSON.stringify(type)},${head}"features":[\n${body}\n]}\n`;
}

/** Deep equality with numbers equal to 1e-9 (relative for large values). */
function close(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} ≠ ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = close(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} ≠ ${kb.join()}`;
    for (const k of ka) {
      const d = close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

function golden(fn: string, make: (input: Collection, name: string) => Collection): void {
  const inDir = `${ROOT}${fn}/in/`;
  const outDir = `${ROOT}${fn}/out/`;
  const names = readdirSync(inDir)
    .filter((f) => f.endsWith('.geojson'))
    .sort();
  describe(`golden ${fn}`, () => {
    it('has fixtures', () => assert.ok(names.length >= 3, `${inDir} holds ${names.length} fixtures`));
    for (const name of names) {
      it(name, () => {
        const input = JSON.parse(readFileSync(inDir + name, 'utf8')) as Collection;
        const output = make(input, name);
        assertValid(output, name);
        const text = format(output);
        const path = outDir + name;
        if (REGEN || !existsSync(path)) {
          if (!REGEN) assert.fail(`${path} is missing; run with REGEN=1 to write it`);
          mkdirSync(outDir, { recursive: true });
          writeFileSync(path, text);
          return;
        }
        const stored = readFileSync(path, 'utf8');
        if (stored === text) return;
        const diff = close(JSON.parse(text), JSON.parse(stored));
        assert.equal(diff, null, `${fn}/out/${name} differs (REGEN=1 rewrites it): ${diff}`);
      });
    }
  });
}

/** Output must open in any viewer: a FeatureCollection of (Multi)Polygons with closed rings. */
function assertValid(collection: Collection, name: string): void {
  assert.equal(collection.type, 'FeatureCollection');
  for (const f of collection.features) {
    assert.equal(f.type, 'Feature');
    const g = f.geometry;
    assert.ok(
      g && (g.type === 'Polygon' || g.type === 'MultiPolygon'),
      `${name}: ${g?.type ?? 'null'} geometry`,
    );
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const rings of polygons) {
      for (const ring of rings) {
        assert.ok(ring.length >= 4, `${name}: ring of ${ring.length} positions`);
        assert.deepEqual(ring[0], ring[ring.length - 1], `${name}: ring not closed`);
      }
    }
  }
}

const isBoundary = (f: Feature<Geometry | null>): boolean => f.properties?.boundary === true;

function boundaryOf(input: Collection): CellGeometry | undefined {
  const polygons = input.features.filter(isBoundary).map((f) => f.geometry as CellGeometry);
  if (polygons.length === 0) return undefined;
  if (polygons.length === 1) return polygons[0];
  return {
    type: 'MultiPolygon',
    coordinates: polygons.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)),
  };
}

golden('tessellate', (input) => {
  const units = input.features.filter((f) => !isBoundary(f));
  const { cells, boundary } = tessellate(
    units.map((f) => f.geometry),
    { boundary: boundaryOf(input) },
  );
  const neighbours: string[][] = units.map(() => []);
  for (const [a, b] of adjacencyFromCells(cells)) {
    neighbours[a]!.push(String(units[b]!.properties?.id));
    neighbours[b]!.push(String(units[a]!.properties?.id));
  }
  return {
    type: 'FeatureCollection',
    features: [
      ...units.map((f, i): Feature<Geometry | null> => ({
        type: 'Feature',
        properties: { id: f.properties?.id, neighbours: neighbours[i]!.sort() },
        geometry: cells[i] ?? null,
      })),
      { type: 'Feature', properties: { boundary: true }, geometry: boundary },
    ],
  };
});

golden('merge', (input) => {
  const cells = input.features.map((f) => f.geometry as Polygon | MultiPolygon);
  const part = Int32Array.from(input.features, (f) => Number(f.properties?.part));
  const parts = Math.max(...part) + 1;
  const grids = mergeCells(cells, part, parts);
  return {
    type: 'FeatureCollection',
    features: grids.map((geometry, p): Feature<Geometry | null> => ({
      type: 'Feature',
      properties: {
        part: p,
        cells: input.features.filter((_, i) => part[i] === p).map((f) => f.properties?.id),
      },
      geometry,
    })),
  };
});

golden('partition', (input, name) => {
  const request = input.wangge as PartitionRequest | undefined;
  assert.ok(request, `${name}: the request goes in the foreign member "wangge"`);
  const units = input.features.filter((f) => !isBoundary(f)) as unknown as UnitInput[];
  const plan = partitionUnits({ features: units }, request, { boundary: boundaryOf(input) });
  assert.ok(plan.grids, `${name}: no grid polygons`);
  const members = new Map<string, string[]>();
  for (const [unit, grid] of Object.entries(plan.assignment))
    members.set(grid, [...(members.get(grid) ?? []), unit]);
  const { ms: _ms, ...metrics } = { ...plan.metrics, ms: 0 };
  return {
    type: 'FeatureCollection',
    metrics: { ...metrics, feasible: plan.feasible, problems: plan.problems.map((p) => p.code) },
    features: plan.grids.features.map((f): Feature<Geometry | null> => ({
      type: 'Feature',
      properties: { ...f.properties, units: (members.get(String(f.properties.id)) ?? []).sort() },
      geometry: f.geometry,
    })),
  };
});
