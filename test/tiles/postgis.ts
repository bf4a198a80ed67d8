/**
 * A throwaway PostgreSQL + PostGIS cluster for the vector tile tests, and a tile endpoint over it that
 * cuts tiles the way Martin and pg_tileserv do: `ST_AsMVT` over `ST_AsMVTGeom(ST_Transform(geom, 3857),
 * ST_TileEnvelope(z, x, y))`, with the rows picked by the tile's envelope in the data's own SRID.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { findPostgres } from '../preflight.mjs';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DemoDistrict } from '../../demo/data/generate.ts';

/**
 * PostgreSQL with PostGIS, as `test/preflight.mjs` (which `npm test` runs first) installs it when
 * missing and it can. Returns the binaries, or why the tests cannot run.
 */
export function ensurePostgis(): { bin: string } | { skip: string } {
  const found = findPostgres();
  const root = process.getuid?.() === 0;
  if (!found)
    return {
      skip: 'PostgreSQL with PostGIS is not installed (node test/preflight.mjs installs it as root on Debian: apt-get install postgresql postgresql-postgis)',
    };
  if (root) {
    const user = spawnSync('id', ['-u', 'postgres']);
    if (user.status !== 0)
      return { skip: 'there is no postgres user to run the cluster as (initdb refuses root)' };
  }
  return { bin: found.bin };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Cluster {
  client: pg.Client;
  /** How to connect (for a pool of tile-serving connections). */
  connection: pg.ClientConfig;
  stop(): Promise<void>;
}

/** Starts a cluster in a temp dir on a free localhost port (as `postgres` when root), with PostGIS created. */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  const uid = root ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : -1;
  const gid = root ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : -1;
  if (root) {
    chmodSync(dir, 0o755);
    chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, command), args, { stdio: 'pipe' });
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // No fsync, no socket file outside the temp dir: a scratch database that lives for one test run.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    started = true;
    const connection = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
    const client = new pg.Client(connection);
    await client.connect();
    await client.query('CREATE EXTENSION postgis');
    return {
      client,
      connection,
      stop: async () => {
        await client.end().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Loads the district: grids, issues and stations as SRID 4326 tables (from GeoJSON with
 * `ST_GeomFromGeoJSON`), and the per-grid issue counts at `now` that the grid tiles carry.
 * Issues are counted in the grid whose polygon covers them (the first by id on a shared edge).
 */
export async function loadDistrict(client: pg.Client, district: DemoDistrict, now: string): Promise<void> {
  await client.query(`
    CREATE TABLE grids (id text PRIMARY KEY, code text, name text, community text, worker text,
      households integer, geom geometry(MultiPolygon, 4326) NOT NULL);
    CREATE TABLE issues (service_request_id text PRIMARY KEY, service_name text, service_code text,
      description text, status text, stage text, requested_datetime timestamptz,
      expected_datetime timestamptz, address text, geom geometry(Point, 4326) NOT NULL);
    CREATE TABLE stations (id text PRIMARY KEY, name text, kind text, hours text,
      geom geometry(Point, 4326) NOT NULL);`);
  const load = async (table: string, columns: string, select: string, rows: unknown[]) => {
    // One statement per 5,000 features: the features travel as one JSON array parameter.
    for (let i = 0; i < rows.length; i += 5000)
      await client.query(
        `INSERT INTO ${table} (${columns}) SELECT ${select} FROM jsonb_array_elements($1::jsonb) AS f`,
        [JSON.stringify(rows.slice(i, i + 5000))],
      );
  };
  const p = (key: string) => `f->'properties'->>'${key}'`;
  await load(
    'grids',
    'id, code, name, community, worker, households, geom',
    `${p('id')}, ${p('code')}, ${p('name')}, ${p('community')}, ${p('worker')}, (${p('households')})::integer,
     ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326))`,
    district.grids.features,
  );
  await load(
    'issues',
    'service_request_id, service_name, service_code, description, status, stage, requested_datetime, expected_datetime, address, geom',
    `${p('service_request_id')}, ${p('service_name')}, ${p('service_code')}, ${p('description')}, ${p('status')},
     ${p('stage')}, (${p('requested_datetime')})::timestamptz, (${p('expected_datetime')})::timestamptz,
     ${p('address')}, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)`,
    district.issues.features,
  );
  await load(
    'stations',
    'id, name, kind, hours, geom',
    `${p('id')}, ${p('name')}, ${p('kind')}, ${p('hours')}, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)`,
    district.stations.features,
  );
  await client.query(`
    CREATE INDEX ON grids USING gist (geom);
    CREATE INDEX ON issues USING gist (geom);
    CREATE INDEX ON stations USING gist (geom);
    ANALYZE;`);
  // What a municipal GIS team would publish for Martin or pg_tileserv: grids with their issue counts.
  await client.query(
    `CREATE TABLE grid_load AS
       SELECT g.id, count(i.*)::integer AS total,
              (count(i.*) FILTER (WHERE i.stage <> 'closed'))::integer AS open,
              (count(i.*) FILTER (WHERE i.stage <> 'closed' AND i.expected_datetime < $1::timestamptz))::integer AS overdue
       FROM grids g
       LEFT JOIN (SELECT DISTINCT ON (i.service_request_id) i.*, g2.id AS grid
                  FROM issues i JOIN grids g2 ON ST_Covers(g2.geom, i.geom)
                  ORDER BY i.service_request_id, g2.id) i ON i.grid = g.id
       GROUP BY g.id`,
    [now],
  );
}

/** The tile query of each published layer: its attribute columns; geometry and envelope are added. */
const LAYERS: Record<string, { from: string; columns: string }> = {
  grids: {
    from: 'grids g JOIN grid_load l USING (id)',
    columns: 'g.id, g.code, g.name, g.community, g.worker, g.households, l.total, l.open, l.overdue',
  },
  issues: {
    from: 'issues g',
    // Times as UTC ISO 8601 strings, which order as text (the layer's time filters compare them).
    columns: `g.service_request_id, g.service_name, g.service_code, g.status, g.stage,
      to_char(g.requested_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS requested_datetime,
      to_char(g.expected_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expected_datetime,
      g.address`,
  },
  stations: { from: 'stations g', columns: 'g.id, g.name, g.kind, g.hours' },
};

/** The SQL of one tile of `layer`: $1 = z, $2 = x, $3 = y. */
export function tileSql(layer: string): string {
  const { from, columns } = LAYERS[layer]!;
  return `
    WITH bounds AS (SELECT ST_TileEnvelope($1, $2, $3) AS tile,
                           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326) AS pick)
    SELECT ST_AsMVT(t, '${layer}', 4096, 'geom') AS mvt FROM (
      SELECT ${columns}, ST_AsMVTGeom(ST_Transform(g.geom, 3857), bounds.tile, 4096, 64, true) AS geom
      FROM ${from}, bounds
      WHERE g.geom && bounds.pick
    ) t WHERE t.geom IS NOT NULL`;
}

export interface TileServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** Serves `/{layer}/{z}/{x}/{y}.pbf` from the database on 127.0.0.1, with CORS like a public tile server. */
export async function serveTiles(connection: pg.ClientConfig): Promise<TileServer> {
  const state = { requests: 0 };
  const pool = new pg.Pool({ ...connection, max: 4 });
  const server: Server = createServer(async (request, response) => {
    const match = /^\/(\w+)\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(request.url ?? '');
    const headers = { 'access-control-allow-origin': '*' };
    if (!match || !(match[1]! in LAYERS)) return void response.writeHead(404, headers).end();
    state.requests++;
    try {
      const [z, x, y] = [match[2], match[3], match[4]].map(Number) as [number, number, number];
      const result = await pool.query<{ mvt: Buffer }>(tileSql(match[1]!), [z, x, y]);
      const body = result.rows[0]?.mvt ?? Buffer.alloc(0);
      response.writeHead(200, { ...headers, 'content-type': 'application/vnd.mapbox-vector-tile' });
      response.end(body);
    } catch (error) {
      response.writeHead(500, headers).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await pool.end();
    },
  };
}
