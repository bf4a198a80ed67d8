/**
 * Layers on a PMTiles archive on a plain static host (byte ranges, no tile server): the demo
 * community's grids cut into MVT tiles and packed by test/tiles/pmtiles-writer.ts, read through the
 * `pmtiles://` protocol by the standalone build in Chromium.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { bytesToHeader } from 'pmtiles';
import { clickGrid, launch, openPage, root, serveStatic, type PageProblems, type StaticServer } from '../examples/harness.ts';
import { generateCommunity } from '../../demo/data/generate.ts';
import { writePmtiles } from './pmtiles-writer.ts';

const community = generateCommunity({ seed: 7 });
const ARCHIVE = '/dist/test-tiles/community.pmtiles';

/** The grids MapLibre has drawn from the archive, by id, once the map is idle. */
function drawnGrids(page: Page): Promise<Record<string, Record<string, unknown>>> {
  return page.evaluate(async () => {
    const map = document.querySelector('wg-map') as HTMLElement & { ready: Promise<unknown> };
    const ml = (await map.ready) as {
      getStyle(): { layers: { id: string }[] };
      queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
      once(type: string, listener: () => void): void;
      triggerRepaint(): void;
    };
    await new Promise<void>((resolve) => {
      ml.once('idle', () => resolve());
      ml.triggerRepaint();
    });
    const layers = ml.getStyle().layers.filter((l) => /^wg-grid-\d+-fill$/.test(l.id)).map((l) => l.id);
    return Object.fromEntries(ml.queryRenderedFeatures({ layers }).map((f) => [String(f.properties.id), f.properties]));
  });
}

describe('vector tiles from a PMTiles archive (pmtiles://)', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: PageProblems;

  before(async () => {
    const archive = writePmtiles(
      { grids: community.grids },
      { minZoom: 12, maxZoom: 16, bounds: [120.14, 30.26, 120.17, 30.29] },
    );
    mkdirSync(join(root, 'dist/test-tiles'), { recursive: true });
    writeFileSync(join(root, ARCHIVE), archive);
    server = await serveStatic(root);
    browser = await launch();
    ({ page, problems } = await openPage(browser, `${server.url}/test/tiles/pmtiles.html?archive=${ARCHIVE}`));
    await page.waitForFunction(
      async () => {
        const map = document.querySelector('wg-map') as HTMLElement & { ready: Promise<unknown> };
        const ml = (await map.ready) as {
          loaded(): boolean;
          getStyle(): { layers: { id: string }[] };
          queryRenderedFeatures(o: { layers: string[] }): unknown[];
        };
        const fills = ml.getStyle().layers.filter((l) => /^wg-grid-\d+-fill$/.test(l.id)).map((l) => l.id);
        return ml.loaded() && fills.length === 1 && ml.queryRenderedFeatures({ layers: fills }).length > 0;
      },
      { timeout: 60000, polling: 250 },
    );
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('writes an archive the pmtiles reader accepts', () => {
    const archive = writePmtiles({ grids: community.grids }, { minZoom: 14, maxZoom: 14, bounds: [120.14, 30.26, 120.17, 30.29] });
    const header = bytesToHeader(archive.buffer.slice(0, 127) as ArrayBuffer);
    assert.equal(header.specVersion, 3);
    assert.ok(header.numAddressedTiles > 0);
  });

  it('draws every grid of the community with its households from the archive', async () => {
    const drawn = await drawnGrids(page);
    const expected = Object.fromEntries(community.grids.features.map((g) => [g.properties.id, g.properties.households]));
    assert.deepEqual(
      Object.fromEntries(Object.entries(drawn).map(([id, p]) => [id, p.households])),
      expected,
    );
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.failedRequests, []);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { errors: string[] }).errors), []);
  });

  it('selects a grid of the archive with a click', async () => {
    const id = community.grids.features[3]!.properties.id;
    await clickGrid(page, id);
    const selects = await page.evaluate(() => (window as unknown as { selects: { id: string }[] }).selects);
    assert.equal(selects.at(-1)?.id, id);
  });
});
