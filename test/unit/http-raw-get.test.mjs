// The REST client's raw request() with `method: 'GET'` (uContact's "API Omnichannel" page documents
// InboundSMS/ReceiveURLSMS as a GET with phone and message in the query): the fields go in the query
// string, no body and no content type go out, the token is still in Authorization, a GET is a read
// (retried as reads are) unless `kind` says otherwise, and an unknown method is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:8c3f0a52-1b7e-4d2a-9f61-0d5e3c2b1a90').toString('base64');

function client(statuses = []) {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ url: new URL(url), method: init.method, headers: init.headers, hasBody: 'body' in init });
    return new Response('OK', { status: statuses.shift() ?? 200 });
  };
  const uc = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { token: TOKEN }, fetch, retry: { baseDelayMs: 0 } });
  return { uc, sent };
}

test("request(path, fields, { method: 'GET' }): fields in the query string (after query), no body, no content type, the token in Authorization", async () => {
  const { uc, sent } = client();
  assert.equal(await uc.request('InboundSMS/ReceiveURLSMS', { phone: '095987123', message: 'Hola mundo' }, { method: 'GET', query: { a: '1' } }), 'OK');
  const [s] = sent;
  assert.equal(s.method, 'GET');
  assert.equal(s.url.pathname, '/Integra/resources/InboundSMS/ReceiveURLSMS');
  assert.equal(s.url.search, '?a=1&phone=095987123&message=Hola+mundo');
  assert.equal(s.hasBody, false);
  assert.equal(s.headers['Content-Type'], undefined);
  assert.equal(s.headers.Authorization, `Basic ${TOKEN}`);
  // POST, explicitly or by default, is as before: a form body with its type.
  await uc.request('SMS/SendSMS', { phone: '1' }, { method: 'POST' });
  await uc.request('SMS/SendSMS', { phone: '1' });
  for (const p of sent.slice(1)) {
    assert.equal(p.method, 'POST');
    assert.equal(p.hasBody, true);
    assert.equal(p.headers['Content-Type'], 'application/x-www-form-urlencoded; charset=UTF-8');
  }
});

test("a GET is a read (retried on a 5xx) unless kind says 'write'; a POST stays a write", async () => {
  let { uc, sent } = client([503, 503]);
  assert.equal(await uc.request('queues/getqueuemembersofqueue', { queue: 'Sales' }, { method: 'GET' }), 'OK');
  assert.equal(sent.length, 3);
  ({ uc, sent } = client([503]));
  await assert.rejects(uc.request('InboundSMS/ReceiveURLSMS', {}, { method: 'GET', kind: 'write' }), { code: 'HTTP_ERROR', status: 503 });
  assert.equal(sent.length, 1);
  ({ uc, sent } = client([503]));
  await assert.rejects(uc.request('SMS/SendSMS', {}), { code: 'HTTP_ERROR', status: 503 });
  assert.equal(sent.length, 1);
});

test('an unknown method is INVALID_ARGUMENT naming the option, never the value, and nothing is sent', async () => {
  const { uc, sent } = client();
  for (const method of ['get', 'PUT', 'DELETE', '095987123', 1, null]) {
    await assert.rejects(uc.request('InboundSMS/ReceiveURLSMS', {}, { method }), (e) => e.code === 'INVALID_ARGUMENT'
      && /^request: method must be 'GET' or 'POST'$/.test(e.message) && !e.message.includes('095987123'));
  }
  assert.equal(sent.length, 0);
});

test("a GET's field named in query too is refused (INVALID_ARGUMENT naming it as keys are named), never one of the two values dropped", async () => {
  const { uc, sent } = client();
  await assert.rejects(uc.request('InboundSMS/ReceiveURLSMS', { message: 'hi', phone: '095987123' }, { method: 'GET', query: { phone: '1' } }),
    (e) => e.code === 'INVALID_ARGUMENT' && e.message === 'request: fields.phone is also in query' && !e.message.includes('095987123'));
  // A key holding five digits or more may be a phone number: described by its position, never shown.
  await assert.rejects(uc.request('InboundSMS/ReceiveURLSMS', { a: '', tel095987123: 'x' }, { method: 'GET', query: { tel095987123: 'y' } }),
    (e) => e.code === 'INVALID_ARGUMENT' && e.message === 'request: fields value 1 is also in query');
  assert.equal(sent.length, 0);
  // Only the query's own keys count (a query's copy has Object.prototype's).
  await uc.request('InboundSMS/ReceiveURLSMS', { constructor: 'c', toString: 't' }, { method: 'GET', query: { a: '1' } });
  assert.equal(sent[0].url.search, '?a=1&constructor=c&toString=t');
  // A POST sends its query in the URL and its fields in the body: both values of one name go out.
  let body;
  const post = createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { token: TOKEN },
    fetch: async (url, init) => (sent.push({ url: new URL(url) }), (body = init.body), new Response('OK')) });
  assert.equal(await post.request('SMS/SendSMS', { phone: '2' }, { query: { phone: '1' } }), 'OK');
  assert.equal(sent[1].url.search, '?phone=1');
  assert.equal(body, 'phone=2');
});
