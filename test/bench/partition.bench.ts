/**
 * Partition benchmark (`npm run bench:partition`): figures printed, not a timed test.
 *
 * - our partition vs turf.clustersKmeans (households ignored, k = ours) on the demo community and
 *   the demo district (band 300–500): max deviation, grids outside the band, non-contiguous grids, ms;
 * - our merge along shared edges vs sequential turf.union of the units' cells per grid: ms, gap
 *   (|Σ grid areas − community area|) and pairwise overlap area;
 * - the recursive bisection on an 8,000-node Delaunay graph for k = 4, 35, 100 at 1 %, against a
 *   GerryChain-like recursive_tree_part re-implementation (test/bench/tree-part-like.ts);
 * - the whole CLI process on a census-like file: `node --import tsx test/bench/cli.bench.ts`.
 */
import { area, clustersKmeans, featureCollection, intersect, point, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { generateCommunity, generateDistrict } from '../../demo/data/generate.ts';
import { adjacencyFromCells } from '../../src/core/adjacency.ts';
import { buildGraph, createRandom, isLabelConnected } from '../../src/core/graph.ts';
import { mergeCells } from '../../src/core/merge.ts';
import { partitionMetrics } from '../../src/core/metrics.ts';
import { partitionGraph } from '../../src/core/partition/index.ts';
import type { UnitGraph } from '../../src/core/partition-types.ts';
import { tessellate, type CellGeometry } from '../../src/core/tessellation.ts';
import type { UnitFeature } from '../../src/core/types.ts';
import { delaunayGraph } from '../core/synthetic.ts';
import { treePartLike } from './tree-part-like.ts';

const BAND = { min: 300, max: 500 };
const now = (): number => performance.now();
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
const rows: string[][] = [];
const row = (...cells: Array<string | number>): void => void rows.push(cells.map(String));

interface Prepared {
  graph: UnitGraph;
  cells: Array<CellGeometry | null>;
  points: Array<[number, number]>;
  communityArea: number;
  boundaries: Array<Feature<Polygon | MultiPolygon>>;
  tessellateMs: number;
}

/** Tessellates each community inside its boundary and builds one graph over all of them. */
function prepare(
  units: UnitFeature[],
  boundaries: Array<Feature<Polygon | MultiPolygon, { id?: string; code?: string }>>,
): Prepared {
  const t0 = now();
  const byCommunity = new Map<string, number[]>();
  units.forEach((u, i) => {
    const c = String(u.properties.community ?? '');
    const list = byCommunity.get(c);
    if (list) list.push(i);
    else byCommunity.set(c, [i]);
  });
  const cells: Array<CellGeometry | null> = new Array(units.length).fill(null);
  const edges: Array<[number, number]> = [];
  for (const b of boundaries) {
    const code = String(b.properties?.code ?? b.properties?.id ?? '');
    const members = byCommunity.get(code) ?? (boundaries.length === 1 ? units.map((_, i) => i) : []);
    if (members.length === 0) continue;
    const t = tessellate(
      members.map((i) => units[i]!.geometry),
      { boundary: b },
    );
    t.cells.forEach((c, j) => (cells[members[j]!] = c));
    for (const [a, c] of adjacencyFromCells(t.cells)) edges.push([members[a]!, members[c]!]);
  }
  const tessellateMs = now() - t0;
  const graph = buildGraph({
    ids: units.map((u) => String(u.properties.id)),
    weights: units.map((u) => u.properties.households),
    edges,
    community: units.map((u) => String(u.properties.community ?? '')),
  });
  const points = units.map(
    (u) =>
      (u.geometry.type === 'Point' ? (u.geometry.coordinates as [number, number]) : [0, 0]) as [
        number,
        number,
      ],
  );
  const communityArea = boundaries.reduce((s, b) => s + area(b), 0);
  return { graph, cells, points, communityArea, boundaries, tessellateMs };
}

function countNonContiguous(graph: UnitGraph, part: ArrayLike<number>, parts: number): number {
  let bad = 0;
  for (let p = 0; p < parts; p++) if (!isLabelConnected(graph, part, p)) bad++;
  return bad;
}

function outsideBand(weights: number[]): number {
  return weights.filter((w) => w < BAND.min || w > BAND.max).length;
}

function maxDeviation(weights: number[]): number {
  const ideal = weights.reduce((a, b) => a + b, 0) / weights.length;
  return Math.max(...weights.map((w) => Math.abs(w - ideal) / ideal));
}

function benchPartition(name: string, p: Prepared): Int32Array {
  const t0 = now();
  const result = partitionGraph(p.graph, { minHouseholds: BAND.min, maxHouseholds: BAND.max, seed: 1 });
  const ms = now() - t0;
  const m = partitionMetrics(p.graph, result.part, result.parts, result.ideal);
  row(
    name,
    'wangge partition',
    result.parts,
    pct(m.maxDeviation),
    `${Math.min(...result.weights)}–${Math.max(...result.weights)}`,
    outsideBand(result.weights),
    countNonContiguous(p.graph, result.part, result.parts),
    m.cutEdges,
    ms.toFixed(0),
  );

  const t1 = now();
  const clustered = clustersKmeans(featureCollection(p.points.map((c) => point(c))), {
    numberOfClusters: result.parts,
    mutate: true,
  });
  const kms = now() - t1;
  const kpart = Int32Array.from(clustered.features, (f) => Number(f.properties?.cluster ?? -1));
  const kweights = new Array<number>(result.parts).fill(0);
  kpart.forEach((c, i) => (kweights[c] += p.graph.weights[i]!));
  const used = kweights.filter((w) => w > 0);
  const km = partitionMetrics(p.graph, kpart, result.parts);
  row(
    name,
    'turf.clustersKmeans',
    used.length,
    pct(maxDeviation(kweights)),
    `${Math.min(...kweights)}–${Math.max(...kweights)}`,
    outsideBand(kweights),
    countNonContiguous(p.graph, kpart, result.parts),
    km.cutEdges,
    kms.toFixed(0),
  );
  return result.part;
}

/** Σ pairwise overlap area (m²) between grids whose bounding boxes meet. */
function overlapArea(grids: Array<Feature<Polygon | MultiPolygon>>): number {
  const boxes = grids.map((g) => {
    const coords = (g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates).flat(
      2,
    );
    const xs = coords.map((c) => c[0]!);
    const ys = coords.map((c) => c[1]!);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  let total = 0;
  for (let i = 0; i < grids.length; i++) {
    for (let j = i + 1; j < grids.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a[0]! > b[2]! || b[0]! > a[2]! || a[1]! > b[3]! || b[1]! > a[3]!) continue;
      const both = intersect(featureCollection([grids[i]!, grids[j]!]));
      if (both) total += area(both);
    }
  }
  return total;
}

const mergeRows: string[][] = [];
function benchMerge(name: string, p: Prepared, part: Int32Array, gridLimit = Infinity): void {
  const parts = Math.max(...part) + 1;
  const chosen = Math.min(parts, gridLimit);
  const sel = Int32Array.from(part, (g) => (g < chosen ? g : -1));
  const t0 = now();
  const ours = mergeCells(p.cells, sel, chosen);
  const ourMs = now() - t0;
  const oursF = ours.map(
    (g) => ({ type: 'Feature', properties: {}, geometry: g! }) as Feature<Polygon | MultiPolygon>,
  );
  const t1 = now();
  const theirs: Array<Feature<Polygon | MultiPolygon>> = [];
  for (let g = 0; g < chosen; g++) {
    let acc: Feature<Polygon | MultiPolygon> | null = null;
    for (let i = 0; i < sel.length; i++) {
      if (sel[i] !== g || !p.cells[i]) continue;
      const f: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: p.cells[i]! };
      acc = acc ? union(featureCollection([acc, f])) : f;
    }
    if (acc) theirs.push(acc);
  }
  const unionMs = now() - t1;
  // Gap: the selected grids' area against the area of their cells' region (the whole community
  // when every grid is selected).
  const cellArea = p.cells.reduce((s, c, i) => s + (c && sel[i]! >= 0 ? area(c) : 0), 0);
  const whole = chosen === parts ? p.communityArea : cellArea;
  const oursArea = oursF.reduce((s, g) => s + area(g), 0);
  const theirArea = theirs.reduce((s, g) => s + area(g), 0);
  const multi = (fs: Array<Feature<Polygon | MultiPolygon>>): number =>
    fs.filter((f) => f.geometry.type === 'MultiPolygon').length;
  mergeRows.push(
    [
      name,
      `${chosen} grids`,
      'wangge mergeCells',
      ourMs.toFixed(1),
      (Math.abs(oursArea - whole) / whole).toExponential(1),
      overlapArea(oursF).toFixed(3),
      String(multi(oursF)),
    ],
    [
      name,
      `${chosen} grids`,
      'sequential turf.union',
      unionMs.toFixed(0),
      (Math.abs(theirArea - whole) / whole).toExponential(1),
      overlapArea(theirs).toFixed(3),
      String(multi(theirs)),
    ],
  );
  mergeRows.push([name, '', `→ merge ${(unionMs / ourMs).toFixed(0)}× faster`, '', '', '', '']);
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join(
    '\n',
  );
}

// Demo community.
const community = generateCommunity({ seed: 1 });
const pc = prepare(community.units.features as UnitFeature[], [community.boundary]);
const partC = benchPartition(`community (${pc.graph.n} units)`, pc);
benchMerge('community', pc, partC);

// Demo district.
const district = generateDistrict({ seed: 1, issues: 0 });
const pd = prepare(district.units.features as UnitFeature[], district.boundaries);
const partD = benchPartition(`district (${pd.graph.n} units, ${district.boundaries.length} communities)`, pd);
benchMerge('district', pd, partD, 150);

// Synthetic Delaunay graph, parts at 1 %.
const synth: string[][] = [];
const { graph } = delaunayGraph(8000, 7);
for (const k of [4, 35, 100]) {
  const t0 = now();
  const r = partitionGraph(graph, { parts: k, tolerance: 0.01, seed: 1 });
  const ms = now() - t0;
  const m = partitionMetrics(graph, r.part, r.parts);
  synth.push([String(k), 'wangge 1 %', pct(m.maxDeviation), String(m.contiguous), String(m.cutEdges), ms.toFixed(0)]);
  // GerryChain-like baseline: 0.5 % for k = 4 and 2 % for k = 100, where GerryChain itself runs.
  const eps = k === 4 ? 0.005 : k === 35 ? 0.01 : 0.02;
  const t1 = now();
  const gc = treePartLike(graph, k, eps, createRandom(5));
  const gms = now() - t1;
  if (!gc) synth.push([String(k), `tree_part-like ${pct(eps)}`, 'no cut', '', '', gms.toFixed(0)]);
  else {
    const g = partitionMetrics(graph, gc, k);
    synth.push([String(k), `tree_part-like ${pct(eps)}`, pct(g.maxDeviation), String(g.contiguous), String(g.cutEdges), gms.toFixed(0)]);
  }
}

console.log(
  `\nPartition (band ${BAND.min}–${BAND.max}; tessellation: community ${pc.tessellateMs.toFixed(0)} ms, district ${pd.tessellateMs.toFixed(0)} ms, not included)\n`,
);
console.log(
  table(
    [
      'data',
      'method',
      'grids',
      'max deviation',
      'households',
      'outside band',
      'non-contiguous',
      'cut edges',
      'ms',
    ],
    rows,
  ),
);
console.log('\nMerge (gap = |Σ grid areas − area covered| / area covered; overlap in m²)\n');
console.log(table(['data', 'grids', 'method', 'ms', 'gap', 'overlap m²', 'MultiPolygons'], mergeRows));
console.log('\nRecursive bisection, 8,000-node Delaunay graph, lognormal weights, tolerance 1 %, seed 1\n');
console.log(table(['k', 'method', 'max deviation', 'contiguous', 'cut edges', 'ms'], synth));
