import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The demo pages live in demo/; they import the library straight from src/.
export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  publicDir: false,
  server: { fs: { allow: [import.meta.dirname] } },
  // Pre-bundling would separate MapLibre from its worker file; src/map/maplibre.ts sets the worker URL itself.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'demo/index.html'),
        editor: resolve(import.meta.dirname, 'demo/editor.html'),
      },
    },
  },
});
