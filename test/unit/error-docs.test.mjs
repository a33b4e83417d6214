// The error codes each public method documents (the JSDoc of the shipped .d.ts: what an editor shows
// on hover) against the codes the built code really produces. Each method's documented codes are
// parsed from dist/types; each case below drives the built bundle into one failure (with the fakes
// the other unit tests use: FakeWindow frames, a scripted fetch, the uPhone fakes) and checks that the
// code it rejects or throws with is documented for that method. The last tests check the other way:
// every documented code was seen for its method, and every code the sources raise is in ERROR_CODES,
// in the BridgeErrorCode type and in the README's error table.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import CryptoJS from 'crypto-js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';
import { embedded } from './helpers/uphone-fakes.mjs';
import { ERROR_CODES, connectPortal, isBridgeError, withFallback } from '../../dist/index.js';
import { createApiTokenClient, createUContactClient, fromFormFramework, restFallback } from '../../dist/http.js';
import { decryptCti, formatDateTime, parseCti, readCti, respoolBuilder, scheduleBuilder, toRespool, watchCti } from '../../dist/cti.js';
import { connectInbox } from '../../dist/inbox.js';
import { embedUPhone } from '../../dist/uphone.js';

const root = new URL('../../', import.meta.url);
const types = (file) => readFileSync(new URL(`dist/types/${file}.d.ts`, root), 'utf8');

// The portal clients and uPhones a test made, destroyed after it: one left waiting for a reply or
// never ready holds its time limit's timer, and the file's process with it, for a minute after the
// last test.
const made = [];
const keep = (client) => (made.push(client), client);
afterEach(() => {
  for (const client of made.splice(0)) client.destroy();
});

// ---- the documented codes, from the .d.ts JSDoc ---------------------------------------------------

const codesIn = (text) => new Set([...text.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]).filter((c) => ERROR_CODES.includes(c)));

/** The JSDoc blocks right above each declaration of `member` inside `scope` (an interface or const), or of the function `member`. */
function jsdocOf(file, scope, member) {
  const lines = types(file).split('\n');
  let from = 0, to = lines.length;
  if (scope) {
    from = lines.findIndex((l) => l.includes(scope));
    assert.ok(from >= 0, `${file}: ${scope} not found`);
    to = lines.findIndex((l, i) => i > from && /^(export )?(declare |interface |type )|^}/.test(l));
  }
  const decl = scope
    ? new RegExp(`^\\s+(readonly )?${member}(<[^>]*>)?[(:?]`)
    : new RegExp(`^export declare function ${member}\\b`);
  const docs = [];
  for (let i = from; i < to; i++) {
    if (!decl.test(lines[i])) continue;
    let j = i - 1;
    if (!lines[j].trim().endsWith('*/')) continue;
    while (!lines[j].includes('/**')) j--;
    docs.push(lines.slice(j, i).join('\n'));
  }
  assert.ok(docs.length, `${file}: no JSDoc above ${scope ?? ''} ${member}`);
  return docs.join('\n');
}

const PORTAL_METHODS = ['call', 'callWithPhone', 'hangup', 'disposition', 'tag', 'closeForm', 'respool', 'schedule', 'send', 'on'];
const REST_ROWS = ['agentCall', 'agentCallWithData', 'hangupPhone', 'dispositionCall', 'dialerTask', 'dialerInsert', 'dialerInsertWithPriority',
  'dialerClickToCall', 'dialerScheduleForAnyAgent', 'scheduleDialerCall', 'deleteDialerContact', 'deleteScheduledCall', 'addBlacklist',
  'addBlacklistMultiple', 'removeBlacklist', 'removeBlacklistMultiple', 'getRecordings', 'convertRecording', 'tagRecording', 'campaignStatus',
  'campaignsSummary', 'agentLogoff', 'agentUnBreak', 'sendSms', 'queueMembers', 'agentCampaigns'];
const API_METHODS = ['loadList', 'freshLeads', 'interactionMessages', 'webhook', 'request'];
const UPHONE_METHODS = ['makeCall', 'makeSms', 'send', 'on', 'onState', 'destroy'];

