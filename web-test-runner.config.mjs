// Browser tests: real Chromium (Debian's /usr/bin/chromium), real MapLibre, WebGL through SwiftShader.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './test/chromium.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Serves Vite's `?url` and `?inline` imports so the same source runs under Vite and here. */
function viteQueryImports() {
  const prefix = '/__wg_query__/';
  return {
    name: 'wg-vite-query-imports',
    resolveImport({ source }) {
      const match = /^(.*)\?(url|inline)$/.exec(source);
      if (match) return `${prefix}${match[2]}/${match[1]}`;
    },
    serve(context) {
      if (!context.path.startsWith(prefix)) return;
      const [kind, ...rest] = context.path.slice(prefix.length).split('/');
      const file = `node_modules/${rest.join('/')}`;
      const body = kind === 'url' ? `/${file}` : readFileSync(`${root}${file}`, 'utf8');
      return { body: `export default ${JSON.stringify(body)};`, type: 'js' };
    },
  };
}

/**
 * Wraps a dependency-free CommonJS module (one Turf module imports `fast-deep-equal`) as ESM, which
 * Vite does by itself; anything that still calls `require` is left alone.
 */
function selfContainedCommonJs() {
  return {
    name: 'wg-self-contained-commonjs',
    transform(context) {
      if (!context.path.includes('/node_modules/') || !context.response.is('js')) return;
      const body = String(context.body);
      if (!/\bmodule\.exports\b/.test(body) || /\bexport\s|\bimport\s|\brequire\(/.test(body)) return;
      return `const module = { exports: {} }; const exports = module.exports;\n${body}\nexport default module.exports;`;
    },
  };
}

/**
 * A slow server for race tests: `/__wg_slow__/{ms}?body=…` answers `body` as JSON after `ms`
 * milliseconds (a municipal API on a bad day).
 */
async function slowResponses(context, next) {
  if (!context.path.startsWith('/__wg_slow__/')) return next();
  const ms = Number(context.path.split('/')[2]) || 0;
  await new Promise((resolve) => setTimeout(resolve, ms));
  context.type = 'application/json';
  context.body = String(context.query.body ?? 'null');
}

export default {
  rootDir: root,
  middleware: [slowResponses],
  files: ['test/components/**/*.test.ts', 'test/map/**/*.test.ts', 'test/worker/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  testFramework: { config: { timeout: 30000 } },
  plugins: [
    viteQueryImports(),
    selfContainedCommonJs(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.json` }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
};
