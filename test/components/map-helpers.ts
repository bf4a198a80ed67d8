import type { Map as MapLibreMap } from 'maplibre-gl';

/** Resolves when the map has nothing left to load or draw. */
export function idle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    if (map.loaded() && !map.isMoving()) {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    } else map.once('idle', () => resolve());
  });
}

/** The RGBA of the pixel at a geographic position, read back from WebGL right after a frame. */
export function pixelAt(
  map: MapLibreMap,
  lngLat: [number, number],
): Promise<[number, number, number, number]> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
      const point = map.project(lngLat);
      const ratio = window.devicePixelRatio;
      const x = Math.round(point.x * ratio);
      const y = Math.round(gl.drawingBufferHeight - point.y * ratio);
      const out = new Uint8Array(4);
      gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
      resolve([out[0], out[1], out[2], out[3]]);
    });
    map.triggerRepaint();
  });
}

/** Sends a real click to the map canvas at a geographic position. */
export function clickAt(map: MapLibreMap, lngLat: [number, number]) {
  const canvas = map.getCanvas();
  const rect = canvas.getBoundingClientRect();
  const point = map.project(lngLat);
  const init = {
    bubbles: true,
    cancelable: true,
    composed: true,
    clientX: rect.left + point.x,
    clientY: rect.top + point.y,
    button: 0,
  };
  canvas.dispatchEvent(new MouseEvent('mousedown', init));
  canvas.dispatchEvent(new MouseEvent('mouseup', init));
  canvas.dispatchEvent(new MouseEvent('click', init));
}

/** Sends a real press, moves and release along a path of geographic positions (a drag or a lasso). */
export function dragAlong(
  map: MapLibreMap,
  path: Array<[number, number]>,
  options: { shiftKey?: boolean } = {},
) {
  const canvas = map.getCanvas();
  const rect = canvas.getBoundingClientRect();
  const init = (lngLat: [number, number]) => {
    const point = map.project(lngLat);
    return {
      bubbles: true,
      cancelable: true,
      composed: true,
      clientX: rect.left + point.x,
      clientY: rect.top + point.y,
      button: 0,
      buttons: 1,
      ...options,
    };
  };
  canvas.dispatchEvent(new MouseEvent('mousedown', init(path[0]!)));
  for (const p of path.slice(1)) canvas.dispatchEvent(new MouseEvent('mousemove', init(p)));
  canvas.dispatchEvent(new MouseEvent('mouseup', init(path[path.length - 1]!)));
}
