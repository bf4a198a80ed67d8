import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { moveFocus } from './listbox.ts';
import { layersOf, mapOf } from './wg-grid-stats/map-layers.ts';

/** A table beside or inside a map (`<wg-grid-stats>`, `<wg-assessment>`), and what it is told. */
export interface MapPanel extends ReactiveControllerHost, HTMLElement {
  for?: string;
  selected: string | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Chooses a row (a grid, or a worker's grids) on the map. */
  select(id: string | null): void;
}

/**
 * What the map's tables share: they follow their map's layers (`changed` on a `wg-layer-change` of
 * one of them), keep `selected` in step with the map's grid layer, and move between rows with the
 * keys of every list (`rowKeys`: arrows, Home, End; Enter or Space chooses).
 */
export class MapPanelController implements ReactiveController {
  readonly #panel: MapPanel;
  readonly #changed: () => void;

  constructor(panel: MapPanel, changed: () => void) {
    this.#panel = panel;
    this.#changed = changed;
    panel.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('wg-layer-change', this.#onLayerChange);
    document.addEventListener('wg-grid-select', this.#onGridSelect);
  }

  hostDisconnected(): void {
    document.removeEventListener('wg-layer-change', this.#onLayerChange);
    document.removeEventListener('wg-grid-select', this.#onGridSelect);
  }

  /** The keydown handler of the table body. */
  readonly rowKeys = (event: KeyboardEvent): void => {
    const rows = [...this.#panel.renderRoot.querySelectorAll<HTMLElement>('tbody tr')];
    const row = moveFocus(event, rows);
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      this.#panel.select(row.dataset.id ?? null);
    }
  };

  #onLayerChange = (event: Event): void => {
    const map = mapOf(this.#panel);
    const target = event.target as Element & { for?: string };
    if (map && (map.contains(target) || (!!map.id && target.for === map.id))) this.#changed();
  };

  #onGridSelect = (event: Event): void => {
    if (event.target !== layersOf(mapOf(this.#panel), 'wg-grid-layer')[0]) return;
    this.#panel.selected = (event as CustomEvent<{ id: string | null }>).detail.id ?? undefined;
  };
}