/** method → documented codes. */
const DOCUMENTED = new Map([
  ['connectPortal', codesIn(jsdocOf('portal/client', null, 'connectPortal'))],
  ['withFallback', codesIn(jsdocOf('portal/fallback', null, 'withFallback'))],
  ...PORTAL_METHODS.map((m) => [`portal.${m}`, codesIn(jsdocOf('portal/types', 'interface PortalClient ', m))]),
  ...REST_ROWS.map((m) => [`rest.${m}`, codesIn(jsdocOf('http/operations', 'declare const OPERATIONS', m))]),
  ...['uploadCallsBase', 'request', 'close'].map((m) => [`rest.${m}`, codesIn(jsdocOf('http/types', 'interface UContactClient ', m))]),
  ...API_METHODS.map((m) => [`api.${m}`, codesIn(jsdocOf('http/types', 'interface ApiTokenClient ', m))]),
  ['createUContactClient', codesIn(jsdocOf('http/client', null, 'createUContactClient'))],
  ['createApiTokenClient', codesIn(jsdocOf('http/api', null, 'createApiTokenClient'))],
  ['restFallback', codesIn(jsdocOf('http/fallback', null, 'restFallback'))],
  ['fromFormFramework', codesIn(jsdocOf('http/form', null, 'fromFormFramework'))],
  ...UPHONE_METHODS.map((m) => [`uphone.${m}`, codesIn(jsdocOf('uphone/types', 'interface UPhone ', m))]),
  ['embedUPhone', codesIn(jsdocOf('uphone/embed', null, 'embedUPhone'))],
  ['connectInbox', codesIn(jsdocOf('inbox/client', null, 'connectInbox'))],
  ...['getInteraction', 'close'].map((m) => [`inbox.${m}`, codesIn(jsdocOf('inbox/types', 'interface InboxClient ', m))]),
  ...['readCti', 'decryptCti', 'parseCti', 'watchCti'].map((f) => [f, codesIn(jsdocOf(`cti/${{ readCti: 'read', decryptCti: 'decrypt', parseCti: 'parse', watchCti: 'watch' }[f]}`, null, f))]),
  ['respoolBuilder', codesIn(jsdocOf('cti/respool', null, 'respoolBuilder'))],
  ['toRespool', codesIn(jsdocOf('cti/parse', null, 'toRespool'))],
  ['scheduleBuilder', codesIn(jsdocOf('cti/schedule', null, 'scheduleBuilder'))],
  ['formatDateTime', codesIn(jsdocOf('cti/datetime', null, 'formatDateTime'))],
  ['watchCti.onError', codesIn(jsdocOf('cti/watch', 'type WatchCtiOptions ', 'onError'))],
]);

/** method → codes the cases below saw it produce. */
const OBSERVED = new Map();

/** Records the code `thrown` carries for `method` and checks it is documented there. */
function saw(method, thrown, code) {
  assert.ok(isBridgeError(thrown), `${method}: expected a BridgeError ${code}, got ${thrown?.name}: ${thrown?.message}`);
  assert.equal(thrown.code, code, `${method}: ${thrown.message}`);
  (OBSERVED.get(method) ?? OBSERVED.set(method, new Set()).get(method)).add(code);
  assert.ok(DOCUMENTED.get(method)?.has(code), `${method} rejects or throws with ${code}, which its JSDoc does not list (it lists ${[...(DOCUMENTED.get(method) ?? [])].join(', ')})`);
}
async function rejects(method, run, code) {
  let thrown;
  try {
    await run();
  } catch (e) {
    thrown = e;
  }
  saw(method, thrown, code);
}

// ---- portal -------------------------------------------------------------------------------------

const DEST = '099123456';
const RESPOOL = {
  campaign: 'Sales->', destination: '098111222', status: 1, data: 'idcustomer=7', alternatives: '', retries: 0, contact: 15422,
  dialerbase: 'base-1', priority: 1, agentphone: '',
};
const SCHEDULE = { calldate: '2026-12-24 10:00:00', campaign: 'Sales->', destination: DEST, data: '' };
const INVOKE = {
  call: (p, o) => p.call({ campaign: 'Sales->', destination: DEST }, o),
  callWithPhone: (p, o) => p.callWithPhone({ destination: DEST, campaign: 'Sales->' }, o),
  hangup: (p, o) => p.hangup(o),
  disposition: (p, o) => p.disposition({ l1: 'Sale' }, o),
  tag: (p, o) => p.tag({ tag: 'vip' }, o),
  closeForm: (p, o) => p.closeForm(o),
  respool: (p, o) => p.respool(RESPOOL, o),
  schedule: (p, o) => p.schedule(SCHEDULE, o),
  send: (p, o) => p.send({ action: 'custom' }, o),
};
const WAITS = { call: {}, callWithPhone: {}, send: { reply: 'action' } }; // others: confirm: true
const ROUTED = ['call', 'disposition', 'tag', 'closeForm'];

