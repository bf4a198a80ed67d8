import type { Map as MapLibreMap, LngLatLike, Popup } from 'maplibre-gl';
import { maplibregl } from './maplibre.ts';

/** One row of a popup: a label and a value, both shown as text. */
export type PopupRow = [label: string, value: string, className?: string];

const openPopups = new WeakMap<MapLibreMap, Popup>();

/**
 * Opens a popup whose content is built with DOM text nodes only (never HTML), so resident text
 * such as an issue description can hold `<script>` and stay harmless.
 */
export function openTextPopup(map: MapLibreMap, at: LngLatLike, title: string, rows: PopupRow[]): Popup {
  const box = document.createElement('div');
  box.className = 'wg-popup';
  box.setAttribute('part', 'popup'); // styled from the page as wg-map::part(popup)
  const heading = document.createElement('h3');
  heading.textContent = title;
  box.append(heading);
  for (const [label, value, className] of rows) {
    if (!value) continue;
    const p = document.createElement('p');
    if (className) p.className = className;
    const strong = document.createElement('strong');
    strong.textContent = label ? `${label}：` : '';
    p.append(strong, document.createTextNode(value));
    box.append(p);
  }
  openPopups.get(map)?.remove(); // one popup at a time
  const popup = new maplibregl.Popup({ maxWidth: '18rem', focusAfterOpen: false })
    .setLngLat(at)
    .setDOMContent(box)
    .addTo(map);
  openPopups.set(map, popup);
  return popup;
}
