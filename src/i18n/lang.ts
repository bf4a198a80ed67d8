/**
 * The language an element inherits when it has no `lang` of its own: the nearest ancestor's `lang`
 * attribute, crossing shadow roots (a widget inside another component), else the page's
 * `<html lang>`. Undefined when nothing says, which the messages read as zh-CN.
 */
export function inheritedLang(from: Node): string | undefined {
  let node: Node | null = from.parentNode ?? (from as ShadowRoot).host ?? null;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement?.lang || undefined;
}

/** Formats a count for a UI language (grouping as the locale does: 12,345 / 12,345). */
const formats = new Map<string, Intl.NumberFormat>();

export function formatCount(value: number, lang: string | undefined): string {
  const locale = lang && lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  // One formatter per locale: `toLocaleString` builds a new one on every call (~30 µs each).
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}
