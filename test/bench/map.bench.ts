/**
 * Map benchmark (`npm run bench [-- --rounds 5] [--profile]`): the district (1,050 grids, 1,050
 * stations, 50,000 issues) drawn through our elements against the same MapLibre sources and layers
 * written by hand, in one headless Chromium, rounds interleaved, a fresh map each time. Prints
 * median and min of
 *   load:    creation → first `idle`, with every layer's data;
 *   setData: new grid and issue data → next `idle`;
 * in wall time, main-thread CPU time and page CPU time (main thread + MapLibre's workers), and the
 * ratio ours / raw against the street and district issue's targets: ≤ 1.10× wall, ≤ 1.3× main-thread
 * CPU (page CPU is printed, without a target). WebGL runs in SwiftShader (no GPU), so frame rates mean
 * nothing here; wall and CPU time do. Then our processing steps timed one by one, and with
 * `--profile` a CPU profile of one more run of each side, grouped by source file.
 * Exits 0 whatever the ratio: it is a measurement, not a test.
 */
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { startBenchServer } from './bench-server.ts';
import puppeteer, { type CDPSession, type Page } from 'puppeteer-core';
import os from 'node:os';
import type { PhaseResult, Side } from './map-bench-page.ts';

/** The targets per measure (the street and district issue): wall time and main-thread CPU. */
const TARGETS: Partial<Record<string, number>> = { wall: 1.1, main: 1.3 };
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const rounds = option('rounds', 5);
const profile = argv.includes('--profile');

type Phase = 'load' | 'setData';
/** One timed phase: wall time, main-thread CPU time, and CPU time of the whole page process (main thread + MapLibre's workers), in ms. */
interface Sample {
  wall: number;
  main: number;
  process: number;
}
type Measure = keyof Sample;
const MEASURES: Record<Measure, string> = {
  wall: 'wall',
  main: 'main-thread CPU',
  process: 'page CPU (+ workers)',
};
const samples: Record<Side, Record<Phase, Sample[]>> = {
  raw: { load: [], setData: [] },
  ours: { load: [], setData: [] },
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;

/** CPU time of the page's main thread and of its whole renderer process so far, in ms. */
async function cpu(cdp: CDPSession): Promise<{ main: number; process: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { main: value('ThreadTime'), process: value('ProcessTime') };
}

async function phase(page: Page, cdp: CDPSession, side: Side, name: Phase): Promise<PhaseResult & Sample> {
  const before = await cpu(cdp);
  const result = await page.evaluate(
    (side, name) => (name === 'load' ? window.wgBench.load(side) : window.wgBench.update(side)),
    side,
    name,
  );
  const after = await cpu(cdp);
  return {
    ...result,
    wall: result.ms,
    main: after.main - before.main,
    process: after.process - before.process,
  };
}

const shapes: Record<Side, string> = { raw: '', ours: '' };
const styles: Record<Side, string[]> = { raw: [], ours: [] };
const handed: Record<Side, string> = { raw: '', ours: '' };
const count = (n: number) => n.toLocaleString('en');

async function round(page: Page, cdp: CDPSession, side: Side, keep: boolean) {
  const load = await phase(page, cdp, side, 'load');
  const update = await phase(page, cdp, side, 'setData');
  await page.evaluate(() => window.wgBench.teardown());
  styles[side] = load.style;
  handed[side] =
    `load ${count(load.features)} features (${load.setDataCalls} setData, ${load.frames} frames), ` +
    `setData ${count(update.features)} features (${update.setDataCalls} setData, ${update.frames} frames)`;
  shapes[side] =
    `${load.layers} layers, ${load.sources} sources, view ${load.camera}, ${load.errors + update.errors} wg-error`;
  if (!keep) return;
  samples[side].load.push({ wall: load.wall, main: load.main, process: load.process });
  samples[side].setData.push({ wall: update.wall, main: update.main, process: update.process });
}

/** Self time of one profiled load + setData, grouped by where the code lives. */
async function profiled(page: Page, cdp: CDPSession, side: Side) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.evaluate((side) => window.wgBench.load(side).then(() => window.wgBench.update(side)), side);
  const { profile: cpu } = await cdp.send('Profiler.stop');
  await page.evaluate(() => window.wgBench.teardown());
  const byId = new Map(cpu.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  cpu.samples?.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (cpu.timeDeltas?.[i] ?? 0) / 1000));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    const group = where(frame.url, frame.functionName);
    groups.set(group, (groups.get(group) ?? 0) + time);
    if (group.startsWith('src/')) {
      const key = JSON.stringify([frame.url, frame.lineNumber, group, frame.functionName || '(anonymous)']);
      functions.set(key, (functions.get(key) ?? 0) + time);
    }
  }
  return { groups, functions };
}

