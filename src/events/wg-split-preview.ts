import type { SplitPart } from '../core/editor/operations.ts';

/** Fired by `<wg-grid-editor>` when a split is proposed (`parts` with households) or the preview is closed (`grid` null). */
export class WgSplitPreviewEvent extends CustomEvent<{ grid: string | null; parts: SplitPart[]; feasible: boolean }> {
  constructor(grid: string | null, parts: SplitPart[], feasible: boolean) {
    super('wg-split-preview', { bubbles: true, composed: true, detail: { grid, parts, feasible } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-split-preview': WgSplitPreviewEvent;
  }
}
