import { html, css, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { WgLayer } from '../layer.ts';
import { STAGES, type IssueFeature, type Stage } from '../../core/types.ts';
import { validateIssues } from '../../core/validate.ts';
import { openTextPopup } from '../../map/popup.ts';
import { WgIssueSelectEvent } from '../../events/wg-issue-select.ts';

/** Colour of each handling stage. */
export const STAGE_COLORS: Record<Stage, string> = {
  reported: '#d62728',
  assigned: '#ff7f0e',
  handling: '#e7b416',
  verifying: '#1f77b4',
  closed: '#9e9e9e',
};

export type IssueMode = 'points' | 'clusters' | 'heatmap';

/** The filters shared by points, clusters and heatmap. */
export interface IssueFilter {
  stages?: readonly string[];
  categories?: readonly string[];
  from?: number;
  to?: number;
}

/** Whether an issue is past its `expected_datetime` and not closed, at time `now` (ms). */
export function isOverdue(issue: IssueFeature['properties'], now: number): boolean {
  if (issue.stage === 'closed' || !issue.expected_datetime) return false;
  return Date.parse(issue.expected_datetime) < now;
}

/** The issues that pass a filter (stages, categories, and a `requested_datetime` window [from, to)). */
export function filterIssues(issues: readonly IssueFeature[], filter: IssueFilter): IssueFeature[] {
  const stages = filter.stages?.length ? new Set(filter.stages) : null;
  const categories = filter.categories?.length ? new Set(filter.categories) : null;
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  return issues.filter((issue) => {
    const p = issue.properties;
    if (stages && !stages.has(p.stage)) return false;
    if (categories && !categories.has(p.service_name) && !categories.has(p.service_code ?? '')) return false;
    const t = Date.parse(p.requested_datetime);
    return t >= from && t < to;
  });
}

const list = {
  fromAttribute: (value: string | null) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []),
  toAttribute: (value: string[]) => value.join(','),
};
const time = (value: string | undefined) => (value ? Date.parse(value) : undefined);

/**
 * Residents' issues (居民诉求) as points, clusters or a heatmap, coloured by stage; overdue issues stand out.
 *
 * @summary Draws residents' issues with filters by stage, category and time.
 *
 * @event wg-issue-select - An issue was selected: `detail` is `{ id, properties }`.
 * @event wg-error - Invalid issues: `detail` is `{ reason, message, source, ids }`.
 *
 * @csspart list - The list of the issues that pass the filters.
 */
