import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../../custom-elements.json';
import '../../src/define.ts';
import '../../src/define-editor.ts';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: { layout: 'padded', controls: { expanded: true } },
};

export default preview;
