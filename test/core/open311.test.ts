import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCommunity } from '../../demo/data/generate.ts';
import { fromOpen311, Open311Error, toOpen311 } from '../../src/core/open311.ts';

describe('Open311', () => {
  it('round-trips the demo issues: same ids, places, stages and properties', () => {
    const issues = generateCommunity({ seed: 7 }).issues;
    const { issues: back, problems } = fromOpen311(JSON.parse(JSON.stringify(toOpen311(issues))));
    assert.deepEqual(problems, []);
    assert.deepEqual(back, issues);
  });

  it('maps every stage but closed to status open and keeps the stage in extended_attributes', () => {
    const issues = generateCommunity({ seed: 7 }).issues.features.slice(0, 200);
    for (const request of toOpen311(issues)) {
      assert.equal(request.status, request.extended_attributes?.stage === 'closed' ? 'closed' : 'open');
    }
  });

  it('reads plain GeoReport v2 requests without our extension', () => {
    const { issues } = fromOpen311([
      {
        service_request_id: 638344,
        status: 'closed',
        service_name: 'Sidewalk',
        lat: 37.76,
        long: -122.41,
        requested_datetime: '2010-04-14T06:37:38-08:00',
      },
      { service_request_id: '7', status: 'open', service_code: 'PH', lat: 30.27, long: 120.15 },
    ]);
    assert.deepEqual(
      issues.features.map((f) => [
        f.properties.service_request_id,
        f.properties.stage,
        f.properties.service_name,
      ]),
      [
        ['638344', 'closed', 'Sidewalk'],
        ['7', 'reported', 'PH'],
      ],
    );
  });

  it('names each bad request in its problem and keeps the good ones', () => {
    const { issues, problems } = fromOpen311([
      { service_request_id: 'a', status: 'open', lat: 30, long: 120 },
      { service_request_id: 'b', status: 'pending', lat: 30, long: 120 },
      { service_request_id: 'c', status: 'open', lat: 'x', long: 120 },
      { status: 'open', lat: 30, long: 120 },
      { service_request_id: 'a', status: 'open', lat: 30, long: 120 },
    ]);
    assert.equal(issues.features.length, 1);
    assert.deepEqual(
      problems.map((p) => p.request),
      ['b', 'c', '#3', 'a'],
    );
    assert.match(problems[0]!.message, /status/);
  });

  it('throws an Open311Error naming the request in strict mode', () => {
    assert.throws(
      () =>
        fromOpen311([{ service_request_id: 'r-9', status: 'open', lat: 95, long: 120 }], { strict: true }),
      (error: unknown) => error instanceof Open311Error && /r-9/.test(error.message),
    );
  });

  it('keeps hostile text as the same string, unparsed', () => {
    const description = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { issues } = fromOpen311([
      { service_request_id: 'x', status: 'open', lat: 30, long: 120, description },
    ]);
    assert.equal(issues.features[0]!.properties.description, description);
  });

  it('ignores a closed stage on an open request', () => {
    const { issues } = fromOpen311([
      {
        service_request_id: 'x',
        status: 'open',
        lat: 30,
        long: 120,
        extended_attributes: { stage: 'closed' },
      },
    ]);
    assert.equal(issues.features[0]!.properties.stage, 'reported');
  });
});
