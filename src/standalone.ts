/**
 * The standalone build's entry (`dist/standalone/wangge.js`, one `<script type="module">`): defines
 * every tag, as `wangge/define` does, and exports the whole API, as `wangge` does.
 */
export * from './define.ts';
export * from './index.ts';
