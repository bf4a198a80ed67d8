/**
 * What the grid editor draws on the map and how: the sources and layers (band colours, locked hatch,
 * selection, split preview, buildings coloured by grid, the split line and lasso, labels), and the
 * features of each for the editor's state. Through the map adapter only.
 */
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import { bbox } from '@turf/bbox';
import type { Box } from '../../map/adapter.ts';
import type { EditorContext } from '../../core/editor/context.ts';
import type { MapAdapter } from '../../map/adapter.ts';
import type { PlanEditor } from '../../core/editor/editor.ts';
import type { EditorState } from '../../core/editor/state.ts';
import type { PlanStats } from '../../core/editor/stats.ts';
import type { EditorMessages } from './wg-grid-editor.messages.ts';
import { gridName } from './panel.ts';

/** Categorical colours for buildings by grid (and the grid list's swatches). */
export const PALETTE = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#1f78b4',
  '#b15928',
  '#6a3d9a',
];
const HATCH = 'wg-editor-hatch';

/** The colour of each grid (by its place in the plan), for its buildings and its swatch. */
export function gridColours(state: EditorState | undefined): Map<string, string> {
  return new Map(state?.grids.map((g, i) => [g.id, PALETTE[i % PALETTE.length]!]) ?? []);
}

/** Adds the editor's sources (named after `base`) and layers; `color` reads a CSS custom property. */
export function addEditorLayers(
  map: MapAdapter,
  b: string,
  color: (name: string, fallback: string) => string,
): void {
  map.addImage(HATCH, hatchImage(), 2);
  map.addSource(b, { promoteId: 'id' });
  for (const part of ['preview', 'units', 'draft', 'labels']) map.addSource(`${b}-${part}`);
  map.addLayer({
    id: `${b}-fill`,
    type: 'fill',
    source: b,
    paint: {
      'fill-color': [
        'match',
        ['get', 'band'],
        'under',
        color('--wg-grid-under', '#6baed6'),
        'over',
        color('--wg-grid-over', '#f16913'),
        color('--wg-grid-inside', '#74c476'),
      ],
      'fill-opacity': ['case', ['get', 'selected'], 0.6, 0.4],
    },
  });
  map.addLayer({
    id: `${b}-locked`,
    type: 'fill',
    source: b,
    filter: ['==', ['get', 'locked'], true],
    paint: { 'fill-pattern': HATCH, 'fill-opacity': 0.5 },
  });
  map.addLayer({
    id: `${b}-line`,
    type: 'line',
    source: b,
    paint: { 'line-color': '#ffffff', 'line-width': 2 },
  });
  map.addLayer({
    id: `${b}-selected`,
    type: 'line',
    source: b,
    filter: ['==', ['get', 'selected'], true],
    paint: { 'line-color': color('--wg-grid-selected', '#7a0177'), 'line-width': 4 },
  });
  map.addLayer({
    id: `${b}-preview-fill`,
    type: 'fill',
    source: `${b}-preview`,
    paint: { 'fill-pattern': HATCH, 'fill-opacity': 0.7 },
  });
  map.addLayer({
    id: `${b}-preview-line`,
    type: 'line',
    source: `${b}-preview`,
    paint: {
      'line-color': color('--wg-editor-preview', '#1a56db'),
      'line-width': 3,
      'line-dasharray': [2, 1.5],
    },
  });
  map.addLayer({
    id: `${b}-units`,
    type: 'circle',
    source: `${b}-units`,
    paint: {
      'circle-color': ['get', 'color'],
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'households']], 0, 2, 4, 4, 10, 8],
      'circle-stroke-color': ['case', ['get', 'selected'], '#111111', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 2.5, 1],
    },
  });
  map.addLayer({
    id: `${b}-draft-line`,
    type: 'line',
    source: `${b}-draft`,
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': '#b91c1c', 'line-width': 3, 'line-dasharray': [1, 1] },
  });
  map.addLayer({
    id: `${b}-draft-points`,
    type: 'circle',
    source: `${b}-draft`,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': '#b91c1c',
      'circle-radius': 5,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: `${b}-labels`,
    type: 'symbol',
    source: `${b}-labels`,
    layout: {
      'text-field': ['get', 'text'],
      'text-font': ['sans-serif'],
      'text-size': 13,
      'text-line-height': 1.3,
      'text-max-width': 14,
    },
    paint: { 'text-color': '#1f2933', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.5 },
  });
}

/** What the editor's features are drawn from. */
export interface EditorView {
  editor: PlanEditor;
  stats: PlanStats;
  selected: readonly string[];
  selectedUnits: readonly string[];
  t: EditorMessages;
}

