// Argument checking of the built REST client (issue #17): every entry point goes through the one
// validation module, so an unknown key is refused everywhere (naming the key, with "did you mean"),
// before anything is sent, not even a login; the rules are the same as everywhere else (typed
// alternatives in a DialerTask, retries 0 to 9999); the methods come from one table.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINTS, createUContactClient, formatCallsBaseRecord, isBridgeError, restFallback } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:6f1c2d3e-0000-4000-8000-000000000017').toString('base64');
// Made up here, it never crosses the real fetch: tell the final secrets check about it.
globalThis.captureSecret(TOKEN);
const GUID = '6f1c2d3e-0000-4000-8000-0000000000aa';
const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
const CONTACT = { campaign: 'Promo->', destination: '099123456' };

/** A client whose fetch records each request and answers as uContact would. */
function scripted(extra = {}) {
  const sent = [];
  const fetchFn = async (url, init) => {
    const path = new URL(url).pathname.replace('/Integra/resources/', '');
    sent.push({ path, query: new URL(url).search, form: Object.fromEntries(new URLSearchParams(init.body)) });
    const body = path === 'auth/getUserToken' ? JSON.stringify(TOKEN)
      : path === 'Agents/AgentCall' || path === 'Agents/AgentCallwithData' ? GUID
        : path === 'Recordings/ConvertRecording' ? 'x.mp3'
          : /campaignstatus$/.test(path) ? '{}' : /GetRecordings|campaignssummary|getqueuemembers|GetCampaigns/.test(path) ? '[]' : '1';
    return new Response(body, { status: 200 });
  };
  return { uc: createUContactClient({ baseUrl: 'https://uc.example', credentials: USER, fetch: fetchFn, log: captureLog, ...extra }), sent };
}

