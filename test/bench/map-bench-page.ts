/**
 * The page `npm run bench` drives (test/bench/map.bench.ts). It draws the generated district twice
 * over, one fresh map at a time: through our elements (`ours`), and as the same MapLibre sources and
 * layers written by hand (`raw`), so that ours − raw is our overhead (validation, CRS conversion, Lit).
 */
import '../../src/define.ts';
import { bbox, pointOnFeature } from '@turf/turf';
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LngLatBoundsLike,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { hasWebGL2, maplibregl, maplibreCss } from '../../src/map/maplibre.ts';
import { offlineStyle } from '../../src/map/basemaps.ts';
import { validateGrids, validateIssues, validateStations } from '../../src/core/validate.ts';
import { toDisplay } from '../../src/core/crs.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridLayer } from '../../src/components/wg-grid-layer/wg-grid-layer.ts';
import type { WgIssueLayer } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import type { Grids, IssueProperties, Issues, Stations } from '../../src/core/types.ts';
import { DEMO_NOW, generateDistrict } from '../../demo/data/generate.ts';

export type Side = 'raw' | 'ours';

/** What one timed phase returns: wall time and what ended up on the map, to check both sides match. */
export interface PhaseResult {
  ms: number;
  /** Zoom and centre at idle: both sides must draw the same view. */
  camera: string;
  /** Every layer's type, filter, layout and paint, ids left out: both sides must draw the same layers. */
  style: string[];
  layers: number;
  sources: number;
  errors: number;
  /** GeoJSON features handed to MapLibre (addSource data and setData), each one a worker's work. */
  features: number;
  setDataCalls: number;
  /** Frames MapLibre drew (each one main-thread work: placement, uploads, draw calls). */
  frames: number;
}

export interface MapBench {
  /** Generates the district and its replacement data (not timed). */
  prepare(): {
    generateMs: number;
    units: number;
    grids: number;
    stations: number;
    issues: number;
    nextIssues: number;
  };
  /** Creates a fresh map with every district layer; resolves at its first `idle`. */
  load(side: Side): Promise<PhaseResult>;
  /** Replaces the grid and issue data on the current map; resolves at the next `idle`. */
  update(side: Side): Promise<PhaseResult>;
  /** Removes the current map and frees its WebGL context. */
  teardown(): void;
  /** Our processing steps, each timed on its own (median of three), in ms. */
  steps(): Promise<Record<string, number>>;
}

declare global {
  interface Window {
    wgBench: MapBench;
    gc?: () => void;
  }
}

const BACKGROUND = '#f3f1ec';
const NOW = DEMO_NOW;
const BAND = { min: 300, max: 500 };
// <wg-map> keeps the data clear of its side panel (15rem wide, plus 24px); the raw map shows the same view.
const PANEL_PADDING = 15 * 16 + 24;
// The elements' paint, written out by hand as a portal developer would.
const KINDS = ['center', 'post', 'social-work', 'other'];
const STATION_COLOR: ExpressionSpecification = [
  'match',
  ['to-string', ['get', 'kindKey']],
  'center',
  '#c8161d',
  'post',
  '#e6731a',
  'social-work',
  '#6a3d9a',
  'other',
  '#4a5568',
  '#4a5568',
];
const STATION_RADIUS: ExpressionSpecification = [
  'match',
  ['to-string', ['get', 'kindKey']],
  'center',
  13,
  'post',
  10,
  'social-work',
  10,
  'other',
  9,
  9,
];
const STATION_MARK: ExpressionSpecification = [
  'match',
  ['to-string', ['get', 'kindKey']],
  'center',
  '党',
  'post',
  '驿',
  'social-work',
  '社',
  'other',
  '站',
  '站',
];
const STAGE_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'stage'],
  'reported',
  '#d62728',
  'assigned',
  '#ff7f0e',
  'handling',
  '#e7b416',
  'verifying',
  '#1f77b4',
  'closed',
  '#9e9e9e',
  '#666',
];

const stage = document.getElementById('stage')!;
const styleTag = document.createElement('style');
styleTag.textContent = maplibreCss;
document.head.append(styleTag);

let district: { grids: Grids; stations: Stations; issues: Issues } | undefined;
let next: { grids: Grids; issues: Issues } | undefined;
let current:
  { side: 'raw'; map: MapLibreMap } | { side: 'ours'; element: WgMap; map: MapLibreMap } | undefined;
