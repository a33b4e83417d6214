// The REST simulator itself: strict HTTP rules, control paths, CORS, mounting, log hygiene.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRestSimulator, startRestServer } from '../../demo/rest/simulator.mjs';

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
  test('missing, extra, duplicate fields and bad JSON answer 0', async () => {
    const h = { Authorization: `Basic ${await token()}` };
    for (const body of ['', 'phone=1001&x=1', 'phone=1001&phone=1002', 'phone=abc']) {
      assert.equal(await (await api('Agents/HangupPhone', { headers: h, body })).text(), '0');
    }
    assert.equal(await (await api('Dialers/DialerTask', { headers: h, body: 'call={"campaign":' })).text(), '0');
    assert.equal(await (await api('Blacklist/AddBlacklist', { headers: h, body: `blacklist=${encodeURIComponent('{"phone":"1"}')}` })).text(), '0');
    assert.deepEqual(outcomes().slice(-6), ['rejected:missing-field', 'rejected:unexpected-field', 'rejected:duplicate-field',
      'rejected:bad-phone', 'rejected:bad-call-json', 'rejected:bad-blacklist-entry']);
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
});

describe('control paths', () => {
  test('GET /sim/state and POST /sim/faults', async () => {
    const state = await (await fetch(`${server.url}/sim/state`)).json();
    assert.deepEqual(Object.keys(state.campaigns), ['Sales->', 'Support<-', 'Dialer1']);
    const res = await fetch(`${server.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ fail: { status: 503, path: 'auth/getUserToken' }, tokenFormat: 'bare' }) });
    assert.equal((await res.json()).tokenFormat, 'bare');
    assert.equal((await api('auth/getUserToken', { body: 'user=supervisor&password=Sup3r-s3cret' })).status, 503);
    const bare = await (await api('auth/getUserToken', { body: 'user=supervisor&password=Sup3r-s3cret' })).text();
    assert.match(bare, /^[A-Za-z0-9+/=]+$/);
    server.sim.config.tokenFormat = 'quoted';
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
    const host = createServer((req, res) => {
      if (sim.handle(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('demo page');
    });
    await new Promise((r) => host.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${host.address().port}`;
    try {
      assert.equal(await (await fetch(`${base}/index.html`)).text(), 'demo page');
      const res = await fetch(`${base}/Integra/resources/auth/AgentLogin`, { method: 'POST', headers: { 'Content-Type': FORM }, body: 'agent=agent1001&password=Ag3nt-s3cret' });
      // The documented AgentLogin shape: md5secret is base64 of `name:uuid`, callerid the bare extension.
      const sip = JSON.parse(await res.text());
      assert.match(Buffer.from(sip.md5secret, 'base64').toString(), /^agent1001:[0-9a-f-]{36}$/);
      assert.equal(sip.callerid, '1001');
      assert.equal(sim.state.sessions.agentLogins, 1);
    } finally {
      host.closeAllConnections();
      await new Promise((r) => host.close(r));
    }
  });
});
