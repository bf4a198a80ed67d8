/// <reference lib="webworker" />
/** Module worker computing patrol coverage (`patrol-job.ts`): one answer per job, in order. */
import { drain } from '../core/steps.ts';
import type { Track } from '../core/tracks.ts';
import { coverageOf, unpackTracks, type PatrolJob } from './patrol-job.ts';

/** The last set of tracks sent (a job for the same set comes with its key only). */
let kept: { key: number; tracks: Track[] } | undefined;

self.addEventListener('message', (event: MessageEvent<{ id: number; job: PatrolJob }>) => {
  const { id, job } = event.data;
  if (kept?.key !== job.tracks.key) kept = { key: job.tracks.key, tracks: unpackTracks(job.tracks) };
  (self as unknown as Worker).postMessage({ id, result: drain(coverageOf(job, kept.tracks)) });
});
