/**
 * Where `<wg-plan-history>` reads a community's plans from: any backend behind one small interface.
 * Implementations: `PlanStore` of `wangge/db` (on the server, or behind the portal's own HTTP API),
 * and `staticPlanHistory` over one JSON document (offline demos, exported archives).
 */
import { idRecord } from './records.ts';
import type { Plan } from './types.ts';

/** One plan of a community's history. */
export interface PlanSummary {
  id: string;
  /** YYYY-MM-DD, the first day in force. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while the plan is the newest. */
  effectiveTo: string | null;
  basePlan: string | null;
  author: string;
  note: string;
  /** ISO 8601. */
  committedAt: string;
}

/** A backend of plan history. */
export interface PlanHistorySource {
  /** The community's plans, oldest first. */
  history(community: string): Promise<PlanSummary[]>;
  /** One plan with its grids and assignment, or null when unknown. */
  plan(id: string): Promise<Plan | null>;
}

/** The JSON document `staticPlanHistory` reads: every plan of one or more communities. */
export interface PlanHistoryDocument {
  plans: Array<Partial<PlanSummary> & { id: string; community: string; effectiveFrom: string; plan: Plan }>;
}

/**
 * A history from one JSON document (an object, or the URL of a file fetched once). Plans are sorted
 * by date; a plan's `effectiveTo` defaults to the next plan's `effectiveFrom`.
 *
 * @example
 * history.source = staticPlanHistory('/data/plan-history.json');
 */
export function staticPlanHistory(input: PlanHistoryDocument | string): PlanHistorySource {
  let loaded: Promise<PlanHistoryDocument> | undefined;
  const doc = (): Promise<PlanHistoryDocument> =>
    (loaded ??=
      typeof input === 'string'
        ? fetch(input).then(async (r) => {
            if (!r.ok) throw new Error(`${input}: HTTP ${r.status}`);
            return (await r.json()) as PlanHistoryDocument;
          })
        : Promise.resolve(input)).then((d) => {
      if (!d || !Array.isArray(d.plans)) throw new Error('a plan history document needs a "plans" array');
      return d;
    });
  return {
    async history(community) {
      const plans = (await doc()).plans.filter((p) => p.community === community);
      plans.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      return plans.map((p, i) => ({
        id: p.id,
        effectiveFrom: p.effectiveFrom,
        effectiveTo: p.effectiveTo ?? plans[i + 1]?.effectiveFrom ?? null,
        basePlan: p.basePlan ?? plans[i - 1]?.id ?? null,
        author: p.author ?? '',
        note: p.note ?? '',
        committedAt: p.committedAt ?? '',
      }));
    },
    async plan(id) {
      const found = (await doc()).plans.find((p) => p.id === id);
      return found ? { ...found.plan, id, assignment: idRecord(found.plan.assignment) } : null;
    },
  };
}
