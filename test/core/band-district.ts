/**
 * Districts whose household-band plan exists by construction (band [300, 500]), for tests and the
 * partition benchmark. Built by functions, no files.
 *
 * 1. Grids first: each grid gets a household target inside the band and is filled with buildings of
 *    a new-town mix — about 3 % towers (300–480 households), 27 % mid-rises (60–200), the rest
 *    walk-ups (12–36). A tower grid is one tower plus walk-ups; any other grid is mid-rises and
 *    walk-ups. A building that would take the grid above 500 is not added (the grid is then already
 *    at 300 or more), so every grid's sum lands in [300, 500] without trimming. When the building
 *    count runs out mid-grid, the last grid drops its extra buildings and its last building is
 *    enlarged so the grid still reaches the band.
 * 2. Layout: grid seeds on a jittered lattice (spacing ~250 m, a new-town block), each grid the
 *    Voronoi cell of its seed shrunk a little toward the seed (streets between grids); buildings are
 *    scattered uniformly in their grid's shrunk cell.
 * 3. Adjacency: the Delaunay triangulation of all building points, every edge kept (edges between
 *    land masses — islands — excepted). The planted plan must be contiguous in it: grids that are not
 *    are scattered again, tighter, until they are.
 * 4. Optional islands: `islands` small fragments (1–3 walk-ups or mid-rises of a grid, moved far off
 *    the shore beyond that grid, too few households for a grid of their own — the engine should join
 *    each to its nearest grid as an exclave; the fragment is placed so that its nearest building is
 *    in its own planted grid, so the planted plan stays valid), and `islandGrids` whole grids placed
 *    far off (pieces that make one grid each).
 * 5. Optional compounds (小区): groups of 2–6 neighbouring buildings inside one grid.
 *
 * Sites are lon/lat around (120.15°, 30.25°), metres converted with the local scale.
 */
import { Delaunay } from 'd3-delaunay';
import { buildGraph, createRandom } from '../../src/core/graph.ts';
import type { UnitGraph } from '../../src/core/partition-types.ts';

export const BAND_MIN = 300;
export const BAND_MAX = 500;
/** Grid spacing in metres. */
const SPACING = 250;
const LON0 = 120.15;
const LAT0 = 30.25;
const M_PER_DEG_LAT = 110_540;
const M_PER_DEG_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);

export interface BandDistrictOptions {
  /** Number of buildings (exactly). At least 1. */
  buildings: number;
  seed: number;
  /** Group neighbouring buildings of a grid into compounds (小区). Default false. */
  compounds?: boolean;
  /** Small fragments of grids moved off-shore, too few households for a grid (exclaves). Default 0. */
  islands?: number;
  /** Whole grids placed off-shore, each its own piece. Default 0. */
  islandGrids?: number;
  /** Community name of every building (and prefix of the ids); default none (one community). */
  community?: string;
}

export interface BandDistrict {
  graph: UnitGraph;
  /** Planted grid per building (0 … grids − 1): a plan with every grid in [300, 500], contiguous. */
  planted: Int32Array;
  grids: number;
  /** Households of each planted grid. */
  gridHouseholds: number[];
  /** Land mass per building: 0 mainland, then each island fragment, then each island grid. */
  landmass: Int32Array;
  /** Buildings by kind. */
  mix: { towers: number; midRises: number; walkUps: number };
}

type Kind = 0 | 1 | 2; // tower, mid-rise, walk-up

interface Building {
  households: number;
  kind: Kind;
  grid: number;
}

