/**
 * The map as Wangge's interaction code sees it: sources and layers it adds, data it sets, features
 * under the pointer, the cursor, drag-panning, fitting bounds, pointer and key events. The grid
 * editor and its interaction modes talk to a `MapAdapter`, never to MapLibre, so the interaction
 * logic runs against a fake adapter in tests as well as against MapLibre in the browser (the way
 * Terra Draw's adapters separate drawing modes from the map library).
 */
import type { FeatureCollection, Position } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap, MapMouseEvent, StyleImageInterface } from 'maplibre-gl';

/** A pointer event on the map: screen point (CSS pixels), position, button and modifier keys. */
export interface MapPointer {
  x: number;
  y: number;
  lngLat: Position;
  button: number;
  /** Ctrl, Cmd or Shift held: add to the selection. */
  add: boolean;
  /** Keeps the map from handling the event itself (a drag that should not pan). */
  preventDefault(): void;
}

export type PointerKind = 'click' | 'down' | 'move' | 'up';

export interface MapAdapter {
  addSource(id: string, options?: { promoteId?: string }): void;
  addLayer(spec: LayerSpecification): void;
  addImage(
    name: string,
    image: { width: number; height: number; data: Uint8Array },
    pixelRatio?: number,
  ): void;
  setData(source: string, data: FeatureCollection): void;
  /** Properties of the features of `layers` at a point, or within `radius` pixels of it; topmost first. */
  featuresAt(
    point: { x: number; y: number },
    layers: string[],
    radius?: number,
  ): Array<Record<string, unknown>>;
  setCursor(cursor: string): void;
  setDragPan(enabled: boolean): void;
  /** Fits [west, south, east, north]. */
  fitBounds(box: [number, number, number, number], options?: { padding?: number; maxZoom?: number }): void;
  onPointer(kind: PointerKind, handler: (pointer: MapPointer) => void): void;
  onKey(handler: (event: KeyboardEvent) => void): void;
  /** Removes every layer, source and handler this adapter added (safe when the map is gone). */
  remove(): void;
}

const EVENTS: Record<PointerKind, 'click' | 'mousedown' | 'mousemove' | 'mouseup'> = {
  click: 'click',
  down: 'mousedown',
  move: 'mousemove',
  up: 'mouseup',
};

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

  addSource(id: string, options: { promoteId?: string } = {}): void {
    this.#map.addSource(id, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      ...options,
    });
    this.#sources.push(id);
  }

  addLayer(spec: LayerSpecification): void {
    this.#map.addLayer(spec);
    this.#layers.push(spec.id);
  }

  addImage(name: string, image: { width: number; height: number; data: Uint8Array }, pixelRatio = 1): void {
    if (!this.#map.hasImage(name))
      this.#map.addImage(name, image as unknown as StyleImageInterface, { pixelRatio });
  }

  setData(source: string, data: FeatureCollection): void {
    (this.#map.getSource(source) as { setData?(data: FeatureCollection): void } | undefined)?.setData?.(data);
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

  fitBounds(
    box: [number, number, number, number],
    options: { padding?: number; maxZoom?: number } = {},
  ): void {
    this.#map.fitBounds(box, {
      padding: options.padding ?? 48,
      maxZoom: options.maxZoom ?? 18,
      duration: 300,
    });
  }

  onPointer(kind: PointerKind, handler: (pointer: MapPointer) => void): void {
    const type = EVENTS[kind];
    const listener = (event: MapMouseEvent) => {
      const o = event.originalEvent;
      handler({
        x: event.point.x,
        y: event.point.y,
        lngLat: [event.lngLat.lng, event.lngLat.lat],
        button: o.button,
        add: o.ctrlKey || o.metaKey || o.shiftKey,
        preventDefault: () => event.preventDefault(),
      });
    };
    this.#map.on(type, listener);
    this.#off.push(() => this.#map.off(type, listener));
  }

  onKey(handler: (event: KeyboardEvent) => void): void {
    const container = this.#map.getContainer();
    container.addEventListener('keydown', handler);
    this.#off.push(() => container.removeEventListener('keydown', handler));
  }

  remove(): void {
    for (const off of this.#off) off();
    this.#off = [];
    const map = this.#map;
    if (map.style) {
      for (const id of this.#layers) if (map.getLayer(id)) map.removeLayer(id);
      for (const id of this.#sources) if (map.getSource(id)) map.removeSource(id);
      this.setDragPan(true);
      this.setCursor('');
    }
    this.#layers = [];
    this.#sources = [];
  }
}
