/**
 * Grid polygons derived from the assignment: a grid is the merge of its units' cells along shared
 * edges. Shapes are cached per grid by its set of units, so an edit re-merges only changed grids.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { mergeCells } from '../merge.ts';
import type { EditorContext } from './context.ts';
import type { EditorState } from './state.ts';

export type GridShape = Polygon | MultiPolygon;

/** Grid polygons for a context, re-merging only grids whose units changed since the last call. */
export class GridShapes {
  #cache = new Map<string, { key: string; shape: GridShape | null }>();
  readonly #context: EditorContext;

  constructor(context: EditorContext) {
    this.#context = context;
  }

  /** Grid id → polygon (null when the units have no cells). */
  shapes(state: Pick<EditorState, 'assignment' | 'grids'>): Map<string, GridShape | null> {
    const cells = this.#context.bundle.cells;
    const out = new Map<string, GridShape | null>();
    if (!cells) {
      for (const g of state.grids) out.set(g.id, null);
      return out;
    }
    const members = new Map<string, number[]>(state.grids.map((g) => [g.id, []]));
    this.#context.unitIds.forEach((u, i) => {
      const g = state.assignment[u];
      if (g !== undefined) members.get(g)?.push(i);
    });
    const stale: string[] = [];
    const keys = new Map<string, string>();
    for (const [g, list] of members) {
      const key = list.join(',');
      keys.set(g, key);
      const hit = this.#cache.get(g);
      if (hit && hit.key === key) out.set(g, hit.shape);
      else stale.push(g);
    }
    if (stale.length) {
      const part = new Int32Array(cells.length).fill(-1);
      stale.forEach((g, p) => {
        for (const i of members.get(g)!) part[i] = p;
      });
      const merged = mergeCells(cells, part, stale.length);
      stale.forEach((g, p) => {
        const shape = merged[p] ?? null;
        this.#cache.set(g, { key: keys.get(g)!, shape });
        out.set(g, shape);
      });
    }
    return out;
  }
}
