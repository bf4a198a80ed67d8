import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { community, communityEn, DEMO_NOW } from './data.ts';

const meta: Meta = {
  title: 'Elements/wg-map',
  component: 'wg-map',
  args: { basemap: 'none', lang: 'zh-CN', theme: 'light' },
  argTypes: {
    basemap: { control: 'select', options: ['none', 'osm', 'tianditu', 'amap'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: (args) =>
    html`<wg-map basemap=${args.basemap} lang=${args.lang} theme=${args.theme} style="height:480px">
      <wg-grid-layer
        .data=${args.lang === 'en' ? communityEn.grids : community.grids}
        .units=${community.units}
      ></wg-grid-layer>
      <wg-station-layer
        .data=${args.lang === 'en' ? communityEn.stations : community.stations}
      ></wg-station-layer>
      <wg-issue-layer
        now=${DEMO_NOW}
        stages="reported,assigned,handling,verifying"
        .data=${community.issues}
      ></wg-issue-layer>
    </wg-map>`,
};
export default meta;
type Story = StoryObj;

/** The offline default: no tile or glyph server; labels use local fonts. */
export const Offline: Story = {};

/** UI text in English. */
export const English: Story = { args: { lang: 'en' } };

/** The dark scheme: the same custom properties with dark values. */
export const Dark: Story = { args: { theme: 'dark' } };

/** No `lang` on the map: it inherits the nearest ancestor's (here `en`), else the page's `<html lang>`. */
export const InheritedLanguage: Story = {
  render: () =>
    html`<div lang="en">
      <wg-map style="height:400px"><wg-grid-layer .data=${communityEn.grids}></wg-grid-layer></wg-map>
    </div>`,
};

/** Themed from the page: custom properties and parts, and the page's font. */
export const PortalTheme: Story = {
  render: () =>
    html`<style>
        .portal wg-map {
          --wg-panel-background: #fffaf0;
          --wg-panel-color: #5b3a29;
          --wg-map-background: #efe6d8;
        }
        .portal wg-map::part(panel) {
          left: auto;
          right: 0.5rem;
        }
      </style>
      <div class="portal" style="font-family: Georgia, 'Songti SC', serif">
        <wg-map style="height:400px"><wg-grid-layer .data=${community.grids}></wg-grid-layer></wg-map>
      </div>`,
};

/** An empty map: nothing to fit, so it shows the world until data arrives. */
export const Empty: Story = { render: () => html`<wg-map style="height:320px"></wg-map>` };

/** A bad basemap style: `wg-error` fires and the offline map is kept. */
export const BadStyle: Story = {
  render: () =>
    html`<wg-map basemap="/no-such-style.json" style="height:320px">
      <wg-grid-layer .data=${community.grids}></wg-grid-layer>
    </wg-map>`,
};
