/// <reference lib="webworker" />
/**
 * Module worker running the core partition (a partition of units, or a rebalance of grids: the same
 * core functions as the main thread) off the main thread. Posts progress; a `cancel` message
 * for a queued job drops it, and the client terminates the worker to stop a running one.
 */
import { PartitionCancelledError } from '../core/partition/index.ts';
import { partitionUnits, rebalanceGrids } from '../core/plan.ts';
import type { PartitionProgress } from '../core/partition-types.ts';
import type { FromWorker, PartitionOutcome, ToWorker } from './partition-protocol.ts';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};
const cancelled = new Set<number>();
const queue: Array<Exclude<ToWorker, { type: 'cancel' }>> = [];
let busy = false;

function runNext(): void {
  if (busy) return;
  const message = queue.shift();
  if (!message) return;
  busy = true;
  const { id } = message;
  const run = {
    onProgress: (progress: PartitionProgress) => scope.postMessage({ type: 'progress', id, progress }),
    isCancelled: () => cancelled.has(id),
  };
  try {
    if (cancelled.has(id)) throw new PartitionCancelledError();
    if (message.type === 'rebalance') {
      const { bundle, assignment, request } = message.job;
      scope.postMessage({
        type: 'rebalanced',
        id,
        outcome: rebalanceGrids(bundle, assignment, request, run),
      });
      return;
    }
    const { job } = message;
    const plan = partitionUnits(job.units, job.request, { ...job.options, ...run });
    const outcome: PartitionOutcome = {
      assignment: plan.assignment,
      gridIds: plan.gridIds,
      grids: plan.grids,
      weights: plan.partition.weights,
      metrics: plan.metrics,
      feasible: plan.feasible,
      problems: plan.problems,
      ms: plan.timing.partition + plan.timing.geometry,
    };
    scope.postMessage({ type: 'done', id, outcome });
  } catch (e) {
    const isCancel = e instanceof PartitionCancelledError;
    scope.postMessage({
      type: 'error',
      id,
      message: (e as Error)?.message ?? String(e),
      cancelled: isCancel,
    });
  } finally {
    cancelled.delete(id);
    busy = false;
    // Let queued cancel messages arrive before the next job starts.
    setTimeout(runNext, 0);
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') cancelled.add(message.id);
  else {
    queue.push(message);
    setTimeout(runNext, 0);
  }
});
