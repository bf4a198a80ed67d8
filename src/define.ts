/**
 * Registers every Wangge tag (the classes and functions are exported by `wangge`; the standalone
 * build's `wangge.js` has both). Safe to load twice (two widgets on one portal page): defined tags are
 * skipped. `<wg-grid-editor>` (and `<wg-plan-history>`, `<wg-file-open>`) with the partition engine,
 * and `<wg-assessment>`, load only when the page uses one: as soon as such a tag is in the document (or
 * `loadEditor()` / `loadAssessment()` is called); until then it is an undefined element, so wait with
 * `await customElements.whenDefined('wg-grid-editor')` before calling its methods.
 */
import { WgMap } from './components/wg-map/wg-map.ts';
import { WgGridLayer } from './components/wg-grid-layer/wg-grid-layer.ts';
import { WgStationLayer } from './components/wg-station-layer/wg-station-layer.ts';
import { WgIssueLayer } from './components/wg-issue-layer/wg-issue-layer.ts';
import { WgGridStats } from './components/wg-grid-stats/wg-grid-stats.ts';
import { WgLegend } from './components/wg-legend/wg-legend.ts';
import { WgTimeFilter } from './components/wg-time-filter/wg-time-filter.ts';
import { WgTrackLayer } from './components/wg-track-layer/wg-track-layer.ts';

WgMap.define('wg-map');
WgGridLayer.define('wg-grid-layer');
WgStationLayer.define('wg-station-layer');
WgIssueLayer.define('wg-issue-layer');
WgGridStats.define('wg-grid-stats');
WgLegend.define('wg-legend');
WgTimeFilter.define('wg-time-filter');
WgTrackLayer.define('wg-track-layer');

let editorLoad: Promise<void> | undefined;
let assessmentLoad: Promise<void> | undefined;

/** Loads and defines `<wg-grid-editor>` (once); needed only for editors created inside other shadow roots. */
export function loadEditor(): Promise<void> {
  editorLoad ??= import('./define-editor.ts').then(() => undefined);
  return editorLoad;
}

/** Loads and defines `<wg-assessment>` (once); needed only for one created inside another shadow root. */
export function loadAssessment(): Promise<void> {
  assessmentLoad ??= import('./define-assessment.ts').then(() => undefined);
  return assessmentLoad;
}

/** Tags whose code loads only when the page uses one, and how to load it. */
const LAZY: Array<[tags: string, load: () => Promise<void>]> = [
  ['wg-grid-editor, wg-plan-history, wg-file-open', loadEditor],
  ['wg-assessment', loadAssessment],
];

if (typeof document !== 'undefined') {
  let waiting = LAZY.filter(([tags]) => !customElements.get(tags.split(',')[0]!));
  // Loads the code of the groups found in `node` (itself or inside it); the rest keep waiting.
  const look = (node: Node) => {
    waiting = waiting.filter(([tags, load]) => {
      const found =
        (node instanceof Element && node.matches(tags)) ||
        ((node instanceof Element || node instanceof Document) && node.querySelector(tags) !== null);
      if (found) void load();
      return !found;
    });
  };
  look(document);
  if (waiting.length) {
    // Look only at added nodes, so a busy page pays almost nothing until such a tag shows up.
    const watcher = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) look(node);
      if (!waiting.length) watcher.disconnect();
    });
    watcher.observe(document, { childList: true, subtree: true });
  }
}