/** The line a profile names, as the browser ran it (Vite's output, whose line numbers differ from the source). */
async function servedLine(url: string, line: number): Promise<string> {
  const { pathname } = new URL(url);
  const served = await server.transformRequest(pathname);
  return (served?.code.split('\n')[line] ?? '').trim().replace(/\s+/g, ' ').slice(0, 90);
}

function where(url: string, functionName: string): string {
  // Built-ins (WebGL, canvas, DOM) mostly wait on the GPU process, so their time swings with machine load.
  if (!url) return functionName.startsWith('(') ? functionName : '(built-ins: WebGL, canvas, DOM)';
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const local = path.match(/\/(src\/[^?]+|test\/bench)/);
  if (local) return local[1].replace(/^test\/bench.*/, 'test/bench');
  const dep = path.match(/node_modules\/(?:\.vite\/deps\/)?(@[^/_]+[/_][^/_.]+|[^/_.]+)/);
  return dep ? dep[1].replace('_', '/') : path;
}

const server = await startBenchServer();
const { port } = server.httpServer!.address() as { port: number };
const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [...chromiumArgs, '--js-flags=--expose-gc'], // collect between runs, so one run does not pay for the last one's garbage
});
const started = Date.now();
try {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (error) => console.log(`[page error] ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn')
      console.log(`[page] ${message.type()}: ${message.text()}`);
  });
  const url = `http://127.0.0.1:${port}/test/bench/map-bench.html`;
  // The first visit lets Vite pre-bundle the dependencies (it may reload the page); the second is clean.
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 120_000 });
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 120_000 });
  await page.waitForFunction(() => 'wgBench' in window, { timeout: 60_000 });
  const data = await page.evaluate(() => window.wgBench.prepare());
  const version = await browser.version();
  console.log(
    `Map benchmark — ${version}, SwiftShader WebGL, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}`,
  );
  console.log(
    `district: ${data.grids.toLocaleString('en')} grids, ${data.stations.toLocaleString('en')} stations, ` +
      `${data.issues.toLocaleString('en')} issues (setData: ${data.nextIssues.toLocaleString('en')} issues, recounted grids); ` +
      `generated in ${Math.round(data.generateMs)} ms, not timed`,
  );
  console.log(
    `${rounds} rounds after 1 warm-up, raw and ours interleaved (order alternating), 1280×800, fresh map each\n`,
  );

  for (let r = 0; r <= rounds; r++) {
    const order: Side[] = r % 2 ? ['ours', 'raw'] : ['raw', 'ours'];
    for (const side of order) await round(page, cdp, side, r > 0);
    process.stdout.write(r === 0 ? 'warm-up done' : ` · round ${r}`);
  }
  process.stdout.write('\n\n');
  console.log(`raw:  ${shapes.raw}\nours: ${shapes.ours}`);
  console.log(`handed to MapLibre — raw:  ${handed.raw}\n                     ours: ${handed.ours}`);
  const differing = styles.raw.findIndex((layer, i) => layer !== styles.ours[i]);
  if (shapes.raw === shapes.ours && differing < 0) console.log('both sides draw the same layers and view\n');
  else {
    console.log('WARNING: the two sides differ; the comparison is not like for like');
    if (differing >= 0)
      console.log(
        `  layer ${differing}\n  raw:  ${styles.raw[differing]}\n  ours: ${styles.ours[differing]}\n`,
      );
  }

  const rows: string[][] = [];
  const verdicts: string[] = [];
  for (const name of ['load', 'setData'] as Phase[]) {
    for (const measure of Object.keys(MEASURES) as Measure[]) {
      const raw = samples.raw[name].map((s) => s[measure]);
      const ours = samples.ours[name].map((s) => s[measure]);
      const ratio = median(ours) / median(raw);
      const label = `${name === 'load' ? 'load → first idle' : 'setData → idle'}, ${MEASURES[measure]}`;
      const minRatio = Math.min(...ours) / Math.min(...raw);
      // Each round's two runs are seconds apart, so their ratio cancels slow drifts in machine load.
      const paired = median(ours.map((value, i) => value / raw[i]));
      const target = TARGETS[measure];
      rows.push([
        label,
        ms(median(raw)),
        ms(Math.min(...raw)),
        ms(median(ours)),
        ms(Math.min(...ours)),
        `${ratio.toFixed(2)}×`,
        `${minRatio.toFixed(2)}×`,
        `${paired.toFixed(2)}×`,
        target === undefined ? '' : `${ratio <= target ? 'yes' : 'NO'} (≤ ${target}×)`,
      ]);
      if (target !== undefined)
        verdicts.push(`${label} ${ratio.toFixed(2)}× ${ratio <= target ? '≤' : '>'} ${target}×`);
    }
  }
  const head = [
    'phase, measure',
    'raw median',
    'raw min',
    'ours median',
    'ours min',
    'ratio (median)',
    'ratio (min)',
    'ratio (paired)',
    'median on target',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log(`\nverdict (medians): ${verdicts.join('; ')}`);
  console.log(
    `wall times, all rounds: ${(['raw', 'ours'] as Side[])
      .map(
        (side) =>
          `${side} load ${samples[side].load.map((s) => Math.round(s.wall)).join('/')}, setData ${samples[side].setData.map((s) => Math.round(s.wall)).join('/')}`,
      )
      .join('; ')}`,
  );

  console.log('\nOur processing, step by step (median of 3, ms):');
  const steps = await page.evaluate(() => window.wgBench.steps());
  for (const [step, time] of Object.entries(steps))
    console.log(`  ${step.padEnd(36)} ${time.toFixed(1).padStart(8)}`);

  if (profile) {
    const raw = await profiled(page, cdp, 'raw');
    const ours = await profiled(page, cdp, 'ours');
    console.log('\nMain-thread self time of one profiled load + setData (ms), by where the code lives:');
    const groups = [...new Set([...raw.groups.keys(), ...ours.groups.keys()])]
      .map((group) => ({ group, raw: raw.groups.get(group) ?? 0, ours: ours.groups.get(group) ?? 0 }))
      .filter((g) => Math.max(g.raw, g.ours) >= 5)
      .sort((a, b) => b.ours - b.raw - (a.ours - a.raw));
    console.log(
      `  ${'where'.padEnd(36)} ${'raw'.padStart(8)} ${'ours'.padStart(8)} ${'ours−raw'.padStart(9)}`,
    );
    for (const g of groups)
      console.log(
        `  ${g.group.padEnd(36)} ${g.raw.toFixed(0).padStart(8)} ${g.ours.toFixed(0).padStart(8)} ${(g.ours - g.raw).toFixed(0).padStart(9)}`,
      );
    console.log('\nHeaviest of our own functions (self ms, ours):');
    for (const [key, time] of [...ours.functions].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      const [url, line, group, name] = JSON.parse(key) as [string, number, string, string];
      console.log(`  ${time.toFixed(0).padStart(6)}  ${name} in ${group}: ${await servedLine(url, line)}`);
    }
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error('benchmark failed:', error);
} finally {
  await browser.close();
  await server.close();
}
