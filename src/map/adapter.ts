/**
 * The map as Wangge's elements see it: sources and layers they add, data and feature-state they set,
 * features they query, the cursor, drag-panning, the view, popups, pointer and key events. Every
 * layer element, the grid editor and its interaction modes talk to a `MapAdapter`, never to MapLibre
 * (the way Terra Draw's adapters separate drawing modes from the map library), so their logic runs
 * against a fake adapter in tests as well as against MapLibre in the browser. `<wg-map>` owns the
 * MapLibre map and gives each element its own adapter; what an element added goes with `remove()`.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type {
  FilterSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  MapMouseEvent,
  Popup,
  SourceSpecification,
  StyleImageInterface,
} from 'maplibre-gl';
import { maplibregl } from './maplibre.ts';

/** A feature as the map gives it back (from a query or under the pointer): properties always present. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tile properties are whatever was served
export type MapFeature = Feature<Geometry, Record<string, any>>;

/** A pointer event on the map: screen point (CSS pixels), position, button and modifier keys. */
export interface MapPointer {
  x: number;
  y: number;
  lngLat: Position;
  button: number;
  /** Ctrl, Cmd or Shift held: add to the selection. */
  add: boolean;
  /** For an event on a layer: its features under the pointer, topmost first. */
  features?: MapFeature[];
  /** Keeps the map from handling the event itself (a drag that should not pan). */
  preventDefault(): void;
}

export type PointerKind = 'click' | 'down' | 'move' | 'up' | 'enter' | 'leave';

/** A feature-state target: a feature of a source (and of a tile layer in vector tiles). */
export interface FeatureTarget {
  source: string;
  id: string | number;
  sourceLayer?: string;
}

export type Box = [west: number, south: number, east: number, north: number];

export interface MapAdapter {
  /** Adds a source: an empty GeoJSON one (with `promoteId`, clustering…), or any source given with its `type`. */
  addSource(id: string, spec?: SourceSpecification | Record<string, unknown>): void;
  /** Adds a layer (below `before` when given). */
  addLayer(spec: LayerSpecification, before?: string): void;
  addImage(
    name: string,
    image: { width: number; height: number; data: Uint8Array },
    pixelRatio?: number,
  ): void;
  /** True when the map has a layer or source of this id. */
  has(id: string): boolean;
  /** Ids of the map's layers, bottom to top (the page's and other elements' too). */
  layerIds(): string[];
  /** Removes a source and every layer drawing from it. */
  removeSource(id: string): void;
  setData(source: string, data: FeatureCollection): void;
  /** Sets a paint or layout property (`layout: true`) of a layer; nothing when the layer is not there. */
  setProperty(layer: string, name: string, value: unknown, layout?: boolean): void;
  /** Sets a layer's filter; nothing when the layer is not there. */
  setFilter(layer: string, filter: FilterSpecification | null): void;
  setFeatureState(target: FeatureTarget, state: Record<string, unknown>): void;
  /** Features of a source's loaded tiles or data (pieces of one feature may repeat). */
  sourceFeatures(
    source: string,
    options?: { sourceLayer?: string; filter?: FilterSpecification },
  ): MapFeature[];
  /** The zoom at which a cluster of a clustered GeoJSON source breaks up. */
  clusterZoom(source: string, cluster: number): Promise<number>;
  /** Properties of the features of `layers` at a point, or within `radius` pixels of it; topmost first. */
  featuresAt(
    point: { x: number; y: number },
    layers: string[],
    radius?: number,
  ): Array<Record<string, unknown>>;
  setCursor(cursor: string): void;
  setDragPan(enabled: boolean): void;
  /** Fits [west, south, east, north]. */
  fitBounds(box: Box, options?: { padding?: number; maxZoom?: number }): void;
  /** Moves the view to a centre and zoom. */
  easeTo(center: Position, zoom: number): void;
  /** Opens a popup with this content at a position; one popup at a time on a map. */
  popup(at: Position, content: Node): void;
  /** Listens to the pointer on the map, or on the features of one layer. */
  onPointer(kind: PointerKind, handler: (pointer: MapPointer) => void, layer?: string): void;
  /** Called each time the map has finished loading and drawing (tiles read then are complete). */
  onIdle(handler: () => void): void;
  onKey(handler: (event: KeyboardEvent) => void): void;
  /** Moves the layers whose ids pass `test` above every other layer. */
  raise(test: (id: string) => boolean): void;
  /** Removes every layer, source and handler this adapter added (safe when the map is gone). */
  remove(): void;
}

const EVENTS = {
  click: 'click',
  down: 'mousedown',
  move: 'mousemove',
  up: 'mouseup',
  enter: 'mouseenter',
  leave: 'mouseleave',
} as const;

const popups = new WeakMap<MapLibreMap, Popup>();

