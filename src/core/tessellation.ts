/**
 * Tessellation of a community into unit cells: the units' own polygons when every unit has one,
 * otherwise Voronoi cells of the unit points clipped to the community boundary.
 *
 * Shared cell edges carry identical coordinates in both cells (Voronoi vertices are shared by
 * construction; clipped vertices go through one snapping table), so cells can be merged along
 * shared edges and adjacency can be read from them.
 */
// The one Turf module needed, imported alone so the CLI does not load all of Turf.
import { pointInRings } from './point-in-ring.ts';
import { intersect } from '@turf/intersect';
import { Delaunay } from 'd3-delaunay';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type CellGeometry = Polygon | MultiPolygon;

export interface TessellateOptions {
  /** Community boundary; default: the units' convex hull, pushed out by `margin`. */
  boundary?: CellGeometry | Feature<CellGeometry>;
  /** Hull margin as a fraction of the units' extent. Default 0.05. */
  margin?: number;
}

export interface Tessellation {
  /** One cell per unit, in input order; null when a unit's cell lies outside the boundary. */
  cells: Array<CellGeometry | null>;
  /** The boundary the cells tile. */
  boundary: CellGeometry;
  /** `voronoi` when cells were built from points, `polygons` when units brought their own. */
  kind: 'voronoi' | 'polygons';
}

type UnitGeometry = { type: string; coordinates?: unknown } | null;

/**
 * Builds unit cells. Units sharing one point are spread on a tiny circle (deterministically), so
 * every unit still gets its own cell.
 *
 * @example
 * const { cells } = tessellate(units.features.map((f) => f.geometry), { boundary });
 */
export function tessellate(geometries: UnitGeometry[], options: TessellateOptions = {}): Tessellation {
  const allPolygons =
    geometries.length > 0 && geometries.every((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon'));
  if (allPolygons) {
    // Unit polygons are trusted to share vertices exactly where they touch.
    const cells = geometries.map((g) => normalizeCell(g as CellGeometry));
    const boundary = options.boundary ? geometryOf(options.boundary) : hullBoundary(sitesOf(geometries), options.margin);
    return { cells, boundary, kind: 'polygons' };
  }
  const sites = sitesOf(geometries);
  const n = sites.length / 2;
  spreadDuplicates(sites);
  const boundary = options.boundary ? geometryOf(options.boundary) : hullBoundary(sites, options.margin);
  const box = bbox(boundary);
  for (let i = 0; i < n; i++) {
    box[0] = Math.min(box[0], sites[2 * i]!);
    box[1] = Math.min(box[1], sites[2 * i + 1]!);
    box[2] = Math.max(box[2], sites[2 * i]!);
    box[3] = Math.max(box[3], sites[2 * i + 1]!);
  }
  const pad = Math.max(box[2] - box[0], box[3] - box[1], 1e-9) * 0.1;
  const bounds: [number, number, number, number] = [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad];
  const boundaryRings = ringsOf(boundary);
  const boundarySegments = segmentsOf(boundaryRings);
  const boundaryFeature: Feature<CellGeometry> = { type: 'Feature', properties: {}, geometry: boundary };
  const snap = new Snapper();
  for (const ring of boundaryRings) for (const p of ring) snap.add(p);
  const cells: Array<CellGeometry | null> = new Array(n).fill(null);
  if (n === 1) {
    cells[0] = normalizeCell(boundary, snap);
    return { cells, boundary, kind: 'voronoi' };
  }
  // d3-delaunay treats triangles below an absolute size as degenerate, so work in a local frame
  // about 1,000 units across; the map back is one pure function, so shared vertices stay shared.
  const scale = 1000 / Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1]);
  const local = new Float64Array(sites.length);
  for (let i = 0; i < n; i++) {
    local[2 * i] = (sites[2 * i]! - bounds[0]) * scale;
    local[2 * i + 1] = (sites[2 * i + 1]! - bounds[1]) * scale;
  }
  const voronoi = new Delaunay(local).voronoi([
    0,
    0,
    (bounds[2] - bounds[0]) * scale,
    (bounds[3] - bounds[1]) * scale,
  ]);
  for (let i = 0; i < n; i++) {
    const localRing = voronoi.cellPolygon(i) as Position[] | null;
    if (!localRing || localRing.length < 4) continue;
    const ring = localRing.map((p) => [bounds[0] + p[0]! / scale, bounds[1] + p[1]! / scale]);
    const cell: Polygon = { type: 'Polygon', coordinates: [ring] };
    if (isInside(ring, boundaryRings, boundarySegments)) {
      cells[i] = normalizeCell(cell, snap);
      continue;
    }
    const clipped = intersect({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: cell }, boundaryFeature],
    });
    cells[i] = clipped ? normalizeCell(exactCrossings(clipped.geometry, ring, boundarySegments), snap) : null;
  }
  return { cells, boundary, kind: 'voronoi' };
}

