/**
 * What an import (a plan, an assignment CSV, grid polygons) would change, before it is applied:
 * grids created and removed, households moved, buildings it would leave without a grid, grids it
 * names that would end up empty (polygons covered by others), and ids it names that the community
 * does not have. The editor refuses an import that would drop households or empty a grid, and
 * reports the rest with the edit.
 */
import type { FeatureCollection } from 'geojson';
import { idRecord } from '../records.ts';
import type { GridFeature } from '../types.ts';
import type { EditorContext } from './context.ts';
import { assignmentFromCsv, planFromJson, stateFromGrids } from './io.ts';
import { diffStates, stateFromPlan, type EditorState, type PlanDiff } from './state.ts';

export interface ImportReport {
  /** Grids created and removed, households moved (against the state before the import). */
  diff: PlanDiff;
  /** Buildings that had a grid before and would have none after, with their households. */
  dropped: { units: string[]; households: number };
  /** Grids the input names that would hold no building (e.g. a polygon covered by another). */
  emptied: string[];
  /** Building ids in the input that the community does not have (ignored). */
  unknownUnits: string[];
}

/** Why an import is refused, or null when it may be applied. */
export interface ImportRefusal {
  reason: 'import-drops-households' | 'import-empties-grids';
  message: string;
  ids: string[];
}

export function checkImport(
  context: EditorContext,
  before: EditorState,
  next: EditorState,
  named: { grids: readonly string[]; unknownUnits: readonly string[] },
): ImportReport {
  const dropped: string[] = [];
  let households = 0;
  for (const unit of context.unitIds) {
    if (
      Object.prototype.hasOwnProperty.call(before.assignment, unit) &&
      !Object.prototype.hasOwnProperty.call(next.assignment, unit)
    ) {
      dropped.push(unit);
      households += context.households.get(unit) ?? 0;
    }
  }
  const held = new Set(next.grids.map((g) => g.id));
  const emptied = [...new Set(named.grids)].filter((g) => !held.has(g));
  return {
    diff: diffStates(before, next, context.households),
    dropped: { units: dropped, households },
    emptied,
    unknownUnits: [...named.unknownUnits],
  };
}

const list = (ids: readonly string[]): string =>
  ids.slice(0, 5).join(', ') +
  (ids.length > 5 ? ` and ${(ids.length - 5).toLocaleString('en-US')} more` : '');

/** The refusal for a report, or null when the import loses nothing. */
export function importRefusal(report: ImportReport): ImportRefusal | null {
  if (report.dropped.units.length > 0)
    return {
      reason: 'import-drops-households',
      message:
        `The import would leave ${report.dropped.units.length.toLocaleString('en-US')} buildings ` +
        `(${report.dropped.households.toLocaleString('en-US')} households) without a grid: ${list(report.dropped.units)}. ` +
        'Nothing was changed; include every building, or assign the rest first.',
      ids: report.dropped.units,
    };
  if (report.emptied.length > 0)
    return {
      reason: 'import-empties-grids',
      message:
        `The import names grids that would hold no building (their polygons overlap others, or no building is assigned to them): ${list(report.emptied)}. ` +
        'Nothing was changed.',
      ids: report.emptied,
    };
  return null;
}

/** An assignment without the buildings the community does not have, and those left out. */
export function knownUnits(
  context: Pick<EditorContext, 'households'>,
  assignment: Readonly<Record<string, string>>,
): { assignment: Record<string, string>; unknownUnits: string[] } {
  const unknownUnits = Object.keys(assignment).filter((u) => !context.households.has(u));
  return {
    assignment: idRecord(Object.entries(assignment).filter(([u]) => context.households.has(u))),
    unknownUnits,
  };
}

/**
 * Reads an import against the current state: a plan (JSON text or object), an assignment CSV, or
 * grid polygons (GeoJSON). A CSV's grids keep the metadata of grids already in the plan; ids the
 * community does not have are left out and listed. Throws on input that is none of these.
 */
export function readImport(
  context: EditorContext,
  state: EditorState,
  input: unknown,
): { next: EditorState; report: ImportReport } {
  const value: unknown = typeof input === 'string' && /^\s*[{[]/.test(input) ? JSON.parse(input) : input;
  const known = (assignment: Readonly<Record<string, string>>) => knownUnits(context, assignment);
  let next: EditorState;
  let named: { grids: string[]; unknownUnits: string[] };
  if (typeof value === 'string') {
    const { assignment, unknownUnits } = known(assignmentFromCsv(value));
    const ids = new Set(Object.values(assignment));
    next = stateFromPlan({ grids: state.grids.filter((g) => ids.has(g.id)), assignment }, state.locked);
    named = { grids: [...ids], unknownUnits };
  } else if (value && (value as FeatureCollection).type === 'FeatureCollection') {
    const features = (value as FeatureCollection).features as GridFeature[];
    next = stateFromGrids(context, features);
    named = {
      grids: features.map((f) => String(f.properties?.id ?? f.id ?? '')).filter(Boolean),
      unknownUnits: [],
    };
  } else {
    const plan = planFromJson(value);
    const { assignment, unknownUnits } = known(plan.assignment);
    next = stateFromPlan({ ...plan, assignment });
    named = { grids: plan.grids.map((g) => g.id), unknownUnits };
  }
  return { next, report: checkImport(context, state, next, named) };
}