/** The adapter over a MapLibre map. */
export class MapLibreAdapter implements MapAdapter {
  readonly #map: MapLibreMap;
  #sources: string[] = [];
  #layers: string[] = [];
  #off: Array<() => void> = [];
  #panOff = false;

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  addSource(id: string, spec: SourceSpecification | Record<string, unknown> = {}): void {
    this.#map.addSource(
      id,
      'type' in spec
        ? (spec as SourceSpecification)
        : { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, ...spec },
    );
    this.#sources.push(id);
  }

  addLayer(spec: LayerSpecification, before?: string): void {
    this.#map.addLayer(spec, before && this.#map.getLayer(before) ? before : undefined);
    this.#layers.push(spec.id);
  }

  addImage(name: string, image: { width: number; height: number; data: Uint8Array }, pixelRatio = 1): void {
    if (!this.#map.hasImage(name))
      this.#map.addImage(name, image as unknown as StyleImageInterface, { pixelRatio });
  }

  has(id: string): boolean {
    return !!(this.#map.getLayer(id) ?? this.#map.getSource(id));
  }

  layerIds(): string[] {
    return this.#map.getStyle().layers.map((layer) => layer.id);
  }

  removeSource(id: string): void {
    const map = this.#map;
    if (!map.style) return;
    // Layers first: MapLibre refuses to remove a source still drawn.
    for (const layer of map.getStyle().layers)
      if ((layer as { source?: string }).source === id) map.removeLayer(layer.id);
    if (map.getSource(id)) map.removeSource(id);
  }

  setData(source: string, data: FeatureCollection): void {
    (this.#map.getSource(source) as GeoJSONSource | undefined)?.setData?.(data);
  }

  setProperty(layer: string, name: string, value: unknown, layout = false): void {
    if (!this.#map.getLayer(layer)) return;
    // Property names are checked by MapLibre at run time (an unknown one is an error event).
    const set = layout ? this.#map.setLayoutProperty : this.#map.setPaintProperty;
    (set as (layer: string, name: string, value: unknown) => void).call(this.#map, layer, name, value);
  }

  setFilter(layer: string, filter: FilterSpecification | null): void {
    if (this.#map.getLayer(layer)) this.#map.setFilter(layer, filter);
  }

  setFeatureState(target: FeatureTarget, state: Record<string, unknown>): void {
    if (this.#map.getSource(target.source)) this.#map.setFeatureState(target, state);
  }

  sourceFeatures(
    source: string,
    options: { sourceLayer?: string; filter?: FilterSpecification } = {},
  ): MapFeature[] {
    return this.#map.getSource(source)
      ? (this.#map.querySourceFeatures(source, options) as MapFeature[])
      : [];
  }

  clusterZoom(source: string, cluster: number): Promise<number> {
    const found = this.#map.getSource(source) as GeoJSONSource | undefined;
    return found ? found.getClusterExpansionZoom(cluster) : Promise.reject(new Error(`no source ${source}`));
  }

  featuresAt(point: { x: number; y: number }, layers: string[], radius = 0): Array<Record<string, unknown>> {
    const present = layers.filter((id) => this.#map.getLayer(id));
    if (!present.length) return [];
    const { x, y } = point;
    const where: [number, number] | [[number, number], [number, number]] = radius
      ? [
          [x - radius, y - radius],
          [x + radius, y + radius],
        ]
      : [x, y];
    return this.#map.queryRenderedFeatures(where, { layers: present }).map((f) => f.properties ?? {});
  }

  setCursor(cursor: string): void {
    this.#map.getCanvas().style.cursor = cursor;
  }

  setDragPan(enabled: boolean): void {
    if (enabled) {
      if (this.#panOff) this.#map.dragPan.enable();
      this.#panOff = false;
    } else if (this.#map.dragPan.isEnabled()) {
      // Only what this adapter turned off is turned back on (a page may keep panning off).
      this.#map.dragPan.disable();
      this.#panOff = true;
    }
  }

  fitBounds(box: Box, options: { padding?: number; maxZoom?: number } = {}): void {
    this.#map.fitBounds(box, {
      padding: options.padding ?? 48,
      maxZoom: options.maxZoom ?? 18,
      duration: 300,
    });
  }

  easeTo(center: Position, zoom: number): void {
    this.#map.easeTo({ center: center as [number, number], zoom });
  }

  popup(at: Position, content: Node): void {
    const map = this.#map;
    popups.get(map)?.remove();
    popups.set(
      map,
      new maplibregl.Popup({ maxWidth: '18rem', focusAfterOpen: false })
        .setLngLat(at as [number, number])
        .setDOMContent(content)
        .addTo(map),
    );
  }

  onPointer(kind: PointerKind, handler: (pointer: MapPointer) => void, layer?: string): void {
    const type = EVENTS[kind];
    const map = this.#map;
    const listener = (event: MapMouseEvent & { features?: MapFeature[] }) => {
      const o = event.originalEvent;
      handler({
        x: event.point.x,
        y: event.point.y,
        lngLat: [event.lngLat.lng, event.lngLat.lat],
        button: o.button,
        add: o.ctrlKey || o.metaKey || o.shiftKey,
        features: event.features,
        preventDefault: () => event.preventDefault(),
      });
    };
    // MapLibre's `on` is overloaded by event name; one signature for all of them here.
    const on = map.on as (...args: unknown[]) => void;
    const off = map.off as (...args: unknown[]) => void;
    const args = layer ? [type, layer, listener] : [type, listener];
    on.apply(map, args);
    this.#off.push(() => off.apply(map, args));
  }

  onIdle(handler: () => void): void {
    this.#map.on('idle', handler);
    this.#off.push(() => this.#map.off('idle', handler));
  }

  onKey(handler: (event: KeyboardEvent) => void): void {
    const container = this.#map.getContainer();
    container.addEventListener('keydown', handler);
    this.#off.push(() => container.removeEventListener('keydown', handler));
  }

  raise(test: (id: string) => boolean): void {
    for (const id of this.layerIds()) if (test(id)) this.#map.moveLayer(id);
  }

  remove(): void {
    for (const off of this.#off) off();
    this.#off = [];
    const map = this.#map;
    if (map.style) {
      for (const id of this.#layers) if (map.getLayer(id)) map.removeLayer(id);
      for (const id of this.#sources) this.removeSource(id);
      this.setDragPan(true);
      this.setCursor('');
    }
    this.#layers = [];
    this.#sources = [];
  }
}
