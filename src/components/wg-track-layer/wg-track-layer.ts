import { html, css, type PropertyValues, type CSSResultGroup } from 'lit';
import type { Feature, Geometry } from 'geojson';
import type { MapAdapter } from '../../map/adapter.ts';
import { WgLayer } from '../layer.ts';
import { numberAtLeast, type PropertyCheck } from '../base.ts';
import { cssom } from '../cssom.ts';
import { buildGridIndex } from '../../core/aggregate.ts';
import type { Steps } from '../../core/steps.ts';
import type { Track, TrackRead } from '../../core/tracks.ts';
import type { PackedTracks } from '../../worker/patrol.ts';
import type * as TrackCode from './track-code.ts';
import type { ValidationProblem, ValidationSteps } from '../../core/validate.ts';
import { unitPosition } from '../../core/workload.ts';
import type { GridFeature, UnitFeature } from '../../core/types.ts';
import { WgLayerChangeEvent } from '../../events/wg-layer-change.ts';
import { layersOf, mapOf, type LegendSection, type LegendSource } from '../wg-grid-stats/map-layers.ts';
import { timeOf } from '../../core/time.ts';

type TrackFeature = Feature<Geometry>;

/** One colour per worker (in order of first appearance), repeating after ten. */
export const TRACK_COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
];
const STALE_COLOR = '#b00020';
/**
 * Tracks are drawn simplified to 5 m (Douglas–Peucker), about a phone's GPS error: the finer wiggles
 * are noise, and a street's month drops from about 320,000 vertices to 30,000. Coverage uses every fix.
 */
const DRAW_TOLERANCE = 5;

/** Reading, simplifying and packing tracks: loaded with the first tracks of the page. */
let code: typeof TrackCode | undefined;
let loading: Promise<typeof TrackCode> | undefined;
const loadTrackCode = () => (loading ??= import('./track-code.ts').then((module) => (code = module)));
const DAY = 86_400_000;

/** Patrol coverage of one grid in the period. */
export interface GridPatrol {
  buildings: number;
  covered: number;
  /** Share of the grid's buildings within `radius` of a track, 0–100 (null without buildings). */
  share: number | null;
  /** Latest fix inside the grid in the period (ms), or null. */
  lastWalked: number | null;
  /** Not walked in the last `stale-days` of the period. */
  stale: boolean;
  /** Buildings whose `care` is above 0, and those where a track stayed `visit-minutes` within `radius`. */
  careSites: number;
  careVisited: number;
}

