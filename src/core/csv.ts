/** CSV text into rows (RFC 4180), one implementation for every reader (the writer's cell: `csv-cell.ts`). */

const DELIMITERS = [',', '\t', ';', '|'] as const;

/**
 * RFC 4180 CSV (quoted fields with `""`, line breaks inside quotes, CRLF or LF) in any of `,`, tab,
 * `;` or `|`: the delimiter that splits the first lines into the same number of fields (more than
 * one) wins. Every line is a row (a blank one is `['']`). Our own: thirty lines, and no CommonJS
 * package in the browser. Used by the file readers and the editor's assignment import.
 */
export function parseCsv(text: string, delimiter?: string): string[][] {
  const sep = delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length);
    const first = counts[0] ?? 1;
    if (first < 2) continue;
    const consistent = counts.filter((n) => n === first).length;
    const score = consistent * 100 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
