/**
 * What the example tests share: a plain static file server over the repository (optionally sending a
 * Content-Security-Policy header, as a portal's web server would) and headless Chromium with WebGL
 * through SwiftShader, driven by puppeteer.
 */
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.pbf': 'application/x-protobuf',
  '.mvt': 'application/vnd.mapbox-vector-tile',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` over HTTP on a free port; `headers` go on every HTML response (e.g. a CSP). */
export async function serveStatic(dir: string, headers: Record<string, string> = {}): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(dir, path);
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = types[extname(file)] ?? 'application/octet-stream';
      // Byte ranges, as any static host serves them (PMTiles archives are read this way).
      const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
        response.writeHead(206, {
          'content-type': type,
          'content-range': `bytes ${start}-${end}/${body.length}`,
          'accept-ranges': 'bytes',
        });
        return void response.end(body.subarray(start, end + 1));
      }
      response.writeHead(200, { 'content-type': type, 'accept-ranges': 'bytes', ...(type.startsWith('text/html') ? headers : {}) });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function launch(): Promise<Browser> {
  return puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** Page errors, console errors and failed requests, collected for the test to assert on. */
export interface PageProblems {
  errors: string[];
  failedRequests: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  const problems: PageProblems = { errors: [], failedRequests: [] };
  page.on('pageerror', (error) => problems.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  page.on('requestfailed', (request) => problems.failedRequests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  return { page, problems };
}

/** Waits until the first `<wg-map>` (or the one matching `selector`) has drawn its grids and is idle. */
export async function waitForGrids(page: Page, selector = 'wg-map', minimum = 1): Promise<void> {
  await page.waitForFunction(
    async (sel: string, min: number) => {
      const map = document.querySelector(sel) as (HTMLElement & { ready?: Promise<unknown> }) | null;
      if (!map?.ready) return false;
      const ml = (await map.ready) as {
        loaded(): boolean;
        queryRenderedFeatures(): { properties: Record<string, unknown> }[];
      };
      if (!ml.loaded()) return false;
      return (
        ml
          .queryRenderedFeatures()
          .filter((f) => f.properties.band !== undefined && f.properties.code !== undefined).length >= min
      );
    },
    { timeout: 60000, polling: 250 },
    selector,
    minimum,
  );
}

/** Band of every drawn grid, by id, as MapLibre renders them (read from the map, not the element). */
export function renderedBands(page: Page, selector = 'wg-map'): Promise<Record<string, string>> {
  return page.evaluate(async (sel: string) => {
    const map = document.querySelector(sel) as HTMLElement & { ready: Promise<unknown> };
    const ml = (await map.ready) as {
      queryRenderedFeatures(): { properties: Record<string, unknown> }[];
      triggerRepaint(): void;
      once(type: string, listener: () => void): void;
    };
    await new Promise<void>((resolve) => {
      ml.once('idle', () => resolve());
      ml.triggerRepaint();
    });
    const bands: Record<string, string> = {};
    for (const feature of ml.queryRenderedFeatures()) {
      const { id, band, code } = feature.properties;
      if (code !== undefined && typeof band === 'string') bands[String(id)] = band;
    }
    return bands;
  }, selector);
}

/** Clicks the canvas of the map (matching `selector`) with a real mouse on a point where grid `id` is on top. */
export async function clickGrid(page: Page, id: string, selector = 'wg-map'): Promise<void> {
  const point = await page.evaluate(
    async (sel: string, gridId: string) => {
      const map = document.querySelector(sel) as HTMLElement & { ready: Promise<unknown> };
      const ml = (await map.ready) as {
        queryRenderedFeatures(
          p: [number, number],
        ): { properties: Record<string, unknown>; layer: { type: string } }[];
        getCanvas(): HTMLCanvasElement;
      };
      const rect = ml.getCanvas().getBoundingClientRect();
      // Scan the canvas for a pixel whose topmost feature is the grid's fill (not a label or a station).
      for (let y = 20; y < rect.height - 20; y += 8) {
        for (let x = 20; x < rect.width - 20; x += 8) {
          const [px, py] = [rect.left + x, rect.top + y];
          if (map.shadowRoot?.elementFromPoint(px, py) !== ml.getCanvas()) continue; // under the side panel
          const top = ml.queryRenderedFeatures([x, y])[0];
          if (top && top.layer.type === 'fill' && top.properties.id === gridId) return { x: px, y: py };
        }
      }
      throw new Error(`grid ${gridId} is not drawn`);
    },
    selector,
    id,
  );
  await page.mouse.click(point.x, point.y);
}
