/**
 * The one place Wangge imports MapLibre's runtime. It points MapLibre at its worker file as an asset
 * URL, so the worker loads under the Vite dev server, in a production or library build, in Storybook
 * and in the test runner alike (MapLibre's own guess, `import.meta.url`, breaks once it is bundled).
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';

maplibregl.setWorkerUrl(new URL(workerUrl, import.meta.url).href);

export { maplibregl, maplibreCss };

let webgl2Seen = false;

/**
 * True when this browser can create a WebGL2 context (MapLibre 6 needs it). A success is remembered
 * for the page (a probe costs a context creation); a failure is probed again next time.
 */
export function hasWebGL2(): boolean {
  if (webgl2Seen) return true;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext(); // free the probe's context at once
    webgl2Seen = !!gl;
  } catch {
    webgl2Seen = false;
  }
  return webgl2Seen;
}
