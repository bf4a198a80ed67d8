import { html, css, type PropertyValues } from 'lit';
import { cssom } from '../cssom.ts';
import type { CSSResultGroup } from 'lit';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import type { MapAdapter } from '../../map/adapter.ts';
import { loadCrsConversions, loadedCrsConversions, WgLayer } from '../layer.ts';
import { numberAtLeast, type PropertyCheck } from '../base.ts';
import type { StationFeature, StationProperties, UnitFeature } from '../../core/types.ts';
import { validationSteps, validateUnits } from '../../core/validate.ts';
import { stationCoverage, type CoverageResult } from '../../core/coverage.ts';
import { unitPosition } from '../../core/workload.ts';
import { WgLayerChangeEvent } from '../../events/wg-layer-change.ts';
import type { LegendSection, LegendSource } from '../wg-grid-stats/map-layers.ts';
import { openTextPopup } from '../../map/popup.ts';
import { WgStationSelectEvent } from '../../events/wg-station-select.ts';
import { clipExpression } from '../../map/labels.ts';
import { LIST_PAGE, listMore, rowsToDraw } from '../listbox.ts';

/** The symbol of each station kind: a colour and a one-character mark drawn with local fonts (no sprite server). */
export const STATION_SYMBOLS: Record<string, { color: string; mark: string; radius: number }> = {
  center: { color: '#c8161d', mark: '党', radius: 13 },
  post: { color: '#e6731a', mark: '驿', radius: 10 },
  'social-work': { color: '#6a3d9a', mark: '社', radius: 10 },
  other: { color: '#4a5568', mark: '站', radius: 9 },
};

/** Colours of the coverage circles and of the buildings left outside them. */
export const COVERAGE_COLORS = { area: '#2b8cbe', uncovered: '#d7301f' } as const;