describe('portal', () => {
  const client = (opts = {}) => {
    const f = framed();
    return { ...f, portal: keep(connectPortal({ window: f.form, persistPending: false, ...opts })) };
  };
  for (const m of Object.keys(INVOKE)) {
    test(`${m}: each failure it can meet`, async () => {
      await rejects(`portal.${m}`, () => INVOKE[m](client().portal, { bogus: 1 }), 'INVALID_ARGUMENT');
      await rejects(`portal.${m}`, () => INVOKE[m](client().portal, { signal: AbortSignal.abort() }), 'ABORTED');
      const gone = client().portal;
      gone.destroy();
      await rejects(`portal.${m}`, () => INVOKE[m](gone), 'DESTROYED');
      const alone = connectPortal({ window: new FakeWindow() });
      await rejects(`portal.${m}`, () => INVOKE[m](alone), 'NOT_EMBEDDED');
      const other = framed({ portalOrigin: 'https://portal.example', formOrigin: 'http://127.0.0.1:8080', ancestorOrigins: ['https://portal.example'] });
      await rejects(`portal.${m}`, () => INVOKE[m](connectPortal({ window: other.form, persistPending: false })), 'ORIGIN_REJECTED');
      const broken = client();
      // Posting throws: the portal window is gone or refuses it.
      broken.form.parent.postMessage = () => { throw new Error('detached'); };
      await rejects(`portal.${m}`, () => INVOKE[m](broken.portal), 'PORTAL_FAILED');
      const waitOpts = WAITS[m] ?? { confirm: true };
      await rejects(`portal.${m}`, () => INVOKE[m](client().portal, { ...waitOpts, timeoutMs: 5 }), 'TIMEOUT');
      if (ROUTED.includes(m)) await rejects(`portal.${m}`, () => INVOKE[m](client().portal, { use: 'framework' }), 'NO_FRAMEWORK');
    });
  }
  test('on: a bad listener', () => {
    try {
      client().portal.on('other', () => {});
    } catch (e) {
      return saw('portal.on', e, 'INVALID_ARGUMENT');
    }
    assert.fail('on did not throw');
  });
  test('connectPortal and withFallback', async () => {
    assert.throws(() => connectPortal({ timeout: 1 }), (e) => (saw('connectPortal', e, 'INVALID_ARGUMENT'), true));
    const alone = () => connectPortal({ window: new FakeWindow() });
    assert.throws(() => withFallback(alone(), {}), (e) => (saw('withFallback', e, 'INVALID_ARGUMENT'), true));
    const rest = { call: async () => 'g-1', hangup: async () => undefined };
    await rejects('withFallback', () => withFallback(alone(), rest).call({ campaign: 'Sales->', destination: DEST }, { bogus: 1 }), 'INVALID_ARGUMENT');
    await rejects('withFallback', () => withFallback(alone(), rest).call({ campaign: 'Sales->', destination: DEST }, { signal: AbortSignal.abort() }), 'ABORTED');
    const gone = withFallback(alone(), rest);
    gone.destroy();
    await rejects('withFallback', () => gone.hangup(), 'DESTROYED');
  });
});

// ---- REST ---------------------------------------------------------------------------------------

const TOKEN = Buffer.from('api:123e4567-e89b-12d3-a456-426614174000').toString('base64');
const GUID = '123e4567-e89b-12d3-a456-426614174001';
const TARGET = { campaign: 'Promo->', destination: DEST };
const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: DEST };
/** A valid call of each table method, and the body its success answer has. */
const REST = {
  agentCall: [(uc, o) => uc.agentCall(CALL, o), GUID],
  agentCallWithData: [(uc, o) => uc.agentCallWithData({ ...CALL, data: { idcustomer: '7' } }, o), GUID],
  hangupPhone: [(uc, o) => uc.hangupPhone({ phone: '1001' }, o)],
  dispositionCall: [(uc, o) => uc.dispositionCall({ campaign: 'Sales->', agent: 'agent1001', callerid: '099111001', guid: 'call-0001', l1: 'Sale' }, o)],
  dialerTask: [(uc, o) => uc.dialerTask({ calldate: null, ...TARGET, automatic: true }, o)],
  dialerInsert: [(uc, o) => uc.dialerInsert(TARGET, o)],
  dialerInsertWithPriority: [(uc, o) => uc.dialerInsertWithPriority({ ...TARGET, priority: 5 }, o)],
  dialerClickToCall: [(uc, o) => uc.dialerClickToCall({ ...TARGET, agent: 'agent1001' }, o)],
  dialerScheduleForAnyAgent: [(uc, o) => uc.dialerScheduleForAnyAgent({ ...TARGET, calldate: '2026-12-01 09:30:00' }, o)],
  scheduleDialerCall: [(uc, o) => uc.scheduleDialerCall({ calldate: '2026-12-02 11:00:00', ...TARGET, alternatives: '', agentphone: '', data: 'id=7' }, o), '1'],
  deleteDialerContact: [(uc, o) => uc.deleteDialerContact(TARGET, o)],
  deleteScheduledCall: [(uc, o) => uc.deleteScheduledCall(TARGET, o)],
  addBlacklist: [(uc, o) => uc.addBlacklist({ phone: DEST }, o)],
  addBlacklistMultiple: [(uc, o) => uc.addBlacklistMultiple([{ phone: DEST }], o)],
  removeBlacklist: [(uc, o) => uc.removeBlacklist({ phone: DEST }, o)],
  removeBlacklistMultiple: [(uc, o) => uc.removeBlacklistMultiple([{ phone: DEST }], o)],
  getRecordings: [(uc, o) => uc.getRecordings({ guid: 'rec-0001' }, o), '[]'],
  convertRecording: [(uc, o) => uc.convertRecording({ guid: 'rec-0001', format: 'mp3' }, o), 'rec-0001.mp3'],
  tagRecording: [(uc, o) => uc.tagRecording({ guid: 'rec-0001', tag: 'checked' }, o)],
  campaignStatus: [(uc, o) => uc.campaignStatus(undefined, o), '{}'],
  campaignsSummary: [(uc, o) => uc.campaignsSummary(o), '[]'],
  agentLogoff: [(uc, o) => uc.agentLogoff({ agent: 'agent1001', interface: 'SIP/1001' }, o)],
  agentUnBreak: [(uc, o) => uc.agentUnBreak({ agent: 'agent1001', interface: 'SIP/1001', motive: 'lunch' }, o)],
  sendSms: [(uc, o) => uc.sendSms({ destination: DEST, message: 'Hello', campaign: 'SMS1' }, o)],
  queueMembers: [(uc, o) => uc.queueMembers({ queue: 'Sales->' }, o), '[]'],
  agentCampaigns: [(uc, o) => uc.agentCampaigns({ agent: 'agent1001', channel: 'telephony' }, o), '[]'],
  uploadCallsBase: [(uc, o) => uc.uploadCallsBase({ campaign: 'Promo->', filename: 'base', records: [{ phone: DEST }] }, o)],
  request: [(uc, o) => uc.request('Agents/HangupPhone', { phone: '1001' }, o)],
};
const HANGS = new Promise(() => {});
const answer = (status, body = '', extra = {}) => ({ status, headers: { get: () => null }, body: null, text: async () => body, ...extra });

