// CORS between a CRM page and the tenant's instance on another origin, in Chromium: an instance set
// up as README's troubleshooting entry says (the page's origin and the request headers it names)
// serves every method of both clients; an instance that does not allow the page's origin fails
// each call with a typed NETWORK_ERROR that names no credential, without a hang.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, startServer, waitFor } from './helpers.mjs';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const TOKEN = 'ucx-api-token-of-the-crm';
const PASSWORD = 'Sup3r-s3cret';

// The request headers README says the instance must allow: the backticked header names of its
// "REST calls from a page fail with NETWORK_ERROR" entry, up to the next entry.
const entry = README.slice(README.indexOf('**REST calls from a page fail with `NETWORK_ERROR`.**')).split('\n\n')[0];
const ALLOWED_HEADERS = [...entry.matchAll(/`([A-Z][a-z]+(?:-[A-Z][a-z]+)*)`/g)].map((m) => m[1]).filter((h) => h !== 'NETWORK_ERROR');

let env;
let instance;
const hits = [];
// When set, campaignssummary answers 401 without the CORS headers (an auth filter before the CORS one).
let bare401 = false;
// The methods the instance allows beyond the safelisted GET and POST (README: the ones the page sends).
let moreMethods = '';

before(async () => {
  env = await setup();
  // An instance that allows the page's origin and exactly README's headers, answers each legacy path
  // with a token or `1`, and each API path with its documented shape.
  instance = await startServer((req, res) => {
    const url = new URL(req.url, 'http://instance');
    hits.push({ method: req.method, path: url.pathname, requestHeaders: req.headers['access-control-request-headers'] ?? '', cookie: req.headers.cookie });
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '', Vary: 'Origin', 'Access-Control-Allow-Methods': `GET, POST${moreMethods}`,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    req.resume();
    req.on('end', () => {
      const p = url.pathname;
      if (bare401 && p.endsWith('/campaignssummary')) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('expired');
      const body = p.endsWith('/getUserToken') ? JSON.stringify(btoa('supervisor:5b0c1f9e-1111-4222-8333-444455556666'))
        : p.endsWith('/messages') ? '{"result":[{"id":1,"text":"hola"}]}'
          : p.startsWith('/api/') ? '{"result":{"accepted":1}}' : '1';
      // A gateway's stickiness cookie on the login's answer (README: no cookies across origins).
      const cookie = p.endsWith('/getUserToken') ? { 'Set-Cookie': 'sticky=lb-7; Path=/' } : {};
      res.writeHead(200, { ...cors, ...cookie, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
    });
  });
});

after(async () => {
  await instance?.close();
  await env?.close();
});

async function open() {
  const page = await env.page();
  await page.goto(`${env.sim.formOrigin}/e2e/rest.html`);
  await waitFor(() => page.evaluate(() => window.ready === true));
  return page;
}

test("an instance that allows what README's CORS entry names serves both clients from another origin", async () => {
  assert.ok(ALLOWED_HEADERS.includes('Authorization'), ALLOWED_HEADERS.join());
  const page = await open();
  hits.length = 0;
  const r = await page.evaluate(([baseUrl, token, password]) => window.run(`
    const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: { user: 'supervisor', password: arg.password } });
    const api = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: arg.token });
    const settle = (p) => p.then(() => 'ok', (e) => e.code);
    return {
      raw: await settle(uc.request('Supervisor/campaignssummary', {}, { parse: 'text' })),
      loadList: await settle(api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'] }] })),
      freshLeads: await settle(api.freshLeads('Sales', { clientIds: ['099123457'] })),
      messages: await settle(api.interactionMessages('int-0001')),
      webhook: await settle(api.webhook('new-lead', { phone: '099123456' })),
      formWebhook: await settle(api.webhook('new-lead', { phone: '099123456' }, { form: true })),
      request: await settle(api.request('POST', 'api/dialer/id/Sales/freshLeads', { clientIds: ['099123458'] })),
    };`, { baseUrl, token, password }), [instance.origin, TOKEN, PASSWORD]);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(r.value, { raw: 'ok', loadList: 'ok', freshLeads: 'ok', messages: 'ok', webhook: 'ok', formWebhook: 'ok', request: 'ok' },
    `allowed headers ${ALLOWED_HEADERS.join(', ')}; preflights asked for ${hits.filter((h) => h.method === 'OPTIONS').map((h) => h.requestHeaders).join(' | ')}`);
  await page.context().close();
});

// README's CORS entry: a method other than GET and POST (the API-token client's request() or
// webhook() with PUT, PATCH or DELETE) needs the instance to allow it too: its preflight asks for it.
test('request() and webhook() with PUT, PATCH or DELETE: NETWORK_ERROR, nothing sent, unless the instance allows the method (README)', async () => {
  const page = await open();
  const run = () => page.evaluate(([baseUrl, token]) => window.run(`
    const api = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: arg.token });
    const settle = (p) => p.then(() => 'ok', (e) => e.code);
    return [await settle(api.request('DELETE', 'api/dialer/id/Sales/lists/7')), await settle(api.request('PATCH', 'api/things/1', { a: 1 })),
      await settle(api.webhook('new-lead', { phone: '099123456' }, { method: 'PUT' }))];`, { baseUrl, token }), [instance.origin, TOKEN]);
  hits.length = 0;
  const refused = await run();
  assert.deepEqual(refused.value, ['NETWORK_ERROR', 'NETWORK_ERROR', 'NETWORK_ERROR'], JSON.stringify(refused));
  assert.deepEqual(hits.filter((h) => h.method !== 'OPTIONS'), [], 'nothing past the preflight');
  moreMethods = ', PUT, PATCH, DELETE';
  try {
    const r = await run();
    assert.deepEqual(r.value, ['ok', 'ok', 'ok'], JSON.stringify(r));
    const readme = entry.replace(/\s+/g, ' ');
    for (const method of ['PUT', 'PATCH', 'DELETE']) assert.ok(readme.includes(`\`${method}\``), `README's CORS entry names ${method}`);
  } finally {
    moreMethods = '';
    await page.context().close();
  }
});

test('an instance that does not allow the page origin: each call fails with a typed NETWORK_ERROR naming no credential, none hangs', async () => {
  // The simulator allows the origins of the e2e pages: emptied for this test, the page's (localhost) is not.
  const allowed = [...env.sim.rest.config.allowedOrigins];
  env.sim.rest.config.allowedOrigins.length = 0;
  try {
    env.sim.rest.reset();
    const page = await open();
    const r = await page.evaluate(([baseUrl, token, password]) => window.run(`
      const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: { user: 'supervisor', password: arg.password } });
      const api = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: arg.token });
      const codes = await Promise.all([uc.campaignsSummary(), api.interactionMessages('int-0001'), api.loadList('Sales', { filename: 'a.csv', list: [{ clientIds: ['099123456'] }] })]
        .map((p) => p.then(() => 'resolved', (e) => [e.code, bridge.isBridgeError(e), e.message].join(' | '))));
      return codes;`, { baseUrl, token, password }), [env.sim.portalOrigin, TOKEN, PASSWORD]);
    assert.equal(r.ok, true, JSON.stringify(r));
    for (const line of r.value) {
      assert.match(line, /^NETWORK_ERROR \| true \| /, line);
      assert.ok(!line.includes(TOKEN) && !line.includes(PASSWORD), line);
    }
    // The login is a simple request (no preflight): the simulator refuses it (403) as a real instance
    // should, and it is sent once; the others stop at their refused preflight.
    const log = env.sim.rest.state.log;
    assert.deepEqual(log.filter((e) => e.method !== 'OPTIONS').map((e) => [e.path, e.status]), [['auth/getUserToken', 403]]);
    assert.ok(log.filter((e) => e.method === 'OPTIONS').every((e) => e.outcome === 'preflight-refused'));
    await page.context().close();
  } finally {
    env.sim.rest.config.allowedOrigins.push(...allowed);
  }
});

// README's CORS entry: the headers go on every answer, a 401 included; a 401 without them reaches
// the page as NETWORK_ERROR (the browser hides the status), and no new login is tried.
test('a 401 without the CORS headers reaches the page as NETWORK_ERROR, no second login, nothing named', async () => {
  const page = await open();
  hits.length = 0;
  bare401 = true;
  try {
    const r = await page.evaluate(([baseUrl, password]) => window.run(`
      const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: { user: 'supervisor', password: arg.password }, retry: { baseDelayMs: 5 } });
      return await uc.campaignsSummary().then(() => 'resolved', (e) => [e.code, bridge.isBridgeError(e), e.message].join(' | '));`, { baseUrl, password }), [instance.origin, PASSWORD]);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.match(r.value, /^NETWORK_ERROR \| true \| /, r.value);
    assert.ok(!r.value.includes(PASSWORD), r.value);
    const posts = hits.filter((h) => h.method !== 'OPTIONS').map((h) => h.path.split('/').pop());
    assert.equal(posts.filter((p) => p === 'getUserToken').length, 1, posts.join());
    assert.ok(posts.filter((p) => p === 'campaignssummary').length >= 1, posts.join());
  } finally {
    bare401 = false;
    await page.context().close();
  }
});

// README's "No cookies across origins": the instance on another origin of the same site (localhost,
// another port) sets a cookie on the login's answer; the calls succeed without
// Access-Control-Allow-Credentials (a client sending credentials would be refused by CORS) and no
// request carries the cookie back.
test("an instance's cookie is neither sent back nor needed: requests go with fetch's default credentials", async () => {
  const page = await open();
  hits.length = 0;
  const sameSite = instance.origin.replace('127.0.0.1', 'localhost');
  const r = await page.evaluate(([baseUrl, password]) => window.run(`
    const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: { user: 'supervisor', password: arg.password } });
    const settle = (p) => p.then(() => 'ok', (e) => e.code);
    return [await settle(uc.request('Supervisor/campaignssummary', {}, { parse: 'text' })),
      await settle(uc.request('Supervisor/campaignssummary', {}, { parse: 'text' }))];`, { baseUrl, password }), [sameSite, PASSWORD]);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(r.value, ['ok', 'ok']);
  const posts = hits.filter((h) => h.method !== 'OPTIONS');
  assert.deepEqual(posts.map((h) => h.path.split('/').pop()), ['getUserToken', 'campaignssummary', 'campaignssummary']);
  assert.deepEqual(posts.map((h) => h.cookie), [undefined, undefined, undefined]);
  await page.context().close();
});
