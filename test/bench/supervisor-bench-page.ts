/**
 * The page `npm run bench:supervisor` drives: the demo district (1,050 grids, 50,000 issues) on one map
 * with issue load per grid, then filter changes timed from the property set to the repainted map.
 */
import '../../src/define.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DEMO_NOW, generateDistrict } from '../../demo/data/generate.ts';
import type { IssueMode } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import { generateTracks } from '../../demo/data/tracks.ts';

export interface FilterSample {
  /** Our synchronous work: property set → element updated (filter, counts, MapLibre filter and feature states). */
  update: number;
  /** Property set → MapLibre `idle` after the change (the map repainted). */
  repainted: number;
  /** Main-thread long tasks (≥ 50 ms) summed over the same window. */
  longTasks: number;
  shown: number;
}

declare global {
  interface Window {
    wgSupervisorBench: {
      load(mode: IssueMode): Promise<{ grids: number; issues: number; ms: number }>;
      change(step: number): Promise<FilterSample>;
      /**
       * Sets `data` to `count` issues (the district's, repeated with fresh ids): the longest
       * main-thread task until the layer has handed the data to MapLibre (ours), and after it until
       * the map is idle (MapLibre's drawing).
       */
      bulk(count: number): Promise<{
        ours: { longest: number; total: number; ms: number };
        maplibre: { longest: number; total: number };
        ms: number;
        shown: number;
      }>;
      /**
       * The street (20 communities, 140 grids) with about 1,000,000 fixes of patrol tracks: data set →
       * coverage ready; a month chosen (a filter change) → coverage ready; `<wg-assessment>` of three
       * months settled. Each with the longest main-thread task (heartbeat).
       */
      tracks(): Promise<{
        fixes: number;
        load: Timed;
        month: Timed;
        assessment: Timed;
      }>;
    };
  }
}

/** Wall time and the longest main-thread task (and time blocked in tasks over 50 ms) of a step. */
export interface Timed {
  ms: number;
  longest: number;
  blocked: number;
}

/** A main-thread heartbeat: the longest gap between its beats is the longest task. */
function heartbeat() {
  let last = performance.now();
  let longest = 0;
  let blocked = 0;
  let beating = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const t = performance.now();
    const gap = t - last;
    if (gap > 50) blocked += gap;
    longest = Math.max(longest, gap);
    last = t;
    if (beating) setTimeout(() => channel.port2.postMessage(0), 1);
  };
  channel.port2.postMessage(0);
  return {
    async time(step: () => Promise<unknown>): Promise<Timed> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      longest = 0;
      blocked = 0;
      const t0 = performance.now();
      await step();
      const ms = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ms, longest, blocked };
    },
    stop() {
      beating = false;
    },
  };
}

const idle = (map: MapLibreMap) =>
  new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });

const district = generateDistrict();
let longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: false,
});

const MONTHS = Array.from({ length: 12 }, (_, k) => {
  const y = 2025 + Math.floor((10 + k) / 12);
  const m = ((10 + k) % 12) + 1;
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
});

