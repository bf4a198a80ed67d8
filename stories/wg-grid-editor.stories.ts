import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community } from './data.ts';

const beforePlan = {
  id: 'plan-before',
  grids: community.gridsBefore.features.map((f) => ({ ...f.properties })),
  assignment: community.assignmentBefore,
};
const currentPlan = community.plan;

const meta: Meta = {
  title: 'Elements/wg-grid-editor',
  component: 'wg-grid-editor',
  args: { minHouseholds: 300, maxHouseholds: 500, lang: 'zh-CN', mode: 'select' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    mode: { control: 'inline-radio', options: ['select', 'paint', 'lasso', 'line'] },
  },
  render: (args) => html`<wg-map style="height:600px;--wg-panel-width:20rem" lang=${args.lang}>
    <wg-grid-editor
      min-households=${args.minHouseholds}
      max-households=${args.maxHouseholds}
      mode=${args.mode}
      .units=${community.units}
      .boundary=${community.boundary}
      .plan=${args.current ? currentPlan : beforePlan}
      @wg-plan-change=${(e: CustomEvent) => console.log('wg-plan-change', e.detail.diff)}
      @wg-plan-commit=${(e: CustomEvent) => console.log('wg-plan-commit', e.detail.diff)}
    ></wg-grid-editor>
  </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** The "before" plan: three large grids to split into seven balanced ones ("按标准拆分"). */
export const BeforeRedrawing: Story = {};

/** The current plan of seven grids inside the band, ready for painting buildings or rebalancing. */
export const SevenGrids: Story = { args: { current: true } };

/** Lasso: press and draw round buildings to select them (Shift adds), then "assign selected buildings". */
export const Lasso: Story = { args: { current: true, mode: 'lasso' } };

/** UI text in English. */
export const English: Story = { args: { lang: 'en' } };
