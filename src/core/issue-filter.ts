/**
 * The issue filters, defined once: stages, categories (name or code), a request window and "overdue
 * only" as a list of clauses, compiled both to a predicate (issues in the page: the layer's own
 * arrays, or features) and to a MapLibre filter expression (the GeoJSON source's properties, or
 * vector tiles' Open311 properties as served). A filter change is one `IssueQuery`; every path reads
 * the same clauses.
 */
import type { IssueFeature } from './types.ts';
import { timeOf } from './time.ts';

/** What the issue layer shows. */
export interface IssueQuery {
  stages: readonly string[];
  categories: readonly string[];
  /** Request window [from, to) in ms. */
  from?: number;
  to?: number;
  overdueOnly: boolean;
}

/** One condition of a query. `period` clauses (categories, window) also decide the on-time figures. */
export type IssueClause =
  | { kind: 'stage'; values: readonly string[] }
  | { kind: 'category'; values: readonly string[] }
  | { kind: 'from'; ms: number }
  | { kind: 'to'; ms: number }
  | { kind: 'overdue' };

/** The clauses of a query (an empty list passes everything). */
export function clausesOf(q: IssueQuery): IssueClause[] {
  const out: IssueClause[] = [];
  if (q.stages.length) out.push({ kind: 'stage', values: q.stages });
  if (q.categories.length) out.push({ kind: 'category', values: q.categories });
  if (q.from !== undefined) out.push({ kind: 'from', ms: q.from });
  if (q.to !== undefined) out.push({ kind: 'to', ms: q.to });
  if (q.overdueOnly) out.push({ kind: 'overdue' });
  return out;
}

/** Whether a clause is about the period and the categories (not about what is shown of them). */
export const isPeriodClause = (c: IssueClause): boolean =>
  c.kind === 'category' || c.kind === 'from' || c.kind === 'to';

// ── As a predicate ─────────────────────────────────────────────────────────────

/** How a predicate reads issue `i`: its stage, category name and code, request time (ms), overdue. */
export interface IssueReaders {
  stage(i: number): string;
  name(i: number): string;
  code(i: number): string | undefined;
  time(i: number): number;
  overdue(i: number): boolean;
}

/** The clauses as one predicate over issue indices. */
export function toPredicate(clauses: readonly IssueClause[], r: IssueReaders): (i: number) => boolean {
  const tests = clauses.map((c): ((i: number) => boolean) => {
    switch (c.kind) {
      case 'stage': {
        const set = new Set(c.values);
        return (i) => set.has(r.stage(i));
      }
      case 'category': {
        const set = new Set(c.values);
        return (i) => set.has(r.name(i)) || set.has(r.code(i) ?? '');
      }
      case 'from':
        return (i) => r.time(i) >= c.ms;
      case 'to':
        return (i) => r.time(i) < c.ms;
      case 'overdue':
        return (i) => r.overdue(i);
    }
  });
  return (i) => {
    for (const test of tests) if (!test(i)) return false;
    return true;
  };
}

// ── As a MapLibre expression ───────────────────────────────────────────────────

/** A MapLibre expression (kept structural here, so `core/` does not depend on MapLibre). */
export type Expression = [string, ...unknown[]];

/** Where each field is found, and how a time is written, in one kind of source. */
export interface IssueFields {
  stage: Expression;
  name: Expression;
  code: Expression;
  requested: Expression;
  time: (ms: number) => number | string;
  overdue: Expression;
}

/** The clauses as one MapLibre filter over `fields`. */
export function toExpression(clauses: readonly IssueClause[], f: IssueFields): Expression {
  return [
    'all',
    ...clauses.map((c): Expression => {
      switch (c.kind) {
        case 'stage':
          return ['in', f.stage, ['literal', c.values]];
        case 'category':
          return ['any', ['in', f.name, ['literal', c.values]], ['in', f.code, ['literal', c.values]]];
        case 'from':
          return ['>=', f.requested, f.time(c.ms)];
        case 'to':
          return ['<', f.requested, f.time(c.ms)];
        case 'overdue':
          return f.overdue;
      }
    }),
  ];
}

// ── Issues as features ─────────────────────────────────────────────────────────

/** Whether an issue is past its `expected_datetime` and not closed, at time `now` (ms). */
export function isOverdue(issue: IssueFeature['properties'], now: number): boolean {
  if (issue.stage === 'closed' || !issue.expected_datetime) return false;
  return timeOf(issue.expected_datetime) < now;
}
