/**
 * The strict-CSP page: the standalone build under the policy a locked-down portal sends. Any inline
 * style or script, eval, blob or data URL the policy does not allow fires `securitypolicyviolation`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { launch, renderedBands, root, serveStatic, waitForGrids, type StaticServer } from './harness.ts';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:";

describe('demo/examples/csp (strict Content-Security-Policy)', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  /** Every violation so far, one line each (`directive blocked-uri source:line`), without repeats. */
  const recorded = async () => [
    ...new Set(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)),
  ];
  /**
   * Inline style *attributes* (`style-src-attr`) are reported separately below: Lit's `style=${…}`
   * attribute bindings in some elements still set them (Lit's `styleMap` sets CSSOM properties,
   * which the policy allows); everything else must be clean.
   */
  const isStyleAttribute = (line: string) => line.startsWith('style-src-attr ');

  before(async () => {
    server = await serveStatic(root, { 'content-security-policy': STRICT_CSP });
    browser = await launch();
    page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 700 });
    // Installed by DevTools before the page's scripts, so the policy does not apply to this listener.
    await page.evaluateOnNewDocument(() => {
      const seen: string[] = ((window as unknown as { violations: string[] }).violations = []);
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
      );
    });
    page.on('console', (message) => {
      // Violations are counted from the events above; the console repeats each one.
      if (message.type() === 'error' && !/Content Security Policy/.test(message.text()))
        errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.url}/demo/examples/csp/`, { waitUntil: 'load' });
    await waitForGrids(page, 'wg-map', 7);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is served with the strict policy', async () => {
    const response = await fetch(`${server.url}/demo/examples/csp/`);
    assert.equal(response.headers.get('content-security-policy'), STRICT_CSP);
  });

  it('draws the map and its grids with no script, worker, style sheet, image or eval violation', async () => {
    assert.equal(Object.keys(await renderedBands(page)).length >= 7, true);
    assert.deepEqual(
      (await recorded()).filter((line) => !isStyleAttribute(line)),
      [],
    );
    assert.deepEqual(errors, []);
  });

  it('runs the editor (a split in the partition worker, accepted) with zero violations', async () => {
    await page.waitForFunction(
      () => (document.querySelector('wg-grid-editor') as unknown as { editor?: unknown }).editor,
    );
    const grids = await page.evaluate(async () => {
      const editor = document.querySelector('wg-grid-editor')!;
      editor.workerThreshold = 0; // force the worker, the part a CSP is most likely to break
      const before = editor.editor!.state.grids.length;
      const first = editor.editor!.state.grids[0].id;
      const preview = await editor.splitGrid(first, { parts: 2 });
      const accepted = editor.acceptSplit();
      return { before, after: editor.editor!.state.grids.length, preview: !!preview, accepted };
    });
    assert.deepEqual(grids, { before: 7, after: 8, preview: true, accepted: true });
    await page.waitForFunction(() => Number(document.querySelector('#changes')?.textContent) >= 1);
    assert.deepEqual(
      (await recorded()).filter((line) => !isStyleAttribute(line)),
      [],
    );
    assert.deepEqual(errors, []);
  });

  it('sets no inline style attribute (zero securitypolicyviolation events in all)', async () => {
    assert.deepEqual(await recorded(), []);
  });
});
