/**
 * Supervisor benchmark (`npm run bench:supervisor [-- --rounds 7]`), on the demo district (1,050
 * grids, 50,000 issues):
 *   1. issues per grid: our bucket index + ray casting against `turf.pointsWithinPolygon` once per
 *      grid (the baseline, in the same run), with the counts checked equal; target ≥ 20× faster;
 *   2. a filter change (month window, stages) to the repainted map in headless Chromium, for points
 *      and heatmap: our synchronous update, set → MapLibre `idle`, and main-thread long tasks; target
 *      ≤ 100 ms on the main thread;
 *   3. 200,000 issues set as `data` at once: the longest main-thread task; target ≤ 200 ms.
 * WebGL runs in SwiftShader (no GPU), so "repainted" includes software rendering. Exits 0: it is a
 * measurement, not a test.
 */
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { pointsWithinPolygon, featureCollection, point } from '@turf/turf';
import { startBenchServer } from './bench-server.ts';
import puppeteer from 'puppeteer-core';
import os from 'node:os';
import { generateDistrict } from '../../demo/data/generate.ts';
import { buildGridIndex, countPerGrid, locatePoints } from '../../src/core/aggregate.ts';
import type { FilterSample } from './supervisor-bench-page.ts';
import type { Feature, LineString } from 'geojson';
import { createRandom } from '../../src/core/graph.ts';
import { drain } from '../../src/core/steps.ts';
import { readTracks } from '../../src/core/tracks.ts';
import { patrolCoverage } from '../../src/core/patrol.ts';

const argv = process.argv.slice(2);
const at = argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(argv[at + 1]) : 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

console.log(
  `Supervisor benchmark · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`,
);
const district = generateDistrict();
const grids = district.grids.features;
const issues = district.issues.features;
console.log(`District: ${grids.length} grids, ${issues.length} issues\n`);

// 1. Aggregation.
const positions = issues.map((f) => f.geometry.coordinates);
const keep = new Uint8Array(issues.length).fill(1);
const open = Uint8Array.from(issues, (f) => (f.properties.stage === 'closed' ? 0 : 1));
let ours: number[] = [];
const oursTimes: number[] = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const index = buildGridIndex(grids.map((g) => g.geometry));
  const gridOf = locatePoints(index, positions);
  ours = countPerGrid(grids.length, gridOf, keep, open, open).map((c) => c.total);
  oursTimes.push(performance.now() - t0);
}
const points = featureCollection(positions.map((p) => point(p)));
const t0 = performance.now();
const turfCounts = grids.map((g) => pointsWithinPolygon(points, g).features.length);
const turfMs = performance.now() - t0;
const same = turfCounts.every((c, g) => c === ours[g]);
const oursMs = median(oursTimes);
console.log('Issues per grid (index build + locate + count):');
console.log(`  ours  ${fmt(oursMs)} (median of ${rounds}; min ${fmt(Math.min(...oursTimes))})`);
console.log(`  turf.pointsWithinPolygon per grid  ${fmt(turfMs)} (one run)`);
console.log(
  `  ratio ${(turfMs / oursMs).toFixed(0)}× faster (target ≥ 20×) · counts equal: ${same ? 'yes' : 'NO'} · total ${ours.reduce((a, b) => a + b, 0)}\n`,
);

