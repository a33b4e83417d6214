// The API-token client (spec 9: `Authorization: Bearer`, JSON under /api/) on the built bundle,
// against the REST simulator: the wire of every method, argument and option checks before anything
// is sent, answers it must read leniently (writes) or strictly (reads), faults (redirects, stalls,
// nonsense, 5xx, resets), the token never sent elsewhere nor logged.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { createApiTokenClient, isBridgeError } from '../../dist/http.js';
import * as cjs from '../../dist/cjs/http.cjs';

const TOKEN = 'ucx-sim-api-token-0001';
const PHONE = '099123456';

let server;
let elsewhere; // another origin: redirects point here; it must never receive a request
let stolen = [];
let events = [];
const sim = () => server.sim;
const log = () => sim().state.log.filter((e) => e.path.includes('/api/') || e.path.includes('webhook'));

function api(extra = {}) {
  return createApiTokenClient({
    baseUrl: server.url, token: TOKEN, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, ...extra,
    log: (e) => {
      events.push(e);
      globalThis.captureLog?.(e);
    },
  });
}

/** Every request a custom fetch is handed, passed on to the real fetch. */
function recording() {
  const seen = [];
  const fetch = (url, init) => {
    seen.push({ url, ...init });
    return globalThis.fetch(url, init);
  };
  return { seen, fetch };
}

before(async () => {
  server = await startRestServer({ port: 0 });
  elsewhere = createServer((req, res) => {
    stolen.push({ url: req.url, authorization: req.headers.authorization });
    res.end('{}');
  });
  await new Promise((r) => elsewhere.listen(0, 'localhost', r));
  elsewhere.url = `http://localhost:${elsewhere.address().port}`;
});
after(async () => {
  await server.close();
  elsewhere.closeAllConnections();
  await new Promise((r) => elsewhere.close(r));
});
beforeEach(() => {
  sim().reset();
  stolen = [];
  events = [];
});

