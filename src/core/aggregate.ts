/**
 * Which grid holds each point, fast: a uniform bucket grid over the grids' bounding boxes, then ray
 * casting against the few grids whose box covers the bucket. Pure; runs in the browser, a worker or Node.
 *
 * Tie rule (a point on a shared edge or vertex is counted once): edges are half-open, so a point on the
 * edge between two grids belongs to exactly one of them; grids are tried in input order and the first
 * that holds the point wins. A point on the outer edge of the whole plan, which half-open edges leave
 * outside, goes to the lowest-index grid whose edge it lies on, so no point on a grid is lost.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A grid polygon as flat rings: `rings[r]` is [x0, y0, x1, y1, …] with the closing vertex repeated. */
interface IndexedGrid {
  rings: Float64Array[];
  box: [number, number, number, number];
}

/** A point-in-grid index over a set of grid polygons (in the order given). */
export interface GridIndex {
  /** Number of grids. */
  readonly size: number;
  /** Index of the grid holding [lng, lat], or −1. */
  locate(lng: number, lat: number): number;
}

export type GridGeometry = Polygon | MultiPolygon;

function flatRings(geometry: GridGeometry): Float64Array[] {
  const polygons: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings: Float64Array[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      if (ring.length < 3) continue;
      const closed = ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1];
      const n = closed ? ring.length : ring.length + 1;
      const flat = new Float64Array(n * 2);
      for (let i = 0; i < ring.length; i++) {
        flat[2 * i] = ring[i]![0]!;
        flat[2 * i + 1] = ring[i]![1]!;
      }
      if (!closed) {
        flat[2 * (n - 1)] = ring[0]![0]!;
        flat[2 * (n - 1) + 1] = ring[0]![1]!;
      }
      rings.push(flat);
    }
  }
  return rings;
}

/**
 * Even-odd ray casting with half-open edges. The crossing's x is computed from the edge's endpoints
 * in a fixed order (lower y first), so the two grids sharing an edge see the same number.
 */
function inRings(rings: Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length - 2;
    for (let i = 0; i < n; i += 2) {
      const ay = ring[i + 1]!;
      const by = ring[i + 3]!;
      if (ay > y === by > y) continue;
      const ax = ring[i]!;
      const bx = ring[i + 2]!;
      const cross =
        ay < by ? ax + ((y - ay) * (bx - ax)) / (by - ay) : bx + ((y - by) * (ax - bx)) / (ay - by);
      if (x < cross) inside = !inside;
    }
  }
  return inside;
}

function onEdge(rings: Float64Array[], x: number, y: number): boolean {
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 2; i += 2) {
      const ax = ring[i]!;
      const ay = ring[i + 1]!;
      const bx = ring[i + 2]!;
      const by = ring[i + 3]!;
      if (x < Math.min(ax, bx) || x > Math.max(ax, bx) || y < Math.min(ay, by) || y > Math.max(ay, by))
        continue;
      if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) === 0) return true;
    }
  }
  return false;
}

/**
 * Builds a point-in-grid index. About two grids per bucket on average; each bucket lists the grids
 * whose bounding box touches it, in input order.
 *
 * @example
 * const index = buildGridIndex(grids.features.map((g) => g.geometry));
 * const g = index.locate(120.15, 30.27); // −1 when outside every grid
 */
export function buildGridIndex(geometries: readonly GridGeometry[]): GridIndex {
  const grids: IndexedGrid[] = geometries.map((geometry) => {
    const rings = flatRings(geometry);
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i += 2) {
        w = Math.min(w, ring[i]!);
        e = Math.max(e, ring[i]!);
        s = Math.min(s, ring[i + 1]!);
        n = Math.max(n, ring[i + 1]!);
      }
    }
    return { rings, box: [w, s, e, n] };
  });
  const live = grids.filter((g) => g.rings.length > 0);
  if (live.length === 0) return { size: grids.length, locate: () => -1 };
  const west = Math.min(...live.map((g) => g.box[0]));
  const south = Math.min(...live.map((g) => g.box[1]));
  const east = Math.max(...live.map((g) => g.box[2]));
  const north = Math.max(...live.map((g) => g.box[3]));
  const side = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(grids.length * 2))));
  const cellW = (east - west) / side || 1;
  const cellH = (north - south) / side || 1;
  const col = (x: number) => Math.min(side - 1, Math.max(0, Math.floor((x - west) / cellW)));
  const row = (y: number) => Math.min(side - 1, Math.max(0, Math.floor((y - south) / cellH)));
  // Buckets in CSR form: grids of bucket b are members[start[b] .. start[b + 1]).
  const counts = new Int32Array(side * side + 1);
  const spans = grids.map((g) =>
    g.rings.length ? [col(g.box[0]), row(g.box[1]), col(g.box[2]), row(g.box[3])] : null,
  );
  for (const span of spans) {
    if (!span) continue;
    for (let r = span[1]!; r <= span[3]!; r++)
      for (let c = span[0]!; c <= span[2]!; c++) counts[r * side + c + 1]!++;
  }
  for (let b = 0; b < side * side; b++) counts[b + 1]! += counts[b]!;
  const start = counts.slice();
  const members = new Int32Array(counts[side * side]!);
  const fill = start.slice();
  spans.forEach((span, g) => {
    if (!span) return;
    for (let r = span[1]!; r <= span[3]!; r++)
      for (let c = span[0]!; c <= span[2]!; c++) members[fill[r * side + c]!++] = g;
  });

  return {
    size: grids.length,
    locate(x: number, y: number): number {
      if (!(x >= west && x <= east && y >= south && y <= north)) return -1;
      const b = row(y) * side + col(x);
      const from = start[b]!;
      const to = start[b + 1]!;
      for (let k = from; k < to; k++) {
        const g = grids[members[k]!]!;
        const box = g.box;
        if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) continue;
        if (inRings(g.rings, x, y)) return members[k]!;
      }
      for (let k = from; k < to; k++) if (onEdge(grids[members[k]!]!.rings, x, y)) return members[k]!;
      return -1;
    },
  };
}