// 4 (in Node, before the browser). Patrol tracks: a month of a street's patrols, 1,000,000 fixes.
{
  const rng = createRandom(11);
  const t0 = Date.parse('2026-10-01T08:30:00+08:00');
  const grid = 12; // 12 × 12 grids of ~170 m over a 2 km square
  const side = 0.02;
  const sites = Array.from({ length: 6000 }, (_, i) => {
    const lng = 120.14 + rng() * side;
    const lat = 30.26 + rng() * side;
    const g =
      Math.min(grid - 1, Math.floor(((lng - 120.14) / side) * grid)) * grid +
      Math.min(grid - 1, Math.floor(((lat - 30.26) / side) * grid));
    return { id: `b${i}`, position: [lng, lat], grid: g };
  });
  // 24 workers, 30 days, a 4-hour walk a day with a fix every 10 s (1,440 a day), 1 % GPS jumps.
  const features: Array<Feature<LineString>> = [];
  let fixes = 0;
  for (let w = 0; w < 24; w++)
    for (let d = 0; d < 30 && fixes < 1_000_000; d++) {
      const coordinates: number[][] = [];
      const coordTimes: number[] = [];
      // Each worker walks a block of their own (a sixth by a quarter of the street).
      const bx = 120.14 + (w % 6) * (side / 6);
      const by = 30.26 + Math.floor(w / 6) * (side / 4);
      let lng = bx + rng() * (side / 6);
      let lat = by + rng() * (side / 4);
      let heading = rng() * 2 * Math.PI;
      for (let k = 0; k < 1440 && fixes < 1_000_000; k++, fixes++) {
        heading += (rng() - 0.5) * 0.6;
        lng = Math.min(bx + side / 6, Math.max(bx, lng + Math.cos(heading) * 0.00014));
        lat = Math.min(by + side / 4, Math.max(by, lat + Math.sin(heading) * 0.00012));
        const jump = rng() < 0.01 ? 0.01 : 0;
        coordinates.push([lng + jump, lat]);
        coordTimes.push(t0 + d * 86_400_000 + k * 10_000);
      }
      features.push({
        type: 'Feature',
        properties: { worker: `网格员${w + 1}`, coordTimes },
        geometry: { type: 'LineString', coordinates },
      });
    }
  let t = performance.now();
  const read = drain(readTracks(features));
  const readMs = performance.now() - t;
  const gridOfFix = (lng: number, lat: number) => {
    const x = Math.floor(((lng - 120.14) / side) * grid);
    const y = Math.floor(((lat - 30.26) / side) * grid);
    return x < 0 || y < 0 || x >= grid || y >= grid ? -1 : x * grid + y;
  };
  t = performance.now();
  const month = drain(patrolCoverage(read.tracks, sites, grid * grid, { radius: 30, gridOfFix }));
  const coverMs = performance.now() - t;
  t = performance.now();
  const week = drain(
    patrolCoverage(read.tracks, sites, grid * grid, {
      radius: 30,
      gridOfFix,
      from: t0 + 7 * 86_400_000,
      to: t0 + 14 * 86_400_000,
    }),
  );
  const weekMs = performance.now() - t;
  const share = (c: typeof month) => c.perGrid.reduce((s, g) => s + g.covered, 0) / sites.length;
  console.log(
    `Patrol tracks (Node): ${read.fixes.toLocaleString('en-US')} fixes of ${read.tracks.length} workers, ${read.jumps.toLocaleString('en-US')} GPS jumps dropped · ` +
      `read ${fmt(readMs)} · coverage of ${sites.length} buildings in ${grid * grid} grids (30 m): month ${fmt(coverMs)} (${(100 * share(month)).toFixed(1)} % covered), ` +
      `one week (a filter change) ${fmt(weekMs)} (${(100 * share(week)).toFixed(1)} %)\n`,
  );
}

// 2. Filter change → repainted map, in Chromium.
const server = await startBenchServer();
const { port } = server.httpServer!.address() as { port: number };
const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (error) => console.log(`[page error] ${String(error)}`));
  const url = `http://127.0.0.1:${port}/test/bench/supervisor-bench.html`;
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 180_000 });
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 180_000 });
  await page.waitForFunction(() => 'wgSupervisorBench' in window, { timeout: 120_000 });
  console.log('Filter change → repainted map (Chromium, SwiftShader, 1280 × 800, whole district in view):');
  for (const mode of ['points', 'heatmap'] as const) {
    const loaded = await page.evaluate((m) => window.wgSupervisorBench.load(m), mode);
    const samples: FilterSample[] = [];
    for (let r = 0; r < rounds; r++)
      samples.push(await page.evaluate((step) => window.wgSupervisorBench.change(step), r));
    const pick = (key: keyof FilterSample) => samples.map((s) => s[key]);
    console.log(
      `  ${mode.padEnd(8)} load ${fmt(loaded.ms)} · update (main thread, sync) ${fmt(median(pick('update')))} · ` +
        `set → repainted ${fmt(median(pick('repainted')))} · long tasks ${fmt(median(pick('longTasks')))} ` +
        `(medians of ${rounds}; max update ${fmt(Math.max(...pick('update')))}; target ≤ 100 ms)`,
    );
  }
  // 3. A large replace: 200,000 issues set at once (the longest main-thread task is what freezes the page).
  await page.evaluate(() => window.wgSupervisorBench.load('points'));
  const bulk = await page.evaluate((n) => window.wgSupervisorBench.bulk(n), 200_000);
  console.log(
    `\n200,000 issues set as data: longest main-thread task of ours ${fmt(bulk.ours.longest)} (target ≤ 200 ms; ` +
      `validation and index in slices: ${fmt(bulk.ours.ms)}, blocked ${fmt(bulk.ours.total)} in tasks over 50 ms) · ` +
      `then MapLibre's longest ${fmt(bulk.maplibre.longest)} (blocked ${fmt(bulk.maplibre.total)}) · set → repainted ${fmt(bulk.ms)} · shown ${bulk.shown}`,
  );
  // 4 (in Chromium). Patrol tracks on the street page's data: coverage in the module worker.
  const tracks = await page.evaluate(() => window.wgSupervisorBench.tracks());
  const step = (t: { ms: number; longest: number; blocked: number }) =>
    `${fmt(t.ms)} (longest main-thread task ${fmt(t.longest)}, blocked ${fmt(t.blocked)})`;
  console.log(
    `\nPatrol tracks (Chromium): ${tracks.fixes.toLocaleString('en-US')} fixes over three months, 140 grids, 2,942 buildings · ` +
      `data set → coverage ready ${step(tracks.load)} · a month chosen → coverage ready ${step(tracks.month)} · ` +
      `<wg-assessment> of three months (4 coverage runs) settled ${step(tracks.assessment)}`,
  );
} finally {
  await browser.close();
  await server.close();
}
