/**
 * Patrol coverage (巡查覆盖): per grid, the share of buildings within `radius` metres of a track in a
 * period, care households visited (a stay, not a walk past), and when the grid was last walked.
 */
import type { Position } from 'geojson';
import type { Steps } from './steps.ts';
import { clip, segmentDistance2, type Track } from './tracks.ts';

export interface PatrolSite {
  id: string;
  position: Position;
  /** The grid the building is in (index into the grids). */
  grid: number;
  /** Residents needing care live here: a visit (a stay of `visitMinutes`) is counted. */
  care?: boolean;
}

export interface PatrolCoverage {
  /** Per grid: buildings, buildings within the radius of a track, share 0–100 (null without buildings). */
  perGrid: Array<{
    buildings: number;
    covered: number;
    share: number | null;
    lastWalked: number | null;
    /** Buildings with care residents, and those where a track stayed within the radius `visitMinutes`. */
    careSites: number;
    careVisited: number;
  }>;
}

/**
 * Patrol coverage in a period: a building counts when a track segment passes within `radius`
 * metres of it (the distance to the segment, not only to the fixes); `lastWalked` is the latest fix
 * inside each grid (`gridOfFix`). Segments are bucketed on a grid of cells one radius wide, so the
 * work grows with fixes + buildings, not their product. A building with care residents counts as
 * visited when the track's time within `radius` of it adds up to `visitMinutes` (default 5): a
 * stay, not a walk past. Yields between slices.
 */
export function* patrolCoverage(
  tracks: readonly Track[],
  sites: readonly PatrolSite[],
  grids: number,
  options: {
    radius?: number;
    from?: number;
    to?: number;
    gridOfFix?: (lng: number, lat: number) => number;
    visitMinutes?: number;
  } = {},
): Steps<PatrolCoverage> {
  const radius = options.radius ?? 30;
  const visit = (options.visitMinutes ?? 5) * 60_000;
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const lastWalked: Array<number | null> = new Array(grids).fill(null);
  // Local metres around the data (equirectangular; exact enough for tens of metres).
  const lat0 = sites.length ? sites[0]!.position[1]! : 30;
  const mx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const my = 110_574;
  const cell = Math.max(radius, 1);
  const buckets = new Map<number, number[]>();
  const key = (cx: number, cy: number) => cx * 1_000_003 + cy;
  const xs: number[] = [];
  const ys: number[] = [];
  const dts: number[] = [];
  let segs = 0;
  let work = 0;
  for (const track of tracks) {
    for (const seg of clip(track, from, to)) {
      for (let i = 0; i < seg.length; i++) {
        if (++work % 20_000 === 0) yield;
        const f = seg[i]!;
        if (options.gridOfFix) {
          const g = options.gridOfFix(f.lng, f.lat);
          if (g >= 0 && (lastWalked[g] === null || f.t > lastWalked[g]!)) lastWalked[g] = f.t;
        }
        const x = f.lng * mx;
        const y = f.lat * my;
        const prev = i > 0 ? seg[i - 1]! : f;
        const px = prev.lng * mx;
        const py = prev.lat * my;
        // Segment (px,py)–(x,y): register it in the cells of samples every half cell along it.
        const s = segs++;
        xs.push(px, x);
        ys.push(py, y);
        dts.push(f.t - prev.t);
        const steps = Math.max(1, Math.ceil(Math.hypot(x - px, y - py) / (cell / 2)));
        let lastKey = NaN;
        for (let k = 0; k <= steps; k++) {
          const kk = key(
            Math.floor((px + ((x - px) * k) / steps) / cell),
            Math.floor((py + ((y - py) * k) / steps) / cell),
          );
          if (kk === lastKey) continue;
          lastKey = kk;
          const list = buckets.get(kk);
          if (list) {
            if (list[list.length - 1] !== s) list.push(s);
          } else buckets.set(kk, [s]);
        }
      }
    }
  }
  const perGrid = Array.from({ length: grids }, (_, g) => ({
    buildings: 0,
    covered: 0,
    share: null as number | null,
    lastWalked: lastWalked[g]!,
    careSites: 0,
    careVisited: 0,
  }));
  const r2 = radius * radius;
  for (let i = 0; i < sites.length; i++) {
    if (i % 5000 === 4999) yield;
    const site = sites[i]!;
    const row = perGrid[site.grid];
    if (!row) continue;
    row.buildings++;
    if (site.care) row.careSites++;
    const x = site.position[0]! * mx;
    const y = site.position[1]! * my;
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    let hit = false;
    let stay = 0;
    const seen = site.care ? new Set<number>() : undefined;
    // A sample of the nearest segment lies within 1.25 cells of the building: two cells around.
    // For a care building every segment near it counts (its time adds up to a stay).
    for (let dx = -2; dx <= 2 && (seen || !hit); dx++)
      for (let dy = -2; dy <= 2 && (seen || !hit); dy++)
        for (const s of buckets.get(key(cx + dx, cy + dy)) ?? []) {
          if (seen?.has(s)) continue;
          seen?.add(s);
          if (segmentDistance2(x, y, xs[2 * s]!, ys[2 * s]!, xs[2 * s + 1]!, ys[2 * s + 1]!) <= r2) {
            hit = true;
            // The segment's time inside the circle (a walk past adds little, standing still all).
            if (seen)
              stay += dts[s]! * insideShare(x, y, xs[2 * s]!, ys[2 * s]!, xs[2 * s + 1]!, ys[2 * s + 1]!, r2);
            if (!seen) break;
          }
        }
    if (hit) row.covered++;
    if (site.care && stay >= visit) row.careVisited++;
  }
  for (const row of perGrid) row.share = row.buildings ? (100 * row.covered) / row.buildings : null;
  return { perGrid };
}

/** The share (0–1) of the segment (ax, ay)–(bx, by) inside the circle round (x, y) of squared radius r2. */
function insideShare(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r2: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const a = dx * dx + dy * dy;
  const fx = ax - x;
  const fy = ay - y;
  if (a === 0) return fx * fx + fy * fy <= r2 ? 1 : 0;
  // |A + t(B − A) − C|² = r²: a t² + b t + c = 0.
  const b = 2 * (fx * dx + fy * dy);
  const c = fx * fx + fy * fy - r2;
  const disc = b * b - 4 * a * c;
  if (disc <= 0) return 0;
  const root = Math.sqrt(disc);
  const t0 = Math.max(0, (-b - root) / (2 * a));
  const t1 = Math.min(1, (-b + root) / (2 * a));
  return t1 > t0 ? t1 - t0 : 0;
}
