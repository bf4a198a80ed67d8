/** Synthetic graphs for partition tests and the benchmark, built by functions (no files). */
import { Delaunay } from 'd3-delaunay';
import { buildGraph, createRandom } from '../../src/core/graph.ts';
import type { UnitGraph } from '../../src/core/partition-types.ts';

/** Delaunay graph of `n` random points in the unit square with lognormal weights (median ~1,000). */
export function delaunayGraph(n: number, seed = 7, sigma = 0.6): { graph: UnitGraph; points: Float64Array } {
  const rng = createRandom(seed);
  const points = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) points[i] = rng();
  const d = new Delaunay(points);
  const edges: Array<[number, number]> = [];
  const t = d.triangles;
  for (let e = 0; e < t.length; e++) {
    const next = e % 3 === 2 ? e - 2 : e + 1;
    if (d.halfedges[e]! < e) edges.push([t[e]!, t[next]!]);
  }
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    weights.push(rng() < 0.02 ? 0 : Math.round(1000 * Math.exp(sigma * g)));
  }
  const ids = Array.from({ length: n }, (_, i) => String(i).padStart(6, '0'));
  return { graph: buildGraph({ ids, weights, edges }), points };
}

/** A w × h grid graph with rectangular holes; weights from `weight(x, y)`. */
export function gridGraph(
  w: number,
  h: number,
  weight: (x: number, y: number) => number = () => 1,
  hole: (x: number, y: number) => boolean = () => false,
): UnitGraph {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const weights: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (hole(x, y)) continue;
      index.set(`${x},${y}`, ids.length);
      ids.push(`${x},${y}`);
      weights.push(weight(x, y));
    }
  }
  const edges: Array<[number, number]> = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = index.get(`${x},${y}`);
      if (a === undefined) continue;
      const r = index.get(`${x + 1},${y}`);
      const d = index.get(`${x},${y + 1}`);
      if (r !== undefined) edges.push([a, r]);
      if (d !== undefined) edges.push([a, d]);
    }
  }
  return buildGraph({ ids, weights, edges });
}
