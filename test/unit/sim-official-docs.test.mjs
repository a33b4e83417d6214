// The REST simulator against uContact's official documentation pages ([doc]): what a page documents,
// the simulator serves as the page says (path, fields, answer, error answer). Each test names its page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { server, useRestSimulator } from './helpers/rest-server.mjs';
import { createUContactClient } from '../../dist/http.js';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const I = (p) => `/Integra/resources/${p}`;

useRestSimulator();

/** A form POST as the page's jQuery sample sends it (Basic token, form body with charset); a path with a leading `/` from the root. */
async function send(path, fields, token) {
  const headers = { 'Content-Type': FORM };
  if (token) headers.Authorization = `Basic ${token}`;
  const res = await fetch(`${server.url}${path[0] === '/' ? path : I(path)}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  return { status: res.status, text: await res.text() };
}
async function userToken() {
  return JSON.parse((await send('auth/getUserToken', { user: 'supervisor', password: 'Sup3r-s3cret' })).text);
}

// "API Omnichannel" (integra-scm.atlassian.net/wiki, page 458129451 and its versions; the pt page
// UVP/2810157923): SMS/SendSMS, params destination, message, campaign, agent, source; "Result: TEXT OK
// / ERROR". SMS/SendSMSv2 (same params) answers {id}: the client's sendSms.
describe('[doc] API Omnichannel', () => {
  test('[doc] SMS/SendSMS (the first version): destination, message, campaign, agent, source; answers OK, a bad one ERROR', async () => {
    const token = await userToken();
    const fields = { destination: '099123456', message: 'Hola', campaign: 'SMS', agent: 'agent1001', source: '1234' };
    assert.deepEqual(await send('SMS/SendSMS', fields, token), { status: 200, text: 'OK' });
    assert.deepEqual(server.sim.state.sms.map((s) => [s.destination, s.campaign, s.agent, s.source, s.length]), [['099123456', 'SMS', 'agent1001', '1234', 4]]);
    // The page's error answer is ERROR (not the 0 of the other endpoints), for every refusal.
    for (const bad of [{ destination: 'not-a-number' }, { message: ' ' }, { campaign: '' }]) {
      assert.deepEqual(await send('SMS/SendSMS', { ...fields, ...bad }, token), { status: 200, text: 'ERROR' }, Object.keys(bad)[0]);
    }
    const missing = { ...fields };
    delete missing.destination;
    assert.deepEqual(await send('SMS/SendSMS', missing, token), { status: 200, text: 'ERROR' });
    assert.equal(server.sim.state.log.at(-1).outcome, 'rejected:missing-field');
    assert.equal(server.sim.state.sms.length, 1);
    // Its v2 still answers JSON with the id, counted on from the first version's message.
    const v2 = await send('SMS/SendSMSv2', fields, token);
    assert.equal(JSON.parse(v2.text).id, 2);
    // Only with a token, as every documented call but the logins.
    assert.equal((await send('SMS/SendSMS', fields)).status, 401);
  });

  test('[doc] SMS/ScheduleDialerSMS: sms = JSON {calldate, campaign, destination, data (the text)}; answers 1, a bad one 0', async () => {
    const token = await userToken();
    const sms = { calldate: '2015-10-11 15:00:00', campaign: 'Ventas->', destination: '098344484', data: 'Message' };
    assert.deepEqual(await send('SMS/ScheduleDialerSMS', { sms: JSON.stringify(sms) }, token), { status: 200, text: '1' });
    assert.deepEqual(server.sim.state.smsSchedules, [{ calldate: '2015-10-11 15:00:00', campaign: 'Ventas->', destination: '098344484', length: 7 }]);
    for (const bad of [
      'not json', JSON.stringify([sms]), JSON.stringify({ ...sms, calldate: '2015-13-11 15:00:00' }), JSON.stringify({ ...sms, campaign: '' }),
      JSON.stringify({ ...sms, destination: 'x' }), JSON.stringify({ ...sms, data: '' }), JSON.stringify({ ...sms, extra: 1 }),
      JSON.stringify({ calldate: sms.calldate, campaign: sms.campaign, destination: sms.destination }),
    ]) {
      assert.deepEqual(await send('SMS/ScheduleDialerSMS', { sms: bad }, token), { status: 200, text: '0' }, bad);
    }
    assert.equal(server.sim.state.smsSchedules.length, 1);
    // The message text is not kept (only its length), as for the SMS sent.
    assert.ok(!JSON.stringify(server.sim.state).includes('Message'));
  });

  test('[doc] the client reaches both through request(), as the README says: SendSMS\'s ERROR comes back as its text (only 0 is refused)', async () => {
    const uc = createUContactClient({ baseUrl: server.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
    try {
      const fields = { destination: '099123456', message: 'Hola', campaign: 'SMS', agent: '', source: '' };
      assert.equal(await uc.request('SMS/SendSMS', fields), 'OK');
      assert.equal(await uc.request('SMS/SendSMS', { ...fields, destination: 'x' }), 'ERROR');
      const sms = { calldate: '2026-12-24 10:00:00', campaign: 'SMS', destination: '099123456', data: 'Hola' };
      assert.equal(await uc.request('SMS/ScheduleDialerSMS', { sms: JSON.stringify(sms) }), '1');
      await assert.rejects(uc.request('SMS/ScheduleDialerSMS', { sms: '{}' }), { code: 'API_ERROR' });
      assert.equal(server.sim.state.sms.length, 1);
      assert.equal(server.sim.state.smsSchedules.length, 1);
    } finally {
      await uc.close();
    }
  });
});

// "Agent API" (integra-scm.atlassian.net/wiki/spaces/UCEN/pages/2407956485, and its version diff
// diffpagesbyversion pageId=2407956485 v2-3): AgentLogin's answer is the agent's SIP peer, whose
// md5secret is the token; `0` for a wrong name or password.
describe('[doc] Agent API', () => {
  // Every key of the page's answer, `secret` (the SIP password) excepted: the simulator never hands it out.
  const PEER_KEYS = ['id', 'name', 'host', 'nat', 'type', 'accountcode', 'callgroup', 'callerid', 'canreinvite', 'context',
    'dtmfmode', 'insecure', 'language', 'mailbox', 'md5secret', 'pickupgroup', 'qualify', 'disallow', 'allow', 'port',
    'defaultuser', 'subscribecontext', 'record', 'email', 'phonetype', 'LogLevel', 'limite', 'transport', 'encryption',
    'did', 'outboundproxy', 'fullname'];

  test('[doc] AgentLogin answers the page\'s SIP peer: its keys (secret left out), id and limite numbers, the others text; 0 when refused', async () => {
    const { status, text } = await send('auth/AgentLogin', { agent: 'agent1001', password: 'Ag3nt-s3cret' });
    assert.equal(status, 200);
    const peer = JSON.parse(text);
    assert.deepEqual(Object.keys(peer).sort(), [...PEER_KEYS].sort());
    assert.equal(typeof peer.id, 'number');
    assert.equal(peer.limite, 0);
    for (const k of PEER_KEYS.filter((key) => key !== 'id' && key !== 'limite')) assert.equal(typeof peer[k], 'string', k);
    // As the page's: name, defaultuser and callerid the extension; accountcode the agent; the page's SIP settings.
    assert.deepEqual([peer.name, peer.defaultuser, peer.callerid, peer.accountcode], ['1001', '1001', '1001', 'agent1001']);
    assert.deepEqual([peer.type, peer.nat, peer.transport, peer.encryption, peer.record], ['friend', 'yes', 'wss', 'yes', 'agent']);
    assert.ok(!('secret' in peer));
    assert.match(Buffer.from(peer.md5secret, 'base64').toString(), /^agent1001:[0-9a-f-]{36}$/);
    // Each agent its own id.
    const other = JSON.parse((await send('auth/AgentLogin', { agent: 'agent1002', password: 'Ag3nt-s3cret' })).text);
    assert.notEqual(other.id, peer.id);
    assert.deepEqual(await send('auth/AgentLogin', { agent: 'agent1001', password: 'wrong' }), { status: 200, text: '0' });
  });
});

// "API Omnichannel" (page 458129451, versions 4-11; the pt page UVP/2810157923 "Receber WhatsApp/SMS"):
// "Recive SMS", Relative URL Integra/resources/InboundSMS/ReceiveURLSMS, Method: GET, Params: phone
// (the SMS's origin number), message (its text); "Result: TEXTO OK / ERROR". The page's preamble: every
// call needs the session token in the Authorization header.
describe('[doc] API Omnichannel: an inbound SMS', () => {
  const receive = async (query, { token, method = 'GET' } = {}) => {
    const headers = token ? { Authorization: `Basic ${token}` } : {};
    const res = await fetch(`${server.url}${I('InboundSMS/ReceiveURLSMS')}?${new URLSearchParams(query)}`, { method, headers });
    return { status: res.status, text: await res.text() };
  };

  test('[doc] InboundSMS/ReceiveURLSMS: GET with phone and message in the query; answers OK, a bad one ERROR; the text is not kept', async () => {
    const token = await userToken();
    assert.deepEqual(await receive({ phone: '095987123', message: 'Hello World' }, { token }), { status: 200, text: 'OK' });
    assert.deepEqual(server.sim.state.inboundSms, [{ phone: '095987123', length: 11 }]);
    for (const bad of [{ phone: 'x', message: 'Hi' }, { phone: '095987123', message: ' ' }, { phone: '095987123' }, { phone: '095987123', message: 'Hi', extra: '1' }]) {
      assert.deepEqual(await receive(bad, { token }), { status: 200, text: 'ERROR' }, JSON.stringify(bad));
    }
    assert.equal(server.sim.state.inboundSms.length, 1);
    assert.ok(!JSON.stringify(server.sim.state).includes('Hello World'), 'the message text is not kept');
    // GET only, as the page says. No token needed (an SMS gateway pushing messages has no session:
    // the next test); a token sent is checked.
    assert.equal((await receive({ phone: '095987123', message: 'Hi' }, { token, method: 'POST' })).status, 405);
    assert.deepEqual(await receive({ phone: '095987123', message: 'Hi' }), { status: 200, text: 'OK' });
    assert.equal((await receive({ phone: '095987123', message: 'Hi' }, { token: 'bm90LWEtdG9rZW4=' })).status, 401);
  });

  // Integra's own end-to-end test (dinover/cypressuc, cypress/integration/Sections/SMS/AutomationSMS.spec.js
  // at 3cabbee, baseUrl https://203.ucontactcloud.com) sends three inbound SMS to its URLSMS channel as
  // cy.request('Integra/resources/InboundSMS/ReceiveURLSMS/phone=095987123&message=Hello+World'): a GET,
  // the fields as one path segment (no `?`), no Authorization header (the portal's cookies only).
  // cy.request fails the test on any status but 2xx/3xx, and the suite's next context has the agent
  // take the interaction ("no están cayendo los sms a uContact. - Quedo!!"): a real server takes it.
  test('[seen] Integra\'s own test: ReceiveURLSMS/phone=…&message=… (a path segment, no token) is taken as the query', async () => {
    const get = async (rest, headers = {}, method = 'GET') => {
      const res = await fetch(`${server.url}${I('InboundSMS/ReceiveURLSMS')}${rest}`, { method, headers });
      return { status: res.status, text: await res.text() };
    };
    assert.deepEqual(await get('/phone=095987123&message=Hello+World'), { status: 200, text: 'OK' });
    // `+` a space and %XX decoded, as in a query string.
    assert.deepEqual(server.sim.state.inboundSms, [{ phone: '095987123', length: 11 }]);
    assert.deepEqual(await get('/message=Hola%20%C3%B1&phone=095987124'), { status: 200, text: 'OK' });
    assert.deepEqual(server.sim.state.inboundSms.at(-1), { phone: '095987124', length: 6 });
    // Logged and faulted as the endpoint: the segment (a phone number) is in no log entry, a
    // preflight's neither.
    assert.equal(server.sim.state.log.at(-1).path, 'InboundSMS/ReceiveURLSMS');
    await get('/phone=095987125&message=Hi', { Origin: server.url, 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    assert.equal(server.sim.state.log.at(-1).method, 'OPTIONS');
    assert.ok(!JSON.stringify(server.sim.state.log).includes('095987'), 'no phone number in the request log');
    // Refused as the query form is: a bad field (ERROR), another method (405), a wrong token (401).
    assert.deepEqual(await get('/phone=x&message=Hi'), { status: 200, text: 'ERROR' });
    assert.equal((await get('/phone=095987123&message=Hi', {}, 'POST')).status, 405);
    assert.equal((await get('/phone=095987123&message=Hi', { Authorization: 'Basic bm90LWEtdG9rZW4=' })).status, 401);
    // Only one segment, and not beside a query string: what a real server does with those is not known.
    assert.equal((await get('/phone=095987123&message=Hi?phone=095987123')).status, 404);
    assert.equal((await get('/phone=095987123/message=Hi')).status, 404);
    assert.equal((await get('/')).status, 404);
    assert.equal(server.sim.state.inboundSms.length, 2);
  });

  test('ReceiveURLSMS reads its fields from the query only: a GET whose form body holds them answers ERROR (a JAX-RS @GET reads no body)', async () => {
    const token = await userToken();
    // fetch sends no body with a GET; node:http does, as other HTTP clients can.
    const get = (query, body) => new Promise((resolve, reject) => {
      const req = httpRequest(`${server.url}${I('InboundSMS/ReceiveURLSMS')}${query}`, {
        method: 'GET', headers: { Authorization: `Basic ${token}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c) => { text += c; }).on('end', () => resolve({ status: res.status ?? res.statusCode, text }));
      });
      req.on('error', reject).end(body);
    });
    assert.deepEqual(await get('', 'phone=095987123&message=Hi'), { status: 200, text: 'ERROR' });
    assert.equal(server.sim.state.log.at(-1).outcome, 'rejected:missing-field');
    assert.deepEqual(await get('?phone=095987123', 'message=Hi'), { status: 200, text: 'ERROR' });
    // The body is not read even as a second value of a query field.
    assert.deepEqual(await get('?phone=095987123&message=Hi', 'phone=095987123&message=Hi'), { status: 200, text: 'OK' });
    assert.deepEqual(server.sim.state.inboundSms, [{ phone: '095987123', length: 2 }]);
  });

  test('[doc] the library reaches ReceiveURLSMS with request(..., { method: \'GET\' }): its fields in the query, no body; a POST (the default) is 405', async () => {
    const events = [];
    const uc = createUContactClient({ baseUrl: server.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, log: (e) => events.push(e) });
    await assert.rejects(uc.request('InboundSMS/ReceiveURLSMS', { phone: '095987123', message: 'Hi' }), { code: 'HTTP_ERROR', status: 405 });
    assert.equal(server.sim.state.inboundSms.length, 0);
    assert.equal(await uc.request('InboundSMS/ReceiveURLSMS', { phone: '095987123', message: 'Hello World' }, { method: 'GET' }), 'OK');
    // `query` and fields together: both in the query string.
    assert.equal(await uc.request('InboundSMS/ReceiveURLSMS', { message: 'Hi' }, { method: 'GET', query: { phone: '095987124' } }), 'OK');
    assert.deepEqual(server.sim.state.inboundSms, [{ phone: '095987123', length: 11 }, { phone: '095987124', length: 2 }]);
    // The page's error answer is ERROR, not 0: request() resolves with it.
    assert.equal(await uc.request('InboundSMS/ReceiveURLSMS', { phone: 'x', message: 'Hi' }, { method: 'GET' }), 'ERROR');
    // Log events show the path with its digits hidden, never the query.
    assert.ok(!JSON.stringify(events).includes('095987'), 'no phone number in a log event');
    await uc.close();
  });
});

