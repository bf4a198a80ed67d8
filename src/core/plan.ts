/**
 * Plans from units: validation, graph (given adjacency or tessellation), partition, grid polygons
 * by merge, grid codes and figures. The same function runs in the CLI, the worker and the editor.
 */
import type { Feature, Geometry } from 'geojson';
import { adjacencyFromCells } from './adjacency.ts';
import { assignGridCodes } from './codes.ts';
import { buildGraph } from './graph.ts';
import { mergeCells } from './merge.ts';
import { partitionMetrics } from './metrics.ts';
import { partitionGraph } from './partition.ts';
import type {
  GraphPartition,
  PartitionMetrics,
  PartitionProblem,
  PartitionRequest,
  PartitionRunOptions,
  UnitGraph,
} from './partition-types.ts';
import { tessellate, type CellGeometry } from './tessellation.ts';
import type { GridFeature, Grids } from './types.ts';

/** A unit as read from GeoJSON, before validation. */
export interface UnitInput {
  type?: string;
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
}

export type UnitId = string | number;

export interface PartitionUnitsOptions extends PartitionRunOptions {
  /** Adjacency as pairs of unit ids (matched by `String(id)`); default: from the tessellation. */
  adjacency?: ArrayLike<readonly [UnitId, UnitId]>;
  /** Community boundary for the tessellation; default: a hull around the units. */
  boundary?: CellGeometry | Feature<CellGeometry>;
  /** Property holding the weight. Default `households`. */
  weightProperty?: string;
  /** Property holding an optional composite workload to even out as a second aim. */
  compositeProperty?: string;
  /** Build grid polygons. Default true (skipped when units have no geometry). */
  geometry?: boolean;
  /** Current grid per unit id (e.g. the `grid` property); an unchanged grid keeps its id/code. */
  current?: Record<string, string>;
}

export interface UnitPlan {
  graph: UnitGraph;
  partition: GraphPartition;
  /** Unit id → grid id. */
  assignment: Record<string, string>;
  /** Grid id (= code) of each part. */
  gridIds: string[];
  /** Grid polygons; null when geometry was not available. */
  grids: Grids | null;
  cells: Array<CellGeometry | null> | null;
  metrics: PartitionMetrics;
  feasible: boolean;
  problems: PartitionProblem[];
  /** Milliseconds for graph + partition (incl. tessellation when it gives the adjacency), and for geometry. */
  timing: { partition: number; geometry: number };
}

/** Error in the input, naming the feature and what is wrong. */
export class UnitInputError extends Error {
  /** Which input is wrong. */
  readonly source: 'units' | 'adjacency';
  constructor(message: string, source: 'units' | 'adjacency' = 'units') {
    super(message);
    this.name = 'UnitInputError';
    this.source = source;
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Checks units and returns their ids (as strings, exactly as given) and weights.
 * Throws UnitInputError naming the first bad feature.
 */
export function readUnits(
  features: ArrayLike<UnitInput>,
  weightProperty = 'households',
  needGeometry = false,
): { ids: string[]; weights: number[]; community: Array<string | undefined> } {
  const ids: string[] = [];
  const weights: number[] = [];
  const community: Array<string | undefined> = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const where = `feature ${i}`;
    if (!f || typeof f !== 'object') throw new UnitInputError(`${where} is not a GeoJSON Feature`);
    const p = f.properties;
    if (!p || typeof p !== 'object') throw new UnitInputError(`${where} has no properties`);
    const id = p.id;
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new UnitInputError(`${where}: property "id" must be a non-empty string or a number (got ${JSON.stringify(id)})`);
    }
    const key = String(id);
    const label = `${where} (id ${JSON.stringify(key)})`;
    const before = seen.get(key);
    if (before !== undefined) throw new UnitInputError(`${label}: id is also used by feature ${before}`);
    seen.set(key, i);
    const w = p[weightProperty];
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0) {
      throw new UnitInputError(`${label}: "${weightProperty}" must be a whole number ≥ 0 (got ${JSON.stringify(w)})`);
    }
    const g = f.geometry;
    if (g) {
      if (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
        throw new UnitInputError(`${label}: geometry must be Point, Polygon or MultiPolygon (got ${g.type})`);
      }
      if (!Array.isArray(g.coordinates) || !validCoordinates(g)) {
        throw new UnitInputError(`${label}: ${g.type} has invalid coordinates`);
      }
    } else if (needGeometry) {
      throw new UnitInputError(`${label}: has no geometry, and no adjacency was given`);
    }
    ids.push(key);
    weights.push(w);
    const c = p.community;
    community.push(c === undefined || c === null ? undefined : String(c));
  }
  return { ids, weights, community };
}

function validCoordinates(g: Geometry): boolean {
  const pos = (p: unknown): boolean =>
    Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const ring = (r: unknown): boolean => Array.isArray(r) && r.length >= 4 && r.every(pos);
  if (g.type === 'Point') return pos(g.coordinates);
  if (g.type === 'Polygon') return g.coordinates.length > 0 && g.coordinates.every(ring);
  if (g.type === 'MultiPolygon') return g.coordinates.length > 0 && g.coordinates.every((p) => p.length > 0 && p.every(ring));
  return false;
}

/** Pairs of ids → pairs of node indices; throws naming the first unknown id. */
export function edgesFromIds(
  pairs: ArrayLike<readonly [UnitId, UnitId]>,
  index: Map<string, number>,
): Array<[number, number]> {
  const edges: Array<[number, number]> = [];
  for (let e = 0; e < pairs.length; e++) {
    const pair = pairs[e];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new UnitInputError(`edge ${e} must be a pair [idA, idB] (got ${JSON.stringify(pair)})`, 'adjacency');
    }
    const a = index.get(String(pair[0]));
    const b = index.get(String(pair[1]));
    if (a === undefined || b === undefined) {
      const missing = a === undefined ? pair[0] : pair[1];
      throw new UnitInputError(
        `edge ${e} names unit ${JSON.stringify(String(missing))}, which is not among the units`,
        'adjacency',
      );
    }
    edges.push([a, b]);
  }
  return edges;
}

