/**
 * Every element's Docs page of the built Storybook (`dist/storybook`, which `npm test` builds first),
 * served statically as a newcomer opens it, loaded in Chromium: no page error, and the page shows the
 * element's API table from custom-elements.json and its stories.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

const root = fileURLToPath(new URL('../../dist/storybook/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

interface IndexEntry {
  id: string;
  type: 'docs' | 'story';
  title: string;
}
const built = existsSync(join(root, 'index.json'));
const entries: IndexEntry[] = built
  ? Object.values(
      (JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> })
        .entries,
    )
  : [];
const docs = entries.filter((e) => e.type === 'docs');

let server: Server;
let base = '';
let browser: Browser;

before(async () => {
  assert.ok(built, 'dist/storybook is not built: npm run build-storybook');
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('Storybook docs pages', () => {
  it('there is a Docs page for every element with stories', () => {
    const titles = new Set(entries.filter((e) => e.type === 'story').map((e) => e.title));
    assert.ok(titles.size > 0, 'no stories in the built Storybook');
    for (const title of titles)
      assert.ok(
        docs.some((d) => d.title === title),
        `no Docs page for ${title}`,
      );
  });

  for (const entry of docs) {
    const tag = entry.title.split('/').pop()!;
    it(`${entry.title}: renders its API table and stories, no page error`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(`${base}/iframe.html?id=${entry.id}&viewMode=docs`, {
          waitUntil: 'load',
          timeout: 60_000,
        });
        // The args table is the last thing the docs page fills in; an empty page never gets one.
        await page
          .waitForSelector('#storybook-docs .docblock-argstable', { timeout: 30_000 })
          .catch(() => undefined);
        const seen = await page.evaluate(() => {
          const docsRoot = document.querySelector('#storybook-docs');
          return {
            text: docsRoot?.textContent?.trim() ?? '',
            tables: docsRoot?.querySelectorAll('.docblock-argstable').length ?? 0,
            stories: docsRoot?.querySelectorAll('.docs-story').length ?? 0,
          };
        });
        assert.deepEqual(errors, [], `page errors on ${entry.id}`);
        assert.ok(seen.text.length > 0, `${entry.id}: the docs page is empty`);
        assert.ok(seen.text.includes(tag), `${entry.id}: the page does not name <${tag}>`);
        assert.ok(seen.tables > 0, `${entry.id}: no API table`);
        assert.ok(seen.stories > 0, `${entry.id}: no stories shown`);
      } finally {
        await page.close();
      }
    });
  }
});
