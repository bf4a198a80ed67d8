/** Registers every Wangge tag. Safe to load twice (two widgets on one portal page): defined tags are skipped. */
import { WgMap, WgGridLayer, WgStationLayer, WgIssueLayer, WgGridEditor, WgGridStats, WgLegend, WgTimeFilter } from './index.ts';

WgMap.define('wg-map');
WgGridLayer.define('wg-grid-layer');
WgStationLayer.define('wg-station-layer');
WgIssueLayer.define('wg-issue-layer');
WgGridStats.define('wg-grid-stats');
WgLegend.define('wg-legend');
WgTimeFilter.define('wg-time-filter');
WgGridEditor.define('wg-grid-editor');

export * from './index.ts';
