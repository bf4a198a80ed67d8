import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { timeOf } from '../../src/core/time.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO-like strings, fields sometimes out of range, parts sometimes missing or odd. */
const isoLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.option(fc.integer({ min: 0, max: 61 })),
    milli: fc.option(fc.integer({ min: 0, max: 9999 })),
    zone: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.constant('z'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 25 }),
          m: fc.integer({ min: 0, max: 61 }),
          colon: fc.boolean(),
        })
        .map(({ sign, h, m, colon }) => `${sign}${pad(h)}${colon ? ':' : ''}${pad(m)}`),
    ),
    sep: fc.constantFrom('T', 'T', 'T', ' ', 't'),
  })
  .map(
    (d) =>
      `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}${d.sep}${pad(d.hour)}:${pad(d.minute)}` +
      (d.second === null
        ? ''
        : `:${pad(d.second)}${
            d.milli === null
              ? ''
              : `.${String(d.milli)
                  .padStart(3, '0')
                  .slice(0, (d.milli % 4) + 1)}`
          }`) +
      d.zone,
  );

describe('timeOf', () => {
  it('reads a date-time as new Date(value).getTime() does (100,000 strings, ISO-like and not)', () => {
    fc.assert(
      fc.property(fc.oneof(isoLike, isoLike, fc.string(), fc.integer(), fc.double()), (value) => {
        assert.equal(timeOf(value), new Date(value).getTime(), String(value));
      }),
      { numRuns: 100_000, seed: 7 },
    );
  });

  it('reads the common forms', () => {
    assert.equal(timeOf('2025-11-02T10:33:00+08:00'), Date.UTC(2025, 10, 2, 2, 33));
    assert.equal(timeOf('2024-02-29T23:59:59.999Z'), Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    assert.equal(timeOf('2025-01-01T10:00-05:30'), Date.UTC(2025, 0, 1, 15, 30));
    assert.equal(timeOf(1762050780000), 1762050780000);
  });

  it('is NaN for what is not a date-time', () => {
    for (const value of ['', 'soon', '2025-13-01T00:00:00Z', null, undefined, {}, true])
      assert.ok(Number.isNaN(timeOf(value)), String(value));
  });
});
