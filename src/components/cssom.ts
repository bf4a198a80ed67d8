import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Properties = Record<string, string | undefined>;

class CssomStyle extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssom() goes on an element: <span ${cssom({…})}>');
  }

  render(_properties: Properties) {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Properties]) {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) style.removeProperty(name);
      else style.setProperty(name, value);
    }
    return noChange;
  }
}

/**
 * Sets inline style properties (CSS names, e.g. `border-color`) through the CSSOM. Unlike a `style`
 * attribute, or Lit's `styleMap` on its first render, this is allowed under a strict CSP without
 * `style-src 'unsafe-inline'`.
 */
export const cssom = directive(CssomStyle);
