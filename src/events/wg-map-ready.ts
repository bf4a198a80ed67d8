import type { Map as MapLibreMap } from 'maplibre-gl';

/** Fired by `<wg-map>` once its MapLibre map has loaded its style (again after a re-attach). */
export class WgMapReadyEvent extends CustomEvent<{ map: MapLibreMap }> {
  constructor(map: MapLibreMap) {
    super('wg-map-ready', { bubbles: true, composed: true, detail: { map } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-map-ready': WgMapReadyEvent;
  }
}
