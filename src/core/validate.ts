/**
 * Validation of the four inputs (units, grids, stations, issues). Pure functions: they never throw
 * on bad data and never mutate the input; they return the features that can be drawn (normalised
 * copies where something was normalised, e.g. a numeric id turned into a string) and the problems,
 * grouped by reason so that a file with one systematic error yields one problem, not thousands.
 */
import { drain, type Steps } from './steps.ts';
import {
  STAGES,
  type GridFeature,
  type IssueFeature,
  type Stage,
  type StationFeature,
  type UnitFeature,
} from './types.ts';
import { timeOf } from './time.ts';

/** Machine codes of validation problems; the i18n layer translates them. */
export type ValidationReason =
  | 'not-feature-collection'
  | 'no-valid-features'
  | 'not-feature'
  | 'bad-geometry'
  | 'bad-coordinates'
  | 'swapped-coordinates'
  | 'out-of-range'
  | 'projected-coordinates'
  | 'self-intersection'
  | 'missing-id'
  | 'duplicate-id'
  | 'bad-households'
  | 'missing-households'
  | 'missing-kind'
  | 'missing-category'
  | 'bad-stage'
  | 'bad-date';

export interface ValidationProblem {
  /** Machine code, e.g. `swapped-coordinates`. */
  reason: ValidationReason;
  /** An English sentence naming what is wrong and where. */
  message: string;
  /** Offending feature ids (`#index` when a feature has no id), at most `maxIds` of them. */
  ids: string[];
}

export interface ValidationResult<F> {
  /** The valid features, to draw. */
  features: F[];
  problems: ValidationProblem[];
  /** False when the whole input is unusable: not a FeatureCollection, or features but none valid (an empty collection is usable: it clears). */
  usable: boolean;
}

export interface ValidateOptions {
  /** Longest `ids` list per problem (the message still gives the full count). Default 50. */
  maxIds?: number;
  /**
   * Treat `[lat, lng]`-looking positions inside China's extent (first value 3–54, second 73–136)
   * as swapped. Default true; turn off for data far from China.
   */
  chinaHeuristic?: boolean;
}

type Rec = Record<string, unknown>;
type Position2 = [number, number];

const PROJECTED_HINT =
  'look like projected metres (e.g. CGCS2000 3-degree Gauss-Kruger or Web Mercator); convert to longitude/latitude';
const SWAPPED_HINT = 'look like [lat, lng]; GeoJSON is [lng, lat]';

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a value for a message (input text is quoted, never interpreted). */
function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  if (Array.isArray(input)) return 'an array';
  if (typeof input !== 'object') return `a ${typeof input}`;
  const type = (input as Rec).type;
  if (type === 'Feature') return 'a single Feature (wrap it in a FeatureCollection)';
  if (type === 'FeatureCollection') return 'a FeatureCollection without a features array';
  if (typeof type === 'string') return `an object of type ${show(type)}`;
  return 'an object without a GeoJSON type';
}

// ---------------------------------------------------------------------------------------------
// Coordinates

type CoordinateReason = 'bad-coordinates' | 'swapped-coordinates' | 'out-of-range' | 'projected-coordinates';

function positionProblem(position: unknown, china: boolean): CoordinateReason | null {
  if (!Array.isArray(position) || position.length < 2) return 'bad-coordinates';
  const lng: unknown = position[0];
  const lat: unknown = position[1];
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    return 'bad-coordinates';
  }
  for (let k = 2; k < position.length; k++) {
    const extra: unknown = position[k];
    if (typeof extra !== 'number' || !Number.isFinite(extra)) return 'bad-coordinates';
  }
  // Degrees never exceed 360 in magnitude; anything larger is a planar coordinate in metres.
  if (Math.abs(lng) > 360 || Math.abs(lat) > 360) return 'projected-coordinates';
  if (Math.abs(lat) > 90 && Math.abs(lng) <= 90) return 'swapped-coordinates';
  if (china && lng >= 3 && lng <= 54 && lat >= 73 && lat <= 136) return 'swapped-coordinates';
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return 'out-of-range';
  return null;
}

