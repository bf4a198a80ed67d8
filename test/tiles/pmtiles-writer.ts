/**
 * A small PMTiles v3 writer for tests: vector tiles cut from GeoJSON (geojson-vt → MVT with vt-pbf)
 * into one uncompressed archive with a single root directory, as a static host would serve it.
 * Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md (header, directories, varints).
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { zxyToTileId } from 'pmtiles';
import type { FeatureCollection } from 'geojson';

const HEADER_BYTES = 127;
const COMPRESSION_NONE = 1;
const TILE_TYPE_MVT = 1;

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      out.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    out.push(value);
  }
  return out;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
}

/** A directory: count, tile id deltas, run lengths, lengths, offsets (0 = right after the previous). */
function directory(entries: Entry[]): Uint8Array {
  const values = [entries.length];
  entries.forEach((e, i) => values.push(i === 0 ? e.tileId : e.tileId - entries[i - 1]!.tileId));
  entries.forEach(() => values.push(1));
  entries.forEach((e) => values.push(e.length));
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    values.push(previous && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(varints(values));
}

/** Cuts `layers` (source-layer name → FeatureCollection) into MVT tiles for zooms [minZoom, maxZoom]. */
export function writePmtiles(
  layers: Record<string, FeatureCollection>,
  options: { minZoom: number; maxZoom: number; bounds: [number, number, number, number] },
): Uint8Array {
  const { minZoom, maxZoom, bounds } = options;
  const indexes = Object.entries(layers).map(
    ([name, data]) => [name, new GeoJSONVT(data, { maxZoom, indexMaxZoom: maxZoom, tolerance: 1, extent: 4096 })] as const,
  );
  const tiles: { tileId: number; data: Uint8Array }[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const n = 2 ** z;
    const x0 = Math.floor(((bounds[0] + 180) / 360) * n);
    const x1 = Math.floor(((bounds[2] + 180) / 360) * n);
    const row = (lat: number) => {
      const r = (lat * Math.PI) / 180;
      return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    };
    for (let x = x0; x <= x1; x++)
      for (let y = row(bounds[3]); y <= row(bounds[1]); y++) {
        const parts = Object.fromEntries(indexes.map(([name, index]) => [name, index.getTile(z, x, y)]).filter(([, t]) => t));
        if (Object.keys(parts).length === 0) continue;
        tiles.push({ tileId: zxyToTileId(z, x, y), data: fromGeojsonVt(parts as never, { version: 2, extent: 4096 }) });
      }
  }
  tiles.sort((a, b) => a.tileId - b.tileId);
  const entries: Entry[] = [];
  let offset = 0;
  for (const tile of tiles) {
    entries.push({ tileId: tile.tileId, offset, length: tile.data.length });
    offset += tile.data.length;
  }
  const root = directory(entries);
  const metadata = new TextEncoder().encode(JSON.stringify({ vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} })) }));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const dataOffset = metadataOffset + metadata.length;
  const out = new Uint8Array(dataOffset + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3);
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, 0); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, tiles.length); // addressed tiles
  u64(80, tiles.length); // tile entries
  u64(88, tiles.length); // tile contents
  view.setUint8(96, 1); // clustered: tiles in tile id order
  view.setUint8(97, COMPRESSION_NONE);
  view.setUint8(98, COMPRESSION_NONE);
  view.setUint8(99, TILE_TYPE_MVT);
  view.setUint8(100, minZoom);
  view.setUint8(101, maxZoom);
  const e7 = (degrees: number) => Math.round(degrees * 1e7);
  view.setInt32(102, e7(bounds[0]), true);
  view.setInt32(106, e7(bounds[1]), true);
  view.setInt32(110, e7(bounds[2]), true);
  view.setInt32(114, e7(bounds[3]), true);
  view.setUint8(118, maxZoom);
  view.setInt32(119, e7((bounds[0] + bounds[2]) / 2), true);
  view.setInt32(123, e7((bounds[1] + bounds[3]) / 2), true);
  out.set(root, rootOffset);
  out.set(metadata, metadataOffset);
  let at = dataOffset;
  for (const tile of tiles) {
    out.set(tile.data, at);
    at += tile.data.length;
  }
  return out;
}
