/** Wangge: web components for community grid governance maps. Importing this module defines no tags; import `wangge/define` for that. */
export { WgElement } from './components/base.ts';
export { WgMap } from './components/wg-map/wg-map.ts';
export { WgGridLayer, bandPosition } from './components/wg-grid-layer/wg-grid-layer.ts';
export { WgStationLayer, STATION_SYMBOLS } from './components/wg-station-layer/wg-station-layer.ts';
export { WgIssueLayer, STAGE_COLORS, filterIssues, isOverdue } from './components/wg-issue-layer/wg-issue-layer.ts';
export { WgGridEditor, parseVertices, type EditorMode } from './components/wg-grid-editor/wg-grid-editor.ts';
export { WgErrorEvent } from './events/wg-error.ts';
export { WgMapReadyEvent } from './events/wg-map-ready.ts';
export { WgGridSelectEvent } from './events/wg-grid-select.ts';
export { WgStationSelectEvent } from './events/wg-station-select.ts';
export { WgIssueSelectEvent } from './events/wg-issue-select.ts';
export { WgPlanChangeEvent } from './events/wg-plan-change.ts';
export { WgPlanCommitEvent } from './events/wg-plan-commit.ts';
export { WgSplitPreviewEvent } from './events/wg-split-preview.ts';
export * from './core/types.ts';
export * from './core/validate.ts';
export * from './core/crs.ts';
export * from './core/editor/index.ts';
