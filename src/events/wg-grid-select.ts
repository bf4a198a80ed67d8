import type { GridProperties } from '../core/types.ts';

/** Fired when the user selects a grid (click, Enter on the grid list, or `select()`). `id` is null on clear. */
export class WgGridSelectEvent extends CustomEvent<{ id: string | null; properties: GridProperties | null }> {
  constructor(id: string | null, properties: GridProperties | null) {
    super('wg-grid-select', { bubbles: true, composed: true, detail: { id, properties } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-grid-select': WgGridSelectEvent;
  }
}
