import type { PlanEditor } from '../../core/editor/editor.ts';
import {
  EditError,
  replaceGrid,
  splitRequest,
  type SplitRequest,
  type SplitResult,
} from '../../core/editor/operations.ts';
import { runPartition } from '../../worker/partition-client.ts';

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
