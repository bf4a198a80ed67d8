/**
 * Work budget: the search counts work (edges looked at, nodes visited) instead of reading the
 * clock, so a seed and a budget give the same plan on every machine and under any load. A budget
 * in milliseconds is converted at a fixed rate measured on the reference machine (2 × Xeon 2.1 GHz,
 * Node 20); cancellation and progress are polled every few thousand units.
 */
import type { PartitionProgress, PartitionRunOptions } from '../partition-types.ts';

/** Work units per millisecond on the reference machine (measured with `npm run bench:partition`). */
export const WORK_PER_MS = 20_000;

/** Thrown when a run is cancelled through `isCancelled`. */
export class PartitionCancelledError extends Error {
  constructor() {
    super('partition cancelled');
    this.name = 'PartitionCancelledError';
  }
}

export class Budget implements WorkMeter {
  /** Work done so far. */
  used = 0;
  /** Work allowed in total (Infinity = until the default effort is spent). */
  readonly limit: number;
  readonly #run: PartitionRunOptions;
  #nextPoll = 0;
  #phase: PartitionProgress['phase'] = 'prepare';
  #fraction = 0;

  constructor(limit: number, run: PartitionRunOptions = {}) {
    this.limit = limit;
    this.#run = run;
  }

  /** Adds work; polls for cancellation now and then. */
  spend(units: number): void {
    this.used += units;
    if (this.used >= this.#nextPoll) {
      this.#nextPoll = this.used + 20_000;
      this.checkCancel();
    }
  }

  get exhausted(): boolean {
    return this.used >= this.limit;
  }

  checkCancel(): void {
    if (this.#run.isCancelled?.()) throw new PartitionCancelledError();
  }

  progress(phase: PartitionProgress['phase'], fraction: number): void {
    const f = Math.max(this.#fraction, Math.min(1, fraction));
    if (phase === this.#phase && f - this.#fraction < 0.01 && f < 1) return;
    this.#phase = phase;
    this.#fraction = f;
    this.#run.onProgress?.({ phase, fraction: f });
  }
}

/** Something that counts work and says when its share is spent. */
export interface WorkMeter {
  spend(units: number): void;
  readonly exhausted: boolean;
  readonly limit: number;
}

/** A share of a budget for one piece of the work (deterministic: by size, not by time). */
export class SubBudget implements WorkMeter {
  readonly limit: number;
  readonly #parent: WorkMeter;
  #used = 0;
  constructor(parent: WorkMeter, share: number) {
    this.#parent = parent;
    this.limit = share;
  }
  get exhausted(): boolean {
    return this.#used >= this.limit || this.#parent.exhausted;
  }
  spend(units: number): void {
    this.#used += units;
    this.#parent.spend(units);
  }
}
