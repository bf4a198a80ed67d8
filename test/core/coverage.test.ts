import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distance } from '@turf/turf';
import type { Position } from 'geojson';
import { mulberry32 } from '../../demo/data/prng.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import { distanceMetres, stationCoverage, type CoverageSite } from '../../src/core/coverage.ts';

function randomSites(count: number, seed: number): CoverageSite[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `u${i}`,
    position: [120.1 + random() * 0.05, 30.25 + random() * 0.04],
    households: Math.floor(random() * 80),
    grid: `g${i % 4}`,
  }));
}

describe('stationCoverage', () => {
  it('finds the same uncovered sites as a brute-force distance check against every station', () => {
    const sites = randomSites(3000, 2);
    const random = mulberry32(9);
    const stations: Position[] = Array.from({ length: 25 }, () => [
      120.1 + random() * 0.05,
      30.25 + random() * 0.04,
    ]);
    const { uncovered } = stationCoverage(sites, stations, 500);
    const brute = sites
      .filter((site) => stations.every((s) => distance(site.position, s, { units: 'meters' }) > 500))
      .map((s) => s.id);
    assert.deepEqual(uncovered, brute);
  });

  it('measures distance like Turf to the millimetre', () => {
    assert.ok(
      Math.abs(
        distanceMetres([120.15, 30.27], [120.155, 30.274]) -
          distance([120.15, 30.27], [120.155, 30.274], { units: 'meters' }),
      ) < 0.001,
    );
  });

  it('gives coverage per grid and overall as a share of households', () => {
    const sites: CoverageSite[] = [
      { id: 'a', position: [120.15, 30.27], households: 30, grid: 'g1' },
      { id: 'b', position: [120.16, 30.27], households: 10, grid: 'g1' },
      { id: 'c', position: [120.1501, 30.27], households: 60, grid: 'g2' },
    ];
    const result = stationCoverage(sites, [[120.15, 30.27]], 300);
    assert.deepEqual(result.uncovered, ['b']);
    assert.deepEqual(result.overall, { covered: 90, total: 100, percent: 90 });
    assert.equal(result.perGrid.get('g1')?.percent, 75);
    assert.equal(result.perGrid.get('g2')?.percent, 100);
  });

  it('leaves every household uncovered when there is no station', () => {
    const result = stationCoverage(randomSites(10, 1), [], 500);
    assert.equal(result.uncovered.length, 10);
    assert.equal(result.overall.covered, 0);
  });

  it('covers most of the demo community within 500 m', () => {
    const community = generateCommunity({ seed: 7 });
    const sites = community.units.features.map((u) => ({
      id: u.properties.id,
      position: (u.geometry as GeoJSON.Point).coordinates,
      households: u.properties.households,
    }));
    const { overall } = stationCoverage(
      sites,
      community.stations.features.map((s) => s.geometry.coordinates),
      500,
    );
    assert.ok(overall.percent > 50 && overall.percent <= 100);
  });
});