/** Expects INVALID_ARGUMENT from `operation` whose message matches `why`. */
const refused = (operation, why) => (e) => {
  assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${operation}: ${e?.name} ${e?.message}`);
  assert.equal(e.operation, operation);
  assert.match(e.message, why);
  return true;
};

// One valid call of every method but uploadCallsBase and request (below): [method, arguments].
const CALLS = [
  ['agentCall', CALL],
  ['agentCallWithData', { ...CALL, data: { idcustomer: '7' } }],
  ['hangupPhone', { phone: '1001' }],
  ['dispositionCall', { campaign: 'Sales->', agent: 'agent1001', callerid: '', guid: 'g-1', l1: 'Sale' }],
  ['dialerTask', { ...CONTACT, calldate: null, automatic: true }],
  ['dialerInsert', CONTACT],
  ['dialerInsertWithPriority', { ...CONTACT, priority: 5 }],
  ['dialerClickToCall', { ...CONTACT, agent: 'agent1001' }],
  ['dialerScheduleForAnyAgent', { ...CONTACT, calldate: '2026-12-01 10:00:00' }],
  ['scheduleDialerCall', { ...CONTACT, calldate: '2026-12-01 10:00:00', alternatives: '', agentphone: '', data: '' }],
  ['deleteDialerContact', CONTACT],
  ['deleteScheduledCall', CONTACT],
  ['addBlacklist', { phone: '099123456' }],
  ['removeBlacklist', { phone: '099123456', campaign: 'Sales->' }],
  ['getRecordings', { guid: 'rec-1' }],
  ['getRecordings', { from: '2026-11-01 00:00:00', to: '2026-11-30 00:00:00' }],
  ['convertRecording', { guid: 'rec-1', format: 'mp3' }],
  ['tagRecording', { guid: 'rec-1', tag: 'vip' }],
  ['campaignStatus', { queue: 'Sales->' }],
  ['agentLogoff', { agent: 'agent1001', interface: 'SIP/1001' }],
  ['agentUnBreak', { agent: 'agent1001', interface: 'SIP/1001' }],
  ['sendSms', { destination: '099123456', message: 'hello', campaign: 'SMS1' }],
  ['queueMembers', { queue: 'Sales->' }],
  ['agentCampaigns', { agent: 'agent1001' }],
];

describe('the methods come from one table', () => {
  test('each method row of the table is a method; endpoints are the rows with a path', () => {
    const { uc } = scripted();
    const methods = Object.keys(uc).filter((k) => typeof uc[k] === 'function').sort();
    assert.deepEqual(methods, [...new Set([...CALLS.map(([m]) => m), 'addBlacklistMultiple', 'removeBlacklistMultiple', 'campaignsSummary',
      'uploadCallsBase', 'request', 'close'])].sort());
    for (const helper of ['dialerInsert', 'dialerInsertWithPriority', 'dialerClickToCall', 'dialerScheduleForAnyAgent']) {
      assert.equal(ENDPOINTS[helper], undefined, `${helper} is a mode of dialerTask, not an endpoint`);
    }
    assert.deepEqual(Object.keys(uc.endpoints), Object.keys(ENDPOINTS));
  });

  test('every method sends to its row\'s endpoint (the DialerTask modes to dialerTask\'s), after its arguments are checked', async () => {
    const { uc, sent } = scripted();
    for (const [method, args] of CALLS) await uc[method](args);
    await uc.addBlacklistMultiple([{ phone: '099123456' }]);
    await uc.campaignsSummary();
    const paths = sent.map((s) => s.path).filter((p) => p !== 'auth/getUserToken');
    const expected = [...CALLS.map(([m]) => (m.startsWith('dialer') ? ENDPOINTS.dialerTask.path : ENDPOINTS[m].path)),
      ENDPOINTS.addBlacklistMultiple.path, ENDPOINTS.campaignsSummary.path];
    assert.deepEqual(paths, expected);
  });
});

test('dispositionCall sends every field, empty allowed, and a non-voice callerid as it is (spec 4.2, 5)', async () => {
  const { uc, sent } = scripted();
  await uc.dispositionCall({ campaign: '', agent: '', callerid: 'ana@example.com', guid: '', l1: '' });
  const form = sent.find((s) => s.path === 'api/DispositionCall').form;
  assert.deepEqual(form, {
    campaign: '', agent: '', callerid: 'ana@example.com', guid: '', l1: '', l2: '', l3: '', d1: '', d2: '',
    comment: '', schedule: '', camptoreschedule: '', tag: '',
  });
  // The optional fields given as '' (a form's empty inputs): the same fields, a schedule '' included.
  const empty = { l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '', camptoreschedule: '', tag: '' };
  await uc.dispositionCall({ campaign: '', agent: '', callerid: 'ana@example.com', guid: '', l1: '', ...empty });
  assert.deepEqual(sent.at(-1).form, form);
  await uc.dispositionCall({ campaign: 'Chat<-', agent: 'agent1001', callerid: 'msg-77f2', guid: 'g-1', l1: 'Solved' });
  assert.equal(sent.at(-1).form.callerid, 'msg-77f2');
  // Present, even if empty: a missing field is still refused before anything is sent.
  const before = sent.length;
  await assert.rejects(uc.dispositionCall({ agent: '', callerid: '', guid: '', l1: '' }), refused('dispositionCall', /campaign is required/));
  assert.equal(sent.length, before);
});

test('a token names its user in UTF-8, as the server wrote it: EndSession gets that user', async () => {
  const token = Buffer.from('josé.núñez:6f1c2d3e-0000-4000-8000-0000000000bb', 'utf8').toString('base64');
  globalThis.captureSecret(token);
  const { uc, sent } = scripted({ credentials: { token } });
  await uc.campaignsSummary();
  await uc.close();
  assert.equal(sent.at(-1).path, 'auth/EndSession');
  assert.equal(sent.at(-1).form.user, 'josé.núñez');
});

// connection.ts: a faulty log hook must not break requests. An async one that rejects is http-process's;
// this one throws at once, on every event: the login, the request, the response and the error.
test('a log hook that throws breaks no call and never replaces the error a call rejects with', async () => {
  let events = 0;
  const { uc, sent } = scripted({ log: () => { events++; throw new Error('log sink down'); } });
  assert.deepEqual(await uc.campaignsSummary(), []);
  assert.equal(await uc.agentCall(CALL), GUID);
  await assert.rejects(uc.hangupPhone({ phone: '1001' }, { signal: AbortSignal.abort() }), (e) => isBridgeError(e, 'ABORTED'));
  assert.deepEqual(sent.map((s) => s.path), ['auth/getUserToken', 'Supervisor/campaignssummary', 'Agents/AgentCall']);
  assert.ok(events >= 6, `the hook was called (${events})`);
});

describe('unknown keys are refused by every entry point, naming the key, before anything is sent', () => {
  test('createUContactClient: options and each nested object', () => {
    const base = { baseUrl: 'https://uc.example', credentials: USER };
    const cases = [
      [{ baseURL: 'https://uc.example', credentials: USER }, /options has an unknown key 'baseURL' \(did you mean 'baseUrl'\?\)/],
      [{ ...base, timeout: 5 }, /unknown key 'timeout' \(did you mean 'timeoutMs'\?\)/],
      [{ ...base, credentials: { ...USER, pasword: 'x' } }, /credentials has an unknown key 'credentials.pasword' \(did you mean 'credentials.password'\?\)/],
      [{ ...base, credentials: { agent: 'agent1001', password: 'x', login: 'UserLogin' } }, /unknown key 'credentials.login'/],
      [{ ...base, credentials: { token: TOKEN, password: 'x' } }, /unknown key 'credentials.password'/],
      [{ ...base, retry: { attempt: 2 } }, /retry has an unknown key 'retry.attempt' \(did you mean 'retry.attempts'\?\)/],
      [{ ...base, endpoints: { agentcall: { path: 'a/b' } } }, /unknown key 'endpoints.agentcall' \(did you mean 'endpoints.agentCall'\?\)/],
      [{ ...base, endpoints: { agentCall: { paht: 'a/b' } } }, /unknown key 'endpoints.agentCall.paht' \(did you mean 'endpoints.agentCall.path'\?\)/],
    ];
    for (const [options, why] of cases) assert.throws(() => createUContactClient(options), refused('createUContactClient', why));
  });

  test('the arguments of every method', async () => {
    const { uc, sent } = scripted();
    for (const [method, args] of CALLS) {
      await assert.rejects(uc[method]({ ...args, extra: 1 }), refused(method, /(arguments|schedule|entry) has an unknown key '((schedule|entry)\.)?extra'$/));
    }
    await assert.rejects(uc.agentCall({ ...CALL, callerId: '24001234' }), refused('agentCall', /unknown key 'callerId' \(did you mean 'callerid'\?\)/));
    await assert.rejects(uc.addBlacklist({ phone: '099123456', campain: '*' }), refused('addBlacklist', /entry has an unknown key 'entry.campain' \(did you mean 'entry.campaign'\?\)/));
    await assert.rejects(uc.addBlacklistMultiple([{ phone: '099123456' }, { phone: '099123456', x: 1 }]), refused('addBlacklistMultiple', /entries\[1\] has an unknown key 'entries\[1\].x'/));
    await assert.rejects(uc.scheduleDialerCall({ ...CONTACT, calldate: '2026-12-01 10:00:00', alternatives: '', agentphone: '', data: '', agent: 'a' }),
      refused('scheduleDialerCall', /schedule has an unknown key 'schedule.agent'/));
    await assert.rejects(uc.getRecordings({ guid: 'rec-1', campaign: 'x' }), refused('getRecordings', /unknown key 'campaign'/));
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }], chunksize: 10 }),
      refused('uploadCallsBase', /unknown key 'chunksize' \(did you mean 'chunkSize'\?\)/));
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456', agentphone: '1001' }] }),
      refused('uploadCallsBase', /records\[0\] has an unknown key 'records\[0\].agentphone' \(did you mean 'records\[0\].agentPhone'\?\)/));
    assert.deepEqual(sent, [], 'nothing was sent, not even a login');
  });

  test('the options of every method: a per-call { timeout: 5 } is not a time limit', async () => {
    const { uc, sent } = scripted();
    const why = /^(\w+): options has an unknown key 'timeout' \(did you mean 'timeoutMs'\?\)$/;
    for (const [method, args] of CALLS) await assert.rejects(uc[method](args, { timeout: 5 }), refused(method, why));
    await assert.rejects(uc.addBlacklistMultiple([{ phone: '099123456' }], { timeout: 5 }), refused('addBlacklistMultiple', why));
    await assert.rejects(uc.campaignsSummary({ timeout: 5 }), refused('campaignsSummary', why));
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }] }, { timeout: 5 }), refused('uploadCallsBase', why));
    await assert.rejects(uc.request('Agents/HangupPhone', { phone: '1001' }, { timeout: 5 }), refused('request', why));
    await assert.rejects(uc.request('Agents/HangupPhone', { phone: '1001' }, { querry: { a: 'b' } }), refused('request', /unknown key 'querry' \(did you mean 'query'\?\)/));
    await assert.rejects(uc.close({ timeout: 5 }), refused('close', why));
    assert.deepEqual(sent, []);
  });

  test('formatCallsBaseRecord: the record and the options', () => {
    assert.throws(() => formatCallsBaseRecord('Sales->', { phone: '099123456', prio: 1 }, { index: 2 }), refused('formatCallsBaseRecord', /records\[2\] has an unknown key 'records\[2\].prio'/));
    assert.throws(() => formatCallsBaseRecord('Sales->', { phone: '099123456' }, { progresive: true }), refused('formatCallsBaseRecord', /options has an unknown key 'progresive' \(did you mean 'progressive'\?\)/));
    assert.throws(() => formatCallsBaseRecord('Sales->', { phone: '099123456' }, { progressive: 'yes' }), refused('formatCallsBaseRecord', /progressive must be true or false/));
  });

  test('restFallback: the agent line (and the client)', () => {
    const { uc } = scripted();
    assert.throws(() => restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'c', outQueue: 'Sales->' }),
      refused('restFallback', /line has an unknown key 'line.outQueue' \(did you mean 'line.outqueue'\?\)/));
    assert.throws(() => restFallback(uc, { agent: 'agent1001', phone: '10 01', context: 'c' }), refused('restFallback', /line.phone must be digits/));
    assert.throws(() => restFallback(undefined, { agent: 'agent1001', phone: '1001', context: 'c' }), refused('restFallback', /client/));
  });

  test("restFallback passes on only the time limit and the signal of the portal client's options (not its confirm)", async () => {
    const { uc, sent } = scripted();
    const fallback = restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal' });
    assert.equal(await fallback.call({ campaign: 'Sales->', destination: '099123456', callerid: '' }, { timeoutMs: 5000, signal: null }), GUID);
    await fallback.hangup({ confirm: true, timeoutMs: 5000 });
    assert.deepEqual(sent.map((s) => s.path), ['auth/getUserToken', 'Agents/AgentCall', 'Agents/HangupPhone']);
    await assert.rejects(fallback.hangup({ confirm: true, signal: AbortSignal.abort() }), { code: 'ABORTED', operation: 'hangupPhone' });
  });

  test('a key that is not an identifier (it may be data) is never repeated', async () => {
    const { uc } = scripted();
    const e = await uc.hangupPhone({ phone: '1001', '099123456': 1 }).catch((err) => err);
    assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'));
    assert.ok(!e.message.includes('099123456'), e.message);
  });
});

// Refusals that no other test reached (coverage of the unit suite): each check's own words, before
// anything is sent. Without the check, each of these went out (a query `?=x`, an upload without its
// username, EndSession for user undefined), was refused for another reason, or threw a TypeError.
describe('values refused by their own check, naming the field and never the value', () => {
  test('a baseUrl that is not an absolute URL (or not text), credentials with none of the three logins', () => {
    for (const baseUrl of ['acme.ucontactcloud.com', '/Integra/resources', 42]) {
      assert.throws(() => createUContactClient({ baseUrl, credentials: USER }),
        refused('createUContactClient', /^createUContactClient: baseUrl must be an absolute URL such as https:\/\/acme\.ucontactcloud\.com$/));
    }
    assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: { password: 'Sup3r-s3cret' } }),
      refused('createUContactClient', /^createUContactClient: credentials must hold user and password, agent and password, or token$/));
  });

  test('getRecordings: a guid with from or to; request: an empty query key', async () => {
    const { uc, sent } = scripted();
    for (const range of [{ from: '2026-01-01 00:00:00' }, { to: new Date(2026, 0, 1) }]) {
      await assert.rejects(uc.getRecordings({ guid: 'rec-1', ...range }), refused('getRecordings', /^getRecordings: give either guid or from\/to, not both$/));
    }
    await assert.rejects(uc.request('Agents/HangupPhone', { phone: '1001' }, { query: { a: 'b', '': '099123456' } }),
      refused('request', /^request: query key 1 is required$/));
    assert.deepEqual(sent, []);
  });

  test('a key of the other shape set to undefined is not given (getRecordings, credentials), as the shape choice and every other option read it', async () => {
    const range = { from: '2026-01-01 00:00:00', to: '2026-01-02 00:00:00' };
    const a = scripted();
    const b = scripted();
    await a.uc.getRecordings(range).catch(() => {});
    await b.uc.getRecordings({ guid: undefined, ...range }).catch((e) => assert.ok(!isBridgeError(e, 'INVALID_ARGUMENT'), e.message));
    await a.uc.getRecordings({ guid: 'rec-1' }).catch(() => {});
    await b.uc.getRecordings({ guid: 'rec-1', from: undefined, to: undefined, campaign: undefined, agent: undefined, timeZone: undefined }).catch((e) => assert.ok(!isBridgeError(e, 'INVALID_ARGUMENT'), e.message));
    assert.deepEqual(b.sent, a.sent);
    for (const credentials of [{ ...USER, token: undefined, agent: undefined }, { agent: 'agent1001', password: 'x', user: undefined, token: undefined, login: undefined },
      { token: TOKEN, password: undefined, agent: undefined, login: undefined }]) {
      assert.doesNotThrow(() => createUContactClient({ baseUrl: 'https://uc.example', credentials }));
    }
    // Given, a key of another shape is still refused.
    assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: { ...USER, agent: 'agent1001' } }), refused('createUContactClient', /unknown key 'credentials.agent'/));
    // null is a value, not a key left out: it still chooses its shape, and is refused there.
    for (const credentials of [{ ...USER, token: null }, { token: TOKEN, user: null }]) {
      assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials }), refused('createUContactClient', /credentials/));
    }
    const c = scripted();
    await assert.rejects(c.uc.getRecordings({ guid: null, ...range }), refused('getRecordings', /guid/));
    assert.deepEqual(c.sent, []);
  });

  // No colon, or nothing before it (`:uuid`): an empty user part is no user (EndSession for user '').
  for (const plain of ['6f1c2d3e-0000-4000-8000-000000000017', ':6f1c2d3e-0000-4000-8000-000000000017']) test(`a token that names no user (${plain.startsWith(':') ? 'an empty user part' : 'no colon'}): an upload needs its username, close() its credentials.user`, async () => {
    const anonymous = Buffer.from(plain).toString('base64');
    globalThis.captureSecret(anonymous);
    const { uc, sent } = scripted({ credentials: { token: anonymous } });
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }] }),
      refused('uploadCallsBase', /^uploadCallsBase: username is required when the credentials name no user$/));
    await assert.rejects(uc.close(), refused('close', /^close: credentials\.user is needed to end a session whose token names no user$/));
    assert.deepEqual(sent, []);
  });
});

describe('one rule per concept, the same in every method', () => {
  test("tag labels as the disposition's levels: only | (the joiner) and line breaks are refused; ; : = go as they are (a tag is no packed record)", async () => {
    const { uc, sent } = scripted();
    // Real forms tag a call with its disposition's levels ('l1|l2|l3'), and a level may read 'Callback: 24h'.
    await uc.dispositionCall({ campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: GUID, l1: 'Callback: 24h', tag: ['Callback: 24h', 'score=5', 'a;b'] });
    await uc.tagRecording({ guid: GUID, tag: ['Callback: 24h', 'score=5'] });
    assert.equal(sent.find((s) => s.path === 'api/DispositionCall').form.tag, 'Callback: 24h|score=5|a;b');
    assert.equal(sent.find((s) => s.path === 'Recordings/TagRecording').form.tag, 'Callback: 24h|score=5');
    const before = sent.length;
    await assert.rejects(uc.tagRecording({ guid: GUID, tag: ['ok', 'a|b'] }), refused('tagRecording', /tag\[1\] must not contain \|/));
    await assert.rejects(uc.tagRecording({ guid: GUID, tag: 'a\nb' }), refused('tagRecording', /tag must not contain/));
    assert.equal(sent.length, before);
  });

  test('typed alternatives (text or objects) are accepted by the DialerTask modes, as in a calls base', async () => {
    const { uc, sent } = scripted();
    await uc.dialerInsert({ ...CONTACT, alternatives: ['H=0=098111222', { type: 'W', retries: 2, number: '097333444' }, '096000000'] });
    await uc.dialerTask({ ...CONTACT, calldate: null, automatic: true, alternatives: 'M=9999=098111222:097333444' });
    const calls = sent.filter((s) => s.path === 'Dialers/DialerTask').map((s) => JSON.parse(s.form.call).alternatives);
    assert.deepEqual(calls, ['H=0=098111222:W=2=097333444:096000000', 'M=9999=098111222:097333444']);
    assert.equal(formatCallsBaseRecord('D', { phone: '099123456', alternatives: 'H=0=098111222:097333444' }), 'D;099123456;;H=0=098111222:097333444;');
  });

  test('retries over 9999, an unknown type or a bad number part are refused everywhere', async () => {
    const { uc, sent } = scripted();
    for (const alternatives of [['H=10000=098111222'], [{ type: 'H', retries: 10000, number: '098111222' }], ['X=0=098111222'], ['H=0=098-111']]) {
      await assert.rejects(uc.dialerInsert({ ...CONTACT, alternatives }), refused('dialerInsert', /alternatives\[0\]/));
      assert.throws(() => formatCallsBaseRecord('D', { phone: '099123456', alternatives }), refused('formatCallsBaseRecord', /records\[0\]\.alternatives\[0\]/));
    }
    assert.deepEqual(sent, []);
  });

  test('workflow data: every pair is key=value, in every method', async () => {
    const { uc, sent } = scripted();
    for (const data of ['id=7:novalue', '=7', 'a=b=c']) {
      await assert.rejects(uc.dialerInsert({ ...CONTACT, data }), refused('dialerInsert', /data pair \d/));
      assert.throws(() => formatCallsBaseRecord('D', { phone: '099123456', data }), refused('formatCallsBaseRecord', /records\[0\]\.data pair \d/));
    }
    await assert.rejects(uc.dialerInsert({ ...CONTACT, data: { note: 'a:b' } }), refused('dialerInsert', /data\.note must not contain/));
    assert.deepEqual(sent, []);
  });

  test('flags are booleans: a truthy string is refused, not read as false', async () => {
    const { uc, sent } = scripted();
    await assert.rejects(uc.dialerTask({ ...CONTACT, calldate: null, automatic: true, bulk: 'yes' }), refused('dialerTask', /bulk must be true or false/));
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }], progressive: 'yes' }),
      refused('uploadCallsBase', /progressive must be true or false/));
    assert.deepEqual(sent, []);
  });

  test('time limits: 0 is none, the timer maximum is the most; a null signal is none', async () => {
    const { uc } = scripted();
    assert.equal(await uc.hangupPhone({ phone: '1001' }, { timeoutMs: 0, signal: null }), '1');
    assert.equal(await uc.hangupPhone({ phone: '1001' }, { timeoutMs: 2 ** 31 - 1 }), '1');
    await assert.rejects(uc.hangupPhone({ phone: '1001' }, { timeoutMs: 2 ** 31 }), refused('hangupPhone', /timeoutMs must be an integer from 0 to 2147483647/));
    assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: USER, timeoutMs: 2 ** 31 }), refused('createUContactClient', /timeoutMs/));
    assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: USER, retry: { maxDelayMs: -1 } }), refused('createUContactClient', /retry.maxDelayMs/));
  });

  test('null options are no options, as a portal, Inbox or uPhone call takes them (the last argument of every method, request and close included)', async () => {
    // Before: `options must be an object` from every method here, while `portal.hangup(null)`,
    // `inbox.getInteraction(null)` and `phone.makeCall(args, null)` (and withFallback's REST route) run.
    const { uc, sent } = scripted();
    assert.equal(await uc.hangupPhone({ phone: '1001' }, null), '1');
    assert.equal(await uc.campaignsSummary(null).then((r) => Array.isArray(r)), true);
    assert.equal(await uc.request('Agents/HangupPhone', { phone: '1001' }, null), '1');
    await uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }] }, null);
    await uc.close(null);
    assert.ok(sent.some((s) => s.path === 'auth/EndSession'));
    await assert.rejects(uc.hangupPhone({ phone: '1001' }, 5), refused('hangupPhone', /options must be an object/));
  });

  test("an upload's timeZone 'local' is sent as this machine's IANA zone", async () => {
    const { uc, sent } = scripted();
    await uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }], timeZone: 'local' });
    const upload = sent.find((s) => s.path === 'Dialers/uploadbase');
    assert.equal(upload.form.timezone, new Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.notEqual(upload.form.timezone, 'local');
  });

  test("an upload's timeZone 'local' on a machine whose zone has no IANA name is refused, never sent as no zone, Etc/Unknown or GMT+03:00", async () => {
    // POSIX TZ values (UTC0, JST-9, a file path, ':/etc/localtime') have no IANA name in Intl
    // (undefined), TZ='' is Etc/Unknown, and TZ=GMT+3 (POSIX: UTC-3) is ICU's GMT+03:00 (UTC+3).
    // Before: the first uploaded the base with no timezone field at all, the others named a zone
    // the server does not know or one six hours off.
    const before = process.env.TZ;
    try {
      for (const tz of ['UTC0', 'JST-9', '', 'GMT+3']) {
        process.env.TZ = tz;
        const { uc, sent } = scripted();
        await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }], timeZone: 'local' }),
          refused('uploadCallsBase', /timeZone must be an IANA time zone name/), `TZ=${tz}`);
        assert.deepEqual(sent, [], `TZ=${tz}: nothing sent`);
      }
    } finally {
      process.env.TZ = before;
    }
    const { uc, sent } = scripted();
    await uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }], timeZone: 'local' });
    assert.equal(sent.find((s) => s.path === 'Dialers/uploadbase').form.timezone, new Intl.DateTimeFormat().resolvedOptions().timeZone, 'TZ restored');
  });

  test("a zone name in lower case that the platform knows under another name (an alias) is sent in the platform's spelling, never as typed", async () => {
    // Intl resolves 'asia/kolkata' to its canonical Asia/Calcutta (V8; other engines Asia/Kolkata):
    // the letter-case repair compared the two, found them different and sent 'asia/kolkata' as typed,
    // which a server that looks names up case-sensitively does not find. Same for Argentina, Nepal,
    // Vietnam, Ukraine, Greenland. A name given in its own case stays as given (Europe/Kyiv).
    const { uc, sent } = scripted();
    const zones = ['asia/kolkata', 'america/argentina/buenos_aires', 'asia/kathmandu', 'asia/ho_chi_minh', 'europe/kyiv', 'america/nuuk', 'Europe/Kyiv'];
    for (const [i, zone] of zones.entries()) await uc.uploadCallsBase({ campaign: 'D', filename: `b${i}`, records: [{ phone: '099123456' }], timeZone: zone });
    const named = sent.filter((s) => s.path === 'Dialers/uploadbase').map((s) => s.form.timezone);
    assert.deepEqual(named, [...zones.slice(0, -1).map((z) => new Intl.DateTimeFormat('en-US', { timeZone: z }).resolvedOptions().timeZone), 'Europe/Kyiv']);
    for (const z of named) assert.notEqual(z, z.toLowerCase(), z);
  });

  test('campaignStatus takes its arguments object (or none), not a bare queue name', async () => {
    const { uc } = scripted();
    assert.deepEqual({ ...(await uc.campaignStatus()) }, {});
    await assert.rejects(uc.campaignStatus('Sales->'), refused('campaignStatus', /arguments must be an object/));
  });
});

describe('defaults and boundaries of the form fields', () => {
  test("agentCall sends tech 'SIP' when none is given", async () => {
    const { uc, sent } = scripted();
    await uc.agentCall(CALL);
    assert.equal(sent.at(-1).form.tech, 'SIP');
  });

  test('getRecordings takes a range whose from equals its to', async () => {
    const { uc, sent } = scripted();
    await uc.getRecordings({ from: '2026-11-01 00:00:00', to: '2026-11-01 00:00:00' });
    assert.deepEqual([sent.at(-1).form.from, sent.at(-1).form.to], ['2026-11-01 00:00:00', '2026-11-01 00:00:00']);
  });
});

describe("the client's timeZone: the zone of a Date whose arguments name none", () => {
  // 2026-12-01 12:30 UTC: 21:30 in Tokyo (no summer time), 09:30 in Montevideo (this suite's TZ).
  const at = new Date(Date.UTC(2026, 11, 1, 12, 30));
  const later = new Date(Date.UTC(2026, 11, 1, 13, 0));

  test('getRecordings, dispositionCall, dialerTask and dialerScheduleForAnyAgent write a Date in it', async () => {
    const { uc, sent } = scripted({ timeZone: 'Asia/Tokyo' });
    await uc.getRecordings({ from: at, to: later });
    assert.deepEqual([sent.at(-1).form.from, sent.at(-1).form.to], ['2026-12-01 21:30:00', '2026-12-01 22:00:00']);
    await uc.dispositionCall({ campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Callback', schedule: at });
    assert.equal(sent.at(-1).form.schedule, '2026-12-01 21:30:00');
    await uc.dialerTask({ ...CONTACT, calldate: at, automatic: true });
    assert.equal(JSON.parse(sent.at(-1).form.call).calldate, '2026-12-01 21:30:00');
    await uc.dialerScheduleForAnyAgent({ ...CONTACT, calldate: at });
    assert.equal(JSON.parse(sent.at(-1).form.call).calldate, '2026-12-01 21:30:00');
    // The Schedule has no timeZone of its own: its Date calldate takes the client's (it was this
    // machine's zone: a back end in UTC scheduled the call hours off).
    await uc.scheduleDialerCall({ calldate: at, campaign: 'Sales->', destination: '099123456', data: '' });
    assert.equal(JSON.parse(sent.at(-1).form.callschedule).calldate, '2026-12-01 21:30:00');
    // A text date goes as it is.
    await uc.getRecordings({ from: '2026-12-01 00:00:00', to: '2026-12-01 23:59:59' });
    assert.deepEqual([sent.at(-1).form.from, sent.at(-1).form.to], ['2026-12-01 00:00:00', '2026-12-01 23:59:59']);
  });

  test("a call's own timeZone wins, 'local' included; without either, this machine's zone", async () => {
    const { uc, sent } = scripted({ timeZone: 'Asia/Tokyo' });
    await uc.getRecordings({ from: at, to: later, timeZone: 'UTC' });
    assert.deepEqual([sent.at(-1).form.from, sent.at(-1).form.to], ['2026-12-01 12:30:00', '2026-12-01 13:00:00']);
    await uc.dialerScheduleForAnyAgent({ ...CONTACT, calldate: at, timeZone: 'local' });
    assert.equal(JSON.parse(sent.at(-1).form.call).calldate, formatLocal(at));
    const plain = scripted();
    await plain.uc.dispositionCall({ campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Callback', schedule: at });
    assert.equal(plain.sent.at(-1).form.schedule, formatLocal(at));
    await plain.uc.scheduleDialerCall({ calldate: at, campaign: 'Sales->', destination: '099123456', data: '' });
    assert.equal(JSON.parse(plain.sent.at(-1).form.callschedule).calldate, formatLocal(at));
  });

  test('a timeZone that is not a zone is refused when the client is made, naming the option, never the value', () => {
    for (const timeZone of ['Mars/Olympus', '+03:00', 7, '']) {
      assert.throws(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: USER, timeZone }), (e) =>
        isBridgeError(e, 'INVALID_ARGUMENT') && /options\.timeZone|timeZone/.test(e.message) && !e.message.includes('Olympus'));
    }
  });
});

/** `YYYY-MM-DD HH:mm:ss` of a Date in this process's zone. */
function formatLocal(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
