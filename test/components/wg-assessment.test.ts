/**
 * `<wg-assessment>`: loaded on first use; per grid and per worker for a period of months — handled,
 * on time, patrol coverage and care visits (from the track layer's worker), score and trend;
 * weights, sorting, CSV, selection in sync with the map, keyboard, resident and worker text as text.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgAssessment } from '../../src/components/wg-assessment/wg-assessment.ts';
import { gridRow, issues } from './fixtures.ts';
import { idle } from './map-helpers.ts';

const HOSTILE = '<img src=x onerror="window.__assessXss=1">=1+1';
const t0 = Date.parse('2026-10-05T09:00:00+08:00');

function data() {
  const grids = gridRow([400, 350, 300]);
  grids.features[1]!.properties.worker = '社工1'; // one worker, two grids
  grids.features[2]!.properties.worker = HOSTILE;
  const list = issues([
    // g1: Oct, handled in 10 h (limit 24 h): on time. Sep: one handled late.
    { id: 'a', at: [120.151, 30.271], requested: '2026-10-03T09:00:00+08:00', stage: 'closed' },
    { id: 'b', at: [120.152, 30.272], requested: '2026-09-03T09:00:00+08:00', stage: 'closed' },
    // g2: Oct, still open.
    { id: 'c', at: [120.155, 30.271], requested: '2026-10-10T09:00:00+08:00' },
  ]);
  list.features[0]!.properties.updated_datetime = '2026-10-03T19:00:00+08:00';
  list.features[1]!.properties.updated_datetime = '2026-09-20T09:00:00+08:00';
  const units = {
    type: 'FeatureCollection' as const,
    features: [
      { id: 'u1', at: [120.151, 30.271], care: 2 },
      { id: 'u2', at: [120.153, 30.273], care: 0 },
      { id: 'u3', at: [120.156, 30.272], care: 1 },
    ].map((u) => ({
      type: 'Feature' as const,
      properties: { id: u.id, households: 30, care: u.care },
      geometry: { type: 'Point' as const, coordinates: u.at },
    })),
  };
  // 社工1 stays 10 minutes at u1 (a care household), then walks north past u2; nobody goes to g2.
  const stay = Array.from({ length: 21 }, (_, i) => [120.151 + (i % 2) * 0.00002, 30.271]);
  const walk = Array.from({ length: 16 }, (_, i) => [120.153, 30.2711 + i * 0.00014]);
  const coords = [...stay, ...walk];
  const times = [...stay.map((_, i) => t0 + i * 30_000), ...walk.map((_, i) => t0 + 700_000 + i * 10_000)];
  const tracks = {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        properties: { worker: '社工1', coordTimes: times },
        geometry: { type: 'LineString' as const, coordinates: coords },
      },
    ],
  };
  return { grids, list, units, tracks };
}

async function setup(attrs: Record<string, string> = {}) {
  const { grids, list, units, tracks } = data();
  const root = await fixture<HTMLDivElement>(
    html`<div>
      <wg-map id="assess-map" style="width:600px;height:400px">
        <wg-grid-layer .data=${grids}></wg-grid-layer>
        <wg-issue-layer now="2026-10-31T00:00:00+08:00" limits="飞线充电:24" .data=${list}></wg-issue-layer>
        <wg-track-layer .units=${units} .data=${tracks}></wg-track-layer>
      </wg-map>
    </div>`,
  );
  // Added after the page has loaded: the tag's code loads on first use.
  const table = document.createElement('wg-assessment');
  for (const [name, value] of Object.entries({
    for: 'assess-map',
    now: '2026-10-31T12:00:00+08:00',
    months: '3',
    ...attrs,
  }))
    table.setAttribute(name, value);
  root.append(table);
  await customElements.whenDefined('wg-assessment');
  const el = root.querySelector('wg-map')!;
  const map = await el.ready;
  await idle(map);
  await new Promise((r) => setTimeout(r, 100));
  await (table as WgAssessment).settled();
  return { root, table: table as WgAssessment, gridLayer: root.querySelector('wg-grid-layer')! };
}

const cells = (table: WgAssessment, id: string) =>
  [...table.shadowRoot!.querySelectorAll(`tr[data-id="${CSS.escape(id)}"] td`)].map((td) =>
    td.textContent!.trim(),
  );

describe('wg-assessment', () => {
  it('loads on first use and assesses each grid over the months', async () => {
    const { table } = await setup();
    expect(table.periodMonths).to.deep.equal(['2026-08', '2026-09', '2026-10']);
    const g1 = table.rows.find((r) => r.id === 'g1')!;
    expect(g1.handled).to.equal(2);
    expect(g1.handledRate).to.equal(100);
    expect(g1.onTime).to.equal(50);
    expect(g1.patrol).to.equal(100); // u1 and u2 walked past
    expect(g1.care).to.equal(100); // u1 is a care household with a 10-minute stay
    const g2 = table.rows.find((r) => r.id === 'g2')!;
    expect(g2.handledRate).to.equal(0);
    expect(g2.patrol).to.equal(0);
    expect(g2.care).to.equal(0);
    expect(g1.trend[0]).to.equal(0); // Aug: no issues, and not walked
    expect(g1.trend[2]).to.equal(100);
    // Columns: grid, worker, score, trend, handled, handling rate, on time, patrolled, care, per 100 hh, households.
    const row = cells(table, 'g1');
    expect(row[2]).to.equal('88');
    expect(row.slice(4)).to.deep.equal(['2', '100%', '50%', '100%', '100%', '0.5', '400']);
    const svg = table.shadowRoot!.querySelector('tr[data-id="g1"] svg')!;
    expect(svg.querySelector('polyline')).not.to.equal(null);
    expect(svg.getAttribute('aria-label')).to.contain('2026-10 100');
    // Highest score first.
    expect(table.rows[0]!.id).to.equal('g1');
  });

  it('changes the score with the weights, from the form and the attribute', async () => {
    const { table } = await setup();
    const input = table.shadowRoot!.querySelector<HTMLInputElement>('input[name="onTime"]')!;
    input.value = '0';
    input.dispatchEvent(new Event('change'));
    await table.updateComplete;
    expect(table.rows.find((r) => r.id === 'g1')!.score).to.equal(100);
    table.setAttribute('weights', 'handled:1,onTime:3,patrol:0,care:0');
    await table.updateComplete;
    expect(table.rows.find((r) => r.id === 'g1')!.score).to.equal(62.5);
  });

  it('gives one row per worker, summing the worker grids', async () => {
    const { table } = await setup({ by: 'worker' });
    const rows = table.rows;
    expect(rows.map((r) => r.id).sort()).to.deep.equal(['社工1', HOSTILE].sort());
    const worker = rows.find((r) => r.id === '社工1')!;
    expect(worker.grids).to.deep.equal(['g1', 'g2']);
    expect(worker.households).to.equal(750);
    expect(worker.handled).to.equal(2);
    expect(worker.handledRate).to.be.closeTo(66.67, 0.01); // 2 handled, 1 open
  });

  it('sorts, exports CSV with the months and keeps names as text', async () => {
    const { table } = await setup();
    table.shadowRoot!.querySelector<HTMLButtonElement>('button[data-column="households"]')!.click();
    await table.updateComplete;
    expect(table.rows.map((r) => r.households)).to.deep.equal([400, 350, 300]);
    const csv = table.toCsv().split('\r\n');
    expect(csv[0]).to.contain('2026-08,2026-09,2026-10');
    expect(table.toCsv()).to.contain(`"${HOSTILE.replace(/"/g, '""')}"`);
    expect(table.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __assessXss?: number }).__assessXss).to.equal(undefined);
  });

  it('selects the grid on the map from a row, by mouse and keyboard, and follows the map', async () => {
    const { table, gridLayer } = await setup();
    const selected = oneEvent(gridLayer, 'wg-grid-select');
    table.shadowRoot!.querySelector<HTMLElement>('tr[data-id="g2"]')!.click();
    expect((await selected).detail.id).to.equal('g2');
    await table.updateComplete;
    expect(table.shadowRoot!.querySelector('tr[data-id="g2"]')!.getAttribute('aria-selected')).to.equal(
      'true',
    );
    const first = table.shadowRoot!.querySelector<HTMLElement>('tbody tr')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    const second = table.shadowRoot!.activeElement as HTMLElement;
    expect(second).to.equal(table.shadowRoot!.querySelectorAll('tbody tr')[1]);
    const next = oneEvent(gridLayer, 'wg-grid-select');
    second.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await next).detail.id).to.equal(second.dataset.id);
    gridLayer.select('g3');
    await table.updateComplete;
    expect(table.selected).to.equal('g3');
  });

  it('refuses a bad period with a wg-error and keeps the last good one; caps a long period', async () => {
    const { table } = await setup();
    const errors: Array<{ reason: string; message: string }> = [];
    table.addEventListener('wg-error', (e) => errors.push((e as CustomEvent).detail));
    table.setAttribute('from', '2026-13');
    table.setAttribute('months', '-3');
    await table.updateComplete;
    expect(errors.map((e) => e.reason)).to.deep.equal(['invalid-attribute', 'invalid-attribute']);
    expect(errors.some((e) => e.message.includes('from="2026-13"'))).to.equal(true);
    expect(table.months).to.equal(3);
    await table.settled();
    expect(table.periodMonths).to.deep.equal(['2026-08', '2026-09', '2026-10']);
    table.setAttribute('from', '1990-01');
    await table.updateComplete;
    await table.settled();
    expect(errors.some((e) => e.reason === 'period-too-long')).to.equal(true);
    expect(table.periodMonths.length).to.equal(60);
    expect(table.periodMonths[59]).to.equal('2026-10');
  });
});
