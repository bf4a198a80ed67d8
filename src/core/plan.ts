/**
 * Plans from units: validation, graph (given adjacency or tessellation), partition, grid polygons
 * by merge, grid codes and figures. The same function runs in the CLI, the worker and the editor.
 */
import type { Feature, Geometry } from 'geojson';
import { adjacencyFromCells, sharedLengths } from './adjacency.ts';
import { assignGridCodes } from './codes.ts';
import { buildGraph } from './graph.ts';
import { mergeCells } from './merge.ts';
import { partitionMetrics } from './metrics.ts';
import {
  partitionGraph,
  preparePartition,
  rebalancePartition,
  type PieceOutcome,
  type PieceTask,
} from './partition/index.ts';
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
import { idRecord, own } from './records.ts';

/** A unit as read from GeoJSON, before validation. */
export interface UnitInput {
  type?: string;
  /** GeoJSON's own feature id: the unit id when the properties hold none (default `id` property only). */
  id?: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
}

export type UnitId = string | number;

export interface PartitionUnitsOptions extends PartitionRunOptions {
  /**
   * Adjacency as pairs of unit ids (matched by `String(id)`), optionally with a cut cost as a third
   * element (`[a, b, 120]`: e.g. metres of shared boundary); default: from the tessellation.
   */
  adjacency?: ArrayLike<readonly [UnitId, UnitId] | readonly [UnitId, UnitId, number]>;
  /**
   * Cut cost of an edge: `length` = the shared boundary length of the two units' cells (metres), so
   * grid boundaries follow long edges such as streets between blocks; default 1 per edge (or the
   * adjacency's third element).
   */
  edgeWeight?: 'length';
  /** Community boundary for the tessellation; default: a hull around the units. */
  boundary?: CellGeometry | Feature<CellGeometry>;
  /** Property holding the weight. Default `households`. */
  weightProperty?: string;
  /** Property holding the unit id (a non-empty string or a number). Default `id`. */
  idProperty?: string;
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
  idProperty = 'id',
): {
  ids: string[];
  weights: number[];
  community: Array<string | undefined>;
  compound: Array<string | undefined>;
} {
  const ids: string[] = [];
  const weights: number[] = [];
  const community: Array<string | undefined> = [];
  const compound: Array<string | undefined> = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const where = `feature ${i}`;
    if (!f || typeof f !== 'object') throw new UnitInputError(`${where} is not a GeoJSON Feature`);
    const p = f.properties;
    if (!p || typeof p !== 'object') throw new UnitInputError(`${where} has no properties`);
    const id = p[idProperty] ?? (idProperty === 'id' ? f.id : undefined);
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new UnitInputError(
        `${where}: property "${idProperty}" must be a non-empty string or a number (got ${JSON.stringify(id)})`,
      );
    }
    const key = String(id);
    const label = `${where} (id ${JSON.stringify(key)})`;
    const before = seen.get(key);
    if (before !== undefined) throw new UnitInputError(`${label}: id is also used by feature ${before}`);
    seen.set(key, i);
    const w = p[weightProperty];
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0) {
      throw new UnitInputError(
        `${label}: "${weightProperty}" must be a whole number ≥ 0 (got ${JSON.stringify(w)})`,
      );
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
    const k = p.compound;
    compound.push(k === undefined || k === null || k === '' ? undefined : String(k));
  }
  return { ids, weights, community, compound };
}

function validCoordinates(g: Geometry): boolean {
  const pos = (p: unknown): boolean =>
    Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const ring = (r: unknown): boolean => Array.isArray(r) && r.length >= 4 && r.every(pos);
  if (g.type === 'Point') return pos(g.coordinates);
  if (g.type === 'Polygon') return g.coordinates.length > 0 && g.coordinates.every(ring);
  if (g.type === 'MultiPolygon')
    return g.coordinates.length > 0 && g.coordinates.every((p) => p.length > 0 && p.every(ring));
  return false;
}

