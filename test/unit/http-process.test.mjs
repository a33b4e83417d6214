// The REST client as a Node server's dependency, over a process's lifetime: the built ES module and
// CommonJS entries in child Node processes (--unhandled-rejections=strict) against a loopback server
// of this test. What holds a process open after the work is done, and what Node warns about, shows
// only in a process of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const ENTRIES = {
  esm: `const http = await import(${JSON.stringify(new URL('../../dist/http.js', import.meta.url).href)});`,
  cjs: `const http = (await import('node:module')).createRequire(import.meta.url)(${
    JSON.stringify(fileURLToPath(new URL('../../dist/cjs/http.cjs', import.meta.url)))});`,
};

// A server that answers every request with a written answer, except a login or a path with Stall,
// which it never answers.
async function stallingLogins(fn) {
  const server = createServer((req, res) => {
    if (/auth\/getUserToken|Stall/.test(req.url)) return;
    res.end('"1"');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/**
 * Runs `body` (with `base`, `createUContactClient`, `createApiTokenClient` and `isBridgeError` in scope) in a child Node
 * process; kills it after `limitMs`. Resolves with what it printed, its stderr, its exit code (null
 * when killed) and how long it ran.
 */
function inNode(entry, base, body, limitMs = 15_000) {
  const script = `const base = ${JSON.stringify(base)};\n${ENTRIES[entry]}\nconst { createUContactClient, createApiTokenClient, isBridgeError } = http;\n${body}`;
  const started = Date.now();
  const child = spawn(process.execPath, ['--unhandled-rejections=strict', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const killer = setTimeout(() => child.kill(), limitMs);
  return new Promise((resolve) => child.on('exit', (code) => {
    clearTimeout(killer);
    resolve({ printed: stdout.trim(), stderr, code, ms: Date.now() - started });
  }));
}

const TOKEN = Buffer.from('api:0b1c2d3e-1111-2222-3333-444455556666').toString('base64');

for (const entry of ['esm', 'cjs']) {
  test(`${entry}: 50 concurrent calls sharing one AbortSignal: no MaxListenersExceededWarning; every call answered, or ABORTED when it aborts`, async () => {
    await stallingLogins(async (base) => {
      const out = await inNode(entry, base, `
        process.on('warning', (w) => console.log('warning', w.name));
        const uc = createUContactClient({ baseUrl: base, credentials: { token: ${JSON.stringify(TOKEN)} } });
        const shared = new AbortController();
        const answers = await Promise.all(Array.from({ length: 50 }, () => uc.request('Some/Thing', {}, { signal: shared.signal })));
        // The same signal, aborted while 50 more calls wait: each one ends ABORTED.
        const waiting = Promise.all(Array.from({ length: 50 }, () => uc.request('Stall', {}, { signal: shared.signal }).catch((e) => e.code)));
        setTimeout(() => shared.abort(), 100);
        const aborted = await waiting;
        // A turn for the warning, emitted on the next tick.
        await new Promise((r) => setTimeout(r, 50));
        console.log(answers.filter((a) => a === '"1"').length, aborted.filter((c) => c === 'ABORTED').length);`);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.printed, '50 50', out.stderr);
      assert.doesNotMatch(out.stderr, /MaxListenersExceeded/);
    });
  });

  test(`${entry}: a call that gives up on a stalled login (TIMEOUT, ABORTED, close()) leaves nothing holding Node for the login's 30 s`, async () => {
    await stallingLogins(async (base) => {
      const out = await inNode(entry, base, `
        const uc = createUContactClient({ baseUrl: base, credentials: { user: 'api', password: 'secret' } });
        const code = (p) => p.then(() => 'resolved', (e) => isBridgeError(e) ? e.code : String(e));
        console.log(await code(uc.campaignsSummary({ timeoutMs: 200 })));
        const ctl = new AbortController();
        setTimeout(() => ctl.abort(), 200);
        console.log(await code(uc.campaignsSummary({ signal: ctl.signal })));
        // close() waits for a login under way, to end the session it opens: under its own limit.
        const waiting = code(uc.campaignsSummary({ timeoutMs: 100 }));
        console.log(await code(uc.close({ timeoutMs: 200 })), await waiting);`);
      assert.equal(out.printed, 'TIMEOUT\nABORTED\nTIMEOUT TIMEOUT', out.stderr);
      assert.equal(out.code, 0, `${out.stderr} (killed after ${out.ms} ms: something held the process open)`);
      assert.ok(out.ms < 8_000, `exited after ${out.ms} ms (the login's own limit is 30 s)`);
    });
  });
}

for (const entry of ['esm', 'cjs']) {
  test(`${entry}: an upload of 30 chunks: no MaxListenersExceededWarning (each wait for the next chunk takes its listener off the upload's signal)`, async () => {
    await stallingLogins(async (base) => {
      const out = await inNode(entry, base, `
        process.on('warning', (w) => console.log('warning', w.name));
        const uc = createUContactClient({ baseUrl: base, credentials: { token: ${JSON.stringify(TOKEN)} } });
        const records = Array.from({ length: 30 }, (_, i) => ({ phone: String(99000000 + i) }));
        const r = await uc.uploadCallsBase({ campaign: 'Sales', filename: 'base', records, chunkSize: 1 });
        // The warning is emitted on a next tick (process.emitWarning): an immediate runs after it.
        await new Promise((r) => setImmediate(r));
        console.log(r.chunks, r.unsent);`);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.printed, '30 0', out.stderr);
      assert.doesNotMatch(out.stderr, /MaxListenersExceeded/);
    });
  });
}

// Node stops a process on an unhandled rejection (its default since Node 15): a hook of the caller's
// that is an async function, and fails, must not take the whole server down.
for (const entry of ['esm', 'cjs']) {
  test(`${entry}: an async log hook that rejects (a log sink down) breaks neither the calls nor the process`, async () => {
    await stallingLogins(async (base) => {
      const out = await inNode(entry, base, `
        const log = async () => { throw new Error('log sink down'); };
        const uc = createUContactClient({ baseUrl: base, credentials: { token: ${JSON.stringify(TOKEN)} }, log });
        const api = createApiTokenClient({ baseUrl: base, token: 'an-api-token', log });
        console.log(await uc.request('Some/Thing'), await api.request('GET', '/api/thing', undefined, { parse: 'text' }));
        await new Promise((r) => setTimeout(r, 50));
        console.log('still running');`);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.printed, '"1" "1"\nstill running', out.stderr);
    });
  });
}
