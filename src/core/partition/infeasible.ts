/**
 * Infeasibility and warnings in a planner's words: a building above the band maximum (named), a
 * community or piece whose households fit no whole number of grids (with the numbers), a grid left
 * outside its bounds (with its first units), compounds split over grids.
 */
import type { GraphPartition, PartitionProblem, PartitionWarning, UnitGraph } from '../partition-types.ts';

const EPS = 1e-9;

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Units heavier than their community's upper bound: each must be a grid of its own, over the bound. */
export function unitsOverCap(graph: UnitGraph, upper: ArrayLike<number>): PartitionProblem[] {
  const out: PartitionProblem[] = [];
  for (let i = 0; i < graph.n; i++) {
    const c = graph.community[i]!;
    if (graph.weights[i]! > upper[c]! + EPS) {
      out.push({
        code: 'unit-over-cap',
        unit: graph.ids[i],
        community: graph.communityNames[c] || undefined,
        message: `unit ${graph.ids[i]} has ${graph.weights[i]} households, more than the maximum of ${round(upper[c]!)} per grid: its grid cannot be inside the bounds`,
      });
    }
  }
  return out;
}

/** Why a group of `households` cannot be cut into grids within [lower, upper]. */
export function describeBand(
  graph: UnitGraph,
  nodes: ArrayLike<number>,
  households: number,
  k: number,
  lower: number,
  upper: number,
  where: string,
  band: boolean,
): PartitionProblem {
  const unit = graph.ids[nodes[0]!];
  const community = graph.communityNames[graph.community[nodes[0]!]!] || undefined;
  const piece =
    nodes.length < countOf(graph, graph.community[nodes[0]!]!)
      ? `the piece of ${where} around unit ${unit}`
      : where;
  if (households < lower - EPS) {
    return {
      code: 'piece-too-small',
      unit,
      community,
      message: `${piece} has ${households} households, fewer than the minimum of ${round(lower)} for one grid`,
    };
  }
  const below = Math.max(1, Math.floor(households / upper));
  const above = below + 1;
  const bounds = `${round(lower)}–${round(upper)}`;
  return {
    code: 'band-infeasible',
    unit,
    community,
    message: band
      ? `${piece} has ${households} households: ${below} grid${below > 1 ? 's' : ''} would hold ${round(households / below)} each (above ${round(upper)}), ${above} grids ${round(households / above)} each (below ${round(lower)}); no whole number of grids puts every grid within ${bounds}`
      : `${piece} has ${households} households: ${k} parts of ${round(households / k)} cannot all be within ${bounds}`,
  };
}

function countOf(graph: UnitGraph, c: number): number {
  let s = 0;
  for (let i = 0; i < graph.n; i++) if (graph.community[i] === c) s++;
  return s;
}

/** Parts outside their bounds, each named by its first unit. */
export function outOfBounds(graph: UnitGraph, result: GraphPartition): PartitionProblem[] {
  const first = new Int32Array(result.parts).fill(-1);
  for (let i = 0; i < graph.n; i++) {
    const p = result.part[i]!;
    if (p >= 0 && first[p] === -1) first[p] = i;
  }
  const out: PartitionProblem[] = [];
  for (let p = 0; p < result.parts; p++) {
    const w = result.weights[p]!;
    if (w < result.lower[p]! - EPS || w > result.upper[p]! + EPS) {
      const unit = first[p]! >= 0 ? graph.ids[first[p]!] : undefined;
      out.push({
        code: 'tolerance-not-met',
        unit,
        community: graph.communityNames[result.partCommunity[p]!] || undefined,
        message: `grid ${p + 1} (with unit ${unit}) has ${w} households, outside ${round(result.lower[p]!)}–${round(result.upper[p]!)}`,
      });
    }
  }
  return out;
}

/** Compounds whose units ended in more than one part; adds one warning each. */
export function splitCompounds(
  graph: UnitGraph,
  part: ArrayLike<number>,
  warnings: PartitionWarning[],
): string[] {
  const { compound, compoundNames } = graph;
  if (!compound || !compoundNames) return [];
  const seenPart = new Int32Array(compoundNames.length).fill(-1);
  const grids: Array<Set<number> | null> = new Array(compoundNames.length).fill(null);
  for (let i = 0; i < graph.n; i++) {
    const c = compound[i]!;
    const p = part[i]!;
    if (c < 0 || p < 0) continue;
    if (seenPart[c] === -1) seenPart[c] = p;
    else if (seenPart[c] !== p) (grids[c] ??= new Set([seenPart[c]!])).add(p);
  }
  const out: string[] = [];
  grids.forEach((set, c) => {
    if (!set) return;
    out.push(compoundNames[c]!);
    warnings.push({
      code: 'compound-split',
      compound: compoundNames[c],
      message: `compound ${compoundNames[c]} is split over ${set.size} grids (no plan within the bounds with it whole was found)`,
    });
  });
  return out;
}
