import { html, css } from 'lit';
import type { CSSResultGroup } from 'lit';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { WgLayer } from '../layer.ts';
import type { StationFeature, StationProperties } from '../../core/types.ts';
import { validateStations } from '../../core/validate.ts';
import { openTextPopup } from '../../map/popup.ts';
import { WgStationSelectEvent } from '../../events/wg-station-select.ts';

/** The symbol of each station kind: a colour and a one-character mark drawn with local fonts (no sprite server). */
export const STATION_SYMBOLS: Record<string, { color: string; mark: string; radius: number }> = {
  center: { color: '#c8161d', mark: '党', radius: 13 },
  post: { color: '#e6731a', mark: '驿', radius: 10 },
  'social-work': { color: '#6a3d9a', mark: '社', radius: 10 },
  other: { color: '#4a5568', mark: '站', radius: 9 },
};

const kindOf = (kind: string) => (kind in STATION_SYMBOLS ? kind : 'other');

function servicesText(services: StationProperties['services']): string {
  return Array.isArray(services) ? services.join('、') : (services ?? '');
}

/**
 * Party-mass service stations (党群服务中心, 党群驿站, 社工站) with a symbol per kind.
 *
 * @summary Draws service stations by kind; click or the list opens a text popup with name, services and hours.
 *
 * @event wg-station-select - A station was selected: `detail` is `{ id, properties }`.
 * @event wg-error - Invalid stations: `detail` is `{ reason, message, source, ids }`.
 *
 * @csspart list - The keyboard-reachable list of stations.
 */
export class WgStationLayer extends WgLayer<StationFeature> {
  static override styles: CSSResultGroup = [
    WgLayer.styles,
    css`
      .mark {
        flex: none;
        width: 1.25rem;
        height: 1.25rem;
        border-radius: 50%;
        color: #fff;
        font-size: 0.75rem;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        align-self: center;
      }
    `,
  ];

  static override properties = { ...WgLayer.properties, listOpen: { type: Boolean, attribute: 'list-open' } };

  /** Whether the station list starts expanded. */
  declare listOpen: boolean;

  constructor() {
    super('station');
    this.listOpen = false;
  }

  /** Selects a station: opens its popup and fires `wg-station-select`. */
  select(id: string): void {
    const station = this.features.find((f) => f.properties.id === id);
    if (!station) return;
    if (this.map) {
      const t = this.t;
      const p = station.properties;
      openTextPopup(this.map, station.geometry.coordinates as [number, number], p.name, [
        ['', t.stationKinds[kindOf(p.kind)] ?? String(p.kind)],
        [t.services, servicesText(p.services)],
        [t.hours, p.hours ?? ''],
      ]);
    }
    this.dispatchEvent(new WgStationSelectEvent(id, station.properties));
  }

  protected validate(input: unknown) {
    return validateStations(input);
  }

  protected addToMap(map: MapLibreMap): void {
    const ids = this.ids;
    const match = (key: 'color' | 'mark' | 'radius') =>
      ['match', ['get', 'kindKey'], ...Object.entries(STATION_SYMBOLS).flatMap(([kind, s]) => [kind, s[key]]), STATION_SYMBOLS.other[key]] as never;
    map.addSource(ids.source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: ids.circle,
      type: 'circle',
      source: ids.source,
      paint: {
        'circle-color': match('color'),
        'circle-radius': match('radius'),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: ids.symbol,
      type: 'symbol',
      source: ids.source,
      layout: {
        'text-field': match('mark'),
        'text-font': ['sans-serif'],
        'text-size': ['match', ['get', 'kindKey'], 'center', 14, 11],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    });
    map.addLayer({
      id: ids.label,
      type: 'symbol',
      source: ids.source,
      minzoom: 15,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 11,
        'text-offset': [0, 1.6],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#3d2b1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    });
    this.on('click', ids.circle, (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (id !== undefined) this.select(String(id));
    });
    this.on('mouseenter', ids.circle, () => (map.getCanvas().style.cursor = 'pointer'));
    this.on('mouseleave', ids.circle, () => (map.getCanvas().style.cursor = ''));
  }

  protected pushData(map: MapLibreMap): void {
    (map.getSource(this.ids.source) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: this.features.map((f) => ({ ...f, properties: { ...f.properties, kindKey: kindOf(String(f.properties.kind)) } })),
    });
  }

  override render() {
    const t = this.t;
    return html`<details part="list" ?open=${this.listOpen}>
      <summary>${t.stationList(this.features.length)}</summary>
      <ul aria-label=${t.stationList(this.features.length)}>
        ${this.features.map((station) => {
          const symbol = STATION_SYMBOLS[kindOf(String(station.properties.kind))];
          return html`<li
            tabindex="0"
            @click=${() => this.select(station.properties.id)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.select(station.properties.id);
              }
            }}
          >
            <span class="mark" style=${`background:${symbol.color}`} aria-hidden="true">${symbol.mark}</span>
            <span class="name">${station.properties.name}</span>
          </li>`;
        })}
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-station-layer': WgStationLayer;
  }
}
