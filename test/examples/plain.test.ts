/** The plain-HTML example: the standalone build from one `<script type="module">`, no build step. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import {
  clickGrid,
  launch,
  openPage,
  renderedBands,
  root,
  serveStatic,
  waitForGrids,
  type PageProblems,
  type StaticServer,
} from './harness.ts';

describe('demo/examples/plain (standalone build)', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async () => {
    server = await serveStatic(root);
    browser = await launch();
    ({ page, problems } = await openPage(browser, `${server.url}/demo/examples/plain/`));
    await waitForGrids(page, 'wg-map', 7);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the seven grids from a nested page URL, with MapLibre's worker found beside the script", async () => {
    const bands = await renderedBands(page);
    assert.equal(Object.keys(bands).length, 7);
    assert.deepEqual(problems.failedRequests, []);
    assert.deepEqual(problems.errors, []);
  });

  it("delivers wg-grid-select to the page's code when a grid is clicked", async () => {
    await clickGrid(page, '330102001003');
    await page.waitForFunction(() => document.querySelector('#selected')?.textContent === '第3网格', {
      timeout: 10000,
    });
  });

  it('redraws the grids when the page sets maxHouseholds', async () => {
    await page.select('#band', '450');
    await page.waitForFunction(() => document.querySelector('wg-grid-layer')?.maxHouseholds === 450);
    const bands = await renderedBands(page);
    // 482, 466, 452 and 464 households are over a 450 band; the other three stay inside.
    assert.equal(Object.values(bands).filter((band) => band === 'over').length, 4);
    assert.equal(bands['330102001001'], 'over');
    assert.equal(bands['330102001004'], 'inside');
  });
});
