/**
 * Wangge: web components for community grid governance maps. Importing this module defines no tags;
 * import `wangge/define` for that. The grid editor and its partition engine are a separate entry
 * point, `wangge/editor`, so pages that only show maps do not load them.
 */
export { WgElement } from './components/base.ts';
export { WgMap } from './components/wg-map/wg-map.ts';
export { WgGridLayer, bandPosition } from './components/wg-grid-layer/wg-grid-layer.ts';
export { WgStationLayer, STATION_SYMBOLS } from './components/wg-station-layer/wg-station-layer.ts';
export {
  WgIssueLayer,
  STAGE_COLORS,
  LOAD_COLORS,
  isOverdue,
} from './components/wg-issue-layer/wg-issue-layer.ts';
export { filterIssues, type IssueFilter } from './core/filter-issues.ts';
export { WgGridStats, type GridStatsRow } from './components/wg-grid-stats/wg-grid-stats.ts';
export { WgLegend } from './components/wg-legend/wg-legend.ts';
export { WgAssessment, type AssessmentColumn } from './components/wg-assessment/wg-assessment.ts';
export * from './core/assessment.ts';
export { WgTrackLayer, TRACK_COLORS, type GridPatrol } from './components/wg-track-layer/wg-track-layer.ts';
export * from './core/tracks.ts';
export * from './core/patrol.ts';
export * from './core/deadlines.ts';
export { WgTimeFilter, monthWindow, monthsBetween } from './components/wg-time-filter/wg-time-filter.ts';
export { WgErrorEvent } from './events/wg-error.ts';
export { WgMapReadyEvent } from './events/wg-map-ready.ts';
export { WgGridSelectEvent } from './events/wg-grid-select.ts';
export { WgStationSelectEvent } from './events/wg-station-select.ts';
export { WgIssueSelectEvent } from './events/wg-issue-select.ts';
export { WgLayerChangeEvent } from './events/wg-layer-change.ts';
export { WgTimeChangeEvent } from './events/wg-time-change.ts';
export * from './core/aggregate.ts';
export * from './core/coverage.ts';
export * from './core/workload.ts';
export * from './core/open311.ts';
export * from './core/types.ts';
export * from './core/validate.ts';
export * from './core/crs.ts';
