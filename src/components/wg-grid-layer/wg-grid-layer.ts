import { html, type PropertyValues } from 'lit';
import { cssom } from '../cssom.ts';
import type { CSSResultGroup } from 'lit';
import type { FeatureCollection } from 'geojson';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { Box, MapAdapter } from '../../map/adapter.ts';
import { bbox } from '@turf/bbox';
import { inPolygon, labelPoint } from '../../core/label-point.ts';
import { LIST_PAGE, listMore, moveFocus, rowsToDraw } from '../listbox.ts';
import { WgLayer } from '../layer.ts';
import { numberAtLeast, type PropertyCheck } from '../base.ts';
import type { GridFeature, GridProperties, UnitFeature } from '../../core/types.ts';
import { validationSteps, validateUnits } from '../../core/validate.ts';
import { WgGridSelectEvent } from '../../events/wg-grid-select.ts';
import { WgLayerChangeEvent } from '../../events/wg-layer-change.ts';
import type { LegendSection, LegendSource } from '../wg-grid-stats/map-layers.ts';
import { clipExpression, clipLabel } from '../../map/labels.ts';
import { WgErrorEvent } from '../../events/wg-error.ts';

/** Where a grid's households stand against the band. */
export type BandPosition = 'under' | 'inside' | 'over';

/** Where `households` stands against the band [min, max]. */
/** Default grid colours; override with `--wg-grid-under`, `--wg-grid-inside`, … on the layer, the map or the page. */
export const GRID_COLORS: Record<string, string> = {
  under: '#6baed6',
  inside: '#74c476',
  over: '#f16913',
  outline: '#ffffff',
  selected: '#7a0177',
};

export function bandPosition(households: number, min: number, max: number): BandPosition {
  return households < min ? 'under' : households > max ? 'over' : 'inside';
}

/**
 * Grids (网格) coloured by households against a band, with labels, hover, selection and a keyboard list.
 * From vector tiles (`source-type="vector"`) the grids are coloured by the tiles' `households`, and the
 * list holds the grids of the loaded tiles.
 *
 * @tag wg-grid-layer
 * @summary Draws a community's grids, coloured under / inside / over the household band.
 *
 * @event wg-grid-select - A grid was selected (click, list, keyboard or `select()`): `detail` is `{ id, properties }`.
 * @event wg-layer-change - The grids as drawn changed (new data or units, a new band); read `grids` again.
 * @event wg-error - Invalid grids or units: `detail` is `{ reason, message, source, ids }`; valid grids still draw.
 *
 * @csspart list - The keyboard-reachable list of grids.
 *
 * @cssproperty --wg-grid-under - Fill of grids under the band (default blue).
 * @cssproperty --wg-grid-inside - Fill of grids inside the band (default green).
 * @cssproperty --wg-grid-over - Fill of grids over the band (default red).
 * @cssproperty --wg-grid-outline - Outline of grids.
 * @cssproperty --wg-grid-selected - Outline of the selected grid.
 */
export class WgGridLayer extends WgLayer<GridFeature> implements LegendSource {
  // No :host defaults for the colours: values set on <wg-map> or the page (a theme) must reach here.
  static override styles: CSSResultGroup = WgLayer.styles;

  static override checks: Record<string, PropertyCheck> = {
    ...WgLayer.checks,
    minHouseholds: numberAtLeast('min-households'),
    maxHouseholds: numberAtLeast('max-households'),
  };

  static override properties = {
    codeStandard: { attribute: 'code-standard' },
    ...WgLayer.properties,
    units: { attribute: false },
    minHouseholds: { type: Number, attribute: 'min-households' },
    maxHouseholds: { type: Number, attribute: 'max-households' },
    label: {},
    selected: { reflect: true },
    listHidden: { type: Boolean, attribute: 'list-hidden' },
    fill: { reflect: true },
  };

