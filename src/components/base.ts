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

  private upgraded = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.upgraded) return;
    this.upgraded = true;
    // A property set before the tag was defined (e.g. `editor.plan = …` while the editor still loads)
    // is an own property that hides the class's setter: hand it to the setter now. Lit already does
    // this for its reactive properties; this covers plain accessors such as `plan`.
    for (const key of Object.keys(this)) {
      let proto: object | null = Object.getPrototypeOf(this);
      while (proto && !Object.getOwnPropertyDescriptor(proto, key)) proto = Object.getPrototypeOf(proto);
      if (!proto || !Object.getOwnPropertyDescriptor(proto, key)?.set) continue;
      const value = (this as Record<string, unknown>)[key];
      delete (this as Record<string, unknown>)[key];
      (this as Record<string, unknown>)[key] = value;
    }
  }

  /** Registers `tag` for this class; a no-op when the tag is already defined (by this or another copy). */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}
