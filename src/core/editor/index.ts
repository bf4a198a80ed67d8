/** The pure edit model of `<wg-grid-editor>`: state, operations, undo/redo, diff, statistics, import/export. */
export * from './state.ts';
export * from './context.ts';
export * from './line.ts';
export * from './operations.ts';
export * from './geometry.ts';
export * from './stats.ts';
export * from './io.ts';
export * from './editor.ts';
