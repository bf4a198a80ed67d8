/**
 * Grid codes: untouched grids keep their code; new grids get the next free sequence of their
 * community, numbered in reading order (rows north to south, west to east within a row — "从左到右、
 * 从上到下", as the standards say). Three schemes (`CodeStandard`):
 *
 * - `sequence` (default): the community code as given + a 3-digit sequence (`330102001` → `330102001001`).
 * - `statistical`: the 12-digit statistical division code of the community (统计用区划代码: GB/T 2260
 *   county, 3-digit street, 3-digit community) + a 3-digit sequence: 15 digits, as many cities number.
 * - `cjt349`: CJ/T 349-2010 (数字社区管理与服务 网格划分与编码规则), 20 digits: the 6-digit managed or
 *   served object code of CJ/T 348-2010, the 6-digit county code (GB/T 2260), the 3-digit street code
 *   (GB/T 10114), the 3-digit community code (CJ/T 213; 601 upward for a grid formed by merging
 *   communities) and a 2-digit grid sequence (00 when the community is not subdivided).
 */

export type CodeStandard =
  | { kind: 'sequence'; width?: number }
  | { kind: 'statistical'; width?: number }
  | { kind: 'cjt349'; object: string };

export const DEFAULT_STANDARD: CodeStandard = { kind: 'sequence' };

/**
 * A standard from its written form: `sequence`, `statistical`, `cjt349:OBJECT` (OBJECT the 6-digit
 * CJ/T 348 code, e.g. `cjt349:010100`). Throws with the accepted forms on anything else.
 */
export function parseCodeStandard(text: string): CodeStandard {
  const t = text.trim().toLowerCase();
  if (t === 'sequence' || t === '') return { kind: 'sequence' };
  if (t === 'statistical') return { kind: 'statistical' };
  const m = /^cj\/?t?-?349(?:-2010)?:(\d{6})$/.exec(t.replace(/\s+/g, ''));
  if (m) return { kind: 'cjt349', object: m[1]! };
  throw new Error(
    `unknown code standard "${text}": use sequence, statistical or cjt349:OBJECT (OBJECT = 6-digit CJ/T 348 code)`,
  );
}

/** The prefix every grid code of `community` starts with, and the sequence width, under `standard`. */
function scheme(community: string, standard: CodeStandard): { prefix: string; width: number } {
  if (standard.kind === 'sequence') return { prefix: community, width: standard.width ?? 3 };
  if (!/^\d{12}$/.test(community))
    throw new Error(
      `community "${community}" is not a 12-digit division code (county 6 + street 3 + community 3), which ${standard.kind === 'cjt349' ? 'CJ/T 349-2010' : 'the statistical scheme'} needs`,
    );
  if (standard.kind === 'statistical') return { prefix: community, width: standard.width ?? 3 };
  return { prefix: `${standard.object}${community}`, width: 2 };
}

/**
 * Why `code` is not a valid code of a grid of `community` under `standard`, or null when it is.
 *
 * @example
 * checkGridCode('01010033010200100101', '330102001001', { kind: 'cjt349', object: '010100' }); // null
 */
export function checkGridCode(
  code: string,
  community: string | undefined,
  standard: CodeStandard,
): string | null {
  if (typeof code !== 'string' || code === '') return 'no code';
  if (standard.kind === 'sequence') {
    if (community && !code.startsWith(community))
      return `does not start with the community code ${community}`;
    const width = standard.width ?? 3;
    const rest = community ? code.slice(community.length) : code.slice(-width);
    return new RegExp(`^\\d{${width}}$`).test(rest) ? null : `does not end in a ${width}-digit sequence`;
  }
  const length = standard.kind === 'cjt349' ? 20 : 12 + (standard.width ?? 3);
  if (!/^\d+$/.test(code) || code.length !== length) return `is not ${length} digits`;
  if (standard.kind === 'cjt349' && !code.startsWith(standard.object))
    return `does not start with the object code ${standard.object}`;
  const place = standard.kind === 'cjt349' ? code.slice(6, 18) : code.slice(0, 12);
  if (community && place !== community) {
    // CJ/T 349-2010 5.6: a grid formed by merging communities carries 601 upward instead.
    const merged =
      standard.kind === 'cjt349' &&
      place.slice(0, 9) === community.slice(0, 9) &&
      Number(place.slice(9)) >= 601;
    if (!merged) return `names division ${place}, not the community ${community}`;
  }
  return null;
}

export interface CodeRequest {
  community: string;
  /** A representative point of the grid (e.g. the centroid), [lng, lat]. */
  x: number;
  y: number;
  /** The code to keep when the grid is untouched. */
  keep?: string;
}

/**
 * Returns one code per grid. Sequence numbers already taken by kept codes are skipped. Throws when
 * a community's code does not fit the standard, or when it runs out of sequence numbers.
 *
 * @example
 * assignGridCodes([{ community: '330102001', x: 120.1, y: 30.2 }]); // ['330102001001']
 */
export function assignGridCodes(grids: CodeRequest[], standard: CodeStandard = DEFAULT_STANDARD): string[] {
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
    const { prefix, width } = scheme(community, standard);
    const max = 10 ** width - 1;
    for (const j of readingOrder(list.map((i) => grids[i]!))) {
      const i = list[j]!;
      let n = 1;
      let code = `${prefix}${String(n).padStart(width, '0')}`;
      while (used.has(code)) code = `${prefix}${String(++n).padStart(width, '0')}`;
      if (n > max)
        throw new Error(
          `community ${community} has more than ${max} grids: its ${width}-digit sequence is used up`,
        );
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
