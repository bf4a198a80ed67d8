/**
 * Open311 GeoReport v2 (JSON) in and out. Our five stages map onto Open311's `open` / `closed`; the
 * stage itself travels in the extension field `extended_attributes.stage` (GeoReport v2's place for
 * fields of its own), so a round trip keeps it.
 */
import { STAGES, type IssueFeature, type IssueProperties, type Issues, type Stage } from './types.ts';
import { timeOf } from './time.ts';

/** A service request as GeoReport v2 JSON returns it (`GET requests.json`). */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  service_name?: string;
  service_code?: string;
  description?: string;
  status_notes?: string;
  agency_responsible?: string;
  service_notice?: string;
  requested_datetime?: string;
  updated_datetime?: string;
  expected_datetime?: string;
  address?: string;
  address_id?: string;
  zipcode?: string;
  lat: number;
  long: number;
  media_url?: string;
  extended_attributes?: { stage?: Stage; [key: string]: unknown };
  [key: string]: unknown;
}

/** One thing wrong with one request, naming it. */
export interface Open311Problem {
  /** `service_request_id` of the request, or `#index` when it has none. */
  request: string;
  message: string;
}

/** Thrown by `fromOpen311` in strict mode; `problems` names every bad request. */
export class Open311Error extends Error {
  readonly problems: Open311Problem[];
  constructor(problems: Open311Problem[]) {
    super(problems.map((p) => `request ${p.request}: ${p.message}`).join('; '));
    this.name = 'Open311Error';
    this.problems = problems;
  }
}

const OPEN311_KEYS = [
  'service_name',
  'service_code',
  'description',
  'status_notes',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'media_url',
] as const;

const isStage = (value: unknown): value is Stage => typeof value === 'string' && (STAGES as readonly string[]).includes(value);
const isDate = (value: unknown) => typeof value === 'string' && !Number.isNaN(timeOf(value));

export interface FromOpen311Result {
  issues: Issues;
  problems: Open311Problem[];
}

/**
 * Reads GeoReport v2 requests into issues. A request's stage is its `extended_attributes.stage` when
 * that agrees with its status, else `reported` for `open` and `closed` for `closed`. Bad requests
 * are skipped and named in `problems`; with `{ strict: true }` they throw an `Open311Error` instead.
 *
 * @example
 * const { issues, problems } = fromOpen311(await (await fetch('/open311/v2/requests.json')).json());
 */
export function fromOpen311(requests: unknown, options: { strict?: boolean } = {}): FromOpen311Result {
  const problems: Open311Problem[] = [];
  const features: IssueFeature[] = [];
  if (!Array.isArray(requests)) {
    problems.push({ request: '#', message: 'expected a JSON array of service requests' });
  } else {
    const seen = new Set<string>();
    requests.forEach((raw: unknown, index) => {
      const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      const id = r.service_request_id;
      const name = typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`;
      const fail = (message: string) => problems.push({ request: name, message });
      if (!raw || typeof raw !== 'object') return fail('not an object');
      if (typeof id !== 'string' && typeof id !== 'number') return fail('missing service_request_id');
      if (seen.has(name)) return fail('duplicate service_request_id');
      if (r.status !== 'open' && r.status !== 'closed') return fail(`status must be "open" or "closed" (got ${JSON.stringify(r.status)})`);
      const lat = Number(r.lat);
      const lng = Number(r.long);
      if (r.lat === undefined || r.long === undefined || r.lat === null || r.long === null || !Number.isFinite(lat) || !Number.isFinite(lng))
        return fail('missing or non-numeric lat/long');
      if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return fail(`lat/long out of range (${lat}, ${lng})`);
      if (r.requested_datetime !== undefined && !isDate(r.requested_datetime)) return fail('requested_datetime is not an ISO 8601 date');
      const extended = (r.extended_attributes && typeof r.extended_attributes === 'object' ? r.extended_attributes : {}) as Record<string, unknown>;
      const given = extended.stage;
      const stage: Stage =
        isStage(given) && (given === 'closed') === (r.status === 'closed') ? given : r.status === 'closed' ? 'closed' : 'reported';
      seen.add(name);
      const properties: IssueProperties = {
        ...Object.fromEntries(Object.entries(r).filter(([key]) => !['lat', 'long', 'extended_attributes'].includes(key))),
        ...Object.fromEntries(Object.entries(extended).filter(([key]) => key !== 'stage')),
        service_request_id: name,
        service_name: typeof r.service_name === 'string' ? r.service_name : String(r.service_code ?? ''),
        status: r.status,
        stage,
        requested_datetime: typeof r.requested_datetime === 'string' ? r.requested_datetime : '',
      };
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties });
    });
  }
  if (options.strict && problems.length) throw new Open311Error(problems);
  return { issues: { type: 'FeatureCollection', features }, problems };
}

/**
 * Writes issues as GeoReport v2 requests: `status` is `closed` for the `closed` stage and `open` for
 * every other; the stage and our other properties go in `extended_attributes`.
 *
 * @example
 * const body = JSON.stringify(toOpen311(issueLayer.filtered));
 */
export function toOpen311(issues: Issues | readonly IssueFeature[]): Open311Request[] {
  const list = Array.isArray(issues) ? (issues as readonly IssueFeature[]) : (issues as Issues).features;
  return list.map((issue) => {
    const p = issue.properties;
    const [long, lat] = issue.geometry.coordinates as [number, number];
    const request: Open311Request = {
      service_request_id: p.service_request_id,
      status: p.stage === 'closed' ? 'closed' : 'open',
      lat,
      long,
    };
    for (const key of OPEN311_KEYS) if (p[key] !== undefined && p[key] !== '') request[key] = p[key] as string;
    const extended: Record<string, unknown> = { stage: p.stage };
    for (const [key, value] of Object.entries(p)) {
      if (key === 'stage' || key === 'status' || key === 'service_request_id' || (OPEN311_KEYS as readonly string[]).includes(key)) continue;
      extended[key] = value;
    }
    request.extended_attributes = extended;
    return request;
  });
}
