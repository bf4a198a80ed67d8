/**
 * Export and import: grids as GeoJSON (id, code, name, worker, households), the assignment as CSV
 * (`unit,grid`), and the plan as JSON. Grid polygons alone can be read too: each building goes to
 * the first grid that contains it, so a building on a shared edge counts once.
 */
import { parseCsv } from '../csv.ts';
import { pointInRing } from '../point-in-ring.ts';
import type { Feature, Position } from 'geojson';
import type { GridFeature, Grids, Plan } from '../types.ts';
import type { EditorContext } from './context.ts';
import type { GridShape } from './geometry.ts';
import { householdsPerGrid, stateFromPlan, type EditorState } from './state.ts';
import { idRecord } from '../records.ts';

/** Grids as a GeoJSON FeatureCollection with `id`, `code`, `name`, `worker`, `households` (and other metadata). */
export function gridsToGeoJSON(
  state: EditorState,
  households: ReadonlyMap<string, number>,
  shapes: ReadonlyMap<string, GridShape | null>,
): Grids {
  const sums = householdsPerGrid(state, households);
  return {
    type: 'FeatureCollection',
    features: state.grids
      .filter((g) => shapes.get(g.id))
      .map((g): GridFeature => ({
        type: 'Feature',
        geometry: shapes.get(g.id)!,
        properties: { ...g, code: g.code ?? g.id, households: sums.get(g.id) ?? 0 },
      })),
  };
}

const csvField = (value: string): string =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The assignment as CSV: a `unit,grid` header, then one line per assigned unit in the given order. */
export function assignmentToCsv(
  assignment: Readonly<Record<string, string>>,
  order?: readonly string[],
): string {
  const units = order ? order.filter((u) => assignment[u] !== undefined) : Object.keys(assignment);
  return ['unit,grid', ...units.map((u) => `${csvField(u)},${csvField(assignment[u]!)}`)].join('\n') + '\n';
}

/** Reads `unit,grid` CSV (header required; quoted fields allowed). Throws naming the first bad line. */
export function assignmentFromCsv(csv: string): Record<string, string> {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''), ',');
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  const unitColumn = header?.indexOf('unit') ?? -1;
  const gridColumn = header?.indexOf('grid') ?? -1;
  if (unitColumn < 0 || gridColumn < 0)
    throw new Error('The CSV needs a header with "unit" and "grid" columns.');
  const out = idRecord<string>();
  rows.forEach((row, i) => {
    if (row.length === 1 && row[0] === '') return;
    const unit = row[unitColumn]?.trim();
    const grid = row[gridColumn]?.trim();
    if (!unit || !grid) throw new Error(`CSV line ${i + 2} needs a unit and a grid.`);
    if (out[unit] !== undefined) throw new Error(`CSV line ${i + 2}: unit "${unit}" is listed twice.`);
    out[unit] = grid;
  });
  return out;
}

/** The plan as pretty JSON. */
export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

/** Reads a plan from JSON; throws when it has no `grids` array or `assignment` object. */
export function planFromJson(json: string | unknown): Plan {
  const plan = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<Plan> | null;
  if (!plan || !Array.isArray(plan.grids) || !plan.assignment || typeof plan.assignment !== 'object') {
    throw new Error('A plan needs a "grids" array and an "assignment" object.');
  }
  for (const [u, g] of Object.entries(plan.assignment)) {
    if (typeof g !== 'string') throw new Error(`The assignment of unit "${u}" is not a grid id.`);
  }
  plan.grids.forEach((g: unknown, i) => {
    if (!g || typeof g !== 'object' || typeof (g as { id?: unknown }).id !== 'string')
      throw new Error(`Grid ${i + 1} of the plan has no "id" string.`);
  });
  return {
    id: String(plan.id ?? 'plan'),
    ...(plan.effectiveFrom ? { effectiveFrom: plan.effectiveFrom } : {}),
    grids: plan.grids,
    assignment: idRecord(plan.assignment),
  };
}

/** True when [x, y] is inside (or on the edge of) a polygon geometry. */
export function pointInShape(point: Position, shape: GridShape): boolean {
  const [x, y] = point as [number, number];
  const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  return polygons.some(
    (rings) =>
      rings.length > 0 &&
      (pointInRing(x, y, rings[0]!) || onRing(x, y, rings[0]!)) &&
      !rings.slice(1).some((h) => pointInRing(x, y, h)),
  );
}

function onRing(x: number, y: number, ring: Position[]): boolean {
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    const scale = Math.hypot(bx - ax, by - ay);
    if (
      Math.abs(cross) <= 1e-12 * Math.max(scale, 1e-12) &&
      x >= Math.min(ax, bx) &&
      x <= Math.max(ax, bx) &&
      y >= Math.min(ay, by) &&
      y <= Math.max(ay, by)
    )
      return true;
  }
  return false;
}

/**
 * A state from grid polygons alone: each building goes to the first grid containing its point
 * (so one on a shared edge counts once); buildings outside every grid stay unassigned.
 *
 * @example
 * const state = stateFromGrids(context, gridsBefore.features);
 */
export function stateFromGrids(
  context: EditorContext,
  grids: ReadonlyArray<Feature<GridShape, GridFeature['properties']>>,
): EditorState {
  const assignment = idRecord<string>();
  context.unitIds.forEach((u, i) => {
    const site = context.sites[i];
    if (!site) return;
    const grid = grids.find((g) => g.geometry && pointInShape(site, g.geometry));
    if (grid) assignment[u] = String(grid.properties.id);
  });
  return stateFromPlan({
    grids: grids.map((g) => {
      const { households: _h, band: _b, ...rest } = g.properties;
      return { ...rest, id: String(g.properties.id) };
    }),
    assignment,
  });
}
