/**
 * A batch over a map adapter (see `batched`): the way a layer element builds its sources and layers.
 */
import type { FeatureCollection } from 'geojson';
import type { MapAdapter } from './adapter.ts';

/** Adapter calls that only change the map (nothing read back): a batch may hold them back. */
const DEFERRABLE = new Set([
  'addSource',
  'addLayer',
  'addImage',
  'setData',
  'setProperty',
  'setFilter',
  'setFeatureState',
  'onPointer',
  'onIdle',
  'onKey',
]);

type Spec = Record<string, unknown>;
/** A source spec `addSource` reads as an empty GeoJSON source. */
const emptyGeojson = (spec: Spec) =>
  !('type' in spec) ||
  (spec.type === 'geojson' && (spec.data as { features?: unknown[] } | undefined)?.features?.length === 0);

/**
 * An adapter that holds back what is done through it until `flush()`, so that each empty GeoJSON
 * source is added with the data set on it meanwhile: added empty and then set, MapLibre loads the
 * source twice and builds every tile of it twice (at load, all the grid and station tiles). The
 * calls run in their order; a call that reads the map flushes first, and after `flush()` every call
 * goes straight through.
 */
export function batched(map: MapAdapter): MapAdapter & { flush(): void } {
  let queue: Array<() => void> | undefined = [];
  const seeds = new Map<string, { data?: FeatureCollection }>();
  const flush = () => {
    const calls = queue ?? [];
    queue = undefined;
    for (const call of calls) call();
  };
  return new Proxy(map, {
    get(target, name) {
      if (name === 'flush') return flush;
      const value: unknown = Reflect.get(target, name);
      if (typeof value !== 'function') return value;
      const call = (args: unknown[]) => () => (value as (...a: unknown[]) => unknown).apply(target, args);
      return (...args: unknown[]) => {
        if (!queue || !DEFERRABLE.has(name as string)) {
          flush();
          return call(args)();
        }
        const [id, spec = {}] = args as [string, Spec | undefined];
        if (name === 'addSource' && emptyGeojson(spec)) {
          const seed: { data?: FeatureCollection } = {};
          seeds.set(id, seed);
          queue.push(() =>
            target.addSource(id, seed.data ? { type: 'geojson', ...spec, data: seed.data } : spec),
          );
        } else if (name === 'setData' && seeds.has(id)) seeds.get(id)!.data = args[1] as FeatureCollection;
        else queue.push(call(args));
      };
    },
  }) as MapAdapter & { flush(): void };
}
