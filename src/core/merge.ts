/**
 * Merge of unit cells into grid polygons along shared edges (never repeated `union`): an edge
 * shared by two cells of the same grid cancels; the remaining directed edges are chained into
 * rings. Outer rings run counter-clockwise, holes clockwise (RFC 7946).
 */
import { pointInRing } from './point-in-ring.ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ringsOfCell, VertexIds } from './adjacency.ts';
import { signedArea, type CellGeometry } from './tessellation.ts';

/**
 * Grid polygons from cells and an assignment of cells to grids (`part[i]` in 0 … parts − 1; −1 or a
 * null cell is skipped). Returns one geometry per grid, null for a grid without cells. A grid whose
 * cells form one piece becomes one Polygon.
 *
 * @example
 * const grids = mergeCells(tessellation.cells, result.part, result.parts);
 */
export function mergeCells(
  cells: ArrayLike<CellGeometry | null>,
  part: ArrayLike<number>,
  parts: number,
): Array<Polygon | MultiPolygon | null> {
  const ids = new VertexIds();
  // Directed edge a→b of grid p is stored under key (a, b); its reverse in the same grid cancels it.
  const edges = new Map<number, number>();
  const SHIFT = 4294967296;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    const p = part[c]!;
    if (!cell || p < 0 || p >= parts) continue;
    for (const ring of ringsOfCell(cell)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ids.of(ring[i]!);
        const b = ids.of(ring[i + 1]!);
        if (a === b) continue;
        const reverse = b * SHIFT + a;
        if (edges.get(reverse) === p) edges.delete(reverse);
        else edges.set(a * SHIFT + b, p);
      }
    }
  }
  // Outgoing edges per grid and vertex.
  const out: Array<Map<number, number[]>> = Array.from({ length: parts }, () => new Map());
  for (const [key, p] of edges) {
    const a = Math.floor(key / SHIFT);
    const b = key - a * SHIFT;
    const m = out[p]!;
    const list = m.get(a);
    if (list) list.push(b);
    else m.set(a, [b]);
  }
  const coords = ids.coords;
  return out.map((m) => (m.size ? ringsToGeometry(chainRings(m, coords), coords) : null));
}

/** Follows edges into closed rings; at a vertex with several ways out, takes the first clockwise
 * from the way back, which keeps rings that touch at a point apart. */
function chainRings(m: Map<number, number[]>, coords: Position[]): number[][] {
  const rings: number[][] = [];
  const starts = [...m.keys()].sort((a, b) => a - b);
  for (const s of starts) {
    while ((m.get(s)?.length ?? 0) > 0) {
      const ring = [s];
      let prev = s;
      let cur = takeEdge(m, s, -1, coords);
      let guard = 0;
      while (cur !== s && cur >= 0 && guard++ < 10_000_000) {
        ring.push(cur);
        const next = takeEdge(m, cur, prev, coords);
        prev = cur;
        cur = next;
      }
      if (cur === s && ring.length >= 3) rings.push(ring);
    }
  }
  return rings;
}

function takeEdge(m: Map<number, number[]>, v: number, from: number, coords: Position[]): number {
  const list = m.get(v);
  if (!list || list.length === 0) return -1;
  let pick = 0;
  if (list.length > 1 && from >= 0) {
    const [vx, vy] = coords[v]! as [number, number];
    const back = Math.atan2(coords[from]![1]! - vy, coords[from]![0]! - vx);
    let best = Infinity;
    for (let i = 0; i < list.length; i++) {
      const w = coords[list[i]!]!;
      let turn = back - Math.atan2(w[1]! - vy, w[0]! - vx);
      while (turn <= 0) turn += 2 * Math.PI;
      while (turn > 2 * Math.PI) turn -= 2 * Math.PI;
      if (turn < best) {
        best = turn;
        pick = i;
      }
    }
  }
  const w = list[pick]!;
  list[pick] = list[list.length - 1]!;
  list.pop();
  return w;
}

function ringsToGeometry(rings: number[][], coords: Position[]): Polygon | MultiPolygon | null {
  const outers: Array<{ ring: Position[]; area: number; holes: Position[][] }> = [];
  const holes: Position[][] = [];
  for (const ids of rings) {
    const ring = ids.map((i) => coords[i]!);
    const area = signedArea(ring);
    ring.push(ring[0]!);
    if (area > 0) outers.push({ ring, area, holes: [] });
    else if (area < 0) holes.push(ring);
  }
  if (outers.length === 0) return null;
  for (const hole of holes) {
    let host = outers[0]!;
    if (outers.length > 1) {
      const [x, y] = interiorProbe(hole);
      let bestArea = Infinity;
      for (const o of outers) {
        if (o.area < bestArea && pointInRing(x, y, o.ring)) {
          bestArea = o.area;
          host = o;
        }
      }
    }
    host.holes.push(hole);
  }
  if (outers.length === 1) return { type: 'Polygon', coordinates: [outers[0]!.ring, ...outers[0]!.holes] };
  outers.sort((a, b) => b.area - a.area);
  return { type: 'MultiPolygon', coordinates: outers.map((o) => [o.ring, ...o.holes]) };
}

/** A point just to the left of a hole's first edge, i.e. inside the grid around the hole. */
function interiorProbe(hole: Position[]): [number, number] {
  const [ax, ay] = hole[0]! as [number, number];
  const [bx, by] = hole[1]! as [number, number];
  const len = Math.hypot(bx - ax, by - ay) || 1;
  const e = len * 1e-6;
  return [(ax + bx) / 2 - ((by - ay) / len) * e, (ay + by) / 2 + ((bx - ax) / len) * e];
}

