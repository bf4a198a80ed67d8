import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import { gridRow } from './fixtures.ts';

// Its own file (its own page): a page remembers once it has seen WebGL2 work.
describe('wg-map without WebGL2', () => {
  it('shows a readable message and the grid list when WebGL2 is missing', async () => {
    const original = HTMLCanvasElement.prototype.getContext;
    // Fake only the browser capability: this canvas cannot give a WebGL2 context.
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      if (kind === 'webgl2') return null;
      return (original as (...args: unknown[]) => unknown).call(this, kind, ...rest);
    } as typeof original;
    try {
      const errors: string[] = [];
      const el = document.createElement('wg-map');
      el.addEventListener('wg-error', (e) => errors.push(e.detail.reason));
      el.style.cssText = 'display:block;width:400px;height:300px';
      const layer = document.createElement('wg-grid-layer');
      layer.data = gridRow([400, 410]);
      el.append(layer);
      document.body.append(el);
      await el.updateComplete;
      await layer.updateComplete;
      const fallback = el.shadowRoot!.querySelector('[part=fallback]');
      expect(fallback?.textContent).to.contain('WebGL2');
      expect(errors).to.include('no-webgl');
      expect(layer.shadowRoot!.querySelectorAll('li[role=option]')).to.have.length(2);
      el.remove();
    } finally {
      HTMLCanvasElement.prototype.getContext = original;
    }
  });

});
