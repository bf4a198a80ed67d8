import { defineConfig, type UserConfig } from 'vite';
import { resolve } from 'node:path';

const here = import.meta.dirname;

/** Left to the host so it can dedupe them: Lit (and @lit/*) and MapLibre's JavaScript. */
const hostDeduped = /^(lit|lit-html|lit-element|@lit\/[^/]+|maplibre-gl)(\/.*)?$/;
/** MapLibre files we still need as assets: its worker (`?url`) and its CSS (`?inline`). */
const maplibreAsset = /^maplibre-gl\/dist\/.*\?(url|inline)$/;

/**
 * `vite build --mode lib`: dist/lib, the ESM library for npm users (entry points `index.js` and
 * `define.js`); Lit and MapLibre stay imports, everything else of ours (and small helpers such as
 * Turf modules and gcoord) is bundled. MapLibre's worker is emitted beside it and found relative to
 * the module; MapLibre's CSS goes into its own chunk so the size budget can tell it from our code.
 * `vite` / `vite build`: the demo pages in demo/ (they import the library straight from src/).
 * `vite build --mode standalone`: dist/standalone/wangge.js, everything bundled (Lit, MapLibre and
 * its worker file beside it) for a portal page with one `<script type="module">` and no build step.
 */
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'lib') {
    return {
      base: './',
      publicDir: false,
      build: {
        outDir: resolve(here, 'dist/lib'),
        emptyOutDir: true,
        target: 'es2022',
        assetsInlineLimit: 0,
        minify: true,
        sourcemap: true,
        rollupOptions: {
          input: {
            index: resolve(here, 'src/index.ts'),
            define: resolve(here, 'src/define.ts'),
            editor: resolve(here, 'src/editor.ts'),
            'define-editor': resolve(here, 'src/define-editor.ts'),
          },
          preserveEntrySignatures: 'strict',
          external: (id: string) => hostDeduped.test(id) && !maplibreAsset.test(id),
          output: {
            format: 'es',
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            assetFileNames: 'assets/[name]-[hash][extname]',
            manualChunks: (id: string) => (id.includes('maplibre-gl.css') ? 'maplibre-css' : undefined),
          },
        },
      },
    };
  }
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
          input: resolve(here, 'src/standalone.ts'),
          preserveEntrySignatures: 'exports-only',
          output: {
            entryFileNames: 'wangge.js',
            chunkFileNames: 'wangge-[name]-[hash].js',
            assetFileNames: 'assets/[name]-[hash][extname]',
          },
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
        input: {
          index: resolve(here, 'demo/index.html'),
          editor: resolve(here, 'demo/editor.html'),
          street: resolve(here, 'demo/street.html'),
          district: resolve(here, 'demo/district.html'),
        },
      },
    },
  };
});
