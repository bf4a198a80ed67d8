import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const repo = resolve(here, '../../..');

/**
 * The Vue example as its own Vite app. `isCustomElement` keeps Vue from resolving `wg-*` tags as Vue
 * components. In your app `npm install wangge` is all it takes; here the aliases point at this
 * repository's library build (`npm run build:lib`) the way the package's `exports` would.
 */
export default defineConfig({
  root: here,
  base: './',
  publicDir: false,
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('wg-') } } })],
  resolve: {
    alias: [
      { find: /^wangge$/, replacement: resolve(repo, 'dist/lib/index.js') },
      { find: /^wangge\/define$/, replacement: resolve(repo, 'dist/lib/define.js') },
    ],
  },
  build: { outDir: resolve(repo, 'dist/examples/vue'), emptyOutDir: true, target: 'es2022' },
});