interface GeometryFault {
  reason: 'bad-geometry' | CoordinateReason | 'self-intersection';
  detail: string;
}

function checkPositions(positions: unknown[], china: boolean): GeometryFault | null {
  for (const position of positions) {
    const reason = positionProblem(position, china);
    if (reason) return { reason, detail: show(position) };
  }
  return null;
}

/** Drops consecutive repeated positions (they are harmless but confuse the crossing test). */
function distinctRing(ring: Position2[]): Position2[] {
  const out: Position2[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function checkRing(ring: unknown, index: number, china: boolean): GeometryFault | null {
  if (!Array.isArray(ring))
    return { reason: 'bad-geometry', detail: `ring ${index} is not an array of positions` };
  const fault = checkPositions(ring, china);
  if (fault) return fault;
  if (ring.length < 4) {
    return {
      reason: 'bad-geometry',
      detail: `ring ${index} has ${ring.length} positions, at least 4 are needed`,
    };
  }
  const first = ring[0] as Position2;
  const last = ring[ring.length - 1] as Position2;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return {
      reason: 'bad-geometry',
      detail: `ring ${index} is not closed (first and last positions differ)`,
    };
  }
  if (distinctRing(ring as Position2[]).length < 4) {
    return { reason: 'bad-geometry', detail: `ring ${index} has fewer than 3 distinct corners` };
  }
  return null;
}

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  ring: number;
  index: number;
  ringSize: number;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(s: Segment, x: number, y: number): boolean {
  return x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY;
}

/** 'cross' for a proper crossing or a collinear overlap, 'touch' when they only share a point. */
function intersect(s: Segment, t: Segment): 'cross' | 'touch' | null {
  const d1 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const d2 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  const d3 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const d4 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return 'cross';
  if (d1 === 0 && d2 === 0) {
    // Collinear: overlapping along a stretch is a crossing, sharing one end point is a touch.
    const sLen = Math.abs(s.bx - s.ax) + Math.abs(s.by - s.ay);
    const tLen = Math.abs(t.bx - t.ax) + Math.abs(t.by - t.ay);
    const overlapX = Math.min(s.maxX, t.maxX) - Math.max(s.minX, t.minX);
    const overlapY = Math.min(s.maxY, t.maxY) - Math.max(s.minY, t.minY);
    if (overlapX < 0 || overlapY < 0) return null;
    return overlapX + overlapY > 0 && sLen > 0 && tLen > 0 ? 'cross' : 'touch';
  }
  if (
    (d1 === 0 && within(t, s.ax, s.ay)) ||
    (d2 === 0 && within(t, s.bx, s.by)) ||
    (d3 === 0 && within(s, t.ax, t.ay)) ||
    (d4 === 0 && within(s, t.bx, t.by))
  ) {
    return 'touch';
  }
  return null;
}

/**
 * Where the rings of one polygon cross themselves or each other, or null. A sweep over segments
 * sorted by x keeps this near-linear for ordinary rings. A ring touching itself counts; separate
 * rings may touch at a point but not cross.
 */
function findSelfIntersection(rings: Position2[][]): Position2 | null {
  const segments: Segment[] = [];
  rings.forEach((raw, ring) => {
    const points = distinctRing(raw);
    const ringSize = points.length - 1;
    for (let index = 0; index < ringSize; index++) {
      const [ax, ay] = points[index] as Position2;
      const [bx, by] = points[index + 1] as Position2;
      segments.push({
        ax,
        ay,
        bx,
        by,
        minX: Math.min(ax, bx),
        maxX: Math.max(ax, bx),
        minY: Math.min(ay, by),
        maxY: Math.max(ay, by),
        ring,
        index,
        ringSize,
      });
    }
  });
  segments.sort((a, b) => a.minX - b.minX);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as Segment;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j] as Segment;
      if (t.minX > s.maxX) break;
      if (t.minY > s.maxY || t.maxY < s.minY) continue;
      const sameRing = s.ring === t.ring;
      const gap = Math.abs(s.index - t.index);
      const adjacent = sameRing && (gap === 1 || gap === s.ringSize - 1);
      const kind = intersect(s, t);
      if (kind === null) continue;
      // Neighbours always share their common corner; only folding back along each other is wrong.
      if (adjacent ? kind === 'cross' && s.ringSize > 2 : kind === 'cross' || sameRing) return [s.ax, s.ay];
    }
  }
  return null;
}

