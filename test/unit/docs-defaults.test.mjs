// The defaults the README, the docs and the JSDoc state, pinned on the built bundles where no other
// test pins the value itself (other tests pass their own values): the portal's default timeouts of a
// raw send, a framework helper and a confirmed closeForm (30000 / 10000), the uPhone's readyTimeoutMs and
// command timeoutMs (30000), the REST clients' retry of reads ({attempts: 3, baseDelayMs: 250,
// maxDelayMs: 4000}), uploadCallsBase's chunkSize (50000), and what a write's failure says about
// whether the server acted (README "Writes are sent once", SECURITY.md, docs/api-tokens.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connectPortal } from '../../dist/index.js';
import { embedUPhone, isBridgeError } from '../../dist/uphone.js';
import { createApiTokenClient, createUContactClient } from '../../dist/http.js';
import { deliver, framed } from './helpers/fake-window.mjs';
import { hostPage, PHONE_ORIGIN } from './helpers/uphone-fakes.mjs';
import { track } from './helpers/track.mjs';

const flush = () => new Promise((r) => setImmediate(r));
const TOKEN = Buffer.from('api:8f14e45f-ceea-4e7a-9b7c-2c9f1b2a3d4e').toString('base64');

test('uPhone: ready gives up NOT_READY after 30000 ms by default (README: readyTimeoutMs (30000)), and a queued command with it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { container } = hostPage();
  const phone = embedUPhone({ container, instance: 'acme.ucontactcloud.com', log: captureLog });
  const ready = track(phone.ready);
  const call = track(phone.makeCall({ number: '099123456', campaign: 'Sales' }));
  t.mock.timers.tick(29_999);
  await flush();
  assert.equal(ready.settled, false, 'still waiting at 29999 ms');
  assert.equal(call.settled, false);
  t.mock.timers.tick(1);
  await flush();
  assert.ok(isBridgeError(ready.e, 'NOT_READY') && /within 30000 ms/.test(ready.e.message), ready.e?.message);
  assert.ok(isBridgeError(call.e, 'NOT_READY') && /^makeCall: not sent/.test(call.e.message), call.e?.message);
  phone.destroy();
});

test('uPhone: a command waiting for its echo gives up TIMEOUT after 30000 ms by default (README: timeoutMs (30000))', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { container, doc, host } = hostPage();
  const phone = embedUPhone({ container, instance: 'acme.ucontactcloud.com', readyTimeoutMs: 1000, log: captureLog });
  const frame = doc.created[0].contentWindow;
  deliver(host, { data: { action: 'agentLogin', params: {} }, origin: PHONE_ORIGIN, source: frame });
  await phone.ready;
  const echo = track(phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }));
  // Without waitForEcho a command resolves once posted: no TIMEOUT is possible.
  assert.deepEqual(await phone.makeCall({ number: '099123456', campaign: 'Sales' }), { action: 'makeCall', echoed: false });
  t.mock.timers.tick(29_999);
  await flush();
  assert.equal(echo.settled, false, 'still waiting at 29999 ms');
  t.mock.timers.tick(1);
  await flush();
  assert.ok(isBridgeError(echo.e, 'TIMEOUT') && /no echo within 30000 ms/.test(echo.e.message), echo.e?.message);
  phone.destroy();
});

// README `timeouts`: "call, callWithPhone and a send answered by a guid 30000; others 10000", whichever
// way the request goes (portal-clock pins call and a confirmed hangup over Porthole).
const CALL = { campaign: 'Sales->', destination: '099123456' };
const never = () => new Promise(() => {});
for (const [what, start, ms] of [
  ["send with reply: 'guid'", (p) => p.send({ action: 'crmCall' }, { reply: 'guid' }), 30_000],
  ["send with reply: 'action'", (p) => p.send({ action: 'crmNote' }, { reply: 'action' }), 10_000],
  // A call's own action waits in the calls' lane, answered by a guid (PortalOptions.timeouts).
  ["send of the action call with reply: 'action'", (p) => p.send({ action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456' }, { reply: 'action' }), 30_000],
  ['call through UC_makeCall_async', (p, form) => { form.UC_makeCall_async = never; return p.call(CALL); }, 30_000],
  ['disposition through UC_DispositionCall_async', (p, form) => {
    form.UC_DispositionCall_async = never;
    return p.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '099123456', guid: 'g-1' });
  }, 10_000],
  ['closeForm with confirm: true', (p) => p.closeForm({ confirm: true }), 10_000],
]) {
  test(`portal: ${what} times out after ${ms} ms by default`, async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let now = 0;
    t.mock.method(performance, 'now', () => now);
    const { form } = framed();
    const portal = connectPortal({ window: form, persistPending: false, log: captureLog });
    const r = track(start(portal, form));
    const tick = async (step) => {
      now += step;
      t.mock.timers.tick(step);
      await flush();
    };
    await tick(ms - 1);
    assert.equal(r.settled, false, `still waiting at ${ms - 1} ms`);
    await tick(1);
    assert.ok(isBridgeError(r.e, 'TIMEOUT') && r.e.message.includes(`within ${ms} ms`), r.e?.message);
    portal.destroy();
  });
}

