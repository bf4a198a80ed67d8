import type { Plan } from '../core/types.ts';
import type { PlanDiff } from '../core/editor/state.ts';

/**
 * Fired after every edit of `<wg-grid-editor>` (and undo/redo): the plan now (a copy made for this
 * edit and shared with the editor's draft: read it, do not change it), and what this edit changed.
 */
export class WgPlanChangeEvent extends CustomEvent<{ plan: Plan; diff: PlanDiff; kind: string }> {
  constructor(plan: Plan, diff: PlanDiff, kind: string) {
    super('wg-plan-change', { bubbles: true, composed: true, detail: { plan, diff, kind } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-plan-change': WgPlanChangeEvent;
  }
}
