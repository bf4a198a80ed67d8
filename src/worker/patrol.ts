/**
 * Patrol coverage off the main thread: the tracks and buildings go to a module worker as typed
 * arrays (packed once per set of tracks), the worker runs the same `coverageOf` the page would, and
 * answers with the figures per grid. Without Web Workers (or when one fails) the page computes it in
 * time slices itself.
 */
import { runSteps } from '../core/steps.ts';
import type { PatrolCoverage } from '../core/tracks.ts';
import { coverageOf, type PatrolJob } from './patrol-job.ts';

export { packTracks, type PatrolJob } from './patrol-job.ts';

let worker: Worker | null | undefined;
let nextId = 1;
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
      w.postMessage({ id, job });
    });
    if (result) return stale() ? undefined : result;
  }
  return runSteps(coverageOf(job), { stale });
}
