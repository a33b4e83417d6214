// The REST simulator's uContact X API with API tokens (contract section 9): Bearer tokens, dialer
// lists and fresh leads, interaction messages, webhooks, faults, CORS; the legacy API unaffected.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRestSimulator, startRestServer } from '../../demo/rest/simulator.mjs';
import { INTERACTIONS } from '../../demo/rest/fixtures.mjs';
import { isTimeZone } from '../../demo/rest/checks.mjs';
import { withMountedHost } from './helpers/rest-server.mjs';

const CRM = 'https://crm.example.com';
const EVIL = 'https://evil.example';
const TOKEN = 'ucx-sim-api-token-0001';
const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const LISTS = '/api/dialer/id/Sales/lists';
const MESSAGES = '/api/interactions/id/int-0001/messages';
const PHONES = ['098555001', '098555002', '098555003']; // not in the simulator's fixtures
const LIST = { filename: 'november.csv', list: [{ clientIds: [PHONES[0], PHONES[1]], name: 'Ana' }, { clientIds: [PHONES[2]] }] };

let server;
const sim = () => server.sim;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
// One request from the root: `body` goes as JSON unless it is text; `type: null` sends no Content-Type
// of ours (fetch then says text/plain for a text body), `token: null` no Authorization.
function call(path, { method = 'POST', body, type = JSON_TYPE, token = TOKEN, headers = {}, redirect } = {}) {
  const h = { ...(type ? { 'Content-Type': type } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers };
  const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${server.url}${path}`, { method, headers: h, body: text, redirect });
}
const lists = (hub, body, opts) => call(`/api/dialer/id/${hub}/lists`, { body, ...opts });
const leads = (hub, body, opts) => call(`/api/dialer/id/${hub}/freshLeads`, { body, ...opts });
const messages = (query, opts) => call(`${MESSAGES}${query}`, { method: 'GET', type: null, ...opts });
/** Status and parsed JSON body; checks the JSON headers of every answer. */
async function answer(res) {
  assert.equal(res.headers.get('content-type'), JSON_TYPE);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return [res.status, await res.json()];
}
const lastLog = () => sim().state.log.at(-1);
const outcomes = () => sim().state.log.map((e) => e.outcome);

async function legacyToken() {
  const res = await fetch(`${server.url}/Integra/resources/auth/getUserToken`, { method: 'POST', headers: { 'Content-Type': FORM }, body: 'user=supervisor&password=Sup3r-s3cret' });
  return JSON.parse(await res.text());
}

before(async () => {
  server = await startRestServer({ port: 0, allowedOrigins: [CRM] });
});
after(() => server.close());
beforeEach(() => sim().reset());

describe('API tokens', () => {
  test('missing, Basic (even a live legacy token), unknown and empty tokens: 401 {"error":"Unauthorized"}', async () => {
    const legacy = await legacyToken();
    for (const headers of [{}, { Authorization: `Basic ${legacy}` }, { Authorization: `Basic ${TOKEN}` }, { Authorization: 'Bearer nope' }, { Authorization: 'Bearer ' }, { Authorization: TOKEN }]) {
      assert.deepEqual(await answer(await lists('Sales', LIST, { token: null, headers })), [401, { error: 'Unauthorized' }], JSON.stringify(headers));
      assert.deepEqual(await answer(await messages('?lastMessage=-1&limit=10', { token: null, headers })), [401, { error: 'Unauthorized' }]);
    }
    assert.deepEqual(sim().state.lists, []);
    assert.deepEqual(lastLog(), { seq: lastLog().seq, method: 'GET', path: MESSAGES, status: 401, outcome: 'unauthorized' });
    assert.equal((await lists('Sales', LIST)).status, 200, 'the default token');
  });

  test('the scheme name is case-insensitive (RFC 9110 11.1): bearer and BEARER pass, as Basic/basic do on the legacy API', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      assert.equal((await lists('Sales', LIST, { token: null, headers: { Authorization: `${scheme} ${TOKEN}` } })).status, 200, scheme);
    }
    const legacy = await legacyToken();
    for (const scheme of ['basic', 'BASIC']) {
      const res = await fetch(`${server.url}/Integra/resources/Supervisor/campaignssummary`, { method: 'POST', headers: { 'Content-Type': FORM, Authorization: `${scheme} ${legacy}` } });
      assert.equal(res.status, 200, scheme);
    }
  });

  test('issued tokens work until revoked; a revoked default token is refused; reset restores it and drops issued ones', async () => {
    const issued = sim().issueApiToken('agent1001');
    assert.match(issued, /^ucx-[0-9a-f]{32}$/);
    assert.notEqual(sim().issueApiToken('agent1001'), issued);
    assert.ok(sim().tokens().includes(issued));
    assert.equal((await messages('?lastMessage=-1&limit=1', { token: issued })).status, 200);
    assert.equal(sim().revokeApiToken(issued), true);
    assert.equal(sim().revokeApiToken(issued), false);
    assert.ok(!sim().tokens().includes(issued));
    assert.equal((await messages('?lastMessage=-1&limit=1', { token: issued })).status, 401);
    const again = sim().issueApiToken('supervisor');
    sim().revokeApiToken(TOKEN);
    assert.equal((await messages('?lastMessage=-1&limit=1')).status, 401);
    sim().reset();
    assert.deepEqual(sim().tokens(), [TOKEN]);
    assert.equal((await messages('?lastMessage=-1&limit=1', { token: again })).status, 401);
    assert.equal((await messages('?lastMessage=-1&limit=1')).status, 200);
    assert.throws(() => sim().issueApiToken(''), TypeError);
  });

  test('option apiTokens replaces the default; API tokens do not expire with expireTokens()', async () => {
    const other = await startRestServer({ port: 0, apiTokens: { 'my-own-token': 'supervisor' } });
    try {
      const get = (token) => fetch(`${other.url}${MESSAGES}?lastMessage=-1&limit=1`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal((await get('my-own-token')).status, 200);
      assert.equal((await get(TOKEN)).status, 401);
      assert.deepEqual(other.sim.tokens(), ['my-own-token']);
      other.sim.reset();
      assert.equal((await get('my-own-token')).status, 200);
    } finally {
      await other.close();
    }
    sim().faults.expireTokens();
    assert.equal((await messages('?lastMessage=-1&limit=1')).status, 200);
    assert.throws(() => createRestSimulator({ apiTokens: { '': 'supervisor' } }), TypeError);
  });

  test('tokens() lists the legacy tokens first, then the API tokens; none reaches the state or the log', async () => {
    const legacy = await legacyToken();
    const issued = sim().issueApiToken('supervisor');
    assert.deepEqual(sim().tokens(), [legacy, TOKEN, issued]);
    await lists('Sales', LIST, { token: issued });
    await call('/api/webhook/hook', { token: issued, body: { a: 1 } });
    await messages('?lastMessage=-1&limit=5');
    const text = JSON.stringify(sim().state);
    for (const t of sim().tokens()) assert.ok(!text.includes(t));
  });
});

describe('POST /api/dialer/id/<hub>/lists', () => {
  test('loads a list: 200 with an id and the count, counts only in the state, loading then inactive', async () => {
    const [status, body] = await answer(await lists('Sales', { ...LIST, campaign: 'extra keys are kept' }));
    assert.equal(status, 200);
    assert.match(body.result.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(body, { result: { id: body.result.id, filename: 'november.csv', status: 'loading', contacts: 2 } });
    assert.deepEqual(sim().state.lists, [{ hub: 'Sales', id: body.result.id, filename: 'november.csv', status: 'loading', contacts: 2 }]);
    const text = JSON.stringify(sim().state);
    for (const p of PHONES) assert.ok(!text.includes(p), 'no phone number kept');
    assert.ok(!text.includes('Ana'));
    assert.deepEqual(lastLog(), { seq: lastLog().seq, method: 'POST', path: LISTS, status: 200, outcome: 'ok' });
    await pause(100);
    assert.equal(sim().state.lists[0].status, 'inactive');
  });

  test('an e-mail hub takes clientId, the others clientIds', async () => {
    const mail = { filename: 'mail.csv', list: [{ clientId: 'ana.perez@example.com', data: { x: 1 } }] };
    assert.deepEqual((await answer(await lists('Mail', mail)))[0], 200);
    assert.deepEqual(await answer(await lists('Mail', LIST)), [400, { error: 'bad-clientId' }]);
    assert.deepEqual(await answer(await lists('Chat', mail)), [400, { error: 'bad-clientIds' }]);
    assert.deepEqual((await answer(await lists('Chat', LIST)))[1].result.contacts, 2);
    assert.deepEqual(sim().state.lists.map((l) => [l.hub, l.contacts]), [['Mail', 1], ['Chat', 2]]);
  });

  test('bad bodies: 400 with a reason code, nothing loaded', async () => {
    const item = { clientIds: [PHONES[0]] };
    const rows = [
      ['Sales', '{"filename":', 'bad-json'], ['Sales', '', 'bad-json'], ['Sales', [], 'bad-body'], ['Sales', 'null', 'bad-body'], ['Sales', '"x"', 'bad-body'],
      ['Sales', { list: [item] }, 'missing-filename'], ['Sales', { filename: '', list: [item] }, 'bad-filename'], ['Sales', { filename: 5, list: [item] }, 'bad-filename'],
      ['Sales', { filename: 'f' }, 'missing-list'], ['Sales', { filename: 'f', list: [] }, 'bad-list'], ['Sales', { filename: 'f', list: { 0: item } }, 'bad-list'],
      ['Sales', { filename: 'f', list: [item, PHONES[1]] }, 'bad-item'], ['Sales', { filename: 'f', list: [null] }, 'bad-item'],
      ['Sales', { filename: 'f', list: [{}] }, 'bad-clientIds'], ['Sales', { filename: 'f', list: [{ clientIds: [] }] }, 'bad-clientIds'],
      ['Sales', { filename: 'f', list: [{ clientIds: [''] }] }, 'bad-clientIds'], ['Sales', { filename: 'f', list: [{ clientIds: PHONES[0] }] }, 'bad-clientIds'],
      ['Chat', { filename: 'f', list: [{ clientIds: [99] }] }, 'bad-clientIds'], ['Mail', { filename: 'f', list: [{ clientId: '' }] }, 'bad-clientId'],
    ];
    for (const [hub, body, reason] of rows) {
      assert.deepEqual(await answer(await lists(hub, body)), [400, { error: reason }], JSON.stringify(body));
      assert.equal(lastLog().outcome, `rejected:${reason}`);
      assert.equal(lastLog().status, 400);
    }
    assert.deepEqual(sim().state.lists, []);
    assert.ok(!JSON.stringify(sim().state.log).includes(PHONES[0]), 'reasons, never values');
  });

  test('415 unless the type is application/json (any parameter); 405 for other methods; 404 for an unknown hub', async () => {
    for (const type of [FORM, null, 'text/plain', 'application/jsonx', 'application/json-patch+json']) {
      assert.deepEqual(await answer(await lists('Sales', JSON.stringify(LIST), { type })), [415, { error: 'Unsupported Media Type' }], String(type));
    }
    assert.equal((await lists('Sales', LIST, { type: 'application/json; charset=utf-8' })).status, 200);
    assert.equal((await lists('Sales', LIST, { type: 'Application/JSON;charset=UTF-8' })).status, 200);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await lists('Sales', method === 'GET' ? undefined : LIST, { method });
      assert.equal(res.headers.get('allow'), 'POST');
      assert.deepEqual(await answer(res), [405, { error: 'Method Not Allowed' }], method);
    }
    for (const hub of ['Nope', 'sales', 'Sales%20', '%E0%A4%A']) {
      assert.deepEqual(await answer(await lists(hub, LIST)), [404, { error: 'Unknown hub' }], hub);
      assert.equal(lastLog().outcome, 'unknown-hub');
    }
    // The plural spelling of a third-party guide is not served here: the client's path is configurable.
    assert.deepEqual(await answer(await call('/api/dialers/id/Sales/lists', { body: LIST })), [404, { error: 'Not Found' }]);
    assert.equal(sim().state.lists.length, 2);
  });

  test('the order of the checks: 405, 415, 401, 404, 400', async () => {
    assert.equal((await lists('Nope', undefined, { method: 'GET', token: null })).status, 405);
    assert.equal((await lists('Nope', 'x', { type: FORM, token: null })).status, 415);
    assert.equal((await lists('Nope', 'x', { token: null })).status, 401);
    assert.equal((await lists('Nope', 'x')).status, 404);
    assert.equal((await lists('Sales', 'x')).status, 400);
    assert.deepEqual(outcomes(), ['method-not-allowed', 'unsupported-media-type', 'unauthorized', 'unknown-hub', 'rejected:bad-json']);
  });
});

describe('POST /api/dialer/id/<hub>/freshLeads', () => {
  test('one lead with its optional fields, or {leads: […]}; the state keeps counts only', async () => {
    const one = { clientIds: [PHONES[0]], timezone: 'America/Montevideo', data: { name: 'Ana' }, contactId: 'c-1', agent: 'agent1001', extra: true };
    assert.deepEqual(await answer(await leads('Sales', one)), [200, { result: { accepted: 1 } }]);
    assert.deepEqual(await answer(await leads('Chat', { leads: [{ clientIds: [PHONES[1]], data: {} }, { clientIds: [PHONES[2], PHONES[0]] }] })), [200, { result: { accepted: 2 } }]);
    assert.deepEqual(await answer(await leads('Mail', { clientIds: ['ana.perez@example.com'] }, { type: 'application/json;charset=utf-8' })), [200, { result: { accepted: 1 } }]);
    assert.deepEqual(sim().state.freshLeads, [{ hub: 'Sales', accepted: 1 }, { hub: 'Chat', accepted: 2 }, { hub: 'Mail', accepted: 1 }]);
    const text = JSON.stringify(sim().state);
    for (const p of [...PHONES, 'Ana', 'ana.perez']) assert.ok(!text.includes(p));
    assert.deepEqual(lastLog(), { seq: lastLog().seq, method: 'POST', path: '/api/dialer/id/Mail/freshLeads', status: 200, outcome: 'ok' });
  });

  // A lead's `timezone` (and a calls base's): real servers are Java, whose TimeZone.getTimeZone finds
  // a name letter case and all and reads any other text as GMT, silently. So the simulator takes the
  // names Java finds (IANA's, the old ids Java and ICU both keep, Java's GMT±hh:mm) and refuses what
  // Java would misread: another letter case, a bare offset, an unknown name (each checked with OpenJDK 17).
  test('a time zone is a name as Java finds it: IANA names, old ids and GMT±hh:mm in their own letter case; another case, a bare offset, an unknown name refused', () => {
    const taken = ['America/Montevideo', 'Asia/Kolkata', 'Asia/Calcutta', 'UTC', 'Etc/GMT+3', 'US/Pacific', 'GB-Eire', 'NZ-CHAT', 'ART', 'EST', 'SystemV/AST4',
      'GMT-03:00', 'GMT+5', 'GMT+0530', 'GMT-330', 'GMT+23:59'];
    const refused = ['america/montevideo', 'AMERICA/MONTEVIDEO', 'asia/kolkata', 'ASIA/KOLKATA', 'us/pacific', 'utc', 'Utc', 'art', 'systemv/ast4',
      'etc/GMT+3', '+05:30', '-0300', 'gmt-3', 'UTC-3', 'GMT+24', 'GMT+23:60', 'GMT+3:0', 'GMT+03:00:00', 'GMT+', 'Mars/Olympus_Mons', 'Factory', '', ' UTC', 5, null];
    assert.deepEqual(taken.filter((z) => !isTimeZone(z)), []);
    assert.deepEqual(refused.filter((z) => isTimeZone(z)), []);
  });

  test('bad bodies: 400 with a reason code, nothing accepted', async () => {
    const ids = [PHONES[0]];
    const rows = [
      ['{"clientIds"', 'bad-json'], ['', 'bad-json'], [[ids], 'bad-body'], [{ leads: [{ clientIds: ids }], clientIds: ids }, 'bad-body'],
      [{ leads: [] }, 'bad-leads'], [{ leads: { clientIds: ids } }, 'bad-leads'], [{ leads: [PHONES[0]] }, 'bad-lead'],
      [{}, 'bad-clientIds'], [{ clientIds: [] }, 'bad-clientIds'], [{ clientIds: [' '] }, 'bad-clientIds'], [{ leads: [{ clientIds: ids }, { data: {} }] }, 'bad-clientIds'],
      [{ clientIds: ids, timezone: 'Mars/Olympus_Mons' }, 'bad-timezone'], [{ clientIds: ids, timezone: 5 }, 'bad-timezone'], [{ clientIds: ids, timezone: '' }, 'bad-timezone'],
      // Names a Java server does not find in that letter case (it would read them as GMT, silently).
      [{ clientIds: ids, timezone: 'america/montevideo' }, 'bad-timezone'], [{ clientIds: ids, timezone: 'art' }, 'bad-timezone'],
      [{ clientIds: ids, data: 'name=Ana' }, 'bad-data'], [{ clientIds: ids, data: [] }, 'bad-data'], [{ leads: [{ clientIds: ids, data: null }] }, 'bad-data'],
      [{ clientIds: ids, contactId: 5 }, 'bad-contactId'], [{ clientIds: ids, contactId: '' }, 'bad-contactId'], [{ clientIds: ids, agent: '' }, 'bad-agent'],
    ];
    for (const [body, reason] of rows) {
      assert.deepEqual(await answer(await leads('Sales', body)), [400, { error: reason }], JSON.stringify(body));
      assert.equal(lastLog().outcome, `rejected:${reason}`);
    }
    assert.deepEqual(sim().state.freshLeads, []);
  });

  test('same auth, type, method and hub rules as lists', async () => {
    const lead = { clientIds: [PHONES[0]] };
    assert.deepEqual(await answer(await leads('Sales', lead, { token: null })), [401, { error: 'Unauthorized' }]);
    assert.deepEqual(await answer(await leads('Sales', lead, { token: null, headers: { Authorization: `Basic ${await legacyToken()}` } })), [401, { error: 'Unauthorized' }]);
    assert.deepEqual(await answer(await leads('Sales', new URLSearchParams({ clientIds: PHONES[0] }).toString(), { type: FORM })), [415, { error: 'Unsupported Media Type' }]);
    assert.deepEqual(await answer(await leads('Sales', undefined, { method: 'GET' })), [405, { error: 'Method Not Allowed' }]);
    assert.deepEqual(await answer(await leads('Support', lead)), [404, { error: 'Unknown hub' }]);
    assert.deepEqual(sim().state.freshLeads, []);
  });
});

describe('GET /api/interactions/id/<id>/messages', () => {
  const ids = async (query, id = 'int-0001') => {
    const [status, body] = await answer(await call(`/api/interactions/id/${id}/messages${query}`, { method: 'GET', type: null }));
    assert.equal(status, 200, query);
    return body.result.map((m) => m.id);
  };

  test('lastMessage=-1: the last `limit` messages; lastMessage=n: those after n, at most `limit`; oldest first', async () => {
    const [, all] = await answer(await messages('?lastMessage=-1&limit=2000'));
    assert.deepEqual(all, { result: INTERACTIONS['int-0001'] });
    assert.equal(all.result.length, 5);
    for (const m of all.result) {
      assert.deepEqual(Object.keys(m).sort(), ['date', 'id', 'source', 'text', 'type']);
      assert.match(m.date, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      assert.ok(['client', 'agent'].includes(m.source) && m.type === 'text' && typeof m.text === 'string');
    }
    assert.deepEqual(await ids('?lastMessage=-1&limit=2'), [4, 5]);
    assert.deepEqual(await ids('?lastMessage=-1&limit=1'), [5]);
    assert.deepEqual(await ids('?limit=10&lastMessage=0'), [1, 2, 3, 4, 5]);
    assert.deepEqual(await ids('?lastMessage=2&limit=2'), [3, 4]);
    assert.deepEqual(await ids('?lastMessage=3&limit=2000'), [4, 5]);
    assert.deepEqual(await ids('?lastMessage=5&limit=10'), []);
    assert.deepEqual(await ids('?lastMessage=99&limit=10'), []);
    assert.deepEqual(await ids('?lastMessage=-1&limit=2000', 'int-0002'), [1]);
    assert.deepEqual(await ids('?lastMessage=1&limit=2000', 'int-0002'), []);
    assert.deepEqual(lastLog(), { seq: lastLog().seq, method: 'GET', path: '/api/interactions/id/int-0002/messages', status: 200, outcome: 'ok' });
  });

  test('bad queries: 400 bad-query', async () => {
    const queries = ['', '?limit=10', '?lastMessage=-1', '?lastMessage=-2&limit=1', '?lastMessage=x&limit=1', '?lastMessage=1.5&limit=1',
      '?lastMessage=&limit=1', '?lastMessage=-1&limit=0', '?lastMessage=-1&limit=9007199254740993', '?lastMessage=-1&limit=', '?lastMessage=-1&limit=-5',
      '?lastMessage=-1&limit=1e3', '?lastMessage=-1&limit=10&limit=20', '?lastMessage=-1&limit=10&extra=1', '?lastmessage=-1&limit=10'];
    for (const q of queries) {
      assert.deepEqual(await answer(await messages(q)), [400, { error: 'bad-query' }], q);
      assert.equal(lastLog().outcome, 'rejected:bad-query');
    }
  });

  test('404 for an unknown interaction, 405 for other methods, 401 without a token', async () => {
    for (const id of ['int-0003', 'INT-0001', 'constructor', '%E0%A4%A']) {
      assert.deepEqual(await answer(await call(`/api/interactions/id/${id}/messages?lastMessage=-1&limit=10`, { method: 'GET', type: null })), [404, { error: 'Unknown interaction' }], id);
    }
    const post = await messages('?lastMessage=-1&limit=10', { method: 'POST', body: '{}', type: JSON_TYPE });
    assert.equal(post.headers.get('allow'), 'GET');
    assert.deepEqual(await answer(post), [405, { error: 'Method Not Allowed' }]);
    assert.deepEqual(await answer(await messages('?lastMessage=-1&limit=10', { token: null })), [401, { error: 'Unauthorized' }]);
    assert.deepEqual(outcomes(), [...Array(4).fill('unknown-interaction'), 'method-not-allowed', 'unauthorized']);
  });
});

describe('webhooks', () => {
  const PATHS = ['/api/webhook/new_lead-1', '/IntegraChannels/resources/webhook/new_lead-1'];

  test('both paths, any method, no token: JSON, form, empty and other bodies; key names only', async () => {
    for (const path of PATHS) {
      sim().reset();
      assert.deepEqual(await answer(await call(path, { token: null, body: { phone: PHONES[0], name: 'Ana', nested: { x: 1 } } })), [200, { result: { result: 'ok' } }]);
      assert.deepEqual(await answer(await call(path, { method: 'PUT', token: null, type: FORM, body: `phone=${PHONES[1]}&name=Ana&phone=${PHONES[2]}` })), [200, { result: { result: 'ok' } }]);
      assert.deepEqual(await answer(await call(path, { method: 'GET', token: null, type: null })), [200, { result: { result: 'ok' } }]);
      assert.equal((await call(path, { method: 'DELETE', token: null })).status, 200);
      assert.equal((await call(path, { method: 'PATCH', token: null, type: 'text/plain', body: PHONES[0] })).status, 200);
      assert.equal((await call(path, { token: null, body: [PHONES[0]] })).status, 200);
      assert.deepEqual(sim().state.webhooks, [
        { name: 'new_lead-1', method: 'POST', contentType: 'json', fields: ['name', 'nested', 'phone'], authorization: false },
        { name: 'new_lead-1', method: 'PUT', contentType: 'form', fields: ['name', 'phone'], authorization: false },
        { name: 'new_lead-1', method: 'GET', contentType: 'none', fields: [], authorization: false },
        { name: 'new_lead-1', method: 'DELETE', contentType: 'none', fields: [], authorization: false },
        { name: 'new_lead-1', method: 'PATCH', contentType: 'other', fields: [], authorization: false },
        { name: 'new_lead-1', method: 'POST', contentType: 'json', fields: [], authorization: false },
      ], path);
      const text = JSON.stringify(sim().state);
      for (const p of [...PHONES, 'Ana']) assert.ok(!text.includes(p), p);
      assert.deepEqual(sim().state.log.map((e) => [e.path, e.status, e.outcome]), Array(6).fill([path, 200, 'ok']));
    }
  });

  test('an Authorization header (any: an unknown Bearer, a Basic) is accepted and flagged', async () => {
    for (const [i, Authorization] of ['Bearer not-a-token', 'Basic abc', `Bearer ${TOKEN}`].entries()) {
      assert.equal((await call(PATHS[i % 2], { token: null, headers: { Authorization }, body: { a: 1 } })).status, 200);
    }
    assert.deepEqual(sim().state.webhooks.map((w) => w.authorization), [true, true, true]);
    assert.ok(!JSON.stringify(sim().state).includes('not-a-token'));
  });

  test('unparsable JSON: 400 bad-json, nothing kept; a bad name is not a webhook', async () => {
    for (const path of PATHS) assert.deepEqual(await answer(await call(path, { token: null, body: '{"a":' })), [400, { error: 'bad-json' }]);
    assert.deepEqual(outcomes(), ['rejected:bad-json', 'rejected:bad-json']);
    assert.deepEqual(sim().state.webhooks, []);
    for (const name of ['a.b', '', 'a/b']) assert.deepEqual(await answer(await call(`/api/webhook/${name}`, { token: null, body: {} })), [404, { error: 'Not Found' }], name);
    // The legacy tree answers its own 404 for it.
    const legacy = await call('/IntegraChannels/resources/webhook/a.b', { token: null, body: {} });
    assert.equal([legacy.status, await legacy.text()].join(' '), '404 Not Found');
    assert.deepEqual(sim().state.webhooks, []);
  });
});

describe('faults on uContact X paths', () => {
  test('matched by the full path from the root; legacy paths normalise as before', () => {
    const { faults } = sim();
    for (const path of [LISTS, '/Agents/HangupPhone', '/Integra/resources/api/DispositionCall', 'api/AgentLogoff', '/IntegraChannels/resources/webhook/x']) faults.fail({ path });
    assert.deepEqual(faults.pending.map((r) => r.path), [LISTS, 'Agents/HangupPhone', 'api/DispositionCall', 'api/AgentLogoff', '/IntegraChannels/resources/webhook/x']);
  });

  test('fail: 500 before the route runs, or after it (the list is loaded, the answer lost); skip and count', async () => {
    sim().faults.fail({ path: LISTS });
    assert.equal((await lists('Chat', LIST)).status, 200, 'another path does not take the rule');
    assert.equal((await lists('Sales', LIST)).status, 500);
    assert.equal((await lists('Sales', LIST)).status, 200);
    sim().faults.fail({ path: LISTS, after: true });
    assert.equal((await lists('Sales', LIST)).status, 500);
    assert.equal(sim().state.lists.length, 3);
    sim().faults.fail({ status: 503, path: MESSAGES, skip: 1, count: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await messages('?lastMessage=-1&limit=1')).status);
    assert.deepEqual(statuses, [200, 503, 503, 200]);
    assert.deepEqual(outcomes(), ['ok', 'fault:500', 'ok', 'ok+fault:500', 'ok', 'fault:503', 'fault:503', 'ok']);
  });

  test('redirect, a nonsense body, a dropped connection, a delay; also through POST /sim/faults', async () => {
    sim().faults.redirect({ path: LISTS, location: 'http://localhost:9/elsewhere' });
    const moved = await lists('Sales', LIST, { redirect: 'manual' });
    assert.deepEqual([moved.status, moved.headers.get('location')], [302, 'http://localhost:9/elsewhere']);
    sim().faults.body({ path: MESSAGES, body: '<html>oops</html>' });
    const html = await messages('?lastMessage=-1&limit=1');
    assert.deepEqual([html.status, await html.text()], [200, '<html>oops</html>']);
    sim().faults.drop({ path: LISTS });
    await assert.rejects(lists('Sales', LIST));
    sim().faults.drop({ path: LISTS, after: true });
    await assert.rejects(lists('Sales', LIST));
    assert.equal(sim().state.lists.length, 1, 'the list of the drop after it ran');
    sim().faults.delay({ path: MESSAGES, ms: 150 });
    const t0 = Date.now();
    assert.equal((await messages('?lastMessage=-1&limit=1')).status, 200);
    assert.ok(Date.now() - t0 >= 140);
    const hook = '/IntegraChannels/resources/webhook/x';
    await fetch(`${server.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ fail: { status: 502, path: hook } }) });
    assert.equal((await call(hook, { token: null, body: {} })).status, 502);
    assert.deepEqual(sim().state.webhooks, []);
    assert.deepEqual(outcomes(), ['fault:redirect', 'fault:body', 'fault:dropped', 'ok+fault:dropped', 'ok', 'fault:502']);
  });

  test('delay: a request whose client gives up while it is held is logged aborted when the hold ends, and not run', async () => {
    // Its 'close' came during the hold: a body read started after it waited for events already past,
    // so the request was never logged (a test reading the log to tell "settled before the server's
    // answer" saw nothing either way).
    sim().faults.delay({ path: LISTS, ms: 500 });
    // Given up once the server has the request (its handler ran first and holds it).
    const ctl = new AbortController();
    server.server.once('request', () => ctl.abort());
    await assert.rejects(fetch(`${server.url}${LISTS}`, {
      method: 'POST', headers: { 'Content-Type': JSON_TYPE, Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(LIST), signal: ctl.signal,
    }));
    for (let i = 0; i < 100 && !outcomes().length; i++) await pause(30);
    assert.deepEqual(outcomes(), ['aborted']);
    assert.deepEqual(sim().state.lists, []);
  });

  test('delay: a request held across a reset() is logged in the log of its time, not in the fresh one', async () => {
    // Tests reset the simulator between them: a request one test left held must not appear in the
    // next test's log when its hold ends.
    sim().faults.delay({ path: LISTS, ms: 300 });
    const ctl = new AbortController();
    server.server.once('request', () => ctl.abort());
    await assert.rejects(fetch(`${server.url}${LISTS}`, {
      method: 'POST', headers: { 'Content-Type': JSON_TYPE, Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(LIST), signal: ctl.signal,
    }));
    const old = sim().state.log;
    sim().reset();
    for (let i = 0; i < 100 && !old.length; i++) await pause(30);
    assert.deepEqual(old.map((e) => e.outcome), ['aborted']);
    assert.deepEqual(outcomes(), [], 'logged in the fresh log');
  });

  test('delay: a test that closes its server while a request is held ends there: no timer of the hold keeps the process alive', async () => {
    // A backend's timeout test (delay 60 s, its client gives up after 1 s) kept `node --test` running
    // for the rest of the minute after close(): the hold was a timer of its own.
    const own = await startRestServer({ port: 0 });
    const held = [];
    own.server.on('request', () => held.push(1));
    own.sim.faults.delay({ path: LISTS, ms: 60_000 });
    own.sim.faults.delay({ path: MESSAGES, ms: 60_000, after: true });
    const headers = { 'Content-Type': JSON_TYPE, Authorization: `Bearer ${TOKEN}` };
    const gone = [
      fetch(`${own.url}${LISTS}`, { method: 'POST', headers, body: JSON.stringify(LIST) }),
      fetch(`${own.url}${MESSAGES}?lastMessage=-1&limit=5`, { headers: { Authorization: `Bearer ${TOKEN}` } }),
    ].map((p) => p.then(() => 'answered', () => 'cut'));
    for (let i = 0; i < 100 && !(held.length === 2 && own.sim.state.log.length === 1); i++) await pause(30);
    assert.deepEqual(own.sim.state.log.map((e) => e.outcome), ['ok+fault:delayed'], 'both held: one before its route ran, one after');
    await own.close();
    assert.deepEqual(await Promise.all(gone), ['cut', 'cut']);
    assert.deepEqual(process.getActiveResourcesInfo().filter((r) => r === 'Timeout'), []);
  });
});

