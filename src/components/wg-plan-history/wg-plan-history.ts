import { css, html, nothing, type PropertyValues } from 'lit';
import type { Feature, FeatureCollection } from 'geojson';
import type { MapAdapter } from '../../map/adapter.ts';
import { WgElement } from '../base.ts';
import type { MapClient, MapHost } from '../../map/context.ts';
import { HostMapController } from '../../map/host-controller.ts';
import { layerIds } from '../../map/ids.ts';
import type { CellGeometry } from '../../core/tessellation.ts';
import { createEditorContext, type EditorContext } from '../../core/editor/context.ts';
import { PlanEditor } from '../../core/editor/editor.ts';
import { gridsToGeoJSON } from '../../core/editor/io.ts';
import { diffStates, stateFromPlan, type EditorState, type PlanDiff } from '../../core/editor/state.ts';
import { staticPlanHistory, type PlanHistorySource, type PlanSummary } from '../../core/plan-history.ts';
import { idRecord } from '../../core/records.ts';
import type { Plan } from '../../core/types.ts';
import { WgErrorEvent } from '../../events/wg-error.ts';

let nextKey = 0;

const MESSAGES = {
  zh: {
    label: '网格方案历史',
    now: '至今',
    show: '查看',
    compare: '与所看方案比较',
    shown: '正在查看',
    empty: '没有方案。',
    moves: (a: string, b: string) => `${a} → ${b}：调整`,
    moved: (units: number, households: number) => `${units} 栋楼，${households} 户`,
    added: '新增网格',
    removed: '撤销网格',
    none: '无',
  },
  en: {
    label: 'Plan history',
    now: 'now',
    show: 'Show',
    compare: 'Compare with shown',
    shown: 'Shown',
    empty: 'No plans.',
    moves: (a: string, b: string) => `${a} → ${b}: moved`,
    moved: (units: number, households: number) => `${units} buildings, ${households} households`,
    added: 'Grids added',
    removed: 'Grids removed',
    none: 'none',
  },
};

/**
 * A community's grid plans by date: lists them, shows one on the map (its grids derived from the
 * buildings, as the editor derives them), and compares two (grids added and removed, buildings and
 * households moved, the moved buildings highlighted on the map). Reads from any backend through a
 * `PlanHistorySource` (`source`): `PlanStore` of `wangge/db` behind the portal's API, or
 * `staticPlanHistory` over a JSON file (`src`).
 *
 * @tag wg-plan-history
 * @fires wg-error - A history or a plan could not be loaded (`load-failed`).
 * @csspart panel - The list of plans and the comparison.
 */
export class WgPlanHistory extends WgElement implements MapClient {
  static override properties = {
    for: {},
    community: {},
    src: {},
    source: { attribute: false },
    units: { attribute: false },
    boundary: { attribute: false },
    lang: {},
    plans: { state: true },
    shown: { state: true },
    diff: { state: true },
  };

  static override styles = [
    WgElement.styles,
    css`
      :host {
        display: block;
      }
      .panel {
        background: var(--wg-panel-background, #fff);
        color: var(--wg-panel-color, #1f2933);
        border-radius: 8px;
        padding: 0.5rem 0.75rem;
        max-height: 24rem;
        overflow: auto;
      }
      h3 {
        margin: 0 0 0.25rem;
        font-size: 1rem;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        align-items: baseline;
        padding: 0.25rem 0;
        border-bottom: 1px solid rgba(0, 0, 0, 0.08);
      }
      li[aria-current='true'] {
        font-weight: 600;
      }
      .moves {
        margin: 0.5rem 0 0;
      }
    `,
  ];

  /** Id of a `<wg-map>` elsewhere in the page, for a history that is not its child. */
  declare for: string | undefined;
  /** The community whose plans are listed. */
  declare community: string | undefined;
  /** URL of a plan history JSON document (`staticPlanHistory`); `source` wins when both are set. */
  declare src: string | undefined;
  /** The backend: anything with `history(community)` and `plan(id)`. */
  declare source: PlanHistorySource | undefined;
  /** The community's buildings (with `id` and `households`), from which grid shapes are derived. */
  declare units: FeatureCollection | undefined;
  /** The community boundary the grids tile. */
  declare boundary: Feature<CellGeometry> | CellGeometry | undefined;
  declare lang: string;
  declare private plans: PlanSummary[];
  declare private shown: string | null;
  declare private diff: { from: string; to: string; diff: PlanDiff } | null;

