import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCommunity } from '../../demo/data/generate.ts';
import {
  validateGrids,
  validateIssues,
  validateStations,
  validateUnits,
  type ValidationProblem,
} from '../../src/core/validate.ts';

type Json = Record<string, unknown>;

const point = (lng = 120.16, lat = 30.27): Json => ({ type: 'Point', coordinates: [lng, lat] });

function ring(lng = 120.16, lat = 30.27, size = 0.001): number[][] {
  return [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ];
}

const square = (lng = 120.16, lat = 30.27, size = 0.001): Json => ({
  type: 'Polygon',
  coordinates: [ring(lng, lat, size)],
});

/** A bow-tie: the ring's second and fourth edges cross. */
const bowTie = (): Json => ({
  type: 'Polygon',
  coordinates: [
    [
      [120.16, 30.27],
      [120.161, 30.271],
      [120.161, 30.27],
      [120.16, 30.271],
      [120.16, 30.27],
    ],
  ],
});

const feature = (geometry: unknown, properties: unknown, extra: Json = {}): Json => ({
  type: 'Feature',
  geometry,
  properties,
  ...extra,
});
const unit = (id: unknown, households: unknown = 120, geometry: unknown = point()): Json =>
  feature(geometry, { id, households });
const grid = (id: unknown, geometry: unknown = square(), properties: Json = {}): Json =>
  feature(geometry, { id, name: `grid ${String(id)}`, ...properties });
const station = (id: unknown, properties: Json = {}): Json =>
  feature(point(), { id, name: `station ${String(id)}`, kind: 'post', ...properties });
const issue = (id: unknown, properties: Json = {}): Json =>
  feature(point(), {
    service_request_id: id,
    service_name: '飞线充电',
    status: 'open',
    stage: 'handling',
    requested_datetime: '2026-10-01T09:00:00+08:00',
    ...properties,
  });
const collection = (...features: unknown[]): Json => ({ type: 'FeatureCollection', features });

function problem(problems: ValidationProblem[], reason: string): ValidationProblem {
  const found = problems.find((p) => p.reason === reason);
  assert.ok(found, `expected a '${reason}' problem, got ${JSON.stringify(problems.map((p) => p.reason))}`);
  return found;
}

describe('validateUnits: collections', () => {
  it('returns every valid unit and no problem', () => {
    const result = validateUnits(collection(unit('a'), unit('b', 0), unit('c', 36, square())));
    assert.equal(result.features.length, 3);
    assert.deepEqual(result.problems, []);
    assert.equal(result.usable, true);
  });

  it('is unusable for a string', () => {
    const result = validateUnits('{"type":"FeatureCollection"}');
    assert.equal(result.usable, false);
    assert.equal(problem(result.problems, 'not-feature-collection').message.includes('a string'), true);
  });

  it('is unusable for null', () => {
    const result = validateUnits(null);
    assert.equal(result.usable, false);
    problem(result.problems, 'not-feature-collection');
  });

  it('is unusable for an array', () => {
    const result = validateUnits([unit('a')]);
    assert.equal(result.usable, false);
    assert.match(problem(result.problems, 'not-feature-collection').message, /an array/);
  });

  it('is unusable for a single Feature and says to wrap it', () => {
    const result = validateUnits(unit('a'));
    assert.equal(result.usable, false);
    assert.match(
      problem(result.problems, 'not-feature-collection').message,
      /wrap it in a FeatureCollection/,
    );
  });

  it('takes an empty collection as usable and silent (it clears a layer)', () => {
    const result = validateUnits(collection());
    assert.equal(result.usable, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.features, []);
  });

  it('is unusable when no feature is valid', () => {
    const result = validateUnits(collection(unit('a', -1), unit('b', 'many')));
    assert.equal(result.usable, false);
    problem(result.problems, 'no-valid-features');
  });

  it('skips entries that are not Features', () => {
    const result = validateUnits(collection(unit('a'), 'junk', null, { type: 'Point', coordinates: [1, 2] }));
    assert.equal(result.features.length, 1);
    assert.deepEqual(problem(result.problems, 'not-feature').ids, ['#1', '#2', '#3']);
  });

  it('still returns the valid units when some are bad', () => {
    const result = validateUnits(
      collection(unit('a'), unit('b', -3), unit('c', 40, point(30.27, 120.16)), unit('d')),
    );
    assert.deepEqual(
      result.features.map((f) => f.properties.id),
      ['a', 'd'],
    );
    assert.equal(result.usable, true);
  });
});

