// Conformance with the contract's [seen] facts (spec sections 5 and 6): what real uContact clients
// send and what real servers answer.
// Part 1, the client: for each fact, a scripted server answers exactly as real servers do; the built
//   client must send the request as real clients send it and return what the contract says.
// Part 2, the simulator: requests written exactly as real clients write them must be accepted, and
//   the simulator must answer in the shapes real servers use; it stays strict where the contract is.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:0b7e4c1a-5f0e-4c9b-9a51-2f3d6c7e8a90').toString('base64');
// Tokens made up here never cross the real fetch: tell the final secrets check about them.
globalThis.captureSecret(TOKEN);
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

// ---- Part 1 ---------------------------------------------------------------------------------------

/** A server scripted by path; records every request as the client sent it. */
function realServer(answers) {
  const requests = [];
  const fetchFn = async (url, init) => {
    const u = new URL(url);
    requests.push({
      method: init.method, path: u.pathname, query: Object.fromEntries(u.searchParams), type: init.headers['Content-Type'],
      auth: init.headers.Authorization, fields: Object.fromEntries(new URLSearchParams(init.body)), redirect: init.redirect,
    });
    const a = answers[u.pathname] ?? { status: 404, body: '' };
    return new Response(typeof a === 'string' ? a : a.body, { status: typeof a === 'string' ? 200 : a.status });
  };
  return { requests, fetch: fetchFn };
}
const I = (p) => `/Integra/resources/${p}`;
const LOGIN = { [I('auth/getUserToken')]: JSON.stringify(TOKEN) };
const connect = (server, credentials = { user: 'supervisor', password: 'Sup3r-s3cret' }) =>
  createUContactClient({ baseUrl: 'https://acme.ucontactcloud.com', credentials, fetch: server.fetch, log: captureLog, retry: { baseDelayMs: 1 } });

const FACTS = [
  {
    fact: 'getUserToken: user and password as a form; the token comes as a JSON string, read by stripping the quotes, and is sent as Basic <token> exactly as returned',
    tag: '[doc + seen]', answers: { ...LOGIN, [I('Supervisor/campaignssummary')]: '[]' },
    run: (uc) => uc.campaignsSummary(),
    requests: [
      { method: 'POST', path: I('auth/getUserToken'), type: FORM, auth: undefined, fields: { user: 'supervisor', password: 'Sup3r-s3cret' } },
      { method: 'POST', path: I('Supervisor/campaignssummary'), type: FORM, auth: `Basic ${TOKEN}`, fields: {} },
    ],
    result: [],
  },
  {
    fact: 'a 401 means the token expired: log in once more and replay',
    tag: '[seen]',
    answers: (() => {
      let n = 0;
      return { ...LOGIN, [I('Agents/HangupPhone')]: { get status() { return n++ === 0 ? 401 : 200; }, body: '1' } };
    })(),
    run: (uc) => uc.hangupPhone({ phone: '1001' }),
    paths: ['auth/getUserToken', 'Agents/HangupPhone', 'auth/getUserToken', 'Agents/HangupPhone'],
    result: '1',
  },
  {
    fact: 'getUserToken answering 404: fall back to UserLogin, whose JSON array holds the token at [2]',
    tag: '[doc + seen]', answers: { [I('auth/UserLogin')]: `[7,"supervisor",${JSON.stringify(TOKEN)}]`, [I('Agents/HangupPhone')]: '1' },
    run: (uc) => uc.hangupPhone({ phone: '1001' }),
    paths: ['auth/getUserToken', 'auth/UserLogin', 'Agents/HangupPhone'],
    check: (reqs) => assert.equal(reqs[2].auth, `Basic ${TOKEN}`),
    result: '1',
  },
  {
    fact: 'EndSession: user and token; its answer is read by no client (any 2xx but 0 is done)',
    tag: '[seen]', answers: { ...LOGIN, [I('Supervisor/campaignssummary')]: '[]', [I('auth/EndSession')]: '' },
    run: async (uc) => {
      await uc.campaignsSummary();
      return uc.close();
    },
    check: (reqs) => assert.deepEqual(reqs[2].fields, { user: 'supervisor', token: TOKEN }),
    result: undefined,
  },
  {
    fact: 'DialerTask: call = JSON with every key; its answer is read by no client (the text is handed back)',
    tag: '[doc + seen]', answers: { ...LOGIN, [I('Dialers/DialerTask')]: 'OK' },
    run: (uc) => uc.dialerTask({ calldate: null, campaign: 'Promo->', destination: '099123456', source: 'source', automatic: true }),
    check: (reqs) => assert.deepEqual(JSON.parse(reqs[1].fields.call), {
      calldate: null, campaign: 'Promo->', destination: '099123456', alternatives: '', agent: '', data: '', source: 'source', bulk: false, automatic: true,
    }),
    result: 'OK',
  },
  {
    fact: 'ScheduleDialerCall answers 1 (trimmed)',
    tag: '[seen]', answers: { ...LOGIN, [I('Dialers/ScheduleDialerCall')]: '1\r\n' },
    run: (uc) => uc.scheduleDialerCall({ calldate: '2026-12-02 11:00:00', campaign: 'Promo->', destination: '099123456', alternatives: '', agentphone: '', data: '' }),
    result: undefined,
  },
  {
    fact: 'uploadbase: filename, fileb64 (base64 of the file), campaign, cant as text, username; its answer is read by no client',
    tag: '[seen]', answers: { ...LOGIN, [I('Dialers/uploadbase')]: 'true' },
    run: (uc) => uc.uploadCallsBase({ campaign: 'Promo->', filename: 'base_1', records: [{ phone: '099123456', data: { id: '7' } }] }),
    check: (reqs) => {
      const f = reqs[1].fields;
      assert.deepEqual(Object.keys(f), ['filename', 'fileb64', 'campaign', 'cant', 'username']);
      assert.deepEqual([f.filename, f.campaign, f.cant, f.username], ['base_1', 'Promo->', '1', 'supervisor']);
      assert.equal(Buffer.from(f.fileb64, 'base64').toString(), 'Promo->;099123456;id=7;;\n');
    },
    result: (r) => assert.deepEqual(r.stored, ['base_1']),
  },
  {
    fact: 'SendSMSv2: destination, message, agent, campaign, source; answers JSON with id',
    tag: '[seen]', answers: { ...LOGIN, [I('SMS/SendSMSv2')]: '{"id":4711}' },
    run: (uc) => uc.sendSms({ destination: '099123456', message: 'hola', agent: 'agent1001', campaign: 'SMS', source: 'crm' }),
    requests: [undefined, { method: 'POST', path: I('SMS/SendSMSv2'), type: FORM, auth: `Basic ${TOKEN}`,
      fields: { destination: '099123456', message: 'hola', agent: 'agent1001', campaign: 'SMS', source: 'crm' } }],
    result: (r) => assert.deepEqual([r.id, r.raw], ['4711', { id: 4711 }]),
  },
  {
    fact: 'getqueuemembersofqueue?queue=<name>: the queue in the query string; a JSON array of {membername, …}',
    tag: '[seen]', answers: { ...LOGIN, [I('queues/getqueuemembersofqueue')]: '[{"membername":"agent1001","status":1}]' },
    run: (uc) => uc.queueMembers({ queue: 'Sales->' }),
    check: (reqs) => assert.deepEqual([reqs[1].query, reqs[1].fields], [{ queue: 'Sales->' }, {}]),
    result: (r) => assert.deepEqual(r.map((m) => m.membername), ['agent1001']),
  },
  {
    fact: 'GetCampaigns lives under IntegraChannels/resources: agent, channel (\'\' = all); a JSON array of {channel, campaigns}',
    tag: '[seen]', answers: { ...LOGIN, '/IntegraChannels/resources/AgentResources/GetCampaigns': '[{"channel":"telephony","campaigns":["Sales->"]}]' },
    run: (uc) => uc.agentCampaigns({ agent: 'agent1001' }),
    requests: [undefined, { method: 'POST', path: '/IntegraChannels/resources/AgentResources/GetCampaigns', type: FORM, auth: `Basic ${TOKEN}`,
      fields: { agent: 'agent1001', channel: '' } }],
    result: (r) => assert.deepEqual(r.map((c) => [c.channel, c.campaigns]), [['telephony', ['Sales->']]]),
  },
  {
    fact: 'AddBlacklist: blacklist = one JSON object (campaign * = all campaigns)',
    tag: '[seen]', answers: { ...LOGIN, [I('Blacklist/AddBlacklist')]: '1' },
    run: (uc) => uc.addBlacklist({ phone: '099123456' }),
    check: (reqs) => assert.deepEqual(JSON.parse(reqs[1].fields.blacklist), { phone: '099123456', campaign: '*' }),
    result: '1',
  },
  {
    fact: 'campaignstatus: an object keyed by campaign; talked and hold are text HH:MM:SS; servicelevel and counters numbers or numeric text',
    tag: '[seen]',
    answers: { ...LOGIN, [I('Supervisor/campaignstatus')]: JSON.stringify({ 'Ventas->': {
      campaign: 'Ventas->', availables: '2', busy: 1, paused: '0', onwrapup: 0, completed: '57', abandoned: 3, acd: 0, totalcalls: '60',
      talked: '02:14:09', hold: '00:03:10', servicelevel: '87.50',
    } }) },
    run: (uc) => uc.campaignStatus({ queue: '' }),
    check: (reqs) => assert.deepEqual(reqs[1].fields, { queue: '' }),
    result: (r) => {
      const s = r['Ventas->'];
      assert.deepEqual([s.availables, s.completed, s.totalcalls, s.talked, s.talkedSeconds, s.hold, s.holdSeconds, s.servicelevel, s.problems],
        [2, 57, 60, '02:14:09', 8049, '00:03:10', 190, 87.5, []]);
    },
  },
  {
    fact: 'the body 0 (also with whitespace, or as the JSON string "0") means error',
    tag: '[doc]', answers: { ...LOGIN, [I('Agents/HangupPhone')]: '"0"\n' },
    run: (uc) => uc.hangupPhone({ phone: '1001' }).catch((e) => e.code),
    result: 'API_ERROR',
  },
  {
    fact: 'a form\'s Agent.token is a ready Basic token (base64 of user:uuid): used as is, no login',
    tag: '[seen]', credentials: { token: TOKEN }, answers: { [I('Agents/HangupPhone')]: '1' },
    run: (uc) => uc.hangupPhone({ phone: '1001' }),
    requests: [{ method: 'POST', path: I('Agents/HangupPhone'), type: FORM, auth: `Basic ${TOKEN}`, fields: { phone: '1001' } }],
    result: '1',
  },
];

