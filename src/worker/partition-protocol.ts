/** Messages between the main thread and the partition worker. */
import type { PartitionProgress, PartitionRequest } from '../core/partition-types.ts';
import type {
  EditResult,
  PartitionUnitsOptions,
  RebalanceRequest,
  UnitGraphBundle,
  UnitInput,
} from '../core/plan.ts';
import type { Grids } from '../core/types.ts';

export interface PartitionJob {
  units: { features: UnitInput[] };
  request: PartitionRequest;
  options?: Pick<
    PartitionUnitsOptions,
    'adjacency' | 'boundary' | 'weightProperty' | 'compositeProperty' | 'current'
  >;
}

/** What the worker sends back: plain data only (structured-clone safe). */
export interface PartitionOutcome {
  assignment: Record<string, string>;
  gridIds: string[];
  grids: Grids | null;
  weights: number[];
  metrics: {
    parts: number;
    ideal: number;
    min: number;
    max: number;
    maxDeviation: number;
    contiguous: boolean;
    cutEdges: number;
  };
  feasible: boolean;
  problems: Array<{ code: string; message: string; unit?: string; community?: string }>;
  ms: number;
}

/** A rebalance of grids (`rebalanceGrids`, as on the main thread) over the editor's unit graph. */
export interface RebalanceJob {
  bundle: Omit<UnitGraphBundle, 'cells'> & { cells: null };
  assignment: Record<string, string>;
  request: RebalanceRequest;
}

export type ToWorker =
  | { type: 'run'; id: number; job: PartitionJob }
  | { type: 'rebalance'; id: number; job: RebalanceJob }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; progress: PartitionProgress }
  | { type: 'done'; id: number; outcome: PartitionOutcome }
  | { type: 'rebalanced'; id: number; outcome: EditResult }
  | { type: 'error'; id: number; message: string; cancelled?: boolean };
