/**
 * The editor loses no work: an import says what it changes and refuses what would drop households
 * or empty a grid; a split computed in the worker never undoes edits made while it ran.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridEditor } from '../../src/components/wg-grid-editor/wg-grid-editor.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import type { Plan } from '../../src/core/types.ts';
import { idle } from './map-helpers.ts';

const community = generateCommunity({ seed: 7 });
const before: Plan = {
  id: 'before',
  grids: community.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: community.assignmentBefore,
};
const BIG = '330102001-old-1';

async function setup() {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:900px;height:600px">
      <wg-grid-editor
        .units=${community.units}
        .boundary=${community.boundary}
        .plan=${before}
      ></wg-grid-editor>
    </wg-map>`,
  );
  await idle(await el.ready);
  const editor = el.querySelector('wg-grid-editor')!;
  await editor.updateComplete;
  const errors: WgErrorEvent['detail'][] = [];
  editor.addEventListener('wg-error', (e) => errors.push((e as WgErrorEvent).detail));
  return { editor, errors };
}

const snapshot = (editor: WgGridEditor) => JSON.stringify(editor.plan);

describe('wg-grid-editor import', () => {
  it('a CSV with a mistyped grid id is applied and reports the grid it creates', async () => {
    const { editor, errors } = await setup();
    const [header, first, ...rest] = editor.exportAssignmentCsv().trim().split('\n');
    const typo = `${first!.split(',')[0]},330102001-old-l`;
    const report = editor.import([header, typo, ...rest].join('\n'));
    expect(report).to.not.equal(false);
    if (!report) return;
    expect(report.diff.added).to.deep.equal(['330102001-old-l']);
    expect(report.dropped.units).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('a CSV covering half the buildings is refused and changes nothing', async () => {
    const { editor, errors } = await setup();
    const was = snapshot(editor);
    const lines = editor.exportAssignmentCsv().trim().split('\n');
    const half = lines.slice(0, 1 + Math.floor((lines.length - 1) / 2)).join('\n');
    expect(editor.import(half)).to.equal(false);
    expect(errors.map((e) => e.reason)).to.deep.equal(['import-drops-households']);
    expect(errors[0]!.message).to.match(/households\) without a grid/);
    expect(snapshot(editor)).to.equal(was);
  });

  it('a plan listing a grid that gets no building is refused', async () => {
    const { editor, errors } = await setup();
    const was = snapshot(editor);
    const plan = { ...before, grids: [...before.grids, { id: 'ghost', code: 'ghost' }] };
    expect(editor.import(plan)).to.equal(false);
    expect(errors.map((e) => e.reason)).to.deep.equal(['import-empties-grids']);
    expect(errors[0]!.ids).to.deep.equal(['ghost']);
    expect(snapshot(editor)).to.equal(was);
  });

  it('grid polygons where one covers another are refused (the covered grid would be emptied)', async () => {
    const { editor, errors } = await setup();
    const was = snapshot(editor);
    const grids = editor.exportGrids();
    const [a, b, ...rest] = grids.features;
    const overlapping = { ...grids, features: [a!, { ...b!, geometry: a!.geometry }, ...rest] };
    expect(editor.import(overlapping)).to.equal(false);
    expect(errors.map((e) => e.reason)[0]).to.match(/^import-(empties-grids|drops-households)$/);
    expect(snapshot(editor)).to.equal(was);
  });
});

describe('wg-grid-editor split in the worker', () => {
  it('edits made while the split runs are kept: the stale split is refused', async () => {
    const { editor, errors } = await setup();
    editor.workerThreshold = 1;
    await editor.updateComplete;
    const members = Object.entries(editor.editor!.state.assignment)
      .filter(([, g]) => g === BIG)
      .map(([u]) => u);
    const neighbour = editor.plan!.grids.find((g) => g.id !== BIG)!.id;
    const running = editor.splitGrid(BIG);
    const five = members.slice(0, 5);
    expect(editor.assignUnits(five, neighbour)).to.equal(true);
    const result = await running;
    expect(result).to.equal(null);
    expect(errors.map((e) => e.reason)).to.include('stale-split');
    for (const u of five) expect(editor.editor!.state.assignment[u]).to.equal(neighbour);
    expect(editor.acceptSplit()).to.equal(false);
    for (const u of five) expect(editor.editor!.state.assignment[u]).to.equal(neighbour);
  });
});