const int = (rng: () => number, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** The grids' buildings: exactly `count` buildings, every grid's households in the band. */
function composeGrids(count: number, rng: () => number): Building[][] {
  const grids: Building[][] = [];
  let made = 0;
  let towers = 0;
  while (made < count) {
    const g = grids.length;
    const target = int(rng, BAND_MIN, BAND_MAX);
    const grid: Building[] = [];
    let sum = 0;
    // A tower grid whenever towers fall behind 3 % of the buildings made so far (with some luck in
    // it, so tower grids are not evenly spaced along the lattice).
    if ((towers + 0.5) / (made + 3) < 0.03 && rng() < 0.6) {
      const h = int(rng, BAND_MIN, 480);
      grid.push({ households: h, kind: 0, grid: g });
      sum = h;
      towers++;
    }
    while (sum < target) {
      // Tower grids hold walk-ups only, so mid-rises are a little more common here (27 % overall).
      const mid = rng() < 0.3;
      const h = mid ? int(rng, 60, 200) : int(rng, 12, 36);
      // Over the maximum: stop here (h ≤ 200, so the grid already holds 300 or more).
      if (sum + h > BAND_MAX) break;
      grid.push({ households: h, kind: mid ? 1 : 2, grid: g });
      sum += h;
    }
    if (made + grid.length > count) {
      // Too many buildings: keep the first ones and let the last reach the band.
      grid.length = count - made;
      sum = grid.reduce((s, b) => s + b.households, 0);
      if (sum < BAND_MIN) {
        const last = grid[grid.length - 1]!;
        last.households += target - sum;
        last.kind = last.households >= BAND_MIN ? 0 : last.households > 36 ? 1 : 2;
      }
    }
    made += grid.length;
    grids.push(grid);
  }
  return grids;
}

/** A uniform point in the convex `cell` shrunk by `shrink` toward (cx, cy) (fan triangulation). */
function pointInCell(
  cell: number[][],
  cx: number,
  cy: number,
  shrink: number,
  rng: () => number,
): [number, number] {
  // Closed ring: the last vertex repeats the first.
  const m = cell.length - 1;
  const areas: number[] = [];
  let total = 0;
  for (let i = 0; i < m; i++) {
    const [ax, ay] = cell[i]!;
    const [bx, by] = cell[i + 1]!;
    const a = Math.abs((ax! - cx) * (by! - cy) - (bx! - cx) * (ay! - cy)) / 2;
    areas.push(a);
    total += a;
  }
  let r = rng() * total;
  let t = 0;
  while (t < m - 1 && r >= areas[t]!) r -= areas[t++]!;
  let u = rng();
  let v = rng();
  if (u + v > 1) {
    u = 1 - u;
    v = 1 - v;
  }
  const [ax, ay] = cell[t]!;
  const [bx, by] = cell[t + 1]!;
  const x = cx + shrink * (u * (ax! - cx) + v * (bx! - cx));
  const y = cy + shrink * (u * (ay! - cy) + v * (by! - cy));
  return [x, y];
}

/** Delaunay edges of the points, each once, without edges between land masses. */
function delaunayEdges(xy: Float64Array, landmass: Int32Array): Array<[number, number]> {
  // One or two points: d3-delaunay returns placeholder triangles.
  if (xy.length <= 2) return [];
  if (xy.length === 4) return landmass[0] === landmass[1] ? [[0, 1]] : [];
  const d = new Delaunay(xy);
  const t = d.triangles;
  const edges: Array<[number, number]> = [];
  for (let e = 0; e < t.length; e++) {
    const next = e % 3 === 2 ? e - 2 : e + 1;
    // Interior half-edges appear twice; keep the one with the larger index (hull edges: halfedge −1).
    if (d.halfedges[e]! < e) {
      const a = t[e]!;
      const b = t[next]!;
      if (landmass[a] === landmass[b]) edges.push([a, b]);
    }
  }
  return edges;
}

/** Adjacency lists from an edge list. */
function adjacency(n: number, edges: Array<[number, number]>): number[][] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  return adj;
}

/**
 * Grids whose buildings are not one connected piece of the adjacency on each land mass they touch
 * (a grid with an island fragment is two pieces: its mainland part and the fragment).
 */
