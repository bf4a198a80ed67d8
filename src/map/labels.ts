/**
 * Map labels are short: a name from data (a grid, a station) can be 10,000 characters, and MapLibre
 * would draw all of it over a fifth of the map. Labels are cut at `LABEL_MAX` characters with an
 * ellipsis, the same for GeoJSON data (`clipLabel`) and vector tiles (`clipExpression`, the same
 * rule as a MapLibre expression). The full text stays in lists and popups.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

/** Characters (code points) a label line keeps before the ellipsis. */
export const LABEL_MAX = 24;

/** `text` cut to `max` characters, the last one an ellipsis when cut. */
export function clipLabel(text: string, max = LABEL_MAX): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `clipLabel` as a MapLibre expression over a string expression. */
export function clipExpression(text: ExpressionSpecification, max = LABEL_MAX): ExpressionSpecification {
  return ['case', ['>', ['length', text], max], ['concat', ['slice', text, 0, max - 1], '…'], text];
}
