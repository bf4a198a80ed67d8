/**
 * Grid codes: untouched grids keep their code; new grids get the community code plus a three-digit
 * sequence, numbered in reading order (rows north to south, west to east within a row).
 */

export interface CodeRequest {
  community: string;
  /** A representative point of the grid (e.g. the centroid), [lng, lat]. */
  x: number;
  y: number;
  /** The code to keep when the grid is untouched. */
  keep?: string;
}

/**
 * Returns one code per grid. Sequence numbers already taken by kept codes are skipped.
 *
 * @example
 * assignGridCodes([{ community: '330102001', x: 120.1, y: 30.2 }]); // ['330102001001']
 */
export function assignGridCodes(grids: CodeRequest[]): string[] {
  const codes = grids.map((g) => g.keep ?? '');
  const byCommunity = new Map<string, number[]>();
  grids.forEach((g, i) => {
    if (g.keep) return;
    const list = byCommunity.get(g.community);
    if (list) list.push(i);
    else byCommunity.set(g.community, [i]);
  });
  const used = new Set(codes.filter(Boolean));
  for (const [community, list] of byCommunity) {
    for (const j of readingOrder(list.map((i) => grids[i]!))) {
      const i = list[j]!;
      let n = 1;
      let code = `${community}${String(n).padStart(3, '0')}`;
      while (used.has(code)) code = `${community}${String(++n).padStart(3, '0')}`;
      used.add(code);
      codes[i] = code;
    }
  }
  return codes;
}

/** Indices of points in reading order: rows (of about one grid's height) north to south, then west to east. */
export function readingOrder(points: Array<{ x: number; y: number }>): number[] {
  const n = points.length;
  if (n === 0) return [];
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  const rows = Math.max(1, Math.round(Math.sqrt((n * (y1 - y0 || 1)) / (x1 - x0 || 1))));
  const h = (y1 - y0) / rows || 1;
  const row = (p: { y: number }): number => Math.min(rows - 1, Math.floor((y1 - p.y) / h));
  return points
    .map((_, i) => i)
    .sort((a, b) => row(points[a]!) - row(points[b]!) || points[a]!.x - points[b]!.x || a - b);
}
