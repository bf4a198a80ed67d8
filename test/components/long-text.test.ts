/**
 * Very long resident text stays in proportion: a 10,000-character name is labelled with its first
 * characters and an ellipsis (GeoJSON and the same rule for tiles), and a 200,000-character
 * description scrolls inside a popup of bounded height.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import { LABEL_MAX, clipExpression, clipLabel } from '../../src/map/labels.ts';
import { gridRow, issues, stations } from './fixtures.ts';
import { idle } from './map-helpers.ts';

const LONG_NAME = '长'.repeat(10_000);
const LONG_TEXT = '描述'.repeat(100_000);

describe('long text', () => {
  it('clipLabel keeps short text and cuts long text to LABEL_MAX characters with an ellipsis', () => {
    expect(clipLabel('第1网格')).to.equal('第1网格');
    const cut = clipLabel(LONG_NAME);
    expect(Array.from(cut)).to.have.length(LABEL_MAX);
    expect(cut.endsWith('…')).to.equal(true);
  });

  it('labels a 10,000-character grid and station name with LABEL_MAX characters; a 200,000-character popup scrolls', async () => {
    const grids = gridRow([400, 420]);
    grids.features[0]!.properties.name = LONG_NAME;
    const st = stations([{ id: 's1', kind: 'post', at: [120.152, 30.272], name: LONG_NAME }]);
    const is = issues([{ id: 'i1', at: [120.153, 30.272], description: LONG_TEXT }]);
    const el = await fixture<WgMap>(
      html`<wg-map style="width:700px;height:500px">
        <wg-grid-layer .data=${grids}></wg-grid-layer>
        <wg-station-layer .data=${st}></wg-station-layer>
        <wg-issue-layer .data=${is}></wg-issue-layer>
      </wg-map>`,
    );
    const map = await el.ready;
    await idle(map);
    // GeoJSON labels carry their clipped text; station names (and tiles) go through clipExpression,
    // whose evaluation test/core/labels.test.ts checks against clipLabel.
    const texts = map
      .queryRenderedFeatures()
      .filter((f) => f.layer.type === 'symbol' && typeof f.properties.text === 'string')
      .map((f) => f.properties.text as string);
    const long = texts.filter((t) => t.includes('长'));
    expect(long.length).to.equal(1);
    for (const line of long[0]!.split('\n')) expect(Array.from(line).length).to.be.at.most(LABEL_MAX);
    const stationLabel = map
      .getStyle()
      .layers.find(
        (l) =>
          l.type === 'symbol' &&
          l.id.includes('station') &&
          JSON.stringify((l.layout as Record<string, unknown> | undefined)?.['text-field']).includes('name'),
      )!;
    expect((stationLabel.layout as Record<string, unknown>)['text-field']).to.deep.equal(
      clipExpression(['to-string', ['coalesce', ['get', 'name'], '']]),
    );

    el.querySelector('wg-issue-layer')!.select('i1');
    const popup = el.shadowRoot!.querySelector<HTMLElement>('.wg-popup')!;
    expect(popup.textContent).to.contain(LONG_TEXT);
    expect(popup.getBoundingClientRect().height).to.be.at.most(0.6 * window.innerHeight + 1);
    expect(popup.scrollHeight).to.be.greaterThan(popup.clientHeight);
  });
});
