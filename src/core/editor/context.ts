/**
 * What the editor computes once per load: the unit graph and the unit cells (one tessellation), the
 * households and a representative point of every unit.
 */
import { buildUnitGraph, type UnitGraphBundle, type UnitInput } from '../plan.ts';
import type { CellGeometry } from '../tessellation.ts';
import type { Feature, Position } from 'geojson';
import { pointInRing } from '../point-in-ring.ts';

export interface EditorContext {
  bundle: UnitGraphBundle;
  /** Unit ids in graph order. */
  unitIds: string[];
  households: Map<string, number>;
  /** Unit id → graph index. */
  index: Map<string, number>;
  /** A point per unit ([lng, lat]), for codes, lines and drawing. */
  sites: Array<[number, number] | null>;
  /** Unit properties as given (names are shown as text). */
  properties: Array<Record<string, unknown>>;
  boundary?: CellGeometry;
}

/**
 * Tessellates the units (inside `boundary`) and builds their graph. Throws `UnitInputError` naming
 * a bad unit.
 *
 * @example
 * const context = createEditorContext(units, { boundary });
 */
export function createEditorContext(
  units: { features: ArrayLike<UnitInput> },
  options: {
    boundary?: CellGeometry | Feature<CellGeometry>;
    adjacency?: ArrayLike<readonly [string, string]>;
  } = {},
): EditorContext {
  const bundle = buildUnitGraph(units, { boundary: options.boundary, adjacency: options.adjacency });
  const unitIds = bundle.graph.ids;
  const households = new Map<string, number>();
  unitIds.forEach((id, i) => households.set(id, bundle.graph.weights[i]!));
  const properties = Array.from(units.features, (f) => ({ ...(f.properties ?? {}) }));
  const boundary = options.boundary
    ? 'geometry' in options.boundary
      ? options.boundary.geometry
      : options.boundary
    : undefined;
  return { bundle, unitIds, households, index: bundle.index, sites: bundle.sites, properties, boundary };
}

/** Total households of the given units. */
export function householdsOf(context: EditorContext, units: Iterable<string>): number {
  let sum = 0;
  for (const u of units) sum += context.households.get(u) ?? 0;
  return sum;
}

/** The buildings whose site lies inside a ring (a lasso), in unit order. */
export function unitsInRing(context: EditorContext, ring: readonly Position[]): string[] {
  return context.unitIds.filter((_, i) => {
    const site = context.sites[i];
    return !!site && pointInRing(site[0]!, site[1]!, ring);
  });
}
