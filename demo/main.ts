import '../src/define.ts';
import { generateCommunity, DEMO_NOW } from './data/generate.ts';
import { messages } from '../src/i18n/messages.ts';

const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
const t = messages(lang);
const text = {
  'zh-CN': { title: '滨河社区 · 网格总览', mode: '诉求显示', points: '点位', clusters: '聚合', heatmap: '热力图', openOnly: '只看未办结', editor: '网格调整', code: '网格编码', worker: '网格员', households: '户数', open: '未办结诉求', pick: '点击地图上的网格、站点或诉求查看详情。' },
  en: { title: 'Binhe community · grid overview', mode: 'Issues as', points: 'points', clusters: 'clusters', heatmap: 'heatmap', openOnly: 'open issues only', editor: 'Grid editor', code: 'Grid code', worker: 'Worker', households: 'Households', open: 'Open issues', pick: 'Click a grid, a station or an issue on the map for details.' },
}[lang];

document.documentElement.lang = lang;
document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
  node.textContent = text[node.dataset.i18n as keyof typeof text] ?? node.textContent;
});
const langLink = document.querySelector<HTMLAnchorElement>('#lang')!;
langLink.textContent = lang === 'en' ? '中文' : 'English';
langLink.href = lang === 'en' ? '?' : '?lang=en';

const community = generateCommunity({ seed: 7, lang });
const map = document.querySelector('wg-map')!;
const grids = document.querySelector('wg-grid-layer')!;
const stations = document.querySelector('wg-station-layer')!;
const issues = document.querySelector('wg-issue-layer')!;

map.lang = lang;
grids.data = community.grids;
grids.units = community.units;
stations.data = community.stations;
issues.now = DEMO_NOW; // the demo data ends here: overdue is judged then
issues.data = community.issues;

// The portal's own context layers (river, streets) go beneath Wangge's, through the MapLibre map itself.
void map.ready.then((ml) => {
  const below = ml.getStyle().layers.find((layer) => layer.id.startsWith('wg-grid'))?.id;
  ml.addSource('demo-river', { type: 'geojson', data: community.river });
  ml.addLayer({ id: 'demo-river', type: 'fill', source: 'demo-river', paint: { 'fill-color': '#a8d1ec' } }, below);
  ml.addSource('demo-streets', { type: 'geojson', data: community.streets });
  ml.addLayer(
    { id: 'demo-streets', type: 'line', source: 'demo-streets', paint: { 'line-color': '#ffffff', 'line-width': 6 } },
    below,
  );
  ml.addLayer(
    {
      id: 'demo-street-names',
      type: 'symbol',
      source: 'demo-streets',
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11 },
      paint: { 'text-color': '#7b8794', 'text-halo-color': '#fff', 'text-halo-width': 1 },
    },
    below,
  );
});

document.querySelector<HTMLSelectElement>('#mode')!.addEventListener('change', (event) => {
  issues.mode = (event.target as HTMLSelectElement).value as typeof issues.mode;
});
document.querySelector<HTMLInputElement>('#open-only')!.addEventListener('change', (event) => {
  issues.stages = (event.target as HTMLInputElement).checked ? ['reported', 'assigned', 'handling', 'verifying'] : [];
});

const aside = document.querySelector('#details')!;
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
  aside.replaceChildren(heading, list);
}
show(text.title, [['', text.pick]]);

grids.addEventListener('wg-grid-select', (event) => {
  const p = event.detail.properties;
  if (!p) return show(text.title, [['', text.pick]]);
  const open = community.issues.features.filter((f) => f.properties.grid === p.id && f.properties.stage !== 'closed').length;
  show(String(p.name ?? p.id), [
    [text.code, String(p.code ?? '')],
    [text.worker, String(p.worker ?? t.noWorker)],
    [text.households, String(grids.grids.find((g) => g.properties.id === p.id)?.properties.households ?? '')],
    [text.open, String(open)],
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
