// A NETWORK_ERROR's `cause` is a copy of what fetch threw. Some fetches name the request's URL in
// their message (node-fetch and minipass-fetch: `request to <url> failed, reason: …`; Deno: `error
// sending request for url (<url>)`), and the URL holds a GET's query (`?phone=095987123&…`) or a
// raw path's digits (`Contacts/Find/099123456`): in the copy's message and stack, and its causes',
// the URL is the one the library shows elsewhere (the root and the path, digits hidden, no query).
// What fetch threw is not changed, causes without the URL are kept as they are, and no log event
// of the failed request names the query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:8c3f0a52-1b7e-4d2a-9f61-0d5e3c2b1a90').toString('base64');
const PHONE = '095987123';
class FetchError extends Error {}

function client(fail, baseUrl = 'https://acme.example.com') {
  const events = [];
  const thrown = [];
  const uc = createUContactClient({ baseUrl, credentials: { token: TOKEN }, retry: { attempts: 2, baseDelayMs: 0 }, log: (e) => events.push(e),
    fetch: async (url) => {
      const e = fail(url);
      thrown.push(e);
      throw e;
    } });
  return { uc, events, thrown };
}

const causes = (e) => {
  const all = [];
  for (let c = e.cause; c; c = c.cause) all.push(c);
  return all;
};
const text = (e) => JSON.stringify([e.message, ...causes(e).map((c) => [c.message, c.stack])]);

test("node-fetch's FetchError naming a GET's URL: its copy names the shown URL, no phone number of the query or path", async () => {
  for (const [to, shown] of [['InboundSMS/ReceiveURLSMS', 'https://acme.example.com/Integra/resources/InboundSMS/ReceiveURLSMS'],
    ['Contacts/Find/099123456', 'https://acme.example.com/Integra/resources/Contacts/Find/#'],
    ['/IntegraChannels/resources/Find/099123456', 'https://acme.example.com/IntegraChannels/resources/Find/#']]) {
    const { uc, events, thrown } = client((url) => new FetchError(`request to ${url} failed, reason: socket hang up`));
    const err = await uc.request(to, { phone: PHONE, message: 'hi' }, { method: 'GET' }).catch((x) => x);
    assert.equal(err.code, 'NETWORK_ERROR');
    assert.ok(!text(err).includes(PHONE), text(err));
    assert.equal(err.cause.message, `request to ${shown} failed, reason: socket hang up`);
    assert.ok(err.cause.stack.includes(`request to ${shown} failed`), err.cause.stack);
    assert.ok(!err.cause.stack.includes(PHONE) && !err.cause.stack.includes('phone='));
    assert.ok(err.cause instanceof Error && err.cause !== thrown.at(-1));
    // What fetch threw is not changed.
    assert.ok(thrown.at(-1).message.includes(`phone=${PHONE}`));
    // Every log event of the failed requests (request, retry, error): no query, no phone number.
    assert.ok(events.some((x) => x.type === 'retry') && events.some((x) => x.type === 'error'));
    assert.ok(!JSON.stringify(events).includes(PHONE) && !JSON.stringify(events).includes('phone'), JSON.stringify(events));
  }
});

test('the URL as its href (the sent text: a baseUrl is kept normalised), in a nested cause too; causes without it are kept', async () => {
  for (const baseUrl of ['https://ACME.example.com:443/uc/', 'http://10.0.0.5:8080', 'https://acme.example.com/a%20b/Integra/resources//']) {
    const { uc } = client((url) => {
      const href = new URL(url).href;
      assert.equal(href, url);
      // undici's own: "fetch failed", its cause without the URL (kept as it is).
      const inner = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8080') });
      return new Error(`error sending request for url (${href})`, { cause: new FetchError(`request to ${href} failed`, { cause: inner }) });
    }, baseUrl);
    const err = await uc.request('Contacts/Find/099123456', { phone: PHONE }, { method: 'GET' }).catch((x) => x);
    assert.equal(err.code, 'NETWORK_ERROR');
    assert.ok(!text(err).includes(PHONE) && !text(err).includes('099123456'), text(err));
    const [a, b, c] = causes(err);
    const shown = `${new URL(baseUrl).origin}`;
    assert.ok(a.message.startsWith(`error sending request for url (${shown}`) && a.message.endsWith('/Integra/resources/Contacts/Find/#)'), a.message);
    assert.ok(b.message.startsWith(`request to ${shown}`) && b.message.endsWith('/Contacts/Find/# failed'), b.message);
    assert.equal(c.message, 'fetch failed');
    assert.equal(c.cause.message, 'connect ECONNREFUSED 127.0.0.1:8080');
  }
});

