/**
 * Plan history in a real PostgreSQL + PostGIS (the throwaway cluster the tile tests start): the
 * migrations of src/db, a year of three plan versions of the demo community, the on-date queries,
 * issue counts by historical grid, two concurrent commits on one base, rollbacks that leave nothing,
 * tiles for two dates, row-level security between communities, hostile text. Skips, with the
 * reason, where PostGIS cannot be had.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { generateCommunity } from '../../demo/data/generate.ts';
import { migrate, PlanConflictError, PlanRejectedError, PlanStore } from '../../src/db/index.ts';
import type { Plan } from '../../src/core/types.ts';
import { ensurePostgis, startCluster, type Cluster } from '../tiles/postgis.ts';

const postgis = ensurePostgis();
const skip = 'skip' in postgis ? postgis.skip : false;

const c = generateCommunity({ seed: 7 });
const COMMUNITY = '330102001';
const v1: Plan = {
  id: 'v1',
  grids: c.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: c.assignmentBefore,
};
const v2: Plan = { id: 'v2', grids: c.plan.grids, assignment: c.plan.assignment };
// v3: five buildings of the first grid of v2 go to its second grid.
const [g1, g2] = [v2.grids[0]!.id, v2.grids[1]!.id];
const movedUnits = Object.keys(v2.assignment)
  .filter((u) => v2.assignment[u] === g1)
  .slice(0, 5);
const v3: Plan = {
  id: 'v3',
  grids: v2.grids,
  assignment: { ...v2.assignment, ...Object.fromEntries(movedUnits.map((u) => [u, g2])) },
};
const households = new Map(c.units.features.map((f) => [f.properties.id, f.properties.households]));

let cluster: Cluster;
let store: PlanStore;

/** Slippy-map tile of a position at zoom z. */
function tileOf([lng, lat]: number[], z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng! + 180) / 360) * n);
  const r = (lat! * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}

