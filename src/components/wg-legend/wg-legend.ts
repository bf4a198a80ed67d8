import { html, css } from 'lit';
import { cssom } from '../cssom.ts';
import type { CSSResultGroup } from 'lit';
import { WgElement } from '../base.ts';
import { messages } from '../../i18n/messages.ts';
import { layersOf, mapOf, type LegendSection, type LegendSource } from '../wg-grid-stats/map-layers.ts';

const LAYER_TAGS = ['wg-grid-layer', 'wg-issue-layer', 'wg-station-layer', 'wg-track-layer'] as const;

/**
 * A legend that builds itself from the map's layers and their colour scales, in the map's language.
 *
 * @tag wg-legend
 * @summary Lists what the colours on the map mean: grid band, issue load or stages, heatmap, stations, coverage.
 *
 * @csspart legend - The legend box.
 * @csspart section - One layer's part of the legend.
 *
 * @cssproperty --wg-panel-background - Background of the legend.
 * @cssproperty --wg-panel-color - Text colour of the legend.
 */
export class WgLegend extends WgElement {
  static override styles: CSSResultGroup = [
    WgElement.styles,
    css`
      :host {
        display: block;
        font-size: 0.8125rem;
        color: var(--wg-panel-color, #1f2933);
      }
      .legend {
        background: var(--wg-panel-background, rgba(255, 255, 255, 0.94));
        border-radius: 6px;
        box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
        padding: 0.375rem 0.625rem;
      }
      h3 {
        font-size: 0.8125rem;
        margin: 0.25rem 0;
      }
      ul {
        list-style: none;
        margin: 0 0 0.25rem;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.125rem 0.75rem;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.25rem;
      }
      .key {
        width: 0.875rem;
        height: 0.875rem;
        flex: none;
        border-radius: 2px;
      }
      .dot {
        border-radius: 50%;
        border: 1px solid #fff;
      }
      .ring {
        border-radius: 50%;
        border: 2.5px solid;
        background: #fff;
      }
      .line {
        height: 0;
        border-top: 2px dashed;
      }
    `,
  ];

  static override properties = { for: { reflect: true }, lang: {} };

  /** Id of the `<wg-map>` to describe; default: the `<wg-map>` the legend sits in. */
  declare for: string | undefined;
  /** UI language; default: the map's. */
  declare lang: string;

  /** The sections shown, from the map's layers in document order. */
  get sections(): LegendSection[] {
    const map = mapOf(this);
    return LAYER_TAGS.flatMap((tag) => layersOf(map, tag))
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
      .filter((layer) => !layer.hidden)
      .flatMap((layer) => (layer as unknown as LegendSource).legend());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('wg-layer-change', this.refresh);
    // Layers defined after the legend render their first state later.
    requestAnimationFrame(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('wg-layer-change', this.refresh);
  }

  override render() {
    const lang = this.lang || (mapOf(this) as (HTMLElement & { lang?: string }) | null)?.lang;
    const sections = this.sections;
    return html`<div class="legend" part="legend" role="group" aria-label=${messages(lang).legend}>
      ${sections.map(
        (section) =>
          html`<section part="section">
            <h3>${section.title}</h3>
            <ul>
              ${section.entries.map(
                (entry) =>
                  html`<li>
                    <span
                      class="key ${entry.shape ?? 'fill'}"
                      ${cssom(
                        entry.shape === 'ring' || entry.shape === 'line'
                          ? { 'border-color': entry.color }
                          : { background: entry.color },
                      )}
                      aria-hidden="true"
                    ></span
                    >${entry.label}
                  </li>`,
              )}
            </ul>
          </section>`,
      )}
    </div>`;
  }

  private refresh = (event: Event) => {
    const map = mapOf(this);
    const target = event.target as Element & { for?: string };
    if (map && (map.contains(target) || (map.id && target.for === map.id))) this.requestUpdate();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-legend': WgLegend;
  }
}
