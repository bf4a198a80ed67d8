/**
 * Layers on real vector tiles: the demo district in PostgreSQL + PostGIS (a throwaway cluster), cut
 * into tiles by `ST_AsMVT` as Martin and pg_tileserv do, drawn by the standalone build in Chromium.
 * Skips (with the reason) where PostgreSQL with PostGIS cannot be installed or started.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import {
  clickGrid,
  launch,
  openPage,
  root,
  serveStatic,
  type PageProblems,
  type StaticServer,
} from '../examples/harness.ts';
import { DEMO_NOW, generateDistrict } from '../../demo/data/generate.ts';
import { buildGridIndex, countPerGrid } from '../../src/core/aggregate.ts';
import {
  ensurePostgis,
  loadDistrict,
  serveTiles,
  startCluster,
  type Cluster,
  type TileServer,
} from './postgis.ts';

const postgis = ensurePostgis();
const skip = 'skip' in postgis ? postgis.skip : false;

interface Rendered {
  id: string;
  layer: string;
  properties: Record<string, unknown>;
  color?: unknown;
}

/** Features MapLibre has drawn (after the map is idle), from the layers whose id matches `pattern`. */
function rendered(page: Page, pattern: string): Promise<Rendered[]> {
  return page.evaluate(async (source: string) => {
    const map = document.querySelector('wg-map') as HTMLElement & { ready: Promise<unknown> };
    const ml = (await map.ready) as {
      getStyle(): { layers: { id: string }[] };
      queryRenderedFeatures(options: { layers: string[] }): {
        properties: Record<string, unknown>;
        layer: { id: string; paint?: Record<string, unknown> };
      }[];
      loaded(): boolean;
      once(type: string, listener: () => void): void;
      triggerRepaint(): void;
    };
    await new Promise<void>((resolve) => {
      ml.once('idle', () => resolve());
      ml.triggerRepaint();
    });
    const layers = ml
      .getStyle()
      .layers.map((l) => l.id)
      .filter((id) => new RegExp(source).test(id));
    return ml.queryRenderedFeatures({ layers }).map((f) => ({
      id: String(f.properties.id ?? f.properties.service_request_id),
      layer: f.layer.id,
      properties: f.properties,
      color: f.layer.paint?.['fill-color'],
    }));
  }, pattern);
}

const distinct = (features: Rendered[]) => new Map(features.map((f) => [f.id, f]));

