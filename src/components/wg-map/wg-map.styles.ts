import { css } from 'lit';

/** The dark scheme: the same custom properties with other values (for `theme="dark"` and `"auto"`). */
const dark = css`
  --wg-map-background: #1c2127;
  --wg-panel-background: rgba(30, 36, 43, 0.94);
  --wg-panel-color: #e4e7eb;
  --wg-muted: #9aa5b1;
  --wg-focus: #7aa2f7;
  --wg-selected-background: #4a2530;
  --wg-popup-background: #262c33;
  --wg-accent: #ff6b6b;
  color-scheme: dark;
`;

export const styles = css`
  :host {
    display: block;
    position: relative;
    min-height: 240px;
    height: 400px;
    --wg-map-background: #f3f1ec;
    --wg-panel-background: rgba(255, 255, 255, 0.94);
    --wg-panel-color: #1f2933;
    --wg-panel-width: 15rem;
    --wg-accent: #c8161d;
    --wg-muted: #52606d;
    --wg-focus: #1a56db;
    --wg-selected-background: #fde8e8;
    --wg-popup-background: #ffffff;
    color-scheme: light;
  }
  /* The dark scheme is only a different set of the same custom properties; override any of them. */
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  /* MapLibre sets its own font on the map; popups and controls use the portal's instead. */
  .maplibregl-map {
    font: inherit;
  }
  .container {
    position: absolute;
    inset: 0;
    overflow: hidden;
  }
  .map {
    position: absolute;
    inset: 0;
  }
  .panel {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    max-height: calc(100% - 1rem);
    width: var(--wg-panel-width);
    overflow: auto;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    pointer-events: none;
  }
  .panel ::slotted(*) {
    pointer-events: auto;
  }
  .fallback {
    position: absolute;
    inset: 0;
    padding: 1rem 1rem 1rem calc(var(--wg-panel-width) + 1.5rem);
    background: var(--wg-map-background);
    color: var(--wg-panel-color);
  }
  .maplibregl-popup-content {
    font: inherit;
    font-size: 0.875rem;
    color: var(--wg-panel-color);
    background: var(--wg-popup-background);
  }
  .maplibregl-popup-anchor-bottom .maplibregl-popup-tip,
  .maplibregl-popup-anchor-bottom-left .maplibregl-popup-tip,
  .maplibregl-popup-anchor-bottom-right .maplibregl-popup-tip {
    border-top-color: var(--wg-popup-background);
  }
  .maplibregl-popup-anchor-top .maplibregl-popup-tip,
  .maplibregl-popup-anchor-top-left .maplibregl-popup-tip,
  .maplibregl-popup-anchor-top-right .maplibregl-popup-tip {
    border-bottom-color: var(--wg-popup-background);
  }
  .maplibregl-popup-anchor-left .maplibregl-popup-tip {
    border-right-color: var(--wg-popup-background);
  }
  .maplibregl-popup-anchor-right .maplibregl-popup-tip {
    border-left-color: var(--wg-popup-background);
  }
  /* A 200,000-character description scrolls inside the popup instead of making it 168,000 px tall. */
  .wg-popup {
    max-height: min(20rem, 60vh);
    overflow: auto;
    overflow-wrap: anywhere;
  }
  .wg-popup h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  .wg-popup p {
    margin: 0.125rem 0;
  }
  .wg-popup .overdue {
    color: var(--wg-accent);
    font-weight: 600;
  }
  .wg-popup .soon {
    color: #b45309;
    font-weight: 600;
  }
`;
