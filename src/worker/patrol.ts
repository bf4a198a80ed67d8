/**
 * Patrol coverage off the main thread: the tracks and buildings go to a module worker as typed
 * arrays (packed once per set of tracks), the worker runs the same `coverageOf` the page would, and
 * answers with the figures per grid. Without Web Workers (or when one fails) the page loads the same
 * code and computes it in time slices itself.
 */
import { runSteps, type Steps } from '../core/steps.ts';
import type { PatrolCoverage } from '../core/patrol.ts';
import type { Track } from '../core/tracks.ts';
import type { PackedTracks, PatrolJob } from './patrol-job.ts';

export type { PackedTracks, PatrolJob } from './patrol-job.ts';

const packed = new WeakMap<readonly Track[], PackedTracks>();
let packings = 0;

/** Tracks as typed arrays for the worker, once per set of tracks (in slices: a street's month is a million fixes). */
export function* packTracks(tracks: readonly Track[]): Steps<PackedTracks> {
  let out = packed.get(tracks);
  if (out) return out;
  out = { key: ++packings, workers: [], lengths: [], fixes: [] };
  let work = 0;
  for (const t of tracks) {
    const n = t.segments.reduce((s, seg) => s + seg.length, 0);
    const fixes = new Float64Array(3 * n);
    let k = 0;
    for (const seg of t.segments) {
      if ((work += seg.length) > 100_000) {
        work = 0;
        yield;
      }
      for (const f of seg) {
        fixes[k++] = f.lng;
        fixes[k++] = f.lat;
        fixes[k++] = f.t;
      }
    }
    out.workers.push(t.worker);
    out.lengths.push(Int32Array.from(t.segments, (s) => s.length));
    out.fixes.push(fixes);
  }
  packed.set(tracks, out);
  return out;
}

let worker: Worker | null | undefined;
let nextId = 1;
/** The key of the tracks the worker has (sent once; later jobs for them send the key only). */
let sentKey = 0;
const waiting = new Map<number, (result: PatrolCoverage | null) => void>();

function patrolWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./patrol.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<{ id: number; result: PatrolCoverage }>) => {
      waiting.get(e.data.id)?.(e.data.result);
      waiting.delete(e.data.id);
    });
    worker.addEventListener('error', () => {
      sentKey = 0;
      for (const done of waiting.values()) done(null);
      waiting.clear();
      worker?.terminate();
      worker = null; // from now on in the page
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** Patrol coverage, in the worker when there is one, else in time slices; undefined when superseded. */
export async function measurePatrol(
  job: PatrolJob,
  stale: () => boolean,
): Promise<PatrolCoverage | undefined> {
  const w = patrolWorker();
  if (w) {
    const id = nextId++;
    const result = await new Promise<PatrolCoverage | null>((resolve) => {
      waiting.set(id, resolve);
      const known = job.tracks.key === sentKey;
      sentKey = job.tracks.key;
      w.postMessage({
        id,
        job: known ? { ...job, tracks: { key: sentKey, workers: [], lengths: [], fixes: [] } } : job,
      });
    });
    if (result) return stale() ? undefined : result;
  }
  // The page's fallback loads the coverage code only when it is needed.
  const { coverageOf } = await import('./patrol-job.ts');
  return runSteps(coverageOf(job), { stale });
}
