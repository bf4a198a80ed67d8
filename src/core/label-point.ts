/**
 * A point inside a polygon to hang its label on: the centroid of its largest part when that lies
 * inside, else the middle of the widest inside stretch of the horizontal line through the centroid
 * (a U-shaped grid, or one with a lake at its centre, gets its label on its own ground). The same
 * scan-line idea as GEOS's interior point, without its dependencies; one pass over the vertices.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInRings } from './point-in-ring.ts';

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return sum / 2;
}

/** A position inside the polygon (of its largest part for a MultiPolygon); null when it has no area. */
export function labelPoint(geometry: Polygon | MultiPolygon): Position | null {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let rings: Position[][] | undefined;
  let largest = 0;
  for (const part of parts) {
    const area = part[0] ? Math.abs(ringArea(part[0])) : 0;
    if (area > largest) [largest, rings] = [area, part];
  }
  if (!rings) return null;
  // Centroid of the outer ring (relative to its first vertex, for precision).
  const outer = rings[0]!;
  const [ox, oy] = outer[0]! as [number, number];
  let cx = 0;
  let cy = 0;
  let twice = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const xi = outer[i]![0]! - ox;
    const yi = outer[i]![1]! - oy;
    const xj = outer[j]![0]! - ox;
    const yj = outer[j]![1]! - oy;
    const cross = xj * yi - xi * yj;
    twice += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  const x = ox + cx / (3 * twice);
  const y = oy + cy / (3 * twice);
  if (pointInRings(x, y, rings)) return [x, y];
  // The widest inside stretch of the line y = centroid's y, over every ring (holes split stretches).
  const cuts: number[] = [];
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]! as [number, number];
      const [xj, yj] = ring[j]! as [number, number];
      if (yi > y !== yj > y) cuts.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  cuts.sort((a, b) => a - b);
  let best: Position = outer[0]!;
  let width = -1;
  for (let k = 0; k + 1 < cuts.length; k += 2)
    if (cuts[k + 1]! - cuts[k]! > width) {
      width = cuts[k + 1]! - cuts[k]!;
      best = [(cuts[k]! + cuts[k + 1]!) / 2, y];
    }
  return best;
}

/** Whether a position is inside a polygon or any part of a multipolygon (holes excluded). */
export function inPolygon(at: Position, geometry: Polygon | MultiPolygon): boolean {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return parts.some((rings) => pointInRings(at[0]!, at[1]!, rings));
}
