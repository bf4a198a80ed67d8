/**
 * The grid editor's interaction modes as objects: what a click, a press, a drag and a release on the
 * map do in each of `select`, `paint` (brush buildings into a grid), `lasso` (draw a freehand shape to
 * select buildings, then assign them) and `line` (click the vertices of a split line). A mode talks to
 * the map through a `MapAdapter` and to the editor through a `ModeHost`; so it is tested with fakes of
 * both, and the element only routes the adapter's events to the current mode.
 */
import type { Position } from 'geojson';
import type { MapAdapter, MapPointer } from '../../map/adapter.ts';

export type EditorMode = 'select' | 'paint' | 'lasso' | 'line';

/** The editor's keys: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo, Escape. */
export function editorKey(event: KeyboardEvent, on: { undo(): void; redo(): void; escape(): void }): void {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && (key === 'z' || key === 'y')) {
    event.preventDefault();
    if (key === 'y' || event.shiftKey) on.redo();
    else on.undo();
  } else if (event.key === 'Escape') on.escape();
}

/** A selection of buildings after `ids` are chosen: replacing it, added to it, or toggled in it. */
export function nextSelection(
  current: readonly string[],
  ids: readonly string[],
  how: 'replace' | 'add' | 'toggle',
): string[] {
  if (how === 'replace') return [...new Set(ids)];
  if (how === 'add') return [...new Set([...current, ...ids])];
  const next = new Set(current);
  for (const u of ids) {
    if (next.has(u)) next.delete(u);
    else next.add(u);
  }
  return [...next];
}
export const EDITOR_MODES: readonly EditorMode[] = ['select', 'paint', 'lasso', 'line'];

/** What a mode may ask of the editor. */
export interface ModeHost {
  /** The map, while the editor has one. */
  readonly adapter: MapAdapter | undefined;
  /** The grid drawn at a screen point. */
  gridAt(pointer: MapPointer): string | undefined;
  /** Buildings drawn within `radius` pixels of a screen point. */
  unitsNear(pointer: MapPointer, radius: number): string[];
  /** Buildings whose position lies inside a ring of positions. */
  unitsInside(ring: Position[]): string[];
  selectGrid(id: string | null, add: boolean): void;
  /** Replaces the building selection, adds to it, or toggles each of `ids` in it. */
  selectUnits(ids: string[], how: 'replace' | 'add' | 'toggle'): void;
  /** Moves buildings to the brush's grid (those of locked grids stay). */
  paint(ids: string[]): void;
  addLinePoint(at: Position): void;
  /** Shows (or, with null, clears) the shape being drawn. */
  drawShape(ring: Position[] | null): void;
}

export interface InteractionMode {
  readonly name: EditorMode;
  /** The map's cursor in this mode. */
  readonly cursor: string;
  click?(pointer: MapPointer): void;
  down?(pointer: MapPointer): void;
  move?(pointer: MapPointer): void;
  up?(pointer: MapPointer): void;
  /** Leaves the mode (or Escape): drops what is half drawn and gives panning back. */
  cancel?(): void;
}

/** The brush: half the width of the square of map it sweeps, in pixels. */
export const BRUSH_RADIUS = 10;
/** A press that moves less than this (pixels) before the release is a click. */
const CLICK_SLOP = 4;

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

class SelectMode implements InteractionMode {
  readonly name = 'select';
  readonly cursor = '';
  constructor(private readonly host: ModeHost) {}
  click(p: MapPointer) {
    const id = this.host.gridAt(p);
    if (id) this.host.selectGrid(id, p.add);
    else if (!p.add) this.host.selectGrid(null, false);
  }
}

class PaintMode implements InteractionMode {
  readonly name = 'paint';
  readonly cursor = 'crosshair';
  #stroke: { x: number; y: number; units: Set<string>; moved: boolean } | null = null;
  constructor(private readonly host: ModeHost) {}
  down(p: MapPointer) {
    if (p.button !== 0) return;
    p.preventDefault();
    this.host.adapter?.setDragPan(false);
    this.#stroke = { x: p.x, y: p.y, units: new Set(this.host.unitsNear(p, BRUSH_RADIUS)), moved: false };
  }
  move(p: MapPointer) {
    const stroke = this.#stroke;
    if (!stroke) return;
    if (Math.hypot(p.x - stroke.x, p.y - stroke.y) > CLICK_SLOP) stroke.moved = true;
    for (const u of this.host.unitsNear(p, BRUSH_RADIUS)) stroke.units.add(u);
  }
  up() {
    const stroke = this.#stroke;
    if (!stroke) return;
    this.cancel();
    // A click (no drag) toggles buildings in the selection, for "assign to grid" without dragging.
    if (!stroke.moved) this.host.selectUnits([...stroke.units], 'toggle');
    else this.host.paint([...stroke.units]);
  }
  cancel() {
    this.#stroke = null;
    this.host.adapter?.setDragPan(true);
  }
}

class LassoMode implements InteractionMode {
  readonly name = 'lasso';
  readonly cursor = 'crosshair';
  #ring: Position[] | null = null;
  #last = { x: 0, y: 0 };
  #add = false;
  constructor(private readonly host: ModeHost) {}
  down(p: MapPointer) {
    if (p.button !== 0) return;
    p.preventDefault();
    this.host.adapter?.setDragPan(false);
    this.#ring = [p.lngLat];
    this.#last = { x: p.x, y: p.y };
    this.#add = p.add;
  }
  move(p: MapPointer) {
    const ring = this.#ring;
    if (!ring) return;
    // A vertex every few pixels is as smooth as a hand draws.
    if (Math.hypot(p.x - this.#last.x, p.y - this.#last.y) < CLICK_SLOP) return;
    this.#last = { x: p.x, y: p.y };
    ring.push(p.lngLat);
    this.host.drawShape([...ring, ring[0]!]);
  }
  up() {
    const ring = this.#ring;
    if (!ring) return;
    this.cancel();
    // A press without a shape clears the selection (unless adding to it).
    if (ring.length < 3) {
      if (!this.#add) this.host.selectUnits([], 'replace');
      return;
    }
    this.host.selectUnits(this.host.unitsInside([...ring, ring[0]!]), this.#add ? 'add' : 'replace');
  }
  cancel() {
    this.#ring = null;
    this.host.drawShape(null);
    this.host.adapter?.setDragPan(true);
  }
}

class LineMode implements InteractionMode {
  readonly name = 'line';
  readonly cursor = 'crosshair';
  constructor(private readonly host: ModeHost) {}
  click(p: MapPointer) {
    this.host.addLinePoint([round7(p.lngLat[0]!), round7(p.lngLat[1]!)]);
  }
}

/** The mode object for a mode name. */
export function createMode(name: EditorMode, host: ModeHost): InteractionMode {
  switch (name) {
    case 'paint':
      return new PaintMode(host);
    case 'lasso':
      return new LassoMode(host);
    case 'line':
      return new LineMode(host);
    default:
      return new SelectMode(host);
  }
}
