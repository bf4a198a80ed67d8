/**
 * Writes a census-like input for the CLI benchmark: UNITS.geojson (block-group-like polygons with
 * GEOID string ids and TIGER-style properties) and EDGES.json (queen-like adjacency by GEOID).
 *
 *   node --import tsx test/bench/census-like.ts [DIR] [N]      (default: a temp folder, 8,000 units)
 *
 * - points: a few dense "cities" plus a sparse countryside in a concave, state-like outline
 *   (a bay cut out of one side), so cells vary from tiny to large;
 * - polygons: Voronoi cells clipped to the box, each edge densified to ~12 vertices so rings have
 *   ~60–120 vertices like generalized TIGER block groups (coordinates with 7 decimals);
 * - population: lognormal (median ~1,200), 3 % zeros (water / institutional block groups), a few
 *   above 5,000;
 * - adjacency: Delaunay edges minus those crossing the bay, plus a few long "ferry/bridge" edges;
 *   two island groups are reachable only through such edges (no shared boundary).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Delaunay } from 'd3-delaunay';
import { createRandom } from '../../src/core/graph.ts';

export interface CensusLike {
  dir: string;
  units: string;
  edges: string;
  n: number;
  edgeCount: number;
  bytes: number;
}

export function writeCensusLike(dir?: string, n = 8000, seed = 11): CensusLike {
  const out = dir ?? mkdtempSync(join(tmpdir(), 'wangge-census-'));
  mkdirSync(out, { recursive: true });
  const rng = createRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  // Local frame [0, 1]²; the bay is the disc around (1, 0.45) of radius 0.25.
  const inBay = (x: number, y: number): boolean => (x - 1) ** 2 + (y - 0.45) ** 2 < 0.0625;
  const cities = Array.from({ length: 6 }, () => ({
    x: 0.1 + 0.7 * rng(),
    y: 0.1 + 0.8 * rng(),
    s: 0.02 + 0.05 * rng(),
  }));
  const xs: number[] = [];
  const ys: number[] = [];
  const islands = 2;
  const islandSize = 6;
  const mainland = n - islands * islandSize;
  while (xs.length < mainland) {
    let x: number;
    let y: number;
    if (rng() < 0.65) {
      const c = cities[Math.floor(rng() * cities.length)]!;
      x = c.x + c.s * gauss();
      y = c.y + c.s * gauss();
    } else {
      x = rng();
      y = rng();
    }
    if (x <= 0 || x >= 1 || y <= 0 || y >= 1 || inBay(x, y)) continue;
    xs.push(x);
    ys.push(y);
  }
  // Islands inside the bay, far from the shore.
  for (let k = 0; k < islands; k++) {
    const cx = 0.9 + 0.03 * k;
    const cy = 0.38 + 0.14 * k;
    for (let j = 0; j < islandSize; j++) {
      xs.push(cx + 0.01 * Math.cos((2 * Math.PI * j) / islandSize) + 0.001 * rng());
      ys.push(cy + 0.01 * Math.sin((2 * Math.PI * j) / islandSize) + 0.001 * rng());
    }
  }
  const island = (i: number): number => (i < mainland ? -1 : Math.floor((i - mainland) / islandSize));
  const coords = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    coords[2 * i] = xs[i]!;
    coords[2 * i + 1] = ys[i]!;
  }
  const d = new Delaunay(coords);
  const voronoi = d.voronoi([0, 0, 1, 1]);

  // Adjacency: Delaunay edges that do not cross the bay or join an island to anything else.
  const pairs: Array<[number, number]> = [];
  const t = d.triangles;
  for (let e = 0; e < t.length; e++) {
    if (d.halfedges[e]! > e) continue;
    const a = t[e]!;
    const b = t[e % 3 === 2 ? e - 2 : e + 1]!;
    if (island(a) !== island(b)) continue;
    const mx = (xs[a]! + xs[b]!) / 2;
    const my = (ys[a]! + ys[b]!) / 2;
    if (inBay(mx, my) && island(a) < 0) continue;
    pairs.push([a, b]);
  }
  // Keep only the mainland's largest connected piece connected: drop nothing, but join stray
  // pieces (cut off by the bay rule) to their nearest mainland unit, like a bridge.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [a, b] of pairs) parent[find(a)] = find(b);
  const nearestMainland = (i: number, avoid: number): number => {
    let best = -1;
    let bd = Infinity;
    for (let j = 0; j < mainland; j++) {
      if (find(j) === avoid) continue;
      const dd = (xs[j]! - xs[i]!) ** 2 + (ys[j]! - ys[i]!) ** 2;
      if (dd < bd) {
        bd = dd;
        best = j;
      }
    }
    return best;
  };
  for (;;) {
    const roots = new Map<number, number>();
    for (let i = 0; i < n; i++) roots.set(find(i), (roots.get(find(i)) ?? 0) + 1);
    if (roots.size === 1) break;
    let small = -1;
    for (const [r, c] of roots) if (small < 0 || c < roots.get(small)!) small = r;
    const from = [...Array(n).keys()].find((i) => find(i) === small)!;
    const to = nearestMainland(from, small);
    pairs.push([from, to]);
    parent[find(from)] = find(to);
  }
  // A few long ferry edges across the bay.
  for (let k = 0; k < 3; k++) {
    const a = nearestIndex(xs, ys, mainland, 0.8, 0.2 + 0.02 * k);
    const b = nearestIndex(xs, ys, mainland, 0.8, 0.7 - 0.02 * k);
    if (a !== b) pairs.push([a, b]);
  }

  // GEOIDs: state 36, county by x band, tracts of 1–4 block groups in reading order (like TIGER).
  const county = (i: number): number => 1 + 2 * Math.floor(xs[i]! * 31);
  const order = [...Array(n).keys()].sort(
    (a, b) => county(a) - county(b) || ys[b]! - ys[a]! || xs[a]! - xs[b]!,
  );
  const geoid = new Array<string>(n);
  let prevCounty = -1;
  let tract = 0;
  let bg = 0;
  let tractSize = 0;
  for (const i of order) {
    if (county(i) !== prevCounty || bg >= tractSize) {
      if (county(i) !== prevCounty) tract = 0;
      prevCounty = county(i);
      tract += 100 + 100 * Math.floor(rng() * 3);
      tractSize = 1 + Math.floor(rng() * 4);
      bg = 0;
    }
    bg++;
    geoid[i] = `36${String(county(i)).padStart(3, '0')}${String(tract).padStart(6, '0')}${bg}`;
  }

  // Lon/lat frame: ~4° × 3° around (-75.5, 42.5).
  const lon = (x: number): number => Math.round((-77.5 + 4 * x) * 1e7) / 1e7;
  const lat = (y: number): number => Math.round((41 + 3 * y) * 1e7) / 1e7;
  const parts: string[] = [];
  for (const i of order) {
    const cell = voronoi.cellPolygon(i);
    const ring: Array<[number, number]> = [];
    if (cell) {
      for (let q = 0; q + 1 < cell.length; q++) {
        const [x0, y0] = cell[q]!;
        const [x1, y1] = cell[q + 1]!;
        const steps = 12;
        for (let s = 0; s < steps; s++)
          ring.push([lon(x0! + ((x1! - x0!) * s) / steps), lat(y0! + ((y1! - y0!) * s) / steps)]);
      }
      ring.push(ring[0]!);
    }
    const g = gauss();
    const pop = rng() < 0.03 ? 0 : Math.round(1200 * Math.exp(0.55 * g));
    const id = geoid[i]!;
    const properties = {
      STATEFP: id.slice(0, 2),
      COUNTYFP: id.slice(2, 5),
      TRACTCE: id.slice(5, 11),
      BLKGRPCE: id.slice(11),
      GEOID: id,
      id,
      NAMELSAD: `Block Group ${id.slice(11)}`,
      MTFCC: 'G5030',
      FUNCSTAT: 'S',
      ALAND: Math.round(1e6 * (1 + 50 * rng())),
      AWATER: rng() < 0.8 ? 0 : Math.round(1e5 * rng()),
      INTPTLAT: `+${lat(ys[i]!).toFixed(7)}`,
      INTPTLON: lon(xs[i]!).toFixed(7),
      P0010001: pop,
      households: pop,
    };
    parts.push(
      JSON.stringify({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } }),
    );
  }
  const unitsPath = join(out, 'UNITS.geojson');
  const text = `{"type": "FeatureCollection", "name": "cb_bg_like", "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },\n"features": [\n${parts.join(',\n')}\n]\n}\n`;
  writeFileSync(unitsPath, text);
  const edgesPath = join(out, 'EDGES.json');
  writeFileSync(edgesPath, JSON.stringify(pairs.map(([a, b]) => [geoid[a]!, geoid[b]!])));
  return { dir: out, units: unitsPath, edges: edgesPath, n, edgeCount: pairs.length, bytes: text.length };
}

function nearestIndex(xs: number[], ys: number[], limit: number, x: number, y: number): number {
  let best = 0;
  let bd = Infinity;
  for (let j = 0; j < limit; j++) {
    const dd = (xs[j]! - x) ** 2 + (ys[j]! - y) ** 2;
    if (dd < bd) {
      bd = dd;
      best = j;
    }
  }
  return best;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = writeCensusLike(process.argv[2], process.argv[3] ? Number(process.argv[3]) : 8000);
  console.log(JSON.stringify(r));
}