const time = (v: string | undefined): number | undefined => {
  const t = v ? timeOf(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/**
 * Workers' patrol tracks: LineStrings with a time per vertex (`coordTimes`) or Point series with
 * `worker` and `time`, in WGS84 or GCJ-02 (`crs`), one colour per worker, for the period `from`–`to`
 * (set by `<wg-time-filter for="…">` too). GPS jumps (faster than `max-speed` m/s) are dropped and
 * counted, not drawn. With `.units` (buildings) and the map's `<wg-grid-layer>`, `coverage` gives per
 * grid the share of buildings within `radius` metres of a track in the period, and grids not walked
 * in the last `stale-days` of it are outlined on the map. The coverage is computed in a Web Worker.
 *
 * @tag wg-track-layer
 * @summary Draws patrol tracks per worker and measures patrol coverage and stale grids.
 *
 * @event wg-layer-change - The tracks or the coverage changed; read `coverage` again.
 * @event wg-error - Tracks left out (unordered times, no worker, bad times or coordinates): `detail` names them.
 *
 * @csspart list - The workers and their colours.
 */
export class WgTrackLayer extends WgLayer<TrackFeature> implements LegendSource {
  static override styles: CSSResultGroup = [
    WgLayer.styles,
    css`
      .swatch {
        display: inline-block;
        width: 0.75rem;
        height: 0.25rem;
        margin-right: 0.375rem;
        vertical-align: middle;
      }
      ul {
        margin: 0.25rem 0;
        padding-left: 0.25rem;
        list-style: none;
      }
    `,
  ];

  static override properties = {
    ...WgLayer.properties,
    from: {},
    to: {},
    now: {},
    radius: { type: Number },
    staleDays: { type: Number, attribute: 'stale-days' },
    maxSpeed: { type: Number, attribute: 'max-speed' },
    visitMinutes: { type: Number, attribute: 'visit-minutes' },
    units: { attribute: false },
  };

  static override checks: Record<string, PropertyCheck> = {
    ...WgLayer.checks,
    radius: numberAtLeast('radius'),
    staleDays: numberAtLeast('stale-days'),
    maxSpeed: numberAtLeast('max-speed'),
    visitMinutes: numberAtLeast('visit-minutes'),
  };

  /** Start of the period (ISO date); default: all fixes. */
  declare from: string | undefined;
  /** End of the period (ISO date, exclusive); default: all fixes, with "stale" judged at `now`. */
  declare to: string | undefined;
  /** When "stale" is judged without a `to` (ISO date); default: now. */
  declare now: string | undefined;
  /** Metres from a track within which a building counts as walked past; default 30. */
  declare radius: number;
  /** A grid not walked in this many days before the end of the period is stale; default 7. */
  declare staleDays: number;
  /** Faster than this (m/s) between two fixes is a GPS jump; default 15. */
  declare maxSpeed: number;
  /** A building with care residents counts as visited after this many minutes within `radius`; default 5. */
  declare visitMinutes: number;
  /** Buildings (units) for the coverage; those with `care` above 0 are counted for visits. */
  declare units: { features: UnitFeature[] } | undefined;

  private tracks: Track[] = [];
  /** The same tracks simplified for drawing (`DRAW_TOLERANCE`), and packed for the worker. */
  private drawn: Track[] = [];
  private packed?: PackedTracks;
  private dropped = 0;
  /** The last input read by `validate`, so accepting it does not read it again. */
  private lastRead?: { features: TrackFeature[]; read: TrackRead };
  private perGrid = new Map<string, GridPatrol>();
  private coverageEpoch = 0;

  constructor() {
    super('track');
    this.radius = 30;
    this.staleDays = 7;
    this.maxSpeed = 15;
    this.visitMinutes = 5;
  }

  /** Patrol coverage per grid id for the period (empty without units and a grid layer). */
  get coverage(): ReadonlyMap<string, GridPatrol> {
    return this.perGrid;
  }

  /** Changes whenever a new set of tracks has been read (for caches of figures drawn from them). */
  get revision(): number {
    return this.packed?.key ?? 0;
  }

  /** Fixes dropped as GPS jumps. */
  get jumps(): number {
    return this.dropped;
  }

  /** The workers, in colour order. */
  get workers(): string[] {
    return this.tracks.map((t) => t.worker);
  }

  /** First and last fix (ms), for `<wg-time-filter>`'s range. */
  get timeRange(): [number, number] | null {
    let min = Infinity;
    let max = -Infinity;
    for (const t of this.tracks)
      for (const s of t.segments) {
        if (s[0]!.t < min) min = s[0]!.t;
        if (s[s.length - 1]!.t > max) max = s[s.length - 1]!.t;
      }
    return Number.isFinite(min) ? [min, max] : null;
  }

  legend(): LegendSection[] {
    if (!this.tracks.length) return [];
    return [
      {
        title: this.language.startsWith('en') ? 'Patrol tracks' : '巡查轨迹',
        entries: [
          // One row per worker while the colours tell them apart (they repeat after ten).
          ...(this.tracks.length <= TRACK_COLORS.length
            ? this.tracks.map((t, i) => ({
                color: TRACK_COLORS[i % TRACK_COLORS.length]!,
                label: t.worker,
                shape: 'fill' as const,
              }))
            : [
                {
                  color: TRACK_COLORS[0]!,
                  label: this.language.startsWith('en')
                    ? `${this.tracks.length} workers, one colour each`
                    : `${this.tracks.length} 名网格员，每人一色`,
                  shape: 'line' as const,
                },
              ]),
          {
            color: STALE_COLOR,
            label: this.language.startsWith('en')
              ? `not walked for ${this.staleDays} days`
              : `${this.staleDays} 天未巡查`,
            shape: 'ring' as const,
          },
        ],
      },
    ];
  }

  /** Bad tracks are named (one `wg-error` per kind of problem); the rest is drawn. */
  protected *validate(input: unknown): ValidationSteps<TrackFeature> {
    const fc = input as { type?: unknown; features?: unknown } | null;
    if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
      return {
        features: [],
        usable: false,
        problems: [
          {
            reason: 'not-feature-collection',
            message: 'Expected a GeoJSON FeatureCollection of tracks.',
            ids: [],
          },
        ],
      };
    const features = fc.features as TrackFeature[];
    const read = yield* code!.readTracks(features, { maxSpeed: this.maxSpeed });
    const bad = new Set(read.problems.flatMap((p) => p.features));
    const good = features.filter((_, i) => !bad.has(i));
    this.lastRead = { features: good, read };
    return {
      features: good,
      usable: true,
      problems: read.problems.map((p) => ({
        reason: p.reason as ValidationProblem['reason'],
        message: p.message,
        ids: p.features.map((i) => `#${i}`),
      })),
    };
  }

  protected override loadCode(): Promise<unknown> | undefined {
    return code ? undefined : loadTrackCode();
  }

  /** A month of a street is a million fixes in a few thousand features: the fixes are the work. */
  protected override inputSize(features: unknown[]): number {
    let n = 0;
    for (const f of features as TrackFeature[]) {
      const g = f?.geometry;
      n +=
        g?.type === 'LineString'
          ? g.coordinates.length
          : g?.type === 'MultiLineString'
            ? g.coordinates.flat().length
            : 1;
    }
    return n;
  }

  protected override *prepareFeatures(features: TrackFeature[]): Steps<() => void> {
    // The tracks `validate` read, unless the features changed since (converted from GCJ-02).
    const last = this.lastRead;
    this.lastRead = undefined;
    const same =
      last && last.features.length === features.length && last.features.every((f, i) => f === features[i]);
    const read = same ? last.read : yield* code!.readTracks(features, { maxSpeed: this.maxSpeed });
    const drawn: Track[] = [];
    let work = 0;
    for (const t of read.tracks) {
      const segments: Track['segments'] = [];
      for (const seg of t.segments) {
        if ((work += seg.length) > 50_000) {
          work = 0;
          yield;
        }
        segments.push(code!.simplifyFixes(seg, DRAW_TOLERANCE));
      }
      drawn.push({ worker: t.worker, segments });
    }
    const packed = yield* code!.packTracks(read.tracks);
    return () => {
      this.tracks = read.tracks;
      this.drawn = drawn;
      this.packed = packed;
      this.dropped = read.jumps;
      // The map fits the fixes kept, not the GPS jumps.
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      for (const t of drawn)
        for (const seg of t.segments)
          for (const f of seg) {
            box[0] = Math.min(box[0]!, f.lng);
            box[1] = Math.min(box[1]!, f.lat);
            box[2] = Math.max(box[2]!, f.lng);
            box[3] = Math.max(box[3]!, f.lat);
          }
      this.box = box.every(Number.isFinite) ? (box as [number, number, number, number]) : null;
      this.settle(this.measure());
    };
  }

  protected addToMap(map: MapAdapter): void {
    const ids = this.ids;
    map.addSource(ids.source, this.dataSource());
    map.addSource(this.staleSource, this.dataSource());
    map.addLayer({
      id: ids.fill,
      type: 'fill',
      source: this.staleSource,
      paint: { 'fill-color': STALE_COLOR, 'fill-opacity': 0.08 },
    });
    map.addLayer({
      id: ids.highlight,
      type: 'line',
      source: this.staleSource,
      paint: { 'line-color': STALE_COLOR, 'line-width': 2, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: ids.line,
      type: 'line',
      source: ids.source,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      // Thin and faint at street zoom (many workers), full at community zoom.
      paint: {
        'line-color': ['get', 'color'],
        'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.5, 16, 2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.35, 16, 0.8],
      },
    });
  }

  /** The stale grids' outlines: a source of their own, so new coverage does not resend the tracks. */
  private get staleSource(): string {
    return `${this.ids.source}-stale`;
  }

  protected pushData(map: MapAdapter): void {
    const from = time(this.from) ?? -Infinity;
    const to = time(this.to) ?? Infinity;
    const features: Feature[] = [];
    // Clipped first, then simplified: a straight walk simplified to its two ends would not survive
    // a window that cuts it. All time draws the tracks simplified once on reading.
    const whole = from === -Infinity && to === Infinity;
    (whole ? this.drawn : this.tracks).forEach((track, i) => {
      const parts = whole
        ? track.segments
        : code!.clip(track, from, to).map((s) => code!.simplifyFixes(s, DRAW_TOLERANCE));
      const coordinates = parts.filter((s) => s.length > 1).map((s) => s.map((f) => [f.lng, f.lat]));
      if (coordinates.length)
        features.push({
          type: 'Feature',
          properties: { worker: track.worker, color: TRACK_COLORS[i % TRACK_COLORS.length] },
          geometry: { type: 'MultiLineString', coordinates },
        });
    });
    map.setData(this.ids.source, {
      type: 'FeatureCollection',
      features,
    });
    this.pushStale(map);
  }

  private pushStale(map: MapAdapter): void {
    const features: Feature[] = [];
    for (const grid of this.grids())
      if (this.perGrid.get(grid.properties.id)?.stale)
        features.push({ type: 'Feature', properties: { id: grid.properties.id }, geometry: grid.geometry });
    map.setData(this.staleSource, {
      type: 'FeatureCollection',
      features,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const again = ['from', 'to', 'now', 'radius', 'staleDays', 'visitMinutes', 'units'] as const;
    if (!changed.has('data') && again.some((k) => changed.has(k))) this.settle(this.measure());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('wg-layer-change', this.onLayerChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('wg-layer-change', this.onLayerChange);
  }

  override render() {
    const t = this.tracks;
    return html`<details part="list">
      <summary>
        ${this.language.startsWith('en') ? `Patrol tracks (${t.length})` : `巡查轨迹（${t.length}）`}
      </summary>
      <ul>
        ${t.map(
          (track, i) =>
            html`<li>
              <span class="swatch" ${cssom({ background: TRACK_COLORS[i % TRACK_COLORS.length] })}></span
              >${track.worker}
            </li>`,
        )}
      </ul>
    </details>`;
  }

  private grids(): GridFeature[] {
    return layersOf(mapOf(this), 'wg-grid-layer')[0]?.grids ?? [];
  }

  private onLayerChange = (event: Event) => {
    if (event.target !== this && (event.target as Element).localName === 'wg-grid-layer')
      this.settle(this.measure());
  };

  /**
   * Patrol coverage and care visits per grid id for any period (ms, `to` exclusive), measured like
   * `coverage` (in the worker); for `<wg-assessment>`'s months. Resolves undefined when `stale()`
   * turns true before it is done.
   */
  async coverageFor(
    from: number | undefined,
    to: number | undefined,
    stale: () => boolean = () => false,
  ): Promise<Map<string, GridPatrol> | undefined> {
    const grids = this.grids();
    const index = buildGridIndex(grids.map((g) => g.geometry));
    const positions: number[] = [];
    const gridOf: number[] = [];
    const care: number[] = [];
    for (const u of this.units?.features ?? []) {
      const position = unitPosition(u);
      const grid = position ? index.locate(position[0]!, position[1]!) : -1;
      if (grid < 0) continue;
      positions.push(position![0]!, position![1]!);
      gridOf.push(grid);
      care.push(Number(u.properties.care) > 0 ? 1 : 0);
    }
    // In a worker when the page can start one (else in time slices here).
    const result = await (code ?? (await loadTrackCode())).measurePatrol(
      {
        tracks: this.packed ?? { key: 0, workers: [], lengths: [], fixes: [] },
        sites: {
          positions: Float64Array.from(positions),
          grids: Int32Array.from(gridOf),
          care: Uint8Array.from(care),
        },
        grids: grids.map((g) => g.geometry),
        radius: this.radius,
        visitMinutes: this.visitMinutes,
        from,
        to,
      },
      stale,
    );
    if (!result) return undefined;
    const end = to ?? time(this.now) ?? Date.now();
    return new Map(
      grids.map((g, i) => {
        const row = result.perGrid[i]!;
        return [
          g.properties.id,
          { ...row, stale: row.lastWalked === null || row.lastWalked < end - this.staleDays * DAY },
        ];
      }),
    );
  }

  /** Coverage and stale grids for the period; a newer call supersedes. */
  private async measure(): Promise<void> {
    const epoch = ++this.coverageEpoch;
    const perGrid = await this.coverageFor(
      time(this.from),
      time(this.to),
      () => epoch !== this.coverageEpoch,
    );
    if (!perGrid || epoch !== this.coverageEpoch) return;
    this.perGrid = perGrid;
    if (this.map) this.pushStale(this.map);
    this.requestUpdate();
    this.dispatchEvent(new WgLayerChangeEvent());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-track-layer': WgTrackLayer;
  }
}