// "e. API Gamification v5" (integra-scm.atlassian.net/wiki/spaces/UOV/pages/407072541): Import data,
// IntegraGamification/resources/GM_Integration/BatchMeasures, POST form, filename, fileb64 (lines
// `agentUser;performanceMeasureName;date;amount;accreditedPoints`, its sample
// `Agent1;Test;2016-04-20 15:30:00;1;100`), "Result: 1 (Asynchronous)"; Upload actions,
// GM_Integration/LoadActions, POST form, performanceMeasureName, dateHour, agentName, actionAmount,
// "Result: Succes message. In error case send a message error. Asynchronous." The page names no
// token: the simulator asks for the session token, as for the rest of the instance's REST API.
describe('[doc] API Gamification', () => {
  const GM = (m) => `/IntegraGamification/resources/GM_Integration/${m}`;
  const action = { performanceMeasureName: 'Test', dateHour: '2016-04-20 15:30:00', agentName: 'Agent1', actionAmount: '1' };

  test('[doc] GM_Integration/LoadActions: performanceMeasureName, dateHour, agentName, actionAmount; a success message (OK), a bad one an error message (ERROR)', async () => {
    const token = await userToken();
    assert.deepEqual(await send(GM('LoadActions'), action, token), { status: 200, text: 'OK' });
    assert.deepEqual(await send(GM('LoadActions'), { ...action, actionAmount: '3' }, token), { status: 200, text: 'OK' });
    assert.deepEqual(server.sim.state.gamificationActions, [
      { measure: 'Test', dateHour: '2016-04-20 15:30:00', agent: 'Agent1', amount: 1 },
      { measure: 'Test', dateHour: '2016-04-20 15:30:00', agent: 'Agent1', amount: 3 },
    ]);
    for (const bad of [{ performanceMeasureName: ' ' }, { dateHour: '2016-04-20' }, { dateHour: '2016-13-20 15:30:00' }, { agentName: '' }, { actionAmount: '0' }, { actionAmount: '1.5' }, { actionAmount: 'x' }]) {
      const answer = await send(GM('LoadActions'), { ...action, ...bad }, token);
      assert.deepEqual(answer, { status: 200, text: 'ERROR' }, Object.keys(bad)[0]);
    }
    const missing = { ...action };
    delete missing.agentName;
    assert.deepEqual(await send(GM('LoadActions'), missing, token), { status: 200, text: 'ERROR' });
    assert.equal(server.sim.state.gamificationActions.length, 2);
    assert.equal((await send(GM('LoadActions'), action)).status, 401);
    // A measure name as long as a body allows is kept cut, as the other lists' names.
    assert.equal(await (await send(GM('LoadActions'), { ...action, performanceMeasureName: 'M'.repeat(100_000) }, token)).text, 'OK');
    assert.ok(server.sim.state.gamificationActions.at(-1).measure.length < 400);
    // The library reaches it through request() (a path from the instance root), the answer's text handed back.
    const uc = createUContactClient({ baseUrl: server.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
    assert.equal(await uc.request(GM('LoadActions'), action), 'OK');
    assert.equal(await uc.request(GM('LoadActions'), { ...action, actionAmount: '0' }), 'ERROR', 'a refusal comes back as text: only 0 is refused');
    await uc.close();
  });

  // /sim/faults takes a path from the root for this tree as for IntegraChannels: it stripped the
  // leading slash of any other tree, so the rule matched no request and stayed pending.
  test('a fault set on a gamification path (from the root) is taken by its request', async () => {
    const token = await userToken();
    server.sim.faults.fail({ path: GM('LoadActions'), status: 503 });
    assert.deepEqual(server.sim.faults.pending.map((r) => r.path), [GM('LoadActions')]);
    assert.equal((await send(GM('BatchMeasures'), { filename: 'm.csv', fileb64: 'eA==' }, token)).status, 200, 'another path does not take it');
    assert.equal((await send(GM('LoadActions'), action, token)).status, 503);
    assert.deepEqual(server.sim.faults.pending, []);
    assert.deepEqual(await send(GM('LoadActions'), action, token), { status: 200, text: 'OK' });
  });

  test('[doc] GM_Integration/BatchMeasures: filename, fileb64 (agentUser;measure;date;amount;accreditedPoints); answers 1, asynchronous: a bad line does not change it', async () => {
    const token = await userToken();
    const b64 = (t) => Buffer.from(t).toString('base64');
    assert.deepEqual(await send(GM('BatchMeasures'), { filename: 'measures.csv', fileb64: b64('Agent1;Test;2016-04-20 15:30:00;1;100\r\n') }, token), { status: 200, text: '1' });
    const file = 'Agent1;Test;2016-04-20 15:30:00;1;100\nAgent2;Test;2016-04-20;1;100\nAgent3;Test;2016-04-20 16:00:00;2\n';
    assert.deepEqual(await send(GM('BatchMeasures'), { filename: 'more.csv', fileb64: b64(file) }, token), { status: 200, text: '1' });
    assert.deepEqual(server.sim.state.gamificationBatches.map((b) => [b.filename, b.rows, b.skipped, b.sha256.length]), [['measures.csv', 1, 0, 64], ['more.csv', 1, 2, 64]]);
    assert.ok(!JSON.stringify(server.sim.state).includes('Agent2'), 'the file is not kept');
    // What the request itself carries is checked: a filename, base64; both fields.
    for (const bad of [{ filename: '', fileb64: b64('x') }, { filename: 'm.csv', fileb64: 'not base64!' }, { filename: 'm.csv' }]) {
      assert.deepEqual(await send(GM('BatchMeasures'), bad, token), { status: 200, text: '0' }, JSON.stringify(bad));
    }
    assert.equal(server.sim.state.gamificationBatches.length, 2);
    assert.equal((await send(GM('BatchMeasures'), { filename: 'm.csv', fileb64: b64('x') })).status, 401);
  });
});
