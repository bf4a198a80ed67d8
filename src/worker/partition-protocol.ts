/** Messages between the main thread and the partition worker. */
import type { PartitionProgress, PartitionRequest } from '../core/partition-types.ts';
import type { PartitionUnitsOptions, UnitInput } from '../core/plan.ts';
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

export type ToWorker = { type: 'run'; id: number; job: PartitionJob } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; progress: PartitionProgress }
  | { type: 'done'; id: number; outcome: PartitionOutcome }
  | { type: 'error'; id: number; message: string; cancelled?: boolean };
