/** Registers `<wg-grid-editor>` at once (for bundles that want the editor eagerly). Safe to load twice. */
import { WgGridEditor } from './editor.ts';

WgGridEditor.define('wg-grid-editor');

export * from './editor.ts';
