/**
 * <wg-plan-history>: a community's plans by date from a backend (here `staticPlanHistory` over a
 * document, and the same through `src`), one shown on the map with its grids derived from the
 * buildings, two compared (grids added and removed, households moved, moved buildings drawn).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgPlanHistory } from '../../src/components/wg-plan-history/wg-plan-history.ts';
import { staticPlanHistory, type PlanHistoryDocument } from '../../src/core/plan-history.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import type { Plan } from '../../src/core/types.ts';
import { idle } from './map-helpers.ts';

const c = generateCommunity({ seed: 7 });
const v1: Plan = {
  id: 'v1',
  grids: c.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: c.assignmentBefore,
};
const v2: Plan = { id: 'v2', grids: c.plan.grids, assignment: c.plan.assignment };
const [g1, g2] = [v2.grids[0]!.id, v2.grids[1]!.id];
const moved = Object.keys(v2.assignment)
  .filter((u) => v2.assignment[u] === g1)
  .slice(0, 4);
const v3: Plan = {
  id: 'v3',
  grids: v2.grids,
  assignment: { ...v2.assignment, ...Object.fromEntries(moved.map((u) => [u, g2])) },
};
const doc: PlanHistoryDocument = {
  plans: [
    {
      id: 'v2',
      community: '330102001',
      effectiveFrom: '2026-07-01',
      author: '规划员甲',
      note: '七网格',
      plan: v2,
    },
    { id: 'v1', community: '330102001', effectiveFrom: '2026-01-01', plan: v1 },
    { id: 'v3', community: '330102001', effectiveFrom: '2026-10-01', plan: v3 },
    { id: 'x1', community: 'other', effectiveFrom: '2026-01-01', plan: v1 },
  ],
};
const householdsOf = new Map(c.units.features.map((f) => [f.properties.id, f.properties.households]));

async function setup(src?: string) {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:800px;height:600px" lang="en">
      <wg-plan-history
        community="330102001"
        src=${src ?? ''}
        .source=${src ? undefined : staticPlanHistory(doc)}
        .units=${c.units}
        .boundary=${c.boundary}
      ></wg-plan-history>
    </wg-map>`,
  );
  const map = await el.ready;
  const history = el.querySelector('wg-plan-history') as WgPlanHistory;
  for (let i = 0; i < 100 && history.shadowRoot!.querySelectorAll('li').length < 3; i++)
    await new Promise((r) => setTimeout(r, 20));
  return { map, history };
}

describe('wg-plan-history', () => {
  it('lists the community’s plans newest first, with dates chained', async () => {
    const { history } = await setup();
    const rows = [...history.shadowRoot!.querySelectorAll('ol > li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).to.have.length(3);
    expect(rows[0]).to.match(/^2026-10-01 – now v3/);
    expect(rows[1]).to.match(/^2026-07-01 – 2026-10-01 v2 规划员甲 七网格/);
    expect(rows[2]).to.match(/^2026-01-01 – 2026-07-01 v1/);
  });

  it('shows a plan on the map: its grids, derived from the buildings', async () => {
    const { map, history } = await setup();
    expect(await history.show('v1')).to.equal(true);
    await idle(map);
    const ids = map.getStyle().layers.filter((l) => l.id.startsWith('wg-history-') && l.id.endsWith('-fill'));
    const shown = new Set(
      map.queryRenderedFeatures({ layers: ids.map((l) => l.id) }).map((f) => f.properties.id),
    );
    expect([...shown].sort()).to.deep.equal(v1.grids.map((g) => g.id).sort());
  });

  it('compares two plans: moved buildings and households, drawn on the map', async () => {
    const { map, history } = await setup();
    await history.show('v3');
    const diff = (await history.compare('v2', 'v3'))!;
    expect(diff.moves.map((m) => [m.from, m.to, m.units])).to.deep.equal([[g1, g2, 4]]);
    expect(diff.householdsMoved).to.equal(moved.reduce((s, u) => s + householdsOf.get(u)!, 0));
    await history.updateComplete;
    expect(history.shadowRoot!.querySelector('.moves')!.textContent).to.contain(
      `${diff.householdsMoved} households`,
    );
    await idle(map);
    const circles = map
      .getStyle()
      .layers.filter((l) => l.id.startsWith('wg-history-') && l.id.endsWith('-circle'))
      .map((l) => l.id);
    expect(new Set(map.queryRenderedFeatures({ layers: circles }).map((f) => f.properties.id))).to.deep.equal(
      new Set(moved),
    );
    const big = (await history.compare('v1', 'v2'))!;
    expect(big.added.length).to.be.greaterThan(0);
    expect(big.removed.length).to.be.greaterThan(0);
  });

  it('reads the same from a JSON file (src), and reports one that cannot be loaded', async () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc)], { type: 'application/json' }));
    const { history } = await setup(url);
    expect(history.shadowRoot!.querySelectorAll('ol > li').length).to.equal(3);
    const errors: string[] = [];
    history.addEventListener('wg-error', (e) => errors.push((e as CustomEvent).detail.reason));
    history.src = '/no/such/history.json';
    await history.updateComplete;
    for (let i = 0; i < 50 && !errors.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(errors).to.deep.equal(['load-failed']);
  });
});
