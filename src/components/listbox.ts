/** The keyboard of every list and table of rows in Wangge: one roving focus, one set of keys. */

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
