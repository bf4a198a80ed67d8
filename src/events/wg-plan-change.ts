import type { Plan } from '../core/types.ts';
import type { PlanDiff } from '../core/editor/state.ts';

/**
 * Fired after every edit of `<wg-grid-editor>` (and undo/redo): the plan now (a copy of its own,
 * made when `detail.plan` is first read — a district's assignment is large) and what this edit
 * changed.
 */
export class WgPlanChangeEvent extends CustomEvent<{ plan: Plan; diff: PlanDiff; kind: string }> {
  /** `plan`: the plan, or what makes it (called once, on first read). */
  constructor(plan: Plan | (() => Plan), diff: PlanDiff, kind: string) {
    let made = typeof plan === 'function' ? undefined : plan;
    const detail = {
      get plan(): Plan {
        made ??= (plan as () => Plan)();
        return made;
      },
      diff,
      kind,
    };
    super('wg-plan-change', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-plan-change': WgPlanChangeEvent;
  }
}
