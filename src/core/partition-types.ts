/**
 * Types of the partitioning engine: the unit graph, partition requests, results and problems.
 * The assignment of units to grids is the source of truth; polygons are derived from it.
 */

/** An undirected unit graph in compressed sparse row form. Node `i` is unit `ids[i]`. */
export interface UnitGraph {
  n: number;
  ids: string[];
  /** Neighbours of node i are `targets[offsets[i] .. offsets[i + 1])`. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Households (or population) per node; integers ≥ 0. */
  weights: Float64Array;
  /** Community index per node; parts never mix communities. */
  community: Int32Array;
  communityNames: string[];
  /** Cut cost of each directed edge (aligned with `targets`), e.g. shared boundary length; default 1. */
  edgeWeights?: Float64Array;
  /** Compound (小区) index per node, −1 for none; a compound stays in one grid when the band allows. */
  compound?: Int32Array;
  compoundNames?: string[];
  /** Site of each node as x, y pairs (lon, lat), used to join an island to its nearest grid. */
  sites?: Float64Array;
}

/** How many grids a household band asks for: the fewest that fit (default), or the middle of the band. */
export type GridCount = 'fewest' | 'middle';

/** What to partition into: `parts` with a `tolerance`, or a household band. */
export interface PartitionRequest {
  /**
   * Number of parts (k). With several communities, k is shared out in proportion to households.
   * With a household band as well, exactly this many grids, each inside the band.
   */
  parts?: number;
  /** Maximum relative deviation from the ideal (0.01 = 1 %). Default 0.01. */
  tolerance?: number;
  /** Household band: every grid inside [minHouseholds, maxHouseholds]; k from `gridCount` or `parts`. */
  minHouseholds?: number;
  maxHouseholds?: number;
  /**
   * With a band and no `parts`: `fewest` (default) grids that fit, or `middle`, the count nearest
   * households / middle of the band. A region that cannot meet the band takes one grid more.
   */
  gridCount?: GridCount;
  /**
   * Search budget in milliseconds of the reference machine, counted as work, not read from the
   * clock: the search restarts until it is spent, and a seed and a budget always give the same plan.
   * Default: a fixed effort (a few restarts).
   */
  timeLimitMs?: number;
  /** PRNG seed; the same seed gives the same plan. Default 1. */
  seed?: number;
  /**
   * Optional composite workload per node (same order as the graph). When given, households stay
   * inside the bounds and the composite is made as even as possible as a second aim.
   */
  composite?: ArrayLike<number>;
}

export type PartitionProblemCode =
  | 'too-many-parts'
  | 'unit-over-cap'
  | 'band-infeasible'
  | 'tolerance-not-met'
  | 'not-contiguous'
  | 'piece-too-small'
  | 'cancelled';

export type PartitionWarningCode = 'exclave' | 'compound-split';

/** Something the planner should know that does not make the plan infeasible. */
export interface PartitionWarning {
  code: PartitionWarningCode;
  message: string;
  unit?: string;
  community?: string;
  compound?: string;
}

/** Why a request could not be met. The result still carries the best plan found. */
export interface PartitionProblem {
  code: PartitionProblemCode;
  message: string;
  unit?: string;
  community?: string;
}

export interface PartitionProgress {
  phase: 'prepare' | 'bisect' | 'refine' | 'done';
  /** Pieces (communities and islands) finished so far, and in all. */
  done?: number;
  total?: number;
  /** Cut edges of the best plan so far (of the pieces finished). */
  cutEdges?: number;
  /** 0 … 1 */
  fraction: number;
}

export interface PartitionRunOptions {
  onProgress?: (progress: PartitionProgress) => void;
  /** Polled between phases; returning true stops the run with a `cancelled` problem. */
  isCancelled?: () => boolean;
}

/** A partition of a graph: `part[i]` is the part index of node i (0 … parts − 1). */
export interface GraphPartition {
  part: Int32Array;
  parts: number;
  /** Households per part. */
  weights: number[];
  /** Community index of each part. */
  partCommunity: number[];
  /** Lower and upper household bound of each part that the request asked for. */
  lower: number[];
  upper: number[];
  /** Ideal (target) households of each part. */
  ideal: number[];
  /** False when the request could not be met; `problems` says why. */
  feasible: boolean;
  problems: PartitionProblem[];
  /** Exclaves (an island joined to its nearest grid) and split compounds. */
  warnings: PartitionWarning[];
  /** Compounds whose buildings ended in more than one grid. */
  splitCompounds: string[];
}

/** Figures of a plan, as printed by the CLI. `maxDeviation` is relative: 0.0087 = 0.87 %. */
export interface PartitionMetrics {
  parts: number;
  ideal: number;
  min: number;
  max: number;
  maxDeviation: number;
  contiguous: boolean;
  cutEdges: number;
  /** Sum of the cut edges' weights (equals `cutEdges` when edges carry no weight). */
  cutWeight: number;
}