describe('vector tiles from PostGIS (ST_AsMVT)', { skip }, () => {
  const district = generateDistrict();
  let cluster: Cluster | undefined;
  let tiles: TileServer | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: PageProblems;

  before(async () => {
    cluster = await startCluster((postgis as { bin: string }).bin);
    await loadDistrict(cluster.client, district, DEMO_NOW);
    tiles = await serveTiles(cluster.connection);
    server = await serveStatic(root);
    browser = await launch();
    ({ page, problems } = await openPage(browser, `${server.url}/test/tiles/page.html?tiles=${tiles.url}`));
    await page.waitForFunction(
      async () => {
        const map = document.querySelector('wg-map') as HTMLElement & { ready: Promise<unknown> };
        const ml = (await map.ready) as {
          loaded(): boolean;
          getStyle(): { layers: { id: string }[] };
          queryRenderedFeatures(o: { layers: string[] }): unknown[];
        };
        const fills = ml.getStyle().layers.filter((l) => /^wg-(grid|issue)-\d+-(fill|circle)$/.test(l.id));
        return (
          ml.loaded() &&
          fills.length === 2 &&
          ml.queryRenderedFeatures({ layers: fills.map((l) => l.id) }).length > 0
        );
      },
      { timeout: 60000, polling: 250 },
    );
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await tiles?.close();
    await cluster?.stop();
  });

  it('draws the grids, stations and issues of the tiles, with the properties the database holds', async () => {
    const grids = distinct(await rendered(page, '^wg-grid-\\d+-fill$'));
    const issues = distinct(await rendered(page, '^wg-issue-\\d+-circle$'));
    const stations = distinct(await rendered(page, '^wg-station-\\d+-circle$'));
    assert.ok(grids.size >= 20, `${grids.size} grids drawn`);
    assert.ok(issues.size >= 200, `${issues.size} issues drawn`);
    assert.ok(stations.size >= 5, `${stations.size} stations drawn`);
    const byId = new Map(district.grids.features.map((g) => [g.properties.id, g.properties]));
    for (const [id, grid] of grids) {
      assert.equal(grid.properties.households, byId.get(id)?.households, id);
      assert.equal(grid.properties.code, byId.get(id)?.code, id);
    }
    assert.ok(tiles!.requests > 0);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.failedRequests, []);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { errors: string[] }).errors), []);
  });

  it('lists the grids of the loaded tiles', async () => {
    const listed = await page.evaluate(() =>
      [...document.querySelector('wg-grid-layer')!.shadowRoot!.querySelectorAll('li[data-id]')].map(
        (li) => (li as HTMLElement).dataset.id,
      ),
    );
    const drawn = distinct(await rendered(page, '^wg-grid-\\d+-fill$'));
    for (const id of drawn.keys()) assert.ok(listed.includes(id), `${id} is listed`);
  });

  it('fires wg-grid-select with the id and tile properties of a clicked grid, and outlines it', async () => {
    const grids = [...distinct(await rendered(page, '^wg-grid-\\d+-fill$')).values()];
    const target = grids[Math.floor(grids.length / 2)]!;
    await clickGrid(page, target.id);
    const detail = await page.waitForFunction(
      () => (window as unknown as { selects: { id: string }[] }).selects.at(-1),
      { timeout: 10000 },
    );
    const selected = (await detail.jsonValue()) as { id: string; properties: Record<string, unknown> };
    const expected = district.grids.features.find((g) => g.properties.id === target.id)!.properties;
    assert.equal(selected.id, target.id);
    assert.equal(selected.properties.households, expected.households);
    assert.equal(selected.properties.worker, expected.worker);
    assert.equal(selected.properties.name, expected.name);
    const outlined = distinct(await rendered(page, '^wg-grid-\\d+-highlight$'));
    assert.deepEqual([...outlined.keys()], [target.id]);
  });

  it('hides exactly the issues of other stages when filtered by stage', async () => {
    const before = distinct(await rendered(page, '^wg-issue-\\d+-circle$'));
    const reported = [...before.values()].filter((f) => f.properties.stage === 'reported').map((f) => f.id);
    assert.ok(reported.length > 0 && reported.length < before.size);
    await page.evaluate(() => (document.querySelector('wg-issue-layer')!.stages = ['reported']));
    const after = distinct(await rendered(page, '^wg-issue-\\d+-circle$'));
    assert.deepEqual([...after.keys()].sort(), reported.sort());
    const listed = await page.evaluate(() =>
      document.querySelector('wg-issue-layer')!.filtered.map((f) => f.properties.stage),
    );
    assert.ok(listed.length > 0 && listed.every((stage) => stage === 'reported'));
    await page.evaluate(() => (document.querySelector('wg-issue-layer')!.stages = []));
  });

  it('colours the grids by the open issues counted in PostGIS, which match the counts made in the browser', async () => {
    // The same counts the layer makes from GeoJSON: issues located in the grid polygons, open and overdue at DEMO_NOW.
    const now = Date.parse(DEMO_NOW);
    const grids = district.grids.features;
    const index = buildGridIndex(grids.map((g) => g.geometry));
    const issues = district.issues.features;
    const counts = countPerGrid(
      grids.length,
      Int32Array.from(issues, (f) => index.locate(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!)),
      new Uint8Array(issues.length).fill(1),
      Uint8Array.from(issues, (f) => (f.properties.stage === 'closed' ? 0 : 1)),
      Uint8Array.from(issues, (f) =>
        f.properties.stage !== 'closed' && Date.parse(f.properties.expected_datetime ?? '') < now ? 1 : 0,
      ),
    );
    const expected = new Map(grids.map((g, k) => [g.properties.id, counts[k]!]));
    const load = distinct(await rendered(page, '^wg-issue-\\d+-load-fill$'));
    assert.ok(load.size >= 20);
    const breaks = await page.evaluate(() => [...document.querySelector('wg-issue-layer')!.loadBreaks]);
    const layerCounts = await page.evaluate(() => [...document.querySelector('wg-issue-layer')!.gridCounts]);
    // The legend's colours, light to dark: the class colours the layer paints.
    const colors = await page.evaluate(() =>
      document
        .querySelector('wg-issue-layer')!
        .legend()[0]!
        .entries.map((entry) => entry.color),
    );
    const classes = new Set<number>();
    for (const [id, grid] of load) {
      const want = expected.get(id)!;
      assert.deepEqual(
        { total: grid.properties.total, open: grid.properties.open, overdue: grid.properties.overdue },
        { total: want.total, open: want.open, overdue: want.overdue },
        id,
      );
      let c = 0;
      while (c < breaks.length && want.open >= breaks[c]!) c++;
      classes.add(c);
      assert.equal(
        grid.color === undefined ? undefined : colorHex(grid.color),
        colors[c],
        `${id}: ${want.open} open`,
      );
    }
    assert.ok(classes.size >= 2, 'the view holds grids of more than one load class');
    assert.ok(new Map(layerCounts).size >= load.size);
  });
});

/** A MapLibre colour ({ r, g, b, a } in 0…1) as #rrggbb. */
function colorHex(color: unknown): string {
  const { r, g, b } = color as { r: number; g: number; b: number };
  return `#${[r, g, b]
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
