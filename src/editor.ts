/**
 * The planner's grid editor and the edit model under it (split, merge, paint, split along a line,
 * rebalance, undo/redo), with the partition engine it runs. Importing this module defines no tags;
 * `wangge/define` loads and defines `<wg-grid-editor>` by itself when one appears in the page.
 */
export { WgGridEditor, parseVertices, type EditorMode } from './components/wg-grid-editor/wg-grid-editor.ts';
export { WgPlanHistory } from './components/wg-plan-history/wg-plan-history.ts';
export { WgFileOpen } from './components/wg-file-open/wg-file-open.ts';
export { WgFileReadEvent, type FileTarget, type WgFileReadDetail } from './events/wg-file-read.ts';
export * from './core/plan-history.ts';
export { WgPlanChangeEvent } from './events/wg-plan-change.ts';
export { WgPlanCommitEvent } from './events/wg-plan-commit.ts';
export { WgSplitPreviewEvent } from './events/wg-split-preview.ts';
export * from './core/editor/index.ts';