function checkPolygon(coordinates: unknown, china: boolean, label = ''): GeometryFault | null {
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    return { reason: 'bad-geometry', detail: `${label}polygon has no rings` };
  }
  for (let r = 0; r < coordinates.length; r++) {
    const fault = checkRing(coordinates[r], r, china);
    if (fault) return { ...fault, detail: label + fault.detail };
  }
  const at = findSelfIntersection(coordinates as Position2[][]);
  if (at) return { reason: 'self-intersection', detail: `${label}rings cross near ${show(at)}` };
  return null;
}

function checkGeometry(geometry: unknown, allowed: readonly string[], china: boolean): GeometryFault | null {
  if (!isRecord(geometry)) return { reason: 'bad-geometry', detail: 'no geometry' };
  const type = geometry.type;
  if (typeof type !== 'string' || !allowed.includes(type)) {
    return { reason: 'bad-geometry', detail: `geometry ${show(type)}, expected ${allowed.join(' or ')}` };
  }
  const coordinates = geometry.coordinates;
  switch (type) {
    case 'Point':
      return checkPositions([coordinates], china);
    case 'Polygon':
      return checkPolygon(coordinates, china);
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates) || coordinates.length === 0) {
        return { reason: 'bad-geometry', detail: 'multipolygon has no polygons' };
      }
      for (let p = 0; p < coordinates.length; p++) {
        const fault = checkPolygon(coordinates[p], china, `polygon ${p}: `);
        if (fault) return fault;
      }
      return null;
    }
    default:
      return { reason: 'bad-geometry', detail: `geometry ${show(type)} is not supported` };
  }
}

// ---------------------------------------------------------------------------------------------
// Problems, grouped by reason

interface Group {
  ids: Set<string>;
  count: number;
  example: string;
}

class Problems {
  private readonly groups = new Map<ValidationReason, Group>();

  constructor(private readonly maxIds: number) {}

  add(reason: ValidationReason, id: string, example: string): void {
    let group = this.groups.get(reason);
    if (!group) {
      group = { ids: new Set(), count: 0, example };
      this.groups.set(reason, group);
    }
    group.count++;
    if (group.ids.size < this.maxIds) group.ids.add(id);
  }

  list(message: (reason: ValidationReason, count: number, example: string) => string): ValidationProblem[] {
    return [...this.groups].map(([reason, group]) => {
      const listed = group.ids.size < group.count ? ` The first ${group.ids.size} ids are listed.` : '';
      return { reason, message: message(reason, group.count, group.example) + listed, ids: [...group.ids] };
    });
  }
}

interface Nouns {
  one: string;
  many: string;
  /** Name of the id property in messages. */
  idName: string;
}

