import type { StyleSpecification } from 'maplibre-gl';
import type { Crs } from '../core/types.ts';
import { BACKGROUND_LAYER } from './ids.ts';

/** The basemap presets `<wg-map basemap>` accepts; anything else is a MapLibre style URL. */
export type BasemapPreset = 'none' | 'osm' | 'tianditu' | 'amap';

export interface Basemap {
  style: StyleSpecification | string;
  /** The coordinate system the basemap is drawn in; data layers convert their input to it. */
  crs: Crs;
}

/** The offline style: a plain background, no tile or glyph server; labels use the machine's fonts. */
export function offlineStyle(background: string): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: BACKGROUND_LAYER, type: 'background', paint: { 'background-color': background } }],
  };
}

function rasterStyle(background: string, tiles: string[][], attribution: string): StyleSpecification {
  const style = offlineStyle(background);
  tiles.forEach((urls, i) => {
    style.sources[`${BACKGROUND_LAYER}-${i}`] = { type: 'raster', tiles: urls, tileSize: 256, attribution, maxzoom: 18 };
    style.layers.push({ id: `${BACKGROUND_LAYER}-${i}`, type: 'raster', source: `${BACKGROUND_LAYER}-${i}` });
  });
  return style;
}

const subdomains = (pattern: string, names: string[]) => names.map((n) => pattern.replace('{s}', n));

/**
 * Resolves a `basemap` attribute value to a style and its coordinate system.
 * `tianditu` needs a key (CGCS2000, treated as WGS84); `amap` is drawn in GCJ-02.
 */
export function resolveBasemap(value: string | null | undefined, options: { background: string; tiandituKey?: string }): Basemap {
  const { background, tiandituKey = '' } = options;
  switch (value ?? 'none') {
    case '':
    case 'none':
      return { style: offlineStyle(background), crs: 'wgs84' };
    case 'osm':
      return {
        style: rasterStyle(background, [['https://tile.openstreetmap.org/{z}/{x}/{y}.png']], '© OpenStreetMap contributors'),
        crs: 'wgs84',
      };
    case 'tianditu': {
      const layer = (name: string) =>
        subdomains(
          `https://t{s}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tiandituKey)}`,
          ['0', '1', '2', '3'],
        );
      return { style: rasterStyle(background, [layer('vec'), layer('cva')], '© 天地图'), crs: 'wgs84' };
    }
    case 'amap':
      return {
        style: rasterStyle(
          background,
          [subdomains('https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}', ['1', '2', '3', '4'])],
          '© 高德地图',
        ),
        crs: 'gcj02',
      };
    default:
      return { style: value as string, crs: 'wgs84' };
  }
}
