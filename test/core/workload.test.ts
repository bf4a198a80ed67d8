import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_NOW, generateDistrict } from '../../demo/data/generate.ts';
import { partitionUnits } from '../../src/core/plan.ts';
import type { IssueFeature, UnitFeature } from '../../src/core/types.ts';
import {
  unitWorkloadFigures,
  unitWorkloadWeights,
  workloadByWorker,
  workloadIndex,
} from '../../src/core/workload.ts';

const unit = (id: string, at: [number, number], households: number, care = 0): UnitFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: at },
  properties: { id, households, care },
});
const issue = (
  id: string,
  at: [number, number],
  extra: Partial<IssueFeature['properties']> = {},
): IssueFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: at },
  properties: {
    service_request_id: id,
    service_name: '飞线充电',
    stage: 'reported',
    requested_datetime: '2026-10-01T09:00:00+08:00',
    expected_datetime: '2026-10-05T09:00:00+08:00',
    ...extra,
  },
});

describe('workloadIndex', () => {
  it('averages the parts, each against its mean, so the mean index is 1', () => {
    const index = workloadIndex([
      { households: 400, care: 10, open: 4, overdue: 2 },
      { households: 400, care: 30, open: 12, overdue: 2 },
    ]);
    assert.deepEqual(index, [(1 + 0.5 + 0.5 + 1) / 4, (1 + 1.5 + 1.5 + 1) / 4]);
  });

  it('follows the weights and leaves out a part that is zero everywhere', () => {
    const rows = [
      { households: 300, care: 0, open: 0, overdue: 0 },
      { households: 500, care: 0, open: 0, overdue: 0 },
    ];
    assert.deepEqual(workloadIndex(rows, { households: 2, care: 5 }), [0.75, 1.25]);
  });
});

describe('workloadByWorker', () => {
  it('sums the grids of each worker and marks those above 120 % of the mean', () => {
    const workers = workloadByWorker(
      [
        { id: 'g1', worker: '张', households: 400, care: 10, open: 10, overdue: 4 },
        { id: 'g2', worker: '李', households: 400, care: 10, open: 2, overdue: 0 },
        { id: 'g3', worker: '王', households: 200, care: 5, open: 2, overdue: 0 },
        { id: 'g4', worker: '王', households: 200, care: 5, open: 1, overdue: 0 },
      ],
      { households: 1, care: 1, open: 1, overdue: 1 },
    );
    assert.deepEqual(
      workers.map((w) => [w.worker, w.grids, w.overloaded]),
      [
        ['张', ['g1'], true],
        ['王', ['g3', 'g4'], false],
        ['李', ['g2'], false],
      ],
    );
  });
});

describe('unitWorkloadWeights', () => {
  it('counts open and overdue issues on the named unit, else the nearest, never closed ones', () => {
    const units = [unit('a', [120.15, 30.27], 100, 2), unit('b', [120.16, 30.27], 50)];
    const issues = [
      issue('1', [120.1501, 30.27]),
      issue('2', [120.15, 30.27], { unit: 'b', expected_datetime: '2026-12-01T00:00:00+08:00' }),
      issue('3', [120.1599, 30.27], { stage: 'closed' }),
    ];
    assert.deepEqual(unitWorkloadFigures(units, issues, Date.parse('2026-10-31T00:00:00Z')), [
      { households: 100, care: 2, open: 1, overdue: 1 },
      { households: 50, care: 0, open: 1, overdue: 0 },
    ]);
  });

  it('sums to the total households', () => {
    const units = [unit('a', [120.15, 30.27], 100, 2), unit('b', [120.16, 30.27], 50, 6)];
    const composite = unitWorkloadWeights(units, [issue('1', [120.15, 30.27])], {
      now: Date.parse('2026-10-31T00:00:00Z'),
    });
    assert.ok(Math.abs(composite[0]! + composite[1]! - 150) < 1e-9);
  });

  it('lets the partition even out the composite while households stay in the band', () => {
    const district = generateDistrict({ seed: 3, communities: 6, issues: 3000 });
    const composite = unitWorkloadWeights(district.units.features, district.issues.features, {
      now: Date.parse(DEMO_NOW),
    });
    const spread = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) / mean;
    };
    for (const seed of [1, 2]) {
      const spreads = [false, true].map((withComposite) => {
        const plan = partitionUnits(
          district.units,
          { minHouseholds: 300, maxHouseholds: 500, seed, ...(withComposite ? { composite } : {}) },
          { geometry: false },
        );
        assert.equal(plan.feasible, true);
        for (const households of plan.partition.weights) assert.ok(households >= 300 && households <= 500);
        const perGrid = new Array<number>(plan.partition.parts).fill(0);
        plan.partition.part.forEach((p, i) => {
          if (p >= 0) perGrid[p]! += composite[i]!;
        });
        return spread(perGrid);
      });
      assert.ok(
        spreads[1]! < 0.8 * spreads[0]!,
        `seed ${seed}: composite spread ${spreads[1]} with the weight, ${spreads[0]} without`,
      );
    }
  });
});
