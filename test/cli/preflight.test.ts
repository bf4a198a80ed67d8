/**
 * `test/preflight.mjs`, the check `npm test` and `.ci/run` start with: on a machine where the browser
 * is missing and nothing can be installed, it stops at once with one line that names what is missing
 * and how to get it, and a non-zero exit; never a stack trace after minutes of builds.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../preflight.mjs', import.meta.url));
// A PATH with node and nothing else: no apt-get, so nothing can be installed.
const bare = mkdtempSync(join(tmpdir(), 'wangge-preflight-'));
symlinkSync(process.execPath, join(bare, 'node'));
after(() => rmSync(bare, { recursive: true, force: true }));

function run(env: Record<string, string>): {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
} {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

describe('preflight', () => {
  it('CHROME_PATH at a missing file and no apt-get: one line, exit 1, within seconds', () => {
    const missing = join(bare, 'no-such-chrome');
    const r = run({ PATH: bare, CHROME_PATH: missing, HOME: bare });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^preflight: /);
    assert.ok(lines[0]!.includes(`CHROME_PATH=${missing} is not an executable file`), lines[0]);
    assert.match(lines[0]!, /apt-get install chromium/);
    assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at /, 'no stack trace');
    assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  });

  it('names every fatal need on that one line (no font tool on PATH either)', () => {
    const r = run({ PATH: bare, CHROME_PATH: join(bare, 'nope'), HOME: bare });
    const line = r.stderr.trim();
    assert.match(line, /fonts-wqy-microhei/);
    assert.equal(line.split('\n').length, 1);
  });

  it('passes on this machine (what the suites need is here, or was installed)', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 900_000 });
    assert.equal(r.status, 0, r.stderr);
  });
});
