/**
 * Large inputs (more than SLICED_ABOVE features) are ingested in time slices: the page gets turns
 * between slices, the last good data stays until the new data is accepted whole, a newer input
 * supersedes one still being read, and problems are still reported by feature.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.ts';
import type { WgMap } from '../../src/components/wg-map/wg-map.ts';
import type { WgIssueLayer } from '../../src/components/wg-issue-layer/wg-issue-layer.ts';
import { SLICED_ABOVE } from '../../src/components/layer.ts';
import type { WgErrorEvent } from '../../src/events/wg-error.ts';
import { issues } from './fixtures.ts';

const N = 3 * SLICED_ABOVE;

function many(count: number, prefix = 'n') {
  return issues(
    Array.from({ length: count }, (_, i) => ({
      id: `${prefix}${i}`,
      at: [120.1 + (i % 300) * 0.0003, 30.2 + Math.floor(i / 300) * 0.0003] as [number, number],
      requested: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
    })),
  );
}

async function setup() {
  const el = await fixture<WgMap>(
    html`<wg-map style="width:400px;height:300px">
      <wg-issue-layer now="2026-10-31T00:00:00Z" .data=${many(3, 'old')}></wg-issue-layer>
    </wg-map>`,
  );
  const layer = el.querySelector('wg-issue-layer')!;
  await layer.updateComplete;
  await el.ready;
  return layer;
}

const shownIds = (layer: WgIssueLayer) => layer.filtered.map((f) => f.properties.service_request_id);

describe('large inputs', () => {
  it('are read in slices: the page gets turns, the old data stays until the new is accepted whole', async () => {
    const layer = await setup();
    let turns = 0;
    let oldSeenDuringIngest = false;
    const beat = setInterval(() => {
      turns++;
      if (shownIds(layer).every((id) => id.startsWith('old')) && layer.filtered.length === 3)
        oldSeenDuringIngest = true;
    }, 0);
    layer.data = many(N);
    await layer.updateComplete;
    clearInterval(beat);
    expect(layer.filtered.length).to.equal(N);
    expect(turns, 'timer callbacks ran while the input was read').to.be.greaterThan(0);
    expect(oldSeenDuringIngest, 'the old issues stayed shown meanwhile').to.equal(true);
  });

  it('a newer input supersedes one still being read', async () => {
    const layer = await setup();
    layer.data = many(N);
    await new Promise((resolve) => setTimeout(resolve, 0));
    layer.data = many(2, 'new');
    await layer.updateComplete;
    // Give a superseded ingest every chance to (wrongly) land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await layer.updateComplete;
    expect(shownIds(layer).sort()).to.deep.equal(['new0', 'new1']);
  });

  it('reports bad features by id and keeps the good ones', async () => {
    const layer = await setup();
    const data = many(N);
    (data.features[7]!.properties as Record<string, unknown>).requested_datetime = 'yesterday';
    data.features[N - 1]!.geometry.coordinates = [30.2, 120.1]; // swapped
    const errors: WgErrorEvent[] = [];
    layer.addEventListener('wg-error', (e) => errors.push(e as WgErrorEvent));
    layer.data = data;
    await layer.updateComplete;
    expect(layer.filtered.length).to.equal(N - 2);
    const named = errors.flatMap((e) => e.detail.ids ?? []);
    expect(named).to.include('n7');
    expect(named).to.include(`n${N - 1}`);
  });
});
