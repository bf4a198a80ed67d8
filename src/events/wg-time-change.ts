/** Fired by `<wg-time-filter>` when its window moves: `from` / `to` are ISO dates, both null for "all time". */
export class WgTimeChangeEvent extends CustomEvent<{ from: string | null; to: string | null }> {
  constructor(from: string | null, to: string | null) {
    super('wg-time-change', { bubbles: true, composed: true, detail: { from, to } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-time-change': WgTimeChangeEvent;
  }
}
