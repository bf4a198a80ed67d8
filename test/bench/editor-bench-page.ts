/**
 * The page `npm run bench:editor` drives: `<wg-grid-editor>` on a street or a district of the demo
 * generator, each step timed from the call (or the real mouse events) to the element and the map
 * being done, with the longest main-thread task in it (a heartbeat), and for mouse moves the time
 * our handler takes per event (what a frame has to spare).
 */
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { generateDistrict } from '../../demo/data/generate.ts';
import type { Plan } from '../../src/core/types.ts';

export interface Step {
  /** Call → the map repainted (MapLibre's worker and drawing included). */
  ms: number;
  /** Call → the element updated (our work: the edit, figures, panel, data handed to MapLibre). */
  ours: number;
  longest: number;
}
export interface MoveStep extends Step {
  /** Our synchronous work per mouse move (median, max), and for the release. */
  perMove: { median: number; max: number };
  release: number;
}
export interface EditorBenchResult {
  buildings: number;
  grids: number;
  load: Step;
  split: Step & { parts: number; feasible: boolean };
  accept: Step;
  paint: MoveStep & { moved: number };
  lasso: MoveStep & { selected: number };
  undo: Step;
}

declare global {
  interface Window {
    wgEditorBench: { run(communities: number): Promise<EditorBenchResult> };
  }
}

const idle = (map: MapLibreMap) =>
  new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });

function heartbeat() {
  let last = performance.now();
  let longest = 0;
  let beating = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
    if (beating) setTimeout(() => channel.port2.postMessage(0), 1);
  };
  channel.port2.postMessage(0);
  return {
    /** `step` calls `done()` when the element has updated (our part), then waits for the map. */
    async time<T>(
      step: (done: () => void) => Promise<T> | T,
    ): Promise<{ ms: number; ours: number; longest: number; value: T }> {
      await new Promise((resolve) => setTimeout(resolve, 30));
      longest = 0;
      last = performance.now();
      const t0 = performance.now();
      let ours = NaN;
      const value = await step(() => (ours = performance.now() - t0));
      const ms = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { ms, ours, longest: Math.max(longest, performance.now() - last - 30), value };
    },
    stop: () => (beating = false),
  };
}

