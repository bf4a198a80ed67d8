/**
 * The street page: a street (街道) of 20 communities and about 140 grids with their stations, a year
 * of issues and two months of patrol tracks — the supervisor's overview at street scale, with the
 * assessment per worker, and a community picker that zooms into one (`?community=CODE` opens on it).
 */
import '../src/define.ts';
import { generateDistrict, DEMO_NOW } from './data/generate.ts';
import { generateTracks } from './data/tracks.ts';
import { addContextLayers, applyPageText } from './context.ts';
import type { IssueMeasure } from '../src/core/aggregate.ts';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const text = {
  'zh-CN': {
    title: '湖滨街道 · 网格总览',
    zoomTo: '查看社区',
    wholeStreet: '全街道',
    colourBy: '网格着色',
    openRate: '每百户未办结',
    overdueCount: '超期诉求',
    band: '户数标准',
    community: '社区总览',
  },
  en: {
    title: 'Hubin street · grid overview',
    zoomTo: 'Community',
    wholeStreet: 'the whole street',
    colourBy: 'Colour grids by',
    openRate: 'open per 100 households',
    overdueCount: 'overdue issues',
    band: 'household band',
    community: 'Community overview',
  },
}[lang];

applyPageText(lang, text);

const street = generateDistrict({ seed: 11, communities: 20, issues: 7_000, lang });
const map = document.querySelector('wg-map')!;
const grids = document.querySelector('wg-grid-layer')!;
const issues = document.querySelector('wg-issue-layer')!;
const stations = document.querySelector('wg-station-layer')!;
const tracks = document.querySelector('wg-track-layer')!;
const timeFilter = document.querySelector('wg-time-filter')!;
const stats = document.querySelector('wg-grid-stats')!;
const assessment = document.querySelector('wg-assessment')!;

map.lang = lang;
timeFilter.lang = lang;
stats.lang = lang;
assessment.setAttribute('lang', lang);
assessment.setAttribute('now', DEMO_NOW);
issues.now = DEMO_NOW;
tracks.now = DEMO_NOW;
grids.data = street.grids;
grids.units = street.units;
stations.data = street.stations;
issues.data = street.issues;
tracks.units = street.units;
tracks.data = generateTracks(street.grids, street.units, { end: DEMO_NOW, days: 61 });
timeFilter.value = DEMO_NOW.slice(0, 7); // the current month

void map.ready.then((ml) => {
  addContextLayers(ml, { streets: street.streets, boundaries: street.boundaries });
  const open = params.get('community');
  if (open) zoomTo(open, false);
});

// The community picker: the whole street, or one community.
const picker = document.querySelector<HTMLSelectElement>('#community')!;
for (const b of street.boundaries) {
  const option = document.createElement('option');
  option.value = b.properties.code;
  option.textContent = b.properties.name;
  picker.append(option);
}
picker.value = params.get('community') ?? '';
picker.addEventListener('change', () => zoomTo(picker.value, true));

function zoomTo(code: string, animate: boolean) {
  const boundary = street.boundaries.find((b) => b.properties.code === code);
  void map.ready.then((ml) => {
    if (!boundary) return map.fitToData({ animate });
    const ring = boundary.geometry.coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    ml.fitBounds(
      [
        [Math.min(...xs), Math.min(...ys)],
        [Math.max(...xs), Math.max(...ys)],
      ],
      { padding: 24, animate },
    );
  });
}

document.querySelector<HTMLSelectElement>('#colour-by')!.addEventListener('change', (event) => {
  const value = (event.target as HTMLSelectElement).value;
  grids.fill = value === 'band' ? 'band' : 'none';
  issues.aggregate = value === 'band' ? 'none' : 'grid';
  if (value !== 'band') issues.measure = value as IssueMeasure;
});
map.addEventListener('wg-error', (event) => console.warn('wg-error', event.detail));
