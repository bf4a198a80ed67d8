/**
 * Worker of the city-scale partition benchmark (test/bench/partition.bench.ts, section `city`):
 * generates one community at a time (a band district of ~333 buildings with its own community
 * name) and partitions it with the household band, answering with the figures only.
 * Started through tsx's `tsImport` (see `startTsWorker` in partition.bench.ts).
 */
import { parentPort } from 'node:worker_threads';
import { allContiguous, cutEdges } from '../../src/core/metrics.ts';
import { partitionGraph } from '../../src/core/partition/index.ts';
import { BAND_MAX, BAND_MIN, generateBandDistrict } from '../core/band-district.ts';

export interface CityJob {
  community: number;
  buildings: number;
}

export interface CityAnswer {
  community: number;
  buildings: number;
  households: number;
  grids: number;
  planted: number;
  feasible: boolean;
  outOfBand: number;
  contiguous: boolean;
  cutEdges: number;
  generateMs: number;
  partitionMs: number;
  rss: number;
  error?: string;
}

parentPort!.on('message', (job: CityJob) => {
  const t0 = performance.now();
  try {
    const d = generateBandDistrict({
      buildings: job.buildings,
      seed: job.community + 1,
      community: `C${job.community}`,
    });
    const t1 = performance.now();
    const r = partitionGraph(d.graph, { minHouseholds: BAND_MIN, maxHouseholds: BAND_MAX, seed: 1 });
    const t2 = performance.now();
    let households = 0;
    for (let i = 0; i < d.graph.n; i++) households += d.graph.weights[i]!;
    const answer: CityAnswer = {
      community: job.community,
      buildings: d.graph.n,
      households,
      grids: r.parts,
      planted: d.grids,
      feasible: r.feasible,
      outOfBand: r.weights.filter((w) => w < BAND_MIN || w > BAND_MAX).length,
      contiguous: allContiguous(d.graph, r.part, r.parts),
      cutEdges: cutEdges(d.graph, r.part),
      generateMs: t1 - t0,
      partitionMs: t2 - t1,
      rss: process.memoryUsage().rss,
    };
    parentPort!.postMessage(answer);
  } catch (e) {
    parentPort!.postMessage({ community: job.community, error: String((e as Error).stack ?? e) });
  }
});
