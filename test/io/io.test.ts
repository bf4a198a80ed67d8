/**
 * Readers and writers of the planner's files, with fixtures the tests write themselves: a GBK CSV
 * of GCJ-02 coordinates, an XLSX, a shapefile zip in CGCS2000 / 3° Gauss–Krüger zone 40 with a GBK
 * DBF and no .cpg; round trips; hostile cells.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Feature, Point } from 'geojson';
import { convertPosition } from '../../src/core/crs.ts';
import { csvCell, projectionFromWkt, readFiles, writeFeatures, xlsxBytes } from '../../src/io/index.ts';
import { writeShapefile } from '../../src/io/shapefile.ts';

const GK40 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Metres between two lon/lat positions (small distances). */
const metres = (a: number[], b: number[]): number =>
  Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * 110_574);

const BUILDINGS: Array<{ id: string; name: string; households: number; at: [number, number] }> = [
  { id: 'B1', name: '滨河小区1幢', households: 120, at: [120.151, 30.271] },
  { id: 'B2', name: '滨河小区2幢', households: 36, at: [120.152, 30.272] },
  { id: 'B3', name: '阳光花苑18幢', households: 480, at: [120.153, 30.273] },
];

const units = (): Array<Feature<Point>> =>
  BUILDINGS.map((b) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: b.at },
    properties: { id: b.id, name: b.name, households: b.households },
  }));

function gbkCsv(): Uint8Array {
  const gcj = (p: [number, number]) => convertPosition(p, 'wgs84', 'gcj02');
  const lines = [
    '编号,楼栋,地址,户数,经度,纬度',
    ...BUILDINGS.map((b) => `${b.id},${b.name},杭州市上城区,${b.households},${gcj(b.at)[0]},${gcj(b.at)[1]}`),
    'B4,空户数楼,杭州,,120.15,30.27',
    'B5,文字户数,杭州,很多,120.15,30.27',
    'B6,颠倒楼,杭州,20,30.27,120.15',
    'B7,海外楼,杭州,20,2.35,48.85',
    'B1,重复楼,杭州,20,120.15,30.27',
  ];
  return new Uint8Array(iconv.encode(lines.join('\r\n'), 'gbk'));
}