export class WgIssueLayer extends WgLayer<IssueFeature> {
  static override styles: CSSResultGroup = [
    WgLayer.styles,
    css`
      .overdue {
        color: #b00020;
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    ...WgLayer.properties,
    mode: { reflect: true },
    stages: { converter: list },
    categories: { converter: list },
    from: {},
    to: {},
    now: {},
    weightProperty: { attribute: 'weight-property' },
    listOpen: { type: Boolean, attribute: 'list-open' },
  };

  /** `points` (default), `clusters` or `heatmap`. */
  declare mode: IssueMode;
  /** Stages to show (attribute: comma list); empty shows all. */
  declare stages: string[];
  /** Categories (`service_name` or `service_code`) to show; empty shows all. */
  declare categories: string[];
  /** Show issues requested at or after this ISO date. */
  declare from: string | undefined;
  /** Show issues requested before this ISO date. */
  declare to: string | undefined;
  /** The time overdue is judged at (ISO date); default: now. */
  declare now: string | undefined;
  /** Heatmap weight: a numeric property of each issue; default 1 per issue. */
  declare weightProperty: string | undefined;
  /** Whether the issue list starts expanded (it always does when the map cannot be drawn). */
  declare listOpen: boolean;

  private shown: IssueFeature[] = [];
  private builtMode?: IssueMode;

  constructor() {
    super('issue');
    this.mode = 'points';
    this.stages = [];
    this.categories = [];
    this.listOpen = false;
  }

  /** The issues that pass the current filters, as drawn. */
  get filtered(): readonly IssueFeature[] {
    return this.shown;
  }

  /** Selects an issue: opens its popup (description as text) and fires `wg-issue-select`. */
  select(id: string): void {
    const issue = this.features.find((f) => f.properties.service_request_id === id);
    if (!issue) return;
    const p = issue.properties;
    if (this.map) {
      const t = this.t;
      const overdue = isOverdue(p, this.nowMs());
      openTextPopup(this.map, issue.geometry.coordinates as [number, number], p.service_name, [
        ['', `${t.stages[p.stage] ?? p.stage}${overdue ? ` · ${t.overdue}` : ''}`, overdue ? 'overdue' : undefined],
        ['', p.description ?? ''],
        [t.address, p.address ?? ''],
        [t.requested, p.requested_datetime.slice(0, 10)],
        [t.deadline, p.expected_datetime?.slice(0, 10) ?? '', overdue ? 'overdue' : undefined],
      ]);
    }
    this.dispatchEvent(new WgIssueSelectEvent(id, p));
  }

  protected validate(input: unknown) {
    return validateIssues(input);
  }

  protected override featuresChanged(): void {
    this.shown = filterIssues(this.features, {
      stages: this.stages,
      categories: this.categories,
      from: time(this.from),
      to: time(this.to),
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const filters = ['stages', 'categories', 'from', 'to', 'now'] as const;
    if (filters.some((key) => changed.has(key)) && !changed.has('data')) {
      this.featuresChanged();
      if (this.map) this.pushData(this.map);
    }
    if (changed.has('mode') && this.map && this.builtMode !== this.mode) {
      const map = this.map;
      this.mapDetached();
      this.mapAttached(map);
    }
  }

  protected addToMap(map: MapLibreMap): void {
    const ids = this.ids;
    const mode = (this.builtMode = this.mode);
    map.addSource(ids.source, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      ...(mode === 'clusters' ? { cluster: true, clusterRadius: 40, clusterMaxZoom: 17 } : {}),
    });
    if (mode === 'heatmap') {
      map.addLayer({
        id: ids.heatmap,
        type: 'heatmap',
        source: ids.source,
        paint: {
          'heatmap-weight': ['coalesce', ['to-number', ['get', 'weight']], 1],
          'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 17, 2],
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 12, 8, 17, 30],
          'heatmap-opacity': 0.8,
        },
      });
      return;
    }
    if (mode === 'clusters') {
      map.addLayer({
        id: ids.cluster,
        type: 'circle',
        source: ids.source,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': ['step', ['get', 'point_count'], '#fdae6b', 20, '#f16913', 100, '#a63603'],
          'circle-radius': ['step', ['get', 'point_count'], 14, 20, 19, 100, 25],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1.5,
        },
      });
      map.addLayer({
        id: ids.clusterCount,
        type: 'symbol',
        source: ids.source,
        filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['sans-serif'], 'text-size': 12 },
        paint: { 'text-color': '#fff' },
      });
      this.on('click', ids.cluster, async (event) => {
        const feature = event.features?.[0];
        const source = map.getSource(ids.source) as GeoJSONSource | undefined;
        if (!feature || !source) return;
        const zoom = await source.getClusterExpansionZoom(feature.properties.cluster_id as number);
        map.easeTo({ center: (feature.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
      });
    }
    map.addLayer({
      id: ids.circle,
      type: 'circle',
      source: ids.source,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': ['match', ['get', 'stage'], ...STAGES.flatMap((s) => [s, STAGE_COLORS[s]]), '#666'] as never,
        'circle-radius': ['case', ['get', 'overdue'], 6, 4.5],
        'circle-stroke-color': ['case', ['get', 'overdue'], '#7f0000', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'overdue'], 2, 1],
        'circle-opacity': ['case', ['==', ['get', 'stage'], 'closed'], 0.55, 0.95],
      },
    });
    this.on('click', ids.circle, (event) => {
      const id = event.features?.[0]?.properties?.service_request_id;
      if (id !== undefined) this.select(String(id));
    });
    this.on('mouseenter', ids.circle, () => (map.getCanvas().style.cursor = 'pointer'));
    this.on('mouseleave', ids.circle, () => (map.getCanvas().style.cursor = ''));
  }

  protected pushData(map: MapLibreMap): void {
    const now = this.nowMs();
    const weightKey = this.weightProperty;
    (map.getSource(this.ids.source) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: this.shown.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          service_request_id: f.properties.service_request_id,
          stage: f.properties.stage,
          overdue: isOverdue(f.properties, now),
          weight: weightKey ? Number(f.properties[weightKey]) || 0 : 1,
        },
      })),
    });
  }

  override render() {
    const t = this.t;
    const now = this.nowMs();
    const newest = [...this.shown].sort((a, b) => b.properties.requested_datetime.localeCompare(a.properties.requested_datetime));
    const visible = newest.slice(0, 100);
    const open = this.listOpen || this.host?.webgl === false;
    return html`<details part="list" ?open=${open}>
      <summary>${t.issueList(this.shown.length)}</summary>
      <ul aria-label=${t.issueList(this.shown.length)}>
        ${visible.map((issue) => {
          const p = issue.properties;
          const overdue = isOverdue(p, now);
          return html`<li
            tabindex="0"
            @click=${() => this.select(p.service_request_id)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.select(p.service_request_id);
              }
            }}
          >
            <span class="swatch" style=${`background:${STAGE_COLORS[p.stage]}`}></span>
            <span class="name">${p.service_name}${p.address ? ` · ${p.address}` : ''}</span>
            <span class="meta ${overdue ? 'overdue' : ''}">${overdue ? t.overdue : (t.stages[p.stage] ?? p.stage)}</span>
          </li>`;
        })}
        ${newest.length > visible.length ? html`<li aria-disabled="true">${t.more(newest.length - visible.length)}</li>` : null}
      </ul>
    </details>`;
  }

  private nowMs(): number {
    return time(this.now) ?? Date.now();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-issue-layer': WgIssueLayer;
  }
}