/** Marks the start of a step (a profiling script may listen with `window.wgMark`, awaited). */
async function mark(step: string) {
  console.debug(`bench: ${step}`);
  await (window as { wgMark?: (step: string) => Promise<void> }).wgMark?.(step);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Real mouse events along screen points; the synchronous time of each dispatch. */
function mouseAlong(map: MapLibreMap, points: Array<{ x: number; y: number }>, shift = false) {
  const canvas = map.getCanvas();
  const rect = canvas.getBoundingClientRect();
  const send = (type: string, p: { x: number; y: number }) => {
    const t0 = performance.now();
    canvas.dispatchEvent(
      new MouseEvent(type, {
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: rect.left + p.x,
        clientY: rect.top + p.y,
        button: 0,
        buttons: 1,
        shiftKey: shift,
      }),
    );
    return performance.now() - t0;
  };
  send('mousedown', points[0]!);
  const moves = points.slice(1).map((p) => send('mousemove', p));
  const release = send('mouseup', points[points.length - 1]!);
  return { perMove: { median: median(moves), max: Math.max(...moves) }, release };
}

window.wgEditorBench = {
  async run(communities) {
    document.body.querySelector('wg-map')?.remove();
    const area = generateDistrict({ seed: 5, communities, issues: 0 });
    const plan: Plan = {
      id: 'bench',
      grids: area.grids.features.map((f) => ({ ...f.properties })),
      assignment: Object.fromEntries(
        area.units.features.map((u) => [u.properties.id, String(u.properties.grid)]),
      ),
    };
    const map = document.createElement('wg-map');
    const editor = document.createElement('wg-grid-editor');
    map.append(editor);
    document.body.append(map);
    const ml = await map.ready;
    await idle(ml);
    const beat = heartbeat();
    await mark('load');
    const load = await beat.time(async (done) => {
      editor.units = area.units;
      editor.plan = plan;
      await editor.updateComplete;
      done();
      map.fitToData({ animate: false });
      await idle(ml);
    });
    // The grid with the most households.
    const stats = editor.stats!;
    const big = [...stats.grids].sort((a, b) => b.households - a.households)[0]!;
    await mark('split');
    const split = await beat.time(async (done) => {
      // The demo's grids are all in the band: split the largest in two.
      const result = await editor.splitGrid(big.id, { parts: 2 });
      await editor.updateComplete;
      done();
      await idle(ml);
      return result;
    });
    await mark('accept');
    const accept = await beat.time(async (done) => {
      editor.acceptSplit();
      await editor.updateComplete;
      done();
      await idle(ml);
    });
    // Zoom to a grid other than the brush's (the first), then a paint stroke through its buildings
    // (they move to the first grid) and a lasso round the middle of them.
    const target = editor.plan!.grids[1]!.id;
    editor.select(target, { zoom: true });
    await Promise.race([
      new Promise((resolve) => ml.once('moveend', resolve)),
      new Promise((resolve) => setTimeout(resolve, 1500)),
    ]);
    await idle(ml);
    const ctx = editor.editor!.context;
    const assignment = editor.plan!.assignment; // (`plan` builds a fresh copy each time it is read)
    const sites = ctx.unitIds
      .map((u, i) => ({ u, s: ctx.sites[i] }))
      .filter(({ u, s }) => s && assignment[u] === target)
      .map(({ s }) => ml.project(s as [number, number]));
    const cx = sites.reduce((a, p) => a + p.x, 0) / sites.length;
    const cy = sites.reduce((a, p) => a + p.y, 0) / sites.length;
    // Through the buildings in order round the middle, a point every 8 px between them.
    const around = [...sites].sort((p, q) => Math.atan2(p.y - cy, p.x - cx) - Math.atan2(q.y - cy, q.x - cx));
    const stroke: Array<{ x: number; y: number }> = [];
    around.forEach((p, i) => {
      const q = around[i + 1];
      stroke.push({ x: p.x, y: p.y });
      if (!q) return;
      const n = Math.max(1, Math.floor(Math.hypot(q.x - p.x, q.y - p.y) / 8));
      for (let k = 1; k < n; k++)
        stroke.push({ x: p.x + ((q.x - p.x) * k) / n, y: p.y + ((q.y - p.y) * k) / n });
    });
    editor.mode = 'paint';
    await editor.updateComplete;
    const before = JSON.stringify(editor.plan!.assignment);
    await mark('paint');
    const paint = await beat.time(async (done) => {
      const timed = mouseAlong(ml, stroke);
      await editor.updateComplete;
      done();
      await idle(ml);
      return timed;
    });
    const after = editor.plan!.assignment;
    const moved = Object.entries(JSON.parse(before) as Record<string, string>).filter(
      ([u, g]) => after[u] !== g,
    ).length;
    editor.undo();
    await editor.updateComplete;
    editor.mode = 'lasso';
    await editor.updateComplete;
    const radius = [...sites.map((p) => Math.hypot(p.x - cx, p.y - cy))].sort((a, b) => a - b)[
      Math.floor(sites.length / 2)
    ]!;
    const ring = Array.from({ length: 60 }, (_, i) => ({
      x: cx + Math.cos((2 * Math.PI * i) / 60) * radius,
      y: cy + Math.sin((2 * Math.PI * i) / 60) * radius,
    }));
    await mark('lasso');
    const lasso = await beat.time(async (done) => {
      const timed = mouseAlong(ml, [...ring, ring[0]!]);
      await editor.updateComplete;
      done();
      await idle(ml);
      return timed;
    });
    const selected = editor.selectedUnits.length;
    // Undo the lassoed buildings' move to the first grid.
    editor.assignUnits(editor.selectedUnits, editor.plan!.grids[0]!.id);
    await editor.updateComplete;
    await idle(ml);
    await mark('undo');
    const undo = await beat.time(async (done) => {
      editor.undo();
      await editor.updateComplete;
      done();
      await idle(ml);
    });
    beat.stop();
    await mark('end');
    const step = (s: Step) => ({ ms: s.ms, ours: s.ours, longest: s.longest });
    return {
      buildings: area.units.features.length,
      grids: plan.grids.length,
      load: step(load),
      split: {
        ...step(split),
        parts: split.value?.parts.length ?? 0,
        feasible: split.value?.feasible ?? false,
      },
      accept: step(accept),
      paint: { ...step(paint), ...paint.value, moved },
      lasso: { ...step(lasso), ...lasso.value, selected },
      undo: step(undo),
    };
  },
};
