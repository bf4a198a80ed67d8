/** Two copies of the library on one page (two portal widgets, two bundles): tag registration is guarded. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import {
  launch,
  openPage,
  renderedBands,
  root,
  serveStatic,
  waitForGrids,
  type PageProblems,
  type StaticServer,
} from './harness.ts';

describe('demo/examples/two-widgets (two copies of the standalone build)', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async () => {
    server = await serveStatic(root);
    browser = await launch();
    ({ page, problems } = await openPage(browser, `${server.url}/demo/examples/two-widgets/`));
    await waitForGrids(page, '#grids-widget', 7);
    await waitForGrids(page, '#stations-widget', 7);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('really loads the module twice', async () => {
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes('/wangge.js')),
    );
    assert.equal(new Set(scripts).size, 2);
  });

  it('throws nothing and fails no request', () => {
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.failedRequests, []);
  });

  it('draws both widgets, each with its own map', async () => {
    assert.equal(Object.keys(await renderedBands(page, '#grids-widget')).length, 7);
    assert.equal(Object.keys(await renderedBands(page, '#stations-widget')).length, 7);
    const distinct = await page.evaluate(async () => {
      const [a, b] = [...document.querySelectorAll('wg-map')];
      return (await a.ready) !== (await b.ready);
    });
    assert.equal(distinct, true);
  });

  it("keeps each widget's own language", async () => {
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll('wg-map')].map((map) =>
        map.shadowRoot?.querySelector('[part=map]')?.getAttribute('aria-label'),
      ),
    );
    assert.deepEqual(labels, ['社区网格地图', 'Community grid map']);
  });
});
