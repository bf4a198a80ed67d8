import { css } from 'lit';

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
`;