describe('part 1: the client against answers as real servers give them', () => {
  for (const f of FACTS) {
    test(`${f.tag} ${f.fact}`, async () => {
      const server = realServer(f.answers);
      const result = await f.run(connect(server, f.credentials));
      if (typeof f.result === 'function') f.result(result);
      else assert.deepEqual(result, f.result);
      assert.ok(server.requests.every((r) => r.redirect === 'manual'), 'redirects are never followed');
      if (f.paths) assert.deepEqual(server.requests.map((r) => r.path.replace('/Integra/resources/', '')), f.paths);
      (f.requests ?? []).forEach((want, i) => {
        if (want) assert.deepEqual({ ...server.requests[i], query: undefined, redirect: undefined }, { ...want, query: undefined, redirect: undefined });
      });
      f.check?.(server.requests);
    });
  }
});

// ---- Part 2 ---------------------------------------------------------------------------------------

let sim;
before(async () => {
  sim = await startRestServer({ port: 0 });
});
after(() => sim.close());
beforeEach(() => sim.sim.reset());

/** A request written as a real client writes it. */
async function send(path, body = '', { token, method = 'POST', query = '' } = {}) {
  const headers = method === 'POST' ? { 'Content-Type': FORM } : {};
  if (token) headers.Authorization = `Basic ${token}`;
  const res = await fetch(`${sim.url}${path.startsWith('/') ? path : I(path)}${query}`, { method, headers, body: method === 'POST' ? body : undefined });
  return { status: res.status, text: await res.text() };
}
const form = (fields) => new URLSearchParams(fields).toString();
async function userToken() {
  return JSON.parse((await send('auth/getUserToken', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
}

describe('part 2: the simulator accepts requests as real clients send them', () => {
  test('[seen] a calls base whose lines end in ; (Integra\'s own test file), CRLF, the last line without a break', async () => {
    const file = 'Promo->;099123456;id=1;;5;\r\nPromo->;098111222;id=2:state=;H=0=097333444;;\nPromo->;097333444;;;';
    const r = await send('Dialers/uploadbase', form({
      filename: 'integra_test', fileb64: Buffer.from(file).toString('base64'), campaign: 'Promo->', cant: '3', username: 'supervisor',
    }), { token: await userToken() });
    assert.deepEqual(r, { status: 200, text: '1' });
    assert.deepEqual(sim.sim.state.bases.map((b) => [b.filename, b.lines, b.progressive]), [['integra_test', 3, false]]);
  });

  test('[seen] an SMS base as Integra\'s own test sends it: filename, fileb64, campaign; lines campaign;phone;message;<digits>', async () => {
    // The test's file, byte for byte (its fileb64 decoded).
    const file = 'AutomatedSMSDialer;091111111;Hi World;9999\nAutomatedSMSDialer;092222222;Hi City;8888\nAutomatedSMSDialer;093333333;Hi People;7777';
    assert.equal(Buffer.from(file).toString('base64'), 'QXV0b21hdGVkU01TRGlhbGVyOzA5MTExMTExMTtIaSBXb3JsZDs5OTk5CkF1dG9tYXRlZFNNU0RpYWxlcjswOTIyMjIyMjI7SGkgQ2l0eTs4ODg4CkF1dG9tYXRlZFNNU0RpYWxlcjswOTMzMzMzMzM7SGkgUGVvcGxlOzc3Nzc=');
    const token = await userToken();
    const r = await send('SMS/uploadbase', form({ filename: 'automationSMS.csv', fileb64: Buffer.from(file).toString('base64'), campaign: 'AutomatedSMSDialer' }), { token });
    assert.deepEqual(r, { status: 200, text: '1' });
    assert.deepEqual(sim.sim.state.bases.map((b) => [b.kind, b.filename, b.campaign, b.lines, b.username]), [['sms', 'automationSMS.csv', 'AutomatedSMSDialer', 3, null]]);
    // A calls-base line (campaign;phone;data;alternatives;priority) is not an SMS line.
    const calls = 'AutomatedSMSDialer;099123456;id=1;;5';
    assert.equal((await send('SMS/uploadbase', form({ filename: 'f', fileb64: Buffer.from(calls).toString('base64'), campaign: 'AutomatedSMSDialer' }), { token })).text, '0');
    // A line may end with ; as calls-base lines do.
    const ended = 'AutomatedSMSDialer;091111111;Hi World;9999;\nAutomatedSMSDialer;092222222;Hi City;';
    assert.equal((await send('SMS/uploadbase', form({ filename: 'f2', fileb64: Buffer.from(ended).toString('base64'), campaign: 'AutomatedSMSDialer' }), { token })).text, '1');
    // cant, when given, must count the lines.
    assert.equal((await send('SMS/uploadbase', form({ filename: 'f', fileb64: Buffer.from(file).toString('base64'), campaign: 'AutomatedSMSDialer', cant: '2', username: 'supervisor' }), { token })).text, '0');
  });

  test('[doc] AgentCallwithData: data is JSON text of an object, its values any JSON (numbers too); not an object answers 0', async () => {
    const token = await userToken();
    const call = (data) => send('Agents/AgentCallwithData', form({
      callerid: '1001', agent: 'agent1001', phone: '1001', tech: 'SIP', context: 'from-internal', outqueue: 'Sales->', destination: '099123456', data,
    }), { token });
    assert.match((await call(JSON.stringify({ id: 7, vip: true, name: 'Ana' }))).text, /^[0-9a-f-]{36}$/);
    assert.deepEqual(sim.sim.state.calls.at(-1).data, { id: 7, vip: true, name: 'Ana' });
    assert.equal((await call('[1,2]')).text, '0');
    assert.equal((await call('not json')).text, '0');
  });

  test('[seen] an e-mail base as Integra\'s own test uploads it (IntegraChannels/resources/DialersResources/uploadDialerBase)', async () => {
    const fileb64 = 'QXV0b21hdGVkRW1haWxTZW5kZXI7YXV0b21hdGlvbnRlc3RpbnRlZ3JhckBnbWFpbC5jb207RXN0ZSBlcyB1biBtZW5zYWplIGRlIGVqZW1wbG87OyJWYXIxIjoidmFsdWUiLCJWYXIyIjoidmFsdWUiOzk5OTk=';
    assert.equal(Buffer.from(fileb64, 'base64').toString(), 'AutomatedEmailSender;automationtestintegrar@gmail.com;Este es un mensaje de ejemplo;;"Var1":"value","Var2":"value";9999');
    const token = await userToken();
    const upload = (fields) => send('/IntegraChannels/resources/DialersResources/uploadDialerBase', form(fields), { token });
    const fields = { channel: 'email', filename: 'automationEmail.csv', fileb64, dialer: 'AutomatedEmailSender', cant: '1' };
    assert.deepEqual(await upload(fields), { status: 200, text: '1' });
    assert.deepEqual(sim.sim.state.bases.map((b) => [b.kind, b.filename, b.campaign, b.lines]), [['email', 'automationEmail.csv', 'AutomatedEmailSender', 1]]);
    // A phone number is no e-mail address; cant must count the lines.
    assert.equal((await upload({ ...fields, fileb64: Buffer.from('AutomatedEmailSender;099123456;hi').toString('base64') })).text, '0');
    assert.equal((await upload({ ...fields, cant: '2' })).text, '0');
  });

  // A Laravel dialer package (ValmarHoldings\DialerLiftUp, Http/Resources/AddContact.php, sent by its
  // Services/Processor.php with Http::asForm()) uploads each contact as a one-line base: campaign,
  // cant (the integer 1), fileb64, filename `<unix time>_<4 digits>` (no extension), and no username;
  // it reads any body but `0` as done.
  test('[seen] a one-contact base as a Laravel dialer package uploads it: no username, a file name without extension', async () => {
    const file = 'Promo->;099123456;Name=Ana Diaz;;9999;';
    const token = await userToken();
    const r = await send('Dialers/uploadbase', form({ campaign: 'Promo->', cant: 1, fileb64: Buffer.from(file).toString('base64'), filename: '1765130000_4821' }), { token });
    assert.deepEqual(r, { status: 200, text: '1' });
    assert.deepEqual(sim.sim.state.bases.map((b) => [b.filename, b.campaign, b.username, b.lines, b.progressive]), [['1765130000_4821', 'Promo->', null, 1, false]]);
    // A username given is still checked: an empty one answers 0.
    assert.equal((await send('Dialers/uploadbase', form({ campaign: 'Promo->', cant: 1, fileb64: Buffer.from(file).toString('base64'), filename: 'f2', username: '' }), { token })).text, '0');
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:bad-username');
  });

  test('[seen] a progressive base whose lines end in ;', async () => {
    const file = 'Prog;099123456;;;1;1001;\nProg;098111222;;;2;1002;\n';
    const r = await send('Dialers/uploadbase', form({
      filename: 'prog', fileb64: Buffer.from(file).toString('base64'), campaign: 'Prog', cant: '2', username: 'supervisor',
    }), { token: await userToken() });
    assert.equal(r.text, '1');
    assert.equal(sim.sim.state.bases[0].progressive, true);
  });

  test('[seen] a callschedule without alternatives and agentphone (omitted when empty)', async () => {
    const callschedule = JSON.stringify({ calldate: '2026-12-02 11:00:00', campaign: 'Promo->', destination: '099123456', data: '' });
    assert.equal((await send('Dialers/ScheduleDialerCall', form({ callschedule }), { token: await userToken() })).text, '1');
    assert.deepEqual(sim.sim.state.schedules, [{ calldate: '2026-12-02 11:00:00', campaign: 'Promo->', destination: '099123456', alternatives: '', agentphone: '', data: '' }]);
  });

  test('[seen] EndSession with user and token in the query string', async () => {
    const token = await userToken();
    const r = await send('auth/EndSession', '', { token, query: `?${form({ user: 'supervisor', token })}` });
    assert.deepEqual(r, { status: 200, text: '1' });
    assert.equal(sim.sim.state.sessions.endSessions, 1);
  });

  test('[seen] EndSession names its token in its fields: accepted without an Authorization header, refused for a wrong one', async () => {
    const token = await userToken();
    assert.deepEqual(await send('auth/EndSession', form({ user: 'supervisor', token: 'bm9ib2R5OjE=' })), { status: 200, text: '0' });
    assert.deepEqual(await send('auth/EndSession', form({ user: 'supervisor', token }), { token: 'bm9ib2R5OjE=' }), { status: 401, text: 'Unauthorized' });
    assert.deepEqual(await send('auth/EndSession', form({ user: 'supervisor', token })), { status: 200, text: '1' });
    assert.equal(sim.sim.state.sessions.endSessions, 1);
    assert.equal((await send('Supervisor/campaignssummary', '', { token })).status, 401);
  });

  test('[doc] AgentLogin: the SIP peer (name, defaultuser, callerid the bare extension; accountcode the agent), md5secret base64 of agent:uuid (the token)', async () => {
    const sip = JSON.parse((await send('auth/AgentLogin', form({ agent: 'agent1001', password: 'Ag3nt-s3cret' }))).text);
    assert.equal(sip.callerid, '1001');
    // The Agent API page's answer is the agent's SIP peer: `name` is the extension ("9999", as
    // `defaultuser`), the agent's name is `accountcode` ("Jhon"), as the form framework's Agent.accountcode.
    assert.equal(sip.name, '1001');
    assert.equal(sip.defaultuser, '1001');
    assert.equal(sip.accountcode, 'agent1001');
    assert.match(Buffer.from(sip.md5secret, 'base64').toString(), /^agent1001:[0-9a-f-]{36}$/);
    assert.equal((await send('Agents/HangupPhone', form({ phone: '1001' }), { token: sip.md5secret })).text, '1');
  });

  test('[doc + seen] UserLogin answers an array whose [2] is the token', async () => {
    const list = JSON.parse((await send('auth/UserLogin', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
    assert.ok(Array.isArray(list));
    assert.equal((await send('Supervisor/campaignssummary', '', { token: list[2] })).status, 200);
  });

  test('[seen] campaignstatus answers talked and hold as text HH:MM:SS', async () => {
    const all = JSON.parse((await send('Supervisor/campaignstatus', form({ queue: '' }), { token: await userToken() })).text);
    for (const c of Object.values(all)) assert.match(`${c.talked} ${c.hold}`, /^\d{2,}:[0-5]\d:[0-5]\d \d{2,}:[0-5]\d:[0-5]\d$/);
  });

  test('[seen] queue members: GET or POST with ?queue=', async () => {
    const token = await userToken();
    for (const method of ['GET', 'POST']) {
      const r = await send('queues/getqueuemembersofqueue', '', { token, method, query: `?queue=${encodeURIComponent('Sales->')}` });
      assert.deepEqual(JSON.parse(r.text).map((m) => m.membername), ['agent1001', 'agent1002']);
    }
  });

  test('[seen] IntegraChannels GetCampaigns, SendSMSv2 with JSON id, DialerTask as the real client writes it', async () => {
    const token = await userToken();
    const camps = await send('/IntegraChannels/resources/AgentResources/GetCampaigns', form({ agent: 'agent1001', channel: '' }), { token });
    assert.deepEqual(JSON.parse(camps.text)[0], { channel: 'telephony', campaigns: ['Sales->', 'Support<-', 'Promo->'] });
    const sms = await send('SMS/SendSMSv2', form({ destination: '099123456', message: 'hola', agent: '', campaign: 'SMS', source: '' }), { token });
    assert.equal(typeof JSON.parse(sms.text).id, 'number');
    const call = JSON.stringify({ calldate: null, campaign: 'Promo->', destination: '099123456', alternatives: '', agent: '', data: '', source: 'source', bulk: false, automatic: true });
    assert.equal((await send('Dialers/DialerTask', form({ call }), { token })).text, '1');
  });

  // A Laravel CRM's requests, as its HTTP client writes them (asForm: no charset; PHP's json_encode
  // escapes `/`): the SMS to the lead's full international number, then a scheduled callback.
  test('[seen] SendSMSv2 to a number in international form (+…) and a callschedule as PHP encodes it (\\/, keys in its order)', async () => {
    const token = await userToken();
    const php = (path, body) => fetch(`${sim.url}${I(path)}`, {
      method: 'POST', headers: { Authorization: `Basic ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body,
    }).then((r) => r.text());
    const sms = await php('SMS/SendSMSv2', form({ destination: '+59899123456', message: 'Hola', agent: 'agent1001', campaign: 'SMS', source: 'crm' }));
    assert.equal(typeof JSON.parse(sms).id, 'number', 'the CRM keeps the answer\'s id');
    assert.deepEqual(sim.sim.state.sms.map((s) => s.destination), ['+59899123456']);
    const callschedule = '{"calldate":"2026-12-02 11:00:00","campaign":"Ventas\\/Norte->","destination":"+59899123456","alternatives":"099333444","agentphone":"1001","data":"url=a\\/b"}';
    assert.equal((await php('Dialers/ScheduleDialerCall', form({ callschedule }))).trim(), '1', 'the CRM requires (int) trim(body) === 1');
    assert.deepEqual(sim.sim.state.schedules.map((s) => [s.campaign, s.destination, s.data]), [['Ventas/Norte->', '+59899123456', 'url=a/b']]);
    // The library sends the same number the same way.
    const uc = createUContactClient({ baseUrl: sim.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
    assert.equal(typeof (await uc.sendSms({ destination: '+59899123456', message: 'Hola', agent: 'agent1001', campaign: 'SMS', source: 'crm' })).id, 'string');
    await uc.close();
  });

  // A Laravel payment gateway (crixus12cr/Pasarela-druo, app/Http/Controllers/TestUcontacController.php
  // @230b39a) sends WhatsApp templates through SMS/SendSMSDialer: its token is getUserToken's answer
  // JSON-decoded; the body is PHP's http_build_query (no charset), message `hsm;<template>;text;<vars…>`
  // (`;`-separated), the destination as digits with the country code and no `+`, dialerName the
  // WhatsApp dialer, agent the API user (no agent of the instance); it json_decodes the answer.
  test('[seen] SendSMSDialer: a WhatsApp template (hsm;…) to a dialer, agent the API user, a form without charset', async () => {
    const token = JSON.parse((await send('auth/getUserToken', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
    const body = new URLSearchParams({ message: 'hsm;5e49de34-7eb3-4d38-b017-6c67ec4f5cd5;text;var1;var2', destination: '59899123456', dialerName: 'WhatsAppDialer', agent: 'supervisor' }).toString();
    const r = await fetch(`${sim.url}${I('SMS/SendSMSDialer')}`, {
      method: 'POST', headers: { authorization: `Basic ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body,
    });
    const text = await r.text();
    assert.equal(r.status, 200);
    assert.notEqual(text.trim(), '0');
    assert.doesNotThrow(() => JSON.parse(text), 'the gateway json_decodes the answer');
    assert.deepEqual(sim.sim.state.smsDialer.map((s) => [s.dialer, s.destination, s.agent, s.length]), [['WhatsAppDialer', '59899123456', 'supervisor', 55]]);
    // Still checked as SMS are: a destination that is no number, an empty message or dialer, a missing field.
    for (const bad of [{ destination: 'x' }, { message: '' }, { dialerName: '' }]) {
      assert.equal((await send('SMS/SendSMSDialer', form({ ...Object.fromEntries(new URLSearchParams(body)), ...bad }), { token })).text, '0', Object.keys(bad)[0]);
    }
    assert.equal((await send('SMS/SendSMSDialer', form({ message: 'hi', destination: '099123456', dialerName: 'D' }), { token })).text, '0');
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:missing-field');
    // The library reaches it through request(), a write sent once, the answer's text handed back.
    const uc = createUContactClient({ baseUrl: sim.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
    assert.equal(await uc.request('SMS/SendSMSDialer', { message: 'hsm;t1;text;v', destination: '59899123456', dialerName: 'WhatsAppDialer', agent: 'supervisor' }), '1');
    assert.equal(sim.sim.state.smsDialer.length, 2);
    await uc.close();
  });

  test('SendSMSDialer and SendMailv2 keep at most 256 characters of each name and address in the state, and their length (each kept whole up to the 64 MB body, 1,000 a list)', async () => {
    const token = JSON.parse((await send('auth/getUserToken', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
    const long = 'd'.repeat(2_000_000);
    assert.equal((await send('SMS/SendSMSDialer', form({ message: 'hi', destination: '59899123456', dialerName: long, agent: long }), { token })).text, '1');
    const mailBody = JSON.stringify({ campaign: long, to: `${long}@example.com`, subject: 's', body: 'b' });
    assert.equal((await send('/IntegraChannels/resources/Forms/SendMailv2', form({ body: mailBody, agent: long }), { token })).text, '1');
    const [sms] = sim.sim.state.smsDialer;
    const [mail] = sim.sim.state.mails;
    assert.equal(sms.dialer, `${'d'.repeat(256)}… (2000000 characters)`);
    assert.equal(mail.to, `${'d'.repeat(256)}… (2000012 characters)`);
    assert.ok(JSON.stringify(sim.sim.state.smsDialer).length + JSON.stringify(sim.sim.state.mails).length < 2000);
    // Short ones as sent.
    assert.equal((await send('SMS/SendSMSDialer', form({ message: 'hi', destination: '59899123456', dialerName: 'WhatsAppDialer', agent: 'supervisor' }), { token })).text, '1');
    assert.deepEqual([sim.sim.state.smsDialer[1].dialer, sim.sim.state.smsDialer[1].agent], ['WhatsAppDialer', 'supervisor']);
  });

  test('SendSMS, SendSMSv2, ScheduleDialerSMS and DispositionCall keep at most 256 characters of each text in the state, and its length (each kept whole up to the 64 MB body, 1,000 a list)', async () => {
    const token = JSON.parse((await send('auth/getUserToken', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
    const long = 'd'.repeat(2_000_000);
    const cut = `${'d'.repeat(256)}… (2000000 characters)`;
    const sms = { destination: '59899123456', message: 'hi', agent: long, campaign: long, source: long };
    assert.equal((await send('SMS/SendSMS', form(sms), { token })).text, 'OK');
    assert.equal(JSON.parse((await send('SMS/SendSMSv2', form(sms), { token })).text).status, 'queued');
    const schedule = JSON.stringify({ calldate: '2026-12-24 10:00:00', campaign: long, destination: '59899123456', data: 'hello' });
    assert.equal((await send('SMS/ScheduleDialerSMS', form({ sms: schedule }), { token })).text, '1');
    const disposition = { campaign: long, agent: long, callerid: long, guid: long, l1: long, l2: long, l3: long, d1: long, d2: long, comment: long, schedule: '', camptoreschedule: long, tag: long };
    assert.equal((await send('api/DispositionCall', form(disposition), { token })).text, '1');
    const { sms: sent, smsSchedules, dispositions } = sim.sim.state;
    assert.deepEqual(sent.map((e) => [e.campaign, e.agent, e.source]), [[cut, cut, cut], [cut, cut, cut]]);
    assert.equal(smsSchedules[0].campaign, cut);
    assert.deepEqual(dispositions[0], { ...Object.fromEntries(Object.keys(disposition).map((k) => [k, cut])), schedule: '' });
    assert.ok(JSON.stringify([sent, smsSchedules, dispositions]).length < 10_000);
    // Short ones as sent, fields left out null.
    assert.equal((await send('api/DispositionCall', form({ campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Sale' }), { token })).text, '1');
    assert.deepEqual(dispositions[1], { campaign: 'Sales->', agent: 'agent1001', callerid: '099123456', guid: 'g-1', l1: 'Sale', l2: null, l3: null, d1: null, d2: null, comment: null, schedule: null, camptoreschedule: null, tag: null });
  });

  test('an uploaded base keeps at most 256 characters of its filename, campaign and username in the state, and its length', async () => {
    const token = JSON.parse((await send('auth/getUserToken', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
    const long = 'd'.repeat(2_000_000);
    const cut = `${'d'.repeat(256)}… (2000000 characters)`;
    const fileb64 = Buffer.from(`${long};091111111;Hi\n`).toString('base64');
    assert.equal((await send('SMS/uploadbase', form({ filename: long, fileb64, campaign: long, username: long }), { token })).text, '1');
    const [base] = sim.sim.state.bases;
    assert.deepEqual([base.filename, base.campaign, base.username, base.lines], [cut, cut, cut, 1]);
    assert.ok(JSON.stringify(sim.sim.state.bases).length < 2000);
  });

  test('AgentLogoff and AgentUnBreak keep at most 256 characters of an interface, motive and message in the state, and its length', async () => {
    const token = JSON.parse((await send('auth/getUserToken', form({ user: 'supervisor', password: 'Sup3r-s3cret' }))).text);
    const long = 'd'.repeat(2_000_000);
    const cut = `${'d'.repeat(256)}… (2000000 characters)`;
    assert.equal((await send('api/AgentLogoff', form({ agent: 'agent1001', interface: long, message: long }), { token })).text, '1');
    assert.equal((await send('api/AgentUnBreak', form({ agent: 'agent1001', interface: long, motive: long, message: long }), { token })).text, '1');
    assert.equal((await send('api/AgentUnBreak', form({ agent: 'agent1001', interface: 'SIP/1001', motive: 'Lunch' }), { token })).text, '1');
    assert.deepEqual(sim.sim.state.logoffs, [{ agent: 'agent1001', interface: cut, message: cut }]);
    assert.deepEqual(sim.sim.state.unbreaks, [
      { agent: 'agent1001', interface: cut, motive: cut, message: cut },
      { agent: 'agent1001', interface: 'SIP/1001', motive: 'Lunch', message: null },
    ]);
  });

  // The Laravel CRM of the SendSMSv2 replay above e-mails a lead through the same helper
  // (Common::sendMailOrMessage, find_string id 41749191694; LeadController::sendEmail, id 41623637304):
  // IntegraChannels/resources/Forms/SendMailv2, asForm, Basic token, fields `body` = JSON
  // {campaign, to, subject, body, attachments: []} and `agent` (its uContact user); only a 2xx is read.
  test('[seen] SendMailv2 (IntegraChannels/resources/Forms): body as JSON {campaign, to, subject, body, attachments}, agent', async () => {
    const token = await userToken();
    const mail = (fields) => fetch(`${sim.url}/IntegraChannels/resources/Forms/SendMailv2`, {
      method: 'POST', headers: { Authorization: `Basic ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(fields),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
    const body = { campaign: 'Mail', to: 'ana@example.com', subject: 'Su cotización', body: '<p>Hola Ana</p>', attachments: [] };
    const r = await mail({ body: JSON.stringify(body), agent: 'agent1001' });
    assert.equal(r.status, 200, 'the CRM logs the e-mail on a 2xx');
    assert.notEqual(r.text.trim(), '0');
    assert.deepEqual(sim.sim.state.mails.map((m) => [m.campaign, m.to, m.agent, m.attachments]), [['Mail', 'ana@example.com', 'agent1001', 0]]);
    // Checked: JSON of an object, a campaign, an address in `to`, text subject and body, attachments a list.
    for (const bad of ['not json', '[]', JSON.stringify({ ...body, to: '099123456' }), JSON.stringify({ ...body, campaign: '' }),
      JSON.stringify({ ...body, subject: 1 }), JSON.stringify({ ...body, attachments: 'a.pdf' })]) {
      assert.equal((await mail({ body: bad, agent: 'agent1001' })).text, '0', bad);
    }
    assert.equal((await mail({ body: JSON.stringify(body) })).text, '0', 'agent missing');
    assert.equal(sim.sim.state.mails.length, 1);
    // The library reaches it through request() with the path from the root.
    const uc = createUContactClient({ baseUrl: sim.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
    assert.equal(await uc.request('/IntegraChannels/resources/Forms/SendMailv2', { body: JSON.stringify(body), agent: 'agent1001' }), '1');
    assert.equal(sim.sim.state.mails.length, 2);
    await uc.close();
  });

  // A Node back end that feeds a dialer from a web form, as it writes its three requests: UserLogin
  // (token = data[2]), DialerTask with `call` JSON built by hand (spaces around its colons, answers
  // of the web form in `data`) and a content type with a space before its `;`, then EndSession.
  test('[seen] UserLogin [2], a hand-written DialerTask call sent as "application/x-www-form-urlencoded ; charset=UTF-8", EndSession', async () => {
    const login = await fetch(`${sim.url}${I('auth/UserLogin')}`, { method: 'POST', headers: { 'Content-Type': FORM }, body: form({ user: 'supervisor', password: 'Sup3r-s3cret' }) });
    const token = (await login.json())[2];
    const call = '{"calldate" : null, "campaign" : "Promo->","destination": "099123456","alternatives": "","agent" : "","data": "phone=099123456:name=Ana:field1=How did you know? Radio","source":"source","bulk" : false,"automatic" : true }';
    const res = await fetch(`${sim.url}${I('Dialers/DialerTask')}`, {
      method: 'POST', headers: { Authorization: `Basic ${token}`, 'Content-Type': 'application/x-www-form-urlencoded ; charset=UTF-8' }, body: form({ call }),
    });
    assert.deepEqual([res.status, await res.text()], [200, '1']);
    assert.deepEqual(sim.sim.state.dialer.map((c) => [c.destination, c.data]), [['099123456', 'phone=099123456:name=Ana:field1=How did you know? Radio']]);
    assert.equal((await send('auth/EndSession', form({ user: 'supervisor', token }), { token })).text, '1');
  });

  test('[doc] the Agent API: AgentLogoff and AgentUnBreak, message optional in both', async () => {
    const token = await userToken();
    assert.equal((await send('api/AgentLogoff', form({ agent: 'agent1001', interface: 'SIP/1001' }), { token })).text, '1');
    assert.equal((await send('api/AgentUnBreak', form({ agent: 'agent1001', interface: 'SIP/1001', motive: 'break', message: '' }), { token })).text, '1');
    // The Agent API page: AgentUnBreak's message is an "Optional message to be saved in the queue_log_repo", as AgentLogoff's.
    assert.equal((await send('api/AgentUnBreak', form({ agent: 'agent1001', interface: 'SIP/1001', motive: 'break' }), { token })).text, '1');
    assert.deepEqual(sim.sim.state.unbreaks.map((u) => u.message), ['', null]);
  });

  // A production wallboard (Gea-uy/uContactWallboard, Api/campaign/index.php and Api/callback/index.php)
  // polls campaignstatus every 5 s with `'Authorization: Basic ' . $token . "'"`: a stray quote after
  // the token, on every request. Its own log (Api/Wallboard.log) shows one 401 in weeks, right before a
  // new token: the real server reads the credential as base64, skipping what is not base64.
  test('[seen] the wallboard\'s campaignstatus: Basic <token> followed by a stray \', queue= without a charset', async () => {
    const token = await userToken();
    const wallboard = (auth) => fetch(`${sim.url}${I('Supervisor/campaignstatus')}`, {
      method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'queue=',
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
    const r = await wallboard(`Basic ${token}'`);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.text)['Sales->'].campaign, 'Sales->', 'the wallboard reads $JSON->$campaign');
    // Still the token that was issued: another user's credential (one character changed) is refused.
    const other = Buffer.from(Buffer.from(token, 'base64').toString().replace(/^supervisor:/, 'supervisoR:')).toString('base64');
    assert.equal((await wallboard(`Basic ${other}'`)).status, 401);
    assert.equal((await wallboard('Basic \'')).status, 401);
  });

  /** A body sent as its client writes it, byte for byte (no URL-encoding of its own). */
  const raw = (path, body, { token, type = FORM } = {}) => fetch(`${sim.url}${I(path)}`, {
    method: 'POST', headers: { 'Content-Type': type, ...(token && { Authorization: `Basic ${token}` }) }, body,
  }).then(async (r) => ({ status: r.status, text: await r.text() }));

  // A server in Java reads a form with URLDecoder, which throws on a `%` not followed by two hex
  // digits (the request is refused before the endpoint runs); URLSearchParams kept it as written.
  test('a form body with a bare % (a client\'s `50% off` not URL-encoded): 400 on any endpoint, in UTF-8 and in Latin-1', async () => {
    const token = await userToken();
    const sms = await raw('SMS/SendSMSv2', 'destination=099123456&message=50% off&agent=agent1001&campaign=Sales->&source=web', { token });
    assert.equal(sms.status, 400);
    assert.equal(sim.sim.state.sms.length, 0);
    // Two hex digits after it are an escape, in UTF-8 as in a declared Latin-1.
    assert.deepEqual(await raw('SMS/SendSMSv2', 'destination=099123456&message=50%25 off&agent=agent1001&campaign=Sales->&source=web', { token }), { status: 200, text: '{"id":1,"status":"queued"}' });
    assert.equal((await raw('SMS/SendSMSv2', 'destination=099123456&message=%e9%zz&agent=a&campaign=C&source=s', { token, type: 'application/x-www-form-urlencoded; charset=ISO-8859-1' })).status, 400);
    assert.equal(sim.sim.state.log.at(-1).outcome, 'bad-escape');
    assert.equal((await raw('auth/getUserToken', 'user=supervisor&password=100%')).status, 400, 'a trailing %');
    assert.equal(sim.sim.state.sms.length, 1);
  });

  // Python scripts of an instance's integrations (find_string ids 10144213227, 10664519024, 49891810099;
  // repositories not known) call the form framework's database helpers over REST: POST
  // Integra/resources/forms/FormGet (FormExec, FormSave) with a body made by string formatting,
  // 'query={}&dsn={}'.format(query, dsn): the SQL as typed, never URL-encoded (spaces, quotes, `=`, `*`),
  // `dsn` 'Repo', Content-Type with `; charset=UTF-8` or without, `Authorization: Basic <token>`
  // (one script; the others send none); FormGet's answer is read with json.loads as a list of rows.
  const formGet = (query, options) => raw('forms/FormGet', `query=${query}&dsn=Repo`, options);

  test('[seen] FormGet as a Python script sends it: query=<SQL>&dsn=Repo unencoded, Basic token; the rows as JSON text', async () => {
    const token = await userToken();
    const r = await formGet("SELECT name, phone FROM ccrepo.customers WHERE plan = 'gold' OR id >= 3 ORDER BY name", { token });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.text), [{ name: 'Ana Pérez', phone: '099100001' }, { name: 'Marta Silva', phone: '099100002' }]);
    // Without a charset (the script against localhost:8085), `*` and a row of every column.
    const all = await formGet('SELECT * FROM ccrepo.customers WHERE id = 2', { token, type: 'application/x-www-form-urlencoded' });
    assert.deepEqual(JSON.parse(all.text), [{ id: 2, idcustomer: '71', name: 'Juan Díaz', phone: '099200001', email: 'juan.diaz@example.com', plan: 'silver' }]);
    assert.equal((await formGet('SELECT * FROM ccrepo.nobody_wrote_here', { token })).text, '[]');
    // Read as a Java server reads a form: `+` is a space, `%XX` a byte (`%25` a `%`).
    assert.deepEqual(JSON.parse((await formGet('SELECT+id+FROM+customers+WHERE+id+=+1', { token })).text), [{ id: 1 }]);
    assert.deepEqual(JSON.parse((await formGet("SELECT id FROM customers WHERE name LIKE 'Ana%25' AND plan%3D'gold'", { token })).text), [{ id: 1 }]);
    // A statement the database refuses: `0`, as the legacy API refuses (the request log says why).
    assert.equal((await formGet('SELECT FROM customers', { token })).text, '0');
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:sql-error');
    assert.equal((await raw('forms/FormGet', "query=SELECT id FROM customers", { token })).text, '0', 'dsn missing');
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:missing-field');
  });

  test('[seen] a bare % in the unencoded SQL (LIKE \'%ana%\'): 400, as Java\'s URLDecoder throws on it; no statement runs', async () => {
    const token = await userToken();
    for (const sql of ["SELECT id FROM customers WHERE name LIKE '%ana%'", "SELECT id FROM customers WHERE plan LIKE 'gol%'", 'SELECT 100%']) {
      assert.deepEqual(await formGet(sql, { token }), { status: 400, text: 'Bad Request' }, sql);
      assert.equal(sim.sim.state.log.at(-1).outcome, 'bad-escape');
    }
    const del = await raw('forms/FormExec', "query=DELETE FROM customers WHERE name LIKE '%a%'&dsn=Repo", { token });
    assert.equal(del.status, 400);
    assert.equal(JSON.parse((await formGet('SELECT COUNT(*) AS n FROM customers', { token })).text)[0].n, 3, 'nothing deleted');
  });

  test('[seen] FormGet, FormExec and FormSave without a token: 401, as every legacy endpoint (a real server\'s rule there is a contract question)', async () => {
    assert.equal((await formGet('SELECT id FROM customers')).status, 401);
    assert.equal(sim.sim.state.log.at(-1).outcome, 'unauthorized');
    assert.equal((await raw('forms/FormExec', 'query=DELETE FROM ccrepo.customers&dsn=Repo')).status, 401);
    assert.equal((await raw('forms/FormSave', 'json={"name": "x"}&datatype=customers&dsn=Repo')).status, 401);
    assert.equal(sim.sim.tables.select('SELECT id FROM customers').length, 3, 'nothing written');
  });

  test('[seen] FormExec (DELETE FROM db.table; INSERT INTO db.table (head) VALUES (\'…\'),(…)) and FormSave (json, datatype, dsn) as the scripts build them', async () => {
    const token = await userToken();
    const exec = (query) => raw('forms/FormExec', `query=${query}&dsn=Repo`, { token, type: 'application/x-www-form-urlencoded' });
    assert.deepEqual(await exec('DELETE FROM ccrepo.customers'), { status: 200, text: 'OK' });
    assert.equal((await formGet('SELECT * FROM ccrepo.customers', { token })).text, '[]');
    assert.equal((await exec("INSERT INTO ccrepo.customers (name,plan) VALUES ('Zoe Ruiz','gold'),('Ian Gil','basic')")).text, 'OK');
    assert.deepEqual(JSON.parse((await formGet('SELECT id, name FROM ccrepo.customers ORDER BY id', { token })).text), [{ id: 1, name: 'Zoe Ruiz' }, { id: 2, name: 'Ian Gil' }]);
    // A statement the database refuses: `ERROR`, as UC_exec_async resolves (no script reads it).
    assert.equal((await exec('CALL purge()')).text, 'ERROR');
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:sql-error');
    // FormSave: the row's JSON as the script's own test line writes it, into the table `datatype`.
    const save = (body) => raw('forms/FormSave', body, { token, type: 'application/x-www-form-urlencoded' });
    assert.deepEqual(await save('json={"DisplayNumber": "000946935", "DateApplicationReceived": "2022-02-13 09:49:35.0"}&datatype=applications&dsn=Repo'), { status: 200, text: 'OK' });
    assert.deepEqual(JSON.parse((await formGet('SELECT * FROM applications', { token })).text), [{ DisplayNumber: '000946935', DateApplicationReceived: '2022-02-13 09:49:35.0', id: 1 }]);
    assert.equal((await save('json=[1]&datatype=applications&dsn=Repo')).text, 'ERROR', 'a row is an object');
    assert.equal((await save('json={"a": {"b": 1}}&datatype=applications&dsn=Repo')).text, 'ERROR', 'a column holds no object');
    assert.equal((await save('json={"a": 1}&datatype=&dsn=Repo')).text, 'ERROR', 'no table');
    for (const datatype of ['ccrepo.', 'ccrepo. ', '.']) assert.equal((await save(`json={"a": 1}&datatype=${datatype}&dsn=Repo`)).text, 'ERROR', `no table: ${datatype}`);
    assert.deepEqual(Object.keys(sim.sim.tables.dump()).filter((k) => k.trim() === ''), [], 'no table without a name');
    assert.equal((await save('json={not json}&datatype=applications&dsn=Repo')).text, '0');
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:bad-json');
    assert.equal((await save('json={"a": 1}&datatype=applications')).text, '0', 'dsn missing');
    assert.equal(sim.sim.tables.select('SELECT id FROM applications').length, 1);
    // SQL and rows, not files: a body of at most a megabyte, as the framework's helper calls.
    assert.equal((await exec(`INSERT INTO t (a) VALUES ('${'x'.repeat(1 << 20)}')`)).status, 413);
  });

  test('the instance\'s database (one for every client) holds what a desk\'s does: a FormSave or FormExec past MAX_CHARS answers ERROR, nothing kept', async () => {
    const token = await userToken();
    sim.sim.tables.insert('filler', { note: 'x'.repeat(31_000_000) });
    const note = 'y'.repeat(999_000);
    const save = await raw('forms/FormSave', `json={"note": "${note}"}&datatype=notes&dsn=Repo`, { token });
    assert.deepEqual(save, { status: 200, text: 'ERROR' });
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:sql-error');
    assert.equal((await raw('forms/FormExec', `query=INSERT INTO notes (note) VALUES ('${note}')&dsn=Repo`, { token })).text, 'ERROR');
    assert.equal((await formGet('SELECT COUNT(*) AS n FROM notes', { token })).text, '[{"n":0}]');
    assert.equal((await raw('forms/FormExec', 'query=DELETE FROM filler&dsn=Repo', { token })).text, 'OK');
    assert.equal((await raw('forms/FormSave', `json={"note": "${note}"}&datatype=notes&dsn=Repo`, { token })).text, 'OK');
  });

  test('the instance\'s database is the state\'s: reset() brings the seeded tables back; another simulator has its own', async () => {
    const token = await userToken();
    assert.equal((await raw('forms/FormExec', "query=DELETE FROM customers WHERE plan <> 'gold'&dsn=Repo", { token })).text, 'OK');
    assert.equal(JSON.parse((await formGet('SELECT id FROM customers', { token })).text).length, 1);
    const other = await startRestServer({ port: 0 });
    try {
      assert.equal(other.sim.tables.select('SELECT id FROM customers').length, 3);
    } finally {
      await other.close();
    }
    sim.sim.reset();
    assert.equal(JSON.parse((await formGet('SELECT id FROM customers', { token: await userToken() })).text).length, 3);
  });

  test('[seen] the library reaches FormGet through request(): the rows with parse: json, a refused statement API_ERROR', async () => {
    const uc = createUContactClient({ baseUrl: sim.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, log: captureLog });
    const query = "SELECT name FROM ccrepo.customers WHERE plan = 'silver' OR name LIKE '%rta%'";
    assert.deepEqual(await uc.request('forms/FormGet', { query, dsn: 'Repo' }, { kind: 'read', parse: 'json' }), [{ name: 'Juan Díaz' }, { name: 'Marta Silva' }]);
    assert.equal(await uc.request('forms/FormExec', { query: "UPDATE customers SET plan = 'gold' WHERE id = 2", dsn: 'Repo' }), 'OK');
    assert.equal(sim.sim.tables.select('SELECT plan FROM customers WHERE id = 2')[0].plan, 'gold');
    await assert.rejects(uc.request('forms/FormGet', { query: 'SELECT', dsn: 'Repo' }, { kind: 'read' }), { code: 'API_ERROR' });
    await uc.close();
  });

  test('strict where the contract is strict: unknown fields, missing fields, unknown JSON keys, a query where none is read', async () => {
    const token = await userToken();
    const cases = [
      ['Agents/HangupPhone', form({ phone: '1001', extra: 'x' }), '', 'rejected:unexpected-field'],
      ['api/AgentUnBreak', form({ agent: 'agent1001', interface: 'SIP/1001' }), '', 'rejected:missing-field'],
      ['Dialers/ScheduleDialerCall', form({ callschedule: JSON.stringify({ calldate: '2026-12-02 11:00:00', campaign: 'D', destination: '099123456', data: '', priority: 1 }) }), '', 'rejected:bad-schedule-keys'],
      ['Agents/HangupPhone', form({ phone: '1001' }), '?phone=1002', 'rejected:unexpected-query'],
      ['auth/EndSession', form({ user: 'supervisor' }), `?user=supervisor&token=${encodeURIComponent(token)}`, 'rejected:duplicate-field'],
    ];
    for (const [path, body, query, outcome] of cases) {
      assert.equal((await send(path, body, { token, query })).text, '0', path);
      assert.equal(sim.sim.state.log.at(-1).outcome, outcome, path);
    }
  });
});
