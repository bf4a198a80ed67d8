import type { IssueProperties } from '../core/types.ts';

/** Fired when the user selects a resident's issue. */
export class WgIssueSelectEvent extends CustomEvent<{ id: string; properties: IssueProperties }> {
  constructor(id: string, properties: IssueProperties) {
    super('wg-issue-select', { bubbles: true, composed: true, detail: { id, properties } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wg-issue-select': WgIssueSelectEvent;
  }
}
