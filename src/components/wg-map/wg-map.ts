import { html, unsafeCSS, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import { ContextProvider } from '@lit/context';
import type { Map as MapLibreMap, LngLatBoundsLike } from 'maplibre-gl';
import { numberAtLeast, oneOf, WgElement, type PropertyCheck } from '../base.ts';
import { styles } from './wg-map.styles.ts';
import { maplibregl, maplibreCss, hasWebGL2 } from '../../map/maplibre.ts';
import { resolveBasemap, offlineStyle } from '../../map/basemaps.ts';
import { BACKGROUND_LAYER } from '../../map/ids.ts';
import { MapLibreAdapter } from '../../map/adapter.ts';
import { mapContext, type MapClient, type MapHost } from '../../map/context.ts';
import type { Crs } from '../../core/types.ts';
import { WgErrorEvent } from '../../events/wg-error.ts';
import { WgMapReadyEvent } from '../../events/wg-map-ready.ts';
import { messages } from '../../i18n/messages.ts';
import { inheritedLang } from '../../i18n/lang.ts';

type Bounds = [number, number, number, number];

/**
 * A MapLibre map for community grid governance, offline by default.
 *
 * @tag wg-map
 * @summary Owns one MapLibre map and shares it with the layer elements inside it (or pointing at it with `for`).
 *
 * @slot - Layer elements (`<wg-grid-layer>`, `<wg-station-layer>`, `<wg-issue-layer>`, …); their lists and panels show in the map's side panel.
 *
 * @event wg-map-ready - The map has loaded its style; `detail.map` is the MapLibre map.
 * @event wg-error - A bad style, no WebGL2, or a layer's bad data: `detail` is `{ reason, message, source, ids? }`.
 *
 * @csspart container - The box holding the map and its panel.
 * @csspart map - The MapLibre container.
 * @csspart panel - The side panel where slotted layers show their lists.
 * @csspart fallback - The message shown when the browser has no WebGL2.
 * @csspart popup - The content of a feature's popup (grid, station or issue details).
 *
 * @cssproperty --wg-map-background - Background of the offline map.
 * @cssproperty --wg-panel-background - Background of the side panels.
 * @cssproperty --wg-panel-color - Text colour of the side panels.
 * @cssproperty --wg-panel-width - Width of the side panel.
 * @cssproperty --wg-popup-background - Background of popups.
 * @cssproperty --wg-muted - Secondary text in lists.
 * @cssproperty --wg-focus - Keyboard focus outline.
 * @cssproperty --wg-selected-background - Background of the selected row in lists.
 * @cssproperty --wg-accent - Warnings such as overdue issues.
 */
export class WgMap extends WgElement implements MapHost {
  static override styles: CSSResultGroup = [WgElement.styles, unsafeCSS(maplibreCss), styles];

  static override checks: Record<string, PropertyCheck> = {
    zoom: numberAtLeast('zoom'),
    theme: oneOf('theme', ['light', 'dark', 'auto']),
  };

  static override properties = {
    basemap: { reflect: true },
    tiandituKey: { attribute: 'tianditu-key' },
    center: {},
    zoom: { type: Number },
    lang: { noAccessor: true },
    theme: { reflect: true },
    interactive: { type: Boolean },
    webgl: { state: true },
  };

  private provider = new ContextProvider(this, { context: mapContext, initialValue: this });
  private clients = new Set<MapClient>();
  private bounds = new Map<MapClient, Bounds>();
  private map?: MapLibreMap;
  private styleReady = false;
  private fitted = false;
  private userMoved = false;
  private resizeObserver?: ResizeObserver;
  private readyPromise!: Promise<MapLibreMap>;
  private resolveReady!: (map: MapLibreMap) => void;
  private ownLang = '';
  private pageLangObserver?: MutationObserver;

  /** `none` (default, offline), `osm`, `tianditu` (needs `tianditu-key`), `amap` (GCJ-02), or a MapLibre style URL. */
  declare basemap: string;
  /** Key for the Tianditu basemap. */
  declare tiandituKey: string;
  /** Initial centre as `"lng,lat"` in the display coordinate system; without `center` and `zoom` the map fits its data. */
  declare center: string | undefined;
  /** Initial zoom; without `center` and `zoom` the map fits its data. */
  declare zoom: number | undefined;
  /** `light` (default), `dark`, or `auto` (follows the system's colour scheme); see the custom properties. */
  declare theme: 'light' | 'dark' | 'auto';
  /** Whether the user can pan and zoom (default true). */
  declare interactive: boolean;
  /** False when the browser has no WebGL2; the element then shows a message and the layers' lists. */
  declare webgl: boolean;

  constructor() {
    super();
    this.basemap = 'none';
    this.tiandituKey = '';
    this.theme = 'light';
    this.interactive = true;
    this.webgl = true;
    this.newReadyPromise();
  }

  /**
   * UI language in effect: `zh-CN` or `en` (anything starting with `en`). Set it (or the `lang`
   * attribute) on the element, or leave it unset to inherit the nearest ancestor's `lang` and finally
   * the page's `<html lang>`; reading it returns the language in effect (zh-CN when nothing says).
   */
  override get lang(): string {
    return this.ownLang || inheritedLang(this) || 'zh-CN';
  }
  override set lang(value: string) {
    const old = this.lang;
    this.ownLang = value ?? '';
    this.requestUpdate('lang', old);
  }

  /** Resolves with the MapLibre map once its style has loaded (a new promise after the element is re-attached). */
  get ready(): Promise<MapLibreMap> {
    return this.readyPromise;
  }

  /** The coordinate system the map is displayed in, from its basemap (`amap` → `gcj02`). */
  get displayCrs(): Crs {
    return resolveBasemap(this.basemap, { background: '' }).crs;
  }

  /** The MapLibre map, when one exists. Prefer `await el.ready`. */
  get maplibre(): MapLibreMap | undefined {
    return this.map;
  }

  attachClient(client: MapClient): void {
    this.clients.add(client);
    if (this.map && this.styleReady) client.mapAttached(new MapLibreAdapter(this.map));
  }

  detachClient(client: MapClient): void {
    if (!this.clients.delete(client)) return;
    this.bounds.delete(client);
    if (this.map) client.mapDetached();
  }

  reportBounds(client: MapClient, bounds: Bounds | null): void {
    if (bounds) this.bounds.set(client, bounds);
    else this.bounds.delete(client);
    this.autoFit();
  }

  /**
   * The map follows its data: fitted when data arrives or is replaced, and when the element's size
   * changes, until the view is chosen (the user or code moved the map; never with `center`/`zoom`).
   */
  private autoFit(): void {
    if (this.userMoved || this.center || this.zoom !== undefined || this.fitQueued) return;
    // Once for all the layers that report in the same task (the map moves once, not once per layer).
    this.fitQueued = true;
    queueMicrotask(() => {
      this.fitQueued = false;
      if (!this.userMoved && !this.center && this.zoom === undefined) this.fit(false);
    });
  }

  private fitQueued = false;
  /** Widths from the ResizeObserver (after layout): reading them then costs no forced layout. */
  private readonly sizes = new WeakMap<Element, { width: number; height: number }>();

  /** The left padding that keeps the data clear of the side panel (when layers show lists in it). */
  private panelLeft(): number {
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    const size = panel && this.sizeOf(panel);
    return size && size.height > 0 ? size.width + 24 : 24;
  }

  /** The left padding of the last fit. */
  private fitLeft = 24;

  private sizeOf(element: HTMLElement): { width: number; height: number } {
    return this.sizes.get(element) ?? { width: element.offsetWidth, height: element.offsetHeight };
  }

  /** Fits the view to what every layer shows now (data replaced since included), whatever the user did. */
  fitToData(options: { animate?: boolean } = {}): void {
    // Asked for now: the sizes as they are now, not as last observed.
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    for (const element of [panel, this.map?.getContainer()])
      if (element) this.sizes.set(element, { width: element.offsetWidth, height: element.offsetHeight });
    this.fit(!!options.animate);
  }

  private fit(animate: boolean): void {
    if (!this.map || !this.styleReady || this.bounds.size === 0) return;
    const all = [...this.bounds.values()];
    const box: Bounds = [
      Math.min(...all.map((b) => b[0])),
      Math.min(...all.map((b) => b[1])),
      Math.max(...all.map((b) => b[2])),
      Math.max(...all.map((b) => b[3])),
    ];
    this.fitted = true;
    // Keep the data clear of the side panel when layers show their lists in it.
    const left = (this.fitLeft = this.panelLeft());
    const fits = this.sizeOf(this.map.getContainer()).width > left + 160;
    this.ownMove(() =>
      this.map!.fitBounds(box as LngLatBoundsLike, {
        padding: { top: 24, right: 24, bottom: 24, left: fits ? left : 24 },
        animate,
        maxZoom: 18,
      }),
    );
  }

  /** Camera moves the map makes itself (fitting, resizing): they do not count as the view being chosen. */
  private movingItself = false;

  private ownMove(move: () => void): void {
    this.movingItself = true;
    try {
      move();
    } finally {
      this.movingItself = false;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.provider.setValue(this, true);
    this.webgl = hasWebGL2();
    // A portal that switches language at runtime sets <html lang>: follow it unless we have our own.
    this.pageLangObserver = new MutationObserver(() => {
      if (this.ownLang) return;
      this.requestUpdate('lang');
      this.clients.forEach((client) => client.hostChanged?.());
    });
    this.pageLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    // Put back into the page after a removal: build a fresh map in the existing shadow root.
    if (this.hasUpdated) this.createMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageLangObserver?.disconnect();
    this.destroyMap();
  }

  protected override firstUpdated(): void {
    this.createMap();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('lang') || changed.has('theme')) this.clients.forEach((client) => client.hostChanged?.());
    if (!this.map) return;
    const styleChanged =
      (changed.has('basemap') && changed.get('basemap') !== undefined) ||
      changed.get('tiandituKey') !== undefined;
    if (styleChanged) this.applyStyle();
    else if (changed.has('theme') && changed.get('theme') !== undefined && this.styleReady)
      this.applyBackground();
  }

  override render() {
    const t = messages(this.lang);
    return html`<div class="container" part="container">
      <div class="map" part="map" role="region" aria-label=${t.mapLabel}></div>
      ${this.webgl ? null : html`<div class="fallback" part="fallback" role="alert">${t.noWebgl}</div>`}
      <div class="panel" part="panel"><slot></slot></div>
    </div>`;
  }

  private newReadyPromise() {
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  private background(): string {
    return getComputedStyle(this).getPropertyValue('--wg-map-background').trim() || '#f3f1ec';
  }

  /** Recolours the offline background after a theme change (the other colours follow CSS by themselves). */
  private applyBackground() {
    const map = this.map;
    if (!map?.getLayer(BACKGROUND_LAYER)) return;
    map.setPaintProperty(BACKGROUND_LAYER, 'background-color', this.background());
  }

  private createMap() {
    if (this.map || !this.isConnected) return;
    if (!this.webgl) {
      this.dispatchEvent(
        new WgErrorEvent({
          reason: 'no-webgl',
          message: 'This browser cannot create a WebGL2 context.',
          source: 'wg-map',
        }),
      );
      return;
    }
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!container) return;
    const basemap = resolveBasemap(this.basemap, {
      background: this.background(),
      tiandituKey: this.tiandituKey,
    });
    const center = this.parseCenter();
    const map = new maplibregl.Map({
      container,
      style: basemap.style,
      center: center ?? [0, 0],
      zoom: this.zoom ?? (center ? 15 : 1),
      interactive: this.interactive,
      attributionControl:
        typeof basemap.style === 'string' || Object.keys(basemap.style.sources).length > 0 ? {} : false,
      fadeDuration: 0,
      trackResize: false,
      cancelPendingTileRequestsWhileZooming: true,
    });
    this.map = map;
    this.styleReady = false;
    this.fitted = false;
    this.userMoved = false;
    map.on('style.load', () => this.onStyleLoad(map));
    map.on('error', (event) => this.onMapError(event.error));
    // Until the view is chosen — the user moves the map, or code does (zoom to a grid, an issue) — a
    // view fitted to the data is fitted again when the data or the element's size changes (a page's
    // layout often settles after the map was created).
    map.on('movestart', () => {
      if (!this.movingItself) this.userMoved = true;
    });
    this.resizeObserver = new ResizeObserver((entries) => {
      let resized = false;
      let panelMoved = false;
      for (const entry of entries) {
        const box = entry.borderBoxSize?.[0];
        const size = {
          width: box?.inlineSize ?? entry.contentRect.width,
          height: box?.blockSize ?? entry.contentRect.height,
        };
        this.sizes.set(entry.target, size);
        if (entry.target === map.getContainer()) resized = true;
        // The panel got wider or narrower, appeared or went: the data it keeps clear of moves too.
        else panelMoved = this.panelLeft() !== this.fitLeft;
      }
      if (!this.map) return;
      if (resized) this.ownMove(() => this.map!.resize());
      if ((resized || panelMoved) && this.fitted) this.autoFit();
    });
    this.resizeObserver.observe(container);
    const panel = this.renderRoot.querySelector('.panel');
    if (panel) this.resizeObserver.observe(panel);
  }

  private onStyleLoad(map: MapLibreMap) {
    if (map !== this.map) return;
    this.styleReady = true;
    for (const client of this.clients) client.mapAttached(new MapLibreAdapter(map));
    this.autoFit();
    this.resolveReady(map);
    this.dispatchEvent(new WgMapReadyEvent(map));
  }

  private onMapError(error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const styleFailed = !this.styleReady;
    this.dispatchEvent(
      new WgErrorEvent({
        reason: styleFailed ? 'bad-style' : 'load-failed',
        message: styleFailed
          ? `The basemap style "${this.basemap}" could not be loaded (${message}); showing the offline map instead.`
          : message,
        source: styleFailed ? 'style' : 'wg-map',
        cause: error,
      }),
    );
    // Keep a working map: fall back to the offline style when the basemap's style itself failed.
    if (styleFailed && this.map) this.map.setStyle(offlineStyle(this.background()));
  }

  private applyStyle() {
    const map = this.map;
    if (!map) return;
    for (const client of this.clients) client.mapDetached();
    this.styleReady = false;
    const basemap = resolveBasemap(this.basemap, {
      background: this.background(),
      tiandituKey: this.tiandituKey,
    });
    map.setStyle(basemap.style, { diff: false });
  }

  private parseCenter(): [number, number] | undefined {
    if (!this.center) return undefined;
    const [lng, lat] = this.center.split(',').map((part) => Number(part.trim()));
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
      this.dispatchEvent(
        new WgErrorEvent({
          reason: 'bad-coordinates',
          message: `center="${this.center}" is not "lng,lat" in degrees.`,
          source: 'wg-map',
        }),
      );
      return undefined;
    }
    return [lng, lat];
  }

  private destroyMap() {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    const map = this.map;
    if (!map) return;
    for (const client of this.clients) client.mapDetached();
    this.map = undefined;
    this.styleReady = false;
    const gl = map.painter?.context?.gl as WebGL2RenderingContext | undefined;
    map.remove();
    // MapLibre asks for context loss on remove; make sure the context is freed even if it did not.
    if (gl && !gl.isContextLost()) gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.newReadyPromise();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-map': WgMap;
  }
}
