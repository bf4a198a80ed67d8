/**
 * The editor's interaction modes against a fake map adapter and a fake editor: what a click, a
 * stroke and a lasso do, and that panning comes back after each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position } from 'geojson';
import type { MapPointer } from '../../../src/map/adapter.ts';
import { FakeAdapter } from '../../fakes/fake-adapter.ts';
import { createMode, editorKey, type ModeHost } from '../../../src/components/wg-grid-editor/modes.ts';
import { pointInRing } from '../../../src/core/point-in-ring.ts';

/** Buildings on a 10 × 10 lattice of screen points 20 px apart; lngLat = screen / 1000. */
const units = Array.from({ length: 100 }, (_, i) => ({
  id: `u${i}`,
  x: (i % 10) * 20,
  y: Math.floor(i / 10) * 20,
}));

function fakes() {
  const adapter = new FakeAdapter();
  const log = adapter.log;
  const state = {
    selectedUnits: [] as string[],
    painted: [] as string[],
    grid: null as string | null,
    line: [] as Position[],
    shapes: 0,
  };
  const host: ModeHost = {
    adapter,
    gridAt: (p) => (p.x < 100 ? 'g1' : 'g2'),
    unitsNear: (p, r) =>
      units.filter((u) => Math.abs(u.x - p.x) <= r && Math.abs(u.y - p.y) <= r).map((u) => u.id),
    unitsInside: (ring) => units.filter((u) => pointInRing(u.x / 1000, u.y / 1000, ring)).map((u) => u.id),
    selectGrid: (id, add) => (state.grid = id === null ? null : `${id}${add ? '+' : ''}`),
    selectUnits: (ids, how) => {
      if (how === 'replace') state.selectedUnits = ids;
      else if (how === 'add') state.selectedUnits = [...new Set([...state.selectedUnits, ...ids])];
      else state.selectedUnits = ids.filter((u) => !state.selectedUnits.includes(u));
    },
    paint: (ids) => (state.painted = ids),
    addLinePoint: (at) => state.line.push(at),
    drawShape: (ring) => (ring ? state.shapes++ : 0),
  };
  return { log, state, host };
}

const at = (x: number, y: number, extra: Partial<MapPointer> = {}): MapPointer => ({
  x,
  y,
  lngLat: [x / 1000, y / 1000],
  button: 0,
  add: false,
  preventDefault: () => {},
  ...extra,
});

describe('editor interaction modes (fake adapter)', () => {
  it('lasso: a drawn shape selects the buildings inside it; Shift adds; panning is off while drawing', () => {
    const { log, state, host } = fakes();
    const lasso = createMode('lasso', host);
    // A square round the buildings at x, y in 10..70 (columns 1–3, rows 1–3: 9 buildings).
    lasso.down!(at(10, 10));
    for (const [x, y] of [
      [70, 10],
      [70, 70],
      [10, 70],
    ] as const)
      lasso.move!(at(x, y));
    assert.deepEqual(log, ['pan false']);
    lasso.up!(at(10, 70));
    assert.deepEqual(log, ['pan false', 'pan true']);
    assert.equal(state.shapes, 3, 'the shape is drawn as it grows');
    assert.deepEqual(state.selectedUnits.sort(), [
      'u11',
      'u12',
      'u13',
      'u21',
      'u22',
      'u23',
      'u31',
      'u32',
      'u33',
    ]);
    // With Shift, a second shape adds to the selection.
    lasso.down!(at(130, 130, { add: true }));
    for (const [x, y] of [
      [150, 130],
      [150, 150],
      [130, 150],
    ] as const)
      lasso.move!(at(x, y));
    lasso.up!(at(130, 150));
    assert.equal(state.selectedUnits.length, 9 + 1);
    assert.ok(state.selectedUnits.includes('u77'));
    // A press without a shape clears it.
    lasso.down!(at(5, 5));
    lasso.up!(at(5, 5));
    assert.deepEqual(state.selectedUnits, []);
  });

  it('lasso: another mode or Escape drops a half-drawn shape and gives panning back', () => {
    const { log, host } = fakes();
    const lasso = createMode('lasso', host);
    lasso.down!(at(10, 10));
    lasso.move!(at(60, 10));
    lasso.cancel!();
    assert.deepEqual(log, ['pan false', 'pan true']);
    lasso.up!(at(60, 60)); // the release after a cancel does nothing
    assert.deepEqual(log, ['pan false', 'pan true']);
  });

  it('paint: a stroke moves the buildings it sweeps; a click toggles them in the selection', () => {
    const { log, state, host } = fakes();
    const paint = createMode('paint', host);
    paint.down!(at(0, 0));
    paint.move!(at(20, 0));
    paint.move!(at(40, 0));
    paint.up!(at(40, 0));
    assert.deepEqual(state.painted.sort(), ['u0', 'u1', 'u2']);
    assert.deepEqual(log, ['pan false', 'pan true']);
    paint.down!(at(20, 20));
    paint.up!(at(21, 20));
    assert.deepEqual(state.selectedUnits, ['u11']);
    // Right button: not a stroke.
    paint.down!(at(20, 20, { button: 2 }));
    paint.up!(at(20, 20));
    assert.deepEqual(state.selectedUnits, ['u11']);
  });

  it('select and line: a click selects (Ctrl adds, empty map clears); a click places a rounded vertex', () => {
    const { state, host } = fakes();
    const select = createMode('select', host);
    select.click!(at(10, 10));
    assert.equal(state.grid, 'g1');
    select.click!(at(150, 10, { add: true }));
    assert.equal(state.grid, 'g2+');
    const line = createMode('line', host);
    line.click!({ ...at(0, 0), lngLat: [120.123456789, 30.987654321] });
    assert.deepEqual(state.line, [[120.1234568, 30.9876543]]);
    assert.equal(createMode('lasso', host).cursor, 'crosshair');
    assert.equal(select.cursor, '');
  });
});

describe('editor keys', () => {
  it('Ctrl/Cmd+Z undoes, with Shift or Ctrl+Y redoes, Escape escapes; other keys do nothing', () => {
    const calls: string[] = [];
    const on = {
      undo: () => calls.push('undo'),
      redo: () => calls.push('redo'),
      escape: () => calls.push('escape'),
    };
    const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
      ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, preventDefault: () => {}, ...mods }) as KeyboardEvent;
    editorKey(key('z', { ctrlKey: true }), on);
    editorKey(key('Z', { metaKey: true, shiftKey: true }), on);
    editorKey(key('y', { ctrlKey: true }), on);
    editorKey(key('Escape'), on);
    editorKey(key('z'), on);
    assert.deepEqual(calls, ['undo', 'redo', 'redo', 'escape']);
  });
});
