/**
 * Figures of a plan: households per grid, deviation, contiguity, cut edges, compactness, moves.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { disconnectedParts } from './graph.ts';
import type { PartitionMetrics, UnitGraph } from './partition-types.ts';
import { own } from './records.ts';

/** Households per part (`part[i]` = part of node i; −1 = unassigned and ignored). */
export function householdsPerPart(graph: UnitGraph, part: ArrayLike<number>, parts: number): number[] {
  const out = new Array<number>(parts).fill(0);
  for (let i = 0; i < graph.n; i++) if (part[i]! >= 0) out[part[i]!] += graph.weights[i]!;
  return out;
}

/** Edges whose two units sit in different parts. */
export function cutEdges(graph: UnitGraph, part: ArrayLike<number>): number {
  let cut = 0;
  for (let u = 0; u < graph.n; u++) {
    for (let j = graph.offsets[u]!; j < graph.offsets[u + 1]!; j++) {
      const v = graph.targets[j]!;
      if (v > u && part[u] !== part[v]) cut++;
    }
  }
  return cut;
}

/** Sum of the weights of cut edges (their count when edges carry no weight). */
export function cutWeight(graph: UnitGraph, part: ArrayLike<number>): number {
  if (!graph.edgeWeights) return cutEdges(graph, part);
  let cut = 0;
  for (let u = 0; u < graph.n; u++) {
    for (let j = graph.offsets[u]!; j < graph.offsets[u + 1]!; j++) {
      const v = graph.targets[j]!;
      if (v > u && part[u] !== part[v]) cut += graph.edgeWeights[j]!;
    }
  }
  return cut;
}

/** True when every part is one connected piece of the graph. */
export function allContiguous(graph: UnitGraph, part: ArrayLike<number>, parts: number): boolean {
  if (disconnectedParts(graph, part, parts).length > 0) return false;
  return true;
}

/**
 * The CLI's figures. `maxDeviation` is relative: max |households − ideal| / ideal, where the ideal
 * is `ideals[p]` per part when given (parts of different communities have different ideals),
 * otherwise total / parts.
 */
export function partitionMetrics(
  graph: UnitGraph,
  part: ArrayLike<number>,
  parts: number,
  ideals?: ArrayLike<number>,
): PartitionMetrics {
  const weights = householdsPerPart(graph, part, parts);
  const total = weights.reduce((a, b) => a + b, 0);
  const ideal = parts > 0 ? total / parts : 0;
  let maxDeviation = 0;
  for (let p = 0; p < parts; p++) {
    const target = ideals ? ideals[p]! : ideal;
    if (target > 0) maxDeviation = Math.max(maxDeviation, Math.abs(weights[p]! - target) / target);
  }
  return {
    parts,
    ideal,
    min: parts ? Math.min(...weights) : 0,
    max: parts ? Math.max(...weights) : 0,
    maxDeviation,
    contiguous: allContiguous(graph, part, parts),
    cutEdges: cutEdges(graph, part),
    cutWeight: cutWeight(graph, part),
  };
}

const EARTH_RADIUS = 6371008.8;
const RAD = Math.PI / 180;

/** Spherical area of a closed ring in m² (sign: counter-clockwise positive). */
function ringArea(ring: Position[]): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0; i + 1 < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    s += (b[0]! - a[0]!) * RAD * (Math.sin(a[1]! * RAD) + Math.sin(b[1]! * RAD));
  }
  return (-s * EARTH_RADIUS * EARTH_RADIUS) / 2;
}

/** Great-circle length of a ring in metres. */
function ringLength(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]! as [number, number];
    const [x2, y2] = ring[i + 1]! as [number, number];
    const h =
      Math.sin(((y2 - y1) * RAD) / 2) ** 2 +
      Math.cos(y1 * RAD) * Math.cos(y2 * RAD) * Math.sin(((x2 - x1) * RAD) / 2) ** 2;
    s += 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  return s;
}

/** Area (m²) and perimeter (m) of a polygon geometry, holes subtracted from the area. */
export function areaAndPerimeter(g: Polygon | MultiPolygon): { area: number; perimeter: number } {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let area = 0;
  let perimeter = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const a = Math.abs(ringArea(ring));
      area += r === 0 ? a : -a;
      perimeter += ringLength(ring);
    });
  }
  return { area, perimeter };
}

/** Polsby-Popper compactness 4πA/P² (1 = circle), on spherical area and perimeter. */
export function polsbyPopper(shape: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon): number {
  const { area, perimeter } = areaAndPerimeter(shape.type === 'Feature' ? shape.geometry : shape);
  return perimeter > 0 ? (4 * Math.PI * area) / (perimeter * perimeter) : 0;
}

/**
 * Households whose unit sits in a different grid than before. Grids are matched by id, so pass
 * assignments whose grid ids mean the same thing (e.g. after `matchGrids`).
 */
export function householdsMoved(
  households: Record<string, number>,
  before: Record<string, string>,
  after: Record<string, string>,
): number {
  let moved = 0;
  for (const unit of Object.keys(after)) {
    const was = own(before, unit);
    if (was !== undefined && was !== after[unit]) moved += own(households, unit) ?? 0;
  }
  return moved;
}
