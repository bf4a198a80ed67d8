import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addPatrol,
  assess,
  issueFigures,
  monthEdges,
  scoreOf,
  emptyFigures,
} from '../../src/core/assessment.ts';
import type { IssueFeature } from '../../src/core/types.ts';
import { workloadByWorker } from '../../src/core/workload.ts';

const issue = (
  id: string,
  requested: string,
  closed?: string,
  extra: Partial<IssueFeature['properties']> = {},
): IssueFeature => ({
  type: 'Feature',
  properties: {
    service_request_id: id,
    service_name: '飞线充电',
    status: closed ? 'closed' : 'open',
    stage: closed ? 'closed' : 'handling',
    requested_datetime: requested,
    ...(closed ? { updated_datetime: closed } : {}),
    ...extra,
  } as IssueFeature['properties'],
  geometry: { type: 'Point', coordinates: [120, 30] },
});

const edges = monthEdges(Date.parse('2026-08-01T00:00:00+08:00'), Date.parse('2026-11-01T00:00:00+08:00'));

describe('assessment', () => {
  it('month edges are calendar months in UTC+8', () => {
    assert.equal(edges.length, 4);
    assert.equal(new Date(edges[0]!).toISOString(), '2026-07-31T16:00:00.000Z');
    assert.equal(new Date(edges[3]!).toISOString(), '2026-10-31T16:00:00.000Z');
    // A date in the middle of a month starts at that month; one month at least.
    const one = monthEdges(Date.parse('2026-09-15T00:00:00+08:00'), Date.parse('2026-09-20T00:00:00+08:00'));
    assert.deepEqual(
      one.map((e) => new Date(e).toISOString().slice(0, 10)),
      ['2026-08-31', '2026-09-30'],
    );
  });

  it('counts reported, handled, on time and open at each month end per grid', () => {
    const issues = [
      // Aug: reported and closed in 10 h (limit 24 h): on time.
      issue('a', '2026-08-03T09:00:00+08:00', '2026-08-03T19:00:00+08:00'),
      // Aug reported, closed in Sep after 30 days: late; open at the end of Aug.
      issue('b', '2026-08-20T09:00:00+08:00', '2026-09-19T09:00:00+08:00'),
      // Sep reported, still open: open at the end of Sep and Oct.
      issue('c', '2026-09-05T09:00:00+08:00'),
      // Before the period, still open: open at every month end.
      issue('d', '2026-06-01T09:00:00+08:00'),
      // Grid 1, after the period: not counted.
      issue('e', '2026-11-05T09:00:00+08:00'),
      // No grid.
      issue('f', '2026-08-05T09:00:00+08:00'),
    ];
    const figures = issueFigures(issues, [0, 0, 0, 0, 1, -1], 2, edges, { limits: { 飞线充电: 24 } });
    const [aug, sep, oct, period] = figures[0]!;
    assert.deepEqual(
      [aug, sep, oct].map((f) => [f!.reported, f!.handled, f!.judged, f!.onTime, f!.openAtEnd]),
      [
        [2, 1, 1, 1, 2], // a, b reported; a handled on time; b and d open
        [1, 1, 1, 0, 2], // c reported; b handled late; c and d open
        [0, 0, 0, 0, 2],
      ],
    );
    assert.deepEqual([period!.reported, period!.handled, period!.onTime, period!.openAtEnd], [3, 2, 1, 2]);
    assert.equal(figures[1]![3]!.reported, 0);
  });

  it('scores the weighted shares it can measure; weights change it; 0 leaves a share out', () => {
    const f = { ...emptyFigures(), handled: 3, openAtEnd: 1, judged: 3, onTime: 3 };
    // Handling 75 %, on time 100 %, no patrol or care figures.
    assert.equal(scoreOf(f), 87.5);
    assert.equal(scoreOf(f, { onTime: 3 }), 93.75);
    assert.equal(scoreOf(f, { onTime: 0 }), 75);
    addPatrol(f, { buildings: 10, covered: 5, careSites: 4, careVisited: 1 });
    assert.equal(scoreOf(f), (75 + 100 + 50 + 25) / 4);
    assert.equal(scoreOf(emptyFigures()), null);
  });

  it('rows per grid and per worker, with a monthly trend and issues per 100 households', () => {
    const issues = [
      issue('a', '2026-08-03T09:00:00+08:00', '2026-08-03T19:00:00+08:00'),
      issue('b', '2026-09-03T09:00:00+08:00'),
      issue('c', '2026-10-03T09:00:00+08:00', '2026-10-03T10:00:00+08:00'),
    ];
    const figures = issueFigures(issues, [0, 1, 1], 3, edges, { limits: { 飞线充电: 24 } });
    const grids = [
      { id: 'g1', code: '01', name: '一', worker: '张三', households: 400 },
      { id: 'g2', code: '02', name: '二', worker: '张三', households: 200 },
      { id: 'g3', code: '03', name: '三', worker: '', households: 100 },
    ];
    const byGrid = assess(grids, figures);
    assert.equal(byGrid.length, 3);
    const g1 = byGrid.find((r) => r.id === 'g1')!;
    assert.equal(g1.handled, 1);
    assert.equal(g1.issuesPer100, 0.25);
    assert.deepEqual(g1.trend, [100, null, null]);
    const g2 = byGrid.find((r) => r.id === 'g2')!;
    // Sep: b open at the end → handling 0 %; Oct: c handled on time, b still open → 50 % and 100 %.
    assert.deepEqual(g2.trend, [null, 0, 75]);
    const byWorker = assess(grids, figures, { by: 'worker' });
    assert.equal(byWorker.length, 1, 'grids without a worker are left out');
    assert.deepEqual(byWorker[0]!.grids, ['g1', 'g2']);
    assert.equal(byWorker[0]!.households, 600);
    assert.equal(byWorker[0]!.handled, 2);
    assert.equal(byWorker[0]!.period.reported, 3);
  });
});

