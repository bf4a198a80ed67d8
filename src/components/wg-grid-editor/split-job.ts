import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PlanEditor } from '../../core/editor/editor.ts';
import {
  EditError,
  rebalanceOutcome,
  rebalanceRequest,
  replaceGrid,
  splitRequest,
  type Band,
  type RebalanceResult,
  type SplitRequest,
  type SplitResult,
} from '../../core/editor/operations.ts';
import { runPartition, runRebalance } from '../../worker/partition-client.ts';

/**
 * Splits one grid in the partition worker (`runPartition`: progress, cancel) — the same partition
 * core the main thread runs — and turns the outcome into the editor's split preview. Edits made while
 * the worker ran win: a split of the grid as it was is refused, not applied over them.
 */
export async function splitInWorker(
  editor: PlanEditor,
  id: string,
  members: string[],
  request: SplitRequest,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<SplitResult> {
  const { graph } = editor.context.bundle;
  const inGrid = new Set(members);
  const adjacency: Array<[string, string]> = [];
  for (const u of members) {
    const i = editor.context.index.get(u)!;
    for (let j = graph.offsets[i]!; j < graph.offsets[i + 1]!; j++) {
      const v = graph.ids[graph.targets[j]!]!;
      if (inGrid.has(v) && u < v) adjacency.push([u, v]);
    }
  }
  const partRequest = splitRequest(request);
  const outcome = await runPartition(
    {
      units: {
        features: members.map((u) => ({
          type: 'Feature',
          geometry: null,
          properties: { id: u, households: editor.context.households.get(u) ?? 0 },
        })),
      },
      request: partRequest,
      options: { adjacency },
    },
    { signal, onProgress: (p) => onProgress(p.fraction) },
  );
  const groups = new Map<string, string[]>();
  for (const u of members) {
    const g = outcome.assignment[u] ?? id;
    groups.set(g, [...(groups.get(g) ?? []), u]);
  }
  if (editor.state.locked.includes(id)) throw new EditError('locked', `Grid ${id} is locked.`, [id]);
  // Edits made while the worker ran win: a split of the grid as it was is not applied over them.
  const now = new Set(
    Object.entries(editor.state.assignment)
      .filter(([, g]) => g === id)
      .map(([u]) => u),
  );
  const moved = members.filter((u) => !now.has(u));
  if (moved.length || now.size !== members.length)
    throw new EditError(
      'stale-split',
      `Grid ${id} changed while it was being split (${moved.length || Math.abs(now.size - members.length)} buildings moved); the split was not applied, so no edit is undone. Split it again.`,
      [id],
    );
  const { state, parts } = replaceGrid(editor.context, editor.state, id, [...groups.values()], {
    baseline: editor.committed,
    codeStandard: editor.codeStandard,
  });
  return {
    state,
    grid: id,
    parts,
    feasible: outcome.feasible,
    problems: outcome.problems as SplitResult['problems'],
  };
}

/**
 * Rebalances grids in the partition worker: the same request (`rebalanceRequest`) and the same core
 * function (`rebalanceGrids`) as the main thread, over the editor's unit graph. Edits made while the
 * worker ran win: the result is refused when the plan changed meanwhile.
 */
export async function rebalanceInWorker(
  editor: PlanEditor,
  band: Band,
  ids: readonly string[] | undefined,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<RebalanceResult> {
  const before = editor.state;
  const request = rebalanceRequest(before, band, ids);
  const { graph, index, sites } = editor.context.bundle;
  const result = await runRebalance(
    {
      bundle: { graph, index, sites, cells: null },
      assignment: { ...before.assignment },
      request,
    },
    { signal, onProgress: (p) => onProgress(p.fraction) },
  );
  if (editor.state !== before)
    throw new EditError(
      'stale-rebalance',
      'The plan changed while the grids were being rebalanced; the result was not applied, so no edit is undone. Rebalance again.',
      [...(ids ?? [])],
    );
  return rebalanceOutcome(before, result);
}

/** Work slower than this shows a progress bar. */
const PROGRESS_AFTER_MS = 300;

/**
 * An element's long work (a split, a rebalance): `busy` while it runs, a `progress` fraction shown
 * once it has taken `PROGRESS_AFTER_MS`, cancelled by the next job, by `cancel()` or when the element
 * leaves the page. A job that fails calls `onError`; a cancelled one resolves with null.
 */
export class JobController implements ReactiveController {
  busy = false;
  progress: number | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #onError: (error: unknown) => void;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost, onError: (error: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  cancel(): void {
    this.#abort?.abort();
  }

  /** Shows how far the running job is (0…1). */
  report(fraction: number): void {
    this.progress = fraction;
    this.#host.requestUpdate();
  }

  async run<T>(job: (signal: AbortSignal) => Promise<T> | T): Promise<T | null> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.busy = true;
    this.#host.requestUpdate();
    const timer = setTimeout(() => {
      if (!abort.signal.aborted) this.report(this.progress ?? 0);
    }, PROGRESS_AFTER_MS);
    try {
      // Let the button press paint before synchronous work starts.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return await job(abort.signal);
    } catch (error) {
      if (!abort.signal.aborted) this.#onError(error);
      return null;
    } finally {
      clearTimeout(timer);
      if (this.#abort === abort) {
        this.busy = false;
        this.progress = null;
        this.#host.requestUpdate();
      }
    }
  }
}
