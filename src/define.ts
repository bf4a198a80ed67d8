/** Registers every Wangge tag. Safe to load twice (two widgets on one portal page): defined tags are skipped. */
import { WgMap, WgGridLayer, WgStationLayer, WgIssueLayer } from './index.ts';

WgMap.define('wg-map');
WgGridLayer.define('wg-grid-layer');
WgStationLayer.define('wg-station-layer');
WgIssueLayer.define('wg-issue-layer');

export * from './index.ts';