/**
 * A scripted fetch: the login answers a token unless `login` says otherwise; every other request
 * gets `fault` (a function of the request, or an answer), else `ok`.
 */
const scripted = ({ login = () => answer(200, JSON.stringify(TOKEN)), fault, ok = 'done' } = {}) => async (url, init) => {
  if (/\/auth\//.test(url)) return login(url, init);
  return fault ? fault(url, init) : answer(200, ok);
};
const rest = (fetch, opts = {}) => createUContactClient({
  baseUrl: 'https://acme.ucontactcloud.com', credentials: { user: 'api', password: 'pw' }, fetch, retry: { attempts: 1 }, ...opts,
});
/** The failures every method of the table meets: [code, its fetch (given the method's success body), client options, call options]. */
const COMMON = [
  ['INVALID_ARGUMENT', (ok) => scripted({ ok }), {}, { bogus: 1 }],
  ['ABORTED', (ok) => scripted({ ok }), {}, { signal: AbortSignal.abort() }],
  ['TIMEOUT', () => scripted({ fault: () => HANGS }), {}, { timeoutMs: 20 }],
  ['NETWORK_ERROR', () => scripted({ fault: () => { throw new TypeError('fetch failed'); } })],
  ['REDIRECT_REFUSED', () => scripted({ fault: () => answer(302) })],
  ['HTTP_ERROR', () => scripted({ fault: () => answer(500) })],
  ['API_ERROR', () => scripted({ fault: () => answer(200, '0') })],
  ['UNAUTHORIZED', (ok) => scripted({ ok, login: () => answer(401) })],
  ['RESPONSE_TOO_LARGE', () => scripted({ fault: () => answer(200, 'x'.repeat(64)) }), { maxResponseBytes: 16 }],
  ['BAD_RESPONSE', (ok) => scripted({ ok, login: () => answer(200, '<html>login</html>') })],
];

describe('REST client', () => {
  for (const [m, [run, ok]] of Object.entries(REST)) {
    test(`${m}: each failure it can meet`, async () => {
      // Every other request succeeds: only the failure under test happens.
      for (const [code, fetch, opts = {}, callOpts] of COMMON) await rejects(`rest.${m}`, () => run(rest(fetch(ok ?? 'done'), opts), callOpts), code);
      if (ok) await rejects(`rest.${m}`, () => run(rest(scripted({ ok: '<html>not the value</html>' }))), 'BAD_RESPONSE');
      if (m === 'request') {
        await rejects('rest.request', () => rest(scripted({ ok: 'not json' })).request('Agents/X', undefined, { parse: 'json' }), 'BAD_RESPONSE');
      }
      if (m === 'uploadCallsBase') {
        await rejects('rest.uploadCallsBase', () => rest(scripted()).uploadCallsBase({
          campaign: 'Promo->', filename: 'base', chunkSize: 1, records: [{ phone: DEST }, { phone: '099000112' }],
          onProgress: () => { throw new Error('the caller\'s'); },
        }), 'CALLBACK_FAILED');
      }
    });
  }
  test('uploadCallsBase: a bad record of an iterable, read after a chunk was stored, is INVALID_ARGUMENT after sending: the docs say so', async () => {
    let posts = 0;
    const uc = rest(async (url, init) => (posts++, scripted()(url, init)));
    function* records() {
      yield { phone: DEST };
      yield { phone: '0991;23456' };
    }
    let error;
    await rejects('rest.uploadCallsBase', () => uc.uploadCallsBase({ campaign: 'Promo->', filename: 'base', chunkSize: 1, records: records() })
      .catch((e) => { error = e; throw e; }), 'INVALID_ARGUMENT');
    assert.deepEqual(error.upload.stored, ['base-1'], 'a chunk was stored before the bad record was read');
    assert.equal(posts, 2, 'the login and the first chunk went out');
    // Whoever takes INVALID_ARGUMENT for "nothing was sent" runs the upload again and stores that chunk twice.
    const doc = jsdocOf('http/types', 'interface UContactClient ', 'uploadCallsBase');
    assert.match(doc, /`INVALID_ARGUMENT` \([^)]*a bad record[^)]*after a chunk was sent/, 'uploadCallsBase\'s JSDoc says INVALID_ARGUMENT may come after chunks were sent');
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const row = readme.split('\n').find((l) => l.startsWith('| `INVALID_ARGUMENT` |'));
    assert.ok(!/before anything is sent/.test(row) || /uploadCallsBase/.test(row), `the README's INVALID_ARGUMENT row says "before anything is sent" without uploadCallsBase's exception: ${row}`);
  });
  test('close: each failure it can meet', async () => {
    const loggedIn = async (fault, opts = {}) => {
      let failing = false;
      const uc = rest(async (url, init) => (failing && /EndSession/.test(url) ? fault(url, init) : scripted()(url, init)), opts);
      await uc.hangupPhone({ phone: '1001' });
      failing = true;
      return uc;
    };
    await rejects('rest.close', async () => (await loggedIn(() => answer(200))).close({ bogus: 1 }), 'INVALID_ARGUMENT');
    await rejects('rest.close', async () => (await loggedIn(() => answer(200))).close({ signal: AbortSignal.abort() }), 'ABORTED');
    await rejects('rest.close', async () => (await loggedIn(() => HANGS)).close({ timeoutMs: 20 }), 'TIMEOUT');
    await rejects('rest.close', async () => (await loggedIn(() => { throw new TypeError('x'); })).close(), 'NETWORK_ERROR');
    await rejects('rest.close', async () => (await loggedIn(() => answer(302))).close(), 'REDIRECT_REFUSED');
    await rejects('rest.close', async () => (await loggedIn(() => answer(500))).close(), 'HTTP_ERROR');
    await rejects('rest.close', async () => (await loggedIn(() => answer(200, '0'))).close(), 'API_ERROR');
    await rejects('rest.close', async () => (await loggedIn(() => answer(200, 'x'.repeat(64)), { maxResponseBytes: 16 })).close(), 'RESPONSE_TOO_LARGE');
  });
  test('the factories', () => {
    assert.throws(() => createUContactClient({ baseUrl: 'https://a.example', credentials: { token: TOKEN }, timeout: 1 }),
      (e) => (saw('createUContactClient', e, 'INVALID_ARGUMENT'), true));
    assert.throws(() => createApiTokenClient({ baseUrl: 'https://a.example', token: 't', bogus: 1 }), (e) => (saw('createApiTokenClient', e, 'INVALID_ARGUMENT'), true));
    const uc = rest(scripted());
    assert.throws(() => restFallback(uc, { agent: 'a' }), (e) => (saw('restFallback', e, 'INVALID_ARGUMENT'), true));
    assert.throws(() => fromFormFramework({ location: { origin: 'https://a.example' } }), (e) => (saw('fromFormFramework', e, 'NO_FRAMEWORK'), true));
  });
});

