/**
 * What the issue layer shows as text: the list of the newest issues that pass the filters (the keys
 * of every Wangge list: arrows, Home, End; Enter or Space opens one) and the popup's rows. Resident
 * text stays text: Lit bindings here, DOM text nodes in the popup.
 */
import { html } from 'lit';
import { cssom } from '../cssom.ts';
import { moveFocus } from '../listbox.ts';
import { STAGE_COLORS } from './issue-styles.ts';
import type { IssueFeature } from '../../core/types.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { PopupRow } from '../../map/popup.ts';

type Issue = IssueFeature['properties'];
/** Where an issue stands against its deadline now. */
export type Standing = { overdue: boolean; soon: boolean; left?: number };

/** The list: at most the issues given (newest first), and how many more pass the filters. */
export function issueList(
  t: Messages,
  view: {
    visible: readonly IssueFeature[];
    shown: number;
    open: boolean;
    /** The user opened or closed the list (its rows are drawn only while it is open). */
    toggle: (open: boolean) => void;
    standing: (p: Issue) => Standing;
    choose: (issue: IssueFeature) => void;
  },
) {
  const byId = new Map(view.visible.map((f) => [f.properties.service_request_id, f]));
  const onKey = (event: KeyboardEvent) => {
    const list = (event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('li[data-id]');
    const item = moveFocus(event, [...list]);
    const issue = item ? byId.get(item.dataset.id!) : undefined;
    if (issue && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      view.choose(issue);
    }
  };
  const onToggle = (event: Event) => {
    const open = (event.currentTarget as HTMLDetailsElement).open;
    if (open !== view.open) view.toggle(open);
  };
  return html`<details part="list" ?open=${view.open} @toggle=${onToggle}>
    <summary>${t.issueList(view.shown)}</summary>
    <ul aria-label=${t.issueList(view.shown)} @keydown=${onKey}>
      ${view.visible.map((issue) => {
        const p = issue.properties;
        const { overdue, soon } = view.standing(p);
        return html`<li tabindex="0" data-id=${p.service_request_id} @click=${() => view.choose(issue)}>
          <span class="swatch" ${cssom({ background: STAGE_COLORS[p.stage] })}></span>
          <span class="name">${p.service_name}${p.address ? ` · ${p.address}` : ''}</span>
          <span class="meta ${overdue ? 'overdue' : soon ? 'soon' : ''}"
            >${overdue ? t.overdue : soon ? t.dueSoon : (t.stages[p.stage] ?? p.stage)}</span
          >
        </li>`;
      })}
      ${
        view.open && view.shown > view.visible.length
          ? html`<li aria-disabled="true">${t.more(view.shown - view.visible.length)}</li>`
          : null
      }
    </ul>
  </details>`;
}

/** The popup's rows: stage and standing, description, address, requested, deadline or time left. */
export function popupRows(t: Messages, p: Issue, { overdue, soon, left }: Standing): PopupRow[] {
  const mark = overdue ? 'overdue' : soon ? 'soon' : undefined;
  return [
    [
      '',
      `${t.stages[p.stage] ?? p.stage}${overdue ? ` · ${t.overdue}` : soon ? ` · ${t.dueSoon}` : ''}`,
      mark,
    ],
    ['', p.description ?? ''],
    [t.address, p.address ?? ''],
    [t.requested, p.requested_datetime.slice(0, 10)],
    left === undefined
      ? [t.deadline, p.expected_datetime?.slice(0, 10) ?? '', mark]
      : [t.deadline, t.timeLeft(Math.round(left / 360_000) / 10), mark],
  ];
}
