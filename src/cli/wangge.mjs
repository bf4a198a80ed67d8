#!/usr/bin/env node
// Launcher: runs the bundled CLI (built by `npm install`), or the TypeScript sources through tsx
// when the bundle is missing or older than them, so `wangge` always runs the current code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const bundle = fileURLToPath(new URL('../../dist/cli/wangge.mjs', import.meta.url));

function newestSource() {
  let newest = 0;
  for (const dir of [here, `${here}../core`]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true })) {
      if (String(name).endsWith('.ts')) newest = Math.max(newest, statSync(`${dir}/${name}`).mtimeMs);
    }
  }
  return newest;
}

if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
