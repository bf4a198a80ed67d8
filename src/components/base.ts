import { LitElement, css } from 'lit';
import type { CSSResultGroup } from 'lit';

/**
 * The base of every Wangge element: shared host styles and a safe `define()`, so two copies of the
 * library on one portal page (two widgets, two bundles) do not crash it.
 */
export class WgElement extends LitElement {
  static override styles: CSSResultGroup = css`
    :host {
      box-sizing: border-box;
      font-family: inherit;
    }
    :host([hidden]) {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
  `;

  /** Registers `tag` for this class; a no-op when the tag is already defined (by this or another copy). */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}
