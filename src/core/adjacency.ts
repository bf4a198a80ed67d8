/**
 * Adjacency of unit cells: two units are neighbours when their cells share an edge (a pair of
 * consecutive vertices with identical coordinates, in opposite directions).
 */
import type { Position } from 'geojson';
import type { CellGeometry } from './tessellation.ts';

/** Calls `visit(lo, hi, p, q)` for each edge p–q that cells lo < hi share. */
function forEachSharedEdge(
  cells: ArrayLike<CellGeometry | null>,
  visit: (lo: number, hi: number, p: Position, q: Position) => void,
): void {
  const ids = new VertexIds();
  const owner = new Map<number, number>();
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell) continue;
    for (const ring of ringsOfCell(cell)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ids.of(ring[i]!);
        const b = ids.of(ring[i + 1]!);
        if (a === b) continue;
        const key = a < b ? a * 4294967296 + b : b * 4294967296 + a;
        const other = owner.get(key);
        if (other === undefined) owner.set(key, c);
        else if (other !== c) visit(Math.min(other, c), Math.max(other, c), ring[i]!, ring[i + 1]!);
      }
    }
  }
}

/** Pairs [i, j] (i < j) of cells that share at least one edge. */
export function adjacencyFromCells(cells: ArrayLike<CellGeometry | null>): Array<[number, number]> {
  const n = cells.length;
  const pairs = new Set<number>();
  const out: Array<[number, number]> = [];
  forEachSharedEdge(cells, (lo, hi) => {
    const pk = lo * n + hi;
    if (pairs.has(pk)) return;
    pairs.add(pk);
    out.push([lo, hi]);
  });
  return out;
}

export function ringsOfCell(cell: CellGeometry): Position[][] {
  return cell.type === 'Polygon' ? cell.coordinates : cell.coordinates.flat();
}

/** Dense integer ids for exact coordinates. */
export class VertexIds {
  #map = new Map<string, number>();
  coords: Position[] = [];
  of(p: Position): number {
    const key = `${p[0]},${p[1]}`;
    let id = this.#map.get(key);
    if (id === undefined) {
      id = this.coords.length;
      this.coords.push(p);
      this.#map.set(key, id);
    }
    return id;
  }
}

/**
 * Shared boundary length (metres, haversine) of each pair of `edges` whose cells share edges; 1 m
 * for a pair that touches only at a point or was given without touching, so no edge costs nothing.
 */
export function sharedLengths(
  cells: ArrayLike<CellGeometry | null>,
  edges: ArrayLike<readonly [number, number]>,
): number[] {
  const n = cells.length;
  const length = new Map<number, number>();
  forEachSharedEdge(cells, (lo, hi, p, q) =>
    length.set(lo * n + hi, (length.get(lo * n + hi) ?? 0) + metres(p, q)),
  );
  return Array.from(edges, ([u, v]) => Math.max(1, length.get(Math.min(u, v) * n + Math.max(u, v)) ?? 0));
}

function metres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLon = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
