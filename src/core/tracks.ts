/**
 * Patrol tracks (巡查轨迹): workers' GPS fixes from LineStrings with a time per vertex
 * (`coordTimes`, as GPX converters write) or from Point series with `worker` and `time`; fixes that
 * imply an impossible speed (GPS jumps) are dropped and counted. Patrol coverage: `patrol.ts`.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { distanceMetres } from './coverage.ts';
import type { Steps } from './steps.ts';
import { timeOf } from './time.ts';

/** One GPS fix: position and time (ms). */
export interface Fix {
  lng: number;
  lat: number;
  t: number;
}

/** A worker's fixes in time order, split where a jump was dropped or the worker stopped recording. */
export interface Track {
  worker: string;
  /** Segments of consecutive fixes (each at least two fixes drawn as a line). */
  segments: Fix[][];
}

export interface TrackProblem {
  reason: 'unordered-times' | 'missing-worker' | 'bad-times' | 'bad-coordinates';
  message: string;
  /** Feature indices (as given). */
  features: number[];
}

export interface TrackRead {
  tracks: Track[];
  problems: TrackProblem[];
  /** Fixes dropped as GPS jumps (implausible speed), and fixes read. */
  jumps: number;
  fixes: number;
}

export interface TrackOptions {
  /** Faster than this (m/s) between two fixes is a GPS jump; default 15 (54 km/h, an e-bike at most). */
  maxSpeed?: number;
  /** A pause longer than this (ms) starts a new segment; default 15 minutes. */
  gap?: number;
}

const time = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? timeOf(v) : NaN;

const validPosition = (p: Position | undefined): boolean =>
  !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90;

/**
 * Reads tracks: LineString / MultiLineString features with `worker` and `coordTimes` (one time per
 * vertex: ISO strings or epoch ms; an array per line for a MultiLineString), and Point features with
 * `worker` and `time`. A feature with times out of order, a missing worker, times that do not match
 * its vertices or coordinates outside lon/lat is left out and named; the rest is read. Yields between
 * slices (for a month of a street: a million fixes).
 */
