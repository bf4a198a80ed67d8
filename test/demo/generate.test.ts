import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { area, booleanPointInPolygon, kinks } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  DEMO_BAND,
  DEMO_NOW,
  generateCommunity,
  generateDistrict,
  ISSUE_CATEGORIES,
  mulberry32,
  type DemoCommunity,
} from '../../demo/data/generate.ts';
import { STAGES, type GridFeature, type Grids } from '../../src/core/types.ts';

const community = generateCommunity({ seed: 1 });
const started = performance.now();
const district = generateDistrict();
const districtMs = performance.now() - started;

function gridById(grids: Grids): Map<string, GridFeature> {
  return new Map(grids.features.map((g) => [g.properties.id, g]));
}

function relativeAreaError(parts: Feature<Polygon | MultiPolygon>[], whole: Feature<Polygon>): number {
  const sum = parts.reduce((s, p) => s + area(p), 0);
  return Math.abs(sum - area(whole)) / area(whole);
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

describe('mulberry32', () => {
  it('repeats its sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let k = 0; k < 100; k++) assert.equal(a(), b());
  });

  it('returns floats in [0, 1)', () => {
    const next = mulberry32(7);
    for (let k = 0; k < 10_000; k++) {
      const x = next();
      assert.ok(x >= 0 && x < 1);
    }
  });
});