/** A circle of `metres` around [lng, lat] as a 64-gon (metres per degree from a local sphere). */
function circle(center: Position, metres: number): Polygon {
  const lat = (center[1]! * Math.PI) / 180;
  const dLat = metres / 111_195;
  const dLng = dLat / Math.cos(lat);
  const ring: Position[] = [];
  for (let k = 0; k <= 64; k++) {
    const a = (2 * Math.PI * (k % 64)) / 64;
    ring.push([center[0]! + dLng * Math.cos(a), center[1]! + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

const kindOf = (kind: string) => (kind in STATION_SYMBOLS ? kind : 'other');

function servicesText(services: StationProperties['services']): string {
  return Array.isArray(services) ? services.join('、') : (services ?? '');
}

/**
 * Party-mass service stations (党群服务中心, 党群驿站, 社工站) with a symbol per kind.
 * From vector tiles (`source-type="vector"`) stations are drawn and clicked, but the list and coverage
 * stay empty (they need the stations held in the browser).
 *
 * @tag wg-station-layer
 * @summary Draws service stations by kind; click or the list opens a text popup with name, services and hours.
 *
 * @event wg-station-select - A station was selected: `detail` is `{ id, properties }`.
 * @event wg-layer-change - The stations or the coverage changed; read `coverage` again.
 * @event wg-error - Invalid stations or units: `detail` is `{ reason, message, source, ids }`.
 *
 * @csspart list - The keyboard-reachable list of stations.
 */
export class WgStationLayer extends WgLayer<StationFeature> implements LegendSource {
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

  static override checks: Record<string, PropertyCheck> = {
    ...WgLayer.checks,
    coverageRadius: numberAtLeast('coverage-radius'),
  };

  static override properties = {
    ...WgLayer.properties,
    listOpen: { type: Boolean, attribute: 'list-open' },
    units: { attribute: false },
    coverageRadius: { type: Number, attribute: 'coverage-radius' },
    showCoverage: { type: Boolean, attribute: 'coverage', reflect: true },
  };

  /** Whether the station list is expanded (set by the page, or by the user opening it). */
  declare listOpen: boolean;
  /** Buildings with `households` (and `grid`), for coverage; in the layer's `crs`. */
  declare units: FeatureCollection | undefined;
  /** Walking radius in metres (default 500). */
  declare coverageRadius: number;
  /** Draw each station's walking radius and mark the buildings outside every radius (attribute `coverage`). */
  declare showCoverage: boolean;

  private unitFeatures: UnitFeature[] = [];
  /** How many rows the list draws. */
  private listLimit = LIST_PAGE;
  private covered?: CoverageResult;

  constructor() {
    super('station');
    this.listOpen = false;
    this.coverageRadius = 500;
    this.showCoverage = false;
  }

  /** Households within `coverage-radius` of a station: overall, per grid id (from units' `grid`), and the buildings outside. Needs `units`. */
  get coverage(): CoverageResult | undefined {
    return this.covered;
  }

  /** What `<wg-legend>` shows for this layer. */
  legend(): LegendSection[] {
    const t = this.t;
    const kinds = [...new Set(this.features.map((f) => kindOf(String(f.properties.kind))))];
    const sections: LegendSection[] = [
      {
        title: t.stationList(this.features.length),
        entries: kinds.map((kind) => ({
          color: STATION_SYMBOLS[kind]!.color,
          label: t.stationKinds[kind] ?? kind,
          shape: 'dot' as const,
        })),
      },
    ];
    if (this.showCoverage && this.covered) {
      sections.push({
        title: `${t.coverageLegend(this.coverageRadius)} · ${this.covered.overall.percent.toFixed(1)}%`,
        entries: [
          { color: COVERAGE_COLORS.area, label: t.coverageLegend(this.coverageRadius), shape: 'line' },
          {
            color: COVERAGE_COLORS.uncovered,
            label: `${t.uncovered} (${this.covered.uncovered.length})`,
            shape: 'ring',
          },
        ],
      });
    }
    return sections;
  }

  /** Selects a station: opens its popup and fires `wg-station-select`. */
  select(id: string, tiled?: StationFeature): void {
    const station = tiled ?? this.features.find((f) => f.properties.id === id);
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
    return validationSteps('stations', input);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('units')) this.readUnits();
    super.willUpdate(changed);
    if (
      (changed.has('units') || changed.has('coverageRadius') || changed.has('showCoverage')) &&
      !changed.has('data')
    ) {
      this.measureCoverage();
      if (this.map) this.pushData(this.map);
    }
  }

  protected override featuresChanged(): void {
    this.measureCoverage();
  }

  protected addToMap(map: MapAdapter): void {
    const ids = this.ids;
    map.addSource(this.coverageSource);
    map.addLayer({
      id: `${this.coverageSource}-fill`,
      type: 'fill',
      source: this.coverageSource,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': COVERAGE_COLORS.area, 'fill-opacity': 0.05 },
    });
    map.addLayer({
      id: `${this.coverageSource}-line`,
      type: 'line',
      source: this.coverageSource,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': COVERAGE_COLORS.area, 'line-width': 1.5, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: `${this.coverageSource}-uncovered`,
      type: 'circle',
      source: this.coverageSource,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': 'rgba(255,255,255,0.6)',
        'circle-radius': 5,
        'circle-stroke-color': COVERAGE_COLORS.uncovered,
        'circle-stroke-width': 2.5,
      },
    });
    // Tiles carry `kind` as served; unknown kinds fall through to `other` either way.
    const kindKey = this.vector ? 'kind' : 'kindKey';
    const match = (key: 'color' | 'mark' | 'radius') =>
      [
        'match',
        ['to-string', ['get', kindKey]],
        ...Object.entries(STATION_SYMBOLS).flatMap(([kind, s]) => [kind, s[key]]),
        STATION_SYMBOLS.other[key],
      ] as never;
    map.addSource(ids.source, this.dataSource());
    const tiled = this.tileLayer;
    map.addLayer({
      id: ids.circle,
      type: 'circle',
      source: ids.source,
      ...tiled,
      // Small dots at district zoom (thousands of stations), full symbols from community zoom.
      paint: {
        'circle-color': match('color'),
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          11,
          ['*', match('radius'), 0.25],
          14,
          ['*', match('radius'), 0.6],
          16,
          match('radius'),
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 2],
      },
    });
    map.addLayer({
      id: ids.symbol,
      type: 'symbol',
      source: ids.source,
      ...tiled,
      // The mark (党, 驿, 社) once the circle is big enough to hold it.
      minzoom: 14,
      layout: {
        'text-field': match('mark'),
        'text-font': ['sans-serif'],
        'text-size': ['match', ['to-string', ['get', kindKey]], 'center', 14, 11],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    });
    map.addLayer({
      id: ids.label,
      type: 'symbol',
      source: ids.source,
      ...tiled,
      minzoom: 15,
      layout: {
        'text-field': clipExpression(['to-string', ['coalesce', ['get', 'name'], '']]),
        'text-font': ['sans-serif'],
        'text-size': 11,
        'text-offset': [0, 1.6],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#3d2b1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    });
    this.on('click', ids.circle, (event) => {
      const feature = event.features?.[0];
      const id = feature?.properties?.[this.vector ? this.idKey : 'id'];
      if (id === undefined) return;
      if (this.vector)
        this.select(String(id), {
          type: 'Feature',
          geometry: feature!.geometry as StationFeature['geometry'],
          properties: { ...feature!.properties, id: String(id) } as StationProperties,
        });
      else this.select(String(id));
    });
    this.on('enter', ids.circle, () => map.setCursor('pointer'));
    this.on('leave', ids.circle, () => map.setCursor(''));
  }

  protected pushData(map: MapAdapter): void {
    if (this.vector) return; // tiles bring the stations; coverage needs stations held in the browser
    const uncovered = new Set(this.covered?.uncovered ?? []);
    const show = this.showCoverage && this.covered;
    map.setData(this.coverageSource, {
      type: 'FeatureCollection',
      features: show
        ? [
            ...this.features.map((f) => ({
              type: 'Feature' as const,
              geometry: circle(f.geometry.coordinates, this.coverageRadius),
              properties: { id: f.properties.id },
            })),
            ...this.unitFeatures
              .filter((u) => uncovered.has(u.properties.id))
              .map((u) => ({
                type: 'Feature' as const,
                geometry: { type: 'Point' as const, coordinates: unitPosition(u) },
                properties: { id: u.properties.id },
              })),
          ]
        : [],
    });
    map.setData(this.ids.source, {
      type: 'FeatureCollection',
      features: this.features.map((f) => ({
        ...f,
        properties: { ...f.properties, kindKey: kindOf(String(f.properties.kind)) },
      })),
    });
  }

  private get coverageSource() {
    return `${this.ids.source}-coverage`;
  }

  private readUnits() {
    if (!this.units) {
      this.unitFeatures = [];
      return;
    }
    const result = validateUnits(this.units);
    for (const problem of result.problems)
      this.reportError(problem.reason, `units: ${problem.message}`, problem.ids);
    if (!result.usable) return;
    const displayCrs = this.host?.displayCrs ?? 'wgs84';
    const crs = loadedCrsConversions();
    if (this.crs !== displayCrs && !crs) {
      // Units to convert: measure once the conversions have loaded.
      void loadCrsConversions().then(() => {
        this.readUnits();
        this.measureCoverage();
        if (this.map) this.pushData(this.map);
      });
      return;
    }
    this.unitFeatures = (result.features as UnitFeature[]).map((u) =>
      crs ? crs.toDisplay(u, this.crs, displayCrs) : u,
    );
  }

  private measureCoverage() {
    this.covered = this.unitFeatures.length
      ? stationCoverage(
          this.unitFeatures.map((u) => ({
            id: u.properties.id,
            position: unitPosition(u),
            households: u.properties.households,
            grid: u.properties.grid,
          })),
          this.features.map((f) => f.geometry.coordinates),
          this.coverageRadius,
        )
      : undefined;
    this.dispatchEvent(new WgLayerChangeEvent());
  }

  override render() {
    const t = this.t;
    const total = this.features.length;
    // Rows only while open, a page at a time.
    const drawn = this.listOpen ? rowsToDraw(total, this.listLimit) : 0;
    return html`<details part="list" ?open=${this.listOpen} @toggle=${this.onListToggle}>
      <summary>${t.stationList(total)}</summary>
      <ul aria-label=${t.stationList(total)}>
        ${this.features.slice(0, drawn).map((station, i) => {
          const symbol = STATION_SYMBOLS[kindOf(String(station.properties.kind))];
          return html`<li
            tabindex="0"
            aria-setsize=${total}
            aria-posinset=${i + 1}
            @click=${() => this.select(station.properties.id)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.select(station.properties.id);
              }
            }}
          >
            <span class="mark" ${cssom({ background: symbol.color })} aria-hidden="true">${symbol.mark}</span>
            <span class="name">${station.properties.name}</span>
          </li>`;
        })}
      </ul>
      ${listMore(t.showMore(drawn, total), drawn, total, () => {
        this.listLimit = drawn + LIST_PAGE;
        this.requestUpdate();
        return this.updateComplete;
      })}
    </details>`;
  }

  private onListToggle = (event: Event) => {
    this.listOpen = (event.currentTarget as HTMLDetailsElement).open;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-station-layer': WgStationLayer;
  }
}
