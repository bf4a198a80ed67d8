/**
 * One suite for the React and Vue examples: each is built with its own Vite config (as its authors
 * would), served statically from a nested URL, and driven in Chromium like a user would.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'vite';
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

export function frameworkExampleSuite(name: 'react' | 'vue', title: string): void {
  describe(`demo/examples/${name} (${title} on the library build)`, () => {
    let server: StaticServer;
    let browser: Browser;
    let page: Page;
    let problems: PageProblems;

    before(async () => {
      await build({ configFile: `${root}demo/examples/${name}/vite.config.ts`, logLevel: 'error' });
      server = await serveStatic(root);
      browser = await launch();
      ({ page, problems } = await openPage(browser, `${server.url}/dist/examples/${name}/`));
      await waitForGrids(page, 'wg-map', 7);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('renders the grids passed as a property, with no error and no failed request', async () => {
      assert.equal(Object.keys(await renderedBands(page)).length, 7);
      assert.deepEqual(problems.failedRequests, []);
      assert.deepEqual(problems.errors, []);
    });

    it("delivers wg-grid-select to the app's handler, which re-renders with the grid", async () => {
      await clickGrid(page, '330102001005');
      await page.waitForFunction(() => document.querySelector('#selected')?.textContent === '第5网格 (430)', {
        timeout: 10000,
      });
    });

    it("redraws the map when the app's state sets maxHouseholds", async () => {
      await page.select('#band', '450');
      await page.waitForFunction(() => document.querySelector('wg-grid-layer')?.maxHouseholds === 450);
      const bands = await renderedBands(page);
      assert.equal(Object.values(bands).filter((band) => band === 'over').length, 4);
      assert.equal(bands['330102001005'], 'inside');
    });

    it("switches the map's language when the app sets lang", async () => {
      const label = () =>
        page.evaluate(() =>
          document
            .querySelector('wg-map')
            ?.shadowRoot?.querySelector('[part=map]')
            ?.getAttribute('aria-label'),
        );
      assert.equal(await label(), '社区网格地图');
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('wg-map')?.lang === 'en');
      assert.equal(await label(), 'Community grid map');
    });
  });
}