/** Pairs of ids → pairs of node indices (and weights when given); throws naming the first bad edge. */
export function edgesFromIds(
  pairs: ArrayLike<readonly [UnitId, UnitId] | readonly [UnitId, UnitId, number]>,
  index: Map<string, number>,
  weights?: number[],
): Array<[number, number]> {
  const edges: Array<[number, number]> = [];
  for (let e = 0; e < pairs.length; e++) {
    const pair = pairs[e];
    if (!Array.isArray(pair) || (pair.length !== 2 && pair.length !== 3)) {
      throw new UnitInputError(
        `edge ${e} must be a pair [idA, idB] or [idA, idB, weight] (got ${JSON.stringify(pair)})`,
        'adjacency',
      );
    }
    if (pair.length === 3 && !(typeof pair[2] === 'number' && pair[2] >= 0 && Number.isFinite(pair[2]))) {
      throw new UnitInputError(
        `edge ${e}: weight must be a number ≥ 0 (got ${JSON.stringify(pair[2])})`,
        'adjacency',
      );
    }
    weights?.push(pair.length === 3 ? (pair[2] as number) : 1);
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
  const input = planInput(units, request, options);
  const partition = partitionGraph(input.graph, input.request, options);
  return derivePlan(input, partition, options, t0, now());
}

/** Solves the tasks of a partition somewhere else (e.g. a pool of worker threads), in task order. */
export type PieceRunner = (tasks: PieceTask[], run: PartitionRunOptions) => Promise<PieceOutcome[]>;

/**
 * `partitionUnits` with the pieces (communities, islands) solved by `runner`, e.g. in parallel
 * worker threads; the plan is the same as `partitionUnits` gives.
 *
 * @example
 * const plan = await partitionUnitsWith(units, { minHouseholds: 300, maxHouseholds: 500 }, {}, runInWorkers);
 */
export async function partitionUnitsWith(
  units: { features: ArrayLike<UnitInput> },
  request: PartitionRequest,
  options: PartitionUnitsOptions,
  runner: PieceRunner,
): Promise<UnitPlan> {
  const t0 = now();
  const input = planInput(units, request, options);
  const job = preparePartition(input.graph, input.request, options);
  const partition = job.finish(await runner(job.tasks, options));
  return derivePlan(input, partition, options, t0, now());
}

interface PlanInput {
  graph: UnitGraph;
  cells: Array<CellGeometry | null> | null;
  geometries: Array<CellGeometry | null>;
  request: PartitionRequest;
}

function planInput(
  units: { features: ArrayLike<UnitInput> },
  request: PartitionRequest,
  options: PartitionUnitsOptions,
): PlanInput {
  const { graph, cells, geometries } = graphOfUnits(units, options);
  let composite: number[] | undefined;
  if (options.compositeProperty) {
    const key = options.compositeProperty;
    composite = Array.from(units.features, (f) => Number(f.properties?.[key] ?? 0) || 0);
  }
  return { graph, cells, geometries, request: { ...request, composite: composite ?? request.composite } };
}

/** Grid polygons, codes, assignment and figures from a partition. */
function derivePlan(
  input: PlanInput,
  partition: GraphPartition,
  options: PartitionUnitsOptions,
  t0: number,
  t1: number,
): UnitPlan {
  const { graph, geometries } = input;
  let cells = input.cells;

  // Geometry and codes.
  const wantGeometry = options.geometry !== false && geometries.every((g) => !!g);
  if (wantGeometry && !cells) cells = tessellate(geometries, { boundary: options.boundary }).cells;
  const shapes = cells ? mergeCells(cells, partition.part, partition.parts) : null;
  const sites = siteOf(geometries);
  const gridIds = codesFor(graph, partition, sites, options.current);
  const assignment = idRecord<string>();
  for (let i = 0; i < graph.n; i++)
    if (partition.part[i]! >= 0) assignment[graph.ids[i]!] = gridIds[partition.part[i]!]!;
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
    const ring =
      g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : undefined;
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
      const g = own(current, graph.ids[i]!);
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

/** A unit graph with what is needed to map results back to unit ids. */
export interface UnitGraphBundle {
  graph: UnitGraph;
  index: Map<string, number>;
  cells: Array<CellGeometry | null> | null;
  sites: Array<[number, number] | null>;
}

/** Builds the unit graph once (given adjacency, or tessellation) for the editing operations below. */
export function buildUnitGraph(
  units: { features: ArrayLike<UnitInput> },
  options: Pick<
    PartitionUnitsOptions,
    'adjacency' | 'boundary' | 'weightProperty' | 'idProperty' | 'edgeWeight'
  > = {},
): UnitGraphBundle {
  const { graph, cells, geometries } = graphOfUnits(units, options);
  const index = new Map<string, number>();
  graph.ids.forEach((id, i) => index.set(id, i));
  return { graph, index, cells, sites: siteOf(geometries) };
}

/** Validated units → the unit graph (given adjacency or tessellation), with sites, compounds, edge weights. */
function graphOfUnits(
  units: { features: ArrayLike<UnitInput> },
  options: Pick<
    PartitionUnitsOptions,
    'adjacency' | 'boundary' | 'weightProperty' | 'idProperty' | 'edgeWeight'
  >,
): { graph: UnitGraph; cells: Array<CellGeometry | null> | null; geometries: Array<CellGeometry | null> } {
  const { ids, weights, community, compound } = readUnits(
    units.features,
    options.weightProperty,
    !options.adjacency,
    options.idProperty,
  );
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const geometries = Array.from(units.features, (f) => f.geometry as CellGeometry | null);
  let cells: Array<CellGeometry | null> | null = null;
  let edges: Array<[number, number]>;
  let edgeWeights: number[] | undefined;
  if (options.adjacency) {
    edgeWeights = [];
    edges = edgesFromIds(options.adjacency, index, edgeWeights);
    if (edgeWeights.every((w) => w === 1)) edgeWeights = undefined;
  } else {
    cells = tessellate(geometries, { boundary: options.boundary }).cells;
    edges = adjacencyFromCells(cells);
  }
  if (options.edgeWeight === 'length') {
    cells ??= geometries.every((g) => !!g)
      ? tessellate(geometries, { boundary: options.boundary }).cells
      : null;
    if (!cells) throw new UnitInputError('edge weight "length" needs unit geometries');
    edgeWeights = sharedLengths(cells, edges);
  }
  const sites = siteOf(geometries);
  const graph = buildGraph({ ids, weights, edges, community, compound, sites, edgeWeights });
  return { graph, cells, geometries };
}

export interface EditResult {
  /** Unit id → grid id, for every unit of the input assignment. */
  assignment: Record<string, string>;
  /** Grids created by the edit (re-split) or changed by it (rebalance). */
  grids: string[];
  feasible: boolean;
  problems: PartitionProblem[];
  /** Households whose grid changed. */
  householdsMoved: number;
}

function gridIndex(
  bundle: UnitGraphBundle,
  assignment: Record<string, string>,
): { part: Int32Array; names: string[] } {
  const names: string[] = [];
  const byName = new Map<string, number>();
  const part = new Int32Array(bundle.graph.n).fill(-1);
  bundle.graph.ids.forEach((id, i) => {
    const g = own(assignment, id);
    if (g === undefined) return;
    let p = byName.get(g);
    if (p === undefined) {
      p = names.length;
      names.push(g);
      byName.set(g, p);
    }
    part[i] = p;
  });
  return { part, names };
}

function movedBetween(
  graph: UnitGraph,
  before: Record<string, string>,
  after: Record<string, string>,
): number {
  let moved = 0;
  graph.ids.forEach((id, i) => {
    if (own(before, id) !== own(after, id)) moved += graph.weights[i]!;
  });
  return moved;
}

/**
 * Splits one grid into `request.parts` (default 2) balanced, contiguous grids; other grids are
 * untouched. New grids get fresh codes (community code + sequence, reading order).
 *
 * @example
 * const next = resplitGrid(bundle, assignment, '330102001003', { parts: 2 });
 */
export function resplitGrid(
  bundle: UnitGraphBundle,
  assignment: Record<string, string>,
  gridId: string,
  request: PartitionRequest = {},
  run: PartitionRunOptions = {},
): EditResult {
  const { graph } = bundle;
  const members: number[] = [];
  graph.ids.forEach((id, i) => {
    if (own(assignment, id) === gridId) members.push(i);
  });
  if (members.length === 0) throw new Error(`grid ${gridId} has no units`);
  const local = new Map<number, number>();
  members.forEach((v, i) => local.set(v, i));
  const edges: Array<[number, number]> = [];
  for (const v of members) {
    for (let j = graph.offsets[v]!; j < graph.offsets[v + 1]!; j++) {
      const u = graph.targets[j]!;
      const lu = local.get(u);
      if (lu !== undefined && u > v) edges.push([local.get(v)!, lu]);
    }
  }
  const sub = buildGraph({
    ids: members.map((v) => graph.ids[v]!),
    weights: members.map((v) => graph.weights[v]!),
    edges,
  });
  const req: PartitionRequest =
    request.minHouseholds !== undefined || request.maxHouseholds !== undefined
      ? request
      : { ...request, parts: request.parts ?? 2, tolerance: request.tolerance ?? 0.05 };
  const result = partitionGraph(sub, req, run);
  const community = graph.communityNames[graph.community[members[0]!]!] ?? '';
  // Codes: keep every other grid's id, give the new parts fresh codes.
  const { names } = gridIndex(bundle, assignment);
  const others = names.filter((g) => g !== gridId);
  const cx = new Float64Array(result.parts);
  const cy = new Float64Array(result.parts);
  const cn = new Int32Array(result.parts);
  members.forEach((v, i) => {
    const s = bundle.sites[v];
    const p = result.part[i]!;
    if (!s || p < 0) return;
    cx[p] += s[0];
    cy[p] += s[1];
    cn[p]!++;
  });
  const codes = assignGridCodes([
    ...others.map((g) => ({ community, x: 0, y: 0, keep: g })),
    ...Array.from({ length: result.parts }, (_, p) => ({
      community,
      x: cn[p] ? cx[p]! / cn[p]! : p,
      y: cn[p] ? cy[p]! / cn[p]! : 0,
    })),
  ]).slice(others.length);
  const next = idRecord(assignment);
  members.forEach((v, i) => {
    if (result.part[i]! >= 0) next[graph.ids[v]!] = codes[result.part[i]!]!;
  });
  return {
    assignment: next,
    grids: codes,
    feasible: result.feasible,
    problems: result.problems,
    householdsMoved: movedBetween(graph, assignment, next),
  };
}

export interface RebalanceRequest {
  /** Grids to rebalance (e.g. two neighbours); default: every grid not locked. */
  grids?: string[];
  /** Grids left exactly as they are. */
  locked?: string[];
  minHouseholds?: number;
  maxHouseholds?: number;
  /** Deviation from the mean of the rebalanced grids; default 0.05 (inside the band when given). */
  tolerance?: number;
  /** Also smooth boundaries (fewer cut edges) where that moves no unit away from its grid. */
  reshape?: boolean;
}

/**
 * Rebalances grids in place, moving as few households as possible: locked grids and grids not
 * named are untouched; units move only across boundaries between rebalanced grids; every grid stays
 * contiguous. When two grids cannot be balanced by moving boundary units, their union is split anew.
 *
 * @example
 * rebalanceGrids(bundle, assignment, { locked: ['330102001001'], minHouseholds: 300, maxHouseholds: 500 });
 */
export function rebalanceGrids(
  bundle: UnitGraphBundle,
  assignment: Record<string, string>,
  request: RebalanceRequest = {},
  run: PartitionRunOptions = {},
): EditResult {
  const { graph } = bundle;
  const { part, names } = gridIndex(bundle, assignment);
  const chosen = new Set(request.grids ?? names);
  for (const g of request.locked ?? []) chosen.delete(g);
  const parts = names.length;
  const locked = names.map((g) => !chosen.has(g));
  const weight = new Float64Array(parts);
  const comm = new Int32Array(parts);
  for (let i = 0; i < graph.n; i++) {
    if (part[i]! < 0) continue;
    weight[part[i]!] += graph.weights[i]!;
    comm[part[i]!] = graph.community[i]!;
  }
  // Mean of the rebalanced grids per community.
  const sum = new Map<number, [number, number]>();
  for (let p = 0; p < parts; p++) {
    if (locked[p]) continue;
    const t = sum.get(comm[p]!) ?? [0, 0];
    sum.set(comm[p]!, [t[0] + weight[p]!, t[1] + 1]);
  }
  const t = request.tolerance ?? 0.05;
  const lower: number[] = [];
  const upper: number[] = [];
  const ideal: number[] = [];
  for (let p = 0; p < parts; p++) {
    const [w, c] = sum.get(comm[p]!) ?? [weight[p]!, 1];
    const mean = w / c;
    let lo = mean * (1 - t);
    let hi = mean * (1 + t);
    if (request.minHouseholds !== undefined) lo = Math.max(lo, request.minHouseholds);
    if (request.maxHouseholds !== undefined) hi = Math.min(hi, request.maxHouseholds);
    if (lo > hi) {
      lo = request.minHouseholds ?? mean * (1 - t);
      hi = request.maxHouseholds ?? mean * (1 + t);
    }
    lower.push(lo);
    upper.push(hi);
    ideal.push(mean);
  }
  const result = rebalancePartition(
    graph,
    part,
    parts,
    { lower, upper, ideal },
    { ...run, locked, reshape: request.reshape },
  );
  const next = idRecord(assignment);
  graph.ids.forEach((id, i) => {
    if (result.part[i]! >= 0) next[id] = names[result.part[i]!]!;
  });
  const changed = names.filter((_, p) => !locked[p]);
  if (!result.feasible && changed.length === 2) {
    // Boundary moves were not enough: split the pair's union anew, keeping the two ids.
    const merged = idRecord(assignment);
    for (const id of graph.ids) if (merged[id] === changed[1]) merged[id] = changed[0]!;
    const split = resplitGrid(bundle, merged, changed[0]!, { parts: 2, tolerance: t }, run);
    // Each old id goes to the new grid holding most of its old households (ids and workers stay).
    const overlap = [
      [0, 0],
      [0, 0],
    ];
    graph.ids.forEach((id, i) => {
      const before = changed.indexOf(assignment[id]!);
      const after = split.grids.indexOf(split.assignment[id]!);
      if (before >= 0 && after >= 0) overlap[after]![before] += graph.weights[i]!;
    });
    const swap = overlap[0]![1]! + overlap[1]![0]! > overlap[0]![0]! + overlap[1]![1]!;
    const rename = new Map(split.grids.map((g, i) => [g, changed[swap ? 1 - i : i]!]));
    for (const id of graph.ids) {
      const g = split.assignment[id]!;
      if (rename.has(g)) split.assignment[id] = rename.get(g)!;
    }
    return { ...split, grids: changed, householdsMoved: movedBetween(graph, assignment, split.assignment) };
  }
  return {
    assignment: next,
    grids: changed,
    feasible: result.feasible,
    problems: result.problems,
    householdsMoved: movedBetween(graph, assignment, next),
  };
}
