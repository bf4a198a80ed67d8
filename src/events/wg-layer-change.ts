/**
 * Fired by a data layer when what it shows changed (new data, filters, mode, aggregation, coverage),
 * so panels such as `<wg-legend>` and `<wg-grid-stats>` can read it again. The layer is the target.
 */
export class WgLayerChangeEvent extends Event {
  constructor() {
    super('wg-layer-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-layer-change': WgLayerChangeEvent;
  }
}
