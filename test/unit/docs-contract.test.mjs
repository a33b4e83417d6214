// README, "The contract: documented or our default": each default of the REST client can be
// overridden as the override column says. Pinned here where no other test holds the override:
// `endpoints: { name: { kind } }` (which requests are retried), `retry` (attempts: 1 switches the
// retry of reads off) and `maxResponseBytes` (a smaller cap than the 10 MiB default).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient, formatCallsBaseRecord, isBridgeError } from '../../dist/http.js';

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

// README, the calls-base row: the `timezone` field is our default. Overrides: leave `timeZone` out,
// or send the chunk yourself with request() under the field name your server wants (lines from
// formatCallsBaseRecord); an SMS base goes to SMS/uploadbase the same way.
test("uploadbase's timezone field: left out without timeZone; request() sends a base with the fields the server wants", async () => {
  const sent = [];
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    sent.push({ path, fields: Object.fromEntries(new URLSearchParams(String(init.body ?? ''))) });
    return { status: 200, headers: new Headers(), text: async () => (path.endsWith('/auth/getUserToken') ? JSON.stringify(TOKEN) : '1') };
  };
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: CREDENTIALS, fetch, log: captureLog });
  await uc.uploadCallsBase({ campaign: 'Sales->', filename: 'base1', records: [{ phone: '099123456' }] });
  assert.deepEqual(Object.keys(sent.at(-1).fields), ['filename', 'fileb64', 'campaign', 'cant', 'username']);
  const fileb64 = Buffer.from(`${formatCallsBaseRecord('Sales->', { phone: '099123456' })}\n`).toString('base64');
  for (const path of ['Dialers/uploadbase', 'SMS/uploadbase']) {
    assert.equal(await uc.request(path, { filename: 'base2', fileb64, campaign: 'Sales->', cant: '1', username: 'api', tz: 'America/Montevideo' }), '1');
    assert.deepEqual(sent.at(-1), {
      path: `/Integra/resources/${path}`,
      fields: { filename: 'base2', fileb64, campaign: 'Sales->', cant: '1', username: 'api', tz: 'America/Montevideo' },
    });
  }
});

// README, the endpoints row: every endpoint the contract tags [profile] (deletions, blacklist paths,
// recordings, campaigns summary) and the DialerTask modes (through dialerTask's row) go where
// `endpoints` points them.
test('endpoints: { name: { path } } moves every [profile] endpoint, and the DialerTask modes with dialerTask', async () => {
  const sent = [];
  const fetch = async (url) => {
    const path = new URL(url).pathname;
    sent.push(path);
    const body = path.endsWith('/auth/getUserToken') ? JSON.stringify(TOKEN) : /Recordings|Summary/.test(path) ? '[]' : /Convert/.test(path) ? 'a.mp3' : '1';
    return { status: 200, headers: new Headers(), text: async () => body };
  };
  const names = ['deleteDialerContact', 'deleteScheduledCall', 'addBlacklist', 'addBlacklistMultiple', 'removeBlacklist', 'removeBlacklistMultiple',
    'getRecordings', 'convertRecording', 'tagRecording', 'campaignsSummary', 'dialerTask'];
  const endpoints = Object.fromEntries(names.map((n) => [n, { path: `Acme/${n[0].toUpperCase()}${n.slice(1)}` }]));
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: CREDENTIALS, fetch, log: captureLog, endpoints });
  const target = { campaign: 'Sales->', destination: '099123456' };
  const entry = { phone: '099123456', campaign: '*' };
  const calls = {
    deleteDialerContact: () => uc.deleteDialerContact(target), deleteScheduledCall: () => uc.deleteScheduledCall(target),
    addBlacklist: () => uc.addBlacklist(entry), addBlacklistMultiple: () => uc.addBlacklistMultiple([entry]),
    removeBlacklist: () => uc.removeBlacklist(entry), removeBlacklistMultiple: () => uc.removeBlacklistMultiple([entry]),
    getRecordings: () => uc.getRecordings({ guid: 'g-1' }), convertRecording: () => uc.convertRecording({ guid: 'g-1', format: 'mp3' }),
    tagRecording: () => uc.tagRecording({ guid: 'g-1', tag: 'vip' }), campaignsSummary: () => uc.campaignsSummary(),
    dialerTask: () => uc.dialerTask({ ...target, calldate: null, automatic: true }),
  };
  for (const name of names) {
    await calls[name]();
    assert.equal(sent.at(-1), `/Integra/resources/${endpoints[name].path}`, name);
  }
  for (const mode of [() => uc.dialerInsert(target), () => uc.dialerInsertWithPriority({ ...target, priority: 2 }),
    () => uc.dialerClickToCall({ ...target, agent: 'agent1001' }), () => uc.dialerScheduleForAnyAgent({ ...target, calldate: '2026-12-24 10:30:00' })]) {
    await mode();
    assert.equal(sent.at(-1), '/Integra/resources/Acme/DialerTask');
  }
});