  /** Buildings with `households` (and `grid`); when given, each grid's households are summed from them. */
  declare units: FeatureCollection | undefined;
  /** Lower end of the household band (default 300). */
  declare minHouseholds: number;
  /** Upper end of the household band (default 500). */
  declare maxHouseholds: number;
  /** What the first label line shows: `name` (default) or `code`. */
  declare label: 'name' | 'code';
  /** Id of the selected grid. */
  declare selected: string | undefined;
  /** Hide the grid list (it stays available to screen readers nowhere else, so keep it unless another list exists). */
  declare listHidden: boolean;
  /** `band` (default) fills grids by households against the band; `none` draws outlines and labels only (e.g. under issue load). */
  declare fill: 'band' | 'none';

  private hovered?: string;
  /** The list: open (its summary toggles it), and how many rows it draws. */
  private listOpen = true;
  private listLimit = LIST_PAGE;
  /** With vector tiles: the grids of the loaded tiles, by code. */
  private tileGrids: GridProperties[] = [];
  private unitHouseholds?: Map<string, number>;
  private unitCare?: Map<string, number>;

  constructor() {
    super('grid');
    this.minHouseholds = 300;
    this.maxHouseholds = 500;
    this.label = 'name';
    this.listHidden = false;
    this.fill = 'band';
  }

  /** The grids as drawn: input properties plus `households` and `care` (summed from units when given) and `band`. Empty with vector tiles. */
  get grids(): GridFeature[] {
    return this.features;
  }

  /** Selects a grid (or clears with `null`), fires `wg-grid-select` and, with `zoom`, fits the map to it. */
  select(id: string | null, options: { zoom?: boolean } = {}): void {
    if (this.vector) return this.selectTiled(id, options);
    const grid = id === null ? undefined : this.features.find((f) => f.properties.id === id);
    if (id !== null && !grid) return;
    this.selected = grid?.properties.id;
    if (grid && options.zoom && this.map) {
      this.map.fitBounds(bbox(grid) as Box, { maxZoom: 17 });
    }
    this.dispatchEvent(new WgGridSelectEvent(grid?.properties.id ?? null, grid?.properties ?? null));
  }

