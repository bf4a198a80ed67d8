/**
 * Promise API over the partition worker: `runPartition(job, { onProgress, signal })`.
 * Aborting the signal cancels the job; a running job is stopped by terminating the worker (a new
 * one is created for the next job), so the main thread never waits for it.
 */
import type { PartitionProgress } from '../core/partition-types.ts';
import type { EditResult } from '../core/plan.ts';
import type {
  FromWorker,
  PartitionJob,
  PartitionOutcome,
  RebalanceJob,
  ToWorker,
} from './partition-protocol.ts';
import { idRecord } from '../core/records.ts';

export type { PartitionJob, PartitionOutcome, RebalanceJob } from './partition-protocol.ts';

export interface RunPartitionOptions {
  onProgress?: (progress: PartitionProgress) => void;
  signal?: AbortSignal;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  {
    resolve: (o: PartitionOutcome | EditResult) => void;
    reject: (e: Error) => void;
    onProgress?: (p: PartitionProgress) => void;
  }
>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./partition.worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    const job = pending.get(message.id);
    if (!job) return;
    if (message.type === 'progress') job.onProgress?.(message.progress);
    else {
      pending.delete(message.id);
      if (message.type === 'done' || message.type === 'rebalanced')
        // A structured clone has Object.prototype again: ids key a record without one.
        job.resolve({ ...message.outcome, assignment: idRecord(message.outcome.assignment) });
      else job.reject(message.cancelled ? abortError() : new Error(message.message));
    }
  });
  w.addEventListener('error', (event) => {
    for (const job of pending.values()) job.reject(new Error(event.message || 'partition worker failed'));
    pending.clear();
    w.terminate();
    if (worker === w) worker = null;
  });
  worker = w;
  return w;
}

function abortError(): Error {
  return typeof DOMException !== 'undefined'
    ? new DOMException('partition cancelled', 'AbortError')
    : Object.assign(new Error('partition cancelled'), { name: 'AbortError' });
}

/**
 * Runs a partition in the worker.
 *
 * @example
 * const outcome = await runPartition({ units, request: { minHouseholds: 300, maxHouseholds: 500 } }, { signal });
 */
export function runPartition(
  job: PartitionJob,
  options: RunPartitionOptions = {},
): Promise<PartitionOutcome> {
  return post({ type: 'run', job }, options) as Promise<PartitionOutcome>;
}

/** Runs `rebalanceGrids` (the same core function as the main thread) in the worker. */
export function runRebalance(job: RebalanceJob, options: RunPartitionOptions = {}): Promise<EditResult> {
  return post({ type: 'rebalance', job }, options) as Promise<EditResult>;
}

type Message = { type: 'run'; job: PartitionJob } | { type: 'rebalance'; job: RebalanceJob };

function post(message: Message, options: RunPartitionOptions): Promise<PartitionOutcome | EditResult> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  const id = nextId++;
  const w = getWorker();
  return new Promise<PartitionOutcome | EditResult>((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    w.postMessage({ ...message, id } satisfies ToWorker);
    signal?.addEventListener(
      'abort',
      () => {
        if (!pending.has(id)) return;
        pending.delete(id);
        w.postMessage({ type: 'cancel', id } satisfies ToWorker);
        // The job may be running: stop the worker; other pending jobs fail and can be re-run.
        w.terminate();
        if (worker === w) worker = null;
        for (const other of pending.values()) other.reject(new Error('partition worker restarted'));
        pending.clear();
        reject(abortError());
      },
      { once: true },
    );
  });
}
