/**
 * End-to-end CLI benchmark on a census-like input (`node --import tsx test/bench/cli.bench.ts [N] [RUNS]`):
 * writes UNITS.geojson + EDGES.json (test/bench/census-like.ts, default 8,000 block-group-like
 * polygons), then runs the whole `wangge partition` process for k = 4, 35, 100 at 1 % with
 * `--adjacency` and `--assignment`, several times each, and prints wall and CPU time (min and
 * median), deviation, contiguity and cut edges. For comparison it runs, in this process, a plain
 * re-implementation of the idea of GerryChain's `recursive_tree_part` (one district at a time on
 * the rest of the graph, random-weight spanning tree, a uniformly random balanced cut) on the same
 * graph: k = 4 at 0.5 %, k = 35 at 1 %, k = 100 at 2 % (it rarely finds a cut at 1 %).
 *
 * Set WANGGE_CLI to time another build (e.g. an older checkout's dist/cli/wangge.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, createRandom } from '../../src/core/graph.ts';
import { partitionMetrics } from '../../src/core/metrics.ts';
import { writeCensusLike } from './census-like.ts';
import { treePartLike } from './tree-part-like.ts';

const n = Number(process.argv[2] ?? 8000);
const runs = Number(process.argv[3] ?? 5);
const cli = process.env.WANGGE_CLI ?? fileURLToPath(new URL('../../src/cli/wangge.mjs', import.meta.url));
const data = writeCensusLike(undefined, n);
const timer = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Run {
  wall: number;
  cpu: number;
  out: { maxDeviation: number; contiguous: boolean; cutEdges: number };
}

function once(k: number): Run {
  const args = [
    cli,
    'partition',
    data.units,
    '--parts',
    String(k),
    '--tolerance',
    '0.01',
    '--adjacency',
    data.edges,
    '--json',
  ];
  args.push('--weight', 'P0010001', '--assignment', join(data.dir, `assignment-${k}.csv`));
  const t0 = performance.now();
  const r = timer
    ? spawnSync(timer, ['-f', 'CPU %U %S', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`wangge exited ${r.status}: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? 1000 * (Number(m[1]) + Number(m[2])) : NaN, out: JSON.parse(r.stdout) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : '–');
const rows: string[][] = [];
for (const k of [4, 35, 100]) {
  const all: Run[] = [];
  for (let r = 0; r < runs; r++) all.push(once(k));
  const walls = all.map((r) => r.wall);
  const cpus = all.map((r) => r.cpu);
  const o = all[0]!.out;
  rows.push([
    String(k),
    `${ms(Math.min(...walls))} / ${ms(median(walls))}`,
    `${ms(Math.min(...cpus))} / ${ms(median(cpus))}`,
    `${(o.maxDeviation * 100).toFixed(2)} %`,
    String(o.contiguous),
    String(o.cutEdges),
  ]);
}

// The same graph in-process for the GerryChain-like baseline.
const units = JSON.parse(readFileSync(data.units, 'utf8')) as {
  features: Array<{ properties: { id: string; P0010001: number } }>;
};
const ids = units.features.map((f) => f.properties.id);
const index = new Map(ids.map((id, i) => [id, i]));
const pairs = JSON.parse(readFileSync(data.edges, 'utf8')) as Array<[string, string]>;
const graph = buildGraph({
  ids,
  weights: units.features.map((f) => f.properties.P0010001),
  edges: pairs.map(([a, b]) => [index.get(a)!, index.get(b)!] as [number, number]),
});
const baseline: string[][] = [];
for (const [k, eps] of [
  [4, 0.005],
  [35, 0.01],
  [100, 0.02],
] as const) {
  const t0 = performance.now();
  const part = treePartLike(graph, k, eps, createRandom(5));
  const took = performance.now() - t0;
  if (!part) {
    baseline.push([String(k), pct(eps), 'no cut found', '', '', ms(took)]);
    continue;
  }
  const m = partitionMetrics(graph, part, k);
  baseline.push([
    String(k),
    pct(eps),
    `${(m.maxDeviation * 100).toFixed(2)} %`,
    String(m.contiguous),
    String(m.cutEdges),
    ms(took),
  ]);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join(
    '\n',
  );
}

console.log(
  `\nwangge partition, whole process (${cli.replace(/.*\/(src|dist)\//, '$1/')}), census-like input: ${data.n} polygons, ` +
    `${data.edgeCount} edges, ${(data.bytes / 1e6).toFixed(1)} MB GeoJSON; ${runs} runs, tolerance 1 %\n`,
);
console.log(
  table(
    ['k', 'wall ms (min / median)', 'CPU ms (min / median)', 'max deviation', 'contiguous', 'cut edges'],
    rows,
  ),
);
console.log('\nGerryChain-like recursive_tree_part re-implementation, same graph, in-process\n');
console.log(table(['k', 'tolerance', 'max deviation', 'contiguous', 'cut edges', 'ms'], baseline));
