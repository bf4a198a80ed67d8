/**
 * Grid codes by standard (core/codes.ts) and `wangge codes`: CJ/T 349-2010 (20 digits: object code
 * of CJ/T 348, county, street, community — 601 upward for merged communities — and a 2-digit
 * sequence), the 12-digit statistical division code + 3 digits, and community code + 3 digits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assignGridCodes, checkGridCode, parseCodeStandard } from '../../src/core/codes.ts';

const C = '330102001001'; // county 330102, street 001, community 001
const cjt = parseCodeStandard('cjt349:010100');

describe('grid code standards', () => {
  it('parses the written forms and refuses others, naming the accepted ones', () => {
    assert.deepEqual(parseCodeStandard('sequence'), { kind: 'sequence' });
    assert.deepEqual(parseCodeStandard('Statistical'), { kind: 'statistical' });
    assert.deepEqual(parseCodeStandard('CJ/T349-2010:010100'), { kind: 'cjt349', object: '010100' });
    assert.throws(() => parseCodeStandard('cjt349:0101'), /sequence, statistical or cjt349:OBJECT/);
  });

  it('CJ/T 349-2010: object + division + 2-digit sequence in reading order, kept codes skipped', () => {
    const grids = [
      { community: C, x: 1, y: 0 }, // south-east
      { community: C, x: 0, y: 1 }, // north-west
      { community: C, x: 1, y: 1, keep: '01010033010200100101' }, // kept: 01 is taken
      { community: C, x: 0, y: 0 }, // south-west
    ];
    const codes = assignGridCodes(grids, cjt);
    assert.deepEqual(codes, [
      '01010033010200100104',
      '01010033010200100102',
      '01010033010200100101',
      '01010033010200100103',
    ]);
    for (const code of codes) assert.equal(checkGridCode(code, C, cjt), null);
  });

  it('CJ/T 349-2010 checks: length, object code, community, and 601+ for merged communities', () => {
    assert.match(checkGridCode('0101003301020010010', C, cjt)!, /not 20 digits/);
    assert.match(checkGridCode('02010033010200100101', C, cjt)!, /object code 010100/);
    assert.match(checkGridCode('01010033010200200101', C, cjt)!, /names division 330102002001/);
    assert.equal(checkGridCode('01010033010200160101', C, cjt), null); // a merged grid: community 601
    assert.equal(checkGridCode('01010033010200100100', C, cjt), null); // 00: the community undivided
  });

  it('statistical (15 digits) and sequence (community + 3) schemes', () => {
    const stat = parseCodeStandard('statistical');
    assert.deepEqual(assignGridCodes([{ community: C, x: 0, y: 0 }], stat), [`${C}001`]);
    assert.equal(checkGridCode(`${C}012`, C, stat), null);
    assert.match(checkGridCode(`${C}12`, C, stat)!, /not 15 digits/);
    assert.throws(
      () => assignGridCodes([{ community: '330102001', x: 0, y: 0 }], stat),
      /not a 12-digit division code/,
    );
    assert.deepEqual(assignGridCodes([{ community: '330102001', x: 0, y: 0 }]), ['330102001001']);
    assert.match(
      checkGridCode('330102002001', '330102001', { kind: 'sequence' })!,
      /community code 330102001/,
    );
  });

  it('says when a community runs out of sequence numbers', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ community: C, x: i, y: 0 }));
    assert.throws(() => assignGridCodes(many, cjt), /more than 99 grids/);
  });
});

describe('wangge codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-codes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cli = fileURLToPath(new URL('../../src/cli/wangge.mjs', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, 'codes', ...args], { encoding: 'utf8' });
  const square = (x: number, y: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 0.001, y],
        [x + 0.001, y + 0.001],
        [x, y + 0.001],
        [x, y],
      ],
    ],
  });
  const grids = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square(120.001, 30), properties: { id: 'a', community: C, code: 'x1' } },
      { type: 'Feature', geometry: square(120, 30.001), properties: { id: 'b', community: C, code: 'x1' } },
      { type: 'Feature', geometry: square(120, 30), properties: { id: 'c', community: C } },
    ],
  };
  const file = join(dir, 'grids.geojson');
  writeFileSync(file, JSON.stringify(grids));

  it('--check names every invalid or duplicate code and exits 1', () => {
    const r = run(file, '--check', '--standard', 'cjt349:010100');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /grid a: code x1 is not 20 digits/);
    assert.match(r.stderr, /grid b: code x1 is also grid a's/);
    assert.match(r.stderr, /grid c: no code/);
  });

  it('assigns codes in reading order and the result checks clean; the input is never overwritten', () => {
    const out = join(dir, 'coded.geojson');
    const r = run(file, '--standard', 'cjt349:010100', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const coded = JSON.parse(readFileSync(out, 'utf8')) as typeof grids;
    assert.deepEqual(
      coded.features.map((f) => [f.properties.id, (f.properties as { code?: string }).code]),
      [
        ['a', '01010033010200100103'],
        ['b', '01010033010200100101'],
        ['c', '01010033010200100102'],
      ],
    );
    assert.equal(run(out, '--check', '--standard', 'cjt349:010100').status, 0);
    const same = run(file, '--out', file);
    assert.equal(same.status, 1);
    assert.match(same.stderr, /refusing to overwrite/);
  });
});
