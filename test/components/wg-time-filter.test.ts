import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { issues } from './fixtures.ts';

async function setup() {
  const root = await fixture<HTMLDivElement>(
    html`<div>
      <wg-map style="width:400px;height:300px">
        <wg-issue-layer
          id="tf-issues"
          .data=${issues([
            { id: 'a', at: [120.15, 30.27], requested: '2026-01-05T09:00:00+08:00' },
            { id: 'b', at: [120.151, 30.27], requested: '2026-02-01T00:30:00+08:00' },
            { id: 'c', at: [120.152, 30.27], requested: '2026-03-31T23:30:00+08:00' },
          ])}
        ></wg-issue-layer>
      </wg-map>
      <wg-time-filter for="tf-issues" interval="100"></wg-time-filter>
    </div>`,
  );
  await (root.querySelector('wg-map') as WgMap).ready;
  const filter = root.querySelector('wg-time-filter')!;
  await filter.updateComplete;
  return { filter, layer: root.querySelector('wg-issue-layer')! };
}

describe('wg-time-filter', () => {
  it('offers the months of the layer’s issues, in China Standard Time', async () => {
    const { filter } = await setup();
    expect(filter.months).to.deep.equal(['2026-01', '2026-02', '2026-03']);
  });

  it('steps the issue layer one month at a time and fires wg-time-change', async () => {
    const { filter, layer } = await setup();
    const changed = oneEvent(filter, 'wg-time-change');
    filter.next();
    expect((await changed).detail).to.deep.equal({
      from: '2026-01-01T00:00:00+08:00',
      to: '2026-02-01T00:00:00+08:00',
    });
    await layer.updateComplete;
    expect(layer.filtered.map((f) => f.properties.service_request_id)).to.deep.equal(['a']);
    filter.next();
    await filter.updateComplete;
    await layer.updateComplete;
    expect(layer.filtered.map((f) => f.properties.service_request_id)).to.deep.equal(['b']);
  });

  it('plays month by month until paused', async () => {
    const { filter } = await setup();
    filter.play();
    await oneEvent(filter, 'wg-time-change');
    const second = await oneEvent(filter, 'wg-time-change');
    filter.pause();
    expect(second.detail.from).to.equal('2026-02-01T00:00:00+08:00');
    expect(filter.playing).to.equal(false);
  });

  it('goes back to all time', async () => {
    const { filter, layer } = await setup();
    filter.value = '2026-03';
    await filter.updateComplete;
    filter.shadowRoot!.querySelectorAll('button')[3]!.click();
    await filter.updateComplete;
    await layer.updateComplete;
    expect(layer.from).to.equal(undefined);
    expect(layer.filtered).to.have.length(3);
  });
});
