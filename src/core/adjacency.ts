/**
 * Adjacency of unit cells: two units are neighbours when their cells share an edge (a pair of
 * consecutive vertices with identical coordinates, in opposite directions).
 */
import type { Position } from 'geojson';
import type { CellGeometry } from './tessellation.ts';

/** Pairs [i, j] (i < j) of cells that share at least one edge. */
export function adjacencyFromCells(cells: ArrayLike<CellGeometry | null>): Array<[number, number]> {
  const ids = new VertexIds();
  const owner = new Map<number, number>();
  const pairs = new Set<number>();
  const out: Array<[number, number]> = [];
  const n = cells.length;
  for (let c = 0; c < n; c++) {
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
        else if (other !== c) {
          const lo = Math.min(other, c);
          const hi = Math.max(other, c);
          const pk = lo * n + hi;
          if (!pairs.has(pk)) {
            pairs.add(pk);
            out.push([lo, hi]);
          }
        }
      }
    }
  }
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
