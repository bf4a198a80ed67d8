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
}

/** What to partition into: `parts` with a `tolerance`, or a household band. */
export interface PartitionRequest {
  /** Number of parts (k). With several communities, k is shared out in proportion to households. */
  parts?: number;
  /** Maximum relative deviation from the ideal (0.01 = 1 %). Default 0.01. */
  tolerance?: number;
  /** Household band: k is chosen per community so that every part is inside the band. */
  minHouseholds?: number;
  maxHouseholds?: number;
  /** PRNG seed; the same seed gives the same plan. Default 1. */
  seed?: number;
  /**
   * Optional composite workload per node (same order as the graph). When given, households stay
   * inside the bounds and the composite is made as even as possible as a second aim.
   */
  composite?: ArrayLike<number>;
}

export type PartitionProblemCode =
  | 'disconnected'
  | 'too-many-parts'
  | 'unit-over-cap'
  | 'band-infeasible'
  | 'tolerance-not-met'
  | 'not-contiguous'
  | 'cancelled';

/** Why a request could not be met. The result still carries the best plan found. */
export interface PartitionProblem {
  code: PartitionProblemCode;
  message: string;
  unit?: string;
  community?: string;
}

export interface PartitionProgress {
  phase: 'prepare' | 'bisect' | 'refine' | 'done';
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
}
