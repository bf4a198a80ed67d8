/**
 * Handling deadlines (办理时限): a time limit per category (飞线充电 24 h, a leaking sewer 48 h) or an
 * issue's own `expected_datetime`; the time left on the clock or in working time (a calendar of
 * working hours, weekdays, public holidays and make-up working days, as district rules count); the
 * escalation level — `soon` past 80 % of the limit, `overdue` past it — and the on-time rate of
 * handled issues per grid or worker.
 */
import type { IssueFeature } from './types.ts';
import { timeOf } from './time.ts';

type Issue = IssueFeature['properties'];

/** Which hours count. Without one, the clock runs day and night. */
export interface WorkCalendar {
  /** Working hours of a working day, local time, e.g. `[8.5, 17.5]`; default the whole day. */
  hours?: [number, number];
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday); default Monday to Friday. */
  days?: number[];
  /** Public holidays (`YYYY-MM-DD`): not working days. */
  holidays?: string[];
  /** Make-up working days (调休, `YYYY-MM-DD`): working days even on a weekend. */
  workdays?: string[];
  /** Local time as hours east of UTC; default 8 (China). */
  utcOffset?: number;
}

export interface DeadlineRules {
  /** Hours allowed per category (`service_name` or `service_code`). */
  limits?: Record<string, number>;
  calendar?: WorkCalendar;
}

export type Escalation = 'ok' | 'soon' | 'overdue';

/** Past this share of its limit, an open issue is `soon`. */
export const SOON = 0.8;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The limit (hours) for an issue's category, or undefined. */
export function limitOf(issue: Issue, rules: DeadlineRules): number | undefined {
  const limits = rules.limits;
  if (!limits) return undefined;
  const own = (key: string | undefined) =>
    key !== undefined && Object.prototype.hasOwnProperty.call(limits, key) ? limits[key] : undefined;
  return own(issue.service_name) ?? own(issue.service_code);
}

/**
 * When an issue is due (ms): `requested_datetime` plus its category's limit (in working time with a
 * calendar), else its own `expected_datetime`; undefined when it has neither.
 */
export function deadlineOf(issue: Issue, rules: DeadlineRules = {}): number | undefined {
  const requested = timeOf(issue.requested_datetime);
  const limit = limitOf(issue, rules);
  if (limit !== undefined && Number.isFinite(requested))
    return addWorking(requested, limit * HOUR, rules.calendar);
  const expected = issue.expected_datetime ? timeOf(issue.expected_datetime) : NaN;
  return Number.isFinite(expected) ? expected : undefined;
}

export interface DeadlineState {
  level: Escalation;
  deadline: number;
  /** Time left (ms; negative when overdue), in working time with a calendar. */
  left: number;
  /** The whole allowance (ms), from request to deadline, in the same time. */
  allowed: number;
}

/** Where an open issue stands against its deadline at `now`; undefined when closed or without one. */
export function deadlineState(issue: Issue, rules: DeadlineRules, now: number): DeadlineState | undefined {
  if (issue.stage === 'closed') return undefined;
  const deadline = deadlineOf(issue, rules);
  if (deadline === undefined) return undefined;
  const requested = timeOf(issue.requested_datetime);
  const cal = rules.calendar;
  const allowed = Number.isFinite(requested) ? working(requested, deadline, cal) : 0;
  const left = now <= deadline ? working(now, deadline, cal) : -working(deadline, now, cal);
  const level: Escalation =
    now > deadline ? 'overdue' : allowed > 0 && allowed - left >= SOON * allowed ? 'soon' : 'ok';
  return { level, deadline, left, allowed };
}

/**
 * For a handled (closed) issue: closed by its deadline? (`updated_datetime` is when it was closed.)
 * Undefined when open, without a deadline or without a closing time.
 */
export function handledOnTime(issue: Issue, rules: DeadlineRules = {}): boolean | undefined {
  if (issue.stage !== 'closed') return undefined;
  const deadline = deadlineOf(issue, rules);
  const closed = issue.updated_datetime ? timeOf(issue.updated_datetime) : NaN;
  if (deadline === undefined || !Number.isFinite(closed)) return undefined;
  return closed <= deadline;
}

export interface OnTimeRate {
  /** Handled issues with a deadline and a closing time. */
  handled: number;
  onTime: number;
  /** onTime / handled, or null with nothing handled. */
  rate: number | null;
}

/** On-time rate of handled issues per key (a grid id, a worker), keys from `keyOf`. */
export function onTimeRates<T>(
  issues: readonly IssueFeature[],
  rules: DeadlineRules,
  keyOf: (issue: IssueFeature, index: number) => T | undefined,
): Map<T, OnTimeRate> {
  const out = new Map<T, OnTimeRate>();
  issues.forEach((issue, i) => {
    const ok = handledOnTime(issue.properties, rules);
    if (ok === undefined) return;
    const key = keyOf(issue, i);
    if (key === undefined) return;
    const r = out.get(key) ?? { handled: 0, onTime: 0, rate: null };
    r.handled++;
    if (ok) r.onTime++;
    r.rate = r.onTime / r.handled;
    out.set(key, r);
  });
  return out;
}

/**
 * Problems with a limits table, for a `wg-error`: limits that are not a number of hours > 0, and
 * categories no issue has (a typo would otherwise silently give no deadline).
 */