/** Sets the grids, preview, buildings and labels for the editor's state. */
export function drawEditor(map: MapAdapter, b: string, view: EditorView): void {
  const { editor, stats, t } = view;
  const state = editor.state;
  const shapes = editor.shapes();
  const byId = new Map(stats.grids.map((g) => [g.id, g]));
  const selected = new Set(view.selected);
  const colours = gridColours(state);
  const set = (id: string, data: FeatureCollection) => map.setData(id, data);
  const grids: Feature[] = [];
  const labels: Feature[] = [];
  const at = labelPoints(editor, state);
  for (const g of state.grids) {
    const shape = shapes.get(g.id);
    const s = byId.get(g.id)!;
    if (!shape) continue;
    grids.push({
      type: 'Feature',
      geometry: shape,
      properties: { id: g.id, band: s.band, selected: selected.has(g.id), locked: s.locked },
    });
    const text = `${gridName(g)}\n${t.households(s.households)}${g.worker ? ` · ${g.worker}` : ''}`;
    labels.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at.get(g.id) ?? [0, 0] },
      properties: { text },
    });
  }
  set(b, { type: 'FeatureCollection', features: grids });
  const preview = editor.preview;
  const previewFeatures: Feature[] = [];
  if (preview) {
    const previewShapes = editor.shapes(preview.state);
    const partAt = labelPoints(editor, preview.state);
    preview.parts.forEach((part, i) => {
      const shape = previewShapes.get(part.id);
      if (!shape) return;
      previewFeatures.push({ type: 'Feature', geometry: shape, properties: { id: part.id } });
      labels.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: partAt.get(part.id) ?? [0, 0] },
        properties: { text: `${String.fromCharCode(65 + i)} · ${t.households(part.households)}` },
      });
    });
    // Labels of the grid being split would sit under the parts' labels.
    const split = labels.findIndex((l) =>
      l.properties?.text.startsWith(
        `${gridName(state.grids.find((g) => g.id === preview.grid) ?? { id: preview.grid })}\n`,
      ),
    );
    if (split >= 0) labels.splice(split, 1);
  }
  set(`${b}-preview`, { type: 'FeatureCollection', features: previewFeatures });
  const chosenUnits = new Set(view.selectedUnits);
  // The buildings' features are made once per context; only their colour and selection change.
  const units = unitFeatures(editor.context);
  for (const f of units) {
    const p = f.properties;
    const g = state.assignment[p.id];
    p.color = g === undefined ? '#9aa5b1' : (colours.get(g) ?? '#9aa5b1');
    p.selected = chosenUnits.has(p.id);
  }
  set(`${b}-units`, { type: 'FeatureCollection', features: units });
  set(`${b}-labels`, { type: 'FeatureCollection', features: labels });
}

type UnitPoint = Feature<Point, { id: string; households: number; color: string; selected: boolean }>;
const unitPoints = new WeakMap<EditorContext, UnitPoint[]>();

/** One point per building with a site (MapLibre copies what `setData` is given, so they are reused). */
function unitFeatures(context: EditorContext): UnitPoint[] {
  let list = unitPoints.get(context);
  if (!list) {
    list = context.unitIds.flatMap((id, i) => {
      const site = context.sites[i];
      return site
        ? [
            {
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: site },
              properties: { id, households: context.households.get(id) ?? 0, color: '', selected: false },
            },
          ]
        : [];
    });
    unitPoints.set(context, list);
  }
  return list;
}

/** The split line's vertices and line, and the lasso's shape while it is drawn. */
export function drawDraft(map: MapAdapter, base: string, line: Position[], shape: Position[] | null): void {
  const draft: Feature[] = line.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: p },
    properties: {},
  }));
  for (const path of [line, shape ?? []])
    if (path.length >= 2)
      draft.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: path }, properties: {} });
  map.setData(`${base}-draft`, { type: 'FeatureCollection', features: draft });
}

/**
 * Where each grid's label goes, in two passes over the buildings: the building nearest the grid's
 * centroid of buildings (which keeps the label inside an L-shaped grid).
 */
function labelPoints(editor: PlanEditor, state: EditorState): Map<string, Position> {
  const { unitIds, sites } = editor.context;
  const index = new Map(state.grids.map((g, k) => [g.id, k]));
  const k = state.grids.length;
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const count = new Uint32Array(k);
  const gridOf = new Int32Array(unitIds.length).fill(-1);
  unitIds.forEach((u, i) => {
    const g = index.get(state.assignment[u] ?? '');
    const site = sites[i];
    if (g === undefined || !site) return;
    gridOf[i] = g;
    sx[g]! += site[0]!;
    sy[g]! += site[1]!;
    count[g]!++;
  });
  const best = new Int32Array(k).fill(-1);
  const bestDistance = new Float64Array(k).fill(Infinity);
  gridOf.forEach((g, i) => {
    if (g < 0) return;
    const site = sites[i]!;
    const dx = site[0]! - sx[g]! / count[g]!;
    const dy = site[1]! - sy[g]! / count[g]!;
    const d = dx * dx + dy * dy;
    if (d < bestDistance[g]!) [bestDistance[g], best[g]] = [d, i];
  });
  const out = new Map<string, Position>();
  state.grids.forEach((grid, g) => {
    if (best[g]! >= 0) out.set(grid.id, sites[best[g]!]!);
  });
  return out;
}

/** The box round some points and shapes (to fit the map to), or null when there are none. */
export function boxOf(
  points: ReadonlyArray<Position | null | undefined>,
  shapes: Geometry[] = [],
): Box | null {
  const features: Feature[] = [
    ...points
      .filter((p): p is Position => !!p)
      .map((p): Feature => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Point', coordinates: p },
      })),
    ...shapes.map((geometry): Feature => ({ type: 'Feature', properties: {}, geometry })),
  ];
  return features.length ? (bbox({ type: 'FeatureCollection', features }).slice(0, 4) as Box) : null;
}

/** A small diagonal hatch for locked grids and split previews. */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 16;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % 8 < 2;
      const o = (y * size + x) * 4;
      data.set(on ? [26, 86, 219, 200] : [0, 0, 0, 0], o);
    }
  }
  return { width: size, height: size, data };
}