describe('validateUnits: geometry', () => {
  it('reports a feature without geometry as bad-geometry', () => {
    const result = validateUnits(collection(unit('a', 10, null)));
    assert.deepEqual(problem(result.problems, 'bad-geometry').ids, ['a']);
  });

  it('reports a geometry type the layer does not draw as bad-geometry', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [120.16, 30.27],
        [120.17, 30.28],
      ],
    };
    const result = validateUnits(collection(unit('a', 10, line)));
    assert.match(problem(result.problems, 'bad-geometry').message, /LineString/);
  });

  it('reports NaN coordinates as bad-coordinates', () => {
    const result = validateUnits(collection(unit('a', 10, point(Number.NaN, 30.27))));
    assert.deepEqual(problem(result.problems, 'bad-coordinates').ids, ['a']);
  });

  it('reports infinite coordinates as bad-coordinates', () => {
    const result = validateUnits(collection(unit('a', 10, point(120.16, Number.POSITIVE_INFINITY))));
    problem(result.problems, 'bad-coordinates');
  });

  it('reports text coordinates as bad-coordinates', () => {
    const result = validateUnits(
      collection(unit('a', 10, { type: 'Point', coordinates: ['120.16', '30.27'] })),
    );
    problem(result.problems, 'bad-coordinates');
  });

  it('reports a position with one number as bad-coordinates', () => {
    const result = validateUnits(collection(unit('a', 10, { type: 'Point', coordinates: [120.16] })));
    problem(result.problems, 'bad-coordinates');
  });

  it('reports a latitude beyond 90 with a small longitude as swapped', () => {
    const result = validateUnits(collection(unit('a', 10, point(30.27, 120.16))));
    assert.match(
      problem(result.problems, 'swapped-coordinates').message,
      /look like \[lat, lng\]; GeoJSON is \[lng, lat\]/,
    );
  });

  it('reports [lat, lng] inside China as swapped even when the latitude is below 90', () => {
    const result = validateUnits(collection(unit('a', 10, point(30.5, 85.0))));
    assert.deepEqual(problem(result.problems, 'swapped-coordinates').ids, ['a']);
  });

  it('accepts the same position when the China heuristic is off', () => {
    const result = validateUnits(collection(unit('a', 10, point(30.5, 85.0))), { chinaHeuristic: false });
    assert.deepEqual(result.problems, []);
  });

  it('reports a longitude beyond 180 as out-of-range', () => {
    const result = validateUnits(collection(unit('a', 10, point(200, 30))));
    assert.deepEqual(problem(result.problems, 'out-of-range').ids, ['a']);
  });

  it('reports a latitude beyond 90 with a large longitude as out-of-range', () => {
    const result = validateUnits(collection(unit('a', 10, point(120, 95))));
    problem(result.problems, 'out-of-range');
  });

  it('reports Gauss-Kruger metres as projected-coordinates', () => {
    const result = validateUnits(collection(unit('a', 10, point(500000, 3400000))));
    assert.match(
      problem(result.problems, 'projected-coordinates').message,
      /projected metres.*convert to longitude\/latitude/,
    );
  });

  it('reports Web Mercator metres as projected-coordinates', () => {
    const result = validateUnits(collection(unit('a', 10, point(13376000, 3540000))));
    problem(result.problems, 'projected-coordinates');
  });

  it('reports a bow-tie polygon as self-intersection', () => {
    const result = validateUnits(collection(unit('a', 10, bowTie())));
    assert.deepEqual(problem(result.problems, 'self-intersection').ids, ['a']);
  });

  it('reports a ring that is not closed as bad-geometry', () => {
    const open = { type: 'Polygon', coordinates: [ring().slice(0, 4)] };
    const result = validateUnits(collection(unit('a', 10, open)));
    assert.match(problem(result.problems, 'bad-geometry').message, /not closed/);
  });

  it('reports a ring with fewer than 4 positions as bad-geometry', () => {
    const short = {
      type: 'Polygon',
      coordinates: [
        [
          [120.16, 30.27],
          [120.17, 30.27],
          [120.16, 30.27],
        ],
      ],
    };
    const result = validateUnits(collection(unit('a', 10, short)));
    assert.match(problem(result.problems, 'bad-geometry').message, /at least 4/);
  });
});

