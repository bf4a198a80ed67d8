// Bundles the CLI into one JavaScript file (dist/cli/wangge.mjs) so `wangge` starts in ~0.1 s
// instead of ~1 s of on-the-fly TypeScript. Run by `npm install` (the `prepare` script); the
// launcher falls back to tsx when the bundle is missing or older than the sources.
import { fileURLToPath } from 'node:url';

// `npm install --package-lock-only` runs this before any package is installed: nothing to bundle
// with yet, and the launcher runs the sources through tsx until the bundle exists.
const esbuild = await import('esbuild').catch(() => null);
if (!esbuild) {
  console.warn('wangge: esbuild is not installed yet; the CLI will run from its TypeScript sources.');
  process.exit(0);
}
const { build } = esbuild;

const root = fileURLToPath(new URL('../..', import.meta.url));

await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${root}dist/cli/wangge.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __wgRequire } from 'node:module'; const require = __wgRequire(import.meta.url);",
  },
});

// `wangge/db` (plan history in PostgreSQL) for portal backends on Node: one file, no dependencies
// (the caller passes its own `pg` client); it reads the SQL from src/db/migrations, shipped beside it.
await build({
  entryPoints: [`${root}src/db/index.ts`],
  outfile: `${root}dist/db/index.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
