/** What went wrong, as a stable machine code (messages are for people and may be translated). */
export type WgErrorReason =
  | 'bad-style'
  | 'no-webgl'
  | 'load-failed'
  | 'not-feature-collection'
  | 'bad-coordinates'
  | 'swapped-coordinates'
  | 'out-of-range'
  | 'projected-coordinates'
  | 'missing-id'
  | 'duplicate-id'
  | 'bad-households'
  | 'missing-households'
  | 'self-intersection'
  | 'bad-geometry'
  | 'invalid-attribute'
  | (string & {});

export interface WgErrorDetail {
  /** Machine code of the problem. */
  reason: WgErrorReason;
  /** A sentence that says what is wrong and where. */
  message: string;
  /** The element or input the problem came from, e.g. `wg-grid-layer`, `style`, a `src` URL. */
  source: string;
  /** Ids of the offending features, when the problem is in data. */
  ids?: string[];
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/** Fired for a bad style, bad data or a missing capability; the element keeps its last good state. */
export class WgErrorEvent extends CustomEvent<WgErrorDetail> {
  constructor(detail: WgErrorDetail) {
    super('wg-error', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-error': WgErrorEvent;
  }
}
