import type { Plan } from '../core/types.ts';
import type { PlanDiff } from '../core/editor/state.ts';

/**
 * Fired by `<wg-grid-editor>`'s `commit()` before the plan becomes the committed one: `diff` is
 * what changed since the last commit. Cancelable: `preventDefault()` keeps the old committed plan.
 */
export class WgPlanCommitEvent extends CustomEvent<{ plan: Plan; diff: PlanDiff }> {
  constructor(plan: Plan, diff: PlanDiff) {
    super('wg-plan-commit', { bubbles: true, composed: true, cancelable: true, detail: { plan, diff } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-plan-commit': WgPlanCommitEvent;
  }
}
