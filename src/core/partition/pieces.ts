/**
 * Pieces: the connected pieces of each community. A piece whose households make no whole number of
 * grids within the bounds (an island of 40 households, a bank cut off by a river) is linked to the
 * nearest unit of another piece by a link with no cut cost, so it joins that grid as an exclave
 * (one grid, two polygons) and is reported as a warning, not as a failure. Also builds the work
 * graph: cut costs from edge weights, and edges inside a compound made dear so compounds stay whole.
 */
import { components } from '../graph.ts';
import type { PartitionWarning, UnitGraph } from '../partition-types.ts';
import { bandGridRange } from './bounds.ts';
import type { LocalGraph } from './local-graph.ts';

/** An edge inside a compound costs this many ordinary edges: compounds split only when the band forces it. */
export const COMPOUND_COST = 50;

export interface Pieces {
  count: number;
  /** Nodes of each group (pieces joined by links). */
  nodes: Int32Array[];
  weight: number[];
  /** Groups of each community. */
  ofCommunity: number[][];
  /** Links [a, b] added between pieces (no cut cost). */
  links: Array<[number, number]>;
}

/**
 * Groups each community's pieces so every group can hold whole grids: pieces that cannot are linked
 * to their nearest neighbour, lightest first. With a fixed count per community (`kOf`), pieces are
 * also joined until there are no more groups than parts.
 */
export function findPieces(
  graph: UnitGraph,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  kOf: ArrayLike<number> | null,
  warnings: PartitionWarning[],
): Pieces {
  const { n, weights } = graph;
  const { component, count } = components(graph);
  const pieceNodes: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) pieceNodes[component[i]!]!.push(i);
  const nc = graph.communityNames.length;
  const byCommunity: number[][] = Array.from({ length: nc }, () => []);
  for (let p = 0; p < count; p++) byCommunity[graph.community[pieceNodes[p]![0]!]!]!.push(p);
  const links: Array<[number, number]> = [];
  const groupNodes: number[][] = [];
  const groupWeight: number[] = [];
  const ofCommunity: number[][] = Array.from({ length: nc }, () => []);
  for (let c = 0; c < nc; c++) {
    // Each group is a list of pieces; start with one group per piece.
    const groups = byCommunity[c]!.map((p) => ({
      nodes: pieceNodes[p]!,
      weight: sum(pieceNodes[p]!, weights),
    }));
    const fits = (w: number): boolean => {
      const [lo, hi] = bandGridRange(w, lower[c]!, upper[c]!);
      return lo <= hi;
    };
    while (groups.length > 1) {
      groups.sort((a, b) => a.weight - b.weight || a.nodes[0]! - b.nodes[0]!);
      let at = groups.findIndex((g) => !fits(g.weight));
      const tooFew = at >= 0;
      if (at < 0 && kOf && groups.length > kOf[c]!) at = 0;
      if (at < 0) break;
      const small = groups[at]!;
      const [a, b, target] = nearest(graph, small.nodes, groups, at);
      links.push([a, b]);
      const other = groups[target]!;
      const name = graph.communityNames[c] || 'the community';
      warnings.push({
        code: 'exclave',
        unit: graph.ids[a],
        community: graph.communityNames[c] || undefined,
        message: `unit ${graph.ids[a]} and ${small.nodes.length - 1} more (${small.weight} households) are cut off from the rest of ${name}, ${tooFew ? 'too few for a grid of their own' : 'and there are more separate pieces than parts'}: they join the grid of unit ${graph.ids[b]} as an exclave`,
      });
      other.nodes = other.nodes.concat(small.nodes);
      other.weight += small.weight;
      groups.splice(at, 1);
    }
    for (const g of groups) {
      ofCommunity[c]!.push(groupNodes.length);
      groupNodes.push(g.nodes.sort((x, y) => x - y));
      groupWeight.push(g.weight);
    }
  }
  return {
    count: groupNodes.length,
    nodes: groupNodes.map((x) => Int32Array.from(x)),
    weight: groupWeight,
    ofCommunity,
    links,
  };
}

function sum(nodes: number[], weights: ArrayLike<number>): number {
  let s = 0;
  for (const v of nodes) s += weights[v]!;
  return s;
}

/** The closest pair (unit of `nodes`, unit of another group) by site; the heaviest group without sites. */
function nearest(
  graph: UnitGraph,
  nodes: number[],
  groups: Array<{ nodes: number[]; weight: number }>,
  self: number,
): [number, number, number] {
  const s = graph.sites;
  let best: [number, number, number] | null = null;
  if (s) {
    let bestD = Infinity;
    for (let t = 0; t < groups.length; t++) {
      if (t === self) continue;
      for (const b of groups[t]!.nodes) {
        const bx = s[2 * b]!;
        const by = s[2 * b + 1]!;
        if (Number.isNaN(bx)) continue;
        const scale = Math.cos((by * Math.PI) / 180);
        for (const a of nodes) {
          const dx = (s[2 * a]! - bx) * scale;
          const dy = s[2 * a + 1]! - by;
          const d = dx * dx + dy * dy;
          if (d < bestD) {
            bestD = d;
            best = [a, b, t];
          }
        }
      }
    }
  }
  if (best) return best;
  let heaviest = self === 0 ? 1 : 0;
  for (let t = 0; t < groups.length; t++)
    if (t !== self && groups[t]!.weight > groups[heaviest]!.weight) heaviest = t;
  return [nodes[0]!, groups[heaviest]!.nodes[0]!, heaviest];
}

/** The engine's graph: the unit graph plus `links`, with cut costs (edge weights, compounds). */
export function workGraph(graph: UnitGraph, links: Array<[number, number]>): LocalGraph {
  const { n, offsets, targets } = graph;
  const extra = new Int32Array(n);
  for (const [a, b] of links) {
    extra[a]!++;
    extra[b]!++;
  }
  const off = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) off[i + 1] = off[i]! + offsets[i + 1]! - offsets[i]! + extra[i]!;
  const tgt = new Int32Array(off[n]!);
  const cost = new Float64Array(off[n]!);
  const fill = off.slice(0, n);
  const compound = graph.compound;
  for (let i = 0; i < n; i++) {
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
      const u = targets[j]!;
      let c = graph.edgeWeights ? graph.edgeWeights[j]! : 1;
      if (compound && compound[i]! >= 0 && compound[i] === compound[u]) c *= COMPOUND_COST;
      tgt[fill[i]!] = u;
      cost[fill[i]!++] = c;
    }
  }
  for (const [a, b] of links) {
    tgt[fill[a]!++] = b;
    tgt[fill[b]!++] = a;
  }
  return {
    n,
    offsets: off,
    targets: tgt,
    cost,
    weight: Float64Array.from(graph.weights),
    origin: Int32Array.from({ length: n }, (_, i) => i),
  };
}