  protected validate(input: unknown) {
    return validationSteps('grids', input);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('units')) this.sumUnits();
    super.willUpdate(changed);
    if (changed.has('codeStandard') && !changed.has('data') && this.features.length) this.checkCodes();
    if (
      (changed.has('units') || changed.has('minHouseholds') || changed.has('maxHouseholds')) &&
      !changed.has('data')
    ) {
      this.featuresChanged();
      if (this.map) this.pushData(this.map);
    }
  }

  /**
   * Checks grid codes when set: duplicate codes always, and with `code-standard` each code against
   * it (and the grid's `community`). Problems fire one `wg-error` (`invalid-code`) naming the grids.
   */
  declare codeStandard: string | undefined;

  private checkedCodes = '';

  private checkCodes(): void {
    // Once per set of codes (a band change redraws the same grids: no second report).
    const signature = `${this.codeStandard ?? ''}\u0000${this.features.map((f) => `${f.properties.id}\u0001${f.properties.code ?? ''}`).join('\u0000')}`;
    if (signature === this.checkedCodes) return;
    this.checkedCodes = signature;
    const seen = new Map<string, string>();
    const bad: string[] = [];
    const why: string[] = [];
    const coded: Array<{ id: string; code: string; community?: string }> = [];
    for (const f of this.features) {
      const p = f.properties;
      if (p.code === undefined || p.code === null || p.code === '') continue;
      const code = String(p.code);
      const other = seen.get(code);
      if (other !== undefined) {
        bad.push(p.id);
        why.push(`${p.id}: code ${code} is also grid ${other}'s`);
      } else {
        seen.set(code, p.id);
        coded.push({ id: p.id, code, community: typeof p.community === 'string' ? p.community : undefined });
      }
    }
    const report = (standard: string | undefined) => {
      if (!bad.length) return;
      this.dispatchEvent(
        new WgErrorEvent({
          reason: 'invalid-code',
          message: `${bad.length} grid codes are invalid or duplicate${standard ? ` (${standard})` : ''}: ${why.slice(0, 5).join('; ')}${why.length > 5 ? '; …' : ''}`,
          source: 'wg-grid-layer',
          ids: bad.slice(0, 50),
        }),
      );
    };
    const standardText = this.codeStandard;
    if (!standardText) return report(undefined);
    // The standards load only for a page that asks for one (they are not part of the base bundle).
    void import('../../core/codes.ts').then(({ parseCodeStandard, checkGridCode }) => {
      if (signature !== this.checkedCodes) return; // newer grids are being checked
      let standard;
      try {
        standard = parseCodeStandard(standardText);
      } catch (error) {
        this.dispatchEvent(
          new WgErrorEvent({
            reason: 'invalid-attribute',
            message: `<wg-grid-layer> code-standard: ${(error as Error).message}`,
            source: 'wg-grid-layer',
          }),
        );
        return report(undefined);
      }
      for (const g of coded) {
        const fault = checkGridCode(g.code, g.community, standard);
        if (fault) {
          bad.push(g.id);
          why.push(`${g.id}: code ${g.code} ${fault}`);
        }
      }
      report(standardText);
    });
  }

  protected override featuresChanged(): void {
    this.checkCodes();
    const min = this.minHouseholds;
    const max = this.maxHouseholds;
    this.features = this.features.map((feature) => {
      const households = this.householdsOf(feature);
      const band = households === undefined ? null : bandPosition(households, min, max);
      const care = this.unitCare ? (this.unitCare.get(feature.properties.id) ?? 0) : feature.properties.care;
      const properties: GridProperties = {
        ...feature.properties,
        households,
        band,
        ...(care === undefined ? {} : { care }),
      };
      return { ...feature, properties };
    });
    this.dispatchEvent(new WgLayerChangeEvent());
  }

  /** What `<wg-legend>` shows for this layer. */
  legend(): LegendSection[] {
    if (this.fill === 'none') return [];
    const t = this.t;
    return [
      {
        title: t.bandLegend(this.minHouseholds, this.maxHouseholds),
        entries: [
          {
            color: this.bandColor('under'),
            label: `${t.underBand} (< ${this.minHouseholds})`,
            shape: 'fill',
          },
          { color: this.bandColor('inside'), label: t.inBand, shape: 'fill' },
          {
            color: this.bandColor('over'),
            label: `${t.overBand} (> ${this.maxHouseholds})`,
            shape: 'fill',
          },
        ],
      },
    ];
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selected') && this.map) this.paintSelection();
    if (changed.has('fill') && changed.get('fill') !== undefined) {
      this.map?.setProperty(this.ids.fill, 'visibility', this.fill === 'none' ? 'none' : 'visible', true);
      this.dispatchEvent(new WgLayerChangeEvent());
    }
  }

  /** Recolours after the map's theme or language changed (colours are CSS custom properties). */
  override hostChanged(): void {
    super.hostChanged();
    const map = this.map;
    if (!map) return;
    map.setProperty(this.ids.fill, 'fill-color', this.fillColor());
    map.setProperty(this.ids.line, 'line-color', this.bandColor('outline'));
    map.setProperty(this.ids.highlight, 'line-color', this.bandColor('selected'));
  }

  /** A grid colour (`under`, `inside`, `over`, `outline`, `selected`) from `--wg-grid-*`, else the default. */
  private bandColor(name: string): string {
    return (
      getComputedStyle(this).getPropertyValue(`--wg-grid-${name}`).trim() ||
      GRID_COLORS[name] ||
      GRID_COLORS.inside!
    );
  }

  /** The fill by band: the derived `band` of GeoJSON grids, or the tiles' `households` against the band. */
  private fillColor(): ExpressionSpecification {
    const [under, inside, over] = [this.bandColor('under'), this.bandColor('inside'), this.bandColor('over')];
    if (this.vector) {
      const households: ExpressionSpecification = ['to-number', ['get', 'households'], -1];
      return [
        'case',
        ['<', households, 0],
        '#bdbdbd',
        ['<', households, this.minHouseholds],
        under,
        ['>', households, this.maxHouseholds],
        over,
        inside,
      ];
    }
    return ['match', ['get', 'band'], 'under', under, 'over', over, 'inside', inside, '#bdbdbd'];
  }

  /** The label of a tiled grid, as a MapLibre expression (the same text `labelText` builds). */
  private tileLabel(): DataDrivenPropertyValueSpecification<string> {
    const t = this.t;
    const first = clipExpression([
      'to-string',
      [
        'coalesce',
        ['get', this.label === 'code' ? 'code' : 'name'],
        ['get', 'name'],
        ['get', 'code'],
        ['get', this.idKey],
      ],
    ]);
    const unit = t.households(0).slice(1); // "户" or " households"
    const households: ExpressionSpecification = [
      'concat',
      [
        'number-format',
        ['to-number', ['get', 'households']],
        { locale: this.language.startsWith('en') ? 'en' : 'zh-CN' },
      ],
      unit,
    ];
    const worker = clipExpression(['to-string', ['coalesce', ['get', 'worker'], '']]);
    return [
      'case',
      ['has', 'households'],
      ['concat', first, '\n', households, ['case', ['has', 'worker'], ['concat', ' · ', worker], '']],
      ['has', 'worker'],
      ['concat', first, '\n', worker],
      first,
    ];
  }

  protected addToMap(map: MapAdapter): void {
    const ids = this.ids;
    const tiled = this.tileLayer;
    map.addSource(ids.source, this.dataSource({ promoteId: 'id' }));
    map.addLayer({
      id: ids.fill,
      type: 'fill',
      source: ids.source,
      ...tiled,
      layout: { visibility: this.fill === 'none' ? 'none' : 'visible' },
      paint: {
        'fill-color': this.fillColor(),
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.75, 0.5],
      },
    });
    map.addLayer({
      id: ids.line,
      type: 'line',
      source: ids.source,
      ...tiled,
      paint: { 'line-color': this.bandColor('outline'), 'line-width': 2 },
    });
    map.addLayer({
      id: ids.highlight,
      type: 'line',
      source: ids.source,
      ...tiled,
      filter: ['==', ['get', 'id'], ''],
      paint: { 'line-color': this.bandColor('selected'), 'line-width': 4 },
    });
    // GeoJSON grids get one label point each; tiled grids are labelled inside each tile's piece.
    if (!this.vector) map.addSource(`${ids.source}-labels`);
    map.addLayer({
      id: ids.label,
      type: 'symbol',
      ...(this.vector ? { source: ids.source, ...tiled } : { source: `${ids.source}-labels` }),
      layout: {
        'text-field': this.vector ? this.tileLabel() : ['get', 'text'],
        'text-font': ['sans-serif'],
        'text-size': 13,
        'text-line-height': 1.3,
        'text-max-width': 12,
        // Labels that would overlap are left out (at district zoom a street of grids would otherwise
        // be a black mass over the fills); the selected grid's label goes first, then larger grids'.
        'text-allow-overlap': false,
        'text-padding': 4,
        'symbol-sort-key': this.labelPriority(),
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
    });
    this.on('move', ids.fill, (event) => {
      const id = event.features?.[0]?.properties?.[this.vector ? this.idKey : 'id'] as string | undefined;
      this.hover(id === undefined ? undefined : String(id));
    });
    this.on('leave', ids.fill, () => this.hover(undefined));
    this.on('click', ids.fill, (event) => {
      const feature = event.features?.[0];
      const id = feature?.properties?.[this.vector ? this.idKey : 'id'] as string | undefined;
      if (id === undefined) return;
      if (this.vector) this.selectTiled(String(id), {}, feature!.properties as GridProperties);
      else this.select(String(id));
    });
    this.paintSelection();
  }

  protected pushData(map: MapAdapter): void {
    if (this.vector) {
      // Tiles bring their own features; only the band (a paint expression) and the selection change here.
      map.setProperty(this.ids.fill, 'fill-color', this.fillColor());
      map.setProperty(this.ids.label, 'text-field', this.tileLabel(), true);
      this.paintSelection();
      return;
    }
    map.setData(this.ids.source, { type: 'FeatureCollection', features: this.features });
    map.setData(`${this.ids.source}-labels`, {
      type: 'FeatureCollection',
      features: this.features.flatMap((feature) => {
        const at = labelPoint(feature.geometry);
        return at
          ? [
              {
                type: 'Feature' as const,
                geometry: { type: 'Point' as const, coordinates: at },
                properties: {
                  id: feature.properties.id,
                  text: this.labelText(feature.properties),
                  households: this.householdsOf(feature) ?? 0,
                },
              },
            ]
          : [];
      }),
    });
    this.paintSelection();
  }

  /** With vector tiles: reads the grids of the loaded tiles for the list (a change fires `wg-layer-change`). */
  protected override tilesLoaded(): void {
    const grids = this.loadedFeatures().map((feature) => {
      const p = { ...feature.properties } as GridProperties;
      const id = String(feature.properties[this.idKey] ?? feature.id);
      const households = p.households === undefined ? undefined : Number(p.households);
      return {
        ...p,
        id,
        households,
        band:
          households === undefined ? null : bandPosition(households, this.minHouseholds, this.maxHouseholds),
      };
    });
    grids.sort((a, b) => String(a.code ?? a.id).localeCompare(String(b.code ?? b.id)));
    const key = (list: GridProperties[]) => list.map((g) => `${g.id}:${g.households}`).join('|');
    if (key(grids) === key(this.tileGrids)) return;
    this.tileGrids = grids;
    this.requestUpdate();
    this.dispatchEvent(new WgLayerChangeEvent());
  }

  /** Selection of a tiled grid: its properties come from the click, the loaded list or the loaded tiles. */
  private selectTiled(id: string | null, options: { zoom?: boolean }, clicked?: GridProperties): void {
    if (id === null) {
      this.selected = undefined;
      this.dispatchEvent(new WgGridSelectEvent(null, null));
      return;
    }
    const filter: ExpressionSpecification = ['==', ['to-string', ['get', this.idKey]], id];
    const pieces = this.map?.sourceFeatures(this.ids.source, {
      sourceLayer: this.tileLayer['source-layer'],
      filter,
    });
    const properties = clicked ?? this.tileGrids.find((g) => g.id === id) ?? pieces?.[0]?.properties;
    if (!properties) return;
    this.selected = id;
    if (options.zoom && this.map && pieces?.length) {
      this.map.fitBounds(bbox({ type: 'FeatureCollection', features: pieces }) as Box, { maxZoom: 17 });
    }
    this.dispatchEvent(new WgGridSelectEvent(id, { ...properties, id } as GridProperties));
  }

  override render() {
    if (this.listHidden) return null;
    const t = this.t;
    const list = this.vector ? this.tileGrids.map((properties) => ({ properties })) : this.features;
    const active = list.findIndex((f) => f.properties.id === this.selected);
    // Rows only while open, a page at a time (and always down to the selected grid).
    // Drawn down to a grid once selected stays drawn (focus may be on it after the selection moves).
    this.listLimit = Math.max(this.listLimit, active + 1);
    const drawn = this.listOpen ? rowsToDraw(list.length, this.listLimit) : 0;
    return html`<details ?open=${this.listOpen} part="list" @toggle=${this.onListToggle}>
      <summary>${t.gridList(list.length)}</summary>
      <ul role="listbox" aria-label=${t.gridList(list.length)} @keydown=${this.onListKey}>
        ${list.slice(0, drawn).map(
          (grid, i) =>
            html`<li
              role="option"
              data-id=${grid.properties.id}
              aria-setsize=${list.length}
              aria-posinset=${i + 1}
              aria-selected=${grid.properties.id === this.selected ? 'true' : 'false'}
              tabindex=${i === (active < 0 ? 0 : active) ? 0 : -1}
              @click=${() => this.select(grid.properties.id, { zoom: true })}
            >
              <span
                class="swatch"
                ${cssom({ background: this.bandColor(String(grid.properties.band ?? 'inside')) })}
              ></span>
              <span class="name">${grid.properties.name ?? grid.properties.code ?? grid.properties.id}</span>
              <span class="meta"
                >${grid.properties.households === undefined ? '' : t.households(grid.properties.households as number)}</span
              >
            </li>`,
        )}
      </ul>
      ${listMore(t.showMore(drawn, list.length), drawn, list.length, () => {
        this.listLimit = drawn + LIST_PAGE;
        this.requestUpdate();
        return this.updateComplete;
      })}
    </details>`;
  }

  private onListToggle = (event: Event) => {
    const open = (event.currentTarget as HTMLDetailsElement).open;
    if (open === this.listOpen) return;
    this.listOpen = open;
    this.requestUpdate();
  };

  private onListKey = (event: KeyboardEvent) => {
    const item = moveFocus(event, [...this.renderRoot.querySelectorAll<HTMLLIElement>('li[role=option]')]);
    if (item && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      this.select(item.dataset.id ?? null, { zoom: true });
    }
  };

  private labelText(p: GridProperties): string {
    const first = clipLabel(String((this.label === 'code' ? p.code : p.name) ?? p.name ?? p.code ?? p.id));
    const households = p.households === undefined ? '' : this.t.households(p.households);
    const second = [households, p.worker === undefined ? '' : clipLabel(String(p.worker))]
      .filter(Boolean)
      .join(' · ');
    return second ? `${first}\n${second}` : first;
  }

  private householdsOf(feature: GridFeature): number | undefined {
    if (this.unitHouseholds) return this.unitHouseholds.get(feature.properties.id) ?? 0;
    const given = feature.properties.households;
    return typeof given === 'number' ? given : undefined;
  }

  private sumUnits() {
    if (!this.units) {
      this.unitHouseholds = undefined;
      this.unitCare = undefined;
      return;
    }
    const result = validateUnits(this.units);
    for (const problem of result.problems)
      this.reportError(problem.reason, `units: ${problem.message}`, problem.ids);
    if (!result.usable) return;
    const sums = new Map<string, number>();
    const care = new Map<string, number>();
    for (const unit of result.features as UnitFeature[]) {
      const grid = unit.properties.grid ?? this.gridContaining(unit);
      if (grid === undefined) continue;
      sums.set(grid, (sums.get(grid) ?? 0) + unit.properties.households);
      care.set(grid, (care.get(grid) ?? 0) + (Number(unit.properties.care) || 0));
    }
    this.unitHouseholds = sums;
    this.unitCare = care;
  }

  private gridContaining(unit: UnitFeature): string | undefined {
    const point = unit.geometry.type === 'Point' ? unit.geometry.coordinates : labelPoint(unit.geometry);
    return point ? this.features.find((grid) => inPolygon(point, grid.geometry))?.properties.id : undefined;
  }

  private hover(id: string | undefined) {
    const map = this.map;
    if (!map || id === this.hovered) return;
    if (this.hovered !== undefined) map.setFeatureState(this.featureTarget(this.hovered), { hover: false });
    this.hovered = id;
    if (id !== undefined) map.setFeatureState(this.featureTarget(id), { hover: true });
    map.setCursor(id === undefined ? '' : 'pointer');
  }

  /** Placement order of labels (lower first): the selected grid, then by households, largest first. */
  private labelPriority(): ExpressionSpecification {
    const id: ExpressionSpecification = this.vector ? ['to-string', ['get', this.idKey]] : ['get', 'id'];
    return [
      'case',
      ['==', id, this.selected ?? '\u0000'],
      -1e9,
      ['-', 0, ['to-number', ['coalesce', ['get', 'households'], 0]]],
    ];
  }

  private paintSelection() {
    this.map?.setProperty(this.ids.label, 'symbol-sort-key', this.labelPriority(), true);
    this.map?.setFilter(
      this.ids.highlight,
      this.vector
        ? ['==', ['to-string', ['get', this.idKey]], this.selected ?? '\u0000']
        : ['==', ['get', 'id'], this.selected ?? ''],
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-grid-layer': WgGridLayer;
  }
}
