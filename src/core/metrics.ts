/**
 * Figures of a plan: households per grid, deviation, contiguity, cut edges, compactness, moves.
 */
import { area, length } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { isLabelConnected } from './graph.ts';
import type { PartitionMetrics, UnitGraph } from './partition-types.ts';

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

/** True when every part is one connected piece of the graph. */
export function allContiguous(graph: UnitGraph, part: ArrayLike<number>, parts: number): boolean {
  for (let p = 0; p < parts; p++) if (!isLabelConnected(graph, part, p)) return false;
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
  };
}

/** Polsby-Popper compactness 4πA/P² (1 = circle), on geodesic area and perimeter. */
export function polsbyPopper(feature: Feature<Polygon | MultiPolygon>): number {
  const a = area(feature);
  const p = length(feature, { units: 'meters' });
  return p > 0 ? (4 * Math.PI * a) / (p * p) : 0;
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
    if (before[unit] !== undefined && before[unit] !== after[unit]) moved += households[unit] ?? 0;
  }
  return moved;
}
