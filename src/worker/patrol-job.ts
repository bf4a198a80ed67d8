/**
 * A patrol-coverage job as plain data (typed arrays), and the one function that computes it — in the
 * worker (`patrol.worker.ts`) or in the page (`patrol.ts`).
 */
import { buildGridIndex, type GridGeometry } from '../core/aggregate.ts';
import { patrolCoverage, type PatrolSite } from '../core/patrol.ts';
import type { Track } from '../core/tracks.ts';

/**
 * Tracks as typed arrays: per worker, segment lengths and (lng, lat, t) triples. `key` names the
 * set: the worker keeps the last set it was sent, so a job for the same tracks sends only the key.
 */
export interface PackedTracks {
  key: number;
  workers: string[];
  lengths: Int32Array[];
  fixes: Float64Array[];
}

export interface PatrolJob {
  tracks: PackedTracks;
  /** Building positions (lng, lat pairs), their grid indices, and 1 where residents need care. */
  sites: { positions: Float64Array; grids: Int32Array; care?: Uint8Array };
  grids: GridGeometry[];
  radius: number;
  visitMinutes?: number;
  from?: number;
  to?: number;
}

export function unpackTracks(p: PackedTracks): Track[] {
  return p.workers.map((worker, w) => {
    const fixes = p.fixes[w]!;
    let k = 0;
    const segments = Array.from(p.lengths[w]!, (len) =>
      Array.from({ length: len }, () => ({ lng: fixes[k++]!, lat: fixes[k++]!, t: fixes[k++]! })),
    );
    return { worker, segments };
  });
}

/** The coverage of a job (in the worker, or in the page as time slices). */
export function* coverageOf(job: PatrolJob, tracks: readonly Track[] = unpackTracks(job.tracks)) {
  const index = buildGridIndex(job.grids);
  const sites: PatrolSite[] = Array.from(job.sites.grids, (grid, i) => ({
    id: String(i),
    position: [job.sites.positions[2 * i]!, job.sites.positions[2 * i + 1]!],
    grid,
    care: job.sites.care?.[i] === 1,
  }));
  return yield* patrolCoverage(tracks, sites, job.grids.length, {
    radius: job.radius,
    visitMinutes: job.visitMinutes,
    from: job.from,
    to: job.to,
    gridOfFix: (lng, lat) => index.locate(lng, lat),
  });
}