test('a copy that is no object, or whose message is no string, is left as it is', async () => {
  for (const [thrown, check] of [[`request to x failed`, (c) => c === 'request to x failed'], [{ message: 42, stack: null }, (c) => c.message === 42 && c.stack === null]]) {
    const { uc } = client(() => thrown);
    const err = await uc.request('Contacts/Find/099123456', {}, { method: 'GET' }).catch((x) => x);
    assert.equal(err.code, 'NETWORK_ERROR');
    assert.ok(check(err.cause), String(err.cause));
  }
});

// Every string of the copy, not only an Error's message and stack: a fetch or a wrapper may throw a
// string, or a plain object (structured clone keeps all of its properties) with the URL in `url`,
// `request.url` or `config.url`, or an Error whose cause is such an object.
test('a string thrown, a plain object and an Error whose cause is one: the URL in any of their strings is the shown one', async () => {
  const shown = 'https://acme.example.com/Integra/resources/Contacts/Find/#';
  for (const [make, check] of [
    [(url) => `request to ${url} failed`, (c) => c === `request to ${shown} failed`],
    [(url) => ({ message: 'Network Error', url, request: { url }, config: { url, method: 'get' }, list: [`GET ${url}`] }),
      (c) => c.url === shown && c.request.url === shown && c.config.url === shown && c.list[0] === `GET ${shown}` && c.config.method === 'get'],
    [(url) => new Error('fetch failed', { cause: { url, cause: { input: url } } }), (c) => c.cause.url === shown && c.cause.cause.input === shown],
  ]) {
    const { uc } = client(make);
    const err = await uc.request('Contacts/Find/099123456', { phone: PHONE }, { method: 'GET' }).catch((x) => x);
    assert.equal(err.code, 'NETWORK_ERROR');
    assert.ok(check(err.cause), JSON.stringify(err.cause));
  }
});

test('a plain object whose properties loop: each is cleaned once, the copy keeps its loops', async () => {
  const { uc } = client((url) => {
    const o = { url, inner: { url } };
    o.self = o;
    o.inner.up = o;
    o.cause = o;
    return o;
  });
  const err = await uc.request('Contacts/Find/099123456', { phone: PHONE }, { method: 'GET' }).catch((x) => x);
  assert.equal(err.code, 'NETWORK_ERROR');
  const c = err.cause;
  assert.ok(c.self === c && c.cause === c && c.inner.up === c);
  assert.equal(c.url, 'https://acme.example.com/Integra/resources/Contacts/Find/#');
  assert.equal(c.inner.url, c.url);
});

test("bytes in a plain object thrown (a body's typed array) are kept and not walked: 10 MB of them took seconds", async () => {
  const data = new Uint8Array(10_000_000).fill(7);
  const { uc } = client((url) => ({ url, data }));
  const started = performance.now();
  const err = await uc.request('Contacts/Find/099123456', { phone: PHONE }, { method: 'GET' }).catch((x) => x);
  const ms = performance.now() - started;
  assert.equal(err.code, 'NETWORK_ERROR');
  assert.equal(err.cause.url, 'https://acme.example.com/Integra/resources/Contacts/Find/#');
  assert.ok(err.cause.data instanceof Uint8Array && err.cause.data.length === data.length && err.cause.data[9_999_999] === 7);
  // Walked, each of its 10 million indices was read and written back (6 s idle, 2 attempts: twice).
  assert.ok(ms < 2_000, `${ms} ms`);
});

test("a plain object thrown with what it was given (axios-style config.data and config.headers): the login's password and the token are not in its copy", async () => {
  const PASSWORD = 'Sup3r-s3cret-Pw';
  const leaks = [];
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { user: 'supervisor', password: PASSWORD }, retry: { attempts: 1 },
    fetch: async (url, init) => {
      // What a wrapper keeps of a failed request: the body and headers as it was given them.
      throw { message: 'request failed', config: { url, data: init.body, headers: { ...init.headers } }, request: { body: init.body } };
    } });
  const err = await uc.request('Contacts/Find', { phone: PHONE }).catch((x) => x);
  assert.equal(err.code, 'NETWORK_ERROR');
  // The login failed: its body (user=…&password=…) is what the copy held.
  for (const s of [PASSWORD, encodeURIComponent(PASSWORD)]) if (JSON.stringify(err.cause).includes(s)) leaks.push('password');
  assert.deepEqual(leaks, []);
  assert.equal(err.cause.config.data, '…');
  // A session call that fails after the login: its Authorization header and its body (a phone number).
  let n = 0;
  const uc2 = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { token: TOKEN }, retry: { attempts: 1 },
    fetch: async (url, init) => {
      n++;
      throw { message: 'request failed', config: { data: init.body, headers: { ...init.headers } } };
    } });
  const err2 = await uc2.request('Contacts/Find', { phone: PHONE }).catch((x) => x);
  assert.equal(n, 1);
  const copy = JSON.stringify(err2.cause);
  assert.ok(!copy.includes(TOKEN) && !copy.includes(PHONE), copy);
  assert.equal(err2.cause.config.headers.Authorization, '…');
});