describe('validateUnits: ids and households', () => {
  it('reports a unit without id as missing-id, named by its index', () => {
    const result = validateUnits(collection(unit('a'), unit(undefined)));
    assert.deepEqual(problem(result.problems, 'missing-id').ids, ['#1']);
  });

  it('takes the id from feature.id and returns it as a string', () => {
    const result = validateUnits(collection(feature(point(), { households: 5 }, { id: 17 })));
    assert.equal(result.features[0]?.properties.id, '17');
  });

  it('normalises a numeric properties.id to a string', () => {
    const result = validateUnits(collection(unit(42)));
    assert.equal(result.features[0]?.properties.id, '42');
  });

  it('lists every duplicated id and keeps the first feature with it', () => {
    const result = validateUnits(
      collection(unit('a', 1), unit('a', 2), unit('b'), unit('b'), unit('c'), unit('a', 3)),
    );
    assert.deepEqual(problem(result.problems, 'duplicate-id').ids, ['a', 'b']);
    assert.deepEqual(
      result.features.map((f) => [f.properties.id, f.properties.households]),
      [
        ['a', 1],
        ['b', 120],
        ['c', 120],
      ],
    );
  });

  it('reports negative households as bad-households', () => {
    const result = validateUnits(collection(unit('a', -4)));
    assert.deepEqual(problem(result.problems, 'bad-households').ids, ['a']);
  });

  it('reports fractional households as bad-households', () => {
    const result = validateUnits(collection(unit('a', 12.5)));
    problem(result.problems, 'bad-households');
  });

  it('reports non-numeric households as bad-households', () => {
    const result = validateUnits(collection(unit('a', '120')));
    problem(result.problems, 'bad-households');
  });

  it('reports a unit without households as missing-households', () => {
    const result = validateUnits(collection(feature(point(), { id: 'a' })));
    assert.deepEqual(problem(result.problems, 'missing-households').ids, ['a']);
  });

  it('accepts zero households (shops, schools)', () => {
    assert.equal(validateUnits(collection(unit('a', 0))).features.length, 1);
  });
});

describe('validateUnits: grouping, copies and scale', () => {
  it('groups one systematic error into one problem with capped ids and the full count', () => {
    const units = Array.from({ length: 20_000 }, (_, k) => unit(`u${k}`, 10, point(30.27, 120.16)));
    const result = validateUnits(collection(...units));
    const swapped = result.problems.filter((p) => p.reason === 'swapped-coordinates');
    assert.equal(swapped.length, 1);
    assert.equal(swapped[0]?.ids.length, 50);
    assert.match(swapped[0]?.message ?? '', /20,000 units/);
  });

  it('honours maxIds', () => {
    const units = Array.from({ length: 10 }, (_, k) => unit(`u${k}`, -1));
    assert.equal(
      problem(validateUnits(collection(...units), { maxIds: 3 }).problems, 'bad-households').ids.length,
      3,
    );
  });

  it('does not mutate the input', () => {
    const input = collection(unit(1), unit('b', -1), feature(point(), { households: 3 }, { id: 9 }));
    const before = structuredClone(input);
    validateUnits(input);
    assert.deepEqual(input, before);
  });

  it('returns the very same feature object when nothing is normalised', () => {
    const a = unit('a');
    assert.equal(validateUnits(collection(a)).features[0], a);
  });

  it('keeps hostile text in properties as plain strings', () => {
    const name = '<img src=x onerror="alert(1)">';
    const result = validateUnits(
      collection(feature(point(), { id: 'a', households: 1, name, __proto__x: name })),
    );
    assert.equal(result.features[0]?.properties.name, name);
  });

  it('validates 20,000 valid units', () => {
    const units = Array.from({ length: 20_000 }, (_, k) =>
      unit(`u${k}`, 30, point(120.1 + (k % 200) * 1e-4, 30.2 + k * 1e-6)),
    );
    const result = validateUnits(collection(...units));
    assert.equal(result.features.length, 20_000);
    assert.deepEqual(result.problems, []);
  });
});