/** A site per unit: the point, or the mean of a polygon's outer ring. */
function sitesOf(geometries: UnitGeometry[]): Float64Array {
  const sites = new Float64Array(geometries.length * 2);
  geometries.forEach((g, i) => {
    let x = 0;
    let y = 0;
    if (g?.type === 'Point') [x, y] = g.coordinates as number[] as [number, number];
    else if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') {
      const outer = g.type === 'Polygon' ? (g.coordinates as Position[][])[0]! : (g.coordinates as Position[][][])[0]![0]!;
      const m = Math.max(1, outer.length - 1);
      for (let j = 0; j < m; j++) {
        x += outer[j]![0]! / m;
        y += outer[j]![1]! / m;
      }
    }
    sites[2 * i] = x;
    sites[2 * i + 1] = y;
  });
  return sites;
}

/** Units at one point are placed on a circle of radius 1e-4 × extent around it, in input order. */
function spreadDuplicates(sites: Float64Array): void {
  const n = sites.length / 2;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, sites[2 * i]!);
    maxX = Math.max(maxX, sites[2 * i]!);
    minY = Math.min(minY, sites[2 * i + 1]!);
    maxY = Math.max(maxY, sites[2 * i + 1]!);
  }
  const r = Math.max(maxX - minX, maxY - minY, 1e-3) * 1e-4;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = `${sites[2 * i]},${sites[2 * i + 1]}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.forEach((i, j) => {
      const a = (2 * Math.PI * j) / list.length;
      sites[2 * i] += r * Math.cos(a);
      sites[2 * i + 1] += r * Math.sin(a);
    });
  }
}

/** Convex hull of the sites, each vertex pushed out from the centroid by `margin` × extent. */
export function hullBoundary(sites: Float64Array, margin = 0.05): Polygon {
  const n = sites.length / 2;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, sites[2 * i]!);
    maxX = Math.max(maxX, sites[2 * i]!);
    minY = Math.min(minY, sites[2 * i + 1]!);
    maxY = Math.max(maxY, sites[2 * i + 1]!);
  }
  const extent = Math.max(maxX - minX, maxY - minY, 1e-4);
  const d = margin * extent;
  const hull = n >= 3 ? new Delaunay(sites).hull : null;
  if (!hull || hull.length < 3) {
    const ring = [
      [minX - d, minY - d],
      [maxX + d, minY - d],
      [maxX + d, maxY + d],
      [minX - d, maxY + d],
      [minX - d, minY - d],
    ];
    return { type: 'Polygon', coordinates: [ring] };
  }
  let cx = 0;
  let cy = 0;
  for (const i of hull) {
    cx += sites[2 * i]! / hull.length;
    cy += sites[2 * i + 1]! / hull.length;
  }
  const ring: Position[] = [];
  for (const i of hull) {
    const x = sites[2 * i]!;
    const y = sites[2 * i + 1]!;
    const len = Math.hypot(x - cx, y - cy) || 1;
    ring.push([x + (d * (x - cx)) / len, y + (d * (y - cy)) / len]);
  }
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

function geometryOf(g: CellGeometry | Feature<CellGeometry>): CellGeometry {
  return g.type === 'Feature' ? g.geometry : g;
}

function ringsOf(g: CellGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function bbox(g: CellGeometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of ringsOf(g)) {
    for (const p of ring) {
      b[0] = Math.min(b[0], p[0]!);
      b[1] = Math.min(b[1], p[1]!);
      b[2] = Math.max(b[2], p[0]!);
      b[3] = Math.max(b[3], p[1]!);
    }
  }
  return b;
}

/**
 * Polygon clipping rounds the points where a cell edge crosses the boundary. Recompute each such
 * point as the intersection of the boundary segment and the cell edge it lies on, from their
 * original end points (the cell edge ordered canonically), so both neighbouring cells get the same
 * point and it lies on the boundary to the last bit: areas then add up exactly.
 */
function exactCrossings(g: CellGeometry, cell: Position[], seg: Segments): CellGeometry {
  const known = new Set<string>();
  for (const p of cell) known.add(`${p[0]},${p[1]}`);
  for (let i = 0; i < seg.x.length; i++) known.add(`${seg.x[i]},${seg.y[i]}`);
  const fix = (p: Position): Position => {
    const x = p[0]!;
    const y = p[1]!;
    if (known.has(`${x},${y}`)) return p;
    let bestB = -1;
    let dB = Infinity;
    for (let i = 0; i + 1 < seg.x.length; i++) {
      if (seg.ring[i] !== seg.ring[i + 1]) continue;
      const d = segmentDistance(x, y, seg.x[i]!, seg.y[i]!, seg.x[i + 1]!, seg.y[i + 1]!);
      if (d < dB) {
        dB = d;
        bestB = i;
      }
    }
    let bestC = -1;
    let dC = Infinity;
    for (let i = 0; i + 1 < cell.length; i++) {
      const d = segmentDistance(x, y, cell[i]![0]!, cell[i]![1]!, cell[i + 1]![0]!, cell[i + 1]![1]!);
      if (d < dC) {
        dC = d;
        bestC = i;
      }
    }
    if (bestB < 0 || bestC < 0) return p;
    let a = cell[bestC]!;
    let b = cell[bestC + 1]!;
    if (a[0]! > b[0]! || (a[0] === b[0] && a[1]! > b[1]!)) [a, b] = [b, a];
    const px = seg.x[bestB]!;
    const py = seg.y[bestB]!;
    const qx = seg.x[bestB + 1]!;
    const qy = seg.y[bestB + 1]!;
    const ex = b[0]! - a[0]!;
    const ey = b[1]! - a[1]!;
    const den = (qx - px) * ey - (qy - py) * ex;
    if (den === 0) return p;
    let t = ((a[0]! - px) * ey - (a[1]! - py) * ex) / den;
    if (!(t >= 0 && t <= 1)) return p;
    // Geodesic area (Turf's formula) is additive along straight lines in (lng, sin lat): put the
    // crossing on the boundary segment in those coordinates; Newton from the planar answer.
    const sp = Math.sin(py * RAD);
    const ds = Math.sin(qy * RAD) - sp;
    const dl = qx - px;
    for (let k = 0; k < 4; k++) {
      const sv = Math.min(1, Math.max(-1, sp + t * ds));
      const lat = Math.asin(sv) / RAD;
      const f = ex * (lat - a[1]!) - ey * (px + t * dl - a[0]!);
      const df = (ex * ds) / Math.sqrt(Math.max(1e-300, 1 - sv * sv)) / RAD - ey * dl;
      if (df === 0) break;
      t -= f / df;
    }
    if (!(t >= 0 && t <= 1)) return p;
    const q: Position = [px + t * dl, Math.asin(Math.min(1, Math.max(-1, sp + t * ds))) / RAD];
    // Only trust the recomputed point when it is near where the clipper put it.
    const scale = Math.hypot(qx - px, qy - py) + Math.hypot(ex, ey);
    const ok = Math.hypot(q[0]! - x, q[1]! - y) <= 1e-4 * scale;
    return ok ? q : p;
  };
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out = polygons.map((polygon) => polygon.map((ring) => ring.map(fix)));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
}

const RAD = Math.PI / 180;

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0;
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

interface Segments {
  x: Float64Array;
  y: Float64Array;
  /** Ring index of each vertex; consecutive vertices of one ring form a segment. */
  ring: Int32Array;
}

function segmentsOf(rings: Position[][]): Segments {
  const xs: number[] = [];
  const ys: number[] = [];
  const rs: number[] = [];
  rings.forEach((ring, r) => {
    for (const p of ring) {
      xs.push(p[0]!);
      ys.push(p[1]!);
      rs.push(r);
    }
  });
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), ring: Int32Array.from(rs) };
}

/**
 * A convex cell lies inside the boundary when all its vertices do and no boundary vertex falls
 * inside its bounding box (a boundary edge crossing the cell would leave a cell vertex outside).
 */
function isInside(cell: Position[], rings: Position[][], seg: Segments): boolean {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of cell) {
    if (!pointInRings(p[0]!, p[1]!, rings)) return false;
    x0 = Math.min(x0, p[0]!);
    y0 = Math.min(y0, p[1]!);
    x1 = Math.max(x1, p[0]!);
    y1 = Math.max(y1, p[1]!);
  }
  for (let i = 0; i < seg.x.length; i++) {
    const x = seg.x[i]!;
    const y = seg.y[i]!;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return false;
  }
  return true;
}

/**
 * Vertex snapping table: coordinates within a tiny distance of an earlier vertex take that
 * vertex's exact coordinates, so independently clipped neighbours share edges bit for bit.
 */
export class Snapper {
  #cells = new Map<string, Position[]>();
  readonly #size: number;
  constructor(size = 1e-10) {
    this.#size = size;
  }
  add(p: Position): Position {
    const gx = Math.floor(p[0]! / this.#size);
    const gy = Math.floor(p[1]! / this.#size);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = this.#cells.get(`${gx + dx},${gy + dy}`);
        if (!list) continue;
        for (const q of list) {
          if (Math.abs(q[0]! - p[0]!) <= this.#size && Math.abs(q[1]! - p[1]!) <= this.#size) return q;
        }
      }
    }
    const key = `${gx},${gy}`;
    const own: Position = [p[0]!, p[1]!];
    const list = this.#cells.get(key);
    if (list) list.push(own);
    else this.#cells.set(key, [own]);
    return own;
  }
}

/** Snaps vertices, drops repeated vertices, makes outer rings counter-clockwise and holes clockwise. */
export function normalizeCell(g: CellGeometry, snap?: Snapper): CellGeometry | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    polygon.forEach((ring, r) => {
      const clean: Position[] = [];
      for (const p of ring) {
        const q = snap ? snap.add(p) : [p[0]!, p[1]!];
        const last = clean[clean.length - 1];
        if (last && last[0] === q[0] && last[1] === q[1]) continue;
        clean.push(q);
      }
      while (clean.length > 1 && clean[0]![0] === clean[clean.length - 1]![0] && clean[0]![1] === clean[clean.length - 1]![1]) {
        clean.pop();
      }
      if (clean.length < 3) return;
      const a = signedArea(clean);
      if (a === 0) return;
      if ((r === 0) !== a > 0) clean.reverse();
      clean.push(clean[0]!);
      rings.push(clean);
    });
    if (rings.length && ringIsOuter(rings[0]!)) out.push(rings);
  }
  if (out.length === 0) return null;
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
}

function ringIsOuter(ring: Position[]): boolean {
  return signedArea(ring) > 0;
}

/** Planar signed area (counter-clockwise positive) of a ring, open or closed. */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return s / 2;
}
