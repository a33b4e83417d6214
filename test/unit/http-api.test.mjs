// The REST client's newer API on the built `ucontact-bridge/http` entry, against the simulator:
// logins (getUserToken, UserLogin, the 404 fallback, AgentLogin), the raw `request()`, the Agent API,
// SMS, queue members, an agent's campaigns, baseUrl normalisation and dialerTask's missing fields.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { server, useRestSimulator } from './helpers/rest-server.mjs';
import { ENDPOINTS, createUContactClient, isBridgeError } from '../../dist/http.js';

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const AGENT = { agent: 'agent1001', password: 'Ag3nt-s3cret' };
const log = () => server.sim.state.log;
const paths = () => log().map((e) => e.path);
const client = (credentials = USER, extra = {}) =>
  createUContactClient({ baseUrl: server.url, credentials, log: captureLog, retry: { baseDelayMs: 5 }, ...extra });

useRestSimulator();

describe('logins', () => {
  test("login: 'UserLogin' logs in with auth/UserLogin (the token is element [2] of the array)", async () => {
    const uc = client({ ...USER, login: 'UserLogin' });
    assert.equal((await uc.campaignsSummary()).length, 3);
    assert.deepEqual(paths(), ['auth/UserLogin', 'Supervisor/campaignssummary']);
  });

  test("login: 'UserLogin' for a user with a phone: the token is its SIP object's md5secret", async () => {
    const uc = client({ user: 'supervisor-phone', password: 'Sup3r-s3cret', login: 'UserLogin' });
    assert.equal((await uc.campaignsSummary()).length, 3);
    assert.deepEqual(log().map((e) => [e.path, e.status]), [['auth/UserLogin', 200], ['Supervisor/campaignssummary', 200]]);
  });

  test('getUserToken answering 404: one fallback to UserLogin, remembered for the next logins', async () => {
    server.sim.faults.fail({ status: 404, path: 'auth/getUserToken', count: 10 });
    const events = [];
    const uc = client(USER, { log: (e) => { events.push(e); captureLog(e); } });
    assert.equal((await uc.campaignsSummary()).length, 3);
    assert.deepEqual(paths(), ['auth/getUserToken', 'auth/UserLogin', 'Supervisor/campaignssummary']);
    assert.deepEqual(events.filter((e) => e.type === 'login').map((e) => e.endpoint), ['getUserToken', 'userLogin']);
    server.sim.faults.expireTokens();
    await uc.campaignsSummary();
    assert.deepEqual(paths().slice(3), ['Supervisor/campaignssummary', 'auth/UserLogin', 'Supervisor/campaignssummary']);
  });

  test('no fallback on other statuses, and only one: UserLogin answering 404 too is HTTP_ERROR', async () => {
    server.sim.faults.fail({ status: 500, path: 'auth/getUserToken' });
    await assert.rejects(client().campaignsSummary(), { code: 'HTTP_ERROR', status: 500, operation: 'getUserToken' });
    assert.deepEqual(paths(), ['auth/getUserToken']);
    server.sim.reset();
    server.sim.faults.fail({ status: 404, path: 'auth/getUserToken' }).fail({ status: 404, path: 'auth/UserLogin' });
    await assert.rejects(client().campaignsSummary(), { code: 'HTTP_ERROR', status: 404, operation: 'userLogin' });
    assert.deepEqual(paths(), ['auth/getUserToken', 'auth/UserLogin']);
    // UserLogin chosen (login: 'UserLogin') and answering 404: that is the answer, not a reason to send it again.
    server.sim.reset();
    server.sim.faults.fail({ status: 404, path: 'auth/UserLogin' });
    await assert.rejects(client({ ...USER, login: 'UserLogin' }).campaignsSummary(), { code: 'HTTP_ERROR', status: 404, operation: 'userLogin' });
    assert.deepEqual(paths(), ['auth/UserLogin']);
  });

  test('UserLogin refusing the password (0) is UNAUTHORIZED', async () => {
    await assert.rejects(client({ user: 'supervisor', password: 'wrong-pass-123', login: 'UserLogin' }).campaignsSummary(),
      { code: 'UNAUTHORIZED', operation: 'userLogin' });
  });

  test('the login choice is checked', () => {
    assert.throws(() => client({ ...USER, login: 'getusertoken' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /credentials\.login/.test(e.message));
  });

  test('AgentLogin: md5secret is the token; close() ends the session', async () => {
    const uc = client(AGENT);
    assert.equal(await uc.hangupPhone({ phone: '1001' }), '1');
    await uc.close();
    assert.equal(server.sim.state.sessions.endSessions, 1);
  });

  test('EndSession: any 2xx answer but 0 ends the session', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.body({ body: 'OK', path: 'auth/EndSession', after: true });
    await uc.close();
    assert.equal(server.sim.state.sessions.endSessions, 1);
    await uc.campaignsSummary(); // the next call logs in again
    assert.equal(server.sim.state.sessions.userLogins, 2);
  });
});

describe('request(): any endpoint with the session and the client\'s rules', () => {
  test('a path under Integra/resources, with form fields; resolves with the body text', async () => {
    const uc = client();
    assert.equal(await uc.request('Agents/HangupPhone', { phone: '1001' }), '1');
    assert.deepEqual(server.sim.state.hangups, [{ phone: '1001' }]);
  });

  test('a path from the instance root (IntegraChannels), parsed as JSON', async () => {
    const v = await client(AGENT).request('/IntegraChannels/resources/AgentResources/GetCampaigns', { agent: 'agent1001', channel: '' }, { parse: 'json' });
    assert.deepEqual(v, [{ channel: 'telephony', campaigns: ['Sales->', 'Support<-', 'Promo->'] }, { channel: 'sms', campaigns: [] }]);
    assert.deepEqual(paths().slice(-1), ['/IntegraChannels/resources/AgentResources/GetCampaigns']);
  });

  test('query-string parameters', async () => {
    const v = await client().request('queues/getqueuemembersofqueue', {}, { query: { queue: 'Support<-' }, kind: 'read', parse: 'json' });
    assert.deepEqual(v.map((m) => m.membername), ['agent1001', 'agent1002']);
  });

  test("kind 'read' is retried on 5xx; 'write' (the default) is sent once", async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.fail({ path: 'Supervisor/campaignssummary' });
    assert.equal(JSON.parse(await uc.request('Supervisor/campaignssummary', {}, { kind: 'read' })).length, 3);
    server.sim.faults.fail({ path: 'Supervisor/campaignssummary' });
    await assert.rejects(uc.request('Supervisor/campaignssummary'), { code: 'HTTP_ERROR', status: 500, operation: 'request' });
    assert.deepEqual(log().filter((e) => e.path === 'Supervisor/campaignssummary').map((e) => e.outcome), ['ok', 'fault:500', 'ok', 'fault:500']);
  });

  test('a 401 triggers the one re-login and replay; 0 is API_ERROR naming the path', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    assert.equal(await uc.request('Agents/HangupPhone', { phone: '1001' }), '1');
    assert.equal(server.sim.state.sessions.userLogins, 2);
    const e = await uc.request('Agents/HangupPhone', { phone: 'x' }).catch((err) => err);
    assert.ok(isBridgeError(e, 'API_ERROR'));
    assert.equal(e.message, 'request: Agents/HangupPhone answered 0 (error)');
  });

  test("a raw path's digits are in no message and no log event (the path may hold a number)", async () => {
    const events = [];
    const uc = client(USER, { log: (e) => events.push(e) });
    const e = await uc.request('Contacts/Find/099123456', {}, { kind: 'read' }).catch((err) => err);
    assert.ok(isBridgeError(e, 'HTTP_ERROR'), String(e));
    assert.equal(e.message, `request: Contacts/Find/# answered HTTP ${e.status}`);
    assert.ok(events.some((x) => x.path === 'Contacts/Find/#'), JSON.stringify(events));
    assert.equal(JSON.stringify(events).includes('099123456'), false);
    // A path without digits is shown as it is.
    assert.equal(await uc.request('Agents/HangupPhone', { phone: '1001' }), '1');
    assert.ok(events.some((x) => x.path === 'Agents/HangupPhone'));
  });

  test('a timeout and a signal like every method', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.delay({ ms: 400, path: 'Supervisor/campaignssummary' });
    await assert.rejects(uc.request('Supervisor/campaignssummary', {}, { timeoutMs: 50 }), { code: 'TIMEOUT', operation: 'request' });
    await assert.rejects(uc.request('Supervisor/campaignssummary', {}, { signal: AbortSignal.abort() }), { code: 'ABORTED' });
  });

  test('bad paths, fields and options are refused before anything is sent', async () => {
    const uc = client();
    const bad = [
      ['../auth/getUserToken', {}, undefined, /path/],
      ['Agents/../../etc', {}, undefined, /path/],
      ['Agents/HangupPhone?phone=1', {}, undefined, /path/],
      ['https://elsewhere.example/x', {}, undefined, /path/],
      ['//elsewhere.example/x', {}, undefined, /path/],
      ['', {}, undefined, /path/],
      ['Agents/HangupPhone', { phone: 1001 }, undefined, /fields\.phone must be a string/],
      ['Agents/HangupPhone', 'phone=1001', undefined, /fields must be an object/],
      ['Agents/HangupPhone', {}, { kind: 'get' }, /kind/],
      ['Agents/HangupPhone', {}, { parse: 'xml' }, /parse/],
      ['Agents/HangupPhone', {}, { query: { q: 1 } }, /query\.q must be a string/],
    ];
    for (const [path, fields, options, why] of bad) {
      const e = await uc.request(path, fields, options).catch((err) => err);
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${path}: ${e?.message}`);
      assert.match(e.message, why);
      assert.ok(e.message.startsWith('request: '));
    }
    assert.deepEqual(log(), []);
  });

  test("parse: 'json' gives the parsed body; a body that is not JSON is BAD_RESPONSE", async () => {
    assert.equal(await client().request('Agents/HangupPhone', { phone: '1001' }, { parse: 'json' }), 1);
    server.sim.faults.body({ body: '<html>', path: 'Agents/HangupPhone' });
    await assert.rejects(client().request('Agents/HangupPhone', { phone: '1001' }, { parse: 'json' }), { code: 'BAD_RESPONSE', operation: 'request' });
  });

  test('a write whose answer is not JSON may have been done (a retry by hand could do it twice); a read says nothing of the kind', async () => {
    server.sim.faults.body({ body: '<html>', path: 'Agents/HangupPhone', after: true });
    const write = await client().request('Agents/HangupPhone', { phone: '1001' }, { parse: 'json' }).catch((e) => e);
    assert.ok(isBridgeError(write, 'BAD_RESPONSE'));
    assert.match(write.message, /not JSON; it may have been done/);
    assert.equal(server.sim.state.hangups.length, 1);
    server.sim.faults.body({ body: '<html>', path: 'Supervisor/campaignssummary' });
    const read = await client().request('Supervisor/campaignssummary', {}, { parse: 'json', kind: 'read' }).catch((e) => e);
    assert.ok(isBridgeError(read, 'BAD_RESPONSE'));
    assert.doesNotMatch(read.message, /may have/);
  });
});

describe('Agent API, SMS, queues, agent campaigns', () => {
  test('agentLogoff sends agent, interface and (only when given) message; resolves with the text', async () => {
    const uc = client();
    assert.equal(await uc.agentLogoff({ agent: 'agent1001', interface: 'SIP/1001' }), '1');
    assert.equal(await uc.agentLogoff({ agent: 'agent1002', interface: 'SIP/1002', message: 'end of shift' }), '1');
    assert.deepEqual(server.sim.state.logoffs, [
      { agent: 'agent1001', interface: 'SIP/1001', message: null }, { agent: 'agent1002', interface: 'SIP/1002', message: 'end of shift' },
    ]);
    await assert.rejects(uc.agentLogoff({ agent: 'nobody', interface: 'SIP/9' }), { code: 'API_ERROR', operation: 'agentLogoff' });
  });

  test('agentUnBreak sends all four fields', async () => {
    assert.equal(await client().agentUnBreak({ agent: 'agent1001', interface: 'SIP/1001', motive: 'lunch' }), '1');
    assert.deepEqual(server.sim.state.unbreaks, [{ agent: 'agent1001', interface: 'SIP/1001', motive: 'lunch', message: '' }]);
  });

  test('sendSms resolves with the answer: its id, the text and every field', async () => {
    const r = await client().sendSms({ destination: '099123456', message: 'Your visit: 10:00', campaign: 'SMS1', agent: 'agent1001' });
    assert.deepEqual(r, { id: '1', text: '{"id":1,"status":"queued"}', raw: { id: 1, status: 'queued' }, problems: [] });
    assert.deepEqual(server.sim.state.sms, [{ id: 1, destination: '099123456', campaign: 'SMS1', agent: 'agent1001', source: '', length: 17 }]);
  });

  test('queueMembers sends the queue in the query string', async () => {
    const members = await client().queueMembers({ queue: 'Sales->' });
    assert.deepEqual(members.map((m) => m.membername), ['agent1001', 'agent1002']);
    assert.deepEqual(members[0].raw, { membername: 'agent1001', interface: 'SIP/1001', paused: 0 });
    await assert.rejects(client().queueMembers({ queue: 'Nope' }), { code: 'API_ERROR' });
  });

  test('agentCampaigns calls IntegraChannels (outside Integra/resources)', async () => {
    const all = await client(AGENT).agentCampaigns({ agent: 'agent1002' });
    assert.deepEqual(all.map((c) => [c.channel, c.campaigns]), [['telephony', ['Sales->', 'Support<-']], ['sms', []]]);
    assert.ok(paths().includes('/IntegraChannels/resources/AgentResources/GetCampaigns'));
  });

  test('each is in the endpoint table and overridable', async () => {
    assert.deepEqual(['agentLogoff', 'agentUnBreak', 'sendSms', 'queueMembers', 'agentCampaigns', 'userLogin'].map((n) => ENDPOINTS[n].path), [
      'api/AgentLogoff', 'api/AgentUnBreak', 'SMS/SendSMSv2', 'queues/getqueuemembersofqueue',
      '/IntegraChannels/resources/AgentResources/GetCampaigns', 'auth/UserLogin',
    ]);
    const uc = client(USER, { endpoints: { agentCampaigns: { path: 'Agents/AgentCampaigns' }, sendSms: { path: '/IntegraChannels/resources/SMS/SendSMSv2' } } });
    await assert.rejects(uc.agentCampaigns({ agent: 'agent1001' }), { code: 'HTTP_ERROR', status: 404 });
    await assert.rejects(uc.sendSms({ destination: '099123456', message: 'x', campaign: 'S' }), { code: 'HTTP_ERROR', status: 404 });
    assert.deepEqual(paths().slice(-2), ['Agents/AgentCampaigns', '/IntegraChannels/resources/SMS/SendSMSv2']);
    for (const path of ['../x', 'a/./b', '/..', 'a?b']) {
      assert.throws(() => client(USER, { endpoints: { sendSms: { path } } }), { code: 'INVALID_ARGUMENT' });
    }
  });

  test('arguments are checked before anything is sent', async () => {
    const uc = client();
    for (const [call, why] of [
      [() => uc.agentLogoff({ agent: 'agent1001' }), /agentLogoff: interface/],
      [() => uc.agentUnBreak({ interface: 'SIP/1' }), /agentUnBreak: agent/],
      [() => uc.sendSms({ destination: '099 123', message: 'x', campaign: 'S' }), /sendSms: destination/],
      [() => uc.sendSms({ destination: '099123456', message: '', campaign: 'S' }), /sendSms: message/],
      [() => uc.queueMembers({}), /queueMembers: queue/],
      [() => uc.agentCampaigns({ agent: 'a', channel: 5 }), /agentCampaigns: channel/],
    ]) await assert.rejects(call(), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && why.test(e.message));
    assert.deepEqual(log(), []);
  });
});

// README: no `campaign` is sent as '*' (every campaign), so removeBlacklist({ phone }) names the '*'
// entry and the simulator keeps the number's entry in a named campaign.
test("blacklist without a campaign is the '*' entry: removeBlacklist({ phone }) leaves the number's named-campaign entry", async () => {
  const uc = client();
  await uc.addBlacklist({ phone: '099123456' });
  await uc.addBlacklist({ phone: '099123456', campaign: 'Ventas->' });
  const entries = () => server.sim.state.blacklist.filter((e) => e.phone === '099123456').map((e) => e.campaign);
  assert.deepEqual(entries(), ['*', 'Ventas->']);
  await uc.removeBlacklist({ phone: '099123456' });
  assert.deepEqual(entries(), ['Ventas->']);
});

describe('friendly mistakes', () => {
  for (const suffix of ['/Integra/resources', '/Integra/resources/', '/integra/resources/']) {
    test(`a baseUrl ending in ${suffix} is taken back to the instance`, async () => {
      await client(USER, { baseUrl: server.url + suffix }).campaignsSummary();
      assert.deepEqual(paths(), ['auth/getUserToken', 'Supervisor/campaignssummary']);
    });
  }
  test('a path prefix (reverse proxy) is kept; query, hash and credentials are refused', async () => {
    const inits = [];
    // The client's timeoutMs is also the shared login's limit (100 ms); the login also stops once its one caller gives up.
    const uc = client(USER, { baseUrl: 'https://proxy.example/ucontact/Integra/resources', timeoutMs: 100, fetch: (url) => (inits.push(url), new Promise(() => {})) });
    void uc.campaignsSummary({ timeoutMs: 1 }).catch(() => {});
    // The login starts a microtask later (its pending promise is recorded first).
    await Promise.resolve();
    assert.equal(inits[0], 'https://proxy.example/ucontact/Integra/resources/auth/getUserToken');
    for (const baseUrl of ['https://a.example/?x=1', 'https://a.example/#h', 'https://u:p@a.example/']) {
      assert.throws(() => client(USER, { baseUrl }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /baseUrl/.test(e.message) && !e.message.includes('u:p'));
    }
  });
  test('a baseUrl with a long run of slashes inside its path is read in linear time (no ReDoS of the trailing-slash trim)', async () => {
    // A tenant's configured instance URL is input: /\/+$/ tried every slash of the run from each
    // start, so 100,000 slashes before one letter held the thread for seconds at client creation.
    const inits = [];
    const fetch = (url) => (inits.push(url), new Promise(() => {}));
    const baseUrl = `https://proxy.example/${'/'.repeat(100_000)}x//`;
    const started = performance.now();
    const uc = client(USER, { baseUrl, timeoutMs: 100, fetch });
    assert.ok(performance.now() - started < 1000, `createUContactClient took ${Math.round(performance.now() - started)} ms`);
    void uc.campaignsSummary({ timeoutMs: 1 }).catch(() => {});
    await Promise.resolve();
    // Only the trailing slashes go: the run inside the path stays as written.
    assert.equal(inits[0], `https://proxy.example/${'/'.repeat(100_000)}x/Integra/resources/auth/getUserToken`);
  });
  test('dialerTask and its helpers name every missing required field at once', async () => {
    const uc = client();
    const e = await uc.dialerTask({ destination: '099123456' }).catch((err) => err);
    assert.equal(e.message, 'dialerTask: calldate, campaign, automatic are required');
    const h = await uc.dialerClickToCall({}).catch((err) => err);
    assert.equal(h.message, 'dialerClickToCall: campaign, destination, agent are required');
    const p = await uc.dialerInsertWithPriority({ campaign: 'D', destination: '099123456' }).catch((err) => err);
    assert.equal(p.message, 'dialerInsertWithPriority: priority is required');
    assert.deepEqual(log(), []);
  });
});