describe('validateGrids', () => {
  it('accepts grids without households', () => {
    const result = validateGrids(collection(grid('g1')));
    assert.equal(result.features.length, 1);
    assert.deepEqual(result.problems, []);
  });

  it('keeps a grid with bad households but drops the households', () => {
    const result = validateGrids(collection(grid('g1', square(), { households: -7 })));
    assert.deepEqual(problem(result.problems, 'bad-households').ids, ['g1']);
    assert.equal(result.features.length, 1);
    assert.equal('households' in (result.features[0]?.properties ?? {}), false);
  });

  it('rejects a Point geometry', () => {
    const result = validateGrids(collection(grid('g1', point())));
    problem(result.problems, 'bad-geometry');
  });

  it('reports a bow-tie grid as self-intersection', () => {
    const result = validateGrids(collection(grid('g1'), grid('g2', bowTie())));
    assert.deepEqual(problem(result.problems, 'self-intersection').ids, ['g2']);
  });

  it('reports a ring that touches itself at a corner as self-intersection', () => {
    const figureEight = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [1, 1],
          [2, 2],
          [0, 2],
          [1, 1],
          [0, 0],
        ].map(([x, y]) => [120 + (x as number) * 1e-3, 30 + (y as number) * 1e-3]),
      ],
    };
    const result = validateGrids(collection(grid('g1', figureEight)));
    problem(result.problems, 'self-intersection');
  });

  it('reports a hole that crosses its outer ring as self-intersection', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [ring(120.16, 30.27, 0.01), ring(120.165, 30.275, 0.01)],
    };
    const result = validateGrids(collection(grid('g1', polygon)));
    problem(result.problems, 'self-intersection');
  });

  it('accepts a polygon with a hole inside it', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [ring(120.16, 30.27, 0.01), ring(120.162, 30.272, 0.002).reverse()],
    };
    assert.deepEqual(validateGrids(collection(grid('g1', polygon))).problems, []);
  });

  it('accepts repeated consecutive positions and collinear corners', () => {
    const coordinates = [
      [120.16, 30.27],
      [120.161, 30.27],
      [120.161, 30.27],
      [120.162, 30.27],
      [120.162, 30.271],
      [120.16, 30.271],
      [120.16, 30.27],
    ];
    assert.deepEqual(
      validateGrids(collection(grid('g1', { type: 'Polygon', coordinates: [coordinates] }))).problems,
      [],
    );
  });

  it('reports a ring that doubles back on itself as self-intersection', () => {
    const coordinates = [
      [120.16, 30.27],
      [120.162, 30.27],
      [120.161, 30.27],
      [120.161, 30.271],
      [120.16, 30.27],
    ];
    const result = validateGrids(collection(grid('g1', { type: 'Polygon', coordinates: [coordinates] })));
    problem(result.problems, 'self-intersection');
  });

  it('reports a bad part of a MultiPolygon and names the part', () => {
    const multi = { type: 'MultiPolygon', coordinates: [[ring()], [ring(120.17, 30.27).slice(0, 3)]] };
    const result = validateGrids(collection(grid('g1', multi)));
    assert.match(problem(result.problems, 'bad-geometry').message, /polygon 1/);
  });

  it('accepts the generated demo grids, which share edges and have collinear corners', () => {
    const community = generateCommunity({ seed: 1 });
    const result = validateGrids(community.grids);
    assert.deepEqual(result.problems, []);
    assert.equal(result.features.length, 7);
  });

  it('validates 20,000 grid polygons', () => {
    const grids = Array.from({ length: 20_000 }, (_, k) =>
      grid(`g${k}`, square(120 + (k % 100) * 0.002, 30 + Math.floor(k / 100) * 0.002)),
    );
    assert.equal(validateGrids(collection(...grids)).features.length, 20_000);
  });
});

