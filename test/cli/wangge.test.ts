import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { delaunayGraph } from '../core/synthetic.ts';

const CLI = fileURLToPath(new URL('../../src/cli/wangge.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wangge-cli-'));

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function wangge(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // Run from another directory to prove the launcher does not depend on the cwd.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmpdir(), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// 400 units on a Delaunay graph, ids with leading zeros.
const { graph, points } = delaunayGraph(400, 5);
const features = graph.ids.map((id, i) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [120 + points[2 * i]! * 0.02, 30 + points[2 * i + 1]! * 0.02] },
  properties: { id, households: graph.weights[i]! },
}));
const edges: Array<[string, string]> = [];
for (let u = 0; u < graph.n; u++) {
  for (let j = graph.offsets[u]!; j < graph.offsets[u + 1]!; j++) {
    if (graph.targets[j]! > u) edges.push([graph.ids[u]!, graph.ids[graph.targets[j]!]!]);
  }
}
const units = write('units.geojson', { type: 'FeatureCollection', features });
const adjacency = write('edges.json', edges);

function expectBad(args: string[], message: RegExp): void {
  const r = wangge(...args);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
}

describe('wangge partition', () => {
  it('partitions with a given adjacency and writes the assignment', () => {
    const csv = join(dir, 'a.csv');
    const r = wangge(
      'partition',
      units,
      '--parts',
      '7',
      '--adjacency',
      adjacency,
      '--assignment',
      csv,
      '--seed',
      '3',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [
      'parts',
      'ideal',
      'min',
      'max',
      'maxDeviation',
      'contiguous',
      'cutEdges',
      'cutWeight',
      'feasible',
      'problems',
      'warnings',
      'splitCompounds',
      'ms',
      'peakRssMB',
    ]);
    assert.equal(out.parts, 7);
    assert.ok(out.maxDeviation <= 0.01);
    assert.equal(out.contiguous, true);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'unit,grid');
    assert.equal(rows.length, 401);
    assert.equal(rows[1]!.split(',')[0], '000000');
  });

  it('reads polygon units with GEOID ids (--id) and a population property, geometries skimmed', () => {
    const csv = join(dir, 'geoid.csv');
    const square = (x: number, y: number): number[][][] => [
      [
        [x, y],
        [x + 0.001, y],
        [x + 0.001, y + 0.001],
        [x, y + 0.001],
        [x, y],
      ],
    ];
    const polygons = graph.ids.map((id, i) => ({
      type: 'Feature',
      properties: { GEOID: `36001${id}`, NAME: 'Block Group {1}, "x"', P0010001: graph.weights[i]! },
      geometry: {
        type: 'Polygon',
        coordinates: square(120 + points[2 * i]! * 0.02, 30 + points[2 * i + 1]! * 0.02),
      },
    }));
    const geoEdges = edges.map(([a, b]) => [`36001${a}`, `36001${b}`]);
    const r = wangge(
      'partition',
      write('bg.geojson', { type: 'FeatureCollection', features: polygons }),
      '--parts',
      '5',
      '--adjacency',
      write('bg-edges.json', geoEdges),
      '--id',
      'GEOID',
      '--weight',
      'P0010001',
      '--assignment',
      csv,
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.parts, 5);
    assert.ok(out.maxDeviation <= 0.01);
    assert.equal(out.contiguous, true);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows.length, 401);
    assert.equal(rows[1]!.split(',')[0], '36001000000');
  });

  it('partitions into a household band by tessellation and writes grid polygons', () => {
    const out = join(dir, 'grids.geojson');
    const total = graph.weights.reduce((a, b) => a + b, 0);
    const r = wangge(
      'partition',
      units,
      '--min-households',
      String(Math.round(total / 12)),
      '--max-households',
      String(Math.round(total / 8)),
      '--out',
      out,
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const grids = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(grids.features.length, JSON.parse(r.stdout).parts);
    for (const g of grids.features) {
      assert.equal(g.geometry.type, 'Polygon');
      assert.equal(typeof g.properties.code, 'string');
      assert.equal(typeof g.properties.households, 'number');
    }
  });

  it('exits 2 with the cause and still prints figures for an infeasible request', () => {
    const r = wangge('partition', units, '--parts', '500', '--adjacency', adjacency, '--json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /only 400 units/);
    assert.equal(JSON.parse(r.stdout).parts, 400);
  });

  it('prints help for the command and for partition, exit 0', () => {
    const top = wangge('--help');
    assert.equal(top.code, 0);
    assert.match(top.stdout, /commands:\n\s+partition/);
    const sub = wangge('partition', '--help');
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /--grids fewest\|middle\|N/);
    assert.match(sub.stdout, /--time-limit MS/);
  });

  it('prints a one-line summary without --json and nothing else on stdout', () => {
    const r = wangge('partition', units, '--parts', '4', '--adjacency', adjacency);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^4 grids, \d+–\d+ households \(ideal \d+, max deviation [\d.]+ %\), contiguous, \d+ cut edges, [\d.]+ ms\n$/,
    );
    assert.equal(r.stderr, '');
  });

  it('takes --grids N with a band and weighted adjacency triples', () => {
    const total = graph.weights.reduce((a, b) => a + b, 0);
    const weighted = write(
      'weighted.json',
      edges.map(([a, b], i) => [a, b, 1 + (i % 3)]),
    );
    const r = wangge(
      'partition',
      units,
      '--adjacency',
      weighted,
      '--min-households',
      String(Math.round(total / 9)),
      '--max-households',
      String(Math.round(total / 5)),
      '--grids',
      '6',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.parts, 6);
    assert.ok(out.cutWeight > out.cutEdges, 'weights count in the weighted cut');
  });

  it('refuses to overwrite an input and writes nothing', () => {
    const copy = write('keep.geojson', { type: 'FeatureCollection', features });
    const before = readFileSync(copy, 'utf8');
    expectBad(
      ['partition', copy, '--parts', '2', '--adjacency', adjacency, '--out', copy],
      /is an input file; refusing to overwrite it/,
    );
    assert.equal(readFileSync(copy, 'utf8'), before);
  });

  it('checks every output folder before writing any file', () => {
    const csv = join(dir, 'first.csv');
    expectBad(
      [
        'partition',
        units,
        '--parts',
        '2',
        '--adjacency',
        adjacency,
        '--assignment',
        csv,
        '--out',
        join(dir, 'missing', 'grids.geojson'),
      ],
      /cannot write .*grids\.geojson: no such folder/,
    );
    assert.throws(() => readFileSync(csv), /ENOENT/);
  });

  it('solves communities in worker threads with the same plan as one thread', () => {
    const split = features.map((f, i) => ({
      ...f,
      properties: { ...f.properties, community: i < 200 ? 'A' : 'B' },
    }));
    const file = write('two.geojson', { type: 'FeatureCollection', features: split });
    const one = join(dir, 'one.csv');
    const two = join(dir, 'two.csv');
    const a = wangge(
      'partition',
      file,
      '--adjacency',
      adjacency,
      '--parts',
      '6',
      '--threads',
      '1',
      '--assignment',
      one,
      '--json',
    );
    const b = wangge(
      'partition',
      file,
      '--adjacency',
      adjacency,
      '--parts',
      '6',
      '--threads',
      '2',
      '--assignment',
      two,
      '--json',
    );
    assert.ok(a.code === 0 || a.code === 2, a.stderr);
    assert.equal(b.code, a.code, b.stderr);
    assert.equal(readFileSync(two, 'utf8'), readFileSync(one, 'utf8'));
    assert.equal(JSON.parse(b.stdout).parts, 6);
  });

  it('rejects a missing file', () =>
    expectBad(['partition', join(dir, 'nope.geojson'), '--parts', '2'], /cannot read units .*no such file/));
  it('rejects invalid JSON', () =>
    expectBad(['partition', write('bad.json', '{"type":'), '--parts', '2'], /is not valid JSON/));
  it('rejects a file that is not a FeatureCollection', () =>
    expectBad(
      ['partition', write('fc.json', { type: 'Feature' }), '--parts', '2'],
      /must be a GeoJSON FeatureCollection/,
    ));
  it('names a feature with bad households', () => {
    const bad = structuredClone(features);
    bad[3]!.properties.households = -2;
    expectBad(
      ['partition', write('hh.json', { type: 'FeatureCollection', features: bad }), '--parts', '2'],
      /feature 3 \(id "000003"\): "households" must be a whole number ≥ 0 \(got -2\)/,
    );
  });
  it('names a feature without an id', () => {
    const bad = structuredClone(features) as Array<{ properties: Record<string, unknown> }>;
    delete bad[5]!.properties.id;
    expectBad(
      ['partition', write('id.json', { type: 'FeatureCollection', features: bad }), '--parts', '2'],
      /feature 5: property "id" must be/,
    );
  });
  it('takes the GeoJSON feature id when the properties hold no id', () => {
    const moved = features.map((f) => ({
      ...f,
      id: f.properties.id,
      properties: { households: f.properties.households },
    }));
    const r = wangge(
      'partition',
      write('fid.json', { type: 'FeatureCollection', features: moved }),
      '--parts',
      '3',
      '--adjacency',
      adjacency,
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).parts, 3);
  });
  it('names a duplicate id', () => {
    const bad = structuredClone(features);
    bad[7]!.properties.id = '000001';
    expectBad(
      ['partition', write('dup.json', { type: 'FeatureCollection', features: bad }), '--parts', '2'],
      /feature 7 \(id "000001"\): id is also used by feature 1/,
    );
  });
  it('names a bad geometry', () => {
    const bad = structuredClone(features) as Array<{ geometry: unknown }>;
    bad[2]!.geometry = {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    };
    expectBad(
      ['partition', write('geom.json', { type: 'FeatureCollection', features: bad }), '--parts', '2'],
      /unit "000002": bad-geometry geometry "LineString", expected Point or Polygon or MultiPolygon/,
    );
  });
  it('names an unknown id in the adjacency', () =>
    expectBad(
      ['partition', units, '--parts', '2', '--adjacency', write('e.json', [['000001', 'zz']])],
      /edge 0 names unit "zz"/,
    ));
  it('rejects an adjacency that is not a list of pairs', () =>
    expectBad(
      ['partition', units, '--parts', '2', '--adjacency', write('e2.json', [['000001']])],
      /edge 0 must be a pair/,
    ));
  it('asks for --parts or a band', () =>
    expectBad(['partition', units], /give --parts K or --min-households/));
  it('rejects a bad tolerance', () =>
    expectBad(['partition', units, '--parts', '3', '--tolerance', 'x'], /--tolerance must be a fraction/));
  it('rejects an inverted band', () =>
    expectBad(
      ['partition', units, '--min-households', '500', '--max-households', '300'],
      /larger than --max-households/,
    ));
  it('rejects an unknown option', () =>
    expectBad(['partition', units, '--parts', '3', '--frobnicate', '1'], /unknown option --frobnicate/));

  // The layers' geometry checks, in the CLI: named, exit 1, nothing written.
  const square = (x: number, swap = false) => {
    const ring = [
      [120 + x, 30],
      [120.001 + x, 30],
      [120.001 + x, 30.001],
      [120 + x, 30.001],
      [120 + x, 30],
    ];
    return { type: 'Polygon', coordinates: [swap ? ring.map(([a, b]) => [b, a]) : ring] };
  };
  const squares = (geometry: (i: number) => unknown) => ({
    type: 'FeatureCollection',
    features: [0, 1, 2, 3].map((i) => ({
      type: 'Feature',
      properties: { id: `u${i}`, households: 100 },
      geometry: geometry(i),
    })),
  });
  it('names swapped [lat, lng] coordinates', () => {
    const out = join(dir, 'never.geojson');
    expectBad(
      [
        'partition',
        write(
          'swapped.json',
          squares((i) => square(i * 0.001, i === 2)),
        ),
        '--parts',
        '2',
        '--out',
        out,
      ],
      /unit "u2": swapped-coordinates/,
    );
    assert.equal(existsSync(out), false);
  });
  it('names out-of-range coordinates', () =>
    expectBad(
      [
        'partition',
        write(
          'range.json',
          squares((i) => (i === 3 ? { type: 'Point', coordinates: [200, 30] } : square(i * 0.001))),
        ),
        '--parts',
        '2',
      ],
      /unit "u3": out-of-range \[200,30\]/,
    ));
  it('names a bowtie polygon', () =>
    expectBad(
      [
        'partition',
        write(
          'bowtie.json',
          squares((i) =>
            i === 1
              ? {
                  type: 'Polygon',
                  coordinates: [
                    [
                      [120.001, 30],
                      [120.002, 30.001],
                      [120.002, 30],
                      [120.001, 30.001],
                      [120.001, 30],
                    ],
                  ],
                }
              : square(i * 0.001),
          ),
        ),
        '--parts',
        '2',
      ],
      /unit "u1": self-intersection/,
    ));
  it('names point units outside a boundary of another place', () => {
    const points = {
      type: 'FeatureCollection',
      features: [0, 1, 2, 3].map((i) => ({
        type: 'Feature',
        properties: { id: `p${i}`, households: 100 },
        geometry: { type: 'Point', coordinates: [120 + 0.0005 * i, 30] },
      })),
    };
    const far = {
      type: 'Polygon',
      coordinates: [
        [
          [116, 39],
          [116.01, 39],
          [116.01, 39.01],
          [116, 39.01],
          [116, 39],
        ],
      ],
    };
    expectBad(
      ['partition', write('points.json', points), '--parts', '2', '--boundary', write('far.json', far)],
      /4 of 4 point units lie outside the boundary \("p0" at \[120,30\]/,
    );
  });
});
