import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const repo = resolve(here, '../../..');

/**
 * The React example as its own Vite app. In your app `npm install wangge` is all it takes; here the
 * aliases point at this repository's library build (`npm run build:lib`) the way the package's
 * `exports` would.
 */
export default defineConfig({
  root: here,
  base: './',
  publicDir: false,
  resolve: {
    alias: [
      { find: /^wangge$/, replacement: resolve(repo, 'dist/lib/index.js') },
      { find: /^wangge\/define$/, replacement: resolve(repo, 'dist/lib/define.js') },
    ],
  },
  build: { outDir: resolve(repo, 'dist/examples/react'), emptyOutDir: true, target: 'es2022' },
});
