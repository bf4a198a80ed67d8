import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { staticPlanHistory } from '../src/core/plan-history.ts';
import { community } from './data.ts';

const code = community.boundary.properties.code;
const before = { id: 'plan-2026-01', grids: community.gridsBefore.features.map((f) => ({ ...f.properties })), assignment: community.assignmentBefore };
const after = { ...community.plan, id: 'plan-2026-07' };
// A history of two plans from a static document (a portal would read wangge/db behind its API).
const source = staticPlanHistory({
  plans: [
    { id: before.id, community: code, effectiveFrom: '2026-01-01', author: '规划员', note: '3 个大网格', plan: before },
    { id: after.id, community: code, effectiveFrom: '2026-07-01', author: '规划员', note: '按标准拆为 7 个网格', plan: after },
  ],
});

const meta: Meta = {
  title: 'Elements/wg-plan-history',
  component: 'wg-plan-history',
  args: { lang: 'zh-CN' },
  argTypes: { lang: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  render: (args) => html`<wg-map style="height:560px;--wg-panel-width:22rem" lang=${args.lang}>
    <wg-plan-history community=${code} .source=${source} .units=${community.units} .boundary=${community.boundary}></wg-plan-history>
  </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** The community's plans by date; "Show" draws one, "Compare" lists and draws what moved. */
export const TwoPlans: Story = {};

/** UI text in English. */
export const English: Story = { args: { lang: 'en' } };
