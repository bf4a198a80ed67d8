/**
 * Where the issue filter's fields are in each kind of source: the GeoJSON source's properties
 * (`stage`, `cat`, `code`, `t` in ms, `overdue`) and vector tiles' Open311 properties as served
 * (`requested_datetime` as a UTC ISO string, overdue from `expected_datetime`). The filter itself is
 * defined once in `core/issue-filter.ts`.
 */
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { clausesOf, toExpression, type IssueFields, type IssueQuery } from '../core/issue-filter.ts';

export type { IssueFields, IssueQuery } from '../core/issue-filter.ts';

const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The GeoJSON source's properties (as the layer writes them). */
export const GEOJSON_FIELDS: IssueFields = {
  stage: ['get', 'stage'],
  name: ['get', 'cat'],
  code: ['get', 'code'],
  requested: ['get', 't'],
  time: (ms) => ms,
  overdue: ['==', ['get', 'overdue'], true],
};

/** Overdue on tiles: not closed and `expected_datetime` (UTC ISO) before `now`. */
export function tiledOverdue(now: number): ExpressionSpecification {
  return [
    'all',
    ['!=', ['get', 'stage'], 'closed'],
    ['has', 'expected_datetime'],
    ['<', ['to-string', ['get', 'expected_datetime']], utc(now)],
  ];
}

/** Vector tiles' Open311 properties, overdue judged at `now`. */
export function tileFields(now: number): IssueFields {
  return {
    stage: ['get', 'stage'],
    name: ['get', 'service_name'],
    code: ['to-string', ['get', 'service_code']],
    requested: ['to-string', ['get', 'requested_datetime']],
    time: utc,
    overdue: tiledOverdue(now),
  };
}

/** The issue filter (`core/issue-filter.ts`, one definition) as a MapLibre filter over `fields`. */
export function issueFilter(q: IssueQuery, f: IssueFields): FilterSpecification {
  return toExpression(clausesOf(q), f) as FilterSpecification;
}