describe('validateStations', () => {
  it('accepts stations with any kind string', () => {
    const result = validateStations(collection(station('s1'), station('s2', { kind: 'library' })));
    assert.equal(result.features.length, 2);
    assert.deepEqual(result.problems, []);
  });

  it('draws a station without kind as other and reports it', () => {
    const result = validateStations(collection(station('s1', { kind: undefined })));
    assert.equal(result.features[0]?.properties.kind, 'other');
    assert.deepEqual(problem(result.problems, 'missing-kind').ids, ['s1']);
  });

  it('rejects a Polygon station', () => {
    const result = validateStations(collection(feature(square(), { id: 's1', name: 'x', kind: 'post' })));
    problem(result.problems, 'bad-geometry');
  });
});

describe('validateIssues', () => {
  it('accepts a complete issue unchanged', () => {
    const input = issue('i1');
    const result = validateIssues(collection(input));
    assert.equal(result.features[0], input);
    assert.deepEqual(result.problems, []);
  });

  it('takes service_request_id as the id and returns it as a string', () => {
    const result = validateIssues(collection(issue(1001)));
    assert.equal(result.features[0]?.properties.service_request_id, '1001');
  });

  it('reports issues with the same service_request_id as duplicate-id', () => {
    const result = validateIssues(collection(issue('i1'), issue('i1')));
    assert.deepEqual(problem(result.problems, 'duplicate-id').ids, ['i1']);
  });

  it('reports an issue without service_request_id as missing-id', () => {
    const result = validateIssues(collection(issue(undefined)));
    assert.match(problem(result.problems, 'missing-id').message, /service_request_id/);
  });

  it('derives a missing stage of a closed issue as closed', () => {
    const result = validateIssues(collection(issue('i1', { stage: undefined, status: 'closed' })));
    assert.equal(result.features[0]?.properties.stage, 'closed');
    assert.deepEqual(result.problems, []);
  });

  it('derives a missing stage of an open issue as reported', () => {
    const result = validateIssues(collection(issue('i1', { stage: undefined, status: 'open' })));
    assert.equal(result.features[0]?.properties.stage, 'reported');
  });

  it('reports an unknown stage and derives it from the status', () => {
    const result = validateIssues(collection(issue('i1', { stage: 'pending', status: 'open' })));
    assert.equal(result.features[0]?.properties.stage, 'reported');
    assert.deepEqual(problem(result.problems, 'bad-stage').ids, ['i1']);
  });

  it('derives a missing status from the stage', () => {
    const result = validateIssues(collection(issue('i1', { status: undefined, stage: 'closed' })));
    assert.equal(result.features[0]?.properties.status, 'closed');
  });

  it('reports an unparseable requested_datetime as bad-date', () => {
    const result = validateIssues(collection(issue('i1', { requested_datetime: 'yesterday' })));
    assert.deepEqual(problem(result.problems, 'bad-date').ids, ['i1']);
    assert.equal(result.usable, false);
  });

  it('takes epoch-millisecond dates and gives them on as ISO strings', () => {
    const at = Date.UTC(2026, 9, 1, 1, 0, 0);
    const result = validateIssues(
      collection(issue('i1', { requested_datetime: at, expected_datetime: at + 86_400_000 })),
    );
    assert.deepEqual(result.problems, []);
    assert.equal(result.features[0]?.properties.requested_datetime, '2026-10-01T01:00:00.000Z');
    assert.equal(result.features[0]?.properties.expected_datetime, '2026-10-02T01:00:00.000Z');
  });

  it('reports a missing requested_datetime as bad-date', () => {
    const result = validateIssues(collection(issue('i1', { requested_datetime: undefined })));
    problem(result.problems, 'bad-date');
  });

  it('reports an unparseable expected_datetime as bad-date', () => {
    const result = validateIssues(collection(issue('i1', { expected_datetime: '31/13/2026' })));
    assert.match(problem(result.problems, 'bad-date').message, /expected_datetime/);
  });

  it('keeps an issue without service_name, named by its service_code', () => {
    const result = validateIssues(
      collection(issue('i1', { service_name: undefined, service_code: 'sewer' })),
    );
    assert.equal(result.features[0]?.properties.service_name, 'sewer');
    problem(result.problems, 'missing-category');
  });

  it('accepts the generated demo issues, units and stations', () => {
    const community = generateCommunity({ seed: 1 });
    assert.deepEqual(validateIssues(community.issues).problems, []);
    assert.deepEqual(validateUnits(community.units).problems, []);
    assert.deepEqual(validateStations(community.stations).problems, []);
  });
});
