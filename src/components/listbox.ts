/**
 * The lists of Wangge's side panels: one roving focus and one set of keys for every list and table
 * of rows, and long lists drawn a page at a time (a district's 3,000 grids are not 30,000 elements
 * of DOM built on every change).
 */
import { html, nothing, type TemplateResult } from 'lit';

/** Rows a long list draws at first, and adds each time "list more" is chosen. */
export const LIST_PAGE = 200;

/**
 * How many of `total` rows to draw: `limit`, or more so that the row at `keep` (the selected one)
 * is drawn — a grid chosen on the map is always in its list.
 */
export function rowsToDraw(total: number, limit: number, keep = -1): number {
  return Math.min(total, Math.max(limit, keep + 1));
}

/**
 * After a list cut at `shown` of `total` rows: a button that lists a page more (nothing when all are
 * shown). `more` raises the host's limit and resolves once it has rendered; the focus then goes to
 * the first new row (the button may be gone), so the keyboard carries on where the list grew.
 */
export function listMore(
  label: string,
  shown: number,
  total: number,
  more: () => Promise<unknown>,
): TemplateResult | typeof nothing {
  const onClick = async (event: Event) => {
    const list = (event.currentTarget as HTMLElement).previousElementSibling;
    await more();
    const row = list?.children[shown] as HTMLElement | undefined;
    if (!row) return;
    // A listbox has one row in the tab order (roving tabindex): make it the new one. A row that is
    // not focusable itself (a problem) gives its button the focus.
    if (row.getAttribute('role') === 'option')
      list!
        .querySelectorAll<HTMLElement>('[role="option"]')
        .forEach((r) => (r.tabIndex = r === row ? 0 : -1));
    (row.hasAttribute('tabindex') ? row : row.querySelector<HTMLElement>('button'))?.focus();
  };
  return shown < total
    ? html`<button type="button" class="list-more" part="list-more" @click=${onClick}>${label}</button>`
    : nothing;
}

/**
 * Moves the focus among `items` for ArrowDown / ArrowUp / Home / End (roving `tabindex`: the focused
 * item is the one in the tab order) and returns undefined; for any other key returns the item the
 * key was pressed on (for the caller's Enter or Space), or undefined when it was not on an item.
 */
export function moveFocus(event: KeyboardEvent, items: readonly HTMLElement[]): HTMLElement | undefined {
  const index = items.indexOf((event.target as HTMLElement).closest('[data-id]') as HTMLElement);
  if (index < 0) return undefined;
  let next = index;
  if (event.key === 'ArrowDown') next = Math.min(items.length - 1, index + 1);
  else if (event.key === 'ArrowUp') next = Math.max(0, index - 1);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else return items[index];
  event.preventDefault();
  items.forEach((item, i) => (item.tabIndex = i === next ? 0 : -1));
  items[next]!.focus();
  return undefined;
}
