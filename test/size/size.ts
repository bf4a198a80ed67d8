/**
 * Prints the size of every build and fails (exit 1) when our own code is over its budget:
 * `npm run size` after `npm run build:lib && npm run build:standalone`.
 *
 * "Our own code" is the library build's JavaScript (dist/lib) that `wangge/define` loads: its entry and
 * the chunks it imports statically — Wangge plus the small helpers it bundles (Turf modules, gcoord).
 * Not counted: Lit and @lit/* and MapLibre (left to the host to dedupe), MapLibre's CSS (its own chunk)
 * and worker (an asset). The grid editor with its partition engine and worker is loaded only by pages
 * that use `<wg-grid-editor>`; it is printed beside the budget, not in it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_GZIP_BYTES = 40 * 1024;

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function sizes(dir: string, keep: (file: string) => boolean): FileSize[] {
  return files(dir)
    .filter(keep)
    .sort()
    .map((path) => {
      const body = readFileSync(path);
      return { file: relative(root, path), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
}

/** The files a module loads before it runs: itself and, recursively, its static `import … from "./…"`. */
export function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const body = readFileSync(file, 'utf8');
    // Minified ES modules: `import{a as b}from"./chunks/x.js"` or `import"./chunks/y.js"`; not `import("…")`.
    for (const match of body.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(join(dirname(file), match[1]));
    }
  };
  visit(entry);
  return [...seen];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const total = (list: FileSize[], key: 'raw' | 'gzip') => list.reduce((sum, entry) => sum + entry[key], 0);

function table(title: string, list: FileSize[]) {
  console.log(`\n${title}`);
  for (const entry of list)
    console.log(
      `  ${entry.file.padEnd(58)} ${kb(entry.raw).padStart(10)} ${kb(entry.gzip).padStart(10)} gzip`,
    );
  console.log(
    `  ${'total'.padEnd(58)} ${kb(total(list, 'raw')).padStart(10)} ${kb(total(list, 'gzip')).padStart(10)} gzip`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const js = (file: string) => /\.(m?js)$/.test(file);
  let own: FileSize[];
  let all: FileSize[];
  try {
    const eager = new Set(staticClosure(join(root, 'dist/lib/define.js')));
    own = sizes(join(root, 'dist/lib'), (file) => js(file) && !/maplibre/.test(file) && eager.has(file));
    all = sizes(join(root, 'dist/lib'), (file) => js(file) && !/maplibre/.test(file) && !eager.has(file));
  } catch {
    console.error('dist/lib is missing: run `npm run build:lib` first.');
    process.exit(1);
  }
  table('Our own code that `wangge/define` loads (without Lit, MapLibre, its CSS and worker)', own);
  table('Loaded only with the grid editor, or other entry points (not in the budget)', all);
  table(
    'MapLibre pieces the library build carries (not counted)',
    sizes(join(root, 'dist/lib'), (file) => js(file) && /maplibre/.test(file)),
  );
  try {
    table(
      'Standalone build (dist/standalone: everything, for a <script type="module">)',
      sizes(join(root, 'dist/standalone'), (file) => !file.endsWith('.map')),
    );
  } catch {
    console.log('\n(dist/standalone not built: `npm run build:standalone`)');
  }
  const ownGzip = total(own, 'gzip');
  const verdict = ownGzip <= BUDGET_GZIP_BYTES ? 'within' : 'OVER';
  console.log(
    `\nBudget: our own code ${kb(ownGzip)} gzip, ${verdict} the budget of ${kb(BUDGET_GZIP_BYTES)}.`,
  );
  if (ownGzip > BUDGET_GZIP_BYTES) process.exit(1);
}
