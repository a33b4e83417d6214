// Globals a page's legacy libraries replace (their own Promise, bind): the built entries keep
// working and keep failing with BridgeErrors only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiTokenClient } from '../../dist/http.js';

// A Promise/A+ polyfill of the time over the native one: then and catch, no finally.
const Native = Promise;
function PolyfillPromise(executor) { this.p = new Native(executor); }
PolyfillPromise.prototype.then = function (a, b) { const out = Object.create(PolyfillPromise.prototype); out.p = this.p.then(a, b); return out; };
PolyfillPromise.prototype.catch = function (b) { return this.then(undefined, b); };
PolyfillPromise.resolve = (v) => new PolyfillPromise((r) => r(v));
PolyfillPromise.reject = (e) => new PolyfillPromise((_r, j) => j(e));

test('a page whose Promise is a polyfill without finally: a read retried after a 500 still answers (the backoff called finally)', async () => {
  let calls = 0;
  const fetch = async () => (++calls === 1 ? new Response('busy', { status: 500 }) : new Response('{"result":[{"id":1}]}', { status: 200 }));
  const api = createApiTokenClient({ baseUrl: 'https://acme.example', token: 't', fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
  globalThis.Promise = PolyfillPromise;
  try {
    assert.deepEqual(await api.interactionMessages('int-1'), [{ id: 1 }]);
  } finally {
    globalThis.Promise = Native;
  }
  assert.equal(calls, 2);
});

test('a page whose Promise is a polyfill without finally: the session client logs in and answers', async () => {
  const { createUContactClient } = await import('../../dist/http.js');
  const fetch = async (url) => (String(url).endsWith('auth/getUserToken')
    ? new Response('"c3VwZXJ2aXNvcjoxMjM0NTY3OC0xMjM0LTEyMzQtMTIzNC0xMjM0NTY3ODkwYWI="', { status: 200 })
    : new Response('[]', { status: 200 }));
  const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: { user: 'supervisor', password: 'x-secret-1' }, fetch });
  globalThis.Promise = PolyfillPromise;
  try {
    assert.ok(Array.isArray(await uc.campaignsSummary()));
  } finally {
    globalThis.Promise = Native;
  }
});