describe('generateCommunity', () => {
  it('has 7 grids now and 3 before', () => {
    assert.equal(community.grids.features.length, 7);
    assert.equal(community.gridsBefore.features.length, 3);
  });

  it('has about 150 buildings and about 3,200 households', () => {
    const units = community.units.features;
    assert.ok(units.length >= 120 && units.length <= 180, `${units.length} units`);
    const households = units.reduce((s, u) => s + u.properties.households, 0);
    assert.ok(households >= 3000 && households <= 3500, `${households} households`);
  });

  it('keeps every current grid in the 300–500 household band', () => {
    for (const grid of community.grids.features) {
      const households = grid.properties.households as number;
      assert.ok(
        households >= DEMO_BAND.min && households <= DEMO_BAND.max,
        `${grid.properties.id}: ${households}`,
      );
    }
  });

  it('gives every grid the sum of its units as households', () => {
    for (const [grids, gridOf] of [
      [
        community.grids,
        (id: string) => community.units.features.find((u) => u.properties.id === id)?.properties.grid,
      ],
      [community.gridsBefore, (id: string) => community.assignmentBefore[id]],
    ] as const) {
      const sums = new Map<string, number>();
      for (const unit of community.units.features) {
        const grid = gridOf(unit.properties.id) as string;
        sums.set(grid, (sums.get(grid) ?? 0) + unit.properties.households);
      }
      for (const grid of grids.features)
        assert.equal(grid.properties.households, sums.get(grid.properties.id));
    }
  });

  it('has before grids of about a thousand households or more', () => {
    for (const grid of community.gridsBefore.features)
      assert.ok((grid.properties.households as number) >= 850);
  });

  it('puts every unit inside the polygon of its grid and of no other grid', () => {
    for (const unit of community.units.features) {
      const containing = community.grids.features.filter((g) =>
        booleanPointInPolygon(unit.geometry.coordinates as number[], g),
      );
      assert.deepEqual(
        containing.map((g) => g.properties.id),
        [unit.properties.grid],
      );
    }
  });

  it('puts every unit inside its grid before the split', () => {
    const before = gridById(community.gridsBefore);
    for (const unit of community.units.features) {
      const grid = before.get(community.assignmentBefore[unit.properties.id] as string) as GridFeature;
      assert.ok(booleanPointInPolygon(unit.geometry.coordinates as number[], grid), unit.properties.id);
    }
  });

  it('tiles the community with the current grids (areas sum to the community area)', () => {
    assert.ok(relativeAreaError(community.grids.features, community.boundary) < 1e-9);
  });

  it('tiles the community with the grids before the split', () => {
    assert.ok(relativeAreaError(community.gridsBefore.features, community.boundary) < 1e-9);
  });

  it('draws every grid as one closed ring without self-intersection', () => {
    for (const grid of [...community.grids.features, ...community.gridsBefore.features, community.boundary]) {
      assert.equal(grid.geometry.type, 'Polygon');
      const ring = grid.geometry.coordinates[0] as number[][];
      assert.deepEqual(ring[0], ring[ring.length - 1]);
      assert.equal(kinks(grid as Feature<Polygon>).features.length, 0);
    }
  });

  it('codes grids as the community code plus 3 digits, numbered 1 to 7', () => {
    const codes = community.grids.features.map((g) => g.properties.code);
    assert.deepEqual(
      codes,
      ['001', '002', '003', '004', '005', '006', '007'].map((n) => `330102001${n}`),
    );
  });

  it('numbers grids north to south, then west to east', () => {
    const tops = community.grids.features.map((g) =>
      Math.max(...(g.geometry.coordinates[0] as number[][]).map((p) => p[1] as number)),
    );
    for (let k = 1; k < tops.length; k++) assert.ok((tops[k] as number) <= (tops[k - 1] as number) + 1e-12);
  });

  it('gives the seven grids seven different workers', () => {
    assert.equal(new Set(community.grids.features.map((g) => g.properties.worker)).size, 7);
  });

  it('writes the plan as the assignment of every unit to its grid', () => {
    assert.equal(Object.keys(community.plan.assignment).length, community.units.features.length);
    for (const unit of community.units.features)
      assert.equal(community.plan.assignment[unit.properties.id], unit.properties.grid);
    assert.deepEqual(
      community.plan.grids.map((g) => g.id),
      community.grids.features.map((g) => g.properties.id),
    );
  });

  it('has one service centre and six posts or social-work stations, each with services and hours', () => {
    const stations = community.stations.features;
    assert.equal(stations.length, 7);
    assert.equal(stations.filter((s) => s.properties.kind === 'center').length, 1);
    for (const s of stations) {
      assert.ok(['center', 'post', 'social-work'].includes(s.properties.kind));
      assert.ok(Array.isArray(s.properties.services) && s.properties.services.length > 0);
      assert.ok(s.properties.hours);
      assert.ok(booleanPointInPolygon(s.geometry.coordinates as number[], community.boundary));
    }
  });

  it('offers the services residents ask for somewhere in the community', () => {
    const services = new Set(community.stations.features.flatMap((s) => s.properties.services as string[]));
    for (const wanted of ['裁缝角', '书画班', '暑期课堂', '理发', '助老食堂', '法律咨询'])
      assert.ok(services.has(wanted), wanted);
  });

  it('has 2,000 issues over the 12 months ending 2026-10-31', () => {
    const issues = community.issues.features;
    assert.equal(issues.length, 2000);
    const first = Date.parse('2025-11-01T00:00:00+08:00');
    const now = Date.parse(DEMO_NOW);
    for (const issue of issues) {
      const t = Date.parse(issue.properties.requested_datetime);
      assert.ok(t >= first && t <= now, issue.properties.requested_datetime);
    }
  });

  it('keeps status consistent with stage', () => {
    for (const { properties: p } of community.issues.features) {
      assert.ok((STAGES as readonly string[]).includes(p.stage));
      assert.equal(p.status, p.stage === 'closed' ? 'closed' : 'open');
    }
  });

  it('closes most issues and leaves recent ones in every open stage', () => {
    const stages = new Map<string, number>();
    for (const { properties: p } of community.issues.features)
      stages.set(p.stage, (stages.get(p.stage) ?? 0) + 1);
    assert.ok((stages.get('closed') as number) > 1600);
    for (const stage of ['reported', 'assigned', 'handling', 'verifying'])
      assert.ok((stages.get(stage) ?? 0) > 0, stage);
  });

  it('orders the dates of an issue and leaves some open past their deadline', () => {
    const now = Date.parse(DEMO_NOW);
    let overdue = 0;
    for (const { properties: p } of community.issues.features) {
      const requested = Date.parse(p.requested_datetime);
      assert.ok(requested <= Date.parse(p.updated_datetime as string));
      assert.ok(Date.parse(p.updated_datetime as string) <= now);
      assert.ok(Date.parse(p.expected_datetime as string) > requested);
      if (p.status === 'open' && Date.parse(p.expected_datetime as string) < now) overdue++;
    }
    assert.ok(overdue > 10, `${overdue} overdue`);
  });

  it('uses the known categories and has more cables, sewers and clutter per household in old compounds', () => {
    const codes = new Set(ISSUE_CATEGORIES.map((c) => c.id));
    const typeOf = new Map(community.units.features.map((u) => [u.properties.id, u.properties.type]));
    const households = { 'old-walk-up': 0, 'high-rise': 0 } as Record<string, number>;
    for (const u of community.units.features)
      households[u.properties.type as string] =
        (households[u.properties.type as string] ?? 0) + u.properties.households;
    const counts = { 'old-walk-up': 0, 'high-rise': 0 } as Record<string, number>;
    for (const { properties: p } of community.issues.features) {
      assert.ok(codes.has(p.service_code as string));
      if (['ebike-cable', 'sewer', 'stairwell-clutter'].includes(p.service_code as string)) {
        const type = typeOf.get(p.unit as string) as string;
        counts[type] = (counts[type] ?? 0) + 1;
      }
    }
    const oldRate = (counts['old-walk-up'] as number) / (households['old-walk-up'] as number);
    const newRate = (counts['high-rise'] as number) / (households['high-rise'] as number);
    assert.ok(oldRate > 2 * newRate, `${oldRate} vs ${newRate}`);
  });

  it('puts every issue inside the grid it names', () => {
    const grids = gridById(community.grids);
    for (const issue of community.issues.features) {
      const grid = grids.get(issue.properties.grid as string) as GridFeature;
      assert.ok(
        booleanPointInPolygon(issue.geometry.coordinates as number[], grid),
        issue.properties.service_request_id,
      );
    }
  });

  it('writes Chinese descriptions and addresses', () => {
    for (const { properties: p } of community.issues.features.slice(0, 50)) {
      assert.match(p.description as string, /[\u4e00-\u9fff]/);
      assert.match(p.address as string, /[\u4e00-\u9fff]/);
    }
  });

  it('keeps ids unique across units, grids, stations and issues', () => {
    const ids = [
      ...community.units.features.map((f) => f.properties.id),
      ...community.grids.features.map((f) => f.properties.id),
      ...community.gridsBefore.features.map((f) => f.properties.id),
      ...community.stations.features.map((f) => f.properties.id),
      ...community.issues.features.map((f) => f.properties.service_request_id),
    ];
    assert.deepEqual(duplicates(ids), []);
  });

  it('gives byte-identical output for the same seed', () => {
    assert.equal(JSON.stringify(generateCommunity({ seed: 1 })), JSON.stringify(community));
  });

  it('gives different output for another seed', () => {
    assert.notEqual(JSON.stringify(generateCommunity({ seed: 2 }).units), JSON.stringify(community.units));
  });

  it('keeps the band and the tiling for other seeds', () => {
    for (const seed of [2, 3, 99, 12345]) {
      const other: DemoCommunity = generateCommunity({ seed });
      for (const g of other.grids.features)
        assert.ok((g.properties.households as number) >= 300 && (g.properties.households as number) <= 500);
      assert.ok(relativeAreaError(other.grids.features, other.boundary) < 1e-9);
    }
  });

  it('writes no Chinese characters in English', () => {
    const english = generateCommunity({ seed: 1, lang: 'en' });
    assert.doesNotMatch(JSON.stringify(english), /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
  });

  it('keeps the same geometry and numbers in English', () => {
    const english = generateCommunity({ seed: 1, lang: 'en' });
    assert.deepEqual(
      english.units.features.map((u) => [u.geometry, u.properties.households]),
      community.units.features.map((u) => [u.geometry, u.properties.households]),
    );
  });
});

describe('generateDistrict', () => {
  it('has at least 40 communities, 20,000 units, 1,000 grids and 50,000 issues by default', () => {
    assert.ok(district.boundaries.length >= 40);
    assert.ok(district.units.features.length >= 20_000, `${district.units.features.length} units`);
    assert.ok(district.grids.features.length >= 1000);
    assert.equal(district.issues.features.length, 50_000);
  });

  it('has about 7 stations per community', () => {
    assert.equal(district.stations.features.length, 7 * district.boundaries.length);
  });

  it('generates in a few seconds', () => {
    assert.ok(districtMs < 10_000, `${Math.round(districtMs)} ms`);
  });

  it('keeps every grid in the band', () => {
    for (const g of district.grids.features) {
      const households = g.properties.households as number;
      assert.ok(households >= 300 && households <= 500, `${g.properties.id}: ${households}`);
    }
  });

  it('tiles every community exactly with its grids', () => {
    const byCommunity = new Map<string, GridFeature[]>();
    for (const g of district.grids.features) {
      const list = byCommunity.get(g.properties.community as string) ?? [];
      list.push(g);
      byCommunity.set(g.properties.community as string, list);
    }
    for (const boundary of district.boundaries) {
      assert.ok(
        relativeAreaError(byCommunity.get(boundary.properties.id) ?? [], boundary) < 1e-9,
        boundary.properties.id,
      );
    }
  });

  it('puts every unit inside its grid', () => {
    const grids = gridById(district.grids);
    for (const unit of district.units.features) {
      assert.ok(
        booleanPointInPolygon(
          unit.geometry.coordinates as number[],
          grids.get(unit.properties.grid as string) as GridFeature,
        ),
        unit.properties.id,
      );
    }
  });

  it('keeps ids unique across the district, each prefixed with its community code', () => {
    const ids = [
      ...district.units.features.map((f) => f.properties.id),
      ...district.grids.features.map((f) => f.properties.id),
      ...district.stations.features.map((f) => f.properties.id),
      ...district.issues.features.map((f) => f.properties.service_request_id),
    ];
    assert.deepEqual(duplicates(ids), []);
    for (const unit of district.units.features)
      assert.ok(unit.properties.id.startsWith(unit.properties.community as string));
  });

  it('lays communities side by side without overlap', () => {
    const total = district.boundaries.reduce((s, b) => s + area(b), 0);
    const lngs = district.boundaries.flatMap((b) =>
      (b.geometry.coordinates[0] as number[][]).map((p) => p[0] as number),
    );
    const lats = district.boundaries.flatMap((b) =>
      (b.geometry.coordinates[0] as number[][]).map((p) => p[1] as number),
    );
    const envelope = area({
      type: 'Polygon',
      coordinates: [
        [
          [Math.min(...lngs), Math.min(...lats)],
          [Math.max(...lngs), Math.min(...lats)],
          [Math.max(...lngs), Math.max(...lats)],
          [Math.min(...lngs), Math.max(...lats)],
          [Math.min(...lngs), Math.min(...lats)],
        ],
      ],
    });
    assert.ok(total <= envelope);
    const names = new Set(district.boundaries.map((b) => b.properties.name));
    assert.equal(names.size, district.boundaries.length);
  });

  it('honours the communities and issues options', () => {
    const small = generateDistrict({ seed: 3, communities: 41, issues: 1234 });
    assert.equal(small.boundaries.length, 41);
    assert.equal(small.grids.features.length, 41 * 7);
    assert.equal(small.issues.features.length, 1234);
  });

  it('gives byte-identical output for the same seed', () => {
    const a = generateDistrict({ seed: 5, communities: 42, issues: 3000 });
    const b = generateDistrict({ seed: 5, communities: 42, issues: 3000 });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  });
});
