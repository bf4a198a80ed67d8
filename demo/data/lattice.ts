/**
 * The street lattice the demo communities are built on: north–south and east–west street
 * centrelines, optionally a river bank along the southern edge. Street blocks are lattice cells;
 * a grid or a community is a set of cells whose outline is derived by cancelling the edges its
 * cells share, so neighbouring polygons reuse the very same vertices and tile without gap or overlap.
 */
import type { Position } from 'geojson';
import type { Random } from './prng.ts';

export const METRES_PER_DEGREE_LAT = 110_900;
/** At about 30.3°N; a constant (rather than a cosine) keeps the output identical in every engine. */
export const METRES_PER_DEGREE_LNG = 96_150;

export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export interface Lattice {
  /** Longitudes of the north–south lines, west → east. */
  xs: number[];
  /** Latitudes of the east–west lines, north → south. */
  ys: number[];
  /** Index in `ys` of the line that follows the river bank, or -1 when there is no river. */
  bankRow: number;
  /** Bank vertex on each north–south line (only when `bankRow >= 0`). */
  bank: Position[];
  /** Extra bank vertices between north–south lines `i` and `i + 1`, west → east. */
  bankBetween: Position[][];
}

export interface LatticeOptions {
  originLng: number;
  originLat: number;
  /** Block widths in metres, west → east. */
  widths: number[];
  /** Block heights in metres, north → south. */
  heights: number[];
  river: boolean;
}

export function makeLattice(random: Random, options: LatticeOptions): Lattice {
  const xs = [round7(options.originLng)];
  let x = 0;
  for (const w of options.widths) {
    x += w;
    xs.push(round7(options.originLng + x / METRES_PER_DEGREE_LNG));
  }
  const ys = [round7(options.originLat)];
  let y = 0;
  for (const h of options.heights) {
    y += h;
    ys.push(round7(options.originLat - y / METRES_PER_DEGREE_LAT));
  }
  const bankRow = options.river ? ys.length - 1 : -1;
  const bank: Position[] = [];
  const bankBetween: Position[][] = [];
  if (options.river) {
    const bankLat = ys[bankRow] as number;
    // The bank only bulges south (outwards), so every block keeps its full nominal rectangle.
    let bulge = random.range(5, 35);
    const step = (): number => {
      bulge = Math.min(55, Math.max(0, bulge + random.range(-14, 14)));
      return round7(bankLat - bulge / METRES_PER_DEGREE_LAT);
    };
    for (let i = 0; i < xs.length; i++) {
      bank.push([xs[i] as number, step()]);
      if (i < xs.length - 1) {
        const west = xs[i] as number;
        const east = xs[i + 1] as number;
        bankBetween.push([
          [round7(west + (east - west) / 3), step()],
          [round7(west + ((east - west) * 2) / 3), step()],
        ]);
      }
    }
  }
  return { xs, ys, bankRow, bank, bankBetween };
}

export function vertex(lattice: Lattice, i: number, j: number): Position {
  if (j === lattice.bankRow) return lattice.bank[i] as Position;
  return [lattice.xs[i] as number, lattice.ys[j] as number];
}

/** Vertex keys of cell (i, j) counter-clockwise from its north-west corner (RFC 7946 exterior ring order). */
function cellKeys(lattice: Lattice, i: number, j: number): string[] {
  const keys = [`${i},${j}`, `${i},${j + 1}`];
  if (j + 1 === lattice.bankRow) {
    const between = lattice.bankBetween[i] as Position[];
    for (let k = 0; k < between.length; k++) keys.push(`r${i},${k}`);
  }
  keys.push(`${i + 1},${j + 1}`, `${i + 1},${j}`);
  return keys;
}

function keyPosition(lattice: Lattice, key: string): Position {
  if (key.startsWith('r')) {
    const [i, k] = key.slice(1).split(',').map(Number) as [number, number];
    return (lattice.bankBetween[i] as Position[])[k] as Position;
  }
  const [i, j] = key.split(',').map(Number) as [number, number];
  return vertex(lattice, i, j);
}

/**
 * The closed exterior ring of a set of cells (global lattice indices `[i, j]`). Throws when the
 * cells do not form one simple polygon (disconnected, a hole, or two cells touching at a corner only).
 */
export function outline(lattice: Lattice, cells: ReadonlyArray<readonly [number, number]>): Position[] {
  const edges = new Set<string>();
  for (const [i, j] of cells) {
    const keys = cellKeys(lattice, i, j);
    for (let k = 0; k < keys.length; k++) {
      const from = keys[k] as string;
      const to = keys[(k + 1) % keys.length] as string;
      const reverse = `${to}>${from}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.add(`${from}>${to}`);
    }
  }
  const next = new Map<string, string>();
  for (const edge of edges) {
    const [from, to] = edge.split('>') as [string, string];
    if (next.has(from)) throw new Error(`cells touch only at a corner at ${from}`);
    next.set(from, to);
  }
  const start = (edges.values().next().value as string).split('>')[0] as string;
  const ring: Position[] = [];
  let key = start;
  do {
    ring.push(keyPosition(lattice, key));
    key = next.get(key) as string;
  } while (key !== start && ring.length <= next.size);
  if (ring.length !== next.size) throw new Error('cells do not form one simple polygon');
  ring.push(ring[0] as Position);
  return ring;
}

/** The river as a polygon south of the bank, from line `fromI` to line `toI`. */
export function riverRing(lattice: Lattice, fromI: number, toI: number, widthMetres: number): Position[] {
  const bankLine: Position[] = [];
  for (let i = fromI; i <= toI; i++) {
    bankLine.push(lattice.bank[i] as Position);
    if (i < toI) bankLine.push(...(lattice.bankBetween[i] as Position[]));
  }
  const farBank = bankLine.map(([lng, lat]) => [
    lng as number,
    round7((lat as number) - widthMetres / METRES_PER_DEGREE_LAT),
  ]);
  const ring = [...farBank, ...bankLine.slice().reverse()];
  ring.push(ring[0] as Position);
  return ring;
}

/** The bank as a line from line `fromI` to line `toI`, west → east. */
export function bankLine(lattice: Lattice, fromI: number, toI: number): Position[] {
  const line: Position[] = [];
  for (let i = fromI; i <= toI; i++) {
    line.push(lattice.bank[i] as Position);
    if (i < toI) line.push(...(lattice.bankBetween[i] as Position[]));
  }
  return line;
}
