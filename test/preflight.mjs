#!/usr/bin/env node
/**
 * What the test suites need from the machine, checked before any build: `node test/preflight.mjs`
 * (`npm test` runs it first, `.ci/run` too: one script, not two copies). `--bench` checks what the
 * benchmarks need as well.
 *
 * - Chromium (`CHROME_PATH`, else Debian's /usr/bin/chromium) and a CJK font: the browser suites
 *   and the Storybook check cannot run without them.
 * - PostgreSQL with PostGIS: the vector tile suites skip, saying why, when it cannot be had.
 * - `gpmetis` (Debian's metis), with `--bench` only: the partition benchmark's METIS rows.
 *
 * What is missing is installed with apt-get when this is root on Debian, saying what and why; when it
 * cannot be (not root, no apt-get, offline), the check stops at once with one line naming the missing
 * package and the command that installs it. Plain Node, no dependencies: it runs before `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The file `name` on PATH, if any. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The PostgreSQL binaries of the newest installed major version that has PostGIS, if any. */
export function findPostgres() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  for (const version of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    const bin = join(base, version, 'bin');
    if (
      existsSync(join(bin, 'initdb')) &&
      existsSync(`/usr/share/postgresql/${version}/extension/postgis.control`)
    )
      return { bin, version };
  }
  return undefined;
}

function hasCjkFont() {
  const fcList = onPath('fc-list');
  if (!fcList) return false;
  const out = spawnSync(fcList, [':lang=zh', 'family'], { encoding: 'utf8', timeout: 20_000 });
  return out.status === 0 && out.stdout.trim().length > 0;
}

/** Each need: whether it is met, the Debian packages that meet it, why, and whether tests stop without it. */
function needs(bench) {
  const chromePath = process.env.CHROME_PATH;
  return [
    {
      name: 'Chromium',
      met: () => executable(chromePath || '/usr/bin/chromium'),
      // A CHROME_PATH that points nowhere is the user's choice: installing Debian's build does not fix it.
      packages: chromePath ? [] : ['chromium'],
      why: 'the browser suites and the Storybook check run in it',
      fatal: true,
      missing: chromePath
        ? `CHROME_PATH=${chromePath} is not an executable file: point CHROME_PATH at a Chromium or Chrome binary, or unset it to use Debian's chromium (apt-get install chromium)`
        : 'Chromium not found at /usr/bin/chromium: apt-get install chromium (as root), or set CHROME_PATH to a Chromium or Chrome binary',
    },
    {
      name: 'a CJK font',
      met: hasCjkFont,
      packages: ['fonts-wqy-microhei'],
      why: 'grid and station names are Chinese; screenshots and label checks need the glyphs',
      fatal: true,
      missing: 'no CJK font (fc-list :lang=zh is empty): apt-get install fonts-wqy-microhei (as root)',
    },
    {
      name: 'PostgreSQL with PostGIS',
      met: () => findPostgres() !== undefined,
      packages: ['postgresql', 'postgresql-postgis'],
      why: 'the vector tile and plan history suites run against a throwaway cluster',
      fatal: false,
      missing:
        'PostgreSQL with PostGIS not found: the PostGIS suites will skip (apt-get install postgresql postgresql-postgis, as root, runs them)',
    },
    ...(bench
      ? [
          {
            name: 'gpmetis',
            met: () => onPath('gpmetis') !== undefined,
            packages: ['metis'],
            why: 'the partition benchmark prints METIS beside ours',
            fatal: false,
            missing: 'gpmetis not found: the METIS rows will be skipped (apt-get install metis, as root)',
          },
        ]
      : []),
  ];
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 900_000 });
  let r = run(['install', '-y', '-qq', ...packages]);
  if (r.status !== 0) {
    // The package lists may be stale or absent on a fresh machine.
    run(['update', '-qq']);
    r = run(['install', '-y', '-qq', ...packages]);
  }
  return r.status === 0 ? null : (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').pop();
}

export function preflight({ bench = false, log = console.log } = {}) {
  const all = needs(bench);
  let missing = all.filter((n) => !n.met());
  const installable = missing.filter((n) => n.packages.length > 0);
  const canInstall = process.getuid?.() === 0 && onPath('apt-get') !== undefined;
  if (installable.length && canInstall) {
    const packages = installable.flatMap((n) => n.packages);
    log(
      `preflight: installing ${packages.join(' ')} with apt-get (${installable.map((n) => `${n.name}: ${n.why}`).join('; ')})`,
    );
    const failure = aptInstall(packages);
    if (failure) log(`preflight: apt-get install ${packages.join(' ')} failed: ${failure}`);
    missing = all.filter((n) => !n.met());
  }
  const fatal = missing.filter((n) => n.fatal);
  for (const n of missing.filter((m) => !m.fatal)) log(`preflight: ${n.missing}`);
  if (fatal.length) return { ok: false, message: `preflight: ${fatal.map((n) => n.missing).join('; ')}` };
  return { ok: true, message: '' };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = preflight({ bench: process.argv.includes('--bench') });
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