describe('CORS', () => {
  const preflight = (path, origin) => fetch(`${server.url}${path}`, {
    method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
  });

  test('preflight for allowed origins only, on /api and webhook paths; answers carry the origin', async () => {
    for (const path of [LISTS, MESSAGES, '/api/webhook/x', '/IntegraChannels/resources/webhook/x']) {
      const ok = await preflight(path, CRM);
      assert.equal(ok.status, 204, path);
      assert.equal(ok.headers.get('access-control-allow-origin'), CRM);
      assert.deepEqual(ok.headers.get('access-control-allow-methods').split(', ').sort(), ['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
      assert.match(ok.headers.get('access-control-allow-headers'), /Authorization/);
      const refused = await preflight(path, EVIL);
      assert.equal(refused.status, 403);
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
    }
    assert.deepEqual(outcomes(), Array(4).fill(['preflight', 'preflight-refused']).flat());
    assert.equal((await preflight('/Integra/resources/Agents/AgentCall', CRM)).headers.get('access-control-allow-methods'), 'POST, GET');
    assert.equal((await lists('Sales', LIST, { headers: { Origin: CRM } })).headers.get('access-control-allow-origin'), CRM);
    assert.equal((await messages('?lastMessage=-1&limit=1', { headers: { Origin: EVIL } })).headers.get('access-control-allow-origin'), null);
    assert.equal((await call('/api/webhook/x', { token: null, headers: { Origin: CRM } })).headers.get('access-control-allow-origin'), CRM);
  });

  test('allowedOrigins as people write them: letter case, a default port, the address bar\'s trailing slash are the origin a browser sends; what is no origin is refused, not kept to match nothing', async () => {
    // A browser's Origin header is the serialized origin: 'https://CRM.example.com:443/' never equalled
    // it, so every preflight was a silent 403 (and '*' or 'localhost:3000' allowed nothing either).
    const written = createRestSimulator({ allowedOrigins: ['HTTPS://CRM.Example.com:443/', 'http://localhost:3000/'] });
    assert.deepEqual(written.config.allowedOrigins, [CRM, 'http://localhost:3000']);
    assert.deepEqual(createRestSimulator({ allowedOrigins: new Set([CRM]) }).config.allowedOrigins, [CRM], 'any iterable, as before');
    const mounted = await startRestServer({ port: 0, allowedOrigins: ['https://CRM.example.com/'] });
    try {
      const res = await fetch(`${mounted.url}${LISTS}`, { method: 'OPTIONS', headers: { Origin: CRM, 'Access-Control-Request-Method': 'POST' } });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), CRM);
    } finally {
      await mounted.close();
    }
    for (const bad of ['*', 'localhost:3000', 'https://crm.example.com/app', 'null', '', 42]) {
      assert.throws(() => createRestSimulator({ allowedOrigins: [bad] }), (e) => e instanceof TypeError && /allowedOrigins/.test(e.message), String(bad));
    }
  });
});

