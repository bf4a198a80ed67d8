import type { StationProperties } from '../core/types.ts';

/** Fired when the user selects a party-mass service station. */
export class WgStationSelectEvent extends CustomEvent<{ id: string; properties: StationProperties }> {
  constructor(id: string, properties: StationProperties) {
    super('wg-station-select', { bubbles: true, composed: true, detail: { id, properties } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-station-select': WgStationSelectEvent;
  }
}
