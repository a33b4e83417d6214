// The REST client's raw request() and a flow's webhook (contract section 9: webhooks take no token;
// what a webhook receives, the flow may hand on): a request() below a webhook path carries no
// session token and needs no login; every other request() path still carries it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiTokenClient, createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:8c3f0a52-1b7e-4d2a-9f61-0d5e3c2b1a90').toString('base64');

function client(credentials) {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ path: new URL(url).pathname, auth: init.headers.Authorization, body: String(init.body ?? '') });
    return new Response(url.includes('getUserToken') ? JSON.stringify(TOKEN) : '{"result":{"result":"ok"}}', { status: 200 });
  };
  return { uc: createUContactClient({ baseUrl: 'https://acme.example.com', credentials, fetch }), sent };
}

test('a request() to a flow\'s webhook (api/webhook, IntegraChannels/resources/webhook, any case) sends no token and logs nobody in', async () => {
  for (const credentials of [{ token: TOKEN }, { user: 'supervisor', password: 'pw-not-for-webhooks' }]) {
    const { uc, sent } = client(credentials);
    for (const path of ['/api/webhook/new-lead', '/IntegraChannels/resources/webhook/new-lead', '/API/Webhook/new-lead']) {
      assert.equal(await uc.request(path, { phone: '099123456' }), '{"result":{"result":"ok"}}');
    }
    assert.deepEqual(sent.map((s) => [s.path, s.auth]), [
      ['/api/webhook/new-lead', undefined], ['/IntegraChannels/resources/webhook/new-lead', undefined], ['/API/Webhook/new-lead', undefined],
    ]);
    assert.ok(sent.every((s) => !s.body.includes(TOKEN) && !s.body.includes('pw-not-for-webhooks')));
  }
});

test('every other request() path still carries the session token', async () => {
  const { uc, sent } = client({ token: TOKEN });
  await uc.request('Campaigns/Summary');
  await uc.request('/api/webhooks/list');
  await uc.request('/api/webhook');
  await uc.request('webhook/new-lead');
  // A webhook segment deeper in the path is no flow's webhook (those sit at the instance root).
  await uc.request('/proxy/api/webhook/new-lead');
  await uc.request('/Integra/resources/api/webhook/new-lead');
  assert.deepEqual(sent.map((s) => s.auth), Array(6).fill(`Basic ${TOKEN}`));
});

test('one URL, one decision: /Integra/resources/webhook/x is webhook/x spelled from the root, and carries the token as it does (only api/webhook and IntegraChannels/resources/webhook are flows\' webhooks, as SECURITY.md and the API-token client say)', async () => {
  const { uc, sent } = client({ token: TOKEN });
  await uc.request('webhook/new-lead');
  await uc.request('/Integra/resources/webhook/new-lead');
  await uc.request('/Other/resources/webhook/new-lead');
  assert.deepEqual(sent.map((s) => [s.path, s.auth]), [
    ['/Integra/resources/webhook/new-lead', `Basic ${TOKEN}`], ['/Integra/resources/webhook/new-lead', `Basic ${TOKEN}`],
    ['/Other/resources/webhook/new-lead', `Basic ${TOKEN}`],
  ]);
  // The API-token client decides the same for the same paths.
  const seen = [];
  const api = createApiTokenClient({ baseUrl: 'https://acme.example.com', token: 'api-token', fetch: async (url, init) => {
    seen.push(init.headers.Authorization);
    return new Response('{}', { status: 200 });
  } });
  for (const path of ['/Integra/resources/webhook/new-lead', '/Other/resources/webhook/new-lead', '/IntegraChannels/resources/webhook/new-lead']) await api.request('POST', path);
  assert.deepEqual(seen, ['Bearer api-token', 'Bearer api-token', undefined]);
});

test('a webhook that answers 401 is not replayed with a fresh login: nothing is sent after it, no token at all', async () => {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ path: new URL(url).pathname, auth: init.headers.Authorization });
    return url.includes('getUserToken') ? new Response(JSON.stringify(TOKEN)) : new Response('', { status: 401 });
  };
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { user: 'supervisor', password: 'pw-not-for-webhooks' }, fetch });
  await assert.rejects(uc.request('/api/webhook/new-lead', { phone: '099123456' }), (e) => e.code === 'UNAUTHORIZED' && e.status === 401 && /answered HTTP 401$/.test(e.message) && !/token/.test(e.message));
  assert.deepEqual(sent, [{ path: '/api/webhook/new-lead', auth: undefined }]);
});

