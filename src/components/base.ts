import { LitElement, css } from 'lit';
import type { CSSResultGroup, PropertyValues } from 'lit';
import { WgErrorEvent } from '../events/wg-error.ts';
import { idRecord } from '../core/records.ts';

/** What a property accepts: `accept` returns the value to keep (normalised) or `undefined` to refuse it. */
export interface PropertyCheck {
  /** The attribute users write (for the message). */
  attribute: string;
  accept(value: unknown): unknown;
  /** What is accepted, in words, e.g. `a number ≥ 0`. */
  expected: string;
}

/** A grid code standard as `parseCodeStandard` reads it (the trimmed text kept). */
export function codeStandardCheck(attribute: string, parse: (text: string) => unknown): PropertyCheck {
  return {
    attribute,
    accept: (v) => {
      try {
        parse(String(v));
        return String(v).trim();
      } catch {
        return undefined;
      }
    },
    expected: 'sequence, statistical or cjt349:OBJECT (a 6-digit CJ/T 348 object code)',
  };
}

/** A finite number ≥ `min` (as attributes give it: `"abc"` arrives as NaN). */
export const numberAtLeast = (attribute: string, min = 0): PropertyCheck => ({
  attribute,
  accept: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : undefined),
  expected: `a number ≥ ${min}`,
});

/** One of `values`, in any case (`Heatmap` is `heatmap`). */
export const oneOf = (attribute: string, values: readonly string[]): PropertyCheck => ({
  attribute,
  accept: (v) => {
    const key = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    return values.find((x) => x === key);
  },
  expected: `one of ${values.join(', ')}`,
});

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value); // NaN and Infinity as they are
  if (value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

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

  /** Checks for properties that users set from attributes or script (see `PropertyCheck`). */
  static checks: Record<string, PropertyCheck> = {};

  private upgraded = false;

  /**
   * Before every update: a property whose new value its check refuses goes back to its last good
   * value, with a `wg-error` (reason `invalid-attribute`) naming the attribute and the value; an
   * accepted value is kept normalised (`GCJ-02` → `gcj02`). So a bad attribute never throws in an
   * update or leaves the map empty, and later data is still drawn.
   */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    const checks = (this.constructor as typeof WgElement).checks;
    const self = this as unknown as Record<string, unknown>;
    for (const name of Object.keys(checks)) {
      if (!changed.has(name as never)) continue;
      const check = checks[name]!;
      const value = self[name];
      if (value === undefined) continue;
      const kept = check.accept(value);
      if (kept !== undefined) {
        if (kept !== value) self[name] = kept;
        continue;
      }
      // The text of the attribute when the value came from it (`"abc"`, not the NaN it became).
      const text = this.getAttribute(check.attribute);
      const fromAttribute = text !== null && (text === value || Object.is(Number(text), value));
      const written = fromAttribute ? text : value;
      const previous = changed.get(name as never) as unknown;
      self[name] = previous;
      this.dispatchEvent(
        new WgErrorEvent({
          reason: 'invalid-attribute',
          message: `<${this.localName}> ${check.attribute}=${shown(written)} is not ${check.expected}; keeping ${shown(previous)}.`,
          source: this.localName,
        }),
      );
    }
    return super.shouldUpdate(changed);
  }

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

/**
 * Weights as an attribute, `households:1,care:2` (unknown keys are kept; a pair whose number does
 * not parse is skipped), and back.
 */
export function weightsConverter<W>() {
  return {
    fromAttribute(value: string | null): Partial<W> {
      const out = idRecord<number>();
      for (const pair of (value ?? '').split(',')) {
        const [key, number] = pair.split(':').map((s) => s.trim());
        if (key && number !== undefined && number !== '' && Number.isFinite(Number(number)))
          out[key] = Number(number);
      }
      return out as Partial<W>;
    },
    toAttribute(value: Partial<W>): string {
      return Object.entries(value as Record<string, number>)
        .map(([k, v]) => `${k}:${v}`)
        .join(',');
    },
  };
}
