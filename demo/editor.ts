import { WgMap } from '../src/components/wg-map/wg-map.ts';
import { WgGridEditor } from '../src/components/wg-grid-editor/wg-grid-editor.ts';
import { WgPlanHistory } from '../src/components/wg-plan-history/wg-plan-history.ts';
import { staticPlanHistory, type PlanHistoryDocument } from '../src/core/plan-history.ts';
import { generateCommunity } from './data/generate.ts';
import { addContextLayers, applyPageText } from './context.ts';

// The editor page needs only these three tags.
WgMap.define('wg-map');
WgGridEditor.define('wg-grid-editor');
WgPlanHistory.define('wg-plan-history');

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const text = {
  'zh-CN': {
    title: '滨河社区 · 网格调整',
    overview: '返回总览',
    intro:
      '现有 3 个大网格，7 名全科社工。选中网格后点“按标准拆分”，查看预览再采用；在地图上刷楼栋微调；随时撤销。本演示不向服务器保存任何内容，下面的事件显示门户将保存什么。',
    events: '事件（门户将保存的内容）',
    change: (kind: string, moved: number, grids: number) =>
      `编辑（${kind}）：调整 ${moved} 户，现有 ${grids} 个网格`,
    commit: (added: number, moved: number) => `提交：新增 ${added} 个网格，调整 ${moved} 户`,
  },
  en: {
    title: 'Binhe community · grid editor',
    overview: 'Back to the overview',
    intro:
      'Three large grids today, seven all-round social workers. Select a grid, press "Split into the band", look at the preview and accept it; paint buildings on the map to adjust; undo at any time. This demo saves nothing to a server: the events below show what a portal would save.',
    events: 'Events (what a portal would save)',
    change: (kind: string, moved: number, grids: number) =>
      `Edit (${kind}): ${moved} households moved, ${grids} grids now`,
    commit: (added: number, moved: number) => `Commit: ${added} grids added, ${moved} households moved`,
  },
}[lang];

applyPageText(lang, text);

const community = generateCommunity({ seed: 7, lang });
const map = document.querySelector('wg-map')!;
const editor = document.querySelector('wg-grid-editor')!;
const log = document.querySelector('#events ol')!;

map.lang = lang;
editor.lang = lang;
editor.units = community.units;
editor.boundary = community.boundary;
// The "before" state: the community's three large grids.
editor.plan = {
  id: `${community.boundary.properties.code}-plan-before`,
  grids: community.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: community.assignmentBefore,
};

function note(line: string) {
  const item = document.createElement('li');
  item.textContent = line;
  log.prepend(item);
}
editor.addEventListener('wg-plan-change', (e) =>
  note(text.change(e.detail.kind, e.detail.diff.householdsMoved, e.detail.plan.grids.length)),
);
editor.addEventListener('wg-plan-commit', (e) =>
  note(text.commit(e.detail.diff.added.length, e.detail.diff.householdsMoved)),
);

// Plan history: the "before" plan, then every commit of this page (a portal would read its database
// through wangge/db; the demo keeps a static document in memory, which works offline).
const history = document.querySelector('wg-plan-history')!;
const code = community.boundary.properties.code;
const archive: PlanHistoryDocument = {
  plans: [
    { id: editor.plan!.id, community: code, effectiveFrom: '2026-01-01', author: 'demo', plan: editor.plan! },
  ],
};
history.lang = lang;
history.community = code;
history.units = community.units;
history.boundary = community.boundary;
history.source = staticPlanHistory(archive);
let commits = 0;
editor.addEventListener('wg-plan-commit', (e) => {
  const id = `${code}-plan-${++commits}`;
  const from = new Date(Date.UTC(2026, 6 + commits, 1)).toISOString().slice(0, 10); // a month apart
  archive.plans.push({
    id,
    community: code,
    effectiveFrom: from,
    author: 'demo',
    plan: { ...e.detail.plan, id },
  });
  history.source = staticPlanHistory({ plans: [...archive.plans] });
});

// Streets and the river beneath the grids, as in the overview.
void map.ready.then((ml) => addContextLayers(ml, { river: community.river, streets: community.streets }));

// `?preview=split` opens the demo mid-split (for the docs' screenshot): grid 1 split, grid 2's split previewed.
if (params.get('preview') === 'split') {
  void editor.updateComplete.then(async () => {
    const [first, second] = editor.editor!.state.grids.map((g) => g.id);
    await editor.splitGrid(first!);
    editor.acceptSplit();
    editor.select(second!);
    await editor.splitGrid(second!);
  });
}
