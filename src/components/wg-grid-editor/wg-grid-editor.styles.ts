import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    color: var(--wg-panel-color, #1f2933);
    font-size: 0.875rem;
    --wg-grid-under: #6baed6;
    --wg-grid-inside: #74c476;
    --wg-grid-over: #f16913;
    --wg-grid-selected: #7a0177;
    --wg-editor-preview: #1a56db;
  }
  .panel {
    background: var(--wg-panel-background, rgba(255, 255, 255, 0.96));
    border-radius: 6px;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
    padding: 0.5rem;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 0.9375rem;
  }
  h3 {
    font-size: 0.875rem;
    color: var(--wg-muted, #3e4c59);
  }
  .band {
    color: var(--wg-muted, #3e4c59);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    align-items: center;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
  }
  button {
    border: 1px solid #9aa5b1;
    background: #fff;
    color: inherit;
    border-radius: 4px;
    padding: 0.125rem 0.5rem;
    cursor: pointer;
  }
  button:disabled {
    color: #616e7c;
    background: #f5f7fa;
    cursor: default;
  }
  button.primary {
    background: #1a56db;
    border-color: #1a56db;
    color: #fff;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  li:focus-visible {
    outline: 2px solid var(--wg-focus, #1a56db);
    outline-offset: 1px;
  }
  input[type='number'] {
    width: 3.5rem;
  }
  textarea {
    width: 100%;
    min-height: 3.5rem;
  }
  fieldset {
    border: 1px solid #d9e2ec;
    border-radius: 4px;
    margin: 0;
    padding: 0.25rem 0.5rem;
  }
  legend {
    padding: 0 0.25rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul[role='listbox'] {
    max-height: 18rem;
    overflow: auto;
    border: 1px solid #d9e2ec;
    border-radius: 4px;
  }
  li[role='option'] {
    padding: 0.25rem 0.375rem;
    cursor: pointer;
    border-bottom: 1px solid #f0f4f8;
  }
  li[aria-selected='true'] {
    background: var(--wg-selected-background, #f3e8ff);
    box-shadow: inset 3px 0 0 var(--wg-grid-selected);
  }
  .grid-head {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }
  .swatch {
    flex: none;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    align-self: center;
  }
  .name {
    flex: 1;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta {
    color: var(--wg-muted, #3e4c59);
    font-size: 0.8125rem;
  }
  .flag {
    color: #9b1c1c;
    font-weight: 600;
  }
  .bar {
    position: relative;
    height: 0.5rem;
    background: #e4e7eb;
    border-radius: 3px;
    margin: 0.125rem 0;
  }
  .bar .fill {
    position: absolute;
    inset: 0 auto 0 0;
    border-radius: 3px;
  }
  .bar .band-zone {
    position: absolute;
    top: -2px;
    bottom: -2px;
    border-left: 1px solid #3e4c59;
    border-right: 1px solid #3e4c59;
  }
  .under {
    background: var(--wg-grid-under);
  }
  .inside {
    background: var(--wg-grid-inside);
  }
  .over {
    background: var(--wg-grid-over);
  }
  .preview {
    border: 2px dashed var(--wg-editor-preview);
    border-radius: 6px;
    padding: 0.375rem;
  }
  .totals p {
    margin: 0.125rem 0;
  }
  /* Many problems scroll inside the panel, grouped by kind; the status line stays one line. */
  .problems {
    max-height: 16rem;
    overflow: auto;
  }
  .problems ul {
    margin: 0.125rem 0 0.25rem;
    padding-left: 1rem;
  }
  .problems summary {
    cursor: pointer;
    font-weight: 600;
  }
  .problems li {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    justify-content: space-between;
    padding: 0.125rem 0;
  }
  .draft {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    align-items: center;
    padding: 0.375rem;
    border: 1px solid var(--wg-accent, #c0392b);
    border-radius: 6px;
  }
  .status {
    min-height: 1.25rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status.error {
    color: #9b1c1c;
    white-space: normal; /* an error says what is wrong and where: shown whole */
  }
  .work {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  progress {
    flex: 1;
    min-width: 0;
  }
  .work button {
    margin-left: auto;
  }
  .list-more {
    display: block;
    box-sizing: border-box;
    width: 100%;
    margin: 0.25rem 0;
  }
  .hint {
    color: var(--wg-muted, #3e4c59);
    font-size: 0.8125rem;
    margin: 0;
  }
`;
