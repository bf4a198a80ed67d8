/**
 * Takes screenshots of the demo pages in headless Chromium (for docs/images and for looking at the
 * demo as a planner or supervisor would): `npm run screenshot [-- page.html out.png]`.
 */
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../test/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const [page = 'index.html', out = 'docs/images/overview.png', width = '1280', height = '800'] = process.argv.slice(2);

const server = await createServer({ configFile: `${root}vite.config.ts`, server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const address = server.httpServer!.address() as { port: number };
const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: Number(width), height: Number(height) });
  tab.on('console', (message) => console.log(`[page] ${message.type()}: ${message.text()}`));
  tab.on('pageerror', (error) => console.log(`[page error] ${String(error)}`));
  await tab.goto(`http://127.0.0.1:${address.port}/${page}`, { waitUntil: 'networkidle0', timeout: 120000 });
  await tab.evaluate(async () => {
    const map = document.querySelector('wg-map');
    if (!map) return;
    const ml = await map.ready;
    await new Promise<void>((resolve) => (ml.loaded() ? resolve() : ml.once('idle', () => resolve())));
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  await tab.screenshot({ path: `${root}${out}` });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