function messageFor(nouns: Nouns, reason: ValidationReason, count: number, example: string): string {
  const what = `${count.toLocaleString('en-US')} ${count === 1 ? nouns.one : nouns.many}`;
  switch (reason) {
    case 'not-feature':
      return `Skipped ${count === 1 ? 'an entry' : `${count} entries`} of the features array that ${count === 1 ? 'is' : 'are'} not a GeoJSON Feature (e.g. ${example}).`;
    case 'bad-geometry':
      return `Skipped ${what} with missing or invalid geometry (e.g. ${example}).`;
    case 'bad-coordinates':
      return `Skipped ${what} with non-numeric, NaN or infinite coordinates (e.g. ${example}).`;
    case 'swapped-coordinates':
      return `Skipped ${what} (e.g. ${example}): coordinates ${SWAPPED_HINT}.`;
    case 'out-of-range':
      return `Skipped ${what} with coordinates out of range: longitude must lie within ±180 and latitude within ±90 (e.g. ${example}).`;
    case 'projected-coordinates':
      return `Skipped ${what} (e.g. ${example}): coordinates ${PROJECTED_HINT}.`;
    case 'self-intersection':
      return `Skipped ${what} whose polygon crosses itself (e.g. ${example}).`;
    case 'missing-id':
      return `Skipped ${what} without ${nouns.idName === 'id' ? 'an id' : `a ${nouns.idName}`} (e.g. ${example}).`;
    case 'duplicate-id':
      return `Skipped ${what} whose ${nouns.idName} repeats an earlier one; the first keeps it (e.g. ${example}).`;
    case 'bad-households':
      return nouns.one === 'grid'
        ? `Ignored the households of ${what}: households must be an integer of 0 or more (e.g. ${example}).`
        : `Skipped ${what} whose households is not an integer of 0 or more (e.g. ${example}).`;
    case 'missing-households':
      return `Skipped ${what} without households (e.g. ${example}).`;
    case 'missing-kind':
      return `Drew ${what} without a kind as "other" (e.g. ${example}).`;
    case 'missing-category':
      return `Kept ${what} without a service_name, shown by service_code or as "unknown" (e.g. ${example}).`;
    case 'bad-stage':
      return `Derived the stage from the status for ${what} with an unknown stage; stages are ${STAGES.join(', ')} (e.g. ${example}).`;
    case 'bad-date':
      return `Skipped ${what} with a missing or unparseable date (e.g. ${example}).`;
    case 'no-valid-features':
      return example;
    case 'not-feature-collection':
      return example;
  }
}

// ---------------------------------------------------------------------------------------------
// The shared walk over a FeatureCollection

/** Properties to keep, `changes` to apply on a copy, or `drop` with the reason already reported. */
type PropertyCheck = { drop: true } | { drop: false; changes?: Rec };

interface LayerRules {
  nouns: Nouns;
  geometries: readonly string[];
  /** The raw id: the first present of the layer's id properties, then `feature.id`. */
  idKeys: readonly string[];
  /** Property that receives the normalised string id. */
  idProperty: string;
  check(props: Rec, id: string, problems: Problems): PropertyCheck;
}

function normaliseId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Validation a slice at a time: yields every `STEP` features and returns the result (`core/steps.ts`). */
export type ValidationSteps<F> = Steps<ValidationResult<F>>;
const STEP = 2000;

function validate<F>(input: unknown, rules: LayerRules, options: ValidateOptions): ValidationResult<F> {
  return drain(validating<F>(input, rules, options));
}

function* validating<F>(input: unknown, rules: LayerRules, options: ValidateOptions): ValidationSteps<F> {
  const maxIds = options.maxIds ?? 50;
  const china = options.chinaHeuristic ?? true;
  const problems = new Problems(maxIds);
  const message = (reason: ValidationReason, count: number, example: string): string =>
    messageFor(rules.nouns, reason, count, example);

  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    problems.add(
      'not-feature-collection',
      '#input',
      `Expected a GeoJSON FeatureCollection of ${rules.nouns.many}, got ${describeInput(input)}.`,
    );
    return { features: [], problems: problems.list(message), usable: false };
  }

  const features: F[] = [];
  const seen = new Set<string>();
  const list = input.features as unknown[];
  for (let index = 0; index < list.length; index++) {
    if (index % STEP === STEP - 1) yield;
    const feature = list[index];
    if (!isRecord(feature) || feature.type !== 'Feature') {
      problems.add('not-feature', `#${index}`, `#${index}: ${show(feature)}`);
      continue;
    }
    const props = isRecord(feature.properties) ? feature.properties : {};
    let raw: unknown;
    for (const key of rules.idKeys) {
      if (props[key] !== undefined && props[key] !== null) {
        raw = props[key];
        break;
      }
    }
    raw ??= feature.id;
    const id = normaliseId(raw);
    const label = id ?? `#${index}`;

    let drop = false;
    if (id === undefined) {
      problems.add('missing-id', label, raw === undefined ? label : `${label}: ${show(raw)}`);
      drop = true;
    } else if (seen.has(id)) {
      problems.add('duplicate-id', id, `${show(id)} at #${index}`);
      drop = true;
    } else {
      seen.add(id);
    }

    const fault = checkGeometry(feature.geometry, rules.geometries, china);
    if (fault) {
      problems.add(fault.reason, label, `${label}: ${fault.detail}`);
      drop = true;
    }

    const checked = rules.check(props, label, problems);
    if (checked.drop || drop) continue;

    // Most features are kept as they came: no copy, no allocation.
    let changes = checked.changes ?? {};
    if (props[rules.idProperty] !== id) changes = { ...changes, [rules.idProperty]: id };
    if (isRecord(feature.properties) && isEmpty(changes)) {
      features.push(feature as F);
    } else {
      const properties: Rec = { ...props, ...changes };
      for (const key of Object.keys(changes)) if (changes[key] === undefined) delete properties[key];
      features.push({ ...feature, properties } as F);
    }
  }

  // An empty collection is a valid input that clears a layer; a collection of only invalid features
  // is not (the last good data stays).
  if (features.length === 0 && list.length > 0)
    problems.add(
      'no-valid-features',
      '#input',
      `No valid ${rules.nouns.many} to draw: none of the ${list.length.toLocaleString('en-US')} features is valid.`,
    );
  return { features, problems: problems.list(message), usable: features.length > 0 || list.length === 0 };
}

