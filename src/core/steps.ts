/**
 * Long work in steps: a generator that yields between slices of its work and returns the result.
 * `drain` runs it at once; `runSteps` runs it in time slices, giving the event loop a turn between
 * them, so a large input never holds the main thread for long (and a newer input can supersede it).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs all steps now. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Thrown by `runSteps` when `stale()` says the work was superseded. */
export class StaleWorkError extends Error {
  constructor() {
    super('superseded by newer input');
    this.name = 'StaleWorkError';
  }
}

/**
 * Runs the steps in slices of about `sliceMs`, yielding to the event loop between slices; stops with
 * `StaleWorkError` when `stale()` turns true at a slice boundary.
 */
export async function runSteps<T>(
  steps: Steps<T>,
  options: { sliceMs?: number; stale?: () => boolean } = {},
): Promise<T> {
  const sliceMs = options.sliceMs ?? 40;
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start < sliceMs) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (options.stale?.()) throw new StaleWorkError();
    start = performance.now();
  }
}
