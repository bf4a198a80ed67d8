import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'storybook-static', 'docs', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  wc.configs['flat/recommended'],
  lit.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Resident text is text: forbid the HTML sinks outright.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Resident text is text: use textContent or Lit templates.' },
        { property: 'outerHTML', message: 'Resident text is text.' },
        { property: 'insertAdjacentHTML', message: 'Resident text is text.' },
        { property: 'setHTML', message: 'Resident text is text: use Popup#setDOMContent.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Resident text is text.' }] }],
    },
  },
  { files: ['**/*.mjs', 'src/cli/**', 'test/bench/**', 'demo/screenshot.ts'], languageOptions: { globals: { ...globals.node } } },
);
