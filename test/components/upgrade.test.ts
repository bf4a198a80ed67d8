import { expect } from '@open-wc/testing';
import { WgElement } from '../../src/components/base.ts';

class WgUpgradeProbe extends WgElement {
  received: unknown;

  set plan(value: unknown) {
    this.received = value;
  }

  get plan(): unknown {
    return this.received;
  }
}

describe('properties set before a tag is defined', () => {
  it('reach the class setter once the element upgrades (the lazily loaded editor)', async () => {
    const el = document.createElement('wg-upgrade-probe') as HTMLElement & { plan?: unknown };
    el.plan = { id: 'before-upgrade' };
    document.body.append(el);
    WgUpgradeProbe.define('wg-upgrade-probe');
    const upgraded = el as unknown as WgUpgradeProbe;
    expect(upgraded.received).to.deep.equal({ id: 'before-upgrade' });
    expect(Object.keys(upgraded)).to.not.include('plan');
    el.remove();
  });
});
