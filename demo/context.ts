/**
 * The portal's own context layers (river, streets and their names, community boundaries), added
 * beneath Wangge's through the MapLibre map itself — as a host page would; and the page's own text
 * in its language. Shared by the demo pages.
 */
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

export function addContextLayers(
  ml: MapLibreMap,
  context: {
    river?: Feature<Polygon>;
    streets: FeatureCollection<LineString, { name: string }>;
    boundaries?: Array<Feature<Polygon, { name: string }>>;
  },
): void {
  // Above the map's background, beneath the first of Wangge's data layers (the portal's own go under ours).
  const below = ml
    .getStyle()
    .layers.find((layer) => layer.id.startsWith('wg-') && layer.type !== 'background')?.id;
  if (context.river) {
    ml.addSource('demo-river', { type: 'geojson', data: context.river });
    ml.addLayer(
      { id: 'demo-river', type: 'fill', source: 'demo-river', paint: { 'fill-color': '#a8d1ec' } },
      below,
    );
  }
  ml.addSource('demo-streets', { type: 'geojson', data: context.streets });
  ml.addLayer(
    {
      id: 'demo-streets',
      type: 'line',
      source: 'demo-streets',
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1, 16, 6] },
    },
    below,
  );
  ml.addLayer(
    {
      id: 'demo-street-names',
      type: 'symbol',
      source: 'demo-streets',
      minzoom: 15,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 11,
      },
      paint: { 'text-color': '#7b8794', 'text-halo-color': '#fff', 'text-halo-width': 1 },
    },
    below,
  );
  if (context.boundaries) {
    ml.addSource('demo-communities', {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: context.boundaries },
    });
    // Above the grids: the community lines and names are what a street supervisor reads first.
    ml.addLayer({
      id: 'demo-communities',
      type: 'line',
      source: 'demo-communities',
      paint: { 'line-color': '#3e4c59', 'line-width': 2 },
    });
    ml.addLayer({
      id: 'demo-community-names',
      type: 'symbol',
      source: 'demo-communities',
      minzoom: 11.5,
      maxzoom: 15,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 13 },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#fff', 'text-halo-width': 2 },
    });
  }
}

/** The page's `data-i18n` texts in its language (as text), and the link to the other language. */
export function applyPageText(lang: 'zh-CN' | 'en', text: Record<string, unknown>): void {
  document.documentElement.lang = lang;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    const value = text[node.dataset.i18n ?? ''];
    if (typeof value === 'string') node.textContent = value;
  });
  const link = document.querySelector<HTMLAnchorElement>('#lang');
  if (!link) return;
  link.textContent = lang === 'en' ? '中文' : 'English';
  link.href = lang === 'en' ? '?' : '?lang=en';
}
