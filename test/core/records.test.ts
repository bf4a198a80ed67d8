/**
 * Ids are data, not object keys: units and grids named `__proto__`, `constructor` or `toString`
 * come through the CLI, the partition and the editor as themselves, and nothing touches
 * `Object.prototype`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assignmentFromCsv, assignmentToCsv } from '../../src/core/editor/io.ts';
import { createEditorContext } from '../../src/core/editor/context.ts';
import { assignUnits } from '../../src/core/editor/operations.ts';
import { planOf, stateFromPlan } from '../../src/core/editor/state.ts';
import { partitionUnits } from '../../src/core/plan.ts';
import { idRecord } from '../../src/core/records.ts';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const square = (i: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [120 + i * 0.001, 30],
      [120.001 + i * 0.001, 30],
      [120.001 + i * 0.001, 30.001],
      [120 + i * 0.001, 30.001],
      [120 + i * 0.001, 30],
    ],
  ],
});
const units = {
  type: 'FeatureCollection' as const,
  features: HOSTILE.map((id, i) => ({
    type: 'Feature' as const,
    geometry: square(i),
    properties: { id, households: 100 },
  })),
};
const dir = mkdtempSync(join(tmpdir(), 'wangge-ids-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function prototypeUntouched(): void {
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  for (const key of ['polluted', '001', '002']) assert.equal(key in {}, false, `Object.prototype has ${key}`);
}

describe('ids are data, not object keys', () => {
  it('idRecord keeps every id as an own key, with nothing inherited', () => {
    const r = idRecord<string>();
    for (const id of HOSTILE) assert.equal(r[id], undefined);
    r['__proto__'] = 'g1';
    assert.deepEqual(Object.keys(r), ['__proto__']);
    const copy = idRecord(JSON.parse('{"__proto__":"g2","constructor":"g3"}') as Record<string, string>);
    assert.equal(copy['__proto__'], 'g2');
    assert.equal(copy['constructor'], 'g3');
    prototypeUntouched();
  });

  it('partitionUnits assigns __proto__ and constructor like any unit', () => {
    const plan = partitionUnits(units, { parts: 2 });
    for (const id of HOSTILE) assert.equal(typeof plan.assignment[id], 'string', id);
    assert.deepEqual(Object.keys(plan.assignment).sort(), [...HOSTILE].sort());
    prototypeUntouched();
  });

  it('the editor state and the assignment CSV keep them', () => {
    const context = createEditorContext(units);
    const assignment = idRecord<string>(HOSTILE.map((id, i) => [id, i < 2 ? 'g1' : 'g2'] as const));
    const grids = ['g1', 'g2'].map((id) => ({ id, code: id }));
    let state = stateFromPlan({ grids, assignment });
    assert.equal(state.assignment['__proto__'], 'g1');
    assert.equal(state.assignment['polluted'], undefined);
    state = assignUnits(context, state, ['__proto__'], 'g2');
    assert.equal(state.assignment['__proto__'], 'g2');
    assert.equal(planOf(state, context.households).assignment['__proto__'], 'g2');
    const back = assignmentFromCsv(assignmentToCsv(state.assignment));
    assert.equal(back['__proto__'], 'g2');
    assert.equal(back['constructor'], 'g1');
    assert.equal(assignmentFromCsv('unit,grid\nconstructor,g9\n')['constructor'], 'g9');
    prototypeUntouched();
  });

  it('the CLI writes __proto__ as an id, not [object Object]', () => {
    const input = join(dir, 'units.geojson');
    const csv = join(dir, 'assignment.csv');
    writeFileSync(input, JSON.stringify(units));
    const cli = fileURLToPath(new URL('../../src/cli/wangge.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [cli, 'partition', input, '--parts', '2', '--assignment', csv], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    assert.deepEqual(rows.map((row) => row.split(',')[0]).sort(), [...HOSTILE].sort());
    for (const row of rows) assert.match(row, /^[^,]+,\d+$/, row);
  });
});
