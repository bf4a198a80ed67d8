/**
 * The `pmtiles://` protocol for vector layers, registered with MapLibre once and only when a layer
 * first uses a `pmtiles://` URL: the `pmtiles` reader is a separate chunk that other pages never load.
 */
import { maplibregl } from './maplibre.ts';

let registration: Promise<void> | undefined;
let registered = false;

/** True for a URL MapLibre can only read through the PMTiles protocol. */
export function isPmtilesUrl(url: string | undefined): boolean {
  return !!url && url.startsWith('pmtiles://');
}

/** True once the protocol is registered (a layer can then add its source at once). */
export function pmtilesRegistered(): boolean {
  return registered;
}

/** Registers the protocol with MapLibre (once; later calls return the same promise). */
export function registerPmtiles(): Promise<void> {
  registration ??= import('pmtiles').then(({ Protocol }) => {
    maplibregl.addProtocol('pmtiles', new Protocol().tile);
    registered = true;
  });
  return registration;
}