export function checkLimits(limits: Record<string, unknown>, issues: readonly IssueFeature[]): string[] {
  const known = new Set<string>();
  for (const f of issues) {
    known.add(f.properties.service_name);
    if (f.properties.service_code) known.add(f.properties.service_code);
  }
  const problems: string[] = [];
  for (const [category, hours] of Object.entries(limits)) {
    if (!(typeof hours === 'number' && Number.isFinite(hours) && hours > 0))
      problems.push(`${category}: ${String(hours)} is not a number of hours > 0`);
    else if (issues.length && !known.has(category)) problems.push(`${category}: no issue has this category`);
  }
  return problems;
}

/** Parses `飞线充电:24,污水管道堵塞:48` (or a JSON object) into a limits table. */
export function parseLimits(text: string): Record<string, number> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed) as Record<string, number>;
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const part of trimmed.split(/[,，;；\n]/)) {
    const at = part.lastIndexOf(':') >= 0 ? part.lastIndexOf(':') : part.lastIndexOf('：');
    if (at < 0) continue;
    out[part.slice(0, at).trim()] = Number(part.slice(at + 1).trim());
  }
  return out;
}

// ── Working time ────────────────────────────────────────────────────────────

/** The working intervals [start, end) of the local day that starts at `dayStart` (ms, UTC). */
function workingSpan(dayStart: number, cal: WorkCalendar): [number, number] | null {
  const offset = (cal.utcOffset ?? 8) * HOUR;
  const local = new Date(dayStart + offset);
  const iso = local.toISOString().slice(0, 10);
  const weekday = local.getUTCDay() || 7;
  const working =
    cal.workdays?.includes(iso) ||
    (!cal.holidays?.includes(iso) && (cal.days ?? [1, 2, 3, 4, 5]).includes(weekday));
  if (!working) return null;
  const [h0, h1] = cal.hours ?? [0, 24];
  return [dayStart + h0 * HOUR, dayStart + h1 * HOUR];
}

/** Start (ms, UTC) of the local day holding `t`. */
function dayStartOf(t: number, cal: WorkCalendar): number {
  const offset = (cal.utcOffset ?? 8) * HOUR;
  return Math.floor((t + offset) / DAY) * DAY - offset;
}

/** Working time between a ≤ b (ms); clock time without a calendar. */
export function working(a: number, b: number, cal?: WorkCalendar): number {
  if (!cal || b <= a) return Math.max(0, b - a);
  let total = 0;
  for (let day = dayStartOf(a, cal), n = 0; day < b && n < 4000; day += DAY, n++) {
    const span = workingSpan(day, cal);
    if (!span) continue;
    const s = Math.max(a, span[0]);
    const e = Math.min(b, span[1]);
    if (e > s) total += e - s;
  }
  return total;
}

/** The time `ms` of working time after `start`; clock time without a calendar. */
export function addWorking(start: number, ms: number, cal?: WorkCalendar): number {
  if (!cal) return start + ms;
  let left = ms;
  for (let day = dayStartOf(start, cal), n = 0; n < 4000; day += DAY, n++) {
    const span = workingSpan(day, cal);
    if (!span) continue;
    const s = Math.max(start, span[0]);
    if (span[1] <= s) continue;
    if (s + left <= span[1]) return s + left;
    left -= span[1] - s;
  }
  return start + ms; // a calendar with no working time at all: the clock
}

// ── For a layer of issues (kept here so the layer loads it only with limits or a calendar) ───

/** A limits table as given to `<wg-issue-layer limits>`: an object, or the attribute text. */
export type LimitsInput = Record<string, number> | string | undefined;

/** The rules of a layer's `limits` (object or attribute text) and `calendar`. */
export function rulesOf(limits: LimitsInput, calendar: WorkCalendar | undefined): DeadlineRules {
  return { limits: typeof limits === 'string' ? parseLimits(limits) : limits, calendar };
}

/** Overdue and soon flags of every issue at `now`, and for handled ones 1 (on time) or 2 (late). */
export function judgeIssues(
  features: readonly IssueFeature[],
  limits: LimitsInput,
  calendar: WorkCalendar | undefined,
  now: number,
): { late: Uint8Array; soon: Uint8Array; handled: Uint8Array } {
  const rules = rulesOf(limits, calendar);
  const late = new Uint8Array(features.length);
  const soon = new Uint8Array(features.length);
  const handled = new Uint8Array(features.length);
  features.forEach((f, i) => {
    const level = deadlineState(f.properties, rules, now)?.level;
    late[i] = level === 'overdue' ? 1 : 0;
    soon[i] = level === 'soon' ? 1 : 0;
    const ok = handledOnTime(f.properties, rules);
    handled[i] = ok === undefined ? 0 : ok ? 1 : 2;
  });
  return { late, soon, handled };
}

/** One issue's standing for a popup or list: overdue, soon, time left (ms). */
export function issueStanding(
  issue: Issue,
  limits: LimitsInput,
  calendar: WorkCalendar | undefined,
  now: number,
): { overdue: boolean; soon: boolean; left?: number } {
  const state = deadlineState(issue, rulesOf(limits, calendar), now);
  return { overdue: state?.level === 'overdue', soon: state?.level === 'soon', left: state?.left };
}

/** `checkLimits` of a limits input, with the categories it names (for the `wg-error`). */
export function limitsProblems(
  limits: LimitsInput,
  issues: readonly IssueFeature[],
): { problems: string[]; categories: string[] } {
  if (limits === undefined) return { problems: [], categories: [] };
  let table: Record<string, unknown>;
  try {
    table = typeof limits === 'string' ? parseLimits(limits) : limits;
  } catch {
    return {
      problems: [`${String(limits)} is neither "category:hours, …" nor a JSON object`],
      categories: [],
    };
  }
  return { problems: checkLimits(table, issues), categories: Object.keys(table) };
}