describe('API-token client', () => {
  const API = {
    loadList: (api, o) => api.loadList('Sales', { filename: 'n.csv', list: [{ clientIds: [DEST] }] }, o),
    freshLeads: (api, o) => api.freshLeads('Sales', { clientIds: [DEST] }, o),
    interactionMessages: (api, o) => api.interactionMessages('abc', undefined, o),
    webhook: (api, o) => api.webhook('flow', { a: 'b' }, o),
    request: (api, o) => api.request('GET', '/api/things', undefined, o),
  };
  const api = (fault, opts = {}) => createApiTokenClient({
    baseUrl: 'https://acme.ucontactcloud.com', token: 'tok-123', retry: { attempts: 1 }, ...opts,
    fetch: async () => (fault ? fault() : answer(200, '{"result":[]}')),
  });
  for (const [m, run] of Object.entries(API)) {
    test(`${m}: each failure it can meet`, async () => {
      await rejects(`api.${m}`, () => run(api(), { bogus: 1 }), 'INVALID_ARGUMENT');
      await rejects(`api.${m}`, () => run(api(), { signal: AbortSignal.abort() }), 'ABORTED');
      await rejects(`api.${m}`, () => run(api(() => HANGS), { timeoutMs: 20 }), 'TIMEOUT');
      await rejects(`api.${m}`, () => run(api(() => { throw new TypeError('x'); })), 'NETWORK_ERROR');
      await rejects(`api.${m}`, () => run(api(() => answer(302))), 'REDIRECT_REFUSED');
      await rejects(`api.${m}`, () => run(api(() => answer(500))), 'HTTP_ERROR');
      await rejects(`api.${m}`, () => run(api(() => answer(401))), 'UNAUTHORIZED');
      await rejects(`api.${m}`, () => run(api(() => answer(200, 'x'.repeat(64)), { maxResponseBytes: 16 })), 'RESPONSE_TOO_LARGE');
      if (m === 'interactionMessages' || m === 'request') await rejects(`api.${m}`, () => run(api(() => answer(200, '<html>'))), 'BAD_RESPONSE');
    });
  }
});

