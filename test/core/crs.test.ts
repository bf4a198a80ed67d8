import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distance } from '@turf/turf';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import { convertPosition, parseCrs, toDisplay } from '../../src/core/crs.ts';

const HANGZHOU: Position = [120.16, 30.27];
const metres = (a: Position, b: Position): number => distance(a, b, { units: 'kilometers' }) * 1000;

function square(lng: number, lat: number, size = 0.002): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}

function withHole(lng: number, lat: number): Polygon {
  const outer = square(lng, lat, 0.01).coordinates[0] as Position[];
  const hole = (square(lng + 0.004, lat + 0.004, 0.002).coordinates[0] as Position[]).slice().reverse();
  return { type: 'Polygon', coordinates: [outer, hole] };
}

const pointFeature = (at: Position, id = 'p'): Feature<Point> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: at },
  properties: { id, name: '滨河小区1幢' },
});

describe('convertPosition', () => {
  it('moves a Hangzhou point by hundreds of metres from WGS84 to GCJ-02', () => {
    const offset = metres(HANGZHOU, convertPosition(HANGZHOU, 'wgs84', 'gcj02'));
    assert.ok(offset > 100 && offset < 1000, `${offset} m`);
  });

  it('brings a GCJ-02 point back within 1 m of its WGS84 twin', () => {
    const gcj = gcoord.transform(HANGZHOU as [number, number], gcoord.WGS84, gcoord.GCJ02);
    assert.ok(metres(convertPosition(gcj, 'gcj02', 'wgs84'), HANGZHOU) < 1);
  });

  it('moves a Hangzhou point by hundreds of metres from WGS84 to BD-09', () => {
    const offset = metres(HANGZHOU, convertPosition(HANGZHOU, 'wgs84', 'bd09'));
    assert.ok(offset > 300 && offset < 2000, `${offset} m`);
  });

  it('brings a BD-09 point back within 1 m of its WGS84 twin', () => {
    const bd = gcoord.transform(HANGZHOU as [number, number], gcoord.WGS84, gcoord.BD09);
    assert.ok(metres(convertPosition(bd, 'bd09', 'wgs84'), HANGZHOU) < 1);
  });

  it('converts between GCJ-02 and BD-09 consistently with WGS84', () => {
    const gcj = convertPosition(HANGZHOU, 'wgs84', 'gcj02');
    const viaGcj = convertPosition(gcj, 'gcj02', 'bd09');
    assert.ok(metres(viaGcj, convertPosition(HANGZHOU, 'wgs84', 'bd09')) < 1);
  });

  it('returns the same position when the CRS is the same', () => {
    assert.equal(convertPosition(HANGZHOU, 'gcj02', 'gcj02'), HANGZHOU);
  });

  it('keeps the altitude', () => {
    assert.equal(convertPosition([120.16, 30.27, 42], 'wgs84', 'gcj02')[2], 42);
  });

  it('leaves a position outside China unchanged', () => {
    assert.deepEqual(convertPosition([2.35, 48.85], 'wgs84', 'gcj02'), [2.35, 48.85]);
  });

  it('does not change the input position', () => {
    const position: Position = [120.16, 30.27];
    convertPosition(position, 'wgs84', 'bd09');
    assert.deepEqual(position, [120.16, 30.27]);
  });
});

describe('toDisplay', () => {
  it('returns the very same object when the CRS is the same', () => {
    const collection: FeatureCollection = { type: 'FeatureCollection', features: [pointFeature(HANGZHOU)] };
    assert.equal(toDisplay(collection, 'wgs84', 'wgs84'), collection);
  });

  it('converts every feature of a FeatureCollection', () => {
    const gcj = convertPosition(HANGZHOU, 'wgs84', 'gcj02');
    const collection: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: [pointFeature(gcj, 'a'), pointFeature(gcj, 'b')],
    };
    const out = toDisplay(collection, 'gcj02', 'wgs84');
    for (const f of out.features) assert.ok(metres(f.geometry.coordinates, HANGZHOU) < 1);
  });

  it('converts a polygon ring by ring, position by position', () => {
    const polygon = withHole(120.16, 30.27);
    const feature: Feature<Polygon> = { type: 'Feature', geometry: polygon, properties: { id: 'g1' } };
    const out = toDisplay(feature, 'wgs84', 'gcj02');
    assert.equal(out.geometry.coordinates.length, 2);
    out.geometry.coordinates.forEach((ring, r) => {
      ring.forEach((p, k) =>
        assert.deepEqual(
          p,
          convertPosition((polygon.coordinates[r] as Position[])[k] as Position, 'wgs84', 'gcj02'),
        ),
      );
    });
  });

  it('keeps converted rings closed', () => {
    const out = toDisplay(square(120.16, 30.27), 'bd09', 'wgs84');
    const ring = out.coordinates[0] as Position[];
    assert.deepEqual(ring[0], ring[ring.length - 1]);
  });

  it('converts a MultiPolygon', () => {
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [square(120.16, 30.27).coordinates, square(120.17, 30.28).coordinates],
    };
    const out = toDisplay(multi, 'wgs84', 'gcj02');
    assert.deepEqual(out.coordinates[1]?.[0]?.[2], convertPosition([120.172, 30.282], 'wgs84', 'gcj02'));
  });

  it('converts the geometries of a GeometryCollection', () => {
    const collection = {
      type: 'GeometryCollection' as const,
      geometries: [
        { type: 'Point' as const, coordinates: HANGZHOU },
        { type: 'LineString' as const, coordinates: [HANGZHOU, [120.17, 30.28]] },
      ],
    };
    const out = toDisplay(collection, 'wgs84', 'gcj02');
    assert.deepEqual(out.geometries[0], {
      type: 'Point',
      coordinates: convertPosition(HANGZHOU, 'wgs84', 'gcj02'),
    });
  });

  it('keeps a feature without geometry', () => {
    const feature: Feature = { type: 'Feature', geometry: null as unknown as Point, properties: { id: 'x' } };
    assert.equal(toDisplay(feature, 'wgs84', 'gcj02').geometry, null);
  });

  it('keeps the properties and id of a feature', () => {
    const out = toDisplay({ ...pointFeature(HANGZHOU), id: 7 }, 'wgs84', 'gcj02');
    assert.deepEqual(out.properties, { id: 'p', name: '滨河小区1幢' });
    assert.equal(out.id, 7);
  });

  it('does not change the input', () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        pointFeature(HANGZHOU),
        { type: 'Feature', geometry: withHole(120.16, 30.27), properties: { id: 'g' } },
      ],
    };
    const before = structuredClone(collection);
    toDisplay(collection, 'wgs84', 'bd09');
    assert.deepEqual(collection, before);
  });

  it('drops a bounding box that would be stale', () => {
    const feature = {
      ...pointFeature(HANGZHOU),
      bbox: [120.16, 30.27, 120.16, 30.27] as [number, number, number, number],
    };
    assert.equal('bbox' in toDisplay(feature, 'wgs84', 'gcj02'), false);
  });
});

describe('parseCrs', () => {
  it('reads the usual names of each CRS', () => {
    assert.equal(parseCrs('CGCS2000'), 'wgs84');
    assert.equal(parseCrs('EPSG:4326'), 'wgs84');
    assert.equal(parseCrs('GCJ-02'), 'gcj02');
    assert.equal(parseCrs('amap'), 'gcj02');
    assert.equal(parseCrs('BD-09'), 'bd09');
  });

  it('returns undefined for an unknown name', () => {
    assert.equal(parseCrs('EPSG:3857'), undefined);
  });
});
