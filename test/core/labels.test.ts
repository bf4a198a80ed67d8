/**
 * One rule for labels: `clipExpression` (vector tiles, station names) evaluated by MapLibre's own
 * expression engine gives exactly what `clipLabel` (GeoJSON labels) gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_MAX, clipExpression, clipLabel } from '../../src/map/labels.ts';

describe('label clipping', () => {
  const parsed = createExpression(clipExpression(['to-string', ['coalesce', ['get', 'name'], '']]), {
    type: 'string',
    'property-type': 'data-driven',
    expression: { interpolated: false, parameters: ['zoom', 'feature'] },
  } as unknown as never);
  assert.equal(parsed.result, 'success');
  const evaluate = (name: string): string =>
    (parsed.value as { evaluate(g: object, f: object): string }).evaluate(
      { zoom: 14 },
      { type: 1, properties: { name }, geometry: [] },
    );

  for (const name of [
    '',
    '第1网格',
    '长'.repeat(LABEL_MAX),
    '长'.repeat(LABEL_MAX + 1),
    '名'.repeat(10_000),
    'x'.repeat(500),
  ]) {
    it(`${name.length} characters: the expression and clipLabel agree`, () => {
      assert.equal(evaluate(name), clipLabel(name));
      assert.ok(Array.from(clipLabel(name)).length <= LABEL_MAX);
    });
  }
});
