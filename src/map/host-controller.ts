import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { mapContext, type MapClient, type MapHost } from './context.ts';

/** An element that draws on a `<wg-map>`: a layer, the editor, the plan history. */
export type MapClientElement = ReactiveControllerHost & HTMLElement & MapClient & { for?: string };

/**
 * The one way an element finds its `<wg-map>`: `for="map-id"` (looked up in the element's root, then
 * the document; waited for when the map is not parsed or upgraded yet), else the map it sits in
 * (through `@lit/context`, or its nearest `<wg-map>` ancestor when the map was upgraded after it).
 * Attaches the element as the map's client while both are connected, detaches it when either goes.
 */
export class HostMapController implements ReactiveController {
  /** The map the element draws on, or undefined. */
  map?: MapHost;
  #for?: string;
  readonly #element: MapClientElement;
  readonly #attached?: (map: MapHost) => void;
  readonly #before?: (map: MapHost) => void;

  /**
   * `before` runs when a map is found, before the element is attached to it (a layer converts its
   * data to the map's coordinates); `attached` after (the editor reports its bounds).
   */
  constructor(
    element: MapClientElement,
    hooks: { before?: (map: MapHost) => void; attached?: (map: MapHost) => void } = {},
  ) {
    this.#element = element;
    this.#before = hooks.before;
    this.#attached = hooks.attached;
    element.addController(this);
    new ContextConsumer(element, {
      context: mapContext,
      subscribe: true,
      callback: (map) => {
        if (!element.for) this.set(map);
      },
    });
  }

  hostConnected(): void {
    const element = this.#element;
    this.#for = element.for;
    if (element.for) this.#findById();
    else
      // A map upgraded after its layers misses their context request; find the parent map then.
      void customElements.whenDefined('wg-map').then(() => {
        const parent = element.closest('wg-map') as MapHost | null;
        if (!this.map && !element.for && element.isConnected && parent) this.set(parent);
      });
  }

  /** Detached and forgotten: on reconnecting, the map is found again (it may be another one). */
  hostDisconnected(): void {
    const map = this.map;
    this.map = undefined;
    map?.detachClient(this.#element);
  }

  hostUpdate(): void {
    if (this.#element.for !== this.#for && this.#element.isConnected) {
      this.#for = this.#element.for;
      if (this.#for) this.#findById();
    }
  }

  /** Sets the map (undefined: none), moving the element from the old one to it. */
  set(map: MapHost | undefined): void {
    if (map === this.map) return;
    const element = this.#element;
    this.map?.detachClient(element);
    this.map = map;
    if (map && element.isConnected) {
      this.#before?.(map);
      map.attachClient(element);
      this.#attached?.(map);
    }
    element.requestUpdate();
  }

  #findById() {
    const element = this.#element;
    const id = element.for!;
    const root = element.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(id) ?? document.getElementById(id);
    if (found && 'attachClient' in found) this.set(found as MapHost);
    else
      // The map may not be parsed or upgraded yet.
      void customElements.whenDefined('wg-map').then(() =>
        requestAnimationFrame(() => {
          const later = document.getElementById(element.for ?? '');
          if (element.isConnected && later && 'attachClient' in later) this.set(later as MapHost);
        }),
      );
  }
}
