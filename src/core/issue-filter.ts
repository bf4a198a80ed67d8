/** Issues in the page: overdue by `expected_datetime`, and the filters as a predicate. */
import type { IssueFeature } from './types.ts';

/** The filters shared by points, clusters and heatmap. */
export interface IssueFilter {
  stages?: readonly string[];
  categories?: readonly string[];
  from?: number;
  to?: number;
  /** Only issues past their deadline and not closed, at `now` (ms). */
  overdueOnly?: boolean;
  now?: number;
}

/** Whether an issue is past its `expected_datetime` and not closed, at time `now` (ms). */
export function isOverdue(issue: IssueFeature['properties'], now: number): boolean {
  if (issue.stage === 'closed' || !issue.expected_datetime) return false;
  return Date.parse(issue.expected_datetime) < now;
}

/** The issues that pass a filter (stages, categories, and a `requested_datetime` window [from, to)). */
export function filterIssues(issues: readonly IssueFeature[], filter: IssueFilter): IssueFeature[] {
  const stages = filter.stages?.length ? new Set(filter.stages) : null;
  const categories = filter.categories?.length ? new Set(filter.categories) : null;
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const now = filter.now ?? Date.now();
  return issues.filter((issue) => {
    const p = issue.properties;
    if (stages && !stages.has(p.stage)) return false;
    if (filter.overdueOnly && !isOverdue(p, now)) return false;
    if (categories && !categories.has(p.service_name) && !categories.has(p.service_code ?? '')) return false;
    const t = Date.parse(p.requested_datetime);
    return t >= from && t < to;
  });
}
