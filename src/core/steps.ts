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

/**
 * Runs the steps in slices of about `sliceMs`, yielding to the event loop between slices; stops and
 * resolves `undefined` when `stale()` turns true at a slice boundary (newer work superseded it).
 */
export async function runSteps<T>(
  steps: Steps<T>,
  options: { sliceMs?: number; stale?: () => boolean } = {},
): Promise<T | undefined> {
  const sliceMs = options.sliceMs ?? 40;
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start < sliceMs) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (options.stale?.()) return undefined;
    start = performance.now();
  }
}
