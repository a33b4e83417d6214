// bench/ab.mjs, the quick A/B of bench pages (CONTRIBUTING "Benchmarks"), in Debian's Chromium: the
// same page given twice (an A/A run, the noise control of an A/B) is measured as two pages, each
// with its own calls. Keyed by file name, both copies were one page fed both copies' latencies, and
// the A/A ratio read a perfect 1.000x whatever the machine did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('bench ab: the same page given twice is two pages, each timing its own calls', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['bench/ab.mjs', 'form-raw.html', 'form-raw.html'], {
    cwd: ROOT, env: { ...process.env, RUNS: '2', N: '100' }, timeout: 120_000,
  });
  const rows = stdout.split('\n').filter((line) => line.startsWith('form-raw.html'));
  assert.equal(rows.length, 2, stdout);
  for (const row of rows) assert.match(row, /\(200 timed calls\)$/, stdout);
});
