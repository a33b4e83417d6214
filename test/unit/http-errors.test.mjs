// Failure handling of the built REST client: retries for reads only, timeouts, aborts, dropped
// connections, bad bodies, `0`, argument checks before sending, and no secrets in errors or logs.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer } from 'node:net';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { createUContactClient, isBridgeError } from '../../dist/http.js';

const PASSWORD = 'Sup3r-s3cret';
const USER = { user: 'supervisor', password: PASSWORD };
const DEST = '099123456';
const CALL = { agent: 'agent1001', phone: '1001', context: 'c', outqueue: 'Sales->', destination: DEST };
let server;
let uc;
const events = [];
const errors = [];
const seenTokens = new Set();
const log = () => server.sim.state.log;
const count = (path) => log().filter((e) => e.path === path).length;

// Every rejection goes through here, so the last test can check what errors carried.
async function fails(promise, expected) {
  const error = await promise.then(() => assert.fail('expected a rejection'), (e) => e);
  errors.push(error);
  assert.ok(isBridgeError(error), 'a BridgeError');
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(error[k], v, k);
  return error;
}

before(async () => {
  server = await startRestServer({ port: 0 });
});
after(() => server.close());
beforeEach(async () => {
  for (const t of server.sim.tokens(true)) seenTokens.add(t);
  server.sim.reset();
  uc = createUContactClient({ baseUrl: server.url, credentials: USER, retry: { baseDelayMs: 10 }, log: (e) => events.push(e) });
  await uc.campaignsSummary(); // logged in: later counts are about the request under test
});

