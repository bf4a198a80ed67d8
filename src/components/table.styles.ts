import { css } from 'lit';

/** The look of Wangge's tables of rows (`<wg-grid-stats>`, `<wg-assessment>`): one place. */
export const tableStyles = css`
  :host {
    display: block;
    font-size: 0.8125rem;
    color: var(--wg-panel-color, #1f2933);
    background: var(--wg-panel-background, #fff);
    overflow: auto;
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0;
  }
  h2 {
    font-size: 0.9375rem;
    margin: 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.25rem 0.25rem;
    text-align: right;
    white-space: nowrap;
    border-bottom: 1px solid #e4e7eb;
  }
  th:nth-child(-n + 2),
  td:nth-child(-n + 2) {
    text-align: left;
  }
  th button {
    font: inherit;
    font-weight: 600;
    border: 0;
    background: none;
    padding: 0;
    cursor: pointer;
    color: inherit;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover {
    background: #f5f7fa;
  }
  tr.overloaded {
    background: var(--wg-overloaded, #fff1e6);
  }
  tr.overloaded td.workload {
    color: #b00020;
    font-weight: 700;
  }
  tr[aria-selected='true'] {
    outline: 2px solid var(--wg-grid-selected, #7a0177);
    outline-offset: -2px;
  }
  tr:focus-visible {
    outline: 2px solid var(--wg-focus, #1a56db);
    outline-offset: -2px;
  }
  td.late {
    color: #b00020;
    font-weight: 600;
  }
  tfoot td {
    font-weight: 600;
  }
  p {
    margin: 0.375rem 0;
    color: #52606d;
  }
  p.warn {
    color: #b00020;
  }
`;
