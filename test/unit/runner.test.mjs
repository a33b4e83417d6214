// scripts/test.mjs (npm test) gives every test a time limit: a test that hangs with a handle open
// fails the run instead of holding CI until its own limit. The limit is UCB_TEST_TIMEOUT_MS
// (default 300000: the slowest test takes under 40 s on the development machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('a hanging test fails the run at the per-test limit', () => {
  // Not as a child of this runner: node:test marks its children with NODE_TEST_CONTEXT.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const started = Date.now();
  const run = spawnSync(process.execPath, ['scripts/test.mjs', 'pack', 'test/fixtures/runner/hangs.mjs'], {
    cwd: ROOT, env: { ...env, UCB_TEST_TIMEOUT_MS: '1500' }, encoding: 'utf8', timeout: 60_000,
  });
  assert.equal(run.signal, null, 'the run ended by itself');
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /0 passed, 1 failed/);
  assert.ok(Date.now() - started < 30_000);
});