// ---- uPhone, Inbox, CTI -------------------------------------------------------------------------

describe('uPhone', () => {
  const LOGIN = { action: 'agentLogin', params: { agent: 'agent1001' } };
  const COMMANDS = {
    makeCall: (p, o) => p.makeCall({ number: DEST, campaign: 'Sales->' }, o),
    makeSms: (p, o) => p.makeSms({ number: DEST, message: 'Hi' }, o),
    send: (p, o) => p.send('makeCall', { number: DEST }, o),
  };
  for (const [m, run] of Object.entries(COMMANDS)) {
    test(`${m}: each failure it can meet`, async () => {
      const up = () => {
        const e = embedded(embedUPhone);
        keep(e.phone);
        return e;
      };
      await rejects(`uphone.${m}`, () => run(up().phone, { bogus: 1 }), 'INVALID_ARGUMENT');
      await rejects(`uphone.${m}`, () => run(up().phone, { signal: AbortSignal.abort() }), 'ABORTED');
      const gone = up().phone;
      gone.destroy();
      await rejects(`uphone.${m}`, () => run(gone), 'DESTROYED');
      await rejects(`uphone.${m}`, () => run(up().phone, { timeoutMs: 5 }), 'NOT_READY');
      if (m !== 'makeSms') {
        const { phone, say } = up();
        say(LOGIN);
        await rejects(`uphone.${m}`, () => run(phone, { waitForEcho: true, timeoutMs: 5 }), 'TIMEOUT');
      } else {
        await rejects('uphone.makeSms', () => run(up().phone, { waitForEcho: true }), 'INVALID_ARGUMENT');
      }
    });
  }
  test('on, onState, destroy, embedUPhone: bad arguments', () => {
    const { phone } = embedded(embedUPhone);
    for (const [m, fn] of [['on', () => phone.on('', () => {})], ['onState', () => phone.onState(3)], ['destroy', () => phone.destroy({ bogus: 1 })]]) {
      assert.throws(fn, (e) => (saw(`uphone.${m}`, e, 'INVALID_ARGUMENT'), true));
    }
    phone.destroy();
    assert.throws(() => embedUPhone({}), (e) => (saw('embedUPhone', e, 'INVALID_ARGUMENT'), true));
  });
});

describe('Inbox', () => {
  test('getInteraction and close: each failure they can meet', async () => {
    const inbox = (opts = {}) => connectInbox({ window: framed().form, ...opts });
    await rejects('inbox.getInteraction', () => inbox().getInteraction({ bogus: 1 }), 'INVALID_ARGUMENT');
    await rejects('inbox.getInteraction', () => inbox().getInteraction({ signal: AbortSignal.abort() }), 'ABORTED');
    await rejects('inbox.getInteraction', () => inbox().getInteraction({ timeoutMs: 5 }), 'NO_INTERACTION');
    const gone = inbox();
    gone.destroy();
    await rejects('inbox.getInteraction', () => gone.getInteraction(), 'DESTROYED');
    await rejects('inbox.close', async () => gone.close(), 'DESTROYED');
    const alone = connectInbox({ window: new FakeWindow() });
    await rejects('inbox.getInteraction', () => alone.getInteraction(), 'NOT_EMBEDDED');
    await rejects('inbox.close', async () => alone.close(), 'NOT_EMBEDDED');
    const other = framed({ portalOrigin: 'https://inbox.example', formOrigin: 'http://127.0.0.1:8080', ancestorOrigins: ['https://inbox.example'] });
    const far = connectInbox({ window: other.form });
    await rejects('inbox.getInteraction', () => far.getInteraction(), 'ORIGIN_REJECTED');
    await rejects('inbox.close', async () => far.close(), 'ORIGIN_REJECTED');
    assert.throws(() => connectInbox({ bogus: 1 }), (e) => (saw('connectInbox', e, 'INVALID_ARGUMENT'), true));
  });
});