/** A DBF in GBK (as survey bureaus write them), built by hand: 编号 C, 名称 C, 户数 N. */
function gbkDbf(rows: Array<{ id: string; name: string; households: number }>): Uint8Array {
  const fields = [
    { name: '编号', type: 'C', length: 10 },
    { name: '名称', type: 'C', length: 40 },
    { name: '户数', type: 'N', length: 10 },
  ];
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 3;
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    out.set(iconv.encode(f.name, 'gbk'), 32 + 32 * i);
    out[32 + 32 * i + 11] = f.type.charCodeAt(0);
    out[32 + 32 * i + 16] = f.length;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((r, k) => {
    let at = headerLength + k * recordLength;
    out[at++] = 0x20;
    for (const [f, value] of [
      [fields[0]!, r.id],
      [fields[1]!, r.name],
      [fields[2]!, String(r.households).padStart(10)],
    ] as const) {
      out.fill(0x20, at, at + f.length);
      out.set(iconv.encode(value, 'gbk'), at);
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

describe('readers', () => {
  it('reads a GBK CSV of GCJ-02 coordinates with Chinese headers, one problem per bad row', async () => {
    const read = await readFiles([{ name: '楼栋.csv', bytes: gbkCsv() }], { crs: 'gcj02' });
    assert.equal(read.encoding, 'gbk');
    assert.deepEqual(read.table?.mapping, {
      id: '编号',
      name: '楼栋',
      households: '户数',
      lng: '经度',
      lat: '纬度',
      address: '地址',
    });
    assert.deepEqual(
      read.features.map((f) => f.properties!.id),
      ['B1', 'B2', 'B3'],
    );
    for (const [i, b] of BUILDINGS.entries()) {
      const f = read.features[i]!;
      assert.equal(f.properties!.households, b.households);
      assert.equal(f.properties!.name, b.name);
      assert.ok(metres((f.geometry as Point).coordinates, b.at) < 0.01, 'GCJ-02 back to WGS84 within 1 cm');
    }
    const byRow = Object.fromEntries(read.problems.map((p) => [p.row, p.reason]));
    assert.deepEqual(byRow, {
      5: 'missing-households',
      6: 'bad-households',
      7: 'swapped-coordinates',
      8: 'outside-china',
      9: 'duplicate-id',
    });
    assert.match(read.problems[0]!.message, /row 5 \(B4\)/);
  });

  it('reads other delimiters and a UTF-8 BOM; unknown headers ask for a mapping, which then works', async () => {
    const text = '\ufeffBuilding;HH Count;X;Y\n1号楼;300;120.15;30.27\n';
    const bytes = new TextEncoder().encode(text);
    const unmapped = await readFiles([{ name: 'b.csv', bytes }]);
    assert.equal(unmapped.encoding, 'utf-8');
    assert.deepEqual(unmapped.features, []);
    assert.deepEqual(unmapped.table?.missing, ['households', 'lng', 'lat']);
    assert.equal(unmapped.problems[0]!.reason, 'unmapped-column');
    assert.deepEqual(unmapped.table?.preview[0], ['Building', 'HH Count', 'X', 'Y']);
    const mapped = await readFiles([{ name: 'b.csv', bytes }], {
      columns: { households: 'HH Count', lng: 'X', lat: 'Y', name: 'Building' },
    });
    assert.equal(mapped.features.length, 1);
    assert.deepEqual(mapped.features[0]!.properties, { id: 'R2', households: 300, name: '1号楼' });
  });

  it('reads an XLSX sheet (first, or by name)', async () => {
    const bytes = await xlsxBytes([
      ['楼栋', '户数', '经度', '纬度', '小区'],
      ...BUILDINGS.map((b) => [b.name, b.households, b.at[0], b.at[1], '滨河小区']),
    ]);
    const read = await readFiles([{ name: '楼栋.xlsx', bytes }]);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(
      read.features.map((f) => [f.properties!.name, f.properties!.households, f.properties!.compound]),
      BUILDINGS.map((b) => [b.name, b.households, '滨河小区']),
    );
    const named = await readFiles([{ name: '楼栋.xlsx', bytes }], { sheet: 'Sheet1' });
    assert.equal(named.features.length, 3);
  });

  it('reads a shapefile zip in CGCS2000 / 3° GK zone 40 with a GBK DBF and no .cpg', async () => {
    const gk = proj4(GK40, 'WGS84');
    const projected = units().map((f) => ({
      ...f,
      geometry: { type: 'Point' as const, coordinates: gk.inverse(f.geometry.coordinates) },
    }));
    assert.ok(projected[0]!.geometry.coordinates[0]! > 40_000_000, 'zone-prefixed easting');
    const { files } = writeShapefile(projected, { prj: GK40 });
    const zip = zipSync({
      'buildings.shp': files.shp,
      'buildings.shx': files.shx,
      'buildings.dbf': gbkDbf(BUILDINGS),
      'buildings.prj': new TextEncoder().encode(GK40),
    });
    const read = await readFiles([{ name: 'survey.zip', bytes: zip }]);
    assert.deepEqual(read.problems, []);
    assert.equal(read.encoding, 'gbk');
    assert.equal(read.projection?.wkt, GK40);
    for (const [i, b] of BUILDINGS.entries()) {
      const f = read.features[i]!;
      assert.equal(f.properties!.id, b.id);
      assert.equal(f.properties!.name, b.name, '名称 is a name');
      assert.equal(f.properties!.households, b.households);
      assert.ok(metres((f.geometry as Point).coordinates, b.at) < 0.01, 'within 1 cm');
    }
  });

  it('says what is missing: projected coordinates without a .prj, no households attribute', async () => {
    const gk = proj4(GK40, 'WGS84');
    const projected = units().map((f) => ({
      ...f,
      geometry: { type: 'Point' as const, coordinates: gk.inverse(f.geometry.coordinates) },
    }));
    const { files } = writeShapefile(projected, { prj: GK40 });
    const read = await readFiles([
      { name: 'a.shp', bytes: files.shp },
      { name: 'a.dbf', bytes: files.dbf },
    ]);
    assert.equal(read.problems[0]!.reason, 'missing-prj');
    assert.match(read.problems[0]!.message, /metres/);
    const noHouseholds = writeShapefile(
      units().map((f) => ({ ...f, properties: { id: f.properties!.id } })),
      { prj: GK40, project: gk.inverse },
    ).files;
    const r2 = await readFiles([
      { name: 'b.shp', bytes: noHouseholds.shp },
      { name: 'b.dbf', bytes: noHouseholds.dbf },
      { name: 'b.prj', bytes: noHouseholds.prj },
    ]);
    assert.equal(r2.problems[0]!.reason, 'unmapped-column');
    assert.deepEqual(r2.table?.missing, ['households']);
  });
});

describe('writers', () => {
  for (const format of ['geojson', 'csv', 'xlsx', 'shapefile'] as const) {
    for (const crs of ['wgs84', 'gcj02', 'gk40'] as const) {
      if (crs === 'gk40' && format !== 'shapefile' && format !== 'geojson') continue;
      it(`round trip: ${format} in ${crs} gives the same households and positions within 1 cm`, async () => {
        const projection = projectionFromWkt(GK40);
        const out = await writeFeatures(units(), format, {
          crs: crs === 'gk40' ? projection : crs,
          name: 'units',
        });
        const back = await readFiles([{ name: out.file.name, bytes: out.file.bytes }], {
          crs: crs === 'gcj02' ? 'gcj02' : 'wgs84',
        });
        let features = back.features;
        if (crs === 'gk40' && format === 'geojson')
          features = features.map((f) => ({
            ...f,
            geometry: { type: 'Point', coordinates: projection.toWgs84((f.geometry as Point).coordinates) },
          }));
        assert.deepEqual(
          back.problems.filter((p) => p.reason !== 'outside-china' || crs !== 'gk40'),
          [],
        );
        if (crs === 'gk40' && format === 'geojson') return; // GeoJSON in metres is outside China as degrees: checked above
        assert.equal(features.length, 3);
        for (const [i, b] of BUILDINGS.entries()) {
          assert.equal(features[i]!.properties!.households, b.households);
          assert.equal(features[i]!.properties!.name, b.name);
          assert.ok(metres((features[i]!.geometry as Point).coordinates, b.at) < 0.01, `${b.id} within 1 cm`);
        }
      });
    }
  }

  it('writes a shapefile with .prj and .cpg, and grid polygons with holes', async () => {
    const grid: Feature = {
      type: 'Feature',
      properties: { id: 'G1', name: '一网格', households: 420 },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [120.1, 30.2],
            [120.2, 30.2],
            [120.2, 30.3],
            [120.1, 30.3],
            [120.1, 30.2],
          ],
          [
            [120.12, 30.22],
            [120.12, 30.24],
            [120.14, 30.24],
            [120.14, 30.22],
            [120.12, 30.22],
          ],
        ],
      },
    };
    const { file } = await writeFeatures([grid], 'shapefile', { name: 'grids' });
    const entries = unzipSync(file.bytes);
    assert.deepEqual(Object.keys(entries).sort(), [
      'grids.cpg',
      'grids.dbf',
      'grids.prj',
      'grids.shp',
      'grids.shx',
    ]);
    assert.equal(strFromU8(entries['grids.cpg']!), 'UTF-8');
    assert.match(strFromU8(entries['grids.prj']!), /WGS_1984/);
    const back = await readFiles([{ name: file.name, bytes: file.bytes }], { kind: 'features' });
    assert.deepEqual(back.features[0]!.geometry, grid.geometry);
    assert.equal(back.features[0]!.properties!.name, '一网格');
  });

  it('hostile cells stay text; CSV escapes formulas; a DBF cut is reported', async () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","点我")',
      '<img src=x onerror=alert(1)>',
      '@SUM(A1)',
      'x'.repeat(100_000),
    ];
    const features = hostile.map((name, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [120.15 + i * 0.001, 30.27] },
      properties: { id: `H${i}`, name, households: 10 },
    }));
    const csv = await writeFeatures(features, 'csv', { name: 'h' });
    assert.deepEqual([...csv.file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
    const text = new TextDecoder().decode(csv.file.bytes);
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"",""点我"")"`), 'formula escaped');
    assert.ok(text.includes(`'@SUM(A1)`));
    assert.equal(csvCell(-5), '-5', 'numbers are not escaped');
    for (const format of ['csv', 'xlsx'] as const) {
      const out = await writeFeatures(features, format, { name: 'h' });
      const back = await readFiles([{ name: out.file.name, bytes: out.file.bytes }]);
      const names = back.features.map((f) => f.properties!.name as string);
      // The CSV keeps the escape (what Excel shows as text); XLSX cells are text cells.
      assert.equal(names[1], hostile[1]);
      assert.equal(names[3]!.length, 100_000);
      assert.equal(names[0], format === 'csv' ? `'${hostile[0]}` : hostile[0]);
    }
    const shp = await writeFeatures(features, 'shapefile', { name: 'h' });
    assert.match(shp.warnings.join(), /254 bytes/);
  });
});
