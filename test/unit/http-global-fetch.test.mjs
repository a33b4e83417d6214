// The global fetch is the one in place when a call is made, not the one there when the client was
// made. A client made at a module's top level (as the README's Node back end does) outlives later
// patches of globalThis.fetch: a test's mock (msw's setupServer().listen() in beforeAll, a
// vi.stubGlobal), a tracer's (Sentry, OpenTelemetry), a framework's (Next.js). Holding the first one,
// a test's calls went to the real instance, credentials included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiTokenClient, createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:0b9d3c52-5a1e-4c1f-9a4e-1f2d3c4b5a69').toString('base64');

test('both clients use globalThis.fetch as it is at each call, and still refuse to start without one', async (t) => {
  const original = globalThis.fetch;
  t.after(() => { globalThis.fetch = original; });
  // Made first, as at a module's top level; the instance is unreachable: only the patch may answer.
  const uc = createUContactClient({ baseUrl: 'http://127.0.0.1:9', credentials: { token: TOKEN }, retry: { attempts: 1 } });
  const api = createApiTokenClient({ baseUrl: 'http://127.0.0.1:9', token: 'ucx-sim-api-token-0001', retry: { attempts: 1 } });
  const seen = [];
  globalThis.fetch = function patched(url) {
    seen.push([new URL(url).pathname, this === globalThis]);
    return Promise.resolve(new Response(url.includes('/api/') ? '{"result":{"accepted":1}}' : '1', { status: 200 }));
  };
  assert.equal(await uc.hangupPhone({ phone: '1001' }), '1');
  assert.deepEqual(await api.freshLeads('Sales', { clientIds: ['099123456'] }), { result: { accepted: 1 } });
  assert.deepEqual(seen, [['/Integra/resources/Agents/HangupPhone', true], ['/api/dialer/id/Sales/freshLeads', true]]);
  delete globalThis.fetch;
  assert.throws(() => createUContactClient({ baseUrl: 'http://127.0.0.1:9', credentials: { token: TOKEN } }),
    { name: 'BridgeError', code: 'INVALID_ARGUMENT', message: /fetch/ });
});

test("under a jsdom test environment (vitest's and jest's put jsdom's Blob, which has no arrayBuffer(), on the global) an answer is read, not NETWORK_ERROR", async (t) => {
  const NodeBlob = globalThis.Blob;
  t.after(() => { globalThis.Blob = NodeBlob; });
  // jsdom's Blob as far as it goes (jsdom/jsdom#2555, jsdom 20 to 26): size, type and slice; no arrayBuffer, text or stream.
  globalThis.Blob = class Blob {
    constructor(parts = []) { this.size = new NodeBlob(parts).size; this.type = ''; }
    slice() { return new Blob(); }
  };
  // Node's fetch answers with a web stream (here in two pieces, one character cut in two).
  const bytes = new TextEncoder().encode('{"result":{"accepted":1,"note":"Atención"}}');
  const api = createApiTokenClient({
    baseUrl: 'http://127.0.0.1:9', token: 'ucx-sim-api-token-0001', retry: { attempts: 1 },
    fetch: async () => new Response(new ReadableStream({
      start(c) { c.enqueue(bytes.subarray(0, 39)); c.enqueue(bytes.subarray(39)); c.close(); },
    }), { status: 200 }),
  });
  assert.deepEqual(await api.freshLeads('Sales', { clientIds: ['099123456'] }), { result: { accepted: 1, note: 'Atención' } });
});

// README, "Nothing comes from the browser's HTTP cache": a runtime whose fetch refuses `cache`
// (Cloudflare Workers before compatibility date 2024-11-11 throw at the call) fails every call with
// NETWORK_ERROR; a `fetch` that drops the member, as README says, makes the same calls work.
test("a fetch that refuses `cache` (an old Workers runtime): NETWORK_ERROR; README's fetch without it works", async () => {
  const workers = (url, init) => {
    if (init && 'cache' in init) throw new TypeError("The 'cache' field on 'RequestInitializerDict' is not implemented.");
    return Promise.resolve(new Response('1', { status: 200 }));
  };
  const make = (fetch) => createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: TOKEN }, retry: { attempts: 1 }, fetch });
  await assert.rejects(make(workers).hangupPhone({ phone: '1001' }), { name: 'BridgeError', code: 'NETWORK_ERROR' });
  const dropsCache = (url, init) => workers(url, Object.fromEntries(Object.entries(init).filter(([k]) => k !== 'cache')));
  assert.equal(await make(dropsCache).hangupPhone({ phone: '1001' }), '1');
});