describe('the wire', () => {
  test('loadList posts {filename, list} as JSON with the Bearer token to api/dialer/id/<hub>/lists; resolves with the answer', async () => {
    const { seen, fetch } = recording();
    const answer = await api({ fetch }).loadList('Sales', { filename: 'november.csv', list: [{ clientIds: [PHONE], Name: 'Ana' }, { clientIds: ['099000111', '099000112'] }] });
    assert.equal(answer.result.status, 'loading');
    assert.equal(answer.result.contacts, 2);
    assert.equal(seen.length, 1);
    const [req] = seen;
    assert.equal(req.url, `${server.url}/api/dialer/id/Sales/lists`);
    assert.equal(req.method, 'POST');
    assert.equal(req.headers.Authorization, `Bearer ${TOKEN}`);
    assert.match(req.headers['Content-Type'], /^application\/json\b/);
    assert.deepEqual(JSON.parse(req.body), { filename: 'november.csv', list: [{ Name: 'Ana', clientIds: [PHONE] }, { clientIds: ['099000111', '099000112'] }] });
    assert.equal(req.redirect, 'manual');
    assert.deepEqual(sim().state.lists.map(({ hub, filename, contacts }) => ({ hub, filename, contacts })), [{ hub: 'Sales', filename: 'november.csv', contacts: 2 }]);
  });

  test('a known field set to undefined is left out, as JSON.stringify does', async () => {
    const { seen, fetch } = recording();
    const client = api({ fetch });
    await client.freshLeads('Sales', { clientIds: [PHONE], timezone: undefined, agent: undefined, note: undefined });
    assert.deepEqual(JSON.parse(seen[0].body), { clientIds: [PHONE] });
    await client.loadList('Mail', { filename: 'm.csv', list: [{ clientId: 'ana@example.com', clientIds: undefined }] });
    assert.deepEqual(JSON.parse(seen[1].body).list, [{ clientId: 'ana@example.com' }]);
  });

  test('an email hub takes clientId', async () => {
    await api().loadList('Mail', { filename: 'mails.csv', list: [{ clientId: 'ana@example.com' }] });
    assert.equal(sim().state.lists[0].hub, 'Mail');
  });

  test('freshLeads: one lead, or {leads}; the time zone in its IANA spelling', async () => {
    const { seen, fetch } = recording();
    const client = api({ fetch });
    assert.deepEqual(await client.freshLeads('Sales', { clientIds: [PHONE], timezone: 'america/montevideo', data: { plan: 'gold' }, agent: 'agent1001' }),
      { result: { accepted: 1 } });
    assert.deepEqual(await client.freshLeads('Chat', { leads: [{ clientIds: [PHONE] }, { clientIds: ['099000111'], data: { a: '1' } }] }),
      { result: { accepted: 2 } });
    assert.equal(seen[0].url, `${server.url}/api/dialer/id/Sales/freshLeads`);
    assert.deepEqual(JSON.parse(seen[0].body), { clientIds: [PHONE], timezone: 'America/Montevideo', data: { plan: 'gold' }, agent: 'agent1001' });
    assert.deepEqual(sim().state.freshLeads, [{ hub: 'Sales', accepted: 1 }, { hub: 'Chat', accepted: 2 }]);
    // An alias in lower case: the platform's spelling (Asia/Calcutta in V8), not 'asia/kolkata' as typed.
    await client.freshLeads('Sales', { clientIds: [PHONE], timezone: 'asia/kolkata' });
    assert.equal(JSON.parse(seen[2].body).timezone, new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kolkata' }).resolvedOptions().timeZone);
  });

  test('interactionMessages GETs with lastMessage and limit (defaults -1 and 2000) and resolves with result', async () => {
    const { seen, fetch } = recording();
    const client = api({ fetch });
    const all = await client.interactionMessages('int-0001');
    assert.equal(all.length, 5);
    assert.deepEqual(all.map((m) => m.id), [1, 2, 3, 4, 5]);
    assert.deepEqual((await client.interactionMessages('int-0001', { lastMessage: 3, limit: 1 })).map((m) => m.id), [4]);
    // Real clients send 2000; no largest value is known: a larger one goes as it is.
    assert.equal((await client.interactionMessages('int-0001', { limit: 3000 })).length, 5);
    assert.equal(seen[0].url, `${server.url}/api/interactions/id/int-0001/messages?lastMessage=-1&limit=2000`);
    assert.equal(seen[0].method, 'GET');
    assert.equal(seen[0].body, undefined);
    // No body key at all (FetchLike's `body?: string`): a fetch typed as the platform's takes no undefined body.
    assert.equal(Object.hasOwn(seen[0], 'body'), false);
    assert.equal(seen[0].headers['Content-Type'], undefined);
    assert.equal(seen[1].url, `${server.url}/api/interactions/id/int-0001/messages?lastMessage=3&limit=1`);
  });

  test('null options are no options, as every other entry takes them (and as its own query)', async () => {
    // Before: `options must be an object` from each method, while interactionMessages' query took null.
    const client = api();
    assert.equal((await client.interactionMessages('int-0001', null, null)).length, 5);
    await client.loadList('Sales', { filename: 'f.csv', list: [{ clientIds: [PHONE] }] }, null);
    await client.webhook('new-lead', { phone: PHONE }, null);
    await assert.rejects(client.request('GET', 'api/interactions/id/int-0001/messages', undefined, null), { code: 'HTTP_ERROR', status: 400 }); // sent: the server wants lastMessage
  });

  test('webhook: no token unless auth: true; JSON, form or no body; any method; legacy path by option', async () => {
    const { seen, fetch } = recording();
    const client = api({ fetch });
    assert.deepEqual(await client.webhook('new-lead', { phone: PHONE, campaign: 'Sales' }), { result: { result: 'ok' } });
    await client.webhook('new-lead', { phone: PHONE }, { form: true, auth: true });
    await client.webhook('ping', undefined, { method: 'GET', query: { a: '1' } });
    const legacy = api({ fetch, paths: { webhook: 'IntegraChannels/resources/webhook' } });
    await legacy.webhook('old-hook', { x: 1 });
    assert.equal(seen[0].headers.Authorization, undefined);
    assert.equal(seen[1].headers.Authorization, `Bearer ${TOKEN}`);
    assert.equal(seen[1].body, `phone=${PHONE}`);
    assert.equal(seen[2].url, `${server.url}/api/webhook/ping?a=1`);
    assert.equal(seen[3].url, `${server.url}/IntegraChannels/resources/webhook/old-hook`);
    assert.deepEqual(sim().state.webhooks.map(({ name, method, contentType, fields, authorization }) => [name, method, contentType, fields, authorization]), [
      ['new-lead', 'POST', 'json', ['campaign', 'phone'], false],
      ['new-lead', 'POST', 'form', ['phone'], true],
      ['ping', 'GET', 'none', [], false],
      ['old-hook', 'POST', 'json', ['x'], false],
    ]);
  });

  test('a body a state library hands out (MobX observable(): a hidden symbol key on each object and array) goes as its JSON', async () => {
    // INVALID_ARGUMENT before ("body has symbol keys"), though JSON leaves a hidden key out.
    const { seen, fetch } = recording();
    const client = api({ fetch });
    const observed = (v) => Object.defineProperty(v, Symbol('mobx administration'), { value: {}, enumerable: false });
    await client.webhook('new-lead', observed({ phone: PHONE, tags: observed(['vip']) }));
    await client.freshLeads('Sales', observed({ clientIds: observed([PHONE]), data: observed({ plan: 'gold' }) }));
    assert.deepEqual(seen.map((r) => JSON.parse(r.body)), [{ phone: PHONE, tags: ['vip'] }, { clientIds: [PHONE], data: { plan: 'gold' } }]);
  });

  test('request: any method below the instance root, JSON by default, text on request, GETs are reads', async () => {
    const client = api();
    const json = await client.request('GET', 'api/interactions/id/int-0002/messages', undefined, { query: { lastMessage: '-1', limit: '10' } });
    assert.equal(json.result.length, 1);
    const text = await client.request('GET', '/api/interactions/id/int-0002/messages', undefined, { query: { lastMessage: '-1', limit: '10' }, parse: 'text' });
    assert.equal(typeof text, 'string');
    assert.deepEqual(JSON.parse(text), json);
    assert.deepEqual(await client.request('POST', 'api/dialer/id/Sales/freshLeads', { clientIds: [PHONE] }), { result: { accepted: 1 } });
  });

  test('request below a webhook path sends no token unless auth: true (as webhook() does); elsewhere it does unless auth: false', async () => {
    const { seen, fetch } = recording();
    const client = api({ fetch, paths: { webhook: '/flows/hooks' } });
    for (const p of ['api/webhook/leadFlow', '/API/Webhook/leadFlow', 'IntegraChannels/resources/webhook/old', '/flows/hooks/mine']) {
      await client.request('POST', p, { x: 1 }).catch(() => undefined);
    }
    await client.request('POST', 'api/webhook/leadFlow', { x: 1 }, { auth: true });
    await client.request('POST', 'api/webhooks/leadFlow', { x: 1 }).catch(() => undefined);
    const query = { lastMessage: '-1', limit: '10' };
    await client.request('GET', 'api/interactions/id/int-0002/messages', undefined, { query });
    await client.request('GET', 'api/interactions/id/int-0002/messages', undefined, { query, auth: false }).catch(() => undefined);
    assert.deepEqual(seen.map((r) => r.headers.Authorization), [
      undefined, undefined, undefined, undefined, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`, undefined,
    ]);
  });

  test('caller-chosen names are one encoded segment', async () => {
    const { seen, fetch } = recording();
    await api({ fetch }).webhook('a b/c?d', {}).catch(() => undefined);
    assert.equal(seen[0].url, `${server.url}/api/webhook/a%20b%2Fc%3Fd`);
  });

  test('a name holding a . or .. segment between slashes or backslashes (../../webhook/x) is refused: a proxy or server that decodes %2F before it resolves dot segments would take the token elsewhere', async () => {
    const { seen, fetch } = recording();
    const c = api({ fetch });
    for (const name of ['../../webhook/steal', '..\\webhook', 'a/../b', 'a/.', './a']) {
      await assert.rejects(c.loadList(name, { filename: 'f.csv', list: [{ clientIds: [PHONE] }] }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /hub must be a name/.test(e.message));
      await assert.rejects(c.webhook(name, {}), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /name must be a name/.test(e.message));
    }
    assert.equal(seen.length, 0, 'nothing sent');
    await c.webhook('..x/x..', {}).catch(() => undefined);
    assert.equal(seen[0].url, `${server.url}/api/webhook/..x%2Fx..`);
  });

  test('paths: a configurable dialer path (a guide writes api/dialers/id)', async () => {
    const { seen, fetch } = recording();
    const e = await api({ fetch, paths: { dialer: '/api/dialers/id' } }).loadList('Sales', { filename: 'f.csv', list: [{ clientIds: [PHONE] }] })
      .catch((err) => err);
    assert.equal(seen[0].url, `${server.url}/api/dialers/id/Sales/lists`);
    assert.ok(isBridgeError(e, 'HTTP_ERROR')); // the simulator serves the documented path only
    assert.equal(e.status, 404);
  });

  test('the CommonJS build exports it too', () => {
    assert.equal(typeof cjs.createApiTokenClient, 'function');
  });
});

describe('bad input: a typed error naming the field, never the value, before anything is sent', () => {
  const cases = [
    ['unknown option', (c) => c.loadList('Sales', { filename: 'f', list: [{ clientIds: [PHONE] }] }, { timeout: 5 }), /options has an unknown key 'timeout' \(did you mean 'timeoutMs'\?\)/],
    ['hub . or ..', (c) => c.loadList('..', { filename: 'f', list: [{ clientIds: [PHONE] }] }), /^loadList: hub must be a name \(no lone surrogate\), not \. or \.\.$/],
    ['empty hub', (c) => c.loadList('', { filename: 'f', list: [{ clientIds: [PHONE] }] }), /hub is required/],
    ['unknown argument', (c) => c.loadList('Sales', { filename: 'f', list: [{ clientIds: [PHONE] }], campaign: 'x' }), /unknown key 'campaign'/],
    ['empty list', (c) => c.loadList('Sales', { filename: 'f', list: [] }), /list must be an array of at least 1 item/],
    ['a contact that is not an object', (c) => c.loadList('Sales', { filename: 'f', list: [PHONE] }), /^loadList: list\[0\] must be an object$/],
    ['a lead that is not an object', (c) => c.freshLeads('Sales', { leads: [{ clientIds: [PHONE] }, [PHONE]] }), /^freshLeads: leads\[1\] must be an object$/],
    ['contact without ids', (c) => c.loadList('Sales', { filename: 'f', list: [{ Name: PHONE }] }), /list\[0\] needs clientIds \(or clientId on an email hub\)/],
    ['mistyped key', (c) => c.loadList('Sales', { filename: 'f', list: [{ clientIDs: [PHONE] }] }), /unknown key 'list\[0\]\.clientIDs' \(did you mean 'list\[0\]\.clientIds'\?\)/],
    ['a function in a contact', (c) => c.loadList('Sales', { filename: 'f', list: [{ clientIds: [PHONE], f: () => PHONE }] }), /list\[0\]\.f is not JSON \(function\)/],
    ['a number as a client id', (c) => c.freshLeads('Sales', { clientIds: [99123456] }), /lead\.clientIds\[0\] must be a string/],
    ['timeZone', (c) => c.freshLeads('Sales', { clientIds: [PHONE], timeZone: 'UTC' }), /did you mean 'lead\.timezone'/],
    ['local zone', (c) => c.freshLeads('Sales', { clientIds: [PHONE], timezone: 'local' }), /lead\.timezone must be an IANA time zone name/],
    ['unknown zone', (c) => c.freshLeads('Sales', { clientIds: [PHONE], timezone: 'Mars/Olympus' }), /^freshLeads: lead\.timezone must be an IANA time zone name such as America\/Montevideo$/],
    ['too deep a body', (c) => { let o = { phone: PHONE }; for (let i = 0; i < 20_000; i++) o = { o }; return c.webhook('x', o); }, /is nested too deeply/],
    ['data not an object', (c) => c.freshLeads('Sales', { clientIds: [PHONE], data: PHONE }), /lead\.data must be an object/],
    ['leads empty', (c) => c.freshLeads('Sales', { leads: [] }), /leads must be an array/],
    ['a lead without ids', (c) => c.freshLeads('Sales', { leads: [{ data: {} }] }), /leads\[0\]\.clientIds is required/],
    ['limit 0', (c) => c.interactionMessages('int-0001', { limit: 0 }), /query\.limit must be/],
    ['lastMessage -2', (c) => c.interactionMessages('int-0001', { lastMessage: -2 }), /query\.lastMessage must be/],
    ['query key', (c) => c.interactionMessages('int-0001', { last: 1 }), /query has an unknown key 'query\.last'/],
    ['GET with a body', (c) => c.webhook('x', { phone: PHONE }, { method: 'GET' }), /body: a GET request carries none/],
    ['form body not strings', (c) => c.webhook('x', { n: 1 }, { form: true }), /body\.n must be a string/],
    ['cyclic body', (c) => { const o = { phone: PHONE }; o.self = o; return c.webhook('x', o); }, /body\.self refers to an object that holds it/],
    ['bad method', (c) => c.request('OPTIONS', 'api/x'), /method must be 'GET' or 'POST'/],
    ['absolute URL', (c) => c.request('GET', `${elsewhere.url}/steal`), /path must be a path from the instance root/],
    ['scheme-relative URL', (c) => c.request('GET', '//evil.example/steal'), /path must be a path from the instance root/],
    ['dot segments', (c) => c.request('GET', 'api/../../x'), /path must be a path from the instance root/],
    ['query in path', (c) => c.request('GET', `api/x?phone=${PHONE}`), /path must be a path from the instance root/],
    ['raw unknown option', (c) => c.request('GET', 'api/x', undefined, { parse: 'xml' }), /parse must be 'json' or 'text'/],
  ];
  for (const [name, run, message] of cases) {
    test(name, async () => {
      const { seen, fetch } = recording();
      const e = await Promise.resolve().then(() => run(api({ fetch }))).catch((err) => err);
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${name}: ${e}`);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, new RegExp(PHONE));
      assert.equal(seen.length, 0, 'nothing is sent');
    });
  }

  test('options of the client', () => {
    const base = { baseUrl: 'https://acme.example.com', token: TOKEN };
    const refused = (o, re) => assert.throws(() => createApiTokenClient(o), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && re.test(e.message)
      && e.message.startsWith('createApiTokenClient: ') && !e.message.includes('s3cret'));
    refused({ ...base, token: 'with s3cret space' }, /token must be the API token/);
    refused({ ...base, token: '' }, /token must be the API token/);
    refused({ ...base, token: undefined }, /token must be the API token|token is required/);
    refused({ ...base, credentials: {} }, /unknown key 'credentials'/);
    refused({ ...base, paths: { dialers: 'api/dialers/id' } }, /did you mean 'paths\.dialer'/);
    refused({ ...base, paths: { dialer: 'https://evil.example/api' } }, /paths\.dialer must be a path from the instance root/);
    refused({ ...base, baseUrl: 'https://user:s3cret@acme.example.com' }, /baseUrl must hold no credentials/);
    refused({ ...base, timeoutMs: -1 }, /timeoutMs/);
  });
});

