import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community } from './data.ts';
import { generateDistrict } from '../demo/data/generate.ts';

const meta: Meta = {
  title: 'Elements/wg-grid-layer',
  component: 'wg-grid-layer',
  args: { minHouseholds: 300, maxHouseholds: 500, label: 'name' },
  argTypes: { label: { control: 'inline-radio', options: ['name', 'code'] } },
  render: (args) => html`<wg-map style="height:480px">
    <wg-grid-layer
      min-households=${args.minHouseholds}
      max-households=${args.maxHouseholds}
      label=${args.label}
      .data=${args.before ? community.gridsBefore : community.grids}
      .units=${args.before ? undefined : community.units}
    ></wg-grid-layer>
  </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** Seven grids inside the 300–500 household band. */
export const Balanced: Story = {};

/** The "before" plan: three large grids, all over the band. */
export const BeforeRedrawing: Story = { args: { before: true } };

/** A narrower band shows grids under and over it. */
export const NarrowBand: Story = { args: { minHouseholds: 460, maxHouseholds: 480 } };

/** Labels by grid code. */
export const CodeLabels: Story = { args: { label: 'code' } };

/** Invalid input: `wg-error` names the offending grids; the valid ones still draw. */
export const InvalidGrids: Story = {
  render: () => {
    const broken = structuredClone(community.grids);
    broken.features[0].properties.households = -3;
    broken.features[1].properties.id = broken.features[2].properties.id;
    return html`<wg-map style="height:480px" @wg-error=${(e: CustomEvent) => console.warn(e.detail)}>
      <wg-grid-layer .data=${broken}></wg-grid-layer>
    </wg-map>`;
  },
};

const district = generateDistrict({ seed: 5, communities: 60, issues: 0 });

/**
 * A district of 420 grids: labels thinned by collision, larger grids first; the list draws 200 rows
 * ("list more" adds 200), and a grid clicked on the map beyond them is drawn with them.
 */
export const District: Story = {
  render: () => html`<wg-map style="height:560px">
    <wg-grid-layer .data=${district.grids}></wg-grid-layer>
  </wg-map>`,
};