// README `lateReplyWindowMs` (10000) and docs/correlation.md section 3: a request that gave up keeps
// its slot 10 s by default, counted from giving up; a call waiting behind it is sent when it closes.
for (const late of [true, false]) {
  test(`portal: a request that gave up keeps its slot 10000 ms by default${late ? ': a reply at 9999 ms is swallowed' : ', then the next call goes out'}`, async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let now = 0;
    t.mock.method(performance, 'now', () => now);
    const tick = async (step) => {
      now += step;
      t.mock.timers.tick(step);
      await flush();
    };
    const events = [];
    const { portal: parent, form, reply } = framed();
    const portal = connectPortal({ window: form, persistPending: false, log: (e) => { captureLog(e); events.push(e.type); } });
    const heard = [];
    portal.on('message', (data) => heard.push(data));
    const first = track(portal.call(CALL, { timeoutMs: 100 }));
    await tick(100);
    assert.ok(isBridgeError(first.e, 'TIMEOUT'), first.e?.message);
    const second = track(portal.call(CALL, { timeoutMs: 60_000 }));
    await tick(9_999);
    assert.equal(parent.posted.length, 1, 'the second call waits behind the stale slot');
    if (late) {
      reply({ guid: 'late-answer-1' });
      await flush();
      assert.ok(events.includes('stale-reply'), 'the late reply is swallowed');
      assert.equal(second.settled, false, 'it did not answer the second call');
      assert.deepEqual(heard, [], 'nor reached a listener');
    } else {
      await tick(1);
    }
    assert.equal(parent.posted.length, 2, 'the slot is free: the second call is sent');
    reply({ guid: 'answer-2' });
    await flush();
    assert.equal(second.v?.guid, 'answer-2');
    portal.destroy();
  });
}

/** A fetch that logs in, then answers each request with `answer(path, n)` (n counts that path's requests). */
function fakeFetch(answer) {
  const calls = [];
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    calls.push({ path, at: performance.now(), fields: new URLSearchParams(init.body ?? '') });
    const n = calls.filter((c) => c.path === path).length;
    const r = path.endsWith('/auth/getUserToken') ? { status: 200, body: JSON.stringify(TOKEN) } : answer(path, n);
    return { status: r.status, headers: new Headers(r.headers ?? {}), text: async () => r.body ?? '' };
  };
  return { fetch, calls };
}
const CREDENTIALS = { user: 'api', password: 'Sup3r-s3cret-docs' };

test('REST: reads are tried 3 times in all by default, 250 ms then 500 ms apart; writes once (README: retry default)', async (t) => {
  // Timers faked, and performance.now() (the gaps' clock): with real time, upper bounds on the
  // gaps (2 s, 2.5 s) failed on a stall of the process (a loaded machine's) during a backoff.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  t.mock.method(performance, 'now', () => now);
  const { fetch, calls } = fakeFetch(() => ({ status: 503, body: 'busy' }));
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: CREDENTIALS, fetch, log: captureLog });
  const read = track(uc.campaignsSummary());
  for (let i = 0; i < 1000 && !read.settled; i++) {
    await flush();
    now += 1;
    t.mock.timers.tick(1);
  }
  assert.ok(isBridgeError(read.e, 'HTTP_ERROR') && read.e.status === 503);
  const reads = calls.filter((c) => c.path.endsWith('/Supervisor/campaignssummary'));
  assert.equal(reads.length, 3);
  assert.deepEqual(reads.slice(1).map((c, i) => c.at - reads[i].at), [250, 500]);
  await assert.rejects(uc.hangupPhone({ phone: '1001' }), (e) => isBridgeError(e, 'HTTP_ERROR'));
  assert.equal(calls.filter((c) => c.path.endsWith('/Agents/HangupPhone')).length, 1, 'a write is sent once');
});