describe('answers', () => {
  test('401: UNAUTHORIZED naming the API token, never retried; a revoked token is refused', async () => {
    const e = await api({ token: 'ucx-not-a-token' }).interactionMessages('int-0001').catch((err) => err);
    assert.ok(isBridgeError(e, 'UNAUTHORIZED'));
    assert.match(e.message, /refused the API token \(HTTP 401\)/);
    assert.equal(log().length, 1);
    const fresh = sim().issueApiToken('supervisor');
    assert.equal((await api({ token: fresh }).interactionMessages('int-0002')).length, 1);
    sim().revokeApiToken(fresh);
    await assert.rejects(api({ token: fresh }).interactionMessages('int-0002'), { code: 'UNAUTHORIZED' });
  });

  test('other statuses: HTTP_ERROR with the status; the body (which may echo data) is not in the message', async () => {
    const e = await api().interactionMessages('int-9999').catch((err) => err);
    assert.ok(isBridgeError(e, 'HTTP_ERROR'));
    assert.equal(e.status, 404);
    assert.match(e.message, /^interactionMessages: \/api\/interactions\/id\/int-#\/messages answered HTTP 404$/);
  });

  test('a write whose answer is not JSON resolves with its text (the server took it); an empty answer is undefined', async () => {
    sim().faults.body({ body: 'Accepted', path: '/api/dialer/id/Sales/lists', after: true });
    assert.equal(await api().loadList('Sales', { filename: 'f.csv', list: [{ clientIds: [PHONE] }] }), 'Accepted');
    assert.equal(sim().state.lists.length, 1);
    sim().faults.body({ body: '', status: 204, path: '/api/dialer/id/Sales/freshLeads', after: true });
    assert.equal(await api().freshLeads('Sales', { clientIds: [PHONE] }), undefined);
  });

  test('a read must be what it says: nonsense is BAD_RESPONSE', async () => {
    for (const body of ['<html>oops</html>', '{"result":{"id":1}}', '{"error":"x"}', 'null', '']) {
      sim().faults.body({ body, path: '/api/interactions/id/int-0001/messages' });
      const e = await api().interactionMessages('int-0001').catch((err) => err);
      assert.ok(isBridgeError(e, 'BAD_RESPONSE'), `${JSON.stringify(body)}: ${e}`);
      assert.doesNotMatch(e.message, /may have/);
    }
    // A bare list is read as the messages.
    sim().faults.body({ body: '[{"id":1}]', path: '/api/interactions/id/int-0001/messages' });
    assert.deepEqual(await api().interactionMessages('int-0001'), [{ id: 1 }]);
  });

  test("a raw write whose answer is not JSON resolves with its text; with parse: 'json' it is BAD_RESPONSE saying it may have been done", async () => {
    sim().faults.body({ body: 'Accepted', path: '/api/dialer/id/Sales/freshLeads', after: true, count: 2 });
    assert.equal(await api().request('POST', 'api/dialer/id/Sales/freshLeads', { clientIds: [PHONE] }), 'Accepted');
    const e = await api().request('POST', 'api/dialer/id/Sales/freshLeads', { clientIds: [PHONE] }, { parse: 'json' }).catch((err) => err);
    assert.ok(isBridgeError(e, 'BAD_RESPONSE'));
    assert.match(e.message, /it may have been done/);
    assert.equal(sim().state.freshLeads.length, 2);
    // A read's answer must be JSON whatever parse says, unless it asks for text.
    sim().faults.body({ body: 'Accepted', path: '/api/interactions/id/int-0001/messages' });
    await assert.rejects(api().request('GET', 'api/interactions/id/int-0001/messages', undefined, { query: { lastMessage: '-1', limit: '5' } }),
      { code: 'BAD_RESPONSE' });
    // No answer at all is no JSON either: only a write's empty answer is undefined.
    sim().faults.body({ body: '', path: '/api/interactions/id/int-0001/messages' });
    await assert.rejects(api().request('GET', 'api/interactions/id/int-0001/messages', undefined, { query: { lastMessage: '-1', limit: '5' } }),
      { code: 'BAD_RESPONSE' });
  });

  test('the messages are read under result in any letter case', async () => {
    sim().faults.body({ body: '{"Result":[{"id":7}]}', path: '/api/interactions/id/int-0001/messages' });
    assert.deepEqual(await api().interactionMessages('int-0001'), [{ id: 7 }]);
  });
});

describe('faults', () => {
  const LIST = { filename: 'f.csv', list: [{ clientIds: [PHONE] }] };

  test('a redirect is refused before or after the server acted; nothing reaches the other origin, the token least of all', async () => {
    sim().faults.redirect({ status: 307, location: `${elsewhere.url}/steal`, path: '/api/dialer/id/Sales/lists' });
    const before = await api().loadList('Sales', LIST).catch((err) => err);
    assert.ok(isBridgeError(before, 'REDIRECT_REFUSED'));
    assert.equal(sim().state.lists.length, 0);
    sim().faults.redirect({ status: 302, location: `${elsewhere.url}/steal?token=${TOKEN}`, path: '/api/interactions/id/int-0001/messages', count: 5 });
    const read = await api().interactionMessages('int-0001').catch((err) => err);
    assert.ok(isBridgeError(read, 'REDIRECT_REFUSED'));
    assert.doesNotMatch(read.message, new RegExp(TOKEN));
    assert.equal(log().length, 2, 'a refused redirect is not retried');
    sim().faults.redirect({ status: 308, location: `${elsewhere.url}/steal`, path: '/api/webhook/x', after: true });
    await assert.rejects(api().webhook('x', {}, { auth: true }), { code: 'REDIRECT_REFUSED' });
    assert.deepEqual(stolen, []);
  });

  test('reads are retried on 5xx and resets; writes are sent once', async () => {
    sim().faults.fail({ status: 503, path: '/api/interactions/id/int-0001/messages', count: 2 });
    assert.equal((await api().interactionMessages('int-0001')).length, 5);
    assert.equal(log().length, 3);
    assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => [e.endpoint, e.reason, e.status]),
      [['interactionMessages', 'status', 503], ['interactionMessages', 'status', 503]]);
    sim().reset();
    sim().faults.drop({ path: '/api/dialer/id/Sales/lists', after: true });
    const e = await api().loadList('Sales', LIST).catch((err) => err);
    assert.ok(isBridgeError(e, 'NETWORK_ERROR'));
    assert.equal(log().length, 1);
    assert.equal(sim().state.lists.length, 1, 'the server acted; the client did not send it again');
    sim().faults.fail({ status: 500, path: '/api/webhook/x' });
    await assert.rejects(api().webhook('x', {}), { code: 'HTTP_ERROR', status: 500 });
    assert.equal(sim().state.webhooks.length, 0);
    // A raw request is a write unless it is a GET (or says kind: 'read'): PUT, PATCH and DELETE are sent once too.
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      sim().reset();
      sim().faults.fail({ status: 503, path: '/api/dialer/id/Sales/lists', count: 5 });
      await assert.rejects(api().request(method, 'api/dialer/id/Sales/lists', LIST), { code: 'HTTP_ERROR', status: 503 });
      assert.equal(log().length, 1, `${method} sent once`);
    }
  });

  test('a stalled server ends in TIMEOUT at the deadline; an abort ends in ABORTED; neither is retried', async () => {
    sim().faults.delay({ ms: 400, path: '/api/interactions/id/int-0001/messages', count: 3 });
    await assert.rejects(api().interactionMessages('int-0001', {}, { timeoutMs: 80 }), { code: 'TIMEOUT' });
    // Settled at the deadline, before the server's answer (logged once its 400 ms hold ends): an
    // order, not a time bound (the server runs in this process: a loaded machine delays both alike).
    assert.deepEqual(log(), [], 'settled only once the server had answered');
    const ctl = new AbortController();
    const pending = api().interactionMessages('int-0001', undefined, { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 20);
    await assert.rejects(pending, { code: 'ABORTED' });
    const early = new AbortController();
    early.abort();
    const { seen, fetch } = recording();
    events = [];
    await assert.rejects(api({ fetch }).loadList('Sales', LIST, { signal: early.signal }), { code: 'ABORTED' });
    assert.equal(seen.length, 0);
    assert.deepEqual(events.map((e) => e.type), ['error'], 'nothing is logged as sent');
  });

  test('an answer larger than maxResponseBytes is refused unread', async () => {
    // A path of its own: a request the test before left on its way (aborted by the client, not yet
    // read by the server under load) would take a one-shot fault armed on its path.
    sim().faults.huge({ bytes: 1 << 20, path: '/api/interactions/id/int-huge/messages' });
    await assert.rejects(api({ maxResponseBytes: 4096 }).interactionMessages('int-huge'), { code: 'RESPONSE_TOO_LARGE' });
  });
});

test('the log hook gets redacted events: no token, no body, no digit of a path', async () => {
  await api().loadList('Sales', { filename: 'f.csv', list: [{ clientIds: [PHONE] }] });
  await api().interactionMessages('int-0001');
  await api().webhook(`lead-${PHONE}`, { phone: PHONE }).catch(() => undefined);
  sim().faults.fail({ status: 500, path: '/api/dialer/id/Sales/lists' });
  await api().loadList('Sales', { filename: 'f.csv', list: [{ clientIds: [PHONE] }] }).catch(() => undefined);
  const text = JSON.stringify(events);
  assert.ok(events.some((e) => e.type === 'request' && e.endpoint === 'loadList' && e.path === '/api/dialer/id/Sales/lists'));
  assert.ok(events.some((e) => e.type === 'error' && e.endpoint === 'loadList' && e.code === 'HTTP_ERROR'));
  assert.ok(events.some((e) => e.path === '/api/webhook/lead-#'));
  for (const secret of [TOKEN, PHONE, 'Bearer']) assert.ok(!text.includes(secret), `the log holds ${secret}`);
});
