import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { gridRow, issues, stations } from './fixtures.ts';

async function setup(lang: string) {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:500px;height:400px" lang=${lang}>
      <wg-grid-layer .data=${gridRow([250, 400, 600])}></wg-grid-layer>
      <wg-station-layer
        .data=${stations([{ id: 's1', kind: 'center', at: [120.15, 30.27] }])}
      ></wg-station-layer>
      <wg-issue-layer .data=${issues([{ id: 'a', at: [120.151, 30.271] }])}></wg-issue-layer>
      <wg-legend></wg-legend>
    </wg-map>`,
  );
  await el.ready;
  const legend = el.querySelector('wg-legend')!;
  await legend.updateComplete;
  return { el, legend };
}

const titles = (legend: HTMLElement) =>
  [...legend.shadowRoot!.querySelectorAll('h3')].map((h) => h.textContent);

describe('wg-legend', () => {
  it('builds one section per layer scale, in Chinese', async () => {
    const { legend } = await setup('zh-CN');
    expect(titles(legend)).to.deep.equal([
      '网格户数（标准 300–500 户）',
      '党群服务站点（1）',
      '诉求办理阶段',
    ]);
  });

  it('speaks English on an English map', async () => {
    const { legend } = await setup('en');
    expect(titles(legend)[0]).to.equal('Households per grid (band 300–500)');
  });

  it('follows a layer that switches to a heatmap and to issue load', async () => {
    const { el, legend } = await setup('zh-CN');
    const layer = el.querySelector('wg-issue-layer')!;
    layer.mode = 'heatmap';
    layer.aggregate = 'grid';
    await layer.updateComplete;
    await legend.updateComplete;
    expect(titles(legend).slice(2)).to.deep.equal(['每百户未办结诉求', '诉求热力']);
  });
});
