/**
 * Opening a planner's own file in the editor: `<wg-file-open>` reads a GBK CSV of GCJ-02
 * coordinates, asks for columns it does not recognise (with a preview), lists bad rows before going
 * on without them; the editor takes the buildings; "export" writes every format.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import '../../src/define-editor.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgGridEditor } from '../../src/components/wg-grid-editor/wg-grid-editor.ts';
import type { WgFileOpen } from '../../src/components/wg-file-open/wg-file-open.ts';
import type { WgFileReadEvent } from '../../src/events/wg-file-read.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import { idle } from './map-helpers.ts';

// "楼栋,户数,经度,纬度" and three buildings, saved as GBK (what Excel on a Chinese Windows writes).
const GBK_CSV =
  'wqW2sCy7p8r9LL6ttsgszrO2yA0KMbSxLDMyMCwxMjAuMTU0NywzMC4yNjc3DQoytLEsMTgwLDEyMC4xNTU3LDMwLjI2NzcNCjO0sSwyNDAsMTIwLjE1NTIsMzAuMjY4NA0K';
const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

async function setup() {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:900px;height:600px">
      <wg-grid-editor lang="en"></wg-grid-editor>
    </wg-map>`,
  );
  await idle(await el.ready);
  const editor = el.querySelector('wg-grid-editor')!;
  await editor.updateComplete;
  const open = editor.shadowRoot!.querySelector('wg-file-open')!;
  await open.updateComplete;
  return { editor, open };
}

const part = (open: WgFileOpen, name: string) => open.shadowRoot!.querySelector(`[part=${name}]`);

describe('wg-file-open in the editor', () => {
  it('an empty editor offers to open a file; the drop zone is a button', async () => {
    const { open } = await setup();
    const drop = part(open, 'drop') as HTMLButtonElement;
    expect(drop.localName).to.equal('button');
    expect(drop.textContent).to.contain('Drop a file here');
  });

  it('reads a GBK CSV of GCJ-02 coordinates and the editor takes the buildings', async () => {
    const { editor, open } = await setup();
    open.crs = 'gcj02';
    const read = oneEvent(open, 'wg-file-read') as Promise<WgFileReadEvent>;
    await open.open([new File([bytes(GBK_CSV)], '楼栋.csv')]);
    const { detail } = await read;
    expect(detail.target).to.equal('units');
    expect(detail.features.features.map((f) => f.properties!.name)).to.deep.equal(['1幢', '2幢', '3幢']);
    const [lng, lat] = (detail.features.features[0]!.geometry as GeoJSON.Point).coordinates;
    expect(lng).to.be.closeTo(120.1547 - 0.0047, 0.0005); // GCJ-02 → WGS84 shifts ~500 m west
    expect(lat).to.be.closeTo(30.2677 + 0.0023, 0.0005);
    await new Promise((r) => setTimeout(r, 50));
    await editor.updateComplete;
    expect(editor.units?.features).to.have.length(3);
  });

  it('asks for columns it does not recognise, with a preview, then reads', async () => {
    const { open } = await setup();
    const csv = 'Building;Count;E;N\nA;300;120.15;30.27\nB;200;120.151;30.27\n';
    await open.open([new File([csv], 'odd.csv')]);
    await open.updateComplete;
    const mapping = part(open, 'mapping')!;
    expect(mapping).to.not.equal(null);
    expect([...mapping.querySelectorAll('th')].map((th) => th.textContent)).to.deep.equal([
      'Building',
      'Count',
      'E',
      'N',
    ]);
    const choose = (field: string, value: string) => {
      const select = mapping.querySelector<HTMLSelectElement>(`select[data-field=${field}]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    choose('households', 'Count');
    choose('lng', 'E');
    choose('lat', 'N');
    await open.updateComplete;
    const read = oneEvent(open, 'wg-file-read') as Promise<WgFileReadEvent>;
    (part(open, 'mapping')!.querySelector('[data-action=apply-columns]') as HTMLButtonElement).click();
    const { detail } = await read;
    expect(detail.features.features.map((f) => f.properties!.households)).to.deep.equal([300, 200]);
  });

  it('lists bad rows and goes on without them only when asked', async () => {
    const { open } = await setup();
    const csv =
      '楼栋,户数,经度,纬度\n甲,300,120.15,30.27\n乙,很多,120.15,30.27\n<img src=x onerror=alert(1)>,20,30.27,120.15\n';
    await open.open([new File([csv], 'bad.csv')]);
    await open.updateComplete;
    const problems = part(open, 'problems')!;
    expect(problems.textContent).to.contain('2 rows have problems, 1 are good');
    expect(problems.querySelector('img')).to.equal(null); // resident text is text
    const read = oneEvent(open, 'wg-file-read') as Promise<WgFileReadEvent>;
    (problems.querySelector('[data-action=use-good]') as HTMLButtonElement).click();
    const { detail } = await read;
    expect(detail.features.features).to.have.length(1);
    expect(detail.skipped).to.have.length(2);
  });

  it('exports the grids in every format', async () => {
    const community = generateCommunity({ seed: 3 });
    const el = await fixture<WgMap>(
      html`<wg-map style="width:900px;height:600px">
        <wg-grid-editor
          .units=${community.units}
          .boundary=${community.boundary}
          .grids=${community.gridsBefore}
        ></wg-grid-editor>
      </wg-map>`,
    );
    await idle(await el.ready);
    const editor = el.querySelector<WgGridEditor>('wg-grid-editor')!;
    await editor.updateComplete;
    const zip = await editor.exportFile('shapefile', 'gcj02');
    expect(zip.name).to.equal('grids.shp.zip');
    expect([...zip.bytes.subarray(0, 2)]).to.deep.equal([0x50, 0x4b]);
    const xlsx = await editor.exportFile('xlsx');
    expect([...xlsx.bytes.subarray(0, 2)]).to.deep.equal([0x50, 0x4b]);
    const csv = await editor.exportFile('csv');
    expect([...csv.bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text.split('\r\n')[0]).to.equal('code,name,worker,community,households,buildings,care');
    expect(text.split('\r\n').filter(Boolean)).to.have.length(1 + community.gridsBefore.features.length);
    const geojson = JSON.parse(new TextDecoder().decode((await editor.exportFile('geojson')).bytes));
    expect(geojson.features).to.have.length(community.gridsBefore.features.length);
  });
});
