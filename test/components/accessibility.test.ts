import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { gridRow, issues, stations } from './fixtures.ts';
import { idle } from './map-helpers.ts';

describe('accessibility', () => {
  it('has no axe violations on a map with grids, stations and issues', async () => {
    const el = await fixture<WgMap>(html`<wg-map style="width:600px;height:400px">
      <wg-grid-layer .data=${gridRow([250, 400, 620])}></wg-grid-layer>
      <wg-station-layer list-open .data=${stations([{ id: 's1', kind: 'center', at: [120.151, 30.271] }])}></wg-station-layer>
      <wg-issue-layer list-open .data=${issues([{ id: 'i1', at: [120.152, 30.272] }])}></wg-issue-layer>
    </wg-map>`);
    await idle(await el.ready);
    await expect(el).to.be.accessible();
  });
});
