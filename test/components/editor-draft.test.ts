/**
 * A planner's edits survive a reload: with `draft-key`, every edit is kept in IndexedDB; a new
 * editor with the same key offers the draft back (restore or discard); a commit removes it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridEditor } from '../../src/components/wg-grid-editor/wg-grid-editor.ts';
import { loadDraft } from '../../src/components/wg-grid-editor/draft.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import type { Plan } from '../../src/core/types.ts';
import { idle } from './map-helpers.ts';

const community = generateCommunity({ seed: 7 });
const before: Plan = {
  id: 'before',
  grids: community.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: community.assignmentBefore,
};

async function open(key: string): Promise<WgGridEditor> {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:900px;height:600px" lang="en">
      <wg-grid-editor
        draft-key=${key}
        .units=${community.units}
        .boundary=${community.boundary}
        .plan=${before}
      ></wg-grid-editor>
    </wg-map>`,
  );
  await idle(await el.ready);
  const editor = el.querySelector('wg-grid-editor') as WgGridEditor;
  await editor.updateComplete;
  return editor;
}

const until = async (ok: () => boolean | Promise<boolean>, ms = 3000) => {
  for (const t0 = performance.now(); performance.now() - t0 < ms;) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
};

const button = (editor: WgGridEditor, action: string) =>
  editor.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);

describe('wg-grid-editor draft in IndexedDB', () => {
  it('keeps every edit; a reload offers it back and restores it', async () => {
    const key = `test-${Math.random()}`;
    const first = await open(key);
    const grids = first.plan!.grids.map((g) => g.id);
    expect(first.mergeGrids(grids.slice(0, 2))).to.equal(true);
    const edited = JSON.stringify(Object.entries(first.plan!.assignment).sort());
    await until(async () => (await loadDraft(key))?.edits === 1);
    first.closest('wg-map')!.remove(); // the tab is gone

    const second = await open(key);
    await until(() => !!button(second, 'restore-draft'));
    expect(second.shadowRoot!.querySelector('.draft')!.textContent).to.contain('1 edits');
    expect(second.plan!.grids.length).to.equal(grids.length); // nothing applied until asked
    button(second, 'restore-draft')!.click();
    await second.updateComplete;
    expect(JSON.stringify(Object.entries(second.plan!.assignment).sort())).to.equal(edited);
    expect(button(second, 'restore-draft')).to.equal(null);
    second.undo(); // a restore is one undoable edit
    expect(second.plan!.grids.length).to.equal(grids.length);
  });

  it('discard drops the draft; a commit removes it; no offer when the draft equals the plan', async () => {
    const key = `test-${Math.random()}`;
    const first = await open(key);
    first.mergeGrids(first.plan!.grids.slice(0, 2).map((g) => g.id));
    await until(async () => (await loadDraft(key)) !== null);
    first.closest('wg-map')!.remove();

    const second = await open(key);
    await until(() => !!button(second, 'discard-draft'));
    button(second, 'discard-draft')!.click();
    await until(async () => (await loadDraft(key)) === null);
    second.closest('wg-map')!.remove();

    const third = await open(key);
    third.mergeGrids(third.plan!.grids.slice(0, 2).map((g) => g.id));
    await until(async () => (await loadDraft(key)) !== null);
    expect(third.commit()).to.equal(true);
    await until(async () => (await loadDraft(key)) === null);
    third.closest('wg-map')!.remove();

    const fourth = await open(key);
    await new Promise((r) => setTimeout(r, 300));
    expect(button(fourth, 'restore-draft')).to.equal(null);
  });
});