describe('CTI', () => {
  const PASS = 'pass-phrase';
  const CTI = { Guid: 'g-1', Campaign: 'Sales->', Callerid: DEST };
  const throwsCode = (method, fn, code) => assert.throws(fn, (e) => (saw(method, e, code), true));
  const host = (extra = {}) => Object.assign(new FakeWindow(), extra);
  test('each function\'s failures', () => {
    throwsCode('parseCti', () => parseCti(''), 'NO_CTI');
    throwsCode('parseCti', () => parseCti('not json'), 'INVALID_CTI');
    throwsCode('parseCti', () => parseCti(CTI, { bogus: 1 }), 'INVALID_ARGUMENT');
    throwsCode('decryptCti', () => decryptCti(3, PASS), 'INVALID_ARGUMENT');
    throwsCode('decryptCti', () => decryptCti('not the format', PASS), 'DECRYPT_FAILED');
    throwsCode('decryptCti', () => decryptCti(CryptoJS.AES.encrypt('not json', PASS).toString(), PASS), 'INVALID_CTI');
    throwsCode('readCti', () => readCti({ window: host() }), 'NO_CTI');
    throwsCode('readCti', () => readCti({ bogus: 1 }), 'INVALID_ARGUMENT');
    throwsCode('readCti', () => readCti({ window: host({ CTI: 'not json' }) }), 'INVALID_CTI');
    const storage = { getItem: () => 'U2FsdGVkX1+damaged', setItem() {}, removeItem() {} };
    throwsCode('readCti', () => readCti({ source: 'storage', passphrase: PASS, storage }), 'DECRYPT_FAILED');
    throwsCode('watchCti', () => watchCti({ onChange: 3 }), 'INVALID_ARGUMENT');
    throwsCode('watchCti', () => watchCti({ onChange: () => {}, window: host() }), 'NO_CTI');
    throwsCode('respoolBuilder', () => respoolBuilder({}), 'INVALID_ARGUMENT');
    throwsCode('toRespool', () => toRespool(parseCti({ ...CTI, Dialer: { destination: DEST } }).dialer), 'INVALID_ARGUMENT');
    throwsCode('scheduleBuilder', () => scheduleBuilder(3), 'INVALID_ARGUMENT');
    throwsCode('formatDateTime', () => formatDateTime(new Date(NaN)), 'INVALID_ARGUMENT');
  });
  test('watchCti: what reaches onError', (t) => {
    // Faked timers: tick() is one poll of each watch, so no value is overwritten before a poll read it.
    t.mock.timers.enable({ apis: ['setInterval'] });
    const reported = [];
    const onError = (e) => reported.push(e);
    const tick = () => t.mock.timers.tick(5);
    const page = host({ CTI: JSON.stringify(CTI) });
    const stops = [watchCti({ window: page, intervalMs: 5, onError, onChange: () => { throw new Error('the caller\'s'); } })];
    page.CTI = JSON.stringify({ ...CTI, Guid: 'g-2' });
    tick();
    page.CTI = 'not json';
    tick();
    let stored = CryptoJS.AES.encrypt(JSON.stringify(CTI), PASS).toString();
    const storage = { getItem: () => { if (stored === null) throw new Error('blocked'); return stored; } };
    stops.push(watchCti({ source: 'storage', passphrase: PASS, storage, window: host(), intervalMs: 5, onError, onChange: () => {} }));
    stored = 'U2FsdGVkX1+damaged';
    tick();
    stored = null;
    tick();
    for (const stop of stops) stop();
    for (const e of reported) saw('watchCti.onError', e, e.code);
    assert.deepEqual(new Set(reported.map((e) => e.code)), new Set(['CALLBACK_FAILED', 'INVALID_CTI', 'DECRYPT_FAILED', 'NO_CTI']));
  });
});

// ---- both ways ----------------------------------------------------------------------------------

// Codes a JSDoc names that are not its own method's failures: what the object it makes, or the
// requests it cancels, reject with.
const MENTIONED = {
  connectPortal: ['NOT_EMBEDDED'], // "never throws for a missing portal: requests reject with NOT_EMBEDDED"
  connectInbox: ['NOT_EMBEDDED'], // the same, of getInteraction
  withFallback: ['NOT_EMBEDDED'], // the other actions' way outside the portal
  'uphone.destroy': ['DESTROYED'], // what it makes the waiting commands reject with
  'rest.close': ['UNAUTHORIZED'], // what a call in flight whose session it ended rejects with
};

test('every code a method documents was seen from it (runs last)', () => {
  const unseen = [];
  for (const [method, codes] of DOCUMENTED) {
    for (const code of codes) if (!OBSERVED.get(method)?.has(code) && !MENTIONED[method]?.includes(code)) unseen.push(`${method}: ${code}`);
  }
  assert.deepEqual(unseen, [], 'documented codes no case produced (document only what the code produces)');
});

