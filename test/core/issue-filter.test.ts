/**
 * The issue filter is defined once and compiled twice: the predicate (issues in the page) and the
 * MapLibre expression (GeoJSON source, vector tiles) must pass the same issues. The expressions are
 * evaluated by MapLibre's own style-spec `featureFilter`, on random issues and random queries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { filterIssues } from '../../src/core/filter-issues.ts';
import { clausesOf, isOverdue, toExpression, type IssueQuery } from '../../src/core/issue-filter.ts';
import { GEOJSON_FIELDS, tileFields } from '../../src/map/issue-filters.ts';
import { createRandom } from '../../src/core/graph.ts';
import type { IssueFeature } from '../../src/core/types.ts';

const STAGES = ['reported', 'assigned', 'handling', 'verifying', 'closed'] as const;
const CATS = [
  ['飞线充电', 'ebike-cable'],
  ['污水管道堵塞', 'sewer'],
  ['楼道堆物', 'stairwell'],
  ['噪音扰民', ''],
] as const;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const NOW = T0 + 200 * DAY;

function randomIssues(rng: () => number, n: number): IssueFeature[] {
  return Array.from({ length: n }, (_, i) => {
    const [name, code] = CATS[Math.floor(rng() * CATS.length)]!;
    const requested = T0 + Math.floor(rng() * 300) * DAY + Math.floor(rng() * DAY);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120, 30] },
      properties: {
        service_request_id: `r${i}`,
        service_name: name,
        ...(code ? { service_code: code } : {}),
        stage: STAGES[Math.floor(rng() * STAGES.length)]!,
        status: 'open',
        requested_datetime: new Date(requested).toISOString().replace('.000Z', 'Z'),
        ...(rng() < 0.8
          ? { expected_datetime: new Date(requested + Math.floor(rng() * 20) * DAY).toISOString() }
          : {}),
      } as IssueFeature['properties'],
    };
  });
}

function randomQuery(rng: () => number): IssueQuery {
  const pick = <T>(list: readonly T[]) => list.filter(() => rng() < 0.4);
  const from = rng() < 0.5 ? T0 + Math.floor(rng() * 300) * DAY : undefined;
  return {
    stages: pick(STAGES),
    categories: pick(CATS.flatMap(([n, c]) => (rng() < 0.5 ? [n] : c ? [c] : []))),
    from,
    to: rng() < 0.5 ? (from ?? T0) + Math.floor(rng() * 120) * DAY : undefined,
    overdueOnly: rng() < 0.3,
  };
}

const evaluate = (filter: unknown, properties: Record<string, unknown>) =>
  featureFilter(filter as never, 'layers[0].filter' as never).filter(
    { zoom: 14 } as never,
    { type: 1, properties, geometry: [] } as never,
  );

describe('issue filter: one definition, predicate and expressions agree', () => {
  it('on 200 random queries over 300 random issues (GeoJSON properties and tile properties)', () => {
    const rng = createRandom(17);
    const issues = randomIssues(rng, 300);
    for (let q = 0; q < 200; q++) {
      const query = randomQuery(rng);
      const byPredicate = new Set(
        filterIssues(issues, { ...query, now: NOW }).map((f) => f.properties.service_request_id),
      );
      const clauses = clausesOf(query);
      const geojson = toExpression(clauses, GEOJSON_FIELDS);
      const tiles = toExpression(clauses, tileFields(NOW));
      for (const issue of issues) {
        const p = issue.properties;
        // The GeoJSON source's properties, as the layer writes them.
        const own = {
          stage: p.stage,
          cat: p.service_name,
          code: p.service_code ?? '',
          t: Date.parse(p.requested_datetime),
          overdue: isOverdue(p, NOW),
        };
        const expected = byPredicate.has(p.service_request_id);
        assert.equal(
          evaluate(geojson, own),
          expected,
          `GeoJSON, query ${JSON.stringify(query)}, ${JSON.stringify(p)}`,
        );
        // Vector tiles carry the Open311 properties as served.
        assert.equal(
          evaluate(tiles, { ...p }),
          expected,
          `tiles, query ${JSON.stringify(query)}, ${JSON.stringify(p)}`,
        );
      }
    }
  });

  it('an empty query passes everything; overdue never passes a closed issue', () => {
    const issues = randomIssues(createRandom(3), 50);
    assert.equal(filterIssues(issues, { now: NOW }).length, 50);
    const overdue = filterIssues(issues, { overdueOnly: true, now: NOW });
    assert.ok(overdue.length > 0);
    assert.ok(overdue.every((f) => f.properties.stage !== 'closed'));
  });
});