  readonly #ids = layerIds('history', String(++nextKey));
  readonly #hostMap: HostMapController;
  #map?: MapAdapter;
  #context?: EditorContext;
  #cache = new Map<string, Promise<Plan | null>>();
  #token = 0;
  #drawn: { grids: FeatureCollection; moved: FeatureCollection } = {
    grids: { type: 'FeatureCollection', features: [] },
    moved: { type: 'FeatureCollection', features: [] },
  };

  constructor() {
    super();
    this.lang = '';
    this.plans = [];
    this.shown = null;
    this.diff = null;
    this.#hostMap = new HostMapController(this);
  }

  get #host(): MapHost | undefined {
    return this.#hostMap.map;
  }

  get #t() {
    return (this.lang || this.#host?.lang || '').startsWith('en') ? MESSAGES.en : MESSAGES.zh;
  }

  #fromSrc?: { src: string; source: PlanHistorySource };

  #source(): PlanHistorySource | undefined {
    if (this.source) return this.source;
    if (!this.src) return undefined;
    if (this.#fromSrc?.src !== this.src)
      this.#fromSrc = { src: this.src, source: staticPlanHistory(this.src) };
    return this.#fromSrc.source;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('units') || changed.has('boundary')) {
      this.#context = undefined;
      if (this.units)
        try {
          this.#context = createEditorContext(this.units as never, { boundary: this.boundary });
        } catch (error) {
          this.#fail(`the units cannot be used: ${String(error)}`);
        }
    }
    if (changed.has('source') || changed.has('src')) this.#cache.clear();
    if (changed.has('community') || changed.has('source') || changed.has('src')) void this.#loadHistory();
  }

  async #loadHistory() {
    const token = ++this.#token;
    const source = this.#source();
    this.shown = null;
    this.diff = null;
    this.#draw(null, null);
    if (!source || !this.community) {
      this.plans = [];
      return;
    }
    try {
      const plans = await source.history(this.community);
      if (token === this.#token) this.plans = plans;
    } catch (error) {
      if (token === this.#token)
        this.#fail(`the plan history of ${this.community} could not be loaded: ${String(error)}`);
    }
  }

  #plan(id: string): Promise<Plan | null> {
    let found = this.#cache.get(id);
    if (!found) {
      found = this.#source()?.plan(id) ?? Promise.resolve(null);
      this.#cache.set(id, found);
    }
    return found;
  }

  #state(plan: Plan): EditorState {
    const known = this.#context!.households;
    return stateFromPlan({
      ...plan,
      assignment: idRecord(Object.entries(plan.assignment).filter(([u]) => known.has(u))),
    });
  }

  /** Shows plan `id` on the map (its grids derived from the buildings). */
  async show(id: string): Promise<boolean> {
    const token = ++this.#token;
    try {
      const plan = await this.#plan(id);
      if (token !== this.#token) return false;
      if (!plan) throw new Error(`there is no plan ${id}`);
      this.shown = id;
      this.diff = null;
      if (this.#context) this.#draw(this.#state(plan), null);
      return true;
    } catch (error) {
      this.#fail(String(error instanceof Error ? error.message : error));
      return false;
    }
  }

  /** Compares plan `from` with plan `to`: shows `to`, lists what changed, highlights the moved buildings. */
  async compare(from: string, to: string): Promise<PlanDiff | null> {
    const token = ++this.#token;
    try {
      const [a, b] = await Promise.all([this.#plan(from), this.#plan(to)]);
      if (token !== this.#token) return null;
      if (!a || !b) throw new Error(`there is no plan ${!a ? from : to}`);
      if (!this.#context) throw new Error('comparing needs the units');
      const before = this.#state(a);
      const after = this.#state(b);
      const diff = diffStates(before, after, this.#context.households);
      this.shown = to;
      this.diff = { from, to, diff };
      this.#draw(after, before);
      return diff;
    } catch (error) {
      this.#fail(String(error instanceof Error ? error.message : error));
      return null;
    }
  }

  #fail(message: string) {
    this.dispatchEvent(
      new WgErrorEvent({
        reason: 'load-failed',
        message: `<wg-plan-history>: ${message}`,
        source: 'wg-plan-history',
      }),
    );
  }

  // ── Map ───────────────────────────────────────────────────────────────────

  #draw(state: EditorState | null, before: EditorState | null) {
    const context = this.#context;
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    if (!state || !context) this.#drawn = { grids: empty, moved: empty };
    else {
      const shapes = new PlanEditor(context, state, { minHouseholds: 0, maxHouseholds: Infinity }).shapes();
      const grids = gridsToGeoJSON(state, context.households, shapes);
      const moved: Feature[] = [];
      if (before)
        for (const u of context.unitIds) {
          if (before.assignment[u] === state.assignment[u]) continue;
          const site = context.sites[context.index.get(u)!];
          if (site)
            moved.push({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: site },
              properties: { id: u },
            });
        }
      this.#drawn = { grids, moved: { type: 'FeatureCollection', features: moved } };
      if (grids.features.length) {
        let w = Infinity,
          s = Infinity,
          e = -Infinity,
          n = -Infinity;
        for (const site of context.sites) {
          if (!site) continue;
          w = Math.min(w, site[0]!);
          s = Math.min(s, site[1]!);
          e = Math.max(e, site[0]!);
          n = Math.max(n, site[1]!);
        }
        this.#host?.reportBounds(this, [w, s, e, n]);
      }
    }
    this.#push();
  }

  #push() {
    const map = this.#map;
    map?.setData(this.#ids.source, this.#drawn.grids);
    map?.setData(`${this.#ids.source}-moved`, this.#drawn.moved);
  }

  mapAttached(map: MapAdapter): void {
    this.#map = map;
    const b = this.#ids.source;
    map.addSource(b);
    map.addSource(`${b}-moved`);
    map.addLayer({
      id: this.#ids.fill,
      type: 'fill',
      source: b,
      paint: { 'fill-color': '#74c476', 'fill-opacity': 0.25 },
    });
    map.addLayer({
      id: this.#ids.line,
      type: 'line',
      source: b,
      paint: { 'line-color': '#1f2933', 'line-width': 1.5 },
    });
    map.addLayer({
      id: this.#ids.label,
      type: 'symbol',
      source: b,
      layout: {
        'text-field': [
          'concat',
          ['to-string', ['coalesce', ['get', 'name'], ['get', 'code']]],
          '\n',
          ['to-string', ['get', 'households']],
        ],
        'text-font': ['sans-serif'],
        'text-size': 12,
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
    });
    map.addLayer({
      id: this.#ids.circle,
      type: 'circle',
      source: `${b}-moved`,
      paint: {
        'circle-radius': 6,
        'circle-color': '#d62728',
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1.5,
      },
    });
    this.#push();
  }

  mapDetached(): void {
    this.#map?.remove();
    this.#map = undefined;
  }

  hostChanged(): void {
    this.requestUpdate();
  }

  // ── Panel ─────────────────────────────────────────────────────────────────

  override render() {
    const t = this.#t;
    const diff = this.diff;
    const list = (ids: string[]) => (ids.length ? ids.join(', ') : t.none);
    return html`<section class="panel" part="panel" aria-label=${t.label}>
      <h3>${t.label}${this.community ? ` · ${this.community}` : ''}</h3>
      ${
        this.plans.length === 0
          ? html`<p>${t.empty}</p>`
          : html`<ol>
              ${[...this.plans].reverse().map(
                (p) =>
                  html`<li aria-current=${this.shown === p.id ? 'true' : 'false'}>
                    <span>${p.effectiveFrom} – ${p.effectiveTo ?? t.now}</span>
                    <span>${p.id}</span>
                    ${p.author ? html`<span>${p.author}</span>` : nothing}
                    ${p.note ? html`<span>${p.note}</span>` : nothing}
                    <button
                      data-action="show"
                      ?disabled=${this.shown === p.id}
                      @click=${() => this.show(p.id)}
                    >
                      ${t.show}
                    </button>
                    ${
                      this.shown && this.shown !== p.id
                        ? html`<button data-action="compare" @click=${() => this.compare(p.id, this.shown!)}>
                            ${t.compare}
                          </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ol>`
      }
      ${
        diff
          ? html`<div class="moves" role="status">
              <p>${t.added}: ${list(diff.diff.added)}</p>
              <p>${t.removed}: ${list(diff.diff.removed)}</p>
              <p>
                ${t.moves(diff.from, diff.to)}
                ${t.moved(
                  diff.diff.moves.reduce((s, m) => s + m.units, 0),
                  diff.diff.householdsMoved,
                )}
              </p>
              <ul>
                ${diff.diff.moves.map((m) => html`<li>${m.from ?? '—'} → ${m.to ?? '—'}: ${t.moved(m.units, m.households)}</li>`)}
              </ul>
            </div>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-plan-history': WgPlanHistory;
  }
}
