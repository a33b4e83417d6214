// The REST simulator itself: strict HTTP rules, control paths, CORS, mounting, log hygiene.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRestSimulator, startRestServer } from '../../demo/rest/simulator.mjs';
import { withMountedHost } from './helpers/rest-server.mjs';
import { mapEntriesWalked } from '../support/map-walks.mjs';

const CRM = 'https://crm.example.com';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
let server;
const api = (path, { body = '', headers = {}, method = 'POST' } = {}) =>
  fetch(`${server.url}/Integra/resources/${path}`, { method, headers: { 'Content-Type': FORM, ...headers }, body: method === 'GET' ? undefined : body });
const outcomes = () => server.sim.state.log.map((e) => e.outcome);

async function token() {
  const res = await api('auth/getUserToken', { body: 'user=supervisor&password=Sup3r-s3cret' });
  return JSON.parse(await res.text());
}

before(async () => {
  server = await startRestServer({ port: 0, allowedOrigins: [CRM] });
});
after(() => server.close());
beforeEach(() => server.sim.reset());

describe('strict HTTP', () => {
  test('POST only, form content type, Authorization required', async () => {
    assert.equal((await api('Supervisor/campaignssummary', { method: 'GET' })).status, 405);
    assert.equal((await api('Supervisor/campaignssummary', { headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 415);
    assert.equal((await api('Supervisor/campaignssummary')).status, 401);
    assert.equal((await api('Supervisor/campaignssummary', { headers: { Authorization: 'Basic nope' } })).status, 401);
    const t = await token();
    const ok = await api('Supervisor/campaignssummary', { headers: { Authorization: `Basic ${t}` } });
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(await ok.text()).length, 3);
    assert.equal((await api('Nope/Nope', { headers: { Authorization: `Basic ${t}` } })).status, 404);
  });
  test('missing and extra fields and bad JSON answer 0; a field sent twice is read as its first value', async () => {
    const h = { Authorization: `Basic ${await token()}` };
    for (const body of ['', 'phone=1001&x=1', 'phone=abc']) {
      assert.equal(await (await api('Agents/HangupPhone', { headers: h, body })).text(), '0');
    }
    assert.equal(await (await api('Dialers/DialerTask', { headers: h, body: 'call={"campaign":' })).text(), '0');
    assert.equal(await (await api('Blacklist/AddBlacklist', { headers: h, body: `blacklist=${encodeURIComponent('{"phone":"1"}')}` })).text(), '0');
    assert.deepEqual(outcomes().slice(-5), ['rejected:missing-field', 'rejected:unexpected-field',
      'rejected:bad-phone', 'rejected:bad-call-json', 'rejected:bad-blacklist-entry']);
    // As a JAX-RS server reads a @FormParam sent twice: its first value (a partner's copied example sends d2 twice).
    assert.equal(await (await api('Agents/HangupPhone', { headers: h, body: 'phone=1001&phone=abc' })).text(), '1');
    assert.deepEqual(server.sim.state.hangups.at(-1), { phone: '1001' });
  });
  test('wrong credentials answer 0; tokens expire; EndSession ends them', async () => {
    assert.equal(await (await api('auth/getUserToken', { body: 'user=supervisor&password=x' })).text(), '0');
    const t = await token();
    server.sim.faults.expireTokens();
    assert.equal((await api('Agents/HangupPhone', { headers: { Authorization: `Basic ${t}` }, body: 'phone=1001' })).status, 401);
    const t2 = await token();
    const end = await api('auth/EndSession', { headers: { Authorization: `Basic ${t2}` }, body: `user=supervisor&token=${encodeURIComponent(t2)}` });
    assert.equal(await end.text(), '1');
    assert.equal((await api('Agents/HangupPhone', { headers: { Authorization: `Basic ${t2}` }, body: 'phone=1001' })).status, 401);
  });
  test('the request log holds no bodies and no tokens', async () => {
    const t = await token();
    await api('Agents/HangupPhone', { headers: { Authorization: `Basic ${t}` }, body: 'phone=1001' });
    const text = JSON.stringify(server.sim.state.log);
    assert.ok(!text.includes(t) && !text.includes('Sup3r-s3cret') && !text.includes('phone='));
    assert.deepEqual(Object.keys(server.sim.state.log[0]).sort(), ['method', 'outcome', 'path', 'seq', 'status']);
  });
  test('the request log keeps the latest LOG_LIMIT requests, numbered across the day', async () => {
    const { LOG_LIMIT } = await import('../../demo/rest/simulator.mjs');
    const first = server.sim.state.log.length;
    const n = LOG_LIMIT + 25 - first;
    for (let i = 0; i < n; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => api('Nope/Nope').then((r) => r.arrayBuffer())));
    }
    const log = server.sim.state.log;
    assert.equal(log.length, LOG_LIMIT);
    assert.equal(log.at(-1).seq - log[0].seq, LOG_LIMIT - 1, 'the latest ones, in order');
    assert.ok(log[0].seq > 25, 'the oldest went');
  });
});

