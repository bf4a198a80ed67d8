/**
 * Fast reading of a units FeatureCollection when only the properties are needed (the adjacency is
 * given and no grid polygons are asked for): geometry objects are cut out with native buffer
 * searches instead of being parsed, so a 17 MB census-like file costs one `JSON.parse` of its ~3 MB
 * of properties, and no coordinate arrays are built.
 *
 * Each geometry is reduced to a stand-in of the same type holding only its first position (the
 * site used to number grids in reading order); its type and first position are still checked.
 * Anything unexpected returns null, and the caller falls back to `JSON.parse`, which gives the usual
 * error messages.
 */
import type { Geometry } from 'geojson';
import type { UnitInput } from '../core/plan.ts';

const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;

class Fail extends Error {}

/**
 * Properties of every feature with stand-in geometries, or null when the file needs a full parse.
 * Every `"geometry": {…}` member is found with a native substring search, skimmed, and replaced
 * by its index; the rest (a few MB of properties) goes through one `JSON.parse`, which checks it.
 */
export function skimFeatureCollection(buf: Buffer): { type: string; features: UnitInput[] } | null {
  try {
    return skim(buf);
  } catch (e) {
    if (e instanceof Fail || e instanceof SyntaxError) return null;
    throw e;
  }
}

const NEEDLE = Buffer.from('"geometry"');

function skim(b: Buffer): { type: string; features: UnitInput[] } {
  const n = b.length;
  const pieces: string[] = [];
  const standIns: Geometry[] = [];
  let last = 0;
  let at = b.indexOf(NEEDLE, 0);
  while (at >= 0) {
    let i = at + NEEDLE.length;
    while (i < n && isSpace(b[i]!)) i++;
    if (b[i] === COLON) {
      i++;
      while (i < n && isSpace(b[i]!)) i++;
      if (b[i] === OPEN_BRACE) {
        const end = objectEnd(b, i);
        pieces.push(b.toString('utf8', last, i), String(standIns.length));
        standIns.push(standIn(b, i, end));
        last = end;
        at = b.indexOf(NEEDLE, end);
        continue;
      }
    }
    // A property value "geometry", or a null geometry: leave it to JSON.parse.
    at = b.indexOf(NEEDLE, i);
  }
  pieces.push(b.toString('utf8', last, n));
  const json = JSON.parse(pieces.join('')) as { type?: unknown; features?: unknown };
  if (!json || typeof json !== 'object' || typeof json.type !== 'string' || !Array.isArray(json.features)) {
    throw new Fail();
  }
  const features = json.features as UnitInput[];
  for (const f of features) {
    if (!f || typeof f !== 'object') continue;
    const g = (f as { geometry?: unknown }).geometry;
    if (typeof g === 'number') f.geometry = standIns[g] ?? null;
    else if (g !== null && g !== undefined) throw new Fail();
    const p = f.properties as unknown;
    // A "geometry" member nested in the properties was replaced too: put nothing misleading there.
    if (p && typeof p === 'object' && typeof (p as { geometry?: unknown }).geometry === 'number') throw new Fail();
  }
  return { type: json.type, features };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Index just past the object starting at b[start] = '{'. Braces are matched with native searches;
 * geometry objects hold no strings with braces (coordinates are numbers).
 */
function objectEnd(b: Buffer, start: number): number {
  let depth = 1;
  let pos = start + 1;
  let nextOpen = b.indexOf(OPEN_BRACE, pos);
  for (;;) {
    const close = b.indexOf(CLOSE_BRACE, pos);
    if (close < 0) throw new Fail();
    if (nextOpen >= 0 && nextOpen < close) {
      depth++;
      pos = nextOpen + 1;
      nextOpen = b.indexOf(OPEN_BRACE, pos);
    } else {
      depth--;
      pos = close + 1;
      if (depth === 0) return pos;
    }
  }
}

/**
 * A geometry of the same type as the one in b[start, end) holding only its first position
 * (a Polygon/MultiPolygon stand-in is a degenerate ring of that position, so its site is that
 * position). Coordinates that are not a number pair at the expected depth give empty coordinates,
 * which the unit checks report as invalid.
 */
function standIn(b: Buffer, start: number, end: number): Geometry {
  const type = stringAfter(b, start, end, '"type"');
  if (type === null) throw new Fail();
  if (type === 'GeometryCollection') throw new Fail();
  const at = b.indexOf('"coordinates"', start);
  let coordinates: unknown = [];
  if (at >= 0 && at < end) {
    let i = at + 13;
    while (i < end && b[i] !== COLON) i++;
    i++;
    let depth = 0;
    while (i < end) {
      const c = b[i]!;
      if (c === OPEN_BRACKET) depth++;
      else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    const closeAt = b.indexOf(CLOSE_BRACKET, i);
    const pair = closeAt > 0 && closeAt < end ? b.toString('latin1', i, closeAt).split(',') : [];
    const x = pair.length >= 2 ? Number(pair[0]) : NaN;
    const y = pair.length >= 2 ? Number(pair[1]) : NaN;
    const want = type === 'Point' ? 1 : type === 'Polygon' ? 3 : type === 'MultiPolygon' ? 4 : -1;
    if (depth === want && Number.isFinite(x) && Number.isFinite(y) && pair.every((s) => s.trim() !== '')) {
      const p = [x, y];
      const ring = [p, p, p, p];
      coordinates = type === 'Point' ? p : type === 'Polygon' ? [ring] : [[ring]];
    }
  }
  return { type, coordinates } as Geometry;
}

/** The string value of `"name"` inside b[start, end), or null. */
function stringAfter(b: Buffer, start: number, end: number, name: string): string | null {
  // Only keys of the geometry object itself can be strings here: coordinates hold none.
  const at = b.indexOf(name, start);
  if (at < 0 || at >= end) return null;
  let i = at + name.length;
  while (i < end && b[i] !== COLON) i++;
  i++;
  while (i < end && b[i] !== QUOTE) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return null;
    i++;
  }
  const close = b.indexOf(QUOTE, i + 1);
  if (close < 0 || close >= end) return null;
  return b.toString('utf8', i + 1, close);
}