/**
 * Partitions units into grids and derives everything from the assignment.
 *
 * @example
 * const plan = partitionUnits(units, { minHouseholds: 300, maxHouseholds: 500, seed: 1 }, { boundary });
 */
export function partitionUnits(
  units: { features: ArrayLike<UnitInput> },
  request: PartitionRequest,
  options: PartitionUnitsOptions = {},
): UnitPlan {
  const t0 = now();
  const features = units.features;
  const { ids, weights, community } = readUnits(features, options.weightProperty, !options.adjacency);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const geometries = Array.from(features, (f) => f.geometry as CellGeometry | null);
  const hasGeometry = geometries.every((g) => !!g);
  let cells: Array<CellGeometry | null> | null = null;
  let edges: Array<[number, number]>;
  if (options.adjacency) edges = edgesFromIds(options.adjacency, index);
  else {
    cells = tessellate(geometries, { boundary: options.boundary }).cells;
    edges = adjacencyFromCells(cells);
  }
  const graph = buildGraph({ ids, weights, edges, community });
  let composite: number[] | undefined;
  if (options.compositeProperty) {
    const key = options.compositeProperty;
    composite = Array.from(features, (f) => Number(f.properties?.[key] ?? 0) || 0);
  }
  const partition = partitionGraph(graph, { ...request, composite: composite ?? request.composite }, options);
  const t1 = now();

  // Geometry and codes.
  const wantGeometry = options.geometry !== false && hasGeometry;
  if (wantGeometry && !cells) cells = tessellate(geometries, { boundary: options.boundary }).cells;
  const shapes = cells ? mergeCells(cells, partition.part, partition.parts) : null;
  const sites = siteOf(geometries);
  const gridIds = codesFor(graph, partition, sites, options.current);
  const assignment: Record<string, string> = {};
  for (let i = 0; i < graph.n; i++) if (partition.part[i]! >= 0) assignment[ids[i]!] = gridIds[partition.part[i]!]!;
  let grids: Grids | null = null;
  if (shapes && shapes.every((s) => !!s)) {
    grids = {
      type: 'FeatureCollection',
      features: shapes.map((geometry, p): GridFeature => {
        const c = graph.communityNames[partition.partCommunity[p]!];
        return {
          type: 'Feature',
          geometry: geometry!,
          properties: {
            id: gridIds[p]!,
            code: gridIds[p]!,
            ...(c ? { community: c } : {}),
            households: partition.weights[p]!,
          },
        };
      }),
    };
  }
  const metrics = partitionMetrics(graph, partition.part, partition.parts, partition.ideal);
  return {
    graph,
    partition,
    assignment,
    gridIds,
    grids,
    cells,
    metrics,
    feasible: partition.feasible,
    problems: partition.problems,
    timing: { partition: t1 - t0, geometry: now() - t1 },
  };
}

/** A representative point per unit (point, or mean of the outer ring). */
function siteOf(geometries: Array<Geometry | null>): Array<[number, number] | null> {
  return geometries.map((g) => {
    if (!g) return null;
    if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
    const ring = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : undefined;
    if (!ring || ring.length === 0) return null;
    let x = 0;
    let y = 0;
    for (const p of ring) {
      x += p[0]! / ring.length;
      y += p[1]! / ring.length;
    }
    return [x, y];
  });
}

/**
 * Grid ids: a part holding exactly the units of a current grid keeps that grid's id; other parts
 * get community code + three-digit sequence in reading order.
 */
function codesFor(
  graph: UnitGraph,
  partition: GraphPartition,
  sites: Array<[number, number] | null>,
  current?: Record<string, string>,
): string[] {
  const { parts, part } = partition;
  const sx = new Float64Array(parts);
  const sy = new Float64Array(parts);
  const count = new Int32Array(parts);
  for (let i = 0; i < graph.n; i++) {
    const p = part[i]!;
    const s = sites[i];
    if (p < 0 || !s) continue;
    sx[p] += s[0];
    sy[p] += s[1];
    count[p]!++;
  }
  const keep: Array<string | undefined> = new Array(parts).fill(undefined);
  if (current) {
    // Size of each current grid and of each (part, current grid) overlap.
    const gridSize = new Map<string, number>();
    for (const g of Object.values(current)) gridSize.set(g, (gridSize.get(g) ?? 0) + 1);
    const partSize = new Int32Array(parts);
    const only: Array<string | null | undefined> = new Array(parts).fill(undefined);
    for (let i = 0; i < graph.n; i++) {
      const p = part[i]!;
      if (p < 0) continue;
      partSize[p]!++;
      const g = current[graph.ids[i]!];
      if (g === undefined) only[p] = null;
      else if (only[p] === undefined) only[p] = g;
      else if (only[p] !== g) only[p] = null;
    }
    for (let p = 0; p < parts; p++) {
      const g = only[p];
      if (g && gridSize.get(g) === partSize[p]) keep[p] = g;
    }
  }
  return assignGridCodes(
    Array.from({ length: parts }, (_, p) => ({
      community: graph.communityNames[partition.partCommunity[p]!] ?? '',
      x: count[p] ? sx[p]! / count[p]! : p,
      y: count[p] ? sy[p]! / count[p]! : 0,
      keep: keep[p],
    })),
  );
}
