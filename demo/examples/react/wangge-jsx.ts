/**
 * JSX types for Wangge's elements in React 19, which passes props to custom elements as properties and
 * `on<event-name>` props as event listeners. Copy this file into your app.
 */
import type { HTMLAttributes, Ref } from 'react';
import type {
  WgErrorEvent,
  WgGridLayer,
  WgGridSelectEvent,
  WgMap,
  WgMapReadyEvent,
  WgStationLayer,
  WgStationSelectEvent,
} from 'wangge';

/** The element's own properties (not HTMLElement's), the usual HTML attributes, a ref and event props. */
type ElementProps<E extends HTMLElement, Events> = Partial<Omit<E, keyof HTMLElement>> &
  HTMLAttributes<E> & { ref?: Ref<E>; children?: React.ReactNode } & Events;

type ErrorEvents = { 'onwg-error'?: (event: WgErrorEvent) => void };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'wg-map': ElementProps<WgMap, ErrorEvents & { 'onwg-map-ready'?: (event: WgMapReadyEvent) => void }>;
      'wg-grid-layer': ElementProps<
        WgGridLayer,
        ErrorEvents & { 'onwg-grid-select'?: (event: WgGridSelectEvent) => void }
      >;
      'wg-station-layer': ElementProps<
        WgStationLayer,
        ErrorEvents & { 'onwg-station-select'?: (event: WgStationSelectEvent) => void }
      >;
    }
  }
}
