/// <reference lib="webworker" />
/** Module worker computing patrol coverage (`patrol-job.ts`): one answer per job, in order. */
import { drain } from '../core/steps.ts';
import { coverageOf, type PatrolJob } from './patrol-job.ts';

self.addEventListener('message', (event: MessageEvent<{ id: number; job: PatrolJob }>) => {
  const { id, job } = event.data;
  (self as unknown as Worker).postMessage({ id, result: drain(coverageOf(job)) });
});
