import '../src/define.ts';
import { generateCommunity, DEMO_NOW } from './data/generate.ts';
import { generateTracks } from './data/tracks.ts';
import { addContextLayers, applyPageText } from './context.ts';
import { messages } from '../src/i18n/messages.ts';
import type { IssueMeasure } from '../src/core/aggregate.ts';

const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
const t = messages(lang);
const text = {
  'zh-CN': {
    title: '滨河社区 · 网格总览',
    mode: '诉求显示',
    points: '点位',
    clusters: '聚合',
    heatmap: '热力图',
    colourBy: '网格着色',
    openRate: '每百户未办结',
    overdueCount: '超期诉求',
    total: '诉求总数',
    band: '户数标准',
    openOnly: '只看未办结',
    overdueOnly: '只看超期',
    coverage: '站点覆盖',
    editor: '网格调整',
    code: '网格编码',
    worker: '网格员',
    households: '户数',
    open: '未办结诉求',
    overdue: '超期诉求',
    covered: '站点覆盖',
    pick: '点击地图或表格中的网格、站点或诉求查看详情。',
  },
  en: {
    title: 'Binhe community · grid overview',
    mode: 'Issues as',
    points: 'points',
    clusters: 'clusters',
    heatmap: 'heatmap',
    colourBy: 'Colour grids by',
    openRate: 'open per 100 households',
    overdueCount: 'overdue issues',
    total: 'all issues',
    band: 'household band',
    openOnly: 'open issues only',
    overdueOnly: 'overdue only',
    coverage: 'station coverage',
    editor: 'Grid editor',
    code: 'Grid code',
    worker: 'Worker',
    households: 'Households',
    open: 'Open issues',
    overdue: 'Overdue issues',
    covered: 'Station coverage',
    pick: 'Click a grid, a station or an issue on the map or in the table for details.',
  },
}[lang];

applyPageText(lang, text);

const community = generateCommunity({ seed: 7, lang });
const map = document.querySelector('wg-map')!;
const grids = document.querySelector('wg-grid-layer')!;
const stations = document.querySelector('wg-station-layer')!;
const issues = document.querySelector('wg-issue-layer')!;
const timeFilter = document.querySelector('wg-time-filter')!;
const stats = document.querySelector('wg-grid-stats')!;
const assessment = document.querySelector('wg-assessment')!;

map.lang = lang;
timeFilter.lang = lang;
timeFilter.value = DEMO_NOW.slice(0, 7); // a supervisor opens on the current month
stats.lang = lang;
assessment.setAttribute('lang', lang);
assessment.setAttribute('now', DEMO_NOW); // the six months up to the end of the demo data
grids.data = community.grids;
grids.units = community.units;
stations.units = community.units;
stations.data = community.stations;
issues.now = DEMO_NOW; // the demo data ends here: overdue is judged then
issues.data = community.issues;
// A month of patrols ending at DEMO_NOW; coverage of the buildings per grid, stale grids outlined.
const tracks = document.querySelector('wg-track-layer')!;
tracks.units = community.units;
tracks.now = DEMO_NOW; // stale grids are judged at the end of the demo data
tracks.data = generateTracks(community.grids, community.units, { end: DEMO_NOW, days: 183 });

// The portal's own context layers (river, streets) go beneath Wangge's, through the MapLibre map itself.
void map.ready.then((ml) => addContextLayers(ml, { river: community.river, streets: community.streets }));

const modeSelect = document.querySelector<HTMLSelectElement>('#mode')!;
modeSelect.addEventListener('change', () => {
  issues.mode = modeSelect.value as typeof issues.mode;
  // The heatmap reads best month by month: start playing when it is chosen.
  if (issues.mode === 'heatmap' && !timeFilter.playing) timeFilter.play();
});
document.querySelector<HTMLSelectElement>('#colour-by')!.addEventListener('change', (event) => {
  const value = (event.target as HTMLSelectElement).value;
  grids.fill = value === 'band' ? 'band' : 'none';
  issues.aggregate = value === 'band' ? 'none' : 'grid';
  if (value !== 'band') issues.measure = value as IssueMeasure;
});
document.querySelector<HTMLInputElement>('#open-only')!.addEventListener('change', (event) => {
  issues.stages = (event.target as HTMLInputElement).checked
    ? ['reported', 'assigned', 'handling', 'verifying']
    : [];
});
document.querySelector<HTMLInputElement>('#overdue-only')!.addEventListener('change', (event) => {
  issues.overdueOnly = (event.target as HTMLInputElement).checked;
});
document.querySelector<HTMLInputElement>('#coverage')!.addEventListener('change', (event) => {
  stations.showCoverage = (event.target as HTMLInputElement).checked;
});

const details = document.querySelector('#details')!;
/** Shows a title and rows in the side panel, as text only. */
function show(title: string, rows: [string, string][]) {
  const heading = document.createElement('h2');
  heading.textContent = title;
  const list = document.createElement('dl');
  for (const [label, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
  details.replaceChildren(heading, list);
}
show(text.title, [['', text.pick]]);

grids.addEventListener('wg-grid-select', (event) => {
  const p = event.detail.properties;
  if (!p) return show(text.title, [['', text.pick]]);
  const row = stats.rows.find((r) => r.id === p.id);
  show(String(p.name ?? p.id), [
    [text.code, String(p.code ?? '')],
    [text.worker, String(p.worker ?? t.noWorker)],
    [text.households, String(row?.households ?? '')],
    [text.open, String(row?.open ?? '')],
    [text.overdue, String(row?.overdue ?? '')],
    [text.covered, row?.coverage === null || row === undefined ? '' : `${row.coverage.toFixed(0)}%`],
  ]);
});
stations.addEventListener('wg-station-select', (event) => {
  const p = event.detail.properties;
  show(p.name, [
    ['', t.stationKinds[p.kind] ?? p.kind],
    [t.services, Array.isArray(p.services) ? p.services.join('、') : String(p.services ?? '')],
    [t.hours, p.hours ?? ''],
  ]);
});
issues.addEventListener('wg-issue-select', (event) => {
  const p = event.detail.properties;
  show(p.service_name, [
    ['', t.stages[p.stage] ?? p.stage],
    ['', p.description ?? ''],
    [t.address, p.address ?? ''],
    [t.requested, p.requested_datetime.slice(0, 10)],
    [t.deadline, p.expected_datetime?.slice(0, 10) ?? ''],
  ]);
});
map.addEventListener('wg-error', (event) => console.warn('wg-error', event.detail));
