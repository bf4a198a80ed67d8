import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = {
  title: 'Elements/wg-file-open',
  component: 'wg-file-open',
  args: { lang: 'zh-CN', target: 'units', crs: 'gcj02' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    target: { control: 'inline-radio', options: ['units', 'grids', 'boundary'] },
    crs: { control: 'inline-radio', options: ['wgs84', 'gcj02', 'bd09'] },
  },
  render: (args) => html`<div style="max-width:24rem">
    <wg-file-open
      lang=${args.lang}
      target=${args.target}
      crs=${args.crs}
      @wg-file-read=${(e: CustomEvent) => {
        const out = (e.target as HTMLElement).nextElementSibling!;
        out.textContent = `${e.detail.name}: ${e.detail.features.features.length} features (${e.detail.skipped.length} rows skipped)`;
      }}
    ></wg-file-open>
    <p></p>
  </div>`,
};
export default meta;
type Story = StoryObj;

/**
 * Open the street's building register as a spreadsheet (楼栋, 户数, 经度, 纬度 — GCJ-02 from Amap,
 * GBK from Excel) or the survey bureau's shapefile; unknown headers get a column step with a
 * preview; bad rows are listed before going on without them. Inside `<wg-grid-editor>` it loads
 * the buildings, grids or boundary into the editor.
 */
export const BuildingRegister: Story = {};

/** UI text in English, for grids in WGS84. */
export const English: Story = { args: { lang: 'en', target: 'grids', crs: 'wgs84' } };