function brokenGrids(
  adj: number[][],
  planted: Int32Array,
  members: number[][],
  landmass: Int32Array,
): number[] {
  const broken: number[] = [];
  const seen = new Uint8Array(planted.length);
  const stack: number[] = [];
  for (let g = 0; g < members.length; g++) {
    const list = members[g]!;
    if (list.length <= 1) continue;
    let pieces = 0;
    const masses = new Set<number>();
    for (const s of list) {
      masses.add(landmass[s]!);
      if (seen[s]) continue;
      pieces++;
      seen[s] = 1;
      stack.push(s);
      while (stack.length) {
        const u = stack.pop()!;
        for (const v of adj[u]!) {
          if (seen[v] || planted[v] !== g) continue;
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    for (const v of list) seen[v] = 0;
    if (pieces > masses.size) broken.push(g);
  }
  return broken;
}

/** Squared distance as the engine measures it between sites (longitude scaled by cos latitude). */
function siteDistance2(lonA: number, latA: number, lonB: number, latB: number): number {
  const scale = Math.cos((latB * Math.PI) / 180);
  const dx = (lonA - lonB) * scale;
  const dy = latA - latB;
  return dx * dx + dy * dy;
}

/**
 * A district of `buildings` buildings whose band plan [300, 500] exists by construction: returns
 * the graph (with sites, and compounds when asked) and the planted grid of each building.
 *
 * @example
 * const { graph, planted } = generateBandDistrict({ buildings: 2000, seed: 1, compounds: true });
 */
export function generateBandDistrict(options: BandDistrictOptions): BandDistrict {
  const { buildings, seed } = options;
  if (!(Number.isInteger(buildings) && buildings >= 1))
    throw new Error(`buildings must be ≥ 1 (got ${buildings})`);
  const rng = createRandom(seed);
  const fragments = Math.max(0, options.islands ?? 0);
  const offshoreGrids = Math.max(0, options.islandGrids ?? 0);

  // 1. Grids and their buildings. Island grids are the last `offshoreGrids` grids (if there are
  // enough grids to spare one for the mainland).
  const grids = composeGrids(buildings, rng);
  const G = grids.length;
  const islandGridCount = Math.min(offshoreGrids, G - 1);
  const mainlandGrids = G - islandGridCount;
  const all: Building[] = grids.flat();
  const n = all.length;
  const planted = Int32Array.from(all, (b) => b.grid);
  const members: number[][] = Array.from({ length: G }, () => []);
  all.forEach((b, i) => members[b.grid]!.push(i));

  // 2. Layout: jittered lattice of seeds, Voronoi cells, buildings in the shrunk cells.
  const cols = Math.max(1, Math.ceil(Math.sqrt(mainlandGrids)));
  const rows = Math.max(1, Math.ceil(mainlandGrids / cols));
  const seeds = new Float64Array(2 * mainlandGrids);
  for (let g = 0; g < mainlandGrids; g++) {
    const c = g % cols;
    const r = Math.floor(g / cols);
    seeds[2 * g] = (c + 0.7 * (rng() - 0.5)) * SPACING;
    seeds[2 * g + 1] = (r + 0.7 * (rng() - 0.5)) * SPACING;
  }
  const bounds: [number, number, number, number] = [
    -0.5 * SPACING,
    -0.5 * SPACING,
    (cols - 0.5) * SPACING,
    (rows - 0.5) * SPACING,
  ];
  const cells: number[][][] = [];
  if (mainlandGrids === 1) {
    const [x0, y0, x1, y1] = bounds;
    cells.push([
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ]);
  } else {
    const voronoi = new Delaunay(seeds).voronoi(bounds);
    for (let g = 0; g < mainlandGrids; g++) cells.push(voronoi.cellPolygon(g) as unknown as number[][]);
  }
  const xy = new Float64Array(2 * n);
  const landmass = new Int32Array(n);
  const scatter = (g: number, shrink: number): void => {
    if (g < mainlandGrids) {
      const cx = seeds[2 * g]!;
      const cy = seeds[2 * g + 1]!;
      for (const i of members[g]!) {
        const [x, y] = pointInCell(cells[g]!, cx, cy, shrink, rng);
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
      }
    } else {
      // An island grid: a disc well off the east shore, one per row.
      const j = g - mainlandGrids;
      const cx = (cols + 2.5 + 3 * Math.floor(j / Math.max(1, rows))) * SPACING;
      const cy = (j % Math.max(1, rows)) * SPACING * 3;
      for (const i of members[g]!) {
        const a = 2 * Math.PI * rng();
        const r = 0.4 * shrink * SPACING * Math.sqrt(rng());
        xy[2 * i] = cx + r * Math.cos(a);
        xy[2 * i + 1] = cy + r * Math.sin(a);
        landmass[i] = 1 + fragments + j;
      }
    }
  };
  for (let g = 0; g < G; g++) scatter(g, 0.85);

  // 3. Adjacency; grids that came out in pieces are scattered again, tighter.
  let edges = delaunayEdges(xy, landmass);
  let adj = adjacency(n, edges);
  const settle = (): void => {
    for (let attempt = 0; ; attempt++) {
      const broken = brokenGrids(adj, planted, members, landmass);
      if (broken.length === 0) return;
      if (attempt >= 30) throw new Error(`band district (seed ${seed}): grid ${broken[0]} stays in pieces`);
      const shrink = Math.max(0.2, 0.85 - 0.05 * (attempt + 1));
      for (const g of broken) scatter(g, shrink);
      edges = delaunayEdges(xy, landmass);
      adj = adjacency(n, edges);
    }
  };
  settle();

  // 4. Island fragments: 1–3 small buildings of a shore grid moved far out beyond that grid's
  // outermost building, so their nearest building (as the engine measures it) is in their own grid.
  const toLon = (x: number): number => LON0 + x / M_PER_DEG_LON;
  const toLat = (y: number): number => LAT0 + y / M_PER_DEG_LAT;
  let placed = 0;
  for (let tries = 0; placed < fragments && tries < 50 * fragments; tries++) {
    const angle = 2 * Math.PI * ((placed + 0.25 + 0.5 * rng()) / fragments);
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    // The outermost mainland building in that direction.
    let p = -1;
    let best = -Infinity;
    for (let i = 0; i < n; i++) {
      if (landmass[i] !== 0) continue;
      const s = xy[2 * i]! * dx + xy[2 * i + 1]! * dy;
      if (s > best) {
        best = s;
        p = i;
      }
    }
    const g = planted[p]!;
    const candidates = members[g]!.filter((i) => i !== p && landmass[i] === 0 && all[i]!.kind !== 0);
    if (candidates.length < 2) continue;
    const take = Math.min(candidates.length - 1, int(rng, 1, 3));
    const chosen: number[] = [];
    for (let q = 0; q < take; q++)
      chosen.push(candidates.splice(Math.floor(rng() * candidates.length), 1)[0]!);
    const saved = chosen.map((i) => [xy[2 * i]!, xy[2 * i + 1]!] as const);
    const far = (1.5 + rng()) * SPACING;
    const cx = xy[2 * p]! + far * dx;
    const cy = xy[2 * p + 1]! + far * dy;
    const mark = 1 + placed;
    chosen.forEach((i, q) => {
      xy[2 * i] = cx + 15 * Math.cos((2 * Math.PI * q) / take) + 3 * rng();
      xy[2 * i + 1] = cy + 15 * Math.sin((2 * Math.PI * q) / take) + 3 * rng();
      landmass[i] = mark;
    });
    const nextEdges = delaunayEdges(xy, landmass);
    const nextAdj = adjacency(n, nextEdges);
    // The fragment must be one piece, its grid's rest too, and its nearest building its own grid's.
    let nearestGrid = -1;
    let bestD = Infinity;
    for (const a of chosen) {
      for (let b = 0; b < n; b++) {
        if (landmass[b] === mark) continue;
        const d = siteDistance2(
          toLon(xy[2 * a]!),
          toLat(xy[2 * a + 1]!),
          toLon(xy[2 * b]!),
          toLat(xy[2 * b + 1]!),
        );
        if (d < bestD) {
          bestD = d;
          nearestGrid = planted[b]!;
        }
      }
    }
    if (nearestGrid === g && brokenGrids(nextAdj, planted, members, landmass).length === 0) {
      edges = nextEdges;
      adj = nextAdj;
      placed++;
    } else {
      chosen.forEach((i, q) => {
        xy[2 * i] = saved[q]![0];
        xy[2 * i + 1] = saved[q]![1];
        landmass[i] = 0;
      });
    }
  }
  if (placed < fragments)
    throw new Error(`band district (seed ${seed}): placed ${placed} of ${fragments} islands`);

  // 5. Compounds: groups of 2–6 neighbouring mainland buildings of one grid (towers stand alone).
  let compound: Array<string | undefined> | undefined;
  const prefix = options.community ? `${options.community}-` : '';
  if (options.compounds) {
    compound = new Array<string | undefined>(n).fill(undefined);
    let next = 0;
    for (let g = 0; g < G; g++) {
      const list = members[g]!.filter(
        (i) => all[i]!.kind !== 0 && (landmass[i] === 0 || landmass[i]! > fragments),
      );
      for (const s of list) {
        if (compound[s] !== undefined || rng() < 0.35) continue;
        const size = int(rng, 2, 6);
        const name = `${prefix}C${next}`;
        const group = [s];
        compound[s] = name;
        for (let q = 0; q < group.length && group.length < size; q++) {
          for (const v of adj[group[q]!]!) {
            if (group.length >= size) break;
            if (planted[v] !== g || compound[v] !== undefined || all[v]!.kind === 0) continue;
            if (landmass[v] !== landmass[s]) continue;
            compound[v] = name;
            group.push(v);
          }
        }
        if (group.length < 2) compound[s] = undefined;
        else next++;
      }
    }
  }

  const ids = Array.from({ length: n }, (_, i) => `${prefix}B${String(i).padStart(6, '0')}`);
  const graph = buildGraph({
    ids,
    weights: all.map((b) => b.households),
    edges,
    community: options.community ? new Array<string>(n).fill(options.community) : undefined,
    compound,
    sites: Array.from({ length: n }, (_, i) => [toLon(xy[2 * i]!), toLat(xy[2 * i + 1]!)] as const),
  });
  const mix = { towers: 0, midRises: 0, walkUps: 0 };
  for (const b of all) {
    if (b.kind === 0) mix.towers++;
    else if (b.kind === 1) mix.midRises++;
    else mix.walkUps++;
  }
  return {
    graph,
    planted,
    grids: G,
    gridHouseholds: grids.map((list) => list.reduce((s, b) => s + b.households, 0)),
    landmass,
    mix,
  };
}
