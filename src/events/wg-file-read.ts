import type { FeatureCollection, Geometry } from 'geojson';

/** What a file was opened as: the editor's buildings, its grids, or the community boundary. */
export type FileTarget = 'units' | 'grids' | 'boundary';

export interface WgFileReadDetail {
  target: FileTarget;
  /** The good features, in WGS84 lon/lat. */
  features: FeatureCollection<Geometry | null>;
  /** File name(s) read. */
  name: string;
  /** Rows or features left out (the user chose to go on without them), as sentences. */
  skipped: string[];
}

/** Fired by `<wg-file-open>` when a file has been read (and any column mapping confirmed). */
export class WgFileReadEvent extends CustomEvent<WgFileReadDetail> {
  constructor(detail: WgFileReadDetail) {
    super('wg-file-read', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-file-read': WgFileReadEvent;
  }
}
