import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The Docs page of each element (summary, attributes, properties, events, slots, CSS parts from
  // custom-elements.json, then its stories) comes from the docs addon; without it the page is blank.
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
  // The project's vite.config.ts serves the demo pages; Storybook keeps its own root and entry points.
  viteFinal: (config) => ({
    ...config,
    root: undefined,
    build: { ...config.build, rollupOptions: { ...config.build?.rollupOptions, input: undefined } },
    optimizeDeps: { ...config.optimizeDeps, exclude: [...(config.optimizeDeps?.exclude ?? []), 'maplibre-gl'] },
  }),
};

export default config;
