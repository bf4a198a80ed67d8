/**
 * `wangge partition` on a planner's own files (a GBK CSV of GCJ-02 coordinates, an XLSX, a zipped
 * shapefile in Gauss–Krüger) and `wangge convert` between formats.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { strFromU8, unzipSync } from 'fflate';
import { convertPosition } from '../../src/core/crs.ts';
import { projectionFromWkt, readFiles, writeFeatures } from '../../src/io/index.ts';

const CLI = fileURLToPath(new URL('../../src/cli/wangge.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wangge-files-'));
const wangge = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const GK40 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

// 10 × 10 buildings, 12–60 households each (about 3,600 in all).
const buildings = Array.from({ length: 100 }, (_, i) => ({
  name: `${1 + (i % 10)}幢${Math.floor(i / 10) + 1}单元`,
  households: 12 + ((i * 37) % 49),
  at: [120.15 + (i % 10) * 0.0004, 30.27 + Math.floor(i / 10) * 0.0004] as [number, number],
}));
const total = buildings.reduce((s, b) => s + b.households, 0);

function gbkCsv(extra: string[] = []): string {
  const lines = [
    '楼栋,户数,经度,纬度',
    ...buildings.map((b) => {
      const p = convertPosition(b.at, 'wgs84', 'gcj02');
      return `${b.name},${b.households},${p[0]},${p[1]}`;
    }),
    ...extra,
  ];
  const path = join(dir, `b${extra.length}.csv`);
  writeFileSync(path, iconv.encode(lines.join('\r\n'), 'gbk'));
  return path;
}

const BAND = ['--min-households', '300', '--max-households', '500'];

describe('wangge on spreadsheets and shapefiles', () => {
  it('partitions a GBK CSV of GCJ-02 coordinates into a zipped shapefile in GCJ-02', async () => {
    const out = join(dir, 'grids.shp.zip');
    const r = wangge(
      'partition',
      gbkCsv(),
      '--crs',
      'gcj02',
      ...BAND,
      '--out',
      out,
      '--out-crs',
      'gcj02',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.feasible, true);
    const zip = unzipSync(readFileSync(out));
    assert.deepEqual(Object.keys(zip).sort(), [
      'grids.cpg',
      'grids.dbf',
      'grids.prj',
      'grids.shp',
      'grids.shx',
    ]);
    const back = await readFiles([{ name: 'grids.shp.zip', bytes: readFileSync(out) }], {
      kind: 'features',
      crs: 'gcj02',
    });
    assert.equal(back.features.length, summary.parts);
    const households = back.features.reduce((s, f) => s + (f.properties!.households as number), 0);
    assert.equal(households, total);
    assert.equal(
      back.features.reduce((s, f) => s + (f.properties!.buildings as number), 0),
      100,
    );
    assert.ok(
      back.features.every(
        (f) => (f.properties!.households as number) >= 300 && (f.properties!.households as number) <= 500,
      ),
    );
  });

  it('writes one row per grid to XLSX and CSV (BOM)', async () => {
    for (const ext of ['xlsx', 'csv']) {
      const out = join(dir, `grids.${ext}`);
      const r = wangge('partition', gbkCsv(), '--crs', 'gcj02', ...BAND, '--out', out);
      assert.equal(r.code, 0, r.stderr);
      const bytes = readFileSync(out);
      if (ext === 'csv') {
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
        assert.match(
          bytes.toString('utf8').split('\r\n')[0]!,
          /^\ufeff?code,name,worker,community,households,buildings,care$/,
        );
      }
    }
  });

  it('names a missing column and the flag that maps it', () => {
    const path = join(dir, 'odd.csv');
    writeFileSync(path, 'Building,Count,E,N\nA,300,120.15,30.27\n');
    const r = wangge('partition', path, ...BAND);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /no column for households, lng, lat; name it with --households COLUMN --lng COLUMN --lat COLUMN \(columns: Building, Count, E, N\)/,
    );
    const ok = wangge(
      'partition',
      path,
      '--households',
      'Count',
      '--lng',
      'E',
      '--lat',
      'N',
      '--parts',
      '1',
      '--json',
    );
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('lists bad rows and stops; --skip-bad goes on with the good ones', () => {
    const bad = gbkCsv(['坏楼,很多,120.15,30.27', '倒楼,20,30.27,120.15']);
    const r = wangge('partition', bad, '--crs', 'gcj02', ...BAND);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /2 bad rows/);
    assert.match(r.stderr, /row 102 \(R102\): households "很多"/);
    assert.match(r.stderr, /row 103 \(R103\): longitude 30.27 and latitude 120.15 look swapped/);
    const skipped = wangge('partition', bad, '--crs', 'gcj02', ...BAND, '--skip-bad', '--json');
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stderr, /skipped 2 bad rows/);
  });

  it('reads a Gauss–Krüger shapefile and writes grids back in its projection (--out-crs input)', async () => {
    const gk = projectionFromWkt(GK40);
    const units = buildings.map((b, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: b.at },
      properties: { 编号: `U${i}`, 户数: b.households },
    }));
    const shp = await writeFeatures(units, 'shapefile', { crs: gk, name: 'buildings' });
    const input = join(dir, 'buildings.shp.zip');
    writeFileSync(input, shp.file.bytes);
    const out = join(dir, 'gk-grids.shp.zip');
    const r = wangge('partition', input, ...BAND, '--out', out, '--out-crs', 'input');
    assert.equal(r.code, 0, r.stderr);
    const zip = unzipSync(readFileSync(out));
    assert.equal(strFromU8(zip['gk-grids.prj']!), GK40);
    const back = await readFiles([{ name: 'gk-grids.shp.zip', bytes: readFileSync(out) }], {
      kind: 'features',
    });
    assert.equal(
      back.features.reduce((s, f) => s + (f.properties!.households as number), 0),
      total,
    );
  });

  it('convert: CSV → XLSX → GeoJSON keeps households and positions', async () => {
    const xlsx = join(dir, 'units.xlsx');
    assert.equal(wangge('convert', gbkCsv(), xlsx, '--crs', 'gcj02').code, 0);
    const geojson = join(dir, 'units.geojson');
    const r = wangge('convert', xlsx, geojson);
    assert.equal(r.code, 0, r.stderr);
    const fc = JSON.parse(readFileSync(geojson, 'utf8'));
    assert.equal(fc.features.length, 100);
    const f = fc.features[0];
    assert.equal(f.properties.households, buildings[0]!.households);
    assert.ok(Math.abs(f.geometry.coordinates[0] - buildings[0]!.at[0]) < 1e-7);
    assert.ok(Math.abs(f.geometry.coordinates[1] - buildings[0]!.at[1]) < 1e-7);
    const same = wangge('convert', geojson, geojson);
    assert.equal(same.code, 1);
    assert.match(same.stderr, /refusing to overwrite/);
  });
});