let errors = 0;
let handed = { features: 0, setDataCalls: 0, frames: 0 };

// Count what each side hands to MapLibre's workers; a counter, the same on both sides.
const countOf = (data: unknown) =>
  typeof data === 'object' && data !== null && 'features' in data
    ? (data as { features: unknown[] }).features.length
    : 0;
const setData = maplibregl.GeoJSONSource.prototype.setData;
maplibregl.GeoJSONSource.prototype.setData = function (
  this: GeoJSONSource,
  data: Parameters<typeof setData>[0],
) {
  handed.features += countOf(data);
  handed.setDataCalls++;
  return setData.call(this, data);
};
const render = (maplibregl.Map.prototype as unknown as { _render(t: number): unknown })._render;
(maplibregl.Map.prototype as unknown as { _render(t: number): unknown })._render = function (
  this: MapLibreMap,
  t: number,
) {
  handed.frames++;
  return render.call(this, t);
};
const addSource = maplibregl.Map.prototype.addSource;
maplibregl.Map.prototype.addSource = function (
  this: MapLibreMap,
  id: string,
  source: Parameters<typeof addSource>[1],
) {
  if (source.type === 'geojson') handed.features += countOf(source.data);
  return addSource.call(this, id, source);
};

function data() {
  if (!district || !next) throw new Error('call prepare() first');
  return { ...district, next };
}

/** A grid plan after a household count: every third grid gains 120 households (some leave the band). */
function recountedGrids(grids: Grids): Grids {
  return {
    type: 'FeatureCollection',
    features: grids.features.map((grid, i) => ({
      ...grid,
      properties: {
        ...grid.properties,
        households: (grid.properties.households ?? 0) + (i % 3 === 0 ? 120 : 0),
      },
    })),
  };
}

/** The issues a day later: one in ten gone, the rest moved a few metres east, a copy throughout. */
function laterIssues(issues: Issues): Issues {
  return {
    type: 'FeatureCollection',
    features: issues.features
      .filter((_, i) => i % 10 !== 0)
      .map((issue) => ({
        type: 'Feature',
        geometry: {
          type: 'Point',
          coordinates: [issue.geometry.coordinates[0] + 0.0003, issue.geometry.coordinates[1]],
        },
        properties: { ...issue.properties },
      })),
  };
}

function styleCounts(map: MapLibreMap) {
  const style = map.getStyle();
  const { lng, lat } = map.getCenter();
  const sources = Object.keys(style.sources);
  return {
    camera: `z${map.getZoom().toFixed(3)} ${lng.toFixed(5)},${lat.toFixed(5)}`,
    style: style.layers.map((layer) => {
      // `visibility: visible` is the default, whether said or not.
      const { visibility, ...layout } = (layer.layout ?? {}) as Record<string, unknown>;
      return JSON.stringify({
        ...layer,
        id: undefined,
        source: 'source' in layer ? sources.indexOf(layer.source) : undefined,
        layout:
          Object.keys(layout).length || (visibility && visibility !== 'visible') ? layer.layout : undefined,
      });
    }),
    layers: style.layers.length,
    sources: Object.keys(style.sources).length,
  };
}

