/**
 * Partition benchmark (`npm run bench:partition`): figures printed, not a timed test.
 *
 * - our partition vs turf.clustersKmeans (households ignored, k = ours) on the demo community and
 *   the demo district (band 300–500): max deviation, grids outside the band, non-contiguous grids, ms;
 * - our merge along shared edges vs sequential turf.union of the units' cells per grid: ms, gap
 *   (|Σ grid areas − community area|) and pairwise overlap area;
 * - the recursive bisection on an 8,000-node Delaunay graph for k = 4, 35, 100 at 1 %, against a
 *   GerryChain-like recursive_tree_part re-implementation (test/bench/tree-part-like.ts);
 * - the whole CLI process on a census-like file: `node --import tsx test/bench/cli.bench.ts`;
 * - gpmetis -contig (best of 10 seeds) on the same Delaunay graphs;
 * - proven optima (../shared/bench/optimum, when present): ours at exactly [L, U] with a 1 s budget
 *   against the optimum, gpmetis -contig (best of 10 seeds) and the tree_part-like baseline;
 * - tower districts (test/core/band-district.ts, 2,000 and 20,000 buildings, band 300–500), a
 *   district with islands, and a city of 1,000,000 buildings in 3,000 communities partitioned per
 *   community in a pool of 2 worker_threads (test/bench/partition-city.worker.ts).
 *
 * Flags: `--only demo,synthetic,optimum,community,towers,islands,city` (default all), `--skip …`,
 * `--city-communities N` (default 3000), `--optimum-seeds N` (ours also with seeds 1 … N on the optima), e.g.
 *   npm run bench:partition -- --only optimum,towers --city-communities 300
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { area, clustersKmeans, featureCollection, intersect, point, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { generateCommunity, generateDistrict } from '../../demo/data/generate.ts';
import { adjacencyFromCells } from '../../src/core/adjacency.ts';
import { buildGraph, components, createRandom, isLabelConnected } from '../../src/core/graph.ts';
import { mergeCells } from '../../src/core/merge.ts';
import { allContiguous, cutEdges, partitionMetrics } from '../../src/core/metrics.ts';
import { partitionGraph } from '../../src/core/partition/index.ts';
import type { UnitGraph } from '../../src/core/partition-types.ts';
import { tessellate, type CellGeometry } from '../../src/core/tessellation.ts';
import type { UnitFeature } from '../../src/core/types.ts';
import { generateBandDistrict } from '../core/band-district.ts';
import { delaunayGraph } from '../core/synthetic.ts';
import type { CityAnswer, CityJob } from './partition-city.worker.ts';
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

function demoSection(): void {
  // Demo community.
  const community = generateCommunity({ seed: 1 });
  const pc = prepare(community.units.features as UnitFeature[], [community.boundary]);
  const partC = benchPartition(`community (${pc.graph.n} units)`, pc);
  benchMerge('community', pc, partC);

  // Demo district.
  const district = generateDistrict({ seed: 1, issues: 0 });
  const pd = prepare(district.units.features as UnitFeature[], district.boundaries);
  const partD = benchPartition(
    `district (${pd.graph.n} units, ${district.boundaries.length} communities)`,
    pd,
  );
  benchMerge('district', pd, partD, 150);

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
}

function syntheticSection(): void {
  // Synthetic Delaunay graph, parts at 1 %.
  const synth: string[][] = [];
  const { graph } = delaunayGraph(8000, 7);
  for (const k of [4, 35, 100]) {
    const t0 = now();
    const r = partitionGraph(graph, { parts: k, tolerance: 0.01, seed: 1 });
    const ms = now() - t0;
    const m = partitionMetrics(graph, r.part, r.parts);
    synth.push([
      String(k),
      'wangge 1 %',
      pct(m.maxDeviation),
      String(m.contiguous),
      String(m.cutEdges),
      ms.toFixed(0),
    ]);
    // gpmetis -contig at 1 % (ufactor 10), best of 10 seeds among the runs within 1 % and contiguous.
    const metis = metisBest(graph, k, 10, (part) => {
      const mm = partitionMetrics(graph, part, k);
      return mm.maxDeviation <= 0.01 + 1e-12 && mm.contiguous;
    });
    if (!metis) synth.push([String(k), 'gpmetis -contig (not run)', '', '', '', '']);
    else {
      const shown = metis.best ?? metis.anyPart!;
      const mm = partitionMetrics(graph, shown, k);
      synth.push([
        String(k),
        `gpmetis -contig ufactor 10, ${metis.met}/${metis.runs} seeds within 1 %, ${metis.best ? 'best of them' : 'none: seed 1 shown'}`,
        pct(mm.maxDeviation),
        String(mm.contiguous),
        String(mm.cutEdges),
        `${metis.ms.toFixed(0)} (${metis.runs} runs)`,
      ]);
    }
    // GerryChain-like baseline: 0.5 % for k = 4 and 2 % for k = 100, where GerryChain itself runs.
    const eps = k === 4 ? 0.005 : k === 35 ? 0.01 : 0.02;
    const t1 = now();
    const gc = treePartLike(graph, k, eps, createRandom(5));
    const gms = now() - t1;
    if (!gc) synth.push([String(k), `tree_part-like ${pct(eps)}`, 'no cut', '', '', gms.toFixed(0)]);
    else {
      const g = partitionMetrics(graph, gc, k);
      synth.push([
        String(k),
        `tree_part-like ${pct(eps)}`,
        pct(g.maxDeviation),
        String(g.contiguous),
        String(g.cutEdges),
        gms.toFixed(0),
      ]);
    }
  }

  console.log('\nRecursive bisection, 8,000-node Delaunay graph, lognormal weights, tolerance 1 %, seed 1\n');
  console.log(table(['k', 'method', 'max deviation', 'contiguous', 'cut edges', 'ms'], synth));
}

// ---------------------------------------------------------------------------------------------
// gpmetis

let metisDir: string | null = null;
let metisMissing = false;

/** Writes a graph in METIS format with vertex weights (header `n m 010`, 1-based adjacency). */
function writeMetisGraph(g: UnitGraph, file: string): void {
  const lines = [`${g.n} ${g.targets.length / 2} 010`];
  for (let i = 0; i < g.n; i++) {
    const row = [String(Math.round(g.weights[i]!))];
    for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) row.push(String(g.targets[j]! + 1));
    lines.push(row.join(' '));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

interface MetisBest {
  /** Best run (fewest cut edges) among those that `ok` accepts; null when none did. */
  best: Int32Array | null;
  bestCut: number;
  /** The first run's plan (shown when no run is accepted). */
  anyPart: Int32Array | null;
  met: number;
  runs: number;
  /** Wall time of all runs, process start and file I/O included. */
  ms: number;
}

/**
 * `gpmetis -contig -ufactor=U -seed=S GRAPH k` for seeds 1 … `seeds`, ufactor from the largest part
 * allowed (`maxPart`, default ideal × 1.01) in thousandths, rounded down. Null when gpmetis is missing.
 */
function metisBest(
  g: UnitGraph,
  k: number,
  seeds: number,
  ok: (part: Int32Array) => boolean,
  maxPart?: number,
): MetisBest | null {
  if (metisMissing) return null;
  metisDir ??= mkdtempSync(join(tmpdir(), 'wangge-metis-'));
  const file = join(metisDir, `g${g.n}-${k}.graph`);
  writeMetisGraph(g, file);
  let total = 0;
  for (let i = 0; i < g.n; i++) total += g.weights[i]!;
  const ideal = total / k;
  const ufactor = Math.max(1, Math.floor(((maxPart ?? ideal * 1.01) / ideal - 1) * 1000 + 1e-9));
  const out: MetisBest = { best: null, bestCut: Infinity, anyPart: null, met: 0, runs: 0, ms: 0 };
  for (let seed = 1; seed <= seeds; seed++) {
    const t0 = now();
    try {
      execFileSync('gpmetis', ['-contig', `-ufactor=${ufactor}`, `-seed=${seed}`, file, String(k)], {
        stdio: 'pipe',
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        metisMissing = true;
        console.log('gpmetis not found on PATH: METIS rows skipped');
        return null;
      }
      out.ms += now() - t0;
      out.runs++;
      continue;
    }
    const text = readFileSync(`${file}.part.${k}`, 'utf8');
    out.ms += now() - t0;
    out.runs++;
    const part = Int32Array.from(text.trim().split('\n'), Number);
    out.anyPart ??= part;
    if (!ok(part)) continue;
    out.met++;
    const cut = cutEdges(g, part);
    if (cut < out.bestCut) {
      out.bestCut = cut;
      out.best = part;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Proven optima

interface OptimumCase {
  state: string;
  level: string;
  k: number;
  L: number;
  U: number;
  n: number;
  units: string;
  edges: string;
  total: number;
  optimum: number;
  mip_seconds: number;
}

function loadCase(dir: string, c: OptimumCase): UnitGraph {
  const units = JSON.parse(readFileSync(join(dir, c.units), 'utf8')) as {
    features: Array<{
      geometry: { coordinates: [number, number] };
      properties: { id: string; households: number };
    }>;
  };
  const index = new Map<string, number>();
  units.features.forEach((f, i) => index.set(String(f.properties.id), i));
  const pairs = JSON.parse(readFileSync(join(dir, c.edges), 'utf8')) as Array<[string, string]>;
  return buildGraph({
    ids: units.features.map((f) => String(f.properties.id)),
    weights: units.features.map((f) => f.properties.households),
    edges: pairs.map(([a, b]) => [index.get(String(a))!, index.get(String(b))!] as [number, number]),
    sites: units.features.map((f) => f.geometry.coordinates),
  });
}

/** k parts, every part within [L, U], every part contiguous. */
function meetsCase(g: UnitGraph, part: ArrayLike<number>, k: number, L: number, U: number): boolean {
  const w = new Array<number>(k).fill(0);
  for (let i = 0; i < g.n; i++) {
    const p = part[i]!;
    if (!(p >= 0 && p < k)) return false;
    w[p] += g.weights[i]!;
  }
  return w.every((x) => x >= L && x <= U) && allContiguous(g, part, k);
}

function optimumSection(seeds: number): void {
  const dir = resolve('../shared/bench/optimum');
  if (!existsSync(join(dir, 'cases.json'))) {
    console.log(`\nProven optima: ${dir} is missing; section skipped`);
    return;
  }
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as OptimumCase[];
  const body: string[][] = [];
  const ratios: number[] = [];
  const metisRatios: number[] = [];
  let maxExcess = -Infinity;
  let maxExcessCase = '';
  let oursOK = 0;
  let metisOK = 0;
  let treeOK = 0;
  for (const c of cases) {
    const g = loadCase(dir, c);
    let total = 0;
    for (let i = 0; i < g.n; i++) total += g.weights[i]!;
    const ideal = total / c.k;
    // The engine's parts mode asks for ideal ± tolerance: half the width of [L, U], less a hair.
    const tolerance = (c.U - c.L) / 2 / ideal - 1e-9;
    const t0 = now();
    const r = partitionGraph(g, { parts: c.k, tolerance, timeLimitMs: 1000, seed: 1 });
    const ms = now() - t0;
    const ok = r.parts === c.k && meetsCase(g, r.part, c.k, c.L, c.U);
    const cut = cutEdges(g, r.part);
    if (ok) {
      oursOK++;
      ratios.push(cut / c.optimum);
      if (cut - c.optimum > maxExcess) {
        maxExcess = cut - c.optimum;
        maxExcessCase = `${c.state} ${c.level}, ${(((cut - c.optimum) / c.optimum) * 100).toFixed(1)} %`;
      }
    }
    const metis = metisBest(g, c.k, 10, (part) => meetsCase(g, part, c.k, c.L, c.U), c.U);
    if (metis?.best) metisOK++;
    // tree_part-like at the same bounds (its ideal ± eps), one run of up to 5 restarts.
    const t1 = now();
    const tree = treePartLike(g, c.k, tolerance, createRandom(1));
    const tms = now() - t1;
    const treeMet = tree !== null && meetsCase(g, tree, c.k, c.L, c.U);
    if (treeMet) treeOK++;
    const oursVsMetis = ok && metis?.best ? cut / metis.bestCut : NaN;
    if (Number.isFinite(oursVsMetis)) metisRatios.push(oursVsMetis);
    body.push([
      `${c.state} ${c.level}`,
      String(c.n),
      String(c.k),
      String(c.optimum),
      String(cut),
      ok ? 'yes' : `NO${r.parts !== c.k ? ` (${r.parts} parts)` : ''}`,
      ms.toFixed(0),
      ok ? (cut / c.optimum).toFixed(3) : '—',
      metis ? (metis.best ? String(metis.bestCut) : 'none') : 'n/a',
      metis ? `${metis.met}/${metis.runs}` : '',
      metis ? metis.ms.toFixed(0) : '',
      Number.isFinite(oursVsMetis) ? oursVsMetis.toFixed(3) : '—',
      tree ? `${cutEdges(g, tree)}${treeMet ? '' : ' (out of [L, U])'}` : 'no plan',
      tms.toFixed(0),
    ]);
  }
  console.log(
    `\nProven optima (${dir}; cut edges; a plan counts with k parts, all in [L, U], contiguous)\n` +
      'ours: parts k, tolerance (U − L) / 2 / ideal, timeLimitMs 1000, seed 1; gpmetis -contig -ufactor=⌊(U / ideal − 1)·1000⌋, seeds 1–10, ' +
      'best cut among runs in [L, U] and contiguous, ms = all 10 runs with process start; tree_part-like: ideal ± the same tolerance, seed 1\n',
  );
  console.log(
    table(
      [
        'case',
        'n',
        'k',
        'optimum',
        'ours cut',
        'ours ok',
        'ours ms',
        'ours/opt',
        'METIS best',
        'METIS met',
        'METIS ms',
        'ours/METIS',
        'tree_part-like cut',
        'tree ms',
      ],
      body,
    ),
  );
  const mean = (xs: number[]): string =>
    xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3) : '—';
  console.log(
    `\nours met the bounds in ${oursOK}/${cases.length} cases, METIS (any of 10 seeds) in ${metisOK}/${cases.length}, tree_part-like in ${treeOK}/${cases.length}` +
      `\nmean ours/optimum ${mean(ratios)} (over the ${ratios.length} cases ours met), max excess over the optimum ${Number.isFinite(maxExcess) ? maxExcess : '—'} cut edges${maxExcessCase ? ` (${maxExcessCase})` : ''}` +
      `\nmean ours/METIS ${mean(metisRatios)} (over the ${metisRatios.length} cases both met)`,
  );
  if (seeds > 1) optimumSeeds(dir, cases, seeds);
}

/** Ours with seeds 1 … `seeds` on every case: is the result above a lucky seed? */
function optimumSeeds(dir: string, cases: OptimumCase[], seeds: number): void {
  const body: string[][] = [];
  const ratios: number[] = [];
  let worst = 0;
  let failed = 0;
  let slowest = 0;
  for (const c of cases) {
    const g = loadCase(dir, c);
    let total = 0;
    for (let i = 0; i < g.n; i++) total += g.weights[i]!;
    const tolerance = (c.U - c.L) / 2 / (total / c.k) - 1e-9;
    const cuts: string[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const t0 = now();
      const r = partitionGraph(g, { parts: c.k, tolerance, timeLimitMs: 1000, seed });
      slowest = Math.max(slowest, now() - t0);
      const cut = cutEdges(g, r.part);
      if (r.parts !== c.k || !meetsCase(g, r.part, c.k, c.L, c.U)) {
        failed++;
        cuts.push(`${cut}!`);
        continue;
      }
      cuts.push(String(cut));
      ratios.push(cut / c.optimum);
      worst = Math.max(worst, cut - c.optimum);
    }
    body.push([`${c.state} ${c.level}`, String(c.optimum), cuts.join(' ')]);
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / Math.max(1, ratios.length);
  console.log(`\nProven optima, ours with seeds 1–${seeds} (! = outside [L, U] or not k contiguous parts)\n`);
  console.log(table(['case', 'optimum', `ours cut, seeds 1–${seeds}`], body));
  console.log(
    `\n${ratios.length}/${cases.length * seeds} runs met the bounds (${failed} did not); mean ours/optimum ${mean.toFixed(4)}, ` +
      `max excess ${worst} cut edges, slowest run ${slowest.toFixed(0)} ms`,
  );
}

// ---------------------------------------------------------------------------------------------
// Band districts: towers and islands

const BAND_REQUEST = { minHouseholds: BAND.min, maxHouseholds: BAND.max, seed: 1 };

function towersSection(): void {
  const body: string[][] = [];
  for (const buildings of [2000, 20000]) {
    const d = generateBandDistrict({ buildings, seed: 1 });
    const t0 = now();
    const r = partitionGraph(d.graph, BAND_REQUEST);
    const ms = now() - t0;
    body.push([
      `${buildings} buildings (${d.mix.towers} towers, ${d.mix.midRises} mid-rises, ${d.mix.walkUps} walk-ups)`,
      `${d.grids} grids, cut ${cutEdges(d.graph, d.planted)}`,
      String(r.parts),
      String(outsideBand(r.weights) === 0),
      String(outsideBand(r.weights)),
      `${Math.min(...r.weights)}–${Math.max(...r.weights)}`,
      String(allContiguous(d.graph, r.part, r.parts)),
      String(r.feasible),
      String(cutEdges(d.graph, r.part)),
      ms.toFixed(0),
    ]);
  }
  console.log(
    `\nTower districts (test/core/band-district.ts, seed 1, one community; band ${BAND.min}–${BAND.max}, default request, seed 1)\n`,
  );
  console.log(
    table(
      [
        'district',
        'planted plan',
        'grids',
        'all in band',
        'outside',
        'households',
        'contiguous',
        'feasible',
        'cut edges',
        'ms',
      ],
      body,
    ),
  );
}

function islandsSection(): void {
  const d = generateBandDistrict({ buildings: 3000, seed: 2, islands: 5, islandGrids: 2 });
  const pieces = components(d.graph).count;
  const t0 = now();
  const r = partitionGraph(d.graph, BAND_REQUEST);
  const ms = now() - t0;
  const exclaves = r.warnings.filter((w) => w.code === 'exclave').length;
  console.log(
    `\nIslands (3,000 buildings, seed 2: 5 island fragments too small for a grid, 2 island grids; band ${BAND.min}–${BAND.max})\n`,
  );
  console.log(
    table(
      [
        'pieces',
        'exclaves reported',
        'grids',
        'all in band',
        'households',
        'feasible',
        'problems',
        'cut edges',
        'ms',
      ],
      [
        [
          String(pieces),
          `${exclaves} (5 expected)`,
          String(r.parts),
          String(outsideBand(r.weights) === 0),
          `${Math.min(...r.weights)}–${Math.max(...r.weights)}`,
          String(r.feasible),
          r.problems.map((p) => p.code).join(', ') || 'none',
          String(cutEdges(d.graph, r.part)),
          ms.toFixed(0),
        ],
      ],
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// City scale

/** Peak resident set of the whole process (main and worker threads), in bytes. */
function vmHWM(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * A worker thread running a .ts module. `execArgv: ['--import', 'tsx']` races here (Node 20.20, tsx
 * 4.23: the worker often loads its entry before tsx's hooks are registered and fails with
 * ERR_UNKNOWN_FILE_EXTENSION), so the worker imports its module through tsx's `tsImport` instead.
 */
function startTsWorker(file: URL): Worker {
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(file.href);
  return new Worker(`import(${api}).then((tsx) => tsx.tsImport(${entry}, ${entry}));`, { eval: true });
}

async function citySection(communities: number): Promise<void> {
  const TARGET_COMMUNITIES = 3000;
  const TARGET_BUILDINGS = 1_000_000;
  // Buildings per community: 1,000,000 / 3,000 shared out (333 or 334 each).
  const size = (c: number): number =>
    Math.floor(((c + 1) * TARGET_BUILDINGS) / TARGET_COMMUNITIES) -
    Math.floor((c * TARGET_BUILDINGS) / TARGET_COMMUNITIES);
  const WORKERS = 2;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = now();
  const answers: CityAnswer[] = [];
  const errors: string[] = [];
  let next = 0;
  await new Promise<void>((done, fail) => {
    let running = WORKERS;
    for (let w = 0; w < WORKERS; w++) {
      const worker = startTsWorker(new URL('./partition-city.worker.ts', import.meta.url));
      const feed = (): void => {
        if (next >= communities) {
          void worker.terminate();
          if (--running === 0) done();
          return;
        }
        const job: CityJob = { community: next, buildings: size(next) };
        next++;
        worker.postMessage(job);
      };
      worker.on('message', (a: CityAnswer) => {
        if (a.error) errors.push(`community ${a.community}: ${a.error}`);
        else {
          answers.push(a);
          peakRss = Math.max(peakRss, a.rss);
        }
        feed();
      });
      worker.on('error', fail);
      feed();
    }
  });
  clearInterval(sampler);
  const ms = now() - t0;
  const hwm = vmHWM();
  const sum = (f: (a: CityAnswer) => number): number => answers.reduce((s, a) => s + f(a), 0);
  const buildings = sum((a) => a.buildings);
  const feasible = answers.filter((a) => a.feasible).length;
  const gb = (b: number): string => `${(b / 2 ** 30).toFixed(2)} GB`;
  console.log(
    `\nCity scale (band districts of ~333 buildings, one community each, partitioned per community in ${WORKERS} worker_threads; target ${TARGET_BUILDINGS.toLocaleString('en')} buildings in ${TARGET_COMMUNITIES} communities, ≤ 2 min, ≤ 4 GB)\n`,
  );
  console.log(
    table(
      [
        'communities',
        'buildings',
        'households',
        'feasible',
        'grids (planted)',
        'grids outside band',
        'non-contiguous',
        'cut edges',
        'generate ms (sum)',
        'partition ms (sum)',
        'wall ms',
        'peak RSS (sampled)',
        'VmHWM',
      ],
      [
        [
          String(answers.length),
          buildings.toLocaleString('en'),
          sum((a) => a.households).toLocaleString('en'),
          `${feasible}/${answers.length}`,
          `${sum((a) => a.grids)} (${sum((a) => a.planted)})`,
          String(sum((a) => a.outOfBand)),
          String(answers.filter((a) => !a.contiguous).length),
          String(sum((a) => a.cutEdges)),
          sum((a) => a.generateMs).toFixed(0),
          sum((a) => a.partitionMs).toFixed(0),
          ms.toFixed(0),
          gb(peakRss),
          gb(hwm),
        ],
      ],
    ),
  );
  if (errors.length) console.log(`errors: ${errors.length}; first: ${errors[0]}`);
  const bad = answers.filter((a) => !a.feasible).slice(0, 5);
  if (bad.length)
    console.log(
      `infeasible communities (first ${bad.length}): ${bad.map((a) => `C${a.community} (seed ${a.community + 1}, ${a.buildings} buildings, ${a.outOfBand} grids outside)`).join(', ')}`,
    );
  if (answers.length < TARGET_COMMUNITIES && answers.length > 0) {
    const rate = answers.length / (ms / 1000);
    console.log(
      `measured: ${rate.toFixed(1)} communities/s (${(buildings / (ms / 1000)).toFixed(0)} buildings/s) on ${WORKERS} workers → ` +
        `EXTRAPOLATED, not measured: ${TARGET_COMMUNITIES} communities ≈ ${(TARGET_COMMUNITIES / rate).toFixed(0)} s`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// One community (speed)

/**
 * One community of 500 buildings (band districts of the tower mix, 20 seeds), the default band
 * request; each case run once to warm up, then timed. METIS with -contig on the same graph with k =
 * our number of grids, as a reference for the cut (it knows nothing of the band: its parts are
 * capped at the band maximum, with no minimum; grids outside 300–500 are counted).
 */
function communitySection(): void {
  const times: number[] = [];
  let feasible = 0;
  let ours = 0;
  let metisCut = 0;
  let metisOutside = 0;
  let metisRuns = 0;
  const SEEDS = 20;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const d = generateBandDistrict({ buildings: 500, seed });
    partitionGraph(d.graph, BAND_REQUEST);
    const t0 = now();
    const r = partitionGraph(d.graph, BAND_REQUEST);
    times.push(now() - t0);
    if (r.feasible) feasible++;
    ours += cutEdges(d.graph, r.part);
    const metis = metisBest(d.graph, r.parts, 1, () => true, BAND.max);
    if (metis?.anyPart) {
      metisRuns++;
      metisCut += cutEdges(d.graph, metis.anyPart);
      const w = new Array<number>(r.parts).fill(0);
      for (let i = 0; i < d.graph.n; i++) w[metis.anyPart[i]!] += d.graph.weights[i]!;
      metisOutside += outsideBand(w);
    }
  }
  times.sort((a, b) => a - b);
  const q = (f: number): string =>
    times[Math.min(times.length - 1, Math.floor(f * times.length))]!.toFixed(0);
  console.log(
    `\nOne community: 500 buildings, band ${BAND.min}–${BAND.max}, ${SEEDS} districts (seeds 1–${SEEDS}), warm\n`,
  );
  console.log(
    table(
      [
        'median ms',
        'p90 ms',
        'max ms',
        'all in band',
        'mean cut (ours)',
        'mean cut (METIS, same k)',
        'METIS grids outside band',
      ],
      [
        [
          q(0.5),
          q(0.9),
          times[times.length - 1]!.toFixed(0),
          `${feasible}/${SEEDS}`,
          (ours / SEEDS).toFixed(1),
          metisRuns ? (metisCut / metisRuns).toFixed(1) : 'not run',
          metisRuns ? `${metisOutside} in ${metisRuns} runs` : '',
        ],
      ],
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Flags and sections

const SECTIONS = ['demo', 'synthetic', 'optimum', 'community', 'towers', 'islands', 'city'] as const;
type Section = (typeof SECTIONS)[number];

function parseFlags(argv: string[]): {
  sections: Set<Section>;
  cityCommunities: number;
  optimumSeeds: number;
} {
  let sections = new Set<Section>(SECTIONS);
  let cityCommunities = 3000;
  let optimumSeeds = 1;
  const list = (v: string | undefined, flag: string): Section[] => {
    const names = (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    for (const x of names)
      if (!SECTIONS.includes(x as Section))
        throw new Error(`${flag}: unknown section ${x} (sections: ${SECTIONS.join(', ')})`);
    return names as Section[];
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--only') sections = new Set(list(value(), flag));
    else if (flag === '--skip') for (const x of list(value(), flag)) sections.delete(x);
    else if (flag === '--city-communities') {
      cityCommunities = Number(value());
      if (!(Number.isInteger(cityCommunities) && cityCommunities >= 1))
        throw new Error('--city-communities needs a whole number ≥ 1');
    } else if (flag === '--optimum-seeds') {
      optimumSeeds = Number(value());
      if (!(Number.isInteger(optimumSeeds) && optimumSeeds >= 1))
        throw new Error('--optimum-seeds needs a whole number ≥ 1');
    } else
      throw new Error(`unknown flag ${flag} (flags: --only, --skip, --city-communities, --optimum-seeds)`);
  }
  return { sections, cityCommunities, optimumSeeds };
}

const flags = parseFlags(process.argv.slice(2));
try {
  if (flags.sections.has('demo')) demoSection();
  if (flags.sections.has('synthetic')) syntheticSection();
  if (flags.sections.has('optimum')) optimumSection(flags.optimumSeeds);
  if (flags.sections.has('community')) communitySection();
  if (flags.sections.has('towers')) towersSection();
  if (flags.sections.has('islands')) islandsSection();
  if (flags.sections.has('city')) await citySection(flags.cityCommunities);
} finally {
  if (metisDir) rmSync(metisDir, { recursive: true, force: true });
}
