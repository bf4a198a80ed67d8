/**
 * The issue layer's filters as MapLibre expressions, written once: the same stages, categories,
 * request window and overdue rule for the GeoJSON source's properties (`stage`, `cat`, `code`, `t`
 * in ms, `overdue`) and for vector tiles' Open311 properties as served (`requested_datetime` as a
 * UTC ISO string, overdue from `expected_datetime`).
 */
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';

export interface IssueQuery {
  stages: readonly string[];
  categories: readonly string[];
  /** Request window [from, to) in ms. */
  from?: number;
  to?: number;
  overdueOnly: boolean;
}

/** Where each field is found, and how a time is written, in one kind of source. */
export interface IssueFields {
  stage: ExpressionSpecification;
  name: ExpressionSpecification;
  code: ExpressionSpecification;
  requested: ExpressionSpecification;
  time: (ms: number) => number | string;
  overdue: ExpressionSpecification;
}

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

/** The one filter: stages, categories (name or code), request window, overdue only. */
export function issueFilter(q: IssueQuery, f: IssueFields): FilterSpecification {
  const all: ExpressionSpecification[] = [];
  if (q.stages.length) all.push(['in', f.stage, ['literal', q.stages]]);
  if (q.categories.length)
    all.push(['any', ['in', f.name, ['literal', q.categories]], ['in', f.code, ['literal', q.categories]]]);
  if (q.from !== undefined) all.push(['>=', f.requested, f.time(q.from)]);
  if (q.to !== undefined) all.push(['<', f.requested, f.time(q.to)]);
  if (q.overdueOnly) all.push(f.overdue);
  return ['all', ...all];
}