describe('workers are told apart by community', () => {
  it('two workers of one name in two communities are two rows, labelled with their community', () => {
    const figures = issueFigures([], [], 3, edges);
    const grids = [
      { id: 'a1', code: 'A1', name: '', worker: '张伟', households: 400, community: '滨河社区' },
      { id: 'a2', code: 'A2', name: '', worker: '张伟', households: 300, community: '滨河社区' },
      { id: 'b1', code: 'B1', name: '', worker: '张伟', households: 350, community: '江南社区' },
    ];
    const rows = assess(grids, figures, { by: 'worker' });
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r.label).sort(), ['张伟（江南社区）', '张伟（滨河社区）'].sort());
    assert.deepEqual(rows.find((r) => r.label.includes('滨河'))!.grids, ['a1', 'a2']);
    // One community only: the name alone.
    assert.equal(assess(grids.slice(0, 2), figures, { by: 'worker' })[0]!.label, '张伟');
  });

  it('workloadByWorker sums a worker within their community', () => {
    const rows = workloadByWorker([
      { id: 'a1', worker: '张伟', community: 'A', households: 400, care: 0, open: 0, overdue: 0 },
      { id: 'b1', worker: '张伟', community: 'B', households: 400, care: 0, open: 0, overdue: 0 },
    ]);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r.community).sort(), ['A', 'B']);
  });
});

describe('assessment on messy times', () => {
  it('a closing time before the request counts as closed at the request: no negative open counts', () => {
    const figures = issueFigures(
      [issue('x', '2026-09-01T00:30:00+08:00', '2026-08-31T20:00:00Z')],
      [0],
      1,
      edges,
    );
    assert.ok(figures[0]!.every((f) => f.openAtEnd >= 0));
    assert.equal(figures[0]![1]!.handled, 1);
  });
});
