/** Finding the layers of one map: its children, and elements elsewhere that point at it with `for`. */

/** The `<wg-map>` a layer or panel belongs to: its `for` target, else its nearest `<wg-map>` ancestor. */
export function mapOf(element: Element & { for?: string }): HTMLElement | null {
  if (element.for)
    return (
      (element.getRootNode() as Document).getElementById?.(element.for) ??
      document.getElementById(element.for)
    );
  return element.closest('wg-map');
}

/** The elements of `tag` that belong to `map`, in document order. */
export function layersOf<K extends keyof HTMLElementTagNameMap>(
  map: HTMLElement | null,
  tag: K,
): HTMLElementTagNameMap[K][] {
  if (!map) return [];
  const inside = [...map.querySelectorAll(tag)].filter((el) => !(el as Element & { for?: string }).for);
  const pointing = map.id
    ? [...document.querySelectorAll(tag)].filter((el) => (el as Element & { for?: string }).for === map.id)
    : [];
  return [...inside, ...pointing];
}

/** One row of a legend: a colour (fill, ring or dot) and its text. */
export interface LegendEntry {
  color: string;
  label: string;
  shape?: 'fill' | 'dot' | 'ring' | 'line';
}

/** A layer's part of the legend. */
export interface LegendSection {
  title: string;
  entries: LegendEntry[];
}

/** What a layer offers `<wg-legend>`. */
export interface LegendSource {
  legend(): LegendSection[];
}
