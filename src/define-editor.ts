/** Registers `<wg-grid-editor>` and `<wg-plan-history>` at once (for bundles that want the editor eagerly). Safe to load twice. */
import { WgGridEditor, WgPlanHistory } from './editor.ts';

WgGridEditor.define('wg-grid-editor');
WgPlanHistory.define('wg-plan-history');

export * from './editor.ts';
