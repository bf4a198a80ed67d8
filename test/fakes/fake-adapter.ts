/**
 * A map adapter without a map, for tests of interaction and layer logic: it keeps the sources,
 * layers, data, properties, filters and feature-state it was given, logs cursor, panning and view
 * calls, and lets a test fire pointer events on the map or on one layer (with the features "under"
 * the pointer). Runs in Node and in the browser.
 */
import type { FeatureCollection, Position } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type {
  FeatureTarget,
  MapAdapter,
  MapFeature,
  MapPointer,
  PointerKind,
} from '../../src/map/adapter.ts';

type Handler = (pointer: MapPointer) => void;

export class FakeAdapter implements MapAdapter {
  readonly sources = new Map<string, unknown>();
  readonly layers = new Map<string, LayerSpecification>();
  readonly data = new Map<string, FeatureCollection>();
  readonly properties = new Map<string, unknown>();
  readonly filters = new Map<string, unknown>();
  readonly states = new Map<string, Record<string, unknown>>();
  readonly log: string[] = [];
  /** Features `sourceFeatures` returns, by source. */
  readonly tiles = new Map<string, MapFeature[]>();
  /** Properties `featuresAt` returns. */
  under: Array<Record<string, unknown>> = [];
  private handlers: Array<[PointerKind, string | undefined, Handler]> = [];
  private idle: Array<() => void> = [];
  private keys: Array<(event: KeyboardEvent) => void> = [];

  addSource(id: string, spec: unknown = {}): void {
    if (this.sources.has(id)) throw new Error(`There is already a source with id "${id}"`);
    this.sources.set(id, spec);
    // A GeoJSON source may come with its data (a layer's first data, see map/batch.ts).
    const data = (spec as { data?: FeatureCollection }).data;
    if (data && typeof data === 'object') this.data.set(id, data);
  }
  addLayer(spec: LayerSpecification): void {
    if (this.layers.has(spec.id)) throw new Error(`There is already a layer with id "${spec.id}"`);
    const source = (spec as { source?: string }).source;
    if (source && !this.sources.has(source)) throw new Error(`Layer ${spec.id}: no source "${source}"`);
    this.layers.set(spec.id, spec);
  }
  addImage(name: string): void {
    this.log.push(`image ${name}`);
  }
  has(id: string): boolean {
    return this.layers.has(id) || this.sources.has(id);
  }
  layerIds(): string[] {
    return [...this.layers.keys()];
  }
  removeSource(id: string): void {
    for (const [layer, spec] of this.layers)
      if ((spec as { source?: string }).source === id) this.layers.delete(layer);
    this.sources.delete(id);
    this.data.delete(id);
  }
  setData(source: string, data: FeatureCollection): void {
    if (this.sources.has(source)) this.data.set(source, data);
  }
  setProperty(layer: string, name: string, value: unknown): void {
    if (this.layers.has(layer)) this.properties.set(`${layer} ${name}`, value);
  }
  setFilter(layer: string, filter: unknown): void {
    if (this.layers.has(layer)) this.filters.set(layer, filter);
  }
  setFeatureState(target: FeatureTarget, state: Record<string, unknown>): void {
    const key = `${target.source} ${target.id}`;
    this.states.set(key, { ...this.states.get(key), ...state });
  }
  sourceFeatures(source: string): MapFeature[] {
    return this.tiles.get(source) ?? [];
  }
  clusterZoom(): Promise<number> {
    return Promise.resolve(15);
  }
  featuresAt(): Array<Record<string, unknown>> {
    return this.under;
  }
  setCursor(cursor: string): void {
    this.log.push(`cursor ${cursor}`);
  }
  setDragPan(enabled: boolean): void {
    this.log.push(`pan ${enabled}`);
  }
  fitBounds(box: number[]): void {
    this.log.push(`fit ${box.map((v) => v.toFixed(4)).join(',')}`);
  }
  easeTo(center: Position, zoom: number): void {
    this.log.push(`ease ${center.join(',')} ${zoom}`);
  }
  popup(_at: Position, content: Node): void {
    this.log.push(`popup ${content.textContent ?? ''}`);
  }
  onPointer(kind: PointerKind, handler: Handler, layer?: string): void {
    this.handlers.push([kind, layer, handler]);
  }
  onIdle(handler: () => void): void {
    this.idle.push(handler);
  }
  onKey(handler: (event: KeyboardEvent) => void): void {
    this.keys.push(handler);
  }
  raise(): void {}
  remove(): void {
    this.sources.clear();
    this.layers.clear();
    this.data.clear();
    this.handlers = [];
    this.idle = [];
    this.keys = [];
  }

  /** Fires a pointer event at a screen point: on the map, or on `layer` with these features under it. */
  fire(
    kind: PointerKind,
    at: { x: number; y: number; lngLat?: Position; add?: boolean },
    layer?: string,
    features?: MapFeature[],
  ): void {
    const pointer: MapPointer = {
      x: at.x,
      y: at.y,
      lngLat: at.lngLat ?? [at.x / 1000, at.y / 1000],
      button: 0,
      add: at.add ?? false,
      features,
      preventDefault: () => {},
    };
    for (const [k, l, handler] of this.handlers) if (k === kind && l === layer) handler(pointer);
  }

  /** Tells the listeners the map is idle. */
  fireIdle(): void {
    for (const handler of this.idle) handler();
  }

  /** How many pointer listeners are registered (they all go with `remove`). */
  get listeners(): number {
    return this.handlers.length + this.idle.length + this.keys.length;
  }
}