test('a request() path holding a number (Contacts/Find/099123456) shows no digit of it in the error message nor in any log event', async () => {
  const events = [];
  const fetch = async () => new Response('', { status: 404 });
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { token: TOKEN }, fetch, log: (e) => events.push(e) });
  for (const path of ['Contacts/Find/099123456', '/api/customers/099123456/calls']) {
    await assert.rejects(uc.request(path, undefined, { kind: 'read' }), (e) => {
      assert.equal(e.code, 'HTTP_ERROR');
      assert.ok(!e.message.includes('099123456'), e.message);
      assert.match(e.message, /^request: \S*# answered HTTP 404$|^request: \/api\/customers\/#\/calls answered HTTP 404$/);
      return true;
    });
  }
  assert.ok(events.some((e) => e.path === 'Contacts/Find/#'), JSON.stringify(events));
  for (const e of events) assert.ok(!JSON.stringify(e).includes('099123456'), JSON.stringify(e));
});

test("a baseUrl that holds part of a webhook's path (https://host/api, https://host/IntegraChannels/resources): a request() below it is the webhook's, no token from either client; a prefix of a proxy's (https://host/uc) still reads webhooks from its root", async () => {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push([new URL(url).pathname, init.headers?.Authorization]);
    return new Response(url.includes('getUserToken') ? JSON.stringify(TOKEN) : '{}', { status: 200 });
  };
  const legacy = (baseUrl) => createUContactClient({ baseUrl, credentials: { token: TOKEN }, fetch });
  const api = (baseUrl) => createApiTokenClient({ baseUrl, token: 'api-token', fetch });
  await legacy('https://acme.example.com/IntegraChannels/resources').request('/webhook/new-lead');
  await legacy('https://acme.example.com/uc').request('/api/webhook/new-lead');
  await api('https://acme.example.com/api').request('POST', '/webhook/new-lead');
  await api('https://acme.example.com/uc').request('POST', '/api/webhook/new-lead');
  // Not below a webhook: the credential goes.
  await legacy('https://acme.example.com/api').request('/hooks/new-lead');
  await api('https://acme.example.com/api').request('POST', '/dialer/id/hub/lists');
  assert.deepEqual(seen, [
    ['/IntegraChannels/resources/webhook/new-lead', undefined], ['/uc/api/webhook/new-lead', undefined],
    ['/api/webhook/new-lead', undefined], ['/uc/api/webhook/new-lead', undefined],
    ['/api/hooks/new-lead', `Basic ${TOKEN}`], ['/api/dialer/id/hub/lists', 'Bearer api-token'],
  ]);
});

test('a path holding two numbers shows neither, in messages and log events of both clients: every run of digits is hidden, not the first one only', async () => {
  const events = [];
  const log = (e) => events.push(e);
  const fetch = async () => new Response('', { status: 404 });
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { token: TOKEN }, fetch, log });
  const api = createApiTokenClient({ baseUrl: 'https://acme.example.com', token: 'api-token', fetch, log });
  for (const [call, shown] of [
    [() => uc.request('Customers/099123456/Phones/098765432', undefined, { kind: 'read' }), 'Customers/#/Phones/#'],
    [() => api.request('GET', '/api/customers/099123456/phones/098765432'), '/api/customers/#/phones/#'],
    [() => api.webhook('lead-099123456-098765432', {}), '/api/webhook/lead-#-#'],
  ]) {
    await assert.rejects(call(), (e) => {
      assert.equal(e.code, 'HTTP_ERROR');
      assert.equal(e.message, `${e.operation}: ${shown} answered HTTP 404`);
      return true;
    });
  }
  assert.ok(events.length > 0);
  for (const e of events) assert.ok(!/099123456|098765432/.test(JSON.stringify(e)), JSON.stringify(e));
});
