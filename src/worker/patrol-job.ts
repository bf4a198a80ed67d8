/**
 * A patrol-coverage job as plain data (typed arrays), and the one function that computes it — in the
 * worker (`patrol.worker.ts`) or in the page (`patrol.ts`).
 */
import { buildGridIndex, type GridGeometry } from '../core/aggregate.ts';
import { patrolCoverage, type PatrolSite, type Track } from '../core/tracks.ts';

/** Tracks as typed arrays: per worker, segment lengths and (lng, lat, t) triples. */
export interface PackedTracks {
  workers: string[];
  lengths: Int32Array[];
  fixes: Float64Array[];
}

export interface PatrolJob {
  tracks: PackedTracks;
  sites: { positions: Float64Array; grids: Int32Array };
  grids: GridGeometry[];
  radius: number;
  from?: number;
  to?: number;
}

const packed = new WeakMap<readonly Track[], PackedTracks>();

export function packTracks(tracks: readonly Track[]): PackedTracks {
  let out = packed.get(tracks);
  if (out) return out;
  out = { workers: [], lengths: [], fixes: [] };
  for (const t of tracks) {
    const n = t.segments.reduce((s, seg) => s + seg.length, 0);
    const fixes = new Float64Array(3 * n);
    let k = 0;
    for (const seg of t.segments)
      for (const f of seg) {
        fixes[k++] = f.lng;
        fixes[k++] = f.lat;
        fixes[k++] = f.t;
      }
    out.workers.push(t.worker);
    out.lengths.push(Int32Array.from(t.segments, (s) => s.length));
    out.fixes.push(fixes);
  }
  packed.set(tracks, out);
  return out;
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
export function* coverageOf(job: PatrolJob) {
  const index = buildGridIndex(job.grids);
  const sites: PatrolSite[] = Array.from(job.sites.grids, (grid, i) => ({
    id: String(i),
    position: [job.sites.positions[2 * i]!, job.sites.positions[2 * i + 1]!],
    grid,
  }));
  return yield* patrolCoverage(unpackTracks(job.tracks), sites, job.grids.length, {
    radius: job.radius,
    from: job.from,
    to: job.to,
    gridOfFix: (lng, lat) => index.locate(lng, lat),
  });
}
