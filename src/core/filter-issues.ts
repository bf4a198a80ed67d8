/**
 * The issue filter (`issue-filter.ts`, one definition) over features, for code that holds issues
 * itself. Its own module so map-only pages do not load it with the issue layer.
 */
import { clausesOf, isOverdue, toPredicate } from './issue-filter.ts';
import type { IssueFeature } from './types.ts';
import { timeOf } from './time.ts';

/** The filters shared by points, clusters and heatmap, for `filterIssues`. */
export interface IssueFilter {
  stages?: readonly string[];
  categories?: readonly string[];
  from?: number;
  to?: number;
  /** Only issues past their deadline and not closed, at `now` (ms). */
  overdueOnly?: boolean;
  now?: number;
}

/** The issues that pass a filter (stages, categories, and a `requested_datetime` window [from, to)). */
export function filterIssues(issues: readonly IssueFeature[], filter: IssueFilter): IssueFeature[] {
  const now = filter.now ?? Date.now();
  const p = (i: number) => issues[i]!.properties;
  const passes = toPredicate(
    clausesOf({
      stages: filter.stages ?? [],
      categories: filter.categories ?? [],
      from: filter.from ?? -Infinity,
      to: filter.to ?? Infinity,
      overdueOnly: !!filter.overdueOnly,
    }),
    {
      stage: (i) => p(i).stage,
      name: (i) => p(i).service_name,
      code: (i) => p(i).service_code,
      time: (i) => timeOf(p(i).requested_datetime),
      overdue: (i) => isOverdue(p(i), now),
    },
  );
  return issues.filter((_, i) => passes(i));
}
