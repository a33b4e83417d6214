// The REST clients inside an integrator's own tests, with `fetch` stubbed as msw or a hand-written
// stub does: `Response` objects made in the test, passed as the `fetch` option or put on globalThis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiTokenClient, createUContactClient, isBridgeError } from '../../dist/http.js';

const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
const TOKEN = { token: Buffer.from('api:8f14e45f-ceea-4e7a-9b7c-2c9f1b2a3d4e').toString('base64') };
const counted = (respond) => {
  const calls = [];
  return { calls, fetch: async (url, init) => { calls.push(new URL(url).pathname); return respond(url, init); } };
};

// `Response.error()` is the Fetch standard's network error (type 'error', status 0): the answer a
// stub gives to play a dropped connection. It is no HTTP status: a write's outcome is unknown, a read
// is retried, as when fetch rejects.
test('Response.error() from a stubbed fetch is NETWORK_ERROR (a read retried, a write sent once), not HTTP_ERROR with status 0', async () => {
  const { calls, fetch } = counted(() => Response.error());
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: TOKEN, fetch, retry: { baseDelayMs: 1 }, log: captureLog });
  await assert.rejects(uc.agentCall(CALL), (e) => isBridgeError(e, 'NETWORK_ERROR') && e.status === undefined && !/HTTP 0/.test(e.message));
  assert.equal(calls.length, 1, 'a write is sent once');
  await assert.rejects(uc.campaignsSummary(), (e) => isBridgeError(e, 'NETWORK_ERROR'));
  assert.equal(calls.length, 4, 'a read is tried three times');
  const api = createApiTokenClient({ baseUrl: 'https://acme.example.com', token: 'docs-api-token', fetch, retry: { attempts: 1 }, log: captureLog });
  await assert.rejects(api.interactionMessages('abc'), (e) => isBridgeError(e, 'NETWORK_ERROR'));
});