describe('plan history in PostGIS', { skip }, () => {
  before(async () => {
    cluster = await startCluster((postgis as { bin: string }).bin);
    const db = cluster.client;
    assert.deepEqual(await migrate(db), ['001_plans.sql', '002_functions.sql', '003_security.sql']);
    await db.query("SET TimeZone = 'Asia/Shanghai'");
    await db.query('INSERT INTO wangge.communities (id, name) VALUES ($1, $2), ($3, $4)', [
      COMMUNITY,
      '滨河社区',
      'B',
      '对岸社区',
    ]);
    await db.query(
      `INSERT INTO wangge.units (community, id, households, geom)
       SELECT $1, f->'properties'->>'id', (f->'properties'->>'households')::integer,
              ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
       FROM jsonb_array_elements($2::jsonb) f`,
      [COMMUNITY, JSON.stringify(c.units.features)],
    );
    await db.query(
      "INSERT INTO wangge.units (community, id, households, geom) VALUES ('B', 'b1', 300, ST_SetSRID(ST_MakePoint(120.3, 30.3), 4326))",
    );
    store = new PlanStore(db);
  });
  after(async () => {
    await cluster?.stop();
  });

  it('migrates once: a second run applies nothing', async () => {
    assert.deepEqual(await migrate(cluster.client), []);
  });

  it('commits a year of three plans, each ending the day the next starts', async () => {
    assert.equal(
      await store.commit(v1, { community: COMMUNITY, base: null, effectiveFrom: '2026-01-01' }),
      'v1',
    );
    assert.equal(
      await store.commit(v2, {
        community: COMMUNITY,
        base: 'v1',
        effectiveFrom: '2026-07-01',
        note: '7月起新网格',
      }),
      'v2',
    );
    assert.equal(
      await store.commit(v3, { community: COMMUNITY, base: 'v2', effectiveFrom: '2026-10-01' }),
      'v3',
    );
    const history = await store.history(COMMUNITY);
    assert.deepEqual(
      history.map((h) => [h.id, h.effectiveFrom, h.effectiveTo, h.basePlan]),
      [
        ['v1', '2026-01-01', '2026-07-01', null],
        ['v2', '2026-07-01', '2026-10-01', 'v1'],
        ['v3', '2026-10-01', null, 'v2'],
      ],
    );
    assert.equal(history[1]!.note, '7月起新网格');
  });

  it('gives the plan in force and the grid of a unit on a date', async () => {
    assert.equal(await store.planOn(COMMUNITY, '2025-12-31'), null);
    assert.equal((await store.planOn(COMMUNITY, '2026-03-15'))!.id, 'v1');
    assert.equal((await store.planOn(COMMUNITY, '2026-07-01'))!.id, 'v2');
    const now = (await store.planOn(COMMUNITY, '2026-12-01'))!;
    assert.equal(now.id, 'v3');
    assert.deepEqual({ ...now.assignment }, v3.assignment);
    const total = now.grids.reduce((s, g) => s + (g.households ?? 0), 0);
    assert.equal(
      total,
      [...households.values()].reduce((a, b) => a + b, 0),
    );
    const unit = movedUnits[0]!;
    const on = async (date: string) =>
      (
        await cluster.client.query('SELECT grid FROM wangge.grid_of_unit($1, $2, $3::date)', [
          COMMUNITY,
          unit,
          date,
        ])
      ).rows[0]?.grid;
    assert.equal(await on('2026-03-01'), v1.assignment[unit]);
    assert.equal(await on('2026-08-01'), g1);
    assert.equal(await on('2026-11-01'), g2);
  });

  it('diffs two plans: the five buildings and their households moved', async () => {
    const diff = await store.diff('v2', 'v3');
    const moved = diff.filter((d) => d.kind === 'moved');
    assert.deepEqual(
      moved.map((d) => [d.gridFrom, d.gridTo, d.units]),
      [[g1, g2, 5]],
    );
    assert.equal(
      moved[0]!.households,
      movedUnits.reduce((s, u) => s + households.get(u)!, 0),
    );
    const big = await store.diff('v1', 'v2');
    assert.ok(big.some((d) => d.kind === 'added') && big.some((d) => d.kind === 'removed'));
  });

  it('counts issues per grid by the grid in force when each was reported', async () => {
    const unit = movedUnits[0]!;
    await cluster.client.query(
      `INSERT INTO wangge.issues (id, community, reported_at, unit) VALUES
         ('i-mar', $1, '2026-03-10T09:00:00+08:00', $2),
         ('i-aug', $1, '2026-08-10T09:00:00+08:00', $2),
         ('i-nov', $1, '2026-11-10T09:00:00+08:00', $2)`,
      [COMMUNITY, unit],
    );
    const counts = await store.issueCounts(
      COMMUNITY,
      '2026-01-01T00:00:00+08:00',
      '2027-01-01T00:00:00+08:00',
    );
    assert.deepEqual(
      counts.map((r) => [r.plan, r.grid, r.issues]).sort(),
      [
        ['v1', v1.assignment[unit], 1],
        ['v2', g1, 1],
        ['v3', g2, 1],
      ].sort(),
    );
  });

  it('two commits on the same base: exactly one wins, the other gets the conflict, nothing is lost', async () => {
    const other = new pg.Client(cluster.connection);
    await other.connect();
    try {
      const a: Plan = { ...v3, id: 'v4-a' };
      const b: Plan = {
        ...v3,
        id: 'v4-b',
        grids: v3.grids.map((g) => ({ ...g, name: `${g.name ?? g.id}·B` })),
      };
      const results = await Promise.allSettled([
        store.commit(a, { community: COMMUNITY, base: 'v3', effectiveFrom: '2027-01-01' }),
        new PlanStore(other).commit(b, { community: COMMUNITY, base: 'v3', effectiveFrom: '2027-01-01' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(lost[0]!.reason instanceof PlanConflictError, String(lost[0]!.reason));
      const winner = (won[0] as PromiseFulfilledResult<string>).value;
      assert.equal((lost[0]!.reason as PlanConflictError).newest, winner);
      const loser = winner === 'v4-a' ? 'v4-b' : 'v4-a';
      for (const table of ['plans', 'grids', 'assignments'])
        assert.equal(
          (
            await cluster.client.query(
              `SELECT count(*)::int AS n FROM wangge.${table} WHERE ${table === 'plans' ? 'id' : 'plan'} = $1`,
              [loser],
            )
          ).rows[0]!.n,
          0,
          `${table} holds rows of the losing plan`,
        );
      // The loser's work is still theirs to rebase: committing on top of the winner works.
      assert.equal(
        await new PlanStore(other).commit(
          { ...(loser === 'v4-b' ? b : a), id: 'v5' },
          { community: COMMUNITY, base: winner, effectiveFrom: '2027-02-01' },
        ),
        'v5',
      );
    } finally {
      await other.end();
    }
  });

  it('refuses bad plans with a named constraint and writes nothing (the base keeps its dates)', async () => {
    const headBefore = (await store.history(COMMUNITY)).at(-1)!;
    const partial: Plan = {
      ...v3,
      id: 'bad-partial',
      assignment: Object.fromEntries(Object.entries(v3.assignment).slice(1)),
    };
    const unknown: Plan = {
      ...v3,
      id: 'bad-unknown',
      assignment: { ...v3.assignment, 'no-such-building': g1 },
    };
    const cases: Array<[Plan, string, string]> = [
      [partial, '2027-03-01', 'plans_every_unit_assigned'],
      [unknown, '2027-03-01', 'assignments_known_unit'],
      [{ ...v3, id: 'bad-date' }, '2026-12-01', 'plans_start_after_base'],
    ];
    for (const [plan, from, constraint] of cases) {
      await assert.rejects(
        store.commit(plan, { community: COMMUNITY, base: headBefore.id, effectiveFrom: from }),
        (e: unknown) => e instanceof PlanRejectedError && e.constraint === constraint,
        constraint,
      );
      assert.equal(
        (await cluster.client.query('SELECT count(*)::int AS n FROM wangge.plans WHERE id = $1', [plan.id]))
          .rows[0]!.n,
        0,
      );
    }
    assert.deepEqual((await store.history(COMMUNITY)).at(-1), headBefore);
  });

  it('serves different tiles for two dates where the plans differ', async () => {
    const site = c.units.features[0]!.geometry.coordinates as number[];
    const [z, x, y] = tileOf(site, 15);
    const tile = async (date: string) =>
      (
        await cluster.client.query('SELECT wangge.grid_tiles($1, $2, $3, $4::json) AS t', [
          z,
          x,
          y,
          JSON.stringify({ date }),
        ])
      ).rows[0]!.t as Buffer;
    const march = await tile('2026-03-01');
    const august = await tile('2026-08-01');
    assert.ok(march.length > 0 && august.length > 0);
    assert.notDeepEqual(march, august);
    assert.ok(march.includes(Buffer.from(String(v1.grids[0]!.id))));
    assert.equal((await tile('2025-06-01')).length, 0);
  });

  it('row-level security: a planner of one community can neither read nor commit another’s plans', async () => {
    const db = cluster.client;
    await store.commit(
      { id: 'b-1', grids: [{ id: 'bg', code: 'bg' }], assignment: { b1: 'bg' } },
      { community: 'B', base: null, effectiveFrom: '2026-01-01' },
    );
    await db.query('CREATE ROLE planner_a NOLOGIN IN ROLE wangge_planner');
    await db.query('CREATE ROLE viewer_a NOLOGIN IN ROLE wangge_viewer');
    await db.query(
      "INSERT INTO wangge.community_grants (member, community) VALUES ('planner_a', $1), ('viewer_a', $1)",
      [COMMUNITY],
    );
    try {
      await db.query('SET ROLE planner_a');
      assert.deepEqual(await store.history('B'), []);
      assert.equal(await store.planOn('B', '2026-06-01'), null);
      assert.equal(
        (await db.query("SELECT count(*)::int AS n FROM wangge.units WHERE community = 'B'")).rows[0]!.n,
        0,
      );
      await assert.rejects(
        store.commit(
          { id: 'b-2', grids: [{ id: 'bg', code: 'bg' }], assignment: { b1: 'bg' } },
          { community: 'B', base: null, effectiveFrom: '2026-02-01' },
        ),
      );
      assert.ok((await store.history(COMMUNITY)).length >= 3, 'reads its own community');
      await db.query('RESET ROLE');
      await db.query('SET ROLE viewer_a');
      await assert.rejects(
        store.commit(
          { ...v3, id: 'viewer-try' },
          { community: COMMUNITY, base: 'v5', effectiveFrom: '2027-06-01' },
        ),
        /permission denied|row-level security/,
      );
    } finally {
      await db.query('RESET ROLE');
    }
    assert.equal(
      (await db.query("SELECT count(*)::int AS n FROM wangge.plans WHERE id IN ('b-2', 'viewer-try')"))
        .rows[0]!.n,
      0,
    );
  });

  it('stores hostile ids and names as the same text', async () => {
    const db = cluster.client;
    const unit = `楼'; DROP TABLE wangge.plans; --`;
    const grid = `g"1"; SELECT 1; --`;
    const name = `第1网格'); DELETE FROM wangge.units; -- <script>`;
    await db.query("INSERT INTO wangge.communities (id) VALUES ('H')");
    await db.query("INSERT INTO wangge.units (community, id, households) VALUES ('H', $1, 320)", [unit]);
    await store.commit(
      { id: `p'h`, grids: [{ id: grid, code: grid, name }], assignment: { [unit]: grid } },
      { community: 'H', base: null, effectiveFrom: '2026-01-01' },
    );
    const back = (await store.planOn('H', '2026-05-01'))!;
    assert.equal(back.id, `p'h`);
    assert.deepEqual(
      back.grids.map((g) => [g.id, g.name]),
      [[grid, name]],
    );
    assert.equal(back.assignment[unit], grid);
    assert.ok(
      (await db.query('SELECT count(*)::int AS n FROM wangge.units')).rows[0]!.n > 100,
      'units still there',
    );
  });
});