function isEmpty(record: Rec): boolean {
  for (const _ in record) return false;
  return true;
}

function isHouseholds(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

// ---------------------------------------------------------------------------------------------
// The four layers

const UNIT_RULES: LayerRules = {
  nouns: { one: 'unit', many: 'units', idName: 'id' },
  geometries: ['Point', 'Polygon', 'MultiPolygon'],
  idKeys: ['id'],
  idProperty: 'id',
  check(props, id, problems) {
    const households = props.households;
    if (households === undefined || households === null) {
      problems.add('missing-households', id, id);
      return { drop: true };
    }
    if (!isHouseholds(households)) {
      problems.add('bad-households', id, `${id}: ${show(households)}`);
      return { drop: true };
    }
    return { drop: false };
  },
};

const GRID_RULES: LayerRules = {
  nouns: { one: 'grid', many: 'grids', idName: 'id' },
  geometries: ['Polygon', 'MultiPolygon'],
  idKeys: ['id'],
  idProperty: 'id',
  check(props, id, problems) {
    const households = props.households;
    if (households === undefined || households === null || isHouseholds(households)) return { drop: false };
    problems.add('bad-households', id, `${id}: ${show(households)}`);
    return { drop: false, changes: { households: undefined } };
  },
};

const STATION_RULES: LayerRules = {
  nouns: { one: 'station', many: 'stations', idName: 'id' },
  geometries: ['Point'],
  idKeys: ['id'],
  idProperty: 'id',
  check(props, id, problems) {
    const changes: Rec = {};
    if (typeof props.kind !== 'string' || props.kind.trim() === '') {
      problems.add('missing-kind', id, id);
      changes.kind = 'other';
    }
    if (typeof props.name !== 'string') changes.name = id.startsWith('#') ? '' : id;
    return { drop: false, changes };
  },
};

function parseableDate(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(timeOf(value));
}

const ISSUE_RULES: LayerRules = {
  nouns: { one: 'issue', many: 'issues', idName: 'service_request_id' },
  geometries: ['Point'],
  idKeys: ['service_request_id', 'id'],
  idProperty: 'service_request_id',
  check(props, id, problems) {
    if (!parseableDate(props.requested_datetime)) {
      problems.add('bad-date', id, `${id}: requested_datetime ${show(props.requested_datetime)}`);
      return { drop: true };
    }
    for (const key of ['updated_datetime', 'expected_datetime']) {
      const value = props[key];
      if (value !== undefined && value !== null && !parseableDate(value)) {
        problems.add('bad-date', id, `${id}: ${key} ${show(value)}`);
        return { drop: true };
      }
    }
    const changes: Rec = {};
    // Epoch milliseconds (what many backends send) become ISO strings, the form every reader takes.
    for (const key of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
      if (typeof props[key] === 'number') changes[key] = new Date(props[key]).toISOString();
    let stage = props.stage as Stage;
    if (!(STAGES as readonly unknown[]).includes(stage)) {
      if (props.stage !== undefined && props.stage !== null)
        problems.add('bad-stage', id, `${id}: ${show(props.stage)}`);
      stage = props.status === 'closed' ? 'closed' : 'reported';
      changes.stage = stage;
    }
    if (props.status !== 'open' && props.status !== 'closed')
      changes.status = stage === 'closed' ? 'closed' : 'open';
    if (typeof props.service_name !== 'string' || props.service_name === '') {
      problems.add('missing-category', id, id);
      changes.service_name =
        typeof props.service_code === 'string' && props.service_code ? props.service_code : 'unknown';
    }
    return { drop: false, changes };
  },
};

/**
 * The geometry check the layers make (coordinates swapped or out of range, projected metres, a
 * self-intersecting ring, a wrong type), for callers that read features their own way (the CLI).
 * Returns the reason code and the offending part, or null.
 *
 * @example
 * geometryFault({ type: 'Point', coordinates: [30.27, 120.15] }); // { reason: 'swapped-coordinates', … }
 */
export function geometryFault(
  geometry: unknown,
  allowed: readonly string[] = ['Point', 'Polygon', 'MultiPolygon'],
  options: ValidateOptions = {},
): { reason: string; detail: string } | null {
  return checkGeometry(geometry, allowed, options.chinaHeuristic ?? true);
}

/**
 * Validates units (楼栋 / 小区): Point, Polygon or MultiPolygon with a unique `id` and integer
 * `households` ≥ 0 (required).
 *
 * @example
 * const { features, problems, usable } = validateUnits(await (await fetch('units.json')).json());
 */
export function validateUnits(input: unknown, options: ValidateOptions = {}): ValidationResult<UnitFeature> {
  return validate<UnitFeature>(input, UNIT_RULES, options);
}

/**
 * Validates grids: Polygon or MultiPolygon with a unique `id`; `households` is optional, and when
 * present but not an integer ≥ 0 it is reported and left out of the returned copy.
 */
export function validateGrids(input: unknown, options: ValidateOptions = {}): ValidationResult<GridFeature> {
  return validate<GridFeature>(input, GRID_RULES, options);
}

/**
 * Validates stations: Point with a unique `id`. A missing `kind` is reported and becomes `other`;
 * a missing `name` becomes the id.
 */
export function validateStations(
  input: unknown,
  options: ValidateOptions = {},
): ValidationResult<StationFeature> {
  return validate<StationFeature>(input, STATION_RULES, options);
}

/**
 * Validates issues: Point with a unique `service_request_id` (or `id`) and parseable dates
 * (`requested_datetime` required). A missing `stage` is derived from `status` (closed → closed,
 * otherwise reported); a missing `status` from `stage`.
 */
export function validateIssues(
  input: unknown,
  options: ValidateOptions = {},
): ValidationResult<IssueFeature> {
  return validate<IssueFeature>(input, ISSUE_RULES, options);
}

const RULES = { units: UNIT_RULES, grids: GRID_RULES, stations: STATION_RULES, issues: ISSUE_RULES };
interface FeatureOf {
  units: UnitFeature;
  grids: GridFeature;
  stations: StationFeature;
  issues: IssueFeature;
}

/**
 * The same validation as `validateUnits` … `validateIssues`, as steps that can be run a slice at a
 * time (`runSteps` in `core/steps.ts`), so a large input does not hold the main thread.
 *
 * @example
 * const result = await runSteps(validationSteps('issues', input));
 */
export function validationSteps<K extends keyof FeatureOf>(
  kind: K,
  input: unknown,
  options: ValidateOptions = {},
): ValidationSteps<FeatureOf[K]> {
  return validating<FeatureOf[K]>(input, RULES[kind], options);
}
