// The REST simulator against uContact's official documentation pages ([doc]): what a page documents,
// the simulator serves as the page says (path, fields, answer, error answer). Each test names its page.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { createUContactClient } from '../../dist/http.js';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const I = (p) => `/Integra/resources/${p}`;

let sim;
before(async () => {
  sim = await startRestServer({ port: 0 });
});
after(() => sim.close());
beforeEach(() => sim.sim.reset());

/** A form POST as the page's jQuery sample sends it (Basic token, form body with charset). */
async function send(path, fields, token) {
  const headers = { 'Content-Type': FORM };
  if (token) headers.Authorization = `Basic ${token}`;
  const res = await fetch(`${sim.url}${I(path)}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
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
    assert.deepEqual(sim.sim.state.sms.map((s) => [s.destination, s.campaign, s.agent, s.source, s.length]), [['099123456', 'SMS', 'agent1001', '1234', 4]]);
    // The page's error answer is ERROR (not the 0 of the other endpoints), for every refusal.
    for (const bad of [{ destination: 'not-a-number' }, { message: ' ' }, { campaign: '' }]) {
      assert.deepEqual(await send('SMS/SendSMS', { ...fields, ...bad }, token), { status: 200, text: 'ERROR' }, Object.keys(bad)[0]);
    }
    const missing = { ...fields };
    delete missing.destination;
    assert.deepEqual(await send('SMS/SendSMS', missing, token), { status: 200, text: 'ERROR' });
    assert.equal(sim.sim.state.log.at(-1).outcome, 'rejected:missing-field');
    assert.equal(sim.sim.state.sms.length, 1);
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
    assert.deepEqual(sim.sim.state.smsSchedules, [{ calldate: '2015-10-11 15:00:00', campaign: 'Ventas->', destination: '098344484', length: 7 }]);
    for (const bad of [
      'not json', JSON.stringify([sms]), JSON.stringify({ ...sms, calldate: '2015-13-11 15:00:00' }), JSON.stringify({ ...sms, campaign: '' }),
      JSON.stringify({ ...sms, destination: 'x' }), JSON.stringify({ ...sms, data: '' }), JSON.stringify({ ...sms, extra: 1 }),
      JSON.stringify({ calldate: sms.calldate, campaign: sms.campaign, destination: sms.destination }),
    ]) {
      assert.deepEqual(await send('SMS/ScheduleDialerSMS', { sms: bad }, token), { status: 200, text: '0' }, bad);
    }
    assert.equal(sim.sim.state.smsSchedules.length, 1);
    // The message text is not kept (only its length), as for the SMS sent.
    assert.ok(!JSON.stringify(sim.sim.state).includes('Message'));
  });

  test('[doc] the client reaches both through request(), as the README says: SendSMS\'s ERROR comes back as its text (only 0 is refused)', async () => {
    const uc = createUContactClient({ baseUrl: sim.url, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
    try {
      const fields = { destination: '099123456', message: 'Hola', campaign: 'SMS', agent: '', source: '' };
      assert.equal(await uc.request('SMS/SendSMS', fields), 'OK');
      assert.equal(await uc.request('SMS/SendSMS', { ...fields, destination: 'x' }), 'ERROR');
      const sms = { calldate: '2026-12-24 10:00:00', campaign: 'SMS', destination: '099123456', data: 'Hola' };
      assert.equal(await uc.request('SMS/ScheduleDialerSMS', { sms: JSON.stringify(sms) }), '1');
      await assert.rejects(uc.request('SMS/ScheduleDialerSMS', { sms: '{}' }), { code: 'API_ERROR' });
      assert.equal(sim.sim.state.sms.length, 1);
      assert.equal(sim.sim.state.smsSchedules.length, 1);
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
