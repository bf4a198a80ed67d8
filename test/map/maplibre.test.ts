import { expect } from '@open-wc/testing';
import { maplibregl, hasWebGL2 } from '../../src/map/maplibre.ts';
import { offlineStyle } from '../../src/map/basemaps.ts';

describe('MapLibre seam', () => {
  it('finds WebGL2 in the test browser', () => {
    expect(hasWebGL2()).to.equal(true);
  });

  it('loads its worker and draws a GeoJSON source offline', async () => {
    const container = document.createElement('div');
    container.style.cssText = 'width:200px;height:200px';
    document.body.append(container);
    const map = new maplibregl.Map({ container, style: offlineStyle('#fff'), center: [120.15, 30.27], zoom: 14 });
    await map.once('load');
    map.addSource('p', { type: 'geojson', data: { type: 'Point', coordinates: [120.15, 30.27] } });
    map.addLayer({ id: 'p', type: 'circle', source: 'p' });
    await map.once('idle');
    // Features reach the renderer only through the worker, so this proves the worker loaded.
    expect(map.queryRenderedFeatures({ layers: ['p'] })).to.have.length(1);
    map.remove();
    container.remove();
  });
});
