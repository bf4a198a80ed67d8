import { createContext } from '@lit/context';
import type { MapAdapter } from './adapter.ts';
import type { Crs } from '../core/types.ts';

/** A layer element, as `<wg-map>` sees it: told when a map (re)appears and when it goes away. */
export interface MapClient {
  /**
   * Called once the map's style has loaded, and again after a new style or a re-attach, with the
   * client's own adapter onto the map (what it adds there goes with `map.remove()`).
   */
  mapAttached(map: MapAdapter): void;
  /** Called before the map is removed or its style replaced; the map may already be gone. */
  mapDetached(): void;
  /** Called when a setting of the map that layers show (its `lang`) changes. */
  hostChanged?(): void;
}

/** What `<wg-map>` shares with its layers through `@lit/context` (or `for="map-id"`). */
export interface MapHost extends HTMLElement {
  /** The coordinate system the map displays in (from its basemap). */
  readonly displayCrs: Crs;
  /** False when the browser has no WebGL2 and the map shows its fallback instead. */
  readonly webgl: boolean;
  lang: string;
  attachClient(client: MapClient): void;
  detachClient(client: MapClient): void;
  /** A layer tells the map the extent of its data ([w, s, e, n], display CRS), for the first fit. */
  reportBounds(client: MapClient, bounds: [number, number, number, number] | null): void;
}

export const mapContext = createContext<MapHost | undefined>(Symbol('wg-map'));
