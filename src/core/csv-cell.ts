/** The one CSV cell writer of every CSV export (apart from the parser, so tables that only export do not load it). */

/**
 * A CSV cell: quoted when it holds a delimiter, quote or line break; text that a spreadsheet would
 * take for a formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a leading `'`.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
