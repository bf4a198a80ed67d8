import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drain, runSteps, type Steps } from '../../src/core/steps.ts';
import { validateIssues, validationSteps } from '../../src/core/validate.ts';

function* counting(n: number, log: string[]): Steps<number> {
  for (let i = 0; i < n; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return n;
}

describe('steps', () => {
  it('drain runs every step at once', () => {
    const log: string[] = [];
    assert.equal(drain(counting(3, log)), 3);
    assert.equal(log.length, 3);
  });

  it('runSteps gives the event loop a turn between slices', async () => {
    const log: string[] = [];
    setTimeout(() => log.push('timer'), 0);
    assert.equal(await runSteps(counting(4, log), { sliceMs: 0 }), 4);
    assert.ok(log.indexOf('timer') > 0 && log.indexOf('timer') < log.length - 1, log.join(', '));
  });

  it('runSteps stops when the work is stale', async () => {
    const log: string[] = [];
    let stale = false;
    setTimeout(() => (stale = true), 0);
    assert.equal(await runSteps(counting(1000, log), { sliceMs: 0, stale: () => stale }), undefined);
    assert.ok(log.length < 1000);
  });

  it('validation in steps gives the same result as at once, yielding as it goes', () => {
    const features = Array.from({ length: 5000 }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.1, 30.2] },
      properties: {
        service_request_id: i === 9 ? 'dup' : i === 10 ? 'dup' : `i${i}`,
        service_name: '飞线充电',
        stage: 'reported',
        requested_datetime: '2026-10-01T09:00:00Z',
      },
    }));
    const input = { type: 'FeatureCollection', features };
    const steps = validationSteps('issues', input);
    let yields = 0;
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    assert.ok(yields >= 2, `${yields} yields`);
    assert.deepEqual(r.value, validateIssues(input));
    assert.equal(r.value.features.length, 4999);
  });
});
