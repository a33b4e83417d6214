// README, "The contract: documented or our default": each default of the REST client can be
// overridden as the override column says. Pinned here where no other test holds the override:
// `endpoints: { name: { kind } }` (which requests are retried), `retry` (attempts: 1 switches the
// retry of reads off) and `maxResponseBytes` (a smaller cap than the 10 MiB default).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient, isBridgeError } from '../../dist/http.js';

const TOKEN = Buffer.from('api:8f14e45f-ceea-4e7a-9b7c-2c9f1b2a3d4e').toString('base64');
const CREDENTIALS = { user: 'api', password: 'Sup3r-s3cret-docs' };

/** A client whose fetch logs in and answers every other request with `answer`; `tries(path)` counts requests to a path. */
function client(answer, options = {}) {
  const paths = [];
  const fetch = async (url) => {
    const path = new URL(url).pathname;
    paths.push(path);
    const r = path.endsWith('/auth/getUserToken') ? { status: 200, body: JSON.stringify(TOKEN) } : answer;
    return { status: r.status, headers: new Headers(r.headers ?? {}), text: async () => r.body ?? '' };
  };
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: CREDENTIALS, fetch, log: captureLog,
    retry: { baseDelayMs: 1 }, ...options });
  return { uc, tries: (end) => paths.filter((p) => p.endsWith(end)).length };
}

test("endpoints: { name: { kind } } decides what is retried: a write made a read is retried, a read made a write is sent once; the path stays", async () => {
  const { uc, tries } = client({ status: 503 }, { endpoints: { hangupPhone: { kind: 'read' }, campaignsSummary: { kind: 'write' } } });
  assert.deepEqual(uc.endpoints.hangupPhone, { path: 'Agents/HangupPhone', kind: 'read', tag: 'doc' });
  assert.deepEqual(uc.endpoints.campaignsSummary, { path: 'Supervisor/campaignssummary', kind: 'write', tag: 'profile' });
  await assert.rejects(uc.hangupPhone({ phone: '1001' }), (e) => isBridgeError(e, 'HTTP_ERROR') && e.status === 503);
  await assert.rejects(uc.campaignsSummary(), (e) => isBridgeError(e, 'HTTP_ERROR') && e.status === 503);
  assert.equal(tries('/Agents/HangupPhone'), 3);
  assert.equal(tries('/Supervisor/campaignssummary'), 1);
});

test('retry: { attempts: 1 } sends a read once', async () => {
  const { uc, tries } = client({ status: 502 }, { retry: { attempts: 1 } });
  await assert.rejects(uc.getRecordings({ guid: 'g-1' }), (e) => isBridgeError(e, 'HTTP_ERROR') && e.status === 502);
  assert.equal(tries('/Recordings/GetRecordings'), 1);
});

test('maxResponseBytes lowers the 10 MiB cap: a larger declared answer is RESPONSE_TOO_LARGE, never retried', async () => {
  const { uc, tries } = client({ status: 200, body: '[]', headers: { 'content-length': '1025' } }, { maxResponseBytes: 1024 });
  await assert.rejects(uc.campaignsSummary(), (e) => isBridgeError(e, 'RESPONSE_TOO_LARGE') && /larger than 1024 bytes/.test(e.message));
  assert.equal(tries('/Supervisor/campaignssummary'), 1);
  const { uc: fits } = client({ status: 200, body: '[]', headers: { 'content-length': '1024' } }, { maxResponseBytes: 1024 });
  assert.deepEqual(await fits.campaignsSummary(), []);
});
