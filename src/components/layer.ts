import { css, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import type { Feature, FeatureCollection } from 'geojson';
import type { FilterSpecification, GeoJSONSourceSpecification, SourceSpecification } from 'maplibre-gl';
import type { MapAdapter, MapFeature, MapPointer, PointerKind } from '../map/adapter.ts';
import { batched } from '../map/batch.ts';
import { bbox } from '@turf/bbox';
import { oneOf, WgElement, type PropertyCheck } from './base.ts';
import type { MapClient, MapHost } from '../map/context.ts';
import { HostMapController } from '../map/host-controller.ts';
import { layerIds, raiseGridLabels } from '../map/ids.ts';
import type { Crs } from '../core/types.ts';
import type { ValidationSteps } from '../core/validate.ts';
import { drain, runSteps, type Steps } from '../core/steps.ts';
import { parseCrs } from '../core/crs-names.ts';
import type * as Conversions from '../core/crs.ts';
import { WgErrorEvent } from '../events/wg-error.ts';
import { messages, type Messages } from '../i18n/messages.ts';
import { inheritedLang } from '../i18n/lang.ts';
import { isPmtilesUrl, pmtilesRegistered, registerPmtiles } from '../map/pmtiles.ts';

/** Inputs with more features than this are ingested in time slices, between which the page stays responsive. */
export const SLICED_ABOVE = 20_000;

let crsConversions: typeof Conversions | undefined;

/** Loads the coordinate conversions (`core/crs.ts` with gcoord) once; layers need them only for GCJ-02 or BD-09. */
export async function loadCrsConversions(): Promise<typeof Conversions> {
  crsConversions ??= await import('../core/crs.ts');
  return crsConversions;
}

/** The conversions when loaded (else undefined: every layer so far is in the display system). */
export function loadedCrsConversions(): typeof Conversions | undefined {
  return crsConversions;
}

/** Where a layer's features come from: GeoJSON held in the browser, or vector tiles from a server or PMTiles file. */
export type SourceType = 'geojson' | 'vector';

let nextKey = 0;

/**
 * What every data layer shares: finding its map (as a child of `<wg-map>`, or with `for`), loading
 * `.data` or `src`, validating it (bad features → `wg-error`, last good data kept), converting its
 * coordinates to the map's display system, and adding/removing its sources and layers as the map
 * comes and goes. With `source-type="vector"` the features come from vector tiles instead (`tiles` or
 * `url`, `source-layer`): nothing is validated or converted, and only the loaded tiles are known.
 */
export abstract class WgLayer<F extends Feature> extends WgElement implements MapClient {
  static override styles: CSSResultGroup = [
    WgElement.styles,
    css`
      :host {
        display: block;
        color: var(--wg-panel-color, #1f2933);
        font-size: 0.875rem;
      }
      details {
        background: var(--wg-panel-background, rgba(255, 255, 255, 0.94));
        border-radius: 6px;
        box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
        padding: 0.25rem 0.5rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.25rem 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 16rem;
        overflow: auto;
      }
      li {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        padding: 0.25rem;
        border-radius: 4px;
        cursor: pointer;
      }
      li:focus-visible {
        outline: 2px solid var(--wg-focus, #1a56db);
        outline-offset: -2px;
      }
      li[aria-selected='true'] {
        background: var(--wg-selected-background, #fde8e8);
      }
      .swatch {
        flex: none;
        width: 0.75rem;
        height: 0.75rem;
        border-radius: 2px;
        align-self: center;
      }
      .name {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .meta {
        color: var(--wg-muted, #52606d);
        white-space: nowrap;
      }
      .list-more {
        display: block;
        box-sizing: border-box;
        width: 100%;
        margin: 0.25rem 0;
        padding: 0.25rem;
        border: 1px solid var(--wg-muted, #52606d);
        border-radius: 4px;
        background: transparent;
        color: inherit;
        font: inherit;
        cursor: pointer;
      }
      .list-more:focus-visible {
        outline: 2px solid var(--wg-focus, #1a56db);
      }
    `,
  ];

  static override checks: Record<string, PropertyCheck> = {
    crs: {
      attribute: 'crs',
      accept: (v) => parseCrs(typeof v === 'string' ? v : undefined),
      expected: 'a coordinate system: wgs84 (also CGCS2000), gcj02 (GCJ-02, Amap) or bd09 (Baidu)',
    },
    sourceType: oneOf('source-type', ['geojson', 'vector']),
  };

  static override properties = {
    for: { reflect: true },
    src: {},
    crs: { reflect: true },
    data: { attribute: false },
    lang: {},
    sourceType: { attribute: 'source-type', reflect: true },
    tiles: {},
    url: {},
    sourceLayer: { attribute: 'source-layer' },
    promoteId: { attribute: 'promote-id' },
  };

  /** Id of a `<wg-map>` elsewhere in the page, for a layer that is not its child. */
  declare for: string | undefined;
  /** URL of a GeoJSON FeatureCollection to load instead of `.data`. */
  declare src: string | undefined;
  /** Coordinate system of the input: `wgs84` (default, also CGCS2000), `gcj02` or `bd09`. */
  declare crs: Crs;
  /**
   * The input, a GeoJSON FeatureCollection. Invalid features are reported with `wg-error` and skipped.
   * An empty collection or `null` clears the layer; setting it aborts a `src` load still running.
   */
  declare data: FeatureCollection | null | undefined;
  /** UI language; defaults to the map's. */
  declare lang: string;
  /** `geojson` (default: `data` or `src`) or `vector` (tiles from `tiles` or `url`; `data` and `src` are ignored). */
  declare sourceType: SourceType;
  /** Vector tile URL templates (`…/{z}/{x}/{y}.pbf`), separated by commas or spaces. */
  declare tiles: string | undefined;
  /** A TileJSON URL (Martin, pg_tileserv) or `pmtiles://https://…/file.pmtiles`; used when `tiles` is not given. */
  declare url: string | undefined;
  /** The layer inside the vector tiles; default `grids`, `issues` or `stations` by element. */
  declare sourceLayer: string | undefined;
  /** The tile property that holds each feature's id (for hover, selection and per-grid colours); default `id`. */
  declare promoteId: string | undefined;

  /** The valid features of the last usable input, in the map's display coordinate system. */
  protected features: F[] = [];
  /** The layer's adapter onto its map (while it has one): every source, layer and event goes through it. */
  protected map?: MapAdapter;
  private readonly hostMap: HostMapController;
  protected readonly ids: ReturnType<typeof layerIds>;
  private rawInput: unknown;
  private loadAbort?: AbortController;
  /** Counts inputs: a sliced ingest stops when a newer input arrives. */
  private ingestEpoch = 0;
  /** Bounds of the features (west, south, east, north), found as they are read. */
  protected box: [number, number, number, number] | null = null;
  /** Ingests still running in time slices (`updateComplete` waits for them). */
  private readonly pending = new Set<Promise<unknown>>();
  private readonly kind: string;
  /** The source settings the map's sources were built with (to rebuild when they change). */
  private builtWith?: string;
  private attachments = 0;

  constructor(kind: string) {
    super();
    this.crs = 'wgs84';
    this.sourceType = 'geojson';
    this.kind = kind;
    this.ids = layerIds(kind, String(++nextKey));
    this.hostMap = new HostMapController(this, {
      // New data is converted to the map's display CRS before the map asks for it.
      before: () => {
        if (this.rawInput !== undefined) this.ingest(this.rawInput, this.localName);
      },
    });
  }

  /** The `<wg-map>` this layer draws on. */
  protected get host(): MapHost | undefined {
    return this.hostMap.map;
  }

  /** The messages for the layer's language (its own `lang`, else its map's, else its ancestors' or the page's). */
  protected get t(): Messages {
    return messages(this.language);
  }

  /** The language in effect: its own `lang`, else its map's, else its ancestors' or the page's. */
  protected get language(): string {
    return this.lang || this.host?.lang || inheritedLang(this) || '';
  }

  /** Checks one input (in steps) and returns its valid features and the problems found. */
  protected abstract validate(input: unknown): ValidationSteps<F>;
  /** Adds the layer's sources and MapLibre layers. */
  protected abstract addToMap(map: MapAdapter): void;
  /** Sends the current features to the map. */
  protected abstract pushData(map: MapAdapter): void;
  /** Called after new features were accepted, before they are pushed; derive per-feature values here. */
  protected featuresChanged(): void {}

  /**
   * The per-feature values of new features, computed in steps before they are accepted (for layers
   * that may hold hundreds of thousands); returns what applies them. Default: `featuresChanged`.
   */
  // eslint-disable-next-line require-yield -- nothing to do in steps by default
  protected *prepareFeatures(_features: F[]): Steps<() => void> {
    return () => this.featuresChanged();
  }

  /** Called when the map is idle with vector tiles loaded: refresh what is read from the loaded tiles. */
  protected tilesLoaded(_map: MapAdapter): void {}

  /** True when the layer reads vector tiles. */
  protected get vector(): boolean {
    return this.sourceType === 'vector';
  }

  /** The tile property holding feature ids. */
  protected get idKey(): string {
    return this.promoteId || 'id';
  }

  /** The source of the layer's features: an empty GeoJSON source (filled by `pushData`) or the vector tiles. */
  protected dataSource(geojson: Omit<GeoJSONSourceSpecification, 'type' | 'data'> = {}): SourceSpecification {
    if (!this.vector)
      return { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, ...geojson };
    const tiles = (this.tiles ?? '').split(/[\s,]+/).filter(Boolean);
    return {
      type: 'vector',
      ...(tiles.length ? { tiles } : { url: this.url }),
      promoteId: this.idKey,
    };
  }

  /** What a MapLibre layer on the data source needs besides `source`: `source-layer` for vector tiles. */
  protected get tileLayer(): { 'source-layer'?: string } {
    return this.vector ? { 'source-layer': this.sourceLayer || `${this.kind}s` } : {};
  }

  /** A feature-state target on the data source (`sourceLayer` for vector tiles). */
  protected featureTarget(id: string | number, source = this.ids.source) {
    return this.vector ? { source, id, sourceLayer: this.tileLayer['source-layer'] } : { source, id };
  }

  /** The features of the loaded vector tiles, one per id (a polygon cut by tile edges is one feature). */
  protected loadedFeatures(filter?: FilterSpecification): MapFeature[] {
    if (!this.map || !this.vector) return [];
    const seen = new Map<string, MapFeature>();
    for (const feature of this.map.sourceFeatures(this.ids.source, {
      sourceLayer: this.tileLayer['source-layer'],
      filter,
    })) {
      const id = String(feature.properties[this.idKey] ?? feature.id);
      if (!seen.has(id)) seen.set(id, feature);
    }
    return [...seen.values()];
  }

  mapAttached(map: MapAdapter): void {
    this.map = map;
    const attempt = ++this.attachments;
    this.builtWith = this.sourceSettings();
    if (this.vector) {
      if (!this.vectorUsable()) return;
      if (isPmtilesUrl(this.url) && !this.tiles && !pmtilesRegistered()) {
        registerPmtiles().then(
          () => {
            if (attempt === this.attachments && this.map === map) this.build(map);
          },
          (error: unknown) =>
            this.reportError(
              'load-failed',
              `Could not load the PMTiles reader: ${String(error)}`,
              undefined,
              error,
            ),
        );
        return;
      }
    }
    this.build(map);
  }

  mapDetached(): void {
    const map = this.map;
    this.map = undefined;
    this.attachments++;
    map?.remove(); // its sources, layers and listeners
  }

  hostChanged(): void {
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const toGeojson = changed.has('sourceType') && !this.vector && changed.get('sourceType') === 'vector';
    if (!this.vector) {
      // The newest input wins: new data, or a src removed, aborts a load still running.
      if (changed.has('data') || (changed.has('src') && !this.src)) this.loadAbort?.abort();
      if ((changed.has('data') || toGeojson) && this.data != null) this.ingest(this.data, this.localName);
      else if (changed.has('data') && changed.get('data') != null)
        this.ingest({ type: 'FeatureCollection', features: [] }, this.localName); // null clears
      else if (changed.has('crs') && this.rawInput !== undefined) this.ingest(this.rawInput, this.localName);
      if ((changed.has('src') || toGeojson) && this.src) void this.load(this.src);
    }
    const map = this.map;
    if (map && this.builtWith !== this.sourceSettings()) {
      this.mapDetached();
      this.mapAttached(map);
    } else if (map && this.vector && changed.has('crs')) this.vectorUsable();
  }

  /** Listens to the pointer on one of the layer's map layers; the listener goes with the map. */
  protected on(kind: PointerKind, layer: string, handler: (pointer: MapPointer) => void) {
    this.map?.onPointer(kind, handler, layer);
  }

  /** Reports a problem without throwing: a `wg-error` event from this element. */
  protected reportError(reason: string, message: string, ids?: string[], cause?: unknown) {
    const source = (this.vector ? this.tiles || this.url : this.src) || this.localName;
    this.dispatchEvent(new WgErrorEvent({ reason, message, source, ids, cause }));
  }

  private build(map: MapAdapter) {
    // In one batch: each GeoJSON source is added with its first data, not empty and then set.
    const batch = batched(map);
    this.addToMap(batch);
    this.pushData(batch);
    batch.flush();
    raiseGridLabels(map);
    this.reportBounds();
    if (this.vector) map.onIdle(() => this.tilesLoaded(map));
  }

  /** Everything that decides how the sources are built; a change rebuilds them. */
  private sourceSettings(): string {
    return this.vector
      ? JSON.stringify([this.tiles, this.url, this.sourceLayer, this.promoteId, this.crs === 'wgs84'])
      : 'geojson';
  }

  /** Vector tiles are drawn as served (Web Mercator tiles of WGS84/CGCS2000 data): they cannot be shifted. */
  private vectorUsable(): boolean {
    if (!this.tiles && !this.url) {
      this.reportError(
        'missing-tiles',
        `${this.localName} has source-type="vector" but neither tiles nor url.`,
      );
      return false;
    }
    const display = this.host?.displayCrs ?? 'wgs84';
    if (this.crs !== 'wgs84' || display !== 'wgs84') {
      this.reportError(
        'unsupported-crs',
        `Vector tiles are drawn as served (WGS84/CGCS2000); crs="${this.crs}" on a map displayed in ${display} cannot be converted, so the tiles are not drawn.`,
      );
      return false;
    }
    return true;
  }

  /**
   * Validates, converts and accepts one input. A large one (more than `SLICED_ABOVE` features) is
   * processed in time slices, so the page stays responsive, and is dropped when a newer input
   * arrives meanwhile; the last good data stays shown until it is accepted.
   */
  private ingest(input: unknown, source: string) {
    const epoch = ++this.ingestEpoch;
    if (this.crs !== (this.host?.displayCrs ?? 'wgs84') && !crsConversions) {
      // Data to convert (GCJ-02, BD-09): the conversions load first, once for the page.
      this.settle(
        loadCrsConversions().then(() => {
          if (epoch === this.ingestEpoch) this.ingest(input, source);
        }),
      );
      return;
    }
    const code = this.loadCode();
    if (code) {
      // The layer's own data code loads on its first input.
      this.settle(
        code.then(() => {
          if (epoch === this.ingestEpoch) this.ingest(input, source);
        }),
      );
      return;
    }
    const steps = this.ingestSteps(input, source);
    const list = (input as { features?: unknown } | null)?.features;
    if (!(Array.isArray(list) && this.inputSize(list) > SLICED_ABOVE)) {
      drain(steps);
      return;
    }
    this.settle(runSteps(steps, { stale: () => epoch !== this.ingestEpoch }));
  }

  /**
   * Code a layer needs to read its data, loaded on the first input (so pages without such data do
   * not load it): a promise while it loads, undefined once it has.
   */
  protected loadCode(): Promise<unknown> | undefined {
    return undefined;
  }

  /** How much work an input is, against `SLICED_ABOVE`: its features (tracks count their fixes). */
  protected inputSize(features: unknown[]): number {
    return features.length;
  }

  /** Work that `updateComplete` waits for (in time slices, or loading a module). */
  protected settle(work: Promise<unknown>): void {
    const done = work.finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private *ingestSteps(input: unknown, source: string): Steps<void> {
    const result = yield* this.validate(input);
    for (const problem of result.problems) {
      this.dispatchEvent(
        new WgErrorEvent({ reason: problem.reason, message: problem.message, source, ids: problem.ids }),
      );
    }
    if (!result.usable) return; // keep the last good data
    const displayCrs = this.host?.displayCrs ?? 'wgs84';
    const features: F[] = new Array(result.features.length);
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < features.length; i++) {
      if (i % 5000 === 4999) yield;
      features[i] = crsConversions
        ? crsConversions.toDisplay(result.features[i]!, this.crs, displayCrs)
        : result.features[i]!;
      // A point's box is its position (most features of an issue layer); others through Turf.
      const g = features[i]!.geometry as { type?: string; coordinates?: number[] } | null;
      if (g?.type === 'Point') {
        const x = g.coordinates![0]!;
        const y = g.coordinates![1]!;
        if (x < box[0]!) box[0] = x;
        if (y < box[1]!) box[1] = y;
        if (x > box[2]!) box[2] = x;
        if (y > box[3]!) box[3] = y;
      } else {
        const [w, south, e, n] = bbox(features[i]!) as number[];
        box[0] = Math.min(box[0]!, w!);
        box[1] = Math.min(box[1]!, south!);
        box[2] = Math.max(box[2]!, e!);
        box[3] = Math.max(box[3]!, n!);
      }
    }
    const apply = yield* this.prepareFeatures(features);
    // From here on at once: the layer never shows a mix of old and new.
    this.rawInput = input;
    this.features = features;
    this.box = box.every(Number.isFinite) ? (box as [number, number, number, number]) : null;
    apply();
    if (this.map) this.pushData(this.map);
    this.reportBounds();
    this.requestUpdate(); // data loaded from `src` arrives outside an update
  }

  /** Also waits for work still running in time slices (a large input being ingested or sent to the map). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.pending.size) {
      await Promise.all(this.pending);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  private async load(url: string) {
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    try {
      const response = await fetch(url, { signal: abort.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const json: unknown = await response.json();
      if (!abort.signal.aborted) this.ingest(json, url);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.dispatchEvent(
        new WgErrorEvent({
          reason: 'load-failed',
          message: `Could not load ${url}: ${String(error)}`,
          source: url,
          cause: error,
        }),
      );
    }
  }

  private reportBounds() {
    if (!this.host || this.vector) return;
    this.host.reportBounds(this, this.features.length ? this.box : null);
  }
}