describe('retries', () => {
  test('500 on a read is retried and succeeds', async () => {
    server.sim.faults.fail({ count: 2, path: 'Recordings/GetRecordings' });
    const list = await uc.getRecordings({ guid: 'rec-0001' });
    assert.equal(list.length, 1);
    assert.deepEqual(log().filter((e) => e.path === 'Recordings/GetRecordings').map((e) => e.outcome), ['fault:500', 'fault:500', 'ok']);
  });
  test('a read failing every attempt → HTTP_ERROR after `attempts` tries', async () => {
    server.sim.faults.fail({ status: 503, count: 5, path: 'Supervisor/campaignstatus' });
    await fails(uc.campaignStatus(), { code: 'HTTP_ERROR', status: 503, operation: 'campaignStatus' });
    assert.equal(count('Supervisor/campaignstatus'), 3);
  });
  test('the backoff doubles from baseDelayMs up to maxDelayMs, as the retry events say', async () => {
    server.sim.faults.fail({ status: 503, count: 5, path: 'Supervisor/campaignstatus' });
    const seen = [];
    const c = createUContactClient({ baseUrl: server.url, credentials: USER, retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 12 },
      log: (e) => { events.push(e); seen.push(e); } });
    await fails(c.campaignStatus(), { code: 'HTTP_ERROR', status: 503 });
    assert.deepEqual(seen.filter((e) => e.type === 'retry').map((e) => [e.attempt, e.ms, e.reason]), [[1, 5, 'status'], [2, 10, 'status'], [3, 12, 'status'], [4, 12, 'status']]);
  });
  test('a read waits its backoff before the next attempt: a deadline that ends during it is TIMEOUT, no attempt more', async () => {
    server.sim.faults.fail({ status: 503, count: 5, path: 'Supervisor/campaignstatus' });
    const c = createUContactClient({ baseUrl: server.url, credentials: USER, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    await c.campaignsSummary(); // logged in
    await fails(c.campaignStatus(undefined, { timeoutMs: 500 }), { code: 'TIMEOUT', operation: 'campaignStatus' });
    assert.equal(count('Supervisor/campaignstatus'), 1);
  });
  test('a dropped connection on a read is retried', async () => {
    server.sim.faults.drop({ path: 'Supervisor/campaignssummary' });
    assert.equal((await uc.campaignsSummary()).length, 3);
    assert.deepEqual(log().slice(-2).map((e) => e.outcome), ['fault:dropped', 'ok']);
  });
  test('500 on a write → HTTP_ERROR, sent exactly once', async () => {
    server.sim.faults.fail({ path: 'Agents/AgentCall' });
    await fails(uc.agentCall(CALL), { code: 'HTTP_ERROR', status: 500, operation: 'agentCall' });
    assert.equal(count('Agents/AgentCall'), 1);
  });
  test('a write whose answer is lost after it ran is not repeated', async () => {
    server.sim.faults.fail({ path: 'Dialers/DialerTask', after: true });
    await fails(uc.dialerInsert({ campaign: 'Promo->', destination: DEST }), { code: 'HTTP_ERROR', status: 500 });
    assert.equal(count('Dialers/DialerTask'), 1);
    assert.equal(server.sim.state.dialer.length, 1);
  });
  test('a dropped connection on a write → NETWORK_ERROR, sent once', async () => {
    server.sim.faults.drop({ path: 'Agents/HangupPhone' });
    await fails(uc.hangupPhone({ phone: '1001' }), { code: 'NETWORK_ERROR', operation: 'hangupPhone' });
    assert.equal(count('Agents/HangupPhone'), 1);
  });
  test('no server → NETWORK_ERROR', async () => {
    const dead = await startRestServer({ port: 0 });
    await dead.close();
    const c = createUContactClient({ baseUrl: dead.url, credentials: USER, retry: { attempts: 1 } });
    await fails(c.campaignsSummary(), { code: 'NETWORK_ERROR' });
  });
});

describe('time limits', () => {
  test('a slow answer → TIMEOUT', async () => {
    server.sim.faults.delay({ ms: 400, path: 'Agents/HangupPhone' });
    await fails(uc.hangupPhone({ phone: '1001' }, { timeoutMs: 80 }), { code: 'TIMEOUT', operation: 'hangupPhone' });
    // Settled at the deadline, before the server's answer (logged once its 400 ms hold ends): an
    // order, not a time bound (the server runs in this process: a loaded machine delays both alike).
    assert.equal(count('Agents/HangupPhone'), 0, 'settled only once the server had answered');
  });
  test('signal → ABORTED, also when aborted before the call', async () => {
    server.sim.faults.delay({ ms: 400, path: 'Supervisor/campaignssummary' });
    const ctl = new AbortController();
    const p = uc.campaignsSummary({ signal: ctl.signal });
    setTimeout(() => ctl.abort(), 30);
    await fails(p, { code: 'ABORTED' });
    const before = log().length;
    await fails(uc.campaignsSummary({ signal: AbortSignal.abort() }), { code: 'ABORTED' });
    assert.equal(log().length, before);
  });
  test('aborted just before an attempt (here by the log hook, on its request event): fetch is never called for it', async () => {
    const ctl = new AbortController();
    // A custom fetch need not honour an aborted signal: the client must not hand it the request at all.
    const urls = [];
    const c = createUContactClient({ baseUrl: server.url, credentials: USER, fetch: (url, init) => (urls.push(url), fetch(url, init)), log: (e) => {
      events.push(e);
      if (e.type === 'request' && e.endpoint === 'hangupPhone') ctl.abort();
    } });
    await c.campaignsSummary(); // logged in
    await fails(c.hangupPhone({ phone: '1001' }, { signal: ctl.signal }), { code: 'ABORTED', operation: 'hangupPhone' });
    assert.deepEqual(urls.filter((u) => u.includes('HangupPhone')), []);
    assert.equal(count('Agents/HangupPhone'), 0);
  });
});

describe('answers', () => {
  test('malformed bodies → BAD_RESPONSE where the value the method exists for is unreadable', async () => {
    server.sim.faults.body({ body: '[{"guid":1}', path: 'Recordings/GetRecordings' });
    await fails(uc.getRecordings({ guid: 'rec-0001' }), { code: 'BAD_RESPONSE', operation: 'getRecordings' });
    server.sim.faults.body({ body: '{not json', path: 'Supervisor/campaignstatus' });
    await fails(uc.campaignStatus(), { code: 'BAD_RESPONSE' });
    server.sim.faults.body({ body: '<html>oops</html>', path: 'Agents/AgentCall' });
    await fails(uc.agentCall(CALL), { code: 'BAD_RESPONSE', operation: 'agentCall' });
  });
  test('odd fields of a record are reported, not fatal; a write with an unknown success body resolves with it', async () => {
    server.sim.faults.body({ body: '[{"guid":1,"location":"nas","extra":true}]', path: 'Recordings/GetRecordings' });
    const [rec] = await uc.getRecordings({ guid: 'rec-0001' });
    assert.equal(rec.guid, '1');
    assert.equal(rec.location, undefined);
    assert.deepEqual(rec.problems, ['date', 'campaign', 'callerid', 'agent', 'duration', 'location', 'file']);
    assert.deepEqual(rec.raw, { guid: 1, location: 'nas', extra: true });
    server.sim.faults.body({ body: 'done', path: 'Agents/HangupPhone' });
    assert.equal(await uc.hangupPhone({ phone: '1001' }), 'done');
  });
  test('body 0 → API_ERROR naming the endpoint', async () => {
    const e = await fails(uc.deleteDialerContact({ campaign: 'Promo->', destination: DEST }), { code: 'API_ERROR', operation: 'deleteDialerContact' });
    assert.match(e.message, /Dialers\/DeleteDialerContact/);
    await fails(uc.convertRecording({ guid: 'no-such', format: 'wav' }), { code: 'API_ERROR' });
  });
  test('non-2xx → HTTP_ERROR with status', async () => {
    const c = createUContactClient({ baseUrl: server.url, credentials: USER, endpoints: { hangupPhone: { path: 'Agents/Nope' } } });
    await fails(c.hangupPhone({ phone: '1001' }), { code: 'HTTP_ERROR', status: 404 });
  });
});

describe('arguments', () => {
  const bad = [
    ['agentCall', () => uc.agentCall({ ...CALL, destination: '099 123' }), /agentCall: destination/],
    ['agentCall', () => uc.agentCall({ ...CALL, agent: '' }), /agentCall: agent/],
    ['agentCallWithData', () => uc.agentCallWithData({ ...CALL, data: { a: 1 } }), /data\.a/],
    ['dispositionCall', () => uc.dispositionCall({ campaign: 'S', agent: 'a', callerid: '', guid: 'g', l1: 'x', schedule: '2026-02-30 10:00:00' }), /schedule/],
    ['dialerTask', () => uc.dialerTask({ calldate: null, campaign: 'D', destination: DEST, automatic: false }), /agent/],
    ['dialerInsertWithPriority', () => uc.dialerInsertWithPriority({ campaign: 'D', destination: DEST, priority: 0 }), /priority/],
    ['dialerInsert', () => uc.dialerInsert({ campaign: 'D', destination: DEST, data: { k: 'a:b' } }), /data\.k/],
    ['scheduleDialerCall', () => uc.scheduleDialerCall({ calldate: '2026-12-01 10:00:00', campaign: 'D', destination: DEST }), /schedule/],
    ['addBlacklistMultiple', () => uc.addBlacklistMultiple([]), /entries/],
    ['removeBlacklist', () => uc.removeBlacklist({ phone: 'abc' }), /entry\.phone/],
    ['getRecordings', () => uc.getRecordings({ from: '2026-11-30 00:00:00', to: '2026-11-01 00:00:00' }), /from/],
    ['convertRecording', () => uc.convertRecording({ guid: 'rec-0001', format: 'ogg' }), /format/],
    ['tagRecording', () => uc.tagRecording({ guid: 'rec-0001', tag: 'a|b' }), /tag/],
    ['hangupPhone', () => uc.hangupPhone({ phone: '1001' }, { timeoutMs: -1 }), /timeoutMs/],
  ];
  for (const [name, call, field] of bad) {
    test(`${name}: INVALID_ARGUMENT naming the field, nothing sent`, async () => {
      const before = log().length;
      const e = await fails(call(), { code: 'INVALID_ARGUMENT' });
      assert.match(e.message, field);
      assert.ok(e.message.startsWith(e.operation), 'message names the method');
      assert.equal(log().length, before);
    });
  }
  test('bad options throw at once', () => {
    for (const o of [{}, { baseUrl: 'ftp://x', credentials: USER }, { baseUrl: server.url, credentials: { user: 'u' } },
      { baseUrl: server.url, credentials: { token: 'has space' } }, { baseUrl: server.url, credentials: USER, retry: { attempts: 0 } }]) {
      assert.throws(() => createUContactClient(o), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && !e.message.includes(PASSWORD));
    }
  });
});

describe('causes', () => {
  // Every own property of an error and of its causes, as a reporter or a logger that serialises
  // causes (Sentry's linked errors, pino's err serializer) may send them on.
  const everything = (e) => {
    const out = [];
    for (let c = e, n = 0; c && n < 10; c = c.cause, n++) {
      for (const k of Object.getOwnPropertyNames(c)) out.push(`${k}=${typeof c[k] === 'object' ? JSON.stringify(c[k]) : String(c[k])}`);
    }
    return out.join('\n');
  };
  test("an answer Node's fetch cannot parse: NETWORK_ERROR whose causes say why, but hold none of its bytes (a token, call data)", async () => {
    const token = Buffer.from('supervisor:1b4e28ba-2fa1-11d2-883f-0016d3cca427').toString('base64');
    const bodies = {
      // The login answer, its header line broken before the body: undici's HTTPParserError kept the rest, token included.
      getusertoken: `HTTP/1.1 200 OK\r\nX-Trace: a\u0001b\r\nContent-Length: ${token.length + 2}\r\n\r\n"${token}"`,
      // A read answer whose chunked body breaks half way: the rest of it, a phone number included.
      campaignssummary: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[{"a"\r\nzz\r\n:"${DEST}"}]\r\n0\r\n\r\n`,
    };
    let answerLogin = false;
    const tcp = createTcpServer((socket) => socket.on('data', (d) => {
      const path = /^\w+ \S*?\/(\w+)[ ?]/.exec(d.toString())?.[1].toLowerCase();
      if (path === 'getusertoken' && answerLogin) return socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${token.length + 2}\r\n\r\n"${token}"`);
      socket.end(bodies[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    }));
    await new Promise((r) => tcp.listen(0, '127.0.0.1', r));
    try {
      const c = createUContactClient({ baseUrl: `http://127.0.0.1:${tcp.address().port}`, credentials: USER, retry: { attempts: 1 } });
      const login = await fails(c.campaignsSummary(), { code: 'NETWORK_ERROR', operation: 'getUserToken' });
      answerLogin = true;
      const read = await fails(c.campaignsSummary(), { code: 'NETWORK_ERROR', operation: 'campaignsSummary' });
      for (const [e, secret] of [[login, token], [read, DEST]]) {
        const all = everything(e);
        assert.ok(!all.includes(secret), all);
        // What went wrong is still there: fetch's TypeError, and the parser's message below it.
        assert.ok(e.cause instanceof TypeError);
        assert.match(e.cause.cause.message, /does not match the HTTP\/1\.1 protocol/);
      }
    } finally {
      await new Promise((r) => tcp.close(r));
    }
  });
});

describe('redaction', () => {
  test('no error message or log event holds the password, a token or a phone number', () => {
    for (const t of server.sim.tokens(true)) seenTokens.add(t);
    assert.ok(seenTokens.size > 5 && errors.length > 20 && events.length > 50);
    const texts = [...errors.map((e) => `${e.message} ${JSON.stringify(e)} ${e.cause?.message ?? ''}`), ...events.map((e) => JSON.stringify(e))];
    for (const secret of [PASSWORD, DEST, '099 123', ...seenTokens]) {
      for (const t of texts) assert.ok(!t.includes(secret), 'a secret leaked');
    }
    assert.ok(events.every((e) => !('body' in e) && !('fields' in e)));
  });
});