window.wgSupervisorBench = {
  async load(mode) {
    document.body.querySelector('wg-map')?.remove();
    const t0 = performance.now();
    const map = document.createElement('wg-map');
    const grids = document.createElement('wg-grid-layer');
    grids.fill = 'none';
    grids.listHidden = true;
    const issues = document.createElement('wg-issue-layer');
    issues.mode = mode;
    issues.aggregate = 'grid';
    issues.now = DEMO_NOW;
    map.append(grids, issues);
    document.body.append(map);
    grids.data = district.grids;
    issues.data = district.issues;
    const ml = await map.ready;
    await idle(ml);
    return { grids: grids.grids.length, issues: issues.data!.features.length, ms: performance.now() - t0 };
  },
  async change(step) {
    const map = document.querySelector('wg-map')!;
    const issues = document.querySelector('wg-issue-layer')!;
    const ml = map.maplibre!;
    await idle(ml);
    longTasks = [];
    const repainted = new Promise<number>((resolve) => ml.once('idle', () => resolve(performance.now())));
    const t0 = performance.now();
    // Alternate a month window and a stage filter, as a supervisor playing the months or ticking "open only".
    const month = MONTHS[step % MONTHS.length]!;
    issues.from = month.from;
    issues.to = month.to;
    issues.stages = step % 2 ? ['reported', 'assigned', 'handling', 'verifying'] : [];
    await issues.updateComplete;
    const t1 = performance.now();
    const t2 = await repainted;
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the long-task observer report
    const busy = longTasks
      .filter((e) => e.startTime >= t0 - 1 && e.startTime <= t2)
      .reduce((s, e) => s + e.duration, 0);
    return { update: t1 - t0, repainted: t2 - t0, longTasks: busy, shown: issues.filtered.length };
  },
  async bulk(count) {
    const map = document.querySelector('wg-map')!;
    const issues = document.querySelector('wg-issue-layer')!;
    const ml = map.maplibre!;
    await idle(ml);
    const source = district.issues.features;
    const features = Array.from({ length: count }, (_, i) => {
      const f = source[i % source.length]!;
      return { ...f, properties: { ...f.properties, service_request_id: `bulk-${i}` } };
    });
    const data = { type: 'FeatureCollection' as const, features };
    // A heartbeat on the main thread: the longest gap between its beats is the longest task (the
    // longtask observer reports nothing in headless Chromium here).
    let last = performance.now();
    let longest = 0;
    let blocked = 0;
    let beating = true;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const t = performance.now();
      const gap = t - last;
      if (gap > 50) blocked += gap;
      longest = Math.max(longest, gap);
      last = t;
      if (beating) setTimeout(() => channel.port2.postMessage(0), 1);
    };
    channel.port2.postMessage(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    longest = 0;
    blocked = 0;
    const t0 = performance.now();
    issues.data = data;
    // Ours: validation and index (in time slices), until the layer's update is complete.
    await issues.updateComplete;
    const handed = performance.now();
    const ours = { longest, total: blocked, ms: handed - t0 };
    longest = 0;
    blocked = 0;
    // MapLibre's: setData copies the collection to its worker (one task), which tiles it; then drawing.
    await new Promise((resolve) => ml.once('idle', resolve));
    const t1 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    beating = false;
    return { ours, maplibre: { longest, total: blocked }, ms: t1 - t0, shown: issues.filtered.length };
  },
  async tracks() {
    document.body.querySelector('wg-map')?.remove();
    const street = generateDistrict({ seed: 11, communities: 20, issues: 7_000 });
    const data = generateTracks(street.grids, street.units, { end: DEMO_NOW, days: 92 });
    const fixes = data.features.reduce((s, f) => s + f.geometry.coordinates.length, 0);
    const map = document.createElement('wg-map');
    map.id = 'street';
    const grids = document.createElement('wg-grid-layer');
    grids.fill = 'none';
    grids.listHidden = true;
    const issues = document.createElement('wg-issue-layer');
    issues.now = DEMO_NOW;
    const layer = document.createElement('wg-track-layer');
    layer.now = DEMO_NOW;
    map.append(grids, issues, layer);
    document.body.append(map);
    grids.data = street.grids;
    issues.data = street.issues;
    layer.units = street.units;
    const ml = await map.ready;
    await idle(ml);
    await issues.updateComplete;
    const beat = heartbeat();
    const coverageChanged = () =>
      new Promise((resolve) => layer.addEventListener('wg-layer-change', resolve, { once: true }));
    const load = await beat.time(async () => {
      const ready = coverageChanged();
      layer.data = data;
      await ready;
    });
    const month = await beat.time(async () => {
      const ready = coverageChanged();
      layer.from = '2026-09-01T00:00:00+08:00';
      layer.to = '2026-10-01T00:00:00+08:00';
      await ready;
    });
    const assessment = await beat.time(async () => {
      await import('../../src/define-assessment.ts');
      const table = document.createElement('wg-assessment');
      table.setAttribute('for', 'street');
      table.setAttribute('now', DEMO_NOW);
      table.setAttribute('months', '3');
      document.body.append(table);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await table.settled();
    });
    beat.stop();
    return { fixes, load, month, assessment };
  },
};