describe('the legacy API and the simulator around it', () => {
  test('legacy endpoints unaffected: Basic tokens, text answers, endpoint keys in the log; Bearer refused there', async () => {
    const legacy = await legacyToken();
    const summary = (Authorization) => fetch(`${server.url}/Integra/resources/Supervisor/campaignssummary`, { method: 'POST', headers: { 'Content-Type': FORM, Authorization } });
    assert.equal((await summary(`Basic ${legacy}`)).status, 200);
    for (const auth of [`Bearer ${TOKEN}`, `Basic ${TOKEN}`, `Bearer ${legacy}`]) assert.equal((await summary(auth)).status, 401);
    const channels = await fetch(`${server.url}/IntegraChannels/resources/AgentResources/GetCampaigns`, { method: 'POST', headers: { 'Content-Type': FORM } });
    assert.deepEqual([channels.status, channels.headers.get('content-type'), await channels.text()], [401, 'text/plain; charset=utf-8', 'Unauthorized']);
    assert.deepEqual(sim().state.log.map((e) => e.path), ['auth/getUserToken', ...Array(4).fill('Supervisor/campaignssummary'), '/IntegraChannels/resources/AgentResources/GetCampaigns']);
    sim().faults.fail({ path: 'Supervisor/campaignssummary', after: true });
    assert.equal((await summary(`Basic ${legacy}`)).status, 500);
    assert.equal(lastLog().outcome, 'ok+fault:500');
  });

  test('/sim/state shows lists, fresh leads and webhooks; reset empties them', async () => {
    await lists('Sales', LIST);
    await leads('Sales', { clientIds: [PHONES[0]] });
    await call('/api/webhook/x', { token: null });
    const state = await (await fetch(`${server.url}/sim/state`)).json();
    assert.deepEqual([state.lists.length, state.freshLeads, state.webhooks.length], [1, [{ hub: 'Sales', accepted: 1 }], 1]);
    sim().reset();
    assert.deepEqual([sim().state.lists, sim().state.freshLeads, sim().state.webhooks, sim().state.log], [[], [], [], []]);
  });

  test('handle() serves /api and webhook paths and still returns false for others', async () => {
    const mounted = createRestSimulator();
    await withMountedHost(mounted, async (base) => {
      for (const path of ['/api', '/apis/x', '/index.html', '/IntegraChannel/resources/webhook/x']) assert.equal(await (await fetch(`${base}${path}`)).text(), 'demo page', path);
      const res = await fetch(`${base}${MESSAGES}?lastMessage=-1&limit=1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.deepEqual(await res.json(), { result: [INTERACTIONS['int-0001'][4]] });
      assert.equal((await fetch(`${base}/api/nothing/here`)).status, 404);
      assert.equal((await fetch(`${base}/IntegraChannels/resources/webhook/x`, { method: 'POST' })).status, 200);
      assert.deepEqual(mounted.state.webhooks.map((w) => w.contentType), ['none']);
    });
  });
});
