/**
 * Registers every Wangge tag (the classes and functions are exported by `wangge`; the standalone
 * build's `wangge.js` has both). Safe to load twice (two widgets on one portal page): defined tags are
 * skipped. `<wg-grid-editor>` (and `<wg-plan-history>`, `<wg-file-open>`) and the partition engine load only when the page uses one: as soon as a
 * `<wg-grid-editor>` is in the document (or `loadEditor()` is called); until then it is an undefined
 * element, so wait with `await customElements.whenDefined('wg-grid-editor')` before calling its methods.
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

/** Loads and defines `<wg-grid-editor>` (once); needed only for editors created inside other shadow roots. */
export function loadEditor(): Promise<void> {
  editorLoad ??= import('./define-editor.ts').then(() => undefined);
  return editorLoad;
}

const EDITOR_TAGS = 'wg-grid-editor, wg-plan-history, wg-file-open';
const isEditor = (node: Node) =>
  node instanceof Element && (node.matches(EDITOR_TAGS) || node.querySelector(EDITOR_TAGS) !== null);

if (typeof document !== 'undefined' && !customElements.get('wg-grid-editor')) {
  if (document.querySelector(EDITOR_TAGS)) void loadEditor();
  else {
    // Look only at added nodes, so a busy page pays almost nothing until an editor shows up.
    const watcher = new MutationObserver((records) => {
      if (!records.some((record) => [...record.addedNodes].some(isEditor))) return;
      watcher.disconnect();
      void loadEditor();
    });
    watcher.observe(document, { childList: true, subtree: true });
  }
}
