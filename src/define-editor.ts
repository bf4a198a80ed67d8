/** Registers `<wg-grid-editor>`, `<wg-plan-history>` and `<wg-file-open>` at once (for bundles that want the editor eagerly). Safe to load twice. */
import { WgFileOpen, WgGridEditor, WgPlanHistory } from './editor.ts';

WgGridEditor.define('wg-grid-editor');
WgPlanHistory.define('wg-plan-history');
WgFileOpen.define('wg-file-open');

export * from './editor.ts';
