/**
 * The district page: 720 communities, 5,040 grids, 5,040 stations — every grid coloured by its
 * household band, labels thinned by zoom. `?view=street` or `?view=community` opens zoomed in (for
 * the docs' screenshots).
 */
import '../src/define.ts';
import { generateDistrict } from './data/generate.ts';
import { addContextLayers, applyPageText } from './context.ts';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const text = {
  'zh-CN': {
    title: '西湖区 · 全区网格',
    street: '街道总览',
    summary: (c: number, g: number, h: number) =>
      `${c} 个社区 · ${g} 个网格 · ${h.toLocaleString('zh-CN')} 户`,
  },
  en: {
    title: 'Xihu district · every grid',
    street: 'Street overview',
    summary: (c: number, g: number, h: number) =>
      `${c} communities · ${g} grids · ${h.toLocaleString('en-US')} households`,
  },
}[lang];
applyPageText(lang, text);

const district = generateDistrict({ seed: 3, communities: 720, issues: 0, lang });
const map = document.querySelector('wg-map')!;
const grids = document.querySelector('wg-grid-layer')!;
const stations = document.querySelector('wg-station-layer')!;
map.lang = lang;
grids.data = district.grids;
stations.data = district.stations;
const households = district.grids.features.reduce((s, g) => s + (Number(g.properties.households) || 0), 0);
document.querySelector('#summary')!.textContent = text.summary(
  district.boundaries.length,
  district.grids.features.length,
  households,
);

void map.ready.then((ml) => {
  addContextLayers(ml, { streets: district.streets, boundaries: district.boundaries });
  // Zoomed in for the docs: a street (a block of about 20 communities) or one community, near the middle.
  const view = params.get('view');
  const middle = district.boundaries[Math.floor(district.boundaries.length / 2) + 13]!;
  const ring = middle.geometry.coordinates[0]!;
  const [cx, cy] = [
    ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
    ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
  ];
  if (view === 'street') ml.jumpTo({ center: [cx, cy], zoom: 13.6 });
  else if (view === 'community') ml.jumpTo({ center: [cx, cy], zoom: 15.6 });
});
