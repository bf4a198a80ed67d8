import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const here = import.meta.dirname;

/**
 * `vite` / `vite build`: the demo pages in demo/ (they import the library straight from src/).
 * `vite build --mode standalone`: dist/standalone/wangge.js, everything bundled (Lit, MapLibre and
 * its worker file beside it) for a portal page with one `<script type="module">` and no build step.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'standalone') {
    return {
      // Relative base: the worker and assets are found next to wangge.js, whatever the page's URL.
      base: './',
      publicDir: false,
      build: {
        outDir: resolve(here, 'dist/standalone'),
        emptyOutDir: true,
        target: 'es2022',
        assetsInlineLimit: 0,
        rollupOptions: {
          input: resolve(here, 'src/define.ts'),
          preserveEntrySignatures: 'exports-only',
          output: { entryFileNames: 'wangge.js', chunkFileNames: 'wangge-[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
        },
      },
    };
  }
  return {
    root: resolve(here, 'demo'),
    publicDir: false,
    server: { fs: { allow: [here] } },
    // Pre-bundling would separate MapLibre from its worker file; src/map/maplibre.ts sets the worker URL itself.
    optimizeDeps: { exclude: ['maplibre-gl'] },
    build: {
      outDir: resolve(here, 'dist/demo'),
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        input: { index: resolve(here, 'demo/index.html'), editor: resolve(here, 'demo/editor.html') },
      },
    },
  };
});
