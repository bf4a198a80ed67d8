/**
 * Side-panel lists of a street or district: rows are drawn only while a list is open, a page
 * (LIST_PAGE) at a time, and always down to the selected grid.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { LIST_PAGE } from '../../src/components/listbox.ts';
import { gridRow, issues, stations } from './fixtures.ts';

const N = LIST_PAGE * 2 + 50;
const rows = (el: Element) => el.shadowRoot!.querySelectorAll('li[data-id], li[tabindex]').length;
const more = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.list-more');
const details = (el: Element) => el.shadowRoot!.querySelector('details')!;

async function toggle(el: Element & { updateComplete: Promise<boolean> }, open: boolean, d = details(el)) {
  const toggled = new Promise((resolve) => d.addEventListener('toggle', resolve, { once: true }));
  d.open = open;
  await toggled;
  await el.updateComplete;
}

describe('long lists', () => {
  it('grid list: a page of rows, "list more" adds a page, the selected grid is always drawn, none while closed', async () => {
    const grids = gridRow(
      Array.from({ length: N }, (_, i) => 300 + (i % 200)),
      0.0005,
    );
    const el = await fixture<WgMap>(
      html`<wg-map style="width:600px;height:400px"><wg-grid-layer .data=${grids}></wg-grid-layer></wg-map>`,
    );
    const layer = el.querySelector('wg-grid-layer')!;
    await layer.updateComplete;
    expect(rows(layer)).to.equal(LIST_PAGE);
    expect(more(layer)!.textContent).to.contain(`${LIST_PAGE} / ${N}`);
    const first = layer.shadowRoot!.querySelector('li[data-id]')!;
    expect([first.getAttribute('aria-posinset'), first.getAttribute('aria-setsize')]).to.deep.equal([
      '1',
      `${N}`,
    ]);
    more(layer)!.click();
    await layer.updateComplete;
    await layer.updateComplete;
    expect(rows(layer)).to.equal(LIST_PAGE * 2);
    // The keyboard carries on at the first new row, the one row of the listbox in the tab order.
    const added = layer.shadowRoot!.querySelectorAll<HTMLElement>('li[data-id]')[LIST_PAGE]!;
    expect(layer.shadowRoot!.activeElement).to.equal(added);
    expect(layer.shadowRoot!.querySelectorAll('li[tabindex="0"]').length).to.equal(1);
    more(layer)!.click();
    await layer.updateComplete;
    expect(rows(layer)).to.equal(N);
    expect(more(layer)).to.equal(null);

    // A fresh layer: selecting a grid far down the list draws the rows down to it.
    const other = await fixture<WgMap>(
      html`<wg-map style="width:600px;height:400px"><wg-grid-layer .data=${grids}></wg-grid-layer></wg-map>`,
    );
    const far = other.querySelector('wg-grid-layer')!;
    await far.updateComplete;
    far.selected = `g${N - 10}`;
    await far.updateComplete;
    expect(rows(far)).to.equal(N - 10);
    expect(far.shadowRoot!.querySelector(`li[data-id="g${N - 10}"]`)!.getAttribute('tabindex')).to.equal('0');
    // Another selection near the top: the rows drawn stay (the focus may be on one of them).
    far.selected = 'g3';
    await far.updateComplete;
    expect(rows(far)).to.equal(N - 10);

    await toggle(far, false);
    expect(rows(far)).to.equal(0);
    await toggle(far, true);
    expect(rows(far)).to.equal(N - 10);
  });

  it('station list: no rows while closed; opened by the user, a page of them', async () => {
    const list = Array.from({ length: N }, (_, i) => ({
      id: `s${i}`,
      kind: 'post',
      at: [120.15 + (i % 30) * 0.001, 30.27 + Math.floor(i / 30) * 0.001] as [number, number],
    }));
    const el = await fixture<WgMap>(
      html`<wg-map style="width:600px;height:400px"
        ><wg-station-layer .data=${stations(list)}></wg-station-layer
      ></wg-map>`,
    );
    const layer = el.querySelector('wg-station-layer')!;
    await layer.updateComplete;
    expect(rows(layer)).to.equal(0);
    await toggle(layer, true);
    expect(layer.listOpen).to.equal(true);
    expect(rows(layer)).to.equal(LIST_PAGE);
    more(layer)!.click();
    await layer.updateComplete;
    expect(rows(layer)).to.equal(LIST_PAGE * 2);
  });

  it('issue list: no rows while closed; opened by the user, the newest', async () => {
    const data = issues(
      Array.from({ length: 150 }, (_, i) => ({
        id: `i${i}`,
        at: [120.15 + (i % 10) * 0.001, 30.27] as [number, number],
      })),
    );
    const el = await fixture<WgMap>(
      html`<wg-map style="width:600px;height:400px"><wg-issue-layer .data=${data}></wg-issue-layer></wg-map>`,
    );
    const layer = el.querySelector('wg-issue-layer')!;
    await layer.updateComplete;
    expect(rows(layer)).to.equal(0);
    await toggle(layer, true);
    expect(layer.listOpen).to.equal(true);
    expect(layer.shadowRoot!.querySelectorAll('li[data-id]').length).to.equal(100);
  });

  it('editor grid list: a page of rows, down to the selected grid; a long problem group draws rows once opened', async () => {
    // One building per grid on a lattice: N grids, none with a worker (N "needs a worker" problems).
    const units = {
      type: 'FeatureCollection' as const,
      features: Array.from({ length: N }, (_, i) => ({
        type: 'Feature' as const,
        geometry: {
          type: 'Point' as const,
          coordinates: [120.15 + (i % 25) * 0.001, 30.27 + Math.floor(i / 25) * 0.001],
        },
        properties: { id: `u${i}`, households: 400 },
      })),
    };
    const plan = {
      id: 'p',
      grids: units.features.map((_, i) => ({ id: `g${i}`, code: `g${i}` })),
      assignment: Object.fromEntries(units.features.map((_, i) => [`u${i}`, `g${i}`])),
    };
    const el = await fixture<WgMap>(
      html`<wg-map style="width:900px;height:600px"
        ><wg-grid-editor .units=${units} .plan=${plan}></wg-grid-editor
      ></wg-map>`,
    );
    const editor = el.querySelector('wg-grid-editor')!;
    await editor.updateComplete;
    const list = () => editor.shadowRoot!.querySelectorAll('[part="grid-list"] li[role="option"]').length;
    expect(list()).to.equal(LIST_PAGE);
    editor.select(`g${N - 5}`);
    await editor.updateComplete;
    expect(list()).to.equal(N - 4);
    const group = [...editor.shadowRoot!.querySelectorAll<HTMLDetailsElement>('.problems details')].find(
      (d) => d.querySelector('summary')!.textContent!.includes(`(${N})`),
    )!;
    expect(group.querySelectorAll('li').length).to.equal(0);
    await toggle(editor, true, group);
    expect(group.querySelectorAll('li').length).to.equal(LIST_PAGE);
  });
});