function untilIdle(map: MapLibreMap, start: number): Promise<PhaseResult> {
  return new Promise((resolve) =>
    map.once('idle', () =>
      resolve({ ms: performance.now() - start, ...styleCounts(map), errors, ...handed }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Raw: the same sources and layers, written by hand on MapLibre.

const nowMs = Date.parse(NOW);
const overdue = (p: IssueProperties) =>
  p.stage !== 'closed' && !!p.expected_datetime && Date.parse(p.expected_datetime) < nowMs;

function rawGrids(grids: Grids) {
  const features = grids.features.map((grid) => {
    const households = grid.properties.households ?? 0;
    const band = households < BAND.min ? 'under' : households > BAND.max ? 'over' : 'inside';
    return { ...grid, properties: { ...grid.properties, households, band } };
  });
  const labels = features.map((grid) => ({
    type: 'Feature' as const,
    geometry: pointOnFeature(grid).geometry,
    properties: {
      id: grid.properties.id,
      text: `${grid.properties.name}\n${grid.properties.households.toLocaleString('zh-CN')}户 · ${grid.properties.worker}`,
      households: grid.properties.households,
    },
  }));
  return {
    grids: { type: 'FeatureCollection' as const, features },
    labels: { type: 'FeatureCollection' as const, features: labels },
  };
}

function rawIssues(issues: Issues) {
  return {
    type: 'FeatureCollection' as const,
    features: issues.features.map((issue) => ({
      type: 'Feature' as const,
      geometry: issue.geometry,
      properties: {
        service_request_id: issue.properties.service_request_id,
        stage: issue.properties.stage,
        cat: issue.properties.service_name,
        code: issue.properties.service_code ?? '',
        t: Date.parse(issue.properties.requested_datetime),
        overdue: overdue(issue.properties),
        soon: false, // due soon needs deadline rules, which the district has none of
        weight: 1,
      },
    })),
  };
}

function rawStations(stations: Stations) {
  return {
    type: 'FeatureCollection' as const,
    features: stations.features.map((station) => ({
      ...station,
      properties: {
        ...station.properties,
        kindKey: KINDS.includes(station.properties.kind) ? station.properties.kind : 'other',
      },
    })),
  };
}

function addRawLayers(map: MapLibreMap, grids: Grids, stations: Stations, issues: Issues) {
  const g = rawGrids(grids);
  map.addSource('grids', { type: 'geojson', data: g.grids, promoteId: 'id' });
  map.addSource('grid-labels', { type: 'geojson', data: g.labels });
  map.addLayer({
    id: 'grids-fill',
    type: 'fill',
    source: 'grids',
    paint: {
      'fill-color': [
        'match',
        ['get', 'band'],
        'under',
        '#6baed6',
        'over',
        '#f16913',
        'inside',
        '#74c476',
        '#bdbdbd',
      ],
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.75, 0.5],
    },
  });
  map.addLayer({
    id: 'grids-line',
    type: 'line',
    source: 'grids',
    paint: { 'line-color': '#ffffff', 'line-width': 2 },
  });
  map.addLayer({
    id: 'grids-highlight',
    type: 'line',
    source: 'grids',
    filter: ['==', ['get', 'id'], ''],
    paint: { 'line-color': '#7a0177', 'line-width': 4 },
  });
  // Station coverage: drawn only on request, but its (empty) source and layers are there, as in <wg-station-layer>.
  map.addSource('coverage', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'coverage-fill',
    type: 'fill',
    source: 'coverage',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': '#2b8cbe', 'fill-opacity': 0.05 },
  });
  map.addLayer({
    id: 'coverage-line',
    type: 'line',
    source: 'coverage',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'line-color': '#2b8cbe', 'line-width': 1.5, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'coverage-uncovered',
    type: 'circle',
    source: 'coverage',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': 'rgba(255,255,255,0.6)',
      'circle-radius': 5,
      'circle-stroke-color': '#d7301f',
      'circle-stroke-width': 2.5,
    },
  });
  map.addSource('stations', { type: 'geojson', data: rawStations(stations) });
  map.addLayer({
    id: 'stations-circle',
    type: 'circle',
    source: 'stations',
    paint: {
      'circle-color': STATION_COLOR,
      'circle-radius': [
        'interpolate',
        ['linear'],
        ['zoom'],
        11,
        ['*', STATION_RADIUS, 0.25],
        14,
        ['*', STATION_RADIUS, 0.6],
        16,
        STATION_RADIUS,
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 2],
    },
  });
  map.addLayer({
    id: 'stations-symbol',
    type: 'symbol',
    source: 'stations',
    minzoom: 14,
    layout: {
      'text-field': STATION_MARK,
      'text-font': ['sans-serif'],
      'text-size': ['match', ['to-string', ['get', 'kindKey']], 'center', 14, 11],
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
  map.addLayer({
    id: 'stations-label',
    type: 'symbol',
    source: 'stations',
    minzoom: 15,
    layout: {
      // Names cut at 24 characters, as the element does.
      'text-field': [
        'case',
        ['>', ['length', ['to-string', ['coalesce', ['get', 'name'], '']]], 24],
        ['concat', ['slice', ['to-string', ['coalesce', ['get', 'name'], '']], 0, 23], '…'],
        ['to-string', ['coalesce', ['get', 'name'], '']],
      ],
      'text-font': ['sans-serif'],
      'text-size': 11,
      'text-offset': [0, 1.6],
      'text-anchor': 'top',
      'text-optional': true,
    },
    paint: { 'text-color': '#3d2b1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
  });

  map.addSource('issues', { type: 'geojson', data: rawIssues(issues) });
  map.addLayer({
    id: 'issues-circle',
    type: 'circle',
    source: 'issues',
    filter: ['all'],
    paint: {
      'circle-color': STAGE_COLOR,
      'circle-radius': ['case', ['get', 'overdue'], 6, 4.5],
      'circle-stroke-color': [
        'case',
        ['get', 'overdue'],
        '#7f0000',
        ['==', ['get', 'soon'], true],
        '#d97706',
        '#ffffff',
      ],
      'circle-stroke-width': ['case', ['get', 'overdue'], 2, 1],
      'circle-opacity': ['case', ['==', ['get', 'stage'], 'closed'], 0.55, 0.95],
    },
  });
  // Grid labels last, above everything (as <wg-grid-layer> raises them): no overlap, the larger grids first.
  map.addLayer({
    id: 'grid-labels',
    type: 'symbol',
    source: 'grid-labels',
    layout: {
      'text-field': ['get', 'text'],
      'text-font': ['sans-serif'],
      'text-size': 13,
      'text-line-height': 1.3,
      'text-max-width': 12,
      'text-allow-overlap': false,
      'text-padding': 4,
      'symbol-sort-key': [
        'case',
        ['==', ['get', 'id'], '\u0000'],
        -1e9,
        ['-', 0, ['to-number', ['coalesce', ['get', 'households'], 0]]],
      ],
    },
    paint: { 'text-color': '#1f2933', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
  });
}

function loadRaw(): Promise<PhaseResult> {
  const { grids, stations, issues } = data();
  const start = performance.now();
  const boxes = [bbox(grids), bbox(stations), bbox(issues)];
  const bounds = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ] as LngLatBoundsLike;
  const container = document.createElement('div');
  stage.append(container);
  const map = new maplibregl.Map({
    container,
    style: offlineStyle(BACKGROUND),
    bounds,
    fitBoundsOptions: { padding: { top: 24, right: 24, bottom: 24, left: PANEL_PADDING }, maxZoom: 18 },
    attributionControl: false,
    fadeDuration: 0,
    trackResize: false,
    cancelPendingTileRequestsWhileZooming: true,
  });
  current = { side: 'raw', map };
  const idle = new Promise<PhaseResult>((resolve) =>
    map.once('style.load', () => {
      addRawLayers(map, grids, stations, issues);
      resolve(untilIdle(map, start));
    }),
  );
  return idle;
}

function updateRaw(map: MapLibreMap): Promise<PhaseResult> {
  const { next } = data();
  const start = performance.now();
  const g = rawGrids(next.grids);
  (map.getSource('grids') as GeoJSONSource).setData(g.grids);
  (map.getSource('grid-labels') as GeoJSONSource).setData(g.labels);
  (map.getSource('issues') as GeoJSONSource).setData(rawIssues(next.issues));
  return untilIdle(map, start);
}

// ---------------------------------------------------------------------------------------------
// Ours: the elements.

function loadOurs(): Promise<PhaseResult> {
  const { grids, stations, issues } = data();
  const start = performance.now();
  const element = document.createElement('wg-map');
  const result = new Promise<PhaseResult>((resolve) =>
    element.addEventListener(
      'wg-map-ready',
      (event) => {
        const map = event.detail.map;
        if (current?.side === 'ours') current.map = map;
        resolve(untilIdle(map, start));
      },
      { once: true },
    ),
  );
  const gridLayer = document.createElement('wg-grid-layer');
  gridLayer.data = grids;
  const stationLayer = document.createElement('wg-station-layer');
  stationLayer.data = stations;
  const issueLayer = document.createElement('wg-issue-layer');
  issueLayer.now = NOW;
  issueLayer.data = issues;
  element.append(gridLayer, stationLayer, issueLayer);
  current = { side: 'ours', element, map: undefined as unknown as MapLibreMap };
  stage.append(element);
  return result;
}

function updateOurs(element: WgMap, map: MapLibreMap): Promise<PhaseResult> {
  const { next } = data();
  const start = performance.now();
  element.querySelector<WgGridLayer>('wg-grid-layer')!.data = next.grids;
  element.querySelector<WgIssueLayer>('wg-issue-layer')!.data = next.issues;
  return untilIdle(map, start);
}

// ---------------------------------------------------------------------------------------------
// Our processing, step by step.

async function time(run: () => unknown | Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    window.gc?.();
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1];
}

/** A layer element with no map: what `.data` costs it (validation, conversion, derived values, its list). */
async function elementUpdate(
  tag: 'wg-grid-layer' | 'wg-station-layer' | 'wg-issue-layer',
  input: Grids | Stations | Issues,
) {
  const element = document.createElement(tag);
  if (element instanceof HTMLElement && 'now' in element) (element as WgIssueLayer).now = NOW;
  stage.append(element);
  await element.updateComplete;
  const start = performance.now();
  (element as { data: unknown }).data = input;
  await element.updateComplete;
  const ms = performance.now() - start;
  element.remove();
  return ms;
}

async function steps(): Promise<Record<string, number>> {
  const { grids, stations, issues } = data();
  const grid = validateGrids(grids).features;
  const station = validateStations(stations).features;
  const issue = validateIssues(issues).features;
  const out: Record<string, number> = {};
  out['validateGrids (1,050)'] = await time(() => validateGrids(grids));
  out['validateStations'] = await time(() => validateStations(stations));
  out['validateIssues (50,000)'] = await time(() => validateIssues(issues));
  out['toDisplay, every feature'] = await time(() => {
    for (const list of [grid, station, issue]) list.map((f) => toDisplay(f, 'wgs84', 'wgs84'));
  });
  out['bbox of each layer'] = await time(() =>
    [grid, station, issue].map((features) => bbox({ type: 'FeatureCollection', features })),
  );
  out['hasWebGL2() probe (<wg-map>)'] = await time(() => hasWebGL2());
  // A hot spot found by profiling: a count formatted per call builds a number format each time.
  out['1,050 × toLocaleString("zh-CN")'] = await time(() =>
    grid.map((g) => (g.properties.households ?? 0).toLocaleString('zh-CN')),
  );
  const format = new Intl.NumberFormat('zh-CN');
  out['1,050 × one Intl.NumberFormat'] = await time(() =>
    grid.map((g) => format.format(g.properties.households ?? 0)),
  );
  out['raw: grid bands + label points'] = await time(() => rawGrids(grids));
  out['raw: issue properties'] = await time(() => rawIssues(issues));
  out['<wg-grid-layer> .data, no map'] = await time(() => elementUpdate('wg-grid-layer', grids));
  out['<wg-station-layer> .data, no map'] = await time(() => elementUpdate('wg-station-layer', stations));
  out['<wg-issue-layer> .data, no map'] = await time(() => elementUpdate('wg-issue-layer', issues));
  return out;
}

// ---------------------------------------------------------------------------------------------

document.addEventListener('wg-error', () => errors++);

window.wgBench = {
  prepare() {
    const start = performance.now();
    const generated = generateDistrict();
    const generateMs = performance.now() - start;
    // As a portal gets its data: JSON text, parsed. (The generator's strings are built by
    // concatenation, which every reader of them — `Date.parse` among them — has to flatten first.)
    const fetched = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    district = fetched({ grids: generated.grids, stations: generated.stations, issues: generated.issues });
    next = fetched({ grids: recountedGrids(generated.grids), issues: laterIssues(generated.issues) });
    return {
      generateMs,
      units: generated.units.features.length,
      grids: district.grids.features.length,
      stations: district.stations.features.length,
      issues: district.issues.features.length,
      nextIssues: next.issues.features.length,
    };
  },
  load(side) {
    if (current) throw new Error('call teardown() first');
    errors = 0;
    handed = { features: 0, setDataCalls: 0, frames: 0 };
    return side === 'raw' ? loadRaw() : loadOurs();
  },
  update(side) {
    if (current?.side !== side) throw new Error(`no ${side} map`);
    handed = { features: 0, setDataCalls: 0, frames: 0 };
    return current.side === 'raw' ? updateRaw(current.map) : updateOurs(current.element, current.map);
  },
  teardown() {
    if (current?.side === 'ours') current.element.remove();
    else if (current?.side === 'raw') {
      const gl = current.map.painter?.context?.gl as WebGL2RenderingContext | undefined;
      current.map.remove();
      if (gl && !gl.isContextLost()) gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
    current = undefined;
    stage.replaceChildren();
    window.gc?.();
  },
  steps,
};
