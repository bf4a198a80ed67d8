/** Which side of a drawn polyline a point lies on. */
import type { Position } from 'geojson';

/**
 * +1 left of the line, −1 right, 0 on it: the side of the nearest segment (end segments extend to
 * infinity, so a line that stops short still cuts). Longitudes are scaled by cos(latitude).
 *
 * @example
 * sideOfLine([120.1, 30.2], [[120, 30], [121, 30]]); // 1 (north of a line drawn eastwards)
 */
export function sideOfLine(point: Position, line: readonly Position[]): -1 | 0 | 1 {
  if (line.length < 2) throw new Error('a line needs at least two points');
  const k = Math.cos(((line[0]![1] ?? 0) * Math.PI) / 180);
  const px = point[0]! * k;
  const py = point[1]!;
  let best = Infinity;
  let side: -1 | 0 | 1 = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const ax = line[i]![0]! * k;
    const ay = line[i]![1]!;
    const bx = line[i + 1]![0]! * k;
    const by = line[i + 1]![1]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    let t = ((px - ax) * dx + (py - ay) * dy) / len2;
    if (i > 0) t = Math.max(0, t);
    if (i + 2 < line.length) t = Math.min(1, t);
    const cx = ax + t * dx;
    const cy = ay + t * dy;
    const d = (px - cx) ** 2 + (py - cy) ** 2;
    // Ties (a vertex shared by two segments) go to the first segment; both agree except at sharp turns.
    if (d < best - 1e-30) {
      best = d;
      const cross = dx * (py - ay) - dy * (px - ax);
      side = cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }
  }
  return side;
}

/** True when segment ab and segment cd cross or touch (planar, degrees). */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) =>
    Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  const within = (p: Position, q: Position, r: Position) =>
    Math.min(p[0]!, q[0]!) <= r[0]! &&
    r[0]! <= Math.max(p[0]!, q[0]!) &&
    Math.min(p[1]!, q[1]!) <= r[1]! &&
    r[1]! <= Math.max(p[1]!, q[1]!);
  return (
    (o1 === 0 && within(a, b, c)) ||
    (o2 === 0 && within(a, b, d)) ||
    (o3 === 0 && within(c, d, a)) ||
    (o4 === 0 && within(c, d, b))
  );
}

/**
 * True when the drawn line itself (not its extension) passes between two of the given neighbouring
 * points: the segment joining them crosses one of the line's segments.
 */
export function lineCrossesAny(
  line: readonly Position[],
  pairs: Iterable<readonly [Position, Position]>,
): boolean {
  for (const [p, q] of pairs)
    for (let i = 0; i + 1 < line.length; i++) if (segmentsMeet(line[i]!, line[i + 1]!, p, q)) return true;
  return false;
}