export function* readTracks(
  features: ReadonlyArray<Feature<Geometry | null>>,
  options: TrackOptions = {},
): Steps<TrackRead> {
  const maxSpeed = options.maxSpeed ?? 15;
  const gap = options.gap ?? 15 * 60_000;
  const byWorker = new Map<string, Fix[][]>();
  const problems = new Map<TrackProblem['reason'], number[]>();
  const bad = (reason: TrackProblem['reason'], i: number): void => {
    problems.set(reason, [...(problems.get(reason) ?? []), i]);
  };
  const runs = (worker: string): Fix[][] => {
    let list = byWorker.get(worker);
    if (!list) byWorker.set(worker, (list = []));
    return list;
  };
  const points: Array<Fix & { worker: string }> = [];
  for (let i = 0; i < features.length; i++) {
    if (i % 2000 === 1999) yield;
    const f = features[i]!;
    const g = f.geometry;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const worker = p.worker === undefined || p.worker === null ? '' : String(p.worker).trim();
    if (!g) continue;
    if (!worker) {
      bad('missing-worker', i);
      continue;
    }
    if (g.type === 'Point') {
      const t = time(p.time ?? p.timestamp);
      if (!validPosition(g.coordinates)) bad('bad-coordinates', i);
      else if (!Number.isFinite(t)) bad('bad-times', i);
      else points.push({ lng: g.coordinates[0]!, lat: g.coordinates[1]!, t, worker });
      continue;
    }
    if (g.type !== 'LineString' && g.type !== 'MultiLineString') continue;
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    const raw = p.coordTimes ?? p.times;
    const timesOf = (k: number): unknown[] | undefined => {
      if (!Array.isArray(raw)) return undefined;
      return g.type === 'LineString' ? raw : (raw[k] as unknown[] | undefined);
    };
    const run: Fix[][] = [];
    let problem: TrackProblem['reason'] | null = null;
    lines.forEach((line, k) => {
      const times = timesOf(k);
      if (!times || times.length !== line.length) {
        problem ??= 'bad-times';
        return;
      }
      const fixes: Fix[] = [];
      for (let j = 0; j < line.length; j++) {
        const t = time(times[j]);
        if (!validPosition(line[j])) problem ??= 'bad-coordinates';
        else if (!Number.isFinite(t)) problem ??= 'bad-times';
        else if (fixes.length && t < fixes[fixes.length - 1]!.t) problem ??= 'unordered-times';
        else fixes.push({ lng: line[j]![0]!, lat: line[j]![1]!, t });
      }
      run.push(fixes);
    });
    if (problem) bad(problem, i);
    else runs(worker).push(...run);
  }
  // Point series: by worker, in time order.
  points.sort((a, b) => (a.worker < b.worker ? -1 : a.worker > b.worker ? 1 : a.t - b.t));
  yield;
  for (let i = 0; i < points.length;) {
    const worker = points[i]!.worker;
    const fixes: Fix[] = [];
    for (; i < points.length && points[i]!.worker === worker; i++) fixes.push(points[i]!);
    runs(worker).push(fixes);
  }
  // Drop jumps and split at pauses.
  let jumps = 0;
  let count = 0;
  const tracks: Track[] = [];
  for (const [worker, list] of byWorker) {
    yield;
    const segments: Fix[][] = [];
    for (const fixes of list) {
      count += fixes.length;
      let current: Fix[] = [];
      for (const fix of fixes) {
        const last = current[current.length - 1];
        if (last) {
          const dt = (fix.t - last.t) / 1000;
          const d = distanceMetres([last.lng, last.lat], [fix.lng, fix.lat]);
          if (d > maxSpeed * Math.max(dt, 1)) {
            jumps++;
            // A jump: this fix is left out — unless the segment's only fix was the outlier (a jump
            // at the start of a walk), which this one then replaces.
            if (current.length === 1) current[0] = fix;
            continue;
          }
          if (fix.t - last.t > gap) {
            if (current.length) segments.push(current);
            current = [];
          }
        }
        current.push(fix);
      }
      if (current.length) segments.push(current);
    }
    tracks.push({ worker, segments });
  }
  const messages: Record<TrackProblem['reason'], string> = {
    'unordered-times': 'times out of order',
    'missing-worker': 'no worker',
    'bad-times': 'times missing, unreadable or not one per vertex',
    'bad-coordinates': 'coordinates outside lon/lat',
  };
  return {
    tracks,
    jumps,
    fixes: count,
    problems: [...problems].map(([reason, list]) => ({
      reason,
      features: list,
      message: `${list.length} track feature${list.length === 1 ? '' : 's'} left out, ${messages[reason]}: #${list.slice(0, 10).join(', #')}${list.length > 10 ? ', …' : ''}`,
    })),
  };
}

/** The fixes of a track within [from, to), as segments of at least one fix. */
export function clip(track: Track, from: number, to: number): Fix[][] {
  const out: Fix[][] = [];
  for (const seg of track.segments) {
    let current: Fix[] = [];
    for (const f of seg) {
      if (f.t >= from && f.t < to) current.push(f);
      else if (current.length) {
        out.push(current);
        current = [];
      }
    }
    if (current.length) out.push(current);
  }
  return out;
}

/**
 * The fixes a line within `tolerance` metres of the segment needs (Douglas–Peucker; first and last
 * kept, times kept, so the result still clips by period). For drawing: GPS jitter and straight walks
 * add vertices the map cannot show; coverage uses every fix.
 */
export function simplifyFixes(seg: readonly Fix[], tolerance: number): Fix[] {
  const n = seg.length;
  if (n < 3) return [...seg];
  const mx = 111_320 * Math.cos((seg[0]!.lat * Math.PI) / 180);
  const my = 110_574;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const t2 = tolerance * tolerance;
  const stack = [0, n - 1];
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const ax = seg[a]!.lng * mx;
    const ay = seg[a]!.lat * my;
    const bx = seg[b]!.lng * mx;
    const by = seg[b]!.lat * my;
    let far = -1;
    let farD = t2;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(seg[i]!.lng * mx, seg[i]!.lat * my, ax, ay, bx, by);
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    if (far < 0) continue;
    keep[far] = 1;
    stack.push(a, far, far, b);
  }
  return seg.filter((_, i) => keep[i] === 1);
}

/** Squared distance from (x, y) to the segment (ax, ay)–(bx, by). */
export function segmentDistance2(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  let t = len > 0 ? ((x - ax) * dx + (y - ay) * dy) / len : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - x;
  const ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}
