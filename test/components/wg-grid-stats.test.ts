import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgGridStats } from '../../src/components/wg-grid-stats/wg-grid-stats.ts';
import { gridRow, issues, stations } from './fixtures.ts';
import { clickAt, idle } from './map-helpers.ts';

const HOSTILE = '<img src=x onerror="window.__statsXss=1">=HYPERLINK("http://x")';

/** Three grids in a row; issues: 2 open in g1 (one overdue), 1 closed in g2; one station in g3. */
async function setup() {
  const grids = gridRow([400, 350, 300]);
  grids.features[2]!.properties.worker = HOSTILE;
  const root = await fixture<HTMLDivElement>(
    html`<div>
      <wg-map id="stats-map" style="width:600px;height:400px">
        <wg-grid-layer .data=${grids}></wg-grid-layer>
        <wg-station-layer
          .data=${stations([{ id: 's1', kind: 'post', at: [120.159, 30.272] }])}
        ></wg-station-layer>
        <wg-issue-layer
          now="2026-10-31T00:00:00Z"
          .data=${issues([
            { id: 'a', at: [120.151, 30.271], expected: '2026-10-01T00:00:00Z' },
            { id: 'b', at: [120.152, 30.272], expected: '2026-12-01T00:00:00Z' },
            { id: 'c', at: [120.155, 30.271], stage: 'closed' },
          ])}
        ></wg-issue-layer>
      </wg-map>
      <wg-grid-stats for="stats-map"></wg-grid-stats>
    </div>`,
  );
  const el = root.querySelector('wg-map')!;
  const stats = root.querySelector('wg-grid-stats')!;
  const map = await el.ready;
  await idle(map);
  await stats.updateComplete;
  return { el, map, stats, gridLayer: root.querySelector('wg-grid-layer')! };
}

const cells = (stats: WgGridStats, id: string) =>
  [...stats.shadowRoot!.querySelectorAll(`tr[data-id="${id}"] td`)].map((td) => td.textContent!.trim());

describe('wg-grid-stats', () => {
  it('shows households, open, overdue and stations per grid', async () => {
    const { stats } = await setup();
    // households, care, open, overdue, on time (– without deadline rules), patrolled (– without tracks), stations
    expect(cells(stats, 'g1').slice(2, 9)).to.deep.equal(['400', '0', '2', '1', '–', '–', '0']);
    expect(cells(stats, 'g2').slice(4, 6)).to.deep.equal(['0', '0']);
    expect(cells(stats, 'g3')[8]).to.equal('1');
  });

  it('selects the grid on the map when a row is clicked', async () => {
    const { stats, gridLayer } = await setup();
    const selected = oneEvent(gridLayer, 'wg-grid-select');
    stats.shadowRoot!.querySelector<HTMLElement>('tr[data-id="g2"]')!.click();
    expect((await selected).detail.id).to.equal('g2');
    expect(gridLayer.selected).to.equal('g2');
    await stats.updateComplete;
    expect(stats.shadowRoot!.querySelector('tr[data-id="g2"]')!.getAttribute('aria-selected')).to.equal(
      'true',
    );
  });

  it('marks the row of a grid clicked on the map', async () => {
    const { stats, map, gridLayer } = await setup();
    const selected = oneEvent(gridLayer, 'wg-grid-select');
    clickAt(map, [120.1535, 30.2735]);
    await selected;
    await stats.updateComplete;
    expect(stats.selected).to.equal('g1');
    expect(stats.shadowRoot!.querySelector('tr[data-id="g1"]')!.getAttribute('aria-selected')).to.equal(
      'true',
    );
  });

  it('sorts by a column and reverses on a second click', async () => {
    const { stats } = await setup();
    const button = stats.shadowRoot!.querySelector<HTMLButtonElement>('button[data-column="households"]')!;
    button.click();
    await stats.updateComplete;
    expect(stats.rows.map((r) => r.id)).to.deep.equal(['g1', 'g2', 'g3']);
    button.click();
    await stats.updateComplete;
    expect(stats.rows.map((r) => r.id)).to.deep.equal(['g3', 'g2', 'g1']);
    expect(
      stats.shadowRoot!.querySelector('th[aria-sort="ascending"] button')!.getAttribute('data-column'),
    ).to.equal('households');
  });

  it('follows the issue filters', async () => {
    const { stats, el } = await setup();
    const issueLayer = el.querySelector('wg-issue-layer')!;
    issueLayer.overdueOnly = true;
    await issueLayer.updateComplete;
    await stats.updateComplete;
    expect(stats.rows.find((r) => r.id === 'g1')!.open).to.equal(1);
  });

  it('exports CSV with a header and a defused formula, and shows hostile text as text', async () => {
    const { stats } = await setup();
    const csv = stats.toCsv();
    expect(csv.split('\r\n')[0]).to.equal('网格编码,网格员,户数,重点关爱,未办结,超期,按时办结,巡查覆盖,站点,站点覆盖,工作量');
    expect(csv).to.contain('"<img src=x onerror=""window.__statsXss=1"">=HYPERLINK(""http://x"")"');
    expect(stats.shadowRoot!.querySelector('img')).to.equal(null);
    expect(cells(stats, 'g3')[1]).to.equal(HOSTILE);
    expect((window as { __statsXss?: number }).__statsXss).to.equal(undefined);
  });

  it('highlights a worker above 120 % of the mean workload', async () => {
    const { stats } = await setup();
    const row = stats.rows.find((r) => r.id === 'g1')!;
    expect(row.overloaded).to.equal(true);
    expect(stats.shadowRoot!.querySelector('tr[data-id="g1"]')!.classList.contains('overloaded')).to.equal(
      true,
    );
  });
});
