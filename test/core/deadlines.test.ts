import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addWorking,
  checkLimits,
  deadlineOf,
  deadlineState,
  handledOnTime,
  onTimeRates,
  parseLimits,
  working,
  type WorkCalendar,
} from '../../src/core/deadlines.ts';
import type { IssueFeature } from '../../src/core/types.ts';

const H = 3_600_000;
const issue = (p: Partial<IssueFeature['properties']>): IssueFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [120.15, 30.27] },
  properties: {
    service_request_id: 'i',
    service_name: '飞线充电',
    stage: 'reported',
    status: 'open',
    requested_datetime: '2026-10-09T09:00:00+08:00', // a Friday
    ...p,
  } as IssueFeature['properties'],
});
const t = (s: string) => Date.parse(s);
const rules = { limits: { 飞线充电: 24, 污水管道堵塞: 48 } };
// Working hours 8:30–17:30, Monday to Friday; 2026-10-12 a holiday; Saturday 2026-10-10 a make-up day.
const cal: WorkCalendar = { hours: [8.5, 17.5], holidays: ['2026-10-12'], workdays: ['2026-10-10'] };

describe('deadlines', () => {
  it('a category limit on the clock, else the issue’s own expected_datetime', () => {
    assert.equal(deadlineOf(issue({}).properties, rules), t('2026-10-10T09:00:00+08:00'));
    const own = issue({ service_name: '停车难', expected_datetime: '2026-10-20T18:00:00+08:00' }).properties;
    assert.equal(deadlineOf(own, rules), t('2026-10-20T18:00:00+08:00'));
    assert.equal(deadlineOf(issue({ service_name: '停车难' }).properties, rules), undefined);
    // service_code matches too
    assert.equal(
      deadlineOf(issue({ service_name: 'x', service_code: '污水管道堵塞' }).properties, rules),
      t('2026-10-11T09:00:00+08:00'),
    );
  });

  it('counts working time: hours, weekends, holidays and make-up days', () => {
    // Friday 9:00 + 24 working hours of 9 a day: Fri 8.5 h (to 17:30), Sat (make-up) 9 h, Sun off,
    // Mon holiday, Tue 6.5 h → Tuesday 15:00.
    const due = addWorking(t('2026-10-09T09:00:00+08:00'), 24 * H, cal);
    assert.equal(new Date(due).toISOString(), new Date(t('2026-10-13T15:00:00+08:00')).toISOString());
    assert.equal(working(t('2026-10-09T09:00:00+08:00'), due, cal), 24 * H);
    assert.equal(working(t('2026-10-11T00:00:00+08:00'), t('2026-10-12T23:00:00+08:00'), cal), 0);
    assert.equal(deadlineOf(issue({}).properties, { ...rules, calendar: cal }), due);
  });

  it('escalates: ok, soon past 80 % of the limit, overdue past it; closed issues have none', () => {
    const p = issue({}).properties;
    const at = (s: string) => deadlineState(p, rules, t(s));
    assert.equal(at('2026-10-09T12:00:00+08:00')!.level, 'ok');
    assert.equal(at('2026-10-10T05:00:00+08:00')!.level, 'soon'); // 20 of 24 h
    assert.equal(at('2026-10-10T05:00:00+08:00')!.left, 4 * H);
    const late = at('2026-10-10T10:00:00+08:00')!;
    assert.equal(late.level, 'overdue');
    assert.equal(late.left, -1 * H);
    assert.equal(
      deadlineState(issue({ stage: 'closed' }).properties, rules, t('2026-10-20T00:00:00Z')),
      undefined,
    );
  });

  it('on-time rates of handled issues per grid', () => {
    const issues = [
      issue({ stage: 'closed', updated_datetime: '2026-10-09T20:00:00+08:00' }), // on time
      issue({ stage: 'closed', updated_datetime: '2026-10-11T09:00:00+08:00' }), // late
      issue({ stage: 'closed' }), // no closing time: not counted
      issue({}), // open: not counted
    ];
    assert.equal(handledOnTime(issues[0]!.properties, rules), true);
    assert.equal(handledOnTime(issues[1]!.properties, rules), false);
    const rates = onTimeRates(issues, rules, () => 'G1');
    assert.deepEqual(rates.get('G1'), { handled: 2, onTime: 1, rate: 0.5 });
  });

  it('names bad limits and unknown categories; parses the attribute form', () => {
    assert.deepEqual(
      checkLimits({ 飞线充电: 24, 飞线冲电: 24, 污水: -1 }, [issue({}), issue({ service_name: '污水' })]),
      ['飞线冲电: no issue has this category', '污水: -1 is not a number of hours > 0'],
    );
    assert.deepEqual({ ...parseLimits('飞线充电:24，污水管道堵塞：48') }, { 飞线充电: 24, 污水管道堵塞: 48 });
    assert.deepEqual(parseLimits('{"a":1}'), { a: 1 });
  });
});