// A simulator open all day (a load test, a back end's jobs) kept every call, disposition, base and
// SMS while its request log and webhooks kept the latest 1,000: its state grew without end, and
// each /sim/state copy with it. Every list the endpoints append to is filled past the limit here
// (a list of the state not filled fails the test: a new one needs its line). The blacklist is a
// set of numbers a call center loads by the thousand: its size is the list's, not the day's.
test('every list of the state keeps the latest LIST_LIMIT entries, as the request log does', async () => {
  const { LIST_LIMIT, DEFAULT_ACCOUNTS, freshState } = await import('../../demo/rest/fixtures.mjs');
  const { ENDPOINTS, recordCall } = await import('../../demo/rest/endpoints.mjs');
  const { apiRoute, createApi } = await import('../../demo/rest/api.mjs');
  const state = freshState();
  const ctx = { state, accounts: DEFAULT_ACCOUNTS };
  const legacy = (key, fields) => ENDPOINTS[key].handle(fields, ctx);
  const api = createApi(state);
  const req = { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ucx-sim-api-token-0001' } };
  const ucx = (path, body) => {
    const a = api.run(apiRoute(path), req, JSON.stringify(body), new URL(path, 'http://sim'));
    assert.equal(a.status, 200, `${path}: ${a.outcome}`);
  };
  const agent = { agent: 'agent1001', interface: 'SIP/1001' };
  const n = LIST_LIMIT + 5;
  const last = (i) => `0991${String(i).padStart(5, '0')}`;
  for (let i = 0; i < n; i++) {
    const destination = last(i);
    const task = { calldate: null, campaign: 'Promo->', destination, alternatives: '', agent: '', data: '', source: 'crm', bulk: false, automatic: true };
    legacy('Agents/AgentCall', { callerid: '', agent: 'agent1001', phone: '1001', tech: 'SIP', context: 'from-internal', outqueue: 'Sales->', destination });
    legacy('Agents/HangupPhone', { phone: '1001' });
    legacy('api/DispositionCall', { campaign: 'Sales->', agent: 'agent1001', callerid: destination, guid: `g${i}`, l1: 'Sale', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '', camptoreschedule: '', tag: '' });
    legacy('Dialers/DialerTask', { call: JSON.stringify({ ...task, destination: '099000000' }) });
    legacy('Dialers/DeleteDialerContact', { campaign: 'Promo->', destination: '099000000' });
    legacy('Dialers/DialerTask', { call: JSON.stringify(task) });
    legacy('Dialers/ScheduleDialerCall', { callschedule: JSON.stringify({ calldate: '2026-12-24 10:00:00', campaign: 'Sales->', destination, data: '' }) });
    legacy('Dialers/uploadbase', { filename: 'b.csv', fileb64: Buffer.from(`Promo->;${destination};;;\n`).toString('base64'), campaign: 'Promo->', cant: '1', username: 'supervisor' });
    legacy('Recordings/ConvertRecording', { guid: state.recordings.at(-1).guid, format: 'mp3' });
    legacy('api/AgentLogoff', agent);
    legacy('api/AgentUnBreak', { ...agent, motive: 'lunch', message: '' });
    legacy('SMS/SendSMSv2', { destination, message: 'hello', agent: 'agent1001', campaign: 'SMS1', source: '' });
    legacy('/IntegraChannels/resources/Forms/SendMailv2', { body: JSON.stringify({ campaign: 'Mail', to: `c${i}@example.com`, subject: 's', body: 'b', attachments: [] }), agent: 'agent1001' });
    legacy('SMS/SendSMSDialer', { message: 'hsm;t;text;v', destination, dialerName: 'WhatsAppDialer', agent: 'supervisor' });
    legacy('SMS/ScheduleDialerSMS', { sms: JSON.stringify({ calldate: '2026-12-24 10:00:00', campaign: 'SMS1', destination, data: 'hello' }) });
    legacy('InboundSMS/ReceiveURLSMS', { phone: destination, message: 'hello' });
    legacy('/IntegraGamification/resources/GM_Integration/LoadActions', { performanceMeasureName: 'Sales', dateHour: '2026-12-24 10:00:00', agentName: 'agent1001', actionAmount: '1' });
    legacy('/IntegraGamification/resources/GM_Integration/BatchMeasures', { filename: 'm.csv', fileb64: Buffer.from(`agent1001;Sales;2026-12-24 10:00:00;1;${i}\n`).toString('base64') });
    ucx('/api/dialer/id/Sales/lists', { filename: 'l.csv', list: [{ clientIds: [destination] }] });
    ucx('/api/dialer/id/Sales/freshLeads', { clientIds: [destination] });
    ucx('/api/webhook/x', { a: 1 });
  }
  const lengths = Object.fromEntries(Object.entries(state).filter(([k, v]) => Array.isArray(v) && !['blacklist', 'log'].includes(k)).map(([k, v]) => [k, v.length]));
  assert.deepEqual(lengths, Object.fromEntries(Object.keys(lengths).map((k) => [k, LIST_LIMIT])), 'each list at the limit');
  // The latest ones, in order.
  assert.equal(state.calls.at(-1).destination, last(n - 1));
  assert.equal(state.calls[0].destination, last(n - LIST_LIMIT));
  assert.equal(state.recordings[0].callerid, last(n - LIST_LIMIT), 'the seeded recordings went first');
  // SMS ids go on counting past the limit (ids were the list's length + 1: they would repeat).
  assert.deepEqual([state.sms[0].id, state.sms.at(-1).id], [n - LIST_LIMIT + 1, n]);
  // A call whose recording went is new again: recorded, and the limit kept.
  assert.equal(recordCall(state, { guid: state.calls[0].guid, campaign: 'Sales->', callerid: '099', agent: 'agent1001' }), false, 'a kept one is known');
  assert.equal(legacy('Recordings/GetRecordings', { guid: 'rec-0001' }), '[]', 'the seeded recording went');
  assert.equal(recordCall(state, { guid: 'rec-0001', campaign: 'Sales->', callerid: '099', agent: 'agent1001' }), true);
  assert.equal(state.recordings.length, LIST_LIMIT);
});

// A simulator open all day (a back end that logs in per job, a load test) issues tokens without
// end: what one more login costs must not grow with every token issued before it (expired ones too).
test('a login costs the same after 16,000 logins as after 1,000: the live count is kept, not recounted', async () => {
  // Counted, not timed: the entries of every Map walked while 1,000 logins are made, after `before`
  // logins (a recount walks the whole token map at each login: 16 times more after 16,000).
  const walkedDuring = async (before) => {
    const sim = createRestSimulator();
    for (let i = 0; i < before; i++) sim.issueToken('agent1001');
    const walked = await mapEntriesWalked(() => {
      for (let i = 0; i < 1000; i++) sim.issueToken('agent1001');
    });
    assert.equal(sim.state.sessions.active, before + 1000, 'every token issued is live');
    return walked;
  };
  const small = await walkedDuring(1000);
  const large = await walkedDuring(16_000);
  assert.ok(large <= small * 2 + 1000, `entries walked by 1,000 logins: ${small} after 1,000 logins, ${large} after 16,000`);
});

// A do-not-call list of many thousand numbers comes in one AddBlacklistMultiple: each entry was
// compared with every entry stored before it (100,000 numbers: minutes, the simulator answering nobody).
test('AddBlacklistMultiple and RemoveBlacklistMultiple read each entry a bounded number of times, whatever the size of the list', async () => {
  const { addBlacklist, removeBlacklist } = await import('../../demo/rest/lists.mjs');
  // Entries that count how often their fields are read: the work of one request, counted, not timed.
  const reads = (n) => {
    let count = 0;
    const entries = Array.from({ length: n }, (_, i) => ({
      get phone() { count++; return String(90_000_000 + i); },
      get campaign() { count++; return '*'; },
    }));
    const ctx = { state: { blacklist: [] } };
    addBlacklist(ctx, entries);
    addBlacklist(ctx, entries); // all known: nothing added twice
    assert.equal(ctx.state.blacklist.length, n);
    removeBlacklist(ctx, entries.slice(0, n / 2));
    assert.equal(ctx.state.blacklist.length, n / 2);
    return count;
  };
  const small = reads(500);
  const large = reads(4000);
  // Linear: 8 times the reads for 8 times the entries; a comparison with every stored entry made it 64.
  assert.ok(large <= small * 10, `${small} reads for 500 entries, ${large} for 4,000`);
});

describe('control paths', () => {
  test('GET /sim/state and POST /sim/faults', async () => {
    const state = await (await fetch(`${server.url}/sim/state`)).json();
    assert.deepEqual(Object.keys(state.campaigns), ['Sales->', 'Support<-', 'Promo->']);
    const res = await fetch(`${server.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ fail: { status: 503, path: 'auth/getUserToken' }, tokenFormat: 'bare' }) });
    assert.equal((await res.json()).tokenFormat, 'bare');
    assert.equal((await api('auth/getUserToken', { body: 'user=supervisor&password=Sup3r-s3cret' })).status, 503);
    const bare = await (await api('auth/getUserToken', { body: 'user=supervisor&password=Sup3r-s3cret' })).text();
    assert.match(bare, /^[A-Za-z0-9+/=]+$/);
    // A reset between tests (POST /sim/reset, reset()) undoes every switch, the token format too: kept,
    // one test's 'bare' answered the next test's logins.
    await (await fetch(`${server.url}/sim/reset`, { method: 'POST' })).text();
    assert.match(await (await api('auth/getUserToken', { body: 'user=supervisor&password=Sup3r-s3cret' })).text(), /^"[A-Za-z0-9+/=]+"$/);
    server.sim.config.tokenFormat = 'array';
    server.sim.reset();
    assert.equal(server.sim.config.tokenFormat, 'quoted');
    // The format the simulator was created with is its start.
    const arrays = createRestSimulator({ tokenFormat: 'array' });
    arrays.config.tokenFormat = 'bare';
    arrays.reset();
    assert.equal(arrays.config.tokenFormat, 'array');
  });
});

describe('CORS', () => {
  test('preflight and headers for configured origins only', async () => {
    const pre = await fetch(`${server.url}/Integra/resources/Agents/AgentCall`, {
      method: 'OPTIONS', headers: { Origin: CRM, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), CRM);
    assert.match(pre.headers.get('access-control-allow-headers'), /Authorization/);
    const other = await fetch(`${server.url}/Integra/resources/Agents/AgentCall`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const res = await api('auth/getUserToken', { headers: { Origin: CRM }, body: 'user=supervisor&password=Sup3r-s3cret' });
    assert.equal(res.headers.get('access-control-allow-origin'), CRM);
    const evil = await api('auth/getUserToken', { headers: { Origin: 'https://evil.example' }, body: 'user=supervisor&password=Sup3r-s3cret' });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });
});

describe('mounting', () => {
  test('handle() serves its paths and returns false for others', async () => {
    const sim = createRestSimulator();
    await withMountedHost(sim, async (base) => {
      assert.equal(await (await fetch(`${base}/index.html`)).text(), 'demo page');
      const res = await fetch(`${base}/Integra/resources/auth/AgentLogin`, { method: 'POST', headers: { 'Content-Type': FORM }, body: 'agent=agent1001&password=Ag3nt-s3cret' });
      // The documented AgentLogin shape: md5secret is base64 of `name:uuid`, callerid the bare extension.
      const sip = JSON.parse(await res.text());
      assert.match(Buffer.from(sip.md5secret, 'base64').toString(), /^agent1001:[0-9a-f-]{36}$/);
      assert.equal(sip.callerid, '1001');
      assert.equal(sim.state.sessions.agentLogins, 1);
    });
  });
});

// What the contract allows and real clients (or this library) send, taken by the simulator.
describe('accepts what real clients send (contract sections 4.2, 5, 6)', () => {
  const h = async () => ({ Authorization: `Basic ${await token()}` });
  const form = (o) => new URLSearchParams(o).toString();
  test('DispositionCall: every field present, empty allowed; a callerid that is an e-mail address or a chat id', async () => {
    const headers = await h();
    const base = { campaign: '', agent: '', callerid: '', guid: '', l1: '', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '', camptoreschedule: '', tag: '' };
    for (const fields of [base, { ...base, campaign: 'Mail<-', agent: 'agent1001', callerid: 'ana.perez@example.com', guid: 'g-1', l1: 'Done' },
      { ...base, callerid: 'wa-chat-7f3e', l1: 'Done' }]) {
      assert.equal(await (await api('api/DispositionCall', { headers, body: form(fields) })).text(), '1', JSON.stringify(fields));
    }
    assert.equal(await (await api('api/DispositionCall', { headers, body: form({ ...base, callerid: 'a\nb' }) })).text(), '0');
    assert.equal(server.sim.state.dispositions.length, 3);
  });
  test('a form body read in the charset its Content-Type declares: Latin-1 escapes and bytes are accented letters, not U+FFFD', async () => {
    const headers = await h();
    const base = { campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Venta', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '', camptoreschedule: '', tag: '' };
    const latin1 = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    const bodies = [
      ['application/x-www-form-urlencoded; charset=ISO-8859-1', `${form({ ...base, comment: '' })}`.replace('comment=', 'comment=Jos%E9+Mu%F1oz')],
      ['application/x-www-form-urlencoded;charset="iso-8859-1"', latin1(form({ ...base, comment: '' }).replace('comment=', 'comment=Jos\u00e9+Mu\u00f1oz'))],
      [FORM, form({ ...base, comment: 'José Muñoz' })],
      ['application/x-www-form-urlencoded', form({ ...base, comment: 'José Muñoz' })],
      // A charset nobody knows: read as UTF-8, as before.
      ['application/x-www-form-urlencoded; charset=x-unknown', form({ ...base, comment: 'José Muñoz' })],
    ];
    for (const [type, body] of bodies) {
      assert.equal(await (await api('api/DispositionCall', { headers: { ...headers, 'Content-Type': type }, body })).text(), '1', type);
      assert.equal(server.sim.state.dispositions.at(-1).comment, 'José Muñoz', type);
    }
  });
  test('DialerTask and ScheduleDialerCall: typed alternatives as in the calls-base file; a priority as numeric text', async () => {
    const headers = await h();
    const call = { calldate: null, campaign: 'Promo->', destination: '099123456', alternatives: 'H=0=099555555:W=2=099666666:098777777', agent: '', data: '', source: 'source', bulk: false, automatic: true };
    assert.equal(await (await api('Dialers/DialerTask', { headers, body: form({ call: JSON.stringify(call) }) })).text(), '1');
    assert.equal(await (await api('Dialers/DialerTask', { headers, body: form({ call: JSON.stringify({ ...call, priority: '10' }) }) })).text(), '1');
    assert.equal(await (await api('Dialers/DialerTask', { headers, body: form({ call: JSON.stringify({ ...call, alternatives: 'X=0=1' }) }) })).text(), '0');
    const schedule = { calldate: '2026-12-24 10:00:00', campaign: 'Promo->', destination: '099123456', data: '', alternatives: 'H=0=099555555' };
    assert.equal(await (await api('Dialers/ScheduleDialerCall', { headers, body: form({ callschedule: JSON.stringify(schedule) }) })).text(), '1');
  });
  test('a placed call is recorded: its guid is looked up, converted and tagged', async () => {
    const headers = await h();
    const guid = await (await api('Agents/AgentCall', {
      headers, body: form({ callerid: '', agent: 'agent1001', phone: '1001', tech: 'SIP', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' }),
    })).text();
    assert.match(guid, /^[\da-f-]{36}$/);
    const [rec] = JSON.parse(await (await api('Recordings/GetRecordings', { headers, body: form({ guid }) })).text());
    assert.deepEqual([rec.guid, rec.campaign, rec.agent, rec.location], [guid, 'Sales->', 'agent1001', 'local']);
    // A local recording is the guid's GSM file, as a uContact instance records calls (a real client
    // reads <guid>.gsm from its monitor spool and converts it itself): it was <guid>.wav.
    assert.equal(rec.file, `${guid}.gsm`);
    const [seeded] = JSON.parse(await (await api('Recordings/GetRecordings', { headers, body: form({ guid: 'rec-0001' }) })).text());
    assert.deepEqual([seeded.location, seeded.file], ['local', 'rec-0001.gsm']);
    assert.equal(await (await api('Recordings/ConvertRecording', { headers, body: form({ guid, format: 'mp3' }) })).text(), `${guid}.mp3`);
    assert.equal(await (await api('Recordings/TagRecording', { headers, body: form({ guid, tag: 'sale' }) })).text(), '1');
  });
  test('GetRecordings: from and to with campaign and agent optional (absent or empty)', async () => {
    const headers = await h();
    const range = { from: '2026-11-01 00:00:00', to: '2026-11-30 23:59:59' };
    for (const [fields, n] of [[range, 4], [{ ...range, campaign: 'Sales->' }, 2], [{ ...range, agent: 'agent1002', campaign: '' }, 2], [{ ...range, agent: 'agent1002', campaign: 'Sales->' }, 1]]) {
      const text = await (await api('Recordings/GetRecordings', { headers, body: form(fields) })).text();
      assert.notEqual(text, '0', JSON.stringify(fields));
      assert.equal(JSON.parse(text).length, n, JSON.stringify(fields));
    }
    assert.equal(await (await api('Recordings/GetRecordings', { headers, body: form({ guid: 'rec-0001', agent: '' }) })).text(), '0', 'guid takes no range fields');
  });
  test('a campaign, outqueue or agent named like an Object.prototype key is looked up as data: nothing leaks into every object', async () => {
    const headers = await h();
    const base = { campaign: '', agent: '', callerid: '', guid: '', l1: '', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '', camptoreschedule: '', tag: '' };
    const call = { callerid: '', agent: 'agent1001', phone: '1001', tech: 'SIP', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
    try {
      // Any text is a campaign (DispositionCall's fields may be empty): the disposition is taken.
      assert.equal(await (await api('api/DispositionCall', { headers, body: form({ ...base, campaign: '__proto__', l1: 'x' }) })).text(), '1');
      assert.match(await (await api('Agents/AgentCall', { headers, body: form({ ...call, outqueue: '__proto__' }) })).text(), /^[\da-f-]{36}$/);
      assert.deepEqual([{}.completed, {}.totalcalls], [undefined, undefined], 'Object.prototype polluted');
      assert.equal(await (await api('Agents/AgentCall', { headers, body: form({ ...call, agent: '__proto__' }) })).text(), '0');
      assert.equal(server.sim.state.log.at(-1).outcome, 'rejected:unknown-agent');
      assert.equal(server.sim.state.campaigns['Sales->'].totalcalls, 42);
    } finally {
      delete Object.prototype.completed;
      delete Object.prototype.totalcalls;
    }
  });
  test('a POST whose fields are all in the query string may have no body and no content type', async () => {
    const t = await token();
    const res = await fetch(`${server.url}/Integra/resources/auth/EndSession?user=supervisor&token=${encodeURIComponent(t)}`, {
      method: 'POST', headers: { Authorization: `Basic ${t}` },
    });
    assert.equal([res.status, await res.text()].join(' '), '200 1');
    // A body still needs the form type.
    assert.equal((await fetch(`${server.url}/Integra/resources/Agents/HangupPhone`, { method: 'POST', headers: { Authorization: `Basic ${await token()}`, 'Content-Type': 'text/plain' }, body: 'phone=1001' })).status, 415);
  });
});

test('the simulator reads a YYYY-MM-DD HH:mm:ss date as the library writes it, years 0001 to 0099 included', async () => {
  const { isDateTime } = await import('../../demo/rest/checks.mjs');
  for (const ok of ['2026-12-05 09:30:00', '0001-01-01 00:00:00', '0050-06-15 12:00:00', '0004-02-29 00:00:00', '2024-02-29 23:59:59', '9999-12-31 23:59:59']) {
    assert.equal(isDateTime(ok), true, ok);
  }
  for (const bad of ['2025-02-29 00:00:00', '0001-02-29 00:00:00', '1900-02-29 00:00:00', '2026-13-01 00:00:00', '2026-12-05 24:00:00', '2026-12-05 09:60:00', '2026-12-05 09:30:60', '2026-12-05T09:30:00', 20261205]) {
    assert.equal(isDateTime(bad), false, String(bad));
  }
});

// The portal page shows the REST state every second: each list's count and its last three entries.
// It fetched the whole state, some 400 bytes more for every call placed (1.2 MB a second after 3,000).
test('GET /sim/state?tail=3: each list cut to its last 3 entries, every list\'s length in lengths; without tail, the whole state', async () => {
  const own = await startRestServer({ port: 0 });
  try {
    for (let i = 0; i < 40; i++) own.sim.state.calls.push({ guid: `g-${i}` });
    own.sim.state.hangups.push({ phone: '1001' });
    const get = (query) => fetch(`${own.url}/sim/state${query}`).then((r) => r.json());
    const s = await get('?tail=3');
    assert.deepEqual(s.calls.map((c) => c.guid), ['g-37', 'g-38', 'g-39']);
    assert.deepEqual(s.hangups, [{ phone: '1001' }]);
    assert.deepEqual(s.dialer, []);
    assert.deepEqual([s.lengths.calls, s.lengths.hangups, s.lengths.dialer], [40, 1, 0]);
    assert.deepEqual(s.sessions, own.sim.state.sessions, 'what is no list, whole');
    assert.deepEqual((await get('?tail=0')).calls, []);
    const whole = await get('');
    assert.equal(whole.calls.length, 40);
    assert.equal(whole.lengths, undefined);
    for (const bad of ['?tail=x', '?tail=-1', '?tail=1.5', '?tail=']) assert.equal((await fetch(`${own.url}/sim/state${bad}`)).status, 400, bad);
  } finally {
    await own.close();
  }
});
