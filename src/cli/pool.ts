/**
 * Communities in parallel: a pool of `worker_threads` that each run `solvePieceTask` (the same code
 * as the main thread) on the pieces sent to them, biggest first. The worker entry is the `wangge`
 * launcher itself; `serveWorker` answers when it starts as a worker.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { solvePieceTask, type PieceOutcome, type PieceTask } from '../core/partition/index.ts';
import type { PieceRunner } from '../core/plan.ts';

interface Job {
  index: number;
  task: PieceTask;
}
interface Answer {
  index: number;
  outcome?: PieceOutcome;
  error?: string;
  rss: number;
}

/** True in a thread started by `workerRunner`. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as { wanggeWorker?: boolean } | null)?.wanggeWorker === true;
}

/** The loop of a pool worker: solve each piece sent, answer with its outcome. */
export function serveWorker(): void {
  parentPort!.on('message', (job: Job) => {
    let answer: Answer;
    try {
      answer = { index: job.index, outcome: solvePieceTask(job.task), rss: process.memoryUsage().rss };
    } catch (e) {
      answer = { index: job.index, error: (e as Error)?.message ?? String(e), rss: 0 };
    }
    parentPort!.postMessage(answer);
  });
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** A runner that solves pieces in `threads` worker threads started from `entry` (the launcher). */
export function workerRunner(
  entry: string,
  threads: number,
  stats: { peakRss: number } = { peakRss: 0 },
): PieceRunner {
  return (tasks, run) =>
    new Promise((resolve, reject) => {
      const outcomes: PieceOutcome[] = new Array(tasks.length);
      const order = tasks.map((_, i) => i).sort((a, b) => tasks[b]!.graph.n - tasks[a]!.graph.n || a - b);
      const workers: Worker[] = [];
      let next = 0;
      let done = 0;
      let cut = 0;
      let failed = false;
      const stop = (): void => workers.forEach((w) => void w.terminate());
      const feed = (worker: Worker): void => {
        if (next >= order.length) {
          void worker.terminate();
          return;
        }
        const index = order[next++]!;
        worker.postMessage({ index, task: tasks[index]! } satisfies Job);
      };
      for (let t = 0; t < Math.min(threads, tasks.length); t++) {
        const worker = new Worker(entry, { workerData: { wanggeWorker: true } });
        workers.push(worker);
        worker.on('message', (answer: Answer) => {
          if (failed) return;
          if (answer.error !== undefined || !answer.outcome) {
            failed = true;
            stop();
            reject(new Error(answer.error ?? 'a worker gave no outcome'));
            return;
          }
          outcomes[answer.index] = answer.outcome;
          stats.peakRss = Math.max(stats.peakRss, answer.rss);
          cut += answer.outcome.cut;
          done++;
          run.onProgress?.({
            phase: 'bisect',
            fraction: 0.05 + (0.9 * done) / tasks.length,
            done,
            total: tasks.length,
            cutEdges: Math.round(cut),
          });
          if (done === tasks.length) {
            stop();
            resolve(outcomes);
          } else feed(worker);
        });
        worker.on('error', (e) => {
          if (failed) return;
          failed = true;
          stop();
          reject(e);
        });
        feed(worker);
      }
    });
}