test('every code the sources raise is in ERROR_CODES, the BridgeErrorCode type and the README error table', () => {
  const raised = new Set();
  // Per entry folder (src/portal/ and the others), the codes its own files raise.
  const byEntry = {};
  const walk = (dir) => {
    for (const e of readdirSync(new URL(dir, root), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}${e.name}/`);
      else if (e.name.endsWith('.ts')) {
        const src = readFileSync(new URL(`${dir}${e.name}`, root), 'utf8');
        const entry = /^src\/(portal|cti|http|inbox|uphone)\//.exec(dir)?.[1];
        const add = (code) => (raised.add(code), entry && (byEntry[entry] ??= new Set()).add(code));
        for (const m of src.matchAll(/\b(?:fail|bridgeError|giveUp|stop)\(\s*'([A-Z_]+)'/g)) add(m[1]);
        if (/\binvalid\(|\bbad\(/.test(src)) add('INVALID_ARGUMENT');
      }
    }
  };
  walk('src/');
  const missing = [...raised].filter((c) => !ERROR_CODES.includes(c));
  assert.deepEqual(missing, [], 'codes raised but not in ERROR_CODES');
  const declared = types('errors');
  for (const code of ERROR_CODES) assert.ok(declared.includes(`"${code}"`), `${code} is not in the declared ERROR_CODES / BridgeErrorCode`);
  assert.match(declared, /type BridgeErrorCode = \(typeof ERROR_CODES\)\[number\]/);
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const table = readme.slice(readme.indexOf('## Errors'), readme.indexOf('## Security in short'));
  for (const code of ERROR_CODES) assert.match(table, new RegExp(`^\\| \`${code}\` \\|`, 'm'), `${code} has no row in the README's error table`);
  // Its "raised by" column names each entry whose own code raises it ('every entry' covers them all).
  const unnamed = [];
  assert.ok(Object.keys(byEntry).length === 5, 'the walk found the five entry folders');
  for (const [entry, codes] of Object.entries(byEntry)) {
    for (const code of codes) {
      const by = new RegExp(`^\\| \`${code}\` \\| ([^|]*) \\|`, 'm').exec(table)?.[1] ?? '';
      if (by !== 'every entry' && !new RegExp(`\\b${entry}\\b`).test(by)) unnamed.push(`${code}: ${entry}`);
    }
  }
  assert.deepEqual(unnamed, [], "codes an entry raises that the README error table's \"raised by\" column does not name it for");
});

test("README: structured clone (postMessage to a worker or a frame) keeps a BridgeError's message, not its code; its cause is cloned too, and one with a function cannot be", async () => {
  const { BridgeError } = await import('../../dist/index.js');
  const clone = structuredClone(new BridgeError('TIMEOUT', 'call: no answer', { cause: new Error('inner') }));
  assert.deepEqual([clone.message, clone.code, isBridgeError(clone), clone.cause.message], ['call: no answer', undefined, false, 'inner']);
  // A framework helper may reject with what it has (a jqXHR holds functions): PORTAL_FAILED's cause.
  const failed = new BridgeError('PORTAL_FAILED', 'call: the helper failed', { cause: { status: 0, abort() {} } });
  assert.throws(() => structuredClone(failed), { name: 'DataCloneError' });
  assert.deepEqual(structuredClone({ code: failed.code, message: failed.message }), { code: 'PORTAL_FAILED', message: 'call: the helper failed' });
});

// The words that are no call's guid (NO_GUID of src/portal/wire.ts, shared with the framework's
// helper): README's PORTAL_FAILED row and its two lists of a helper's failures name each, and each,
// in either letter case, answered as a portal's guid is PORTAL_FAILED.
test("README names every text that is no call's guid (PORTAL_FAILED), and each is one from the portal", async () => {
  const wire = readFileSync(new URL('src/portal/wire.ts', root), 'utf8');
  const pattern = /export const NO_GUID = \/\^\(([\w|]+)\)\?\$\/i;/.exec(wire)?.[1];
  assert.ok(pattern, 'NO_GUID in src/portal/wire.ts');
  const words = pattern.split('|').filter((w) => w !== '0');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const row = /^\| `PORTAL_FAILED` \|.*$/m.exec(readme)?.[0] ?? '';
  const lists = [...readme.matchAll(/answers a failure \([^)]*\)|What a helper's settled value means \([^)]*\)/g)].map((m) => m[0]);
  assert.equal(lists.length, 2, "README's two lists of a helper's failures");
  const unnamed = [];
  for (const [where, text] of [['error table', row], ...lists.map((t) => [t.slice(0, 30), t])]) {
    for (const w of words) if (!text.toLowerCase().includes(`"${w}"`)) unnamed.push(`${where}: "${w}"`);
  }
  assert.deepEqual(unnamed, []);
  const { form, reply } = framed();
  const client = keep(connectPortal({ window: form }));
  for (const guid of words.flatMap((w) => [w, w.toUpperCase()])) {
    const call = client.call({ campaign: 'Sales->', destination: '099123456' });
    reply({ guid });
    await assert.rejects(call, (e) => isBridgeError(e, 'PORTAL_FAILED'), guid);
  }
});
