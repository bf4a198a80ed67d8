import type { Position } from 'geojson';
import type { MapAdapter } from './adapter.ts';

/** One row of a popup: a label and a value, both shown as text. */
export type PopupRow = [label: string, value: string, className?: string];

/**
 * Opens a popup whose content is built with DOM text nodes only (never HTML), so resident text
 * such as an issue description can hold `<script>` and stay harmless.
 */
export function openTextPopup(map: MapAdapter, at: Position, title: string, rows: PopupRow[]): void {
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
  map.popup(at, box); // one popup at a time
}