/** Grid index of each point ([lng, lat] pairs), −1 outside every grid. */
export function locatePoints(index: GridIndex, points: ArrayLike<Position>): Int32Array {
  const out = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) out[i] = index.locate(points[i]![0]!, points[i]![1]!);
  return out;
}

/** What a per-grid issue count measures. */
export type IssueMeasure = 'open-rate' | 'open' | 'overdue' | 'total';

/** Issue counts of one grid under the current filters. */
export interface GridIssueCounts {
  total: number;
  open: number;
  overdue: number;
  /** Handled (closed) issues with a deadline and a closing time, and how many by the deadline (with deadline rules). */
  handled?: number;
  onTime?: number;
}

/**
 * Counts issues per grid. `gridOf[i]` is issue i's grid (from `locatePoints`), `keep[i]` says whether
 * it passes the filters; `open[i]` and `overdue[i]` are 1 or 0; `handled[i]` (with deadline rules)
 * is 1 for an issue closed by its deadline, 2 for one closed late, 0 otherwise (or outside the
 * period): handled issues count whatever `keep` says, so hiding closed issues keeps the rates.
 */
export function countPerGrid(
  grids: number,
  gridOf: Int32Array,
  keep: ArrayLike<number | boolean>,
  open: ArrayLike<number | boolean>,
  overdue: ArrayLike<number | boolean>,
  handled?: ArrayLike<number>,
): GridIssueCounts[] {
  const total = new Int32Array(grids);
  const opened = new Int32Array(grids);
  const late = new Int32Array(grids);
  const done = new Int32Array(grids);
  const inTime = new Int32Array(grids);
  for (let i = 0; i < gridOf.length; i++) {
    const g = gridOf[i]!;
    if (g < 0) continue;
    if (handled?.[i]) {
      done[g]!++;
      if (handled[i] === 1) inTime[g]!++;
    }
    if (!keep[i]) continue;
    total[g]!++;
    if (open[i]) opened[g]!++;
    if (overdue[i]) late[g]!++;
  }
  return Array.from({ length: grids }, (_, g) => ({
    total: total[g]!,
    open: opened[g]!,
    overdue: late[g]!,
    ...(handled ? { handled: done[g]!, onTime: inTime[g]! } : {}),
  }));
}

/** The value of a measure for one grid; `open-rate` is open issues per 100 households (0 with no households). */
export function measureOf(
  counts: GridIssueCounts,
  households: number | undefined,
  measure: IssueMeasure,
): number {
  if (measure === 'open-rate') return households ? (100 * counts.open) / households : 0;
  return counts[measure];
}

/**
 * Equal-interval class breaks from 0 up to at least `max`, on a "nice" step (1, 2, 2.5, 5 × 10ⁿ), so
 * a legend reads 0–5, 5–10, …. Returns the `classes − 1` inner breaks.
 */
export function niceBreaks(max: number, classes = 5): number[] {
  if (!(max > 0)) return Array.from({ length: classes - 1 }, (_, i) => i + 1);
  const raw = max / classes;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Array.from({ length: classes - 1 }, (_, i) => Number(((i + 1) * step).toPrecision(6)));
}

/** Class of `value` against inner `breaks` (0 … breaks.length). */
export function classOf(value: number, breaks: readonly number[]): number {
  let c = 0;
  while (c < breaks.length && value >= breaks[c]!) c++;
  return c;
}
