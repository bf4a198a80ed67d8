import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Feature, Geometry } from 'geojson';
import { drain } from '../../src/core/steps.ts';
import { readTracks, simplifyFixes } from '../../src/core/tracks.ts';
import { patrolCoverage } from '../../src/core/patrol.ts';

const t0 = Date.parse('2026-10-01T09:00:00+08:00');
// 1e-4° of latitude ≈ 11 m; walking ~1.4 m/s: a fix every 10 s moves ~14 m.
const line = (
  worker: string,
  n: number,
  lat = 30.27,
  opts: { times?: unknown[] } = {},
): Feature<Geometry> => ({
  type: 'Feature',
  properties: {
    worker,
    coordTimes: opts.times ?? Array.from({ length: n }, (_, i) => new Date(t0 + i * 10_000).toISOString()),
  },
  geometry: {
    type: 'LineString',
    coordinates: Array.from({ length: n }, (_, i) => [120.15 + i * 0.00014, lat]),
  },
});

describe('tracks', () => {
  it('reads LineStrings with coordTimes and Point series; drops GPS jumps and counts them', () => {
    const jumpy = line('张三', 10);
    (jumpy.geometry as GeoJSON.LineString).coordinates[5] = [120.3, 30.4]; // 20 km away in 10 s
    const points: Feature<Geometry>[] = [3, 1, 2].map((k) => ({
      type: 'Feature',
      properties: { worker: '李四', time: t0 + k * 10_000 },
      geometry: { type: 'Point', coordinates: [120.15 + k * 0.0001, 30.28] },
    }));
    const read = drain(readTracks([jumpy, ...points]));
    assert.equal(read.jumps, 1);
    assert.equal(read.fixes, 13);
    const zhang = read.tracks.find((t) => t.worker === '张三')!;
    assert.equal(zhang.segments.flat().length, 9);
    const li = read.tracks.find((t) => t.worker === '李四')!;
    assert.deepEqual(
      li.segments[0]!.map((f) => f.t - t0),
      [10_000, 20_000, 30_000],
      'points ordered by time',
    );
  });

  it('names tracks with unordered times, no worker, bad times or coordinates; reads the rest', () => {
    const unordered = line('a', 3, 30.27, { times: [t0, t0 + 20_000, t0 + 10_000] });
    const noWorker = { ...line('x', 3), properties: { coordTimes: [t0, t0, t0] } };
    const short = line('b', 3, 30.27, { times: [t0, t0 + 1] });
    const far: Feature<Geometry> = {
      type: 'Feature',
      properties: { worker: 'c', time: t0 },
      geometry: { type: 'Point', coordinates: [200, 30] },
    };
    const read = drain(readTracks([line('ok', 3), unordered, noWorker, short, far]));
    assert.deepEqual(
      read.problems.map((p) => [p.reason, p.features]),
      [
        ['unordered-times', [1]],
        ['missing-worker', [2]],
        ['bad-times', [3]],
        ['bad-coordinates', [4]],
      ],
    );
    assert.deepEqual(
      read.tracks.map((t) => t.worker),
      ['ok'],
    );
    assert.match(read.problems[0]!.message, /times out of order: #1/);
  });

  it('patrol coverage: buildings within the radius of a segment (not only of a fix), and last walked', () => {
    const track = drain(readTracks([line('张三', 2)])); // one segment ~13 m long, 10 s
    // Building A 20 m north of the segment's middle (no fix within 20 m of it), B 60 m north.
    const sites = [
      { id: 'A', position: [120.15007, 30.27 + 0.00018], grid: 0 },
      { id: 'B', position: [120.15007, 30.27 + 0.00054], grid: 0 },
      { id: 'C', position: [120.2, 30.3], grid: 1 },
    ];
    const cover = drain(patrolCoverage(track.tracks, sites, 2, { radius: 30, gridOfFix: () => 0 }));
    assert.deepEqual(cover.perGrid[0], {
      buildings: 2,
      covered: 1,
      share: 50,
      lastWalked: t0 + 10_000,
      careSites: 0,
      careVisited: 0,
    });
    assert.deepEqual(cover.perGrid[1], {
      buildings: 1,
      covered: 0,
      share: 0,
      lastWalked: null,
      careSites: 0,
      careVisited: 0,
    });
    // A period without the walk covers nothing.
    const later = drain(patrolCoverage(track.tracks, sites, 2, { radius: 30, from: t0 + 60_000 }));
    assert.equal(later.perGrid[0]!.covered, 0);
  });

  it('a long straight segment still covers buildings along its middle', () => {
    // 2 fixes 1 km apart in 100 s (10 m/s): buildings 10 m beside the middle are covered.
    const long: Feature<Geometry> = {
      type: 'Feature',
      properties: { worker: 'w', coordTimes: [t0, t0 + 100_000] },
      geometry: {
        type: 'LineString',
        coordinates: [
          [120.15, 30.27],
          [120.16, 30.27],
        ],
      },
    };
    const read = drain(readTracks([long]));
    const sites = Array.from({ length: 9 }, (_, i) => ({
      id: `s${i}`,
      position: [120.151 + i * 0.001, 30.27009],
      grid: 0,
    }));
    const cover = drain(patrolCoverage(read.tracks, sites, 1, { radius: 30 }));
    assert.equal(cover.perGrid[0]!.covered, 9);
  });
});

describe('care visits', () => {
  it('counts a care building as visited after a stay of visitMinutes, not a walk past', () => {
    // Worker walks east past building A, then stands 8 minutes at building B.
    const walk = Array.from({ length: 20 }, (_, i) => ({
      lng: 120.15 + i * 0.00014,
      lat: 30.27,
      t: t0 + i * 10_000,
    }));
    const stayAt = [120.16, 30.27];
    const stay = Array.from({ length: 17 }, (_, i) => ({
      lng: stayAt[0]! + (i % 2) * 0.00002,
      lat: stayAt[1]!,
      t: t0 + 3_600_000 + i * 30_000,
    }));
    const tracks = [{ worker: '张三', segments: [walk, stay] }];
    const sites = [
      { id: 'A', position: [120.1514, 30.2701], grid: 0, care: true },
      { id: 'B', position: [120.1601, 30.2701], grid: 0, care: true },
      { id: 'C', position: [120.1528, 30.27], grid: 0 },
    ];
    const cover = drain(patrolCoverage(tracks, sites, 1, { radius: 30 }));
    assert.equal(cover.perGrid[0]!.covered, 3);
    assert.equal(cover.perGrid[0]!.careSites, 2);
    assert.equal(cover.perGrid[0]!.careVisited, 1, 'only B, where the worker stayed 8 minutes');
    const strict = drain(patrolCoverage(tracks, sites, 1, { radius: 30, visitMinutes: 10 }));
    assert.equal(strict.perGrid[0]!.careVisited, 0);
  });
});

describe('simplifyFixes', () => {
  it('drops fixes a line within the tolerance does not need; keeps corners, ends and times', () => {
    // East 20 fixes (1e-5° jitter ≈ 1 m), then north 20: an L.
    const seg = [
      ...Array.from({ length: 20 }, (_, i) => ({ lng: 120 + i * 0.0001, lat: 30 + (i % 2) * 0.00001, t: i })),
      ...Array.from({ length: 20 }, (_, i) => ({ lng: 120.002, lat: 30 + (i + 1) * 0.0001, t: 20 + i })),
    ];
    const out = simplifyFixes(seg, 3);
    assert.ok(out.length <= 5, `${out.length} of 40 fixes kept`);
    assert.equal(out[0], seg[0]);
    assert.equal(out[out.length - 1], seg[seg.length - 1]);
    assert.ok(
      out.some((f) => f.lng === 120.002 && f.lat === 30.0001),
      'the corner',
    );
    assert.deepEqual(
      out.map((f) => f.t),
      [...out.map((f) => f.t)].sort((a, b) => a - b),
    );
    // A tolerance below the jitter keeps it.
    assert.ok(simplifyFixes(seg, 0.5).length > 20);
  });
});

describe('care visits: a walk past with sparse fixes is not a stay', () => {
  it('counts only the time of each segment inside the radius', () => {
    // Fixes every 3 minutes, 200 m apart, passing 10 m from a care building: the segments near it
    // last 6 minutes, but only ~20 % of them lies within 30 m.
    const walk = Array.from({ length: 6 }, (_, i) => ({
      lng: 120.15 + i * 0.00206,
      lat: 30.27,
      t: t0 + i * 180_000,
    }));
    const sites = [{ id: 'A', position: [120.15 + 2 * 0.00206, 30.27009], grid: 0, care: true }];
    const cover = drain(patrolCoverage([{ worker: 'w', segments: [walk] }], sites, 1, { radius: 30 }));
    assert.equal(cover.perGrid[0]!.covered, 1);
    assert.equal(cover.perGrid[0]!.careVisited, 0);
  });
});