test('REST: the retry delay doubles up to maxDelayMs, 4000 ms by default', async (t) => {
  // Ten attempts from 1000 ms: 1000, 2000, 4000, then 4000 (the cap), not 8000. Timers faked.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { fetch, calls } = fakeFetch(() => ({ status: 502 }));
  let now = 0;
  t.mock.method(performance, 'now', () => now);
  const api = createApiTokenClient({ baseUrl: 'https://acme.example.com', token: 'docs-api-token', fetch, timeoutMs: 0,
    retry: { attempts: 5, baseDelayMs: 1000 }, log: captureLog });
  const read = track(api.request('GET', 'api/things'));
  const tick = async (ms) => {
    for (let i = 0; i < ms; i += 100) {
      now += 100;
      t.mock.timers.tick(100);
      await flush();
    }
  };
  for (let i = 0; i < 5; i++) await flush(); // the first answer is read and its backoff armed at 0 ms
  await tick(11_100);
  assert.equal(read.settled, true, 'five attempts within 1000 + 2000 + 4000 + 4000 ms');
  assert.ok(isBridgeError(read.e, 'HTTP_ERROR'));
  const at = calls.map((c) => c.at);
  assert.deepEqual(at.slice(1).map((x, i) => x - at[i]), [1000, 2000, 4000, 4000]);
});

test('uploadCallsBase: chunks of 50000 records by default (README: chunkSize (50000)), each named with its suffix', async () => {
  const { fetch, calls } = fakeFetch(() => ({ status: 200, body: 'OK' }));
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: CREDENTIALS, fetch, log: captureLog });
  const records = Array.from({ length: 50_001 }, (_, i) => ({ phone: String(20_000_000 + i) }));
  const result = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records });
  const chunks = calls.filter((c) => c.path.endsWith('/Dialers/uploadbase')).map((c) => [c.fields.get('filename'), c.fields.get('cant')]);
  assert.deepEqual(chunks, [['nov-1', '50000'], ['nov-2', '1']]);
  assert.deepEqual([result.stored, result.nextRecord], [['nov-1', 'nov-2'], 50_001]);
});

// README (Quick start, "Writes are sent once"), SECURITY.md and docs/api-tokens.md list the codes
// after which a write may have been done. The upload report, the library's own reading of a write's
// failure, counts a 5xx and an answer over maxResponseBytes as "may have been stored" too.
test('a write answered 5xx or over maxResponseBytes may have been done: the upload calls such a chunk unknown', async () => {
  for (const [answer, code] of [
    [{ status: 500, body: 'stored, then failed' }, 'HTTP_ERROR'],
    [{ status: 200, body: 'OK', headers: { 'content-length': String(2 * 1024 * 1024) } }, 'RESPONSE_TOO_LARGE'],
  ]) {
    const { fetch } = fakeFetch((path, n) => (n === 2 ? answer : { status: 200, body: 'OK' }));
    const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: CREDENTIALS, fetch, maxResponseBytes: 1024 * 1024, log: captureLog });
    const e = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: [{ phone: '099123456' }, { phone: '099123457' }], chunkSize: 1 })
      .then(() => assert.fail('resolved'), (x) => x);
    assert.equal(e.code, code);
    assert.deepEqual([e.upload.stored, e.upload.refused, e.upload.unknown], [['nov-1'], [], ['nov-2']], code);
  }
});

// README `persistPending` and its JSDoc (what an editor shows on hover) quote the same measured
// start-up cost (docs/performance.md): the JSDoc still said 1.1–1.8 ms after the README took 1.0.
test('persistPending: the README row and the JSDoc quote the same first-reply costs', () => {
  const ranges = (text) => [...text.matchAll(/about (\d\.\d)–(\d\.\d) ms/g)].map((m) => `${m[1]}–${m[2]}`);
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n').find((l) => l.startsWith('| `persistPending` |'));
  const d = readFileSync(new URL('../../dist/types/portal/options.d.ts', import.meta.url), 'utf8');
  const jsdoc = d.slice(d.lastIndexOf('/**', d.indexOf('readonly persistPending')), d.indexOf('readonly persistPending')).replace(/\s*\n\s*\*\s*/g, ' ');
  assert.deepEqual(ranges(jsdoc), ranges(readme));
  assert.equal(ranges(readme).length, 2, readme);
});
