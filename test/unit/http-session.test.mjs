// Session handling of the built REST client: one login for concurrent calls, token formats,
// EndSession, and the 401 → one re-login → one replay rule.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { server, useRestSimulator } from './helpers/rest-server.mjs';
import { createUContactClient } from '../../dist/http.js';

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const log = () => server.sim.state.log;
const count = (path, outcome) => log().filter((e) => e.path === path && (outcome === undefined || e.outcome === outcome)).length;
const client = (credentials = USER, extra = {}) => createUContactClient({ baseUrl: server.url, credentials, ...extra });
// For stub fetches: the method a URL names, and AgentLogin's answer holding `md5secret` as the token.
const methodOf = (url) => new URL(url).pathname.split('/').pop();
const agentLogin = (md5secret) => new Response(JSON.stringify({ name: 'agent1001', callerid: '1001', md5secret }), { status: 200 });

useRestSimulator();

describe('login', () => {
  test('concurrent first calls share one login', async () => {
    const uc = client();
    await Promise.all([uc.campaignsSummary(), uc.campaignStatus(), uc.getRecordings({ guid: 'rec-0001' }), uc.hangupPhone({ phone: '1001' })]);
    assert.equal(server.sim.state.sessions.userLogins, 1);
    await uc.campaignsSummary();
    assert.equal(count('auth/getUserToken'), 1);
  });

  test("a log hook that calls the client at the 'login' event shares that login; close() from it ends the session", async () => {
    let uc;
    let inner;
    let closed;
    uc = client(USER, { log: (e) => {
      if (e.type !== 'login') return;
      inner ??= uc.campaignStatus();
      closed ??= uc.close();
    } });
    await uc.campaignsSummary();
    await inner;
    await closed;
    assert.equal(server.sim.state.sessions.userLogins, 1, 'one login');
    assert.equal(server.sim.state.sessions.endSessions, 1, 'close() ended the session it was called during');
  });

  for (const format of ['quoted', 'bare', 'array']) {
    test(`getUserToken answered ${format}: the token is used as returned`, async () => {
      server.sim.config.tokenFormat = format;
      const uc = client();
      await uc.campaignsSummary();
      assert.equal(count('Supervisor/campaignssummary', 'ok'), 1);
    });
  }

  test('agent login: the md5secret of the SIP object is the token', async () => {
    const uc = client({ agent: 'agent1001', password: 'Ag3nt-s3cret' });
    await uc.hangupPhone({ phone: '1001' });
    assert.equal(server.sim.state.sessions.agentLogins, 1);
    await uc.close();
    assert.equal(server.sim.state.sessions.endSessions, 1);
  });

  test('a fixed token is used as is; no login', async () => {
    const seed = client();
    await seed.campaignsSummary();
    const [token] = server.sim.tokens();
    const uc = client({ token });
    await uc.campaignStatus();
    assert.equal(server.sim.state.sessions.userLogins, 1);
    await uc.close(); // the user comes from the token (base64 of user:uuid)
    assert.equal(server.sim.state.sessions.endSessions, 1);
    // A second close() sends nothing, as with a login (and as a second destroy() of the other
    // entries does nothing). Before: a second EndSession went out with the ended token.
    await uc.close();
    assert.equal(count('auth/EndSession'), 1);
    // The next call takes the token again: a fixed token's session has no credentials to log in with.
    const before = log().length;
    await uc.campaignStatus().catch(() => {}); // the ended token is refused: what matters is what went out
    assert.deepEqual(log().slice(before).map((e) => e.path), ['Supervisor/campaignstatus'], 'the call, with no login before it');
  });

  test('a login answered 403 → UNAUTHORIZED (not an HTTP error), nothing else sent', async () => {
    server.sim.faults.fail({ status: 403, count: 1, path: 'auth/getUserToken' });
    await assert.rejects(client().campaignsSummary(), { code: 'UNAUTHORIZED', status: 403, operation: 'getUserToken' });
    assert.equal(count('Supervisor/campaignssummary'), 0);
  });

  test('wrong credentials → UNAUTHORIZED naming the login endpoint', async () => {
    const uc = client({ user: 'supervisor', password: 'wrong-pass-123' });
    await assert.rejects(uc.campaignsSummary(), { code: 'UNAUTHORIZED', operation: 'getUserToken' });
    assert.equal(count('Supervisor/campaignssummary'), 0);
  });
});

describe('close', () => {
  test('close() calls EndSession once; the next call logs in again', async () => {
    const uc = client();
    await uc.campaignsSummary();
    await uc.close();
    assert.equal(server.sim.state.sessions.endSessions, 1);
    assert.equal(server.sim.state.sessions.active, 0);
    await uc.close(); // nothing open: no request
    assert.equal(count('auth/EndSession'), 1);
    await uc.campaignsSummary();
    assert.equal(server.sim.state.sessions.userLogins, 2);
  });
  test('close() before any call sends nothing', async () => {
    await client().close();
    assert.equal(log().length, 0);
  });
  test("close()'s failure is logged as every call's is: an error event naming endSession and its code", async () => {
    const events = [];
    const uc = client(USER, { log: (e) => events.push(e) });
    await uc.campaignsSummary();
    server.sim.faults.fail({ status: 500, path: 'auth/EndSession' });
    await assert.rejects(uc.close(), (e) => e.code === 'HTTP_ERROR' && e.status === 500);
    assert.deepEqual(events.filter((e) => e.type === 'error'), [{ type: 'error', endpoint: 'endSession', code: 'HTTP_ERROR' }]);
  });
  test('close() once the token expired: EndSession answering 401 is the session already over, not an error; the next call logs in again', async () => {
    const events = [];
    const uc = client(USER, { log: (e) => events.push(e) });
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    await uc.close();
    assert.deepEqual(events.filter((e) => e.type === 'session-end'), [{ type: 'session-end', endpoint: 'endSession', status: 401 }]);
    assert.deepEqual(events.filter((e) => e.type === 'error'), []);
    await uc.campaignsSummary();
    assert.equal(server.sim.state.sessions.userLogins, 2);
  });
  test('close() with an already aborted signal is ABORTED and sends nothing, as every call', async () => {
    const uc = client();
    await uc.campaignsSummary();
    await assert.rejects(uc.close({ signal: AbortSignal.abort() }), (e) => e.code === 'ABORTED');
    assert.equal(count('auth/EndSession'), 0);
  });
});

describe('401', () => {
  test('expired token mid-session → one re-login and one replay', async () => {
    const events = [];
    const uc = client(USER, { log: (e) => events.push(e) });
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    const guid = await uc.agentCall({ agent: 'agent1001', phone: '1001', context: 'c', outqueue: 'Sales->', destination: '099123456' });
    assert.equal(server.sim.state.calls.length, 1);
    assert.equal(server.sim.state.calls[0].guid, guid);
    assert.deepEqual(log().filter((e) => e.path === 'Agents/AgentCall').map((e) => e.outcome), ['unauthorized', 'ok']);
    assert.equal(server.sim.state.sessions.userLogins, 2);
    assert.equal(events.filter((e) => e.type === 'relogin').length, 1);
  });
  test('a call made while a re-login is under way waits for its token: nothing more is sent with the token the server refused', async () => {
    // The re-login's request is held in the client's fetch until the second call has been made: the
    // call is made while the re-login is under way however slow the machine, not after a pause.
    let logins = 0;
    let held;
    const reloginSent = new Promise((r) => { held = r; });
    let release;
    const released = new Promise((r) => { release = r; });
    const fetch = async (url, init) => {
      if (new URL(url).pathname.endsWith('/auth/getUserToken') && ++logins === 2) {
        held();
        await released;
      }
      return globalThis.fetch(url, init);
    };
    const uc = client(USER, { fetch });
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    const first = uc.campaignsSummary();
    await reloginSent;
    const second = uc.campaignStatus();
    // Released once the second call's synchronous and promise steps have run (it waits for a token).
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([first, second]);
    assert.deepEqual(log().filter((e) => e.outcome === 'unauthorized').map((e) => e.path), ['Supervisor/campaignssummary']);
    assert.equal(server.sim.state.sessions.userLogins, 2);
  });
  test('concurrent 401s share one re-login', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    await Promise.all([uc.campaignsSummary(), uc.campaignStatus(), uc.hangupPhone({ phone: '1001' })]);
    assert.equal(server.sim.state.sessions.userLogins, 2);
  });
  test('a 401 that arrives after another call renewed the token takes the new token: no second re-login', async () => {
    // Two calls sent with the first token; the first's 401 renews it and its replay succeeds, and only
    // then does the second's 401 arrive: its stale token was already replaced.
    const tokens = [];
    let releaseLate;
    const late = new Promise((r) => { releaseLate = r; });
    let staleAnswers = 0;
    const fetch = async (url, init) => {
      const path = new URL(url).pathname;
      if (path.endsWith('/auth/getUserToken')) {
        tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
        return new Response(JSON.stringify(tokens.at(-1)), { status: 200 });
      }
      if (init.headers.Authorization === `Basic ${tokens[1]}`) {
        releaseLate?.();
        return new Response('[]', { status: 200 });
      }
      if (staleAnswers++ === 1) await late;
      return new Response('', { status: 401 });
    };
    const events = [];
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch, log: (e) => events.push(e) });
    assert.deepEqual(await Promise.all([uc.campaignsSummary(), uc.campaignsSummary()]), [[], []]);
    assert.equal(tokens.length, 2, 'one login, one re-login');
    assert.equal(staleAnswers, 2);
    assert.equal(events.filter((e) => e.type === 'login').length, 2);
  });
  // An agent's md5secret may be fixed: the re-login hands back the token the server refused. A 401
  // of a call sent before that re-login is the same expiry, not a new one: it took one AgentLogin
  // each, twenty for a server's twenty calls in flight.
  test("a re-login that hands back the same token (an agent's md5secret): a 401 of a call sent before it takes it, no second re-login", async () => {
    const same = Buffer.from('agent1001:uuid-fixed').toString('base64');
    const sent = [];
    let expired = false;
    let releaseLate;
    let late;
    let refused = 0;
    const fetch = async (url) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'AgentLogin') {
        expired = false;
        return agentLogin(same);
      }
      if (!expired) {
        // The first call's replay is answered: only then does the second call's 401 arrive.
        releaseLate?.();
        return new Response('1', { status: 200 });
      }
      if (refused++ === 1) await late;
      return new Response('', { status: 401 });
    };
    const events = [];
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: { agent: 'agent1001', password: 'Ag3nt-s3cret' }, fetch, log: (e) => events.push(e) });
    await uc.hangupPhone({ phone: '1001' });
    expired = true;
    late = new Promise((r) => { releaseLate = r; });
    sent.length = 0;
    assert.deepEqual(await Promise.all([uc.hangupPhone({ phone: '1001' }), uc.hangupPhone({ phone: '1002' })]), ['1', '1']);
    assert.deepEqual(sent, ['HangupPhone', 'HangupPhone', 'AgentLogin', 'HangupPhone', 'HangupPhone'], 'one re-login, one replay each');
    assert.equal(events.filter((e) => e.type === 'relogin').length, 1);
  });
  // The password changed while a server's calls were in flight: the first 401 re-logs in and is
  // refused; the 401s of the calls sent before it came back after that. Each started a login of its
  // own (a refused password tried once per call in flight: an account lockout policy counts them).
  test('a re-login refused: the later 401s of calls sent with the expired token join it, one login per expiry, each UNAUTHORIZED', async () => {
    const secret = Buffer.from('agent1001:uuid-a').toString('base64');
    const sent = [];
    let logins = 0;
    let release;
    const late = new Promise((r) => { release = r; });
    const fetch = async (url, init) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'AgentLogin') {
        return logins++ === 0 ? agentLogin(secret) : new Response('', { status: 403 });
      }
      if (sent.length <= 2) return new Response('1', { status: 200 });
      // Expired: the first call's 401 at once, the others' once it has failed.
      if (new URLSearchParams(init.body).get('phone') !== '1001') await late;
      return new Response('', { status: 401 });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: { agent: 'agent1001', password: 'Ag3nt-s3cret' }, fetch });
    await uc.hangupPhone({ phone: '1000' });
    const first = uc.hangupPhone({ phone: '1001' }).catch((e) => e);
    const others = ['1002', '1003', '1004'].map((phone) => uc.hangupPhone({ phone }).catch((e) => e));
    assert.equal((await first).code, 'UNAUTHORIZED');
    release();
    assert.deepEqual((await Promise.all(others)).map((e) => e.code), ['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    assert.equal(sent.filter((p) => p === 'AgentLogin').length, 2, 'the first login and one re-login');
    // A new call afterwards tries a login of its own (the password may have been put back).
    await assert.rejects(uc.hangupPhone({ phone: '1005' }), { code: 'UNAUTHORIZED' });
    assert.equal(sent.filter((p) => p === 'AgentLogin').length, 3);
  });
  // The one call waiting for a re-login gives up (its own timeoutMs): the re-login is stopped. A call
  // sent with the expired token whose 401 comes back after that must log in again; it was handed
  // the stopped re-login's failure, ABORTED "aborted by the caller", though nothing aborted it.
  // The first call's 50 ms are faked time, run out once the re-login it waits for is under way (the
  // stub fetch saw it): an order, not a race between its timer and its 401 (a fetch 60 ms slow, as
  // under load, timed it out before its 401, and the test hung 30 s on a re-login nobody stopped).
  test("a re-login stopped because its one waiting call gave up: a later 401 of the same expiry logs in again and replays", async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    t.mock.method(performance, 'now', () => 0);
    const tokens = [];
    let releaseLate;
    const late = new Promise((r) => { releaseLate = r; });
    let reloginSent;
    const relogin = new Promise((r) => { reloginSent = r; });
    const fetch = (url, init) => {
      if (methodOf(url) === 'getUserToken') {
        tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
        // The re-login (the second login) stalls until stopped.
        if (tokens.length === 2) {
          reloginSent();
          return new Promise((_r, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
        }
        return Promise.resolve(new Response(JSON.stringify(tokens.at(-1)), { status: 200 }));
      }
      if (init.headers.Authorization !== `Basic ${tokens[0]}`) return Promise.resolve(new Response('1', { status: 200 }));
      const phone = new URLSearchParams(init.body).get('phone');
      if (phone === '1000') return Promise.resolve(new Response('1', { status: 200 }));
      return phone === '1001' ? Promise.resolve(new Response('', { status: 401 })) : late.then(() => new Response('', { status: 401 }));
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    await uc.hangupPhone({ phone: '1000' });
    const first = uc.hangupPhone({ phone: '1001' }, { timeoutMs: 50 }).catch((e) => e);
    const second = uc.hangupPhone({ phone: '1002' }).catch((e) => e);
    // The first call's 401 started the re-login, which it waits for: now its time runs out.
    await relogin;
    t.mock.timers.tick(50);
    assert.equal((await first).code, 'TIMEOUT');
    releaseLate();
    assert.equal(await second, '1', 'the later 401 got a login of its own and its replay');
    assert.equal(tokens.length, 3);
  });
  // t1 expires (b's 401), its re-login gives t2; t2 expires (p's 401) and its re-login is refused
  // (the password changed). a1 and a2 were sent with t1 before all that: a1's 401 comes while that
  // re-login runs, a2's after it was refused; q, sent with t2, gets its 401 last. None is a new
  // expiry: t1's was answered by t2, and t2's by the refused re-login. Before, a1's 401 (t1 being no
  // longer the expiry on record) logged 'relogin' again and marked t1 as the expiry, so q's 401 with
  // t2 logged in a fourth time and a2's a fifth: the refused password tried three times for one expiry.
  test('a late 401 of a call sent with a token older than the expiry being answered joins that re-login, running or refused: one login per expiry', async () => {
    const token = (n) => Buffer.from(`supervisor:uuid-${n}`).toString('base64');
    const sent = [];
    const events = [];
    let logins = 0;
    const held = new Map();
    const next = (key) => new Promise((r) => held.set(key, r));
    const hold = (key, auth) => new Promise((answer) => {
      const r = held.get(key);
      held.delete(key);
      r?.({ answer, auth });
    });
    const fetch = async (url, init) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'getUserToken') {
        // The third login, t2's re-login, is held, then refused.
        if (++logins === 3) {
          await hold('relogin');
          return new Response('', { status: 401 });
        }
        return new Response(JSON.stringify(token(logins)), { status: 200 });
      }
      const phone = new URLSearchParams(init.body).get('phone');
      const auth = init.headers.Authorization;
      if (phone === '1001') return new Response(auth === `Basic ${token(1)}` ? '' : '1', { status: auth === `Basic ${token(1)}` ? 401 : 200 });
      // Any replay (a login after the refused one) is answered.
      if (auth !== `Basic ${token(1)}` && auth !== `Basic ${token(2)}`) return new Response('1', { status: 200 });
      return hold(phone, auth);
    };
    // Set when a1's 401 is the next answer read: called on that 'response' event.
    let a1Read;
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch, log: (e) => {
      events.push(e.type);
      if (e.type === 'response') a1Read?.();
    } });
    const outcome = (p) => p.then((v) => v, (e) => e.code);
    let seen = Promise.all([next('2001'), next('2002')]);
    const a1 = outcome(uc.hangupPhone({ phone: '2001' }));
    const a2 = outcome(uc.hangupPhone({ phone: '2002' }));
    assert.equal(await uc.hangupPhone({ phone: '1001' }), '1'); // t1 expired: one re-login (t2), replayed
    const [a1s, a2s] = await seen;
    assert.deepEqual([a1s.auth, a2s.auth], [`Basic ${token(1)}`, `Basic ${token(1)}`]);
    seen = Promise.all([next('3001'), next('3002')]);
    const p = outcome(uc.hangupPhone({ phone: '3001' }));
    const q = outcome(uc.hangupPhone({ phone: '3002' }));
    const [ps, qs] = await seen;
    assert.deepEqual([ps.auth, qs.auth], [`Basic ${token(2)}`, `Basic ${token(2)}`]);
    seen = next('relogin');
    ps.answer(new Response('', { status: 401 })); // t2 expired: one re-login, held
    const relogin = await seen;
    // p's 401 was read before its re-login was sent: the next answer read is a1's.
    const a1Answered = new Promise((r) => { a1Read = r; });
    a1s.answer(new Response('', { status: 401 })); // t1's, late, while that re-login runs
    // Its 401 read, and every promise step after it run (renew() called): then the re-login is refused.
    await a1Answered;
    await new Promise((r) => setImmediate(r));
    relogin.answer();
    assert.deepEqual([await p, await a1], ['UNAUTHORIZED', 'UNAUTHORIZED']);
    qs.answer(new Response('', { status: 401 })); // t2's, after the refusal
    a2s.answer(new Response('', { status: 401 })); // t1's, after the refusal
    assert.deepEqual([await q, await a2], ['UNAUTHORIZED', 'UNAUTHORIZED']);
    assert.equal(sent.filter((x) => x === 'getUserToken').length, 3, 'the first login, t1\'s re-login, t2\'s re-login');
    assert.deepEqual(events.filter((t) => t === 'relogin'), ['relogin', 'relogin']);
  });
  test('a second 401 → UNAUTHORIZED, nothing more sent', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.fail({ status: 401, count: 2, path: 'Agents/HangupPhone' });
    await assert.rejects(uc.hangupPhone({ phone: '1001' }), { code: 'UNAUTHORIZED', status: 401, operation: 'hangupPhone' });
    assert.equal(count('Agents/HangupPhone'), 2);
    assert.equal(server.sim.state.sessions.userLogins, 2);
    assert.equal(server.sim.state.hangups.length, 0);
  });
  test('with a fixed token a 401 is UNAUTHORIZED at once', async () => {
    await client().campaignsSummary();
    const [token] = server.sim.tokens();
    server.sim.faults.expireTokens();
    const uc = client({ token });
    await assert.rejects(uc.hangupPhone({ phone: '1001' }), { code: 'UNAUTHORIZED', status: 401 });
    assert.equal(count('Agents/HangupPhone'), 1);
    assert.equal(server.sim.state.sessions.userLogins, 1);
  });
});

describe('close() and calls in flight', () => {
  // A server of its own: the logins' tokens are counted, a call's answer is held until close() ended
  // its session, and a token EndSession ended is answered 401 from then on.
  const holding = () => {
    const tokens = [];
    const ended = new Set();
    const sent = [];
    let release;
    const held = new Promise((r) => { release = r; });
    let arrived;
    const reached = new Promise((r) => { arrived = r; });
    let hold = false;
    const fetch = async (url, init) => {
      const path = new URL(url).pathname;
      sent.push(path.split('/').pop());
      if (path.endsWith('/auth/getUserToken')) {
        tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
        return new Response(JSON.stringify(tokens.at(-1)), { status: 200 });
      }
      if (path.endsWith('/auth/EndSession')) {
        const t = new URL(url).searchParams.get('token') ?? init.headers.Authorization?.slice(6);
        ended.add(t);
        release();
        return new Response('1', { status: 200 });
      }
      const t = init.headers.Authorization?.slice(6);
      if (hold) {
        hold = false;
        arrived();
        await held;
      }
      return ended.has(t) ? new Response('', { status: 401 }) : new Response('[]', { status: 200 });
    };
    // reached: the held request is in fetch (sent, its answer held until an EndSession).
    return { tokens, ended, sent, fetch, reached, hold: () => { hold = true; } };
  };

  test('a call whose 401 comes back after close() ended its session is UNAUTHORIZED: no new login, no session left open', async () => {
    const s = holding();
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch: s.fetch });
    await uc.campaignsSummary();
    s.hold();
    const call = uc.campaignsSummary();
    await s.reached;
    await uc.close();
    await assert.rejects(call, { code: 'UNAUTHORIZED', status: 401 });
    assert.equal(s.tokens.length, 1, 'no login after close()');
    assert.equal(s.sent.filter((p) => p === 'campaignssummary').length, 2, 'not replayed with the ended token');
  });

  test('close() during the first login ends that session; the call that waited for it does not log in again', async () => {
    const s = holding();
    let uc;
    let closed;
    uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch: s.fetch, log: (e) => {
      if (e.type === 'login') closed ??= uc.close();
    } });
    s.hold();
    const call = uc.campaignsSummary();
    await closed;
    await call.catch(() => {});
    assert.equal(s.tokens.length, s.ended.size, 'every session opened was ended');
  });

  test("a login after close() that hands back the same token (an agent's md5secret may be fixed): its next 401 still logs in again and replays", async () => {
    const same = Buffer.from('agent1001:uuid-fixed').toString('base64');
    const sent = [];
    let expired = false;
    const fetch = async (url) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'AgentLogin') {
        expired = false;
        return agentLogin(same);
      }
      if (path === 'EndSession') return new Response('1', { status: 200 });
      return expired ? new Response('', { status: 401 }) : new Response('1', { status: 200 });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: { agent: 'agent1001', password: 'Ag3nt-s3cret' }, fetch });
    await uc.hangupPhone({ phone: '1001' });
    await uc.close();
    await uc.hangupPhone({ phone: '1001' });
    expired = true;
    assert.equal(await uc.hangupPhone({ phone: '1001' }), '1');
    assert.deepEqual(sent, ['AgentLogin', 'HangupPhone', 'EndSession', 'AgentLogin', 'HangupPhone', 'HangupPhone', 'AgentLogin', 'HangupPhone']);
  });

  test('a session opened while close() waits for its EndSession stays the client\'s: used by the next call, ended by the next close() (not left open for a third login)', async () => {
    const tokens = [];
    const sent = [];
    const ended = [];
    let answerEnd;
    let endArrived;
    const endReached = new Promise((r) => { endArrived = r; });
    const fetch = async (url, init) => {
      const path = methodOf(url);
      const auth = init.headers.Authorization?.slice(6);
      sent.push(path);
      if (path === 'getUserToken') {
        tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
        return new Response(JSON.stringify(tokens.at(-1)), { status: 200 });
      }
      if (path === 'EndSession') {
        ended.push(auth);
        // The first EndSession is answered when the test says so; a later one at once.
        if (ended.length === 1) await new Promise((r) => { answerEnd = r; endArrived(); });
        return new Response('1', { status: 200 });
      }
      return ended.includes(auth) ? new Response('', { status: 401 }) : new Response('[]', { status: 200 });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    await uc.campaignsSummary();
    const closing = uc.close();
    await endReached;
    // Sent with the session being ended: its 401 is close()'s doing (no replay); the call after it logs in anew.
    await assert.rejects(uc.campaignsSummary(), { code: 'UNAUTHORIZED', status: 401 });
    assert.deepEqual(await uc.campaignsSummary(), []);
    answerEnd();
    await closing;
    assert.deepEqual(await uc.campaignsSummary(), [], 'the second session is still the client\'s');
    await uc.close();
    assert.equal(tokens.length, 2, 'no third login');
    assert.deepEqual(ended, tokens, 'every session opened was ended, each once');
  });

  test('close() racing a login the server refuses resolves and sends nothing: no session was opened; the call is UNAUTHORIZED', async () => {
    let uc;
    let closed;
    uc = client({ user: 'supervisor', password: 'wrong' }, { log: (e) => {
      if (e.type === 'login') closed ??= uc.close();
    } });
    await assert.rejects(uc.campaignsSummary(), { code: 'UNAUTHORIZED', operation: 'getUserToken' });
    await closed;
    assert.equal(count('auth/EndSession'), 0);
  });

  test('close() aborted while its EndSession is under way is ABORTED; the session stays the client\'s and the next close() ends it', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.delay({ ms: 300, path: 'auth/EndSession', count: 1 });
    const stop = new AbortController();
    const closing = uc.close({ signal: stop.signal });
    setTimeout(() => stop.abort(), 30);
    await assert.rejects(closing, { code: 'ABORTED' });
    await uc.close();
    assert.equal(server.sim.state.sessions.active, 0);
    assert.equal(server.sim.state.sessions.userLogins, 1);
  });

  test('after a close() that failed (EndSession not answered, or answered 500), the session stays the client\'s: its expiry\'s 401 logs in again and replays, as any expiry\'s', async () => {
    for (const failure of [() => { throw new TypeError('fetch failed'); }, () => new Response('', { status: 500 })]) {
      const tokens = [];
      const sent = [];
      let expired = false;
      const fetch = async (url, init) => {
        const path = methodOf(url);
        sent.push(path);
        if (path === 'getUserToken') {
          expired = false;
          tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
          return new Response(JSON.stringify(tokens.at(-1)), { status: 200 });
        }
        if (path === 'EndSession') return failure();
        return expired && init.headers.Authorization === `Basic ${tokens[0]}` ? new Response('', { status: 401 }) : new Response('[]', { status: 200 });
      };
      const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
      await uc.campaignsSummary();
      await assert.rejects(uc.close(), (e) => e.code === 'NETWORK_ERROR' || e.code === 'HTTP_ERROR');
      expired = true; // the session the failed close() left open expires on the server
      assert.deepEqual(await uc.campaignsSummary(), []);
      assert.deepEqual(sent, ['getUserToken', 'campaignssummary', 'EndSession', 'campaignssummary', 'getUserToken', 'campaignssummary']);
    }
  });

  test("a close() that failed leaves alone an expiry met while it ran: a refused re-login is not tried again for another call sent with that token", async () => {
    // close()'s EndSession is held; a call's 401 during it drops the token, the next call logs in
    // (t2), t2 expires (one re-login, refused: the password changed), then EndSession fails. Before,
    // the failed close() forgot that expiry too: a second call sent with t2 logged in again (the
    // refused password tried twice for one expiry, as the account-lock rule forbids).
    const tokens = [];
    const sent = [];
    const events = [];
    const arrived = new Map();
    // The next request to `path`, held until its test answers it.
    const next = (path) => new Promise((r) => arrived.set(path, r));
    const fetch = async (url, init) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'getUserToken' && tokens.length === 2) return new Response('', { status: 401 });
      if (path === 'getUserToken') {
        tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
        return new Response(JSON.stringify(tokens.at(-1)), { status: 200 });
      }
      return new Promise((answer) => {
        const r = arrived.get(path);
        arrived.delete(path);
        r?.({ answer, auth: init.headers.Authorization });
      });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch, log: (e) => events.push(e.type) });
    const unauthorized = (e) => e.code === 'UNAUTHORIZED';
    let seen = next('campaignssummary');
    const a = uc.campaignsSummary();
    const first = await seen;
    seen = next('EndSession');
    const closed = uc.close();
    const end = await seen;
    first.answer(new Response('', { status: 401 })); // close()'s doing: no new login
    await assert.rejects(a, unauthorized);
    seen = Promise.all([next('campaignstatus'), next('campaignssummary')]);
    const c = uc.campaignStatus();
    const d = uc.campaignsSummary();
    const [cs, ds] = await seen;
    assert.deepEqual([cs.auth, ds.auth], [`Basic ${tokens[1]}`, `Basic ${tokens[1]}`]);
    cs.answer(new Response('', { status: 401 })); // t2 expired: one re-login, refused
    end.answer(new Response('', { status: 500 })); // close() fails while that re-login runs
    await assert.rejects(closed, (e) => e.code === 'HTTP_ERROR');
    await assert.rejects(c, unauthorized);
    ds.answer(new Response('', { status: 401 })); // the same expiry: it joins that refusal
    await assert.rejects(d, unauthorized);
    assert.deepEqual(sent.filter((p) => p === 'getUserToken').length, 3, 'logins: the first, t2, one re-login for t2\'s expiry');
    assert.deepEqual(events.filter((t) => t === 'relogin'), ['relogin']);
  });

  test("a close() that failed: a call sent with its token whose 401 comes after is an expiry again, also when another's 401 came during EndSession", async () => {
    // Two calls sent with t1; close()'s EndSession is held; a's 401 during it is close()'s doing
    // (no login). EndSession fails: the session stays the client's, so b's 401 with t1, after, is an
    // expiry (one login) and b is answered. 67690d3 kept close()'s own mark here (the token was
    // already dropped by a's 401): b was refused as if the session had been closed.
    const tokens = [];
    const sent = [];
    const arrived = new Map();
    const next = (path) => new Promise((r) => arrived.set(path, r));
    const fetch = async (url) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'getUserToken') {
        tokens.push(Buffer.from(`supervisor:uuid-${tokens.length + 1}`).toString('base64'));
        return new Response(JSON.stringify(tokens.at(-1)), { status: 200 });
      }
      if (path === 'campaignstatus' && sent.filter((p) => p === path).length > 1) return new Response('{}', { status: 200 });
      return new Promise((answer) => {
        const r = arrived.get(path);
        arrived.delete(path);
        r?.({ answer });
      });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    let seen = Promise.all([next('campaignssummary'), next('campaignstatus')]);
    const a = uc.campaignsSummary();
    const b = uc.campaignStatus();
    const [as, bs] = await seen;
    seen = next('EndSession');
    const closed = uc.close();
    const end = await seen;
    as.answer(new Response('', { status: 401 })); // close()'s doing: no new login
    await assert.rejects(a, (e) => e.code === 'UNAUTHORIZED');
    end.answer(new Response('', { status: 500 }));
    await assert.rejects(closed, (e) => e.code === 'HTTP_ERROR');
    bs.answer(new Response('', { status: 401 })); // after the failed close: an expiry
    await b;
    assert.equal(sent.filter((p) => p === 'getUserToken').length, 2);
  });

  test("close() after an expiry was answered: a late 401 of a call sent with the expired token logs in no more (that expiry's login was the session close() ended)", async () => {
    // t1 expires (b's 401), the re-login gives t2, close() ends t2. a, sent with t1 before all
    // that, gets its 401 last: t1's expiry was answered once (by t2, now ended), so a is refused as
    // closed, and no login opens a session nothing would end. close() wrote its own mark over t1's:
    // a logged in a third time, and was replayed in that session.
    const sent = [];
    let tokens = 0;
    const held = new Map();
    const next = (path) => new Promise((r) => held.set(path, r));
    const fetch = async (url) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'getUserToken') return new Response(JSON.stringify(Buffer.from(`supervisor:uuid-${++tokens}`).toString('base64')), { status: 200 });
      if (path === 'EndSession') return new Response('1', { status: 200 });
      if (path === 'campaignstatus' && sent.filter((p) => p === path).length > 1) return new Response('{}', { status: 200 });
      if (path === 'campaignssummary' && sent.filter((p) => p === path).length > 1) return new Response('[]', { status: 200 });
      return new Promise((answer) => {
        const r = held.get(path);
        held.delete(path);
        r?.({ answer });
      });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    const seen = Promise.all([next('campaignssummary'), next('campaignstatus')]);
    const a = uc.campaignsSummary().then(() => 'answered', (e) => e.code);
    const b = uc.campaignStatus();
    const [as, bs] = await seen;
    bs.answer(new Response('', { status: 401 })); // t1's expiry: one login (t2), b replayed
    await b;
    await uc.close(); // ends t2
    as.answer(new Response('', { status: 401 })); // t1's, late
    assert.equal(await a, 'UNAUTHORIZED');
    assert.deepEqual(sent.filter((p) => p === 'getUserToken' || p === 'EndSession'), ['getUserToken', 'getUserToken', 'EndSession']);
  });

  test("during close()'s EndSession, once a 401 of the ending token dropped it, a late 401 of an older token (whose expiry that session answered) is UNAUTHORIZED: no login", async () => {
    // x is sent with t1; t1 expires (y's 401), the re-login gives t2. a is sent with t2, close() ends
    // t2; a's 401 during EndSession is close()'s doing (no login), then x's 401 with t1 comes. Before,
    // x (t1 no longer the expiry on record) logged in a third time and was replayed in that session.
    const sent = [];
    let tokens = 0;
    const token = (n) => `Basic ${Buffer.from(`supervisor:uuid-${n}`).toString('base64')}`;
    const held = new Map();
    const next = (path) => new Promise((r) => held.set(path, r));
    const fetch = async (url, init) => {
      const path = methodOf(url);
      const auth = init.headers.Authorization;
      sent.push(path);
      if (path === 'getUserToken') return new Response(JSON.stringify(Buffer.from(`supervisor:uuid-${++tokens}`).toString('base64')), { status: 200 });
      if (path === 'campaignstatus') return auth === token(1) ? new Response('', { status: 401 }) : new Response('{}', { status: 200 });
      // A replay after a third login is answered.
      if (auth !== token(1) && auth !== token(2)) return new Response('[]', { status: 200 });
      return new Promise((answer) => {
        const r = held.get(path);
        held.delete(path);
        r?.({ answer, auth });
      });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    let seen = next('campaignssummary');
    const x = uc.campaignsSummary().then(() => 'answered', (e) => e.code);
    const xs = await seen;
    assert.equal(xs.auth, token(1));
    assert.deepEqual({ ...await uc.campaignStatus() }, {}); // t1's expiry: one re-login (t2), replayed
    seen = next('HangupPhone');
    const a = uc.hangupPhone({ phone: '1001' }).catch((e) => e.code);
    const as = await seen;
    assert.equal(as.auth, token(2));
    seen = next('EndSession');
    const closed = uc.close();
    const end = await seen;
    as.answer(new Response('', { status: 401 })); // close()'s doing: no login
    assert.equal(await a, 'UNAUTHORIZED');
    xs.answer(new Response('', { status: 401 })); // t1's, late
    assert.equal(await x, 'UNAUTHORIZED');
    end.answer(new Response('1', { status: 200 }));
    await closed;
    assert.deepEqual(sent.filter((p) => p === 'getUserToken' || p === 'EndSession'), ['getUserToken', 'getUserToken', 'EndSession']);
  });

  test("a login begun during close()'s EndSession and answered after it opens the client's session: its expiry logs in again and replays", async () => {
    // a's 401 during EndSession (close()'s doing) drops t1; c's login (t2) runs while EndSession is
    // answered, so close() ends with no token: closed. t2's login answering reopens: a 401 with t2 is
    // an expiry (one login, t3), not close()'s. (A closed mark that only a login's start cleared
    // refused it UNAUTHORIZED.)
    const sent = [];
    let tokens = 0;
    const t2 = `Basic ${Buffer.from('supervisor:uuid-2').toString('base64')}`;
    const held = new Map();
    const next = (path) => new Promise((r) => held.set(path, r));
    const hold = (path) => new Promise((answer) => {
      const r = held.get(path);
      held.delete(path);
      r?.({ answer });
    });
    const fetch = async (url, init) => {
      const path = methodOf(url);
      sent.push(path);
      if (path === 'getUserToken') {
        const token = Buffer.from(`supervisor:uuid-${++tokens}`).toString('base64');
        if (tokens === 2) await hold(path);
        return new Response(JSON.stringify(token), { status: 200 });
      }
      if (path === 'campaignstatus') {
        return init.headers.Authorization === t2 ? new Response('', { status: 401 }) : new Response('{}', { status: 200 });
      }
      return hold(path);
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    let seen = next('campaignssummary');
    const a = uc.campaignsSummary().catch((e) => e.code);
    const as = await seen;
    seen = next('EndSession');
    const closed = uc.close();
    const end = await seen;
    as.answer(new Response('', { status: 401 })); // close()'s doing: no login
    assert.equal(await a, 'UNAUTHORIZED');
    seen = next('getUserToken');
    const c = uc.campaignsSummary();
    const login = await seen; // t2's login, held
    end.answer(new Response('1', { status: 200 })); // ends t1 while t2's login runs
    await closed;
    seen = next('campaignssummary');
    login.answer();
    (await seen).answer(new Response('[]', { status: 200 }));
    assert.deepEqual(await c, []);
    assert.deepEqual({ ...await uc.campaignStatus() }, {}); // sent with t2: 401, one login (t3), replayed
    assert.deepEqual(sent.filter((p) => p !== 'campaignssummary'), ['getUserToken', 'EndSession', 'getUserToken', 'campaignstatus', 'getUserToken', 'campaignstatus']);
  });

  test('close() does not stop an upload under way: its next chunk logs in again (as documented: abort its signal first)', async () => {
    const uc = client();
    const records = Array.from({ length: 4 }, (_, i) => ({ phone: String(99000000 + i) }));
    let closed;
    const result = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'base', records, chunkSize: 2,
      onProgress: () => { closed ??= uc.close(); return closed; } });
    assert.equal(result.uploaded, 4);
    assert.equal(server.sim.state.sessions.endSessions, 1);
    assert.equal(server.sim.state.sessions.userLogins, 2);
    assert.equal(server.sim.state.sessions.active, 1, 'the second session is open until the next close()');
    await uc.close();
    assert.equal(server.sim.state.sessions.active, 0);
  });

  test("close() from a log hook at the 'relogin' event ends the session that re-login opens (as at 'login')", async () => {
    let uc;
    let closed;
    uc = client(USER, { log: (e) => {
      if (e.type === 'relogin') closed ??= uc.close();
    } });
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    await uc.campaignsSummary().catch(() => {});
    await closed;
    assert.equal(server.sim.state.sessions.userLogins, 2);
    assert.equal(server.sim.state.sessions.active, 0, 'no session left open');
  });

  test('two concurrent close() send one EndSession, and both settle once it answered', async () => {
    const uc = client();
    await uc.campaignsSummary();
    await Promise.all([uc.close(), uc.close()]);
    assert.equal(count('auth/EndSession'), 1);
    assert.equal(server.sim.state.sessions.active, 0);
  });

  test('two concurrent close() whose EndSession fails both reject with its error; a later close() sends it again', async () => {
    const uc = client();
    await uc.campaignsSummary();
    server.sim.faults.fail({ status: 500, path: 'auth/EndSession', count: 1 });
    const both = await Promise.allSettled([uc.close(), uc.close()]);
    assert.deepEqual(both.map((r) => r.reason?.status), [500, 500]);
    assert.equal(count('auth/EndSession'), 1);
    await uc.close();
    assert.equal(count('auth/EndSession'), 2);
    assert.equal(server.sim.state.sessions.active, 0);
  });

  test("two concurrent close(), the first aborted while their EndSession is under way: the first is ABORTED, the second goes on and ends the session", async () => {
    // Before: the second shared the EndSession sent under the first's signal, and rejected ABORTED with
    // the first's reason; the session stayed open.
    const token = Buffer.from('supervisor:uuid-1').toString('base64');
    const ended = [];
    let release;
    let sentEnd;
    const endSent = new Promise((r) => { sentEnd = r; });
    const fetch = (url, init) => {
      const path = methodOf(url);
      if (path === 'getUserToken') return Promise.resolve(new Response(JSON.stringify(token), { status: 200 }));
      if (path !== 'EndSession') return Promise.resolve(new Response('[]', { status: 200 }));
      const answer = () => { ended.push(init.headers.Authorization); return new Response('1', { status: 200 }); };
      // The first EndSession is answered when the test says so (or fails once its signal aborts); any later one at once.
      if (release) return Promise.resolve(answer());
      sentEnd();
      return new Promise((resolve, reject) => {
        release = () => init.signal.aborted || resolve(answer());
        init.signal.addEventListener('abort', () => reject(init.signal.reason));
      });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    await uc.campaignsSummary();
    const stop = new AbortController();
    const first = uc.close({ signal: stop.signal });
    const second = uc.close();
    await endSent;
    stop.abort(new Error('the first caller gave up'));
    await assert.rejects(first, { code: 'ABORTED' });
    release();
    await second;
    assert.deepEqual(ended, [`Basic ${token}`], 'the session was ended once');
    // Ended: a third close() sends nothing.
    await uc.close();
    assert.equal(ended.length, 1);
  });

  test('two concurrent close() during a login no call waits for any more, the first aborted: the login goes on and the second ends its session', async () => {
    // Before: only the first close() waited for the login, so its abort (the last waiter gone) stopped
    // the login; the second resolved with nothing ended, and a session the server opened stayed open.
    const token = Buffer.from('supervisor:uuid-1').toString('base64');
    const ended = [];
    let answered = false;
    let stopped = false;
    let answer;
    let sentLogin;
    const loginSent = new Promise((r) => { sentLogin = r; });
    const fetch = (url, init) => {
      const path = methodOf(url);
      if (path === 'EndSession') {
        ended.push(init.headers.Authorization);
        return Promise.resolve(new Response('1', { status: 200 }));
      }
      if (path !== 'getUserToken') return Promise.resolve(new Response('[]', { status: 200 }));
      sentLogin();
      return new Promise((resolve, reject) => {
        answer = () => { answered = true; resolve(new Response(JSON.stringify(token), { status: 200 })); };
        init.signal.addEventListener('abort', () => { stopped ||= !answered; reject(init.signal.reason); });
      });
    };
    const uc = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch });
    const callStop = new AbortController();
    const call = uc.campaignsSummary({ signal: callStop.signal });
    await loginSent;
    const stop = new AbortController();
    const first = uc.close({ signal: stop.signal });
    const second = uc.close();
    callStop.abort();
    await assert.rejects(call, { code: 'ABORTED' });
    stop.abort();
    await assert.rejects(first, { code: 'ABORTED' });
    assert.equal(stopped, false, 'the login the second close() waits for goes on');
    answer();
    await second;
    assert.deepEqual(ended, [`Basic ${token}`], 'the session the login opened was ended');
  });
});

describe('relogin log event', () => {
  test("the 'relogin' log event fires once per re-login, not once per call waiting for it", async () => {
    const events = [];
    const uc = client(USER, { log: (e) => events.push(e) });
    await uc.campaignsSummary();
    server.sim.faults.expireTokens();
    await Promise.all([uc.campaignsSummary(), uc.campaignStatus(), uc.hangupPhone({ phone: '1001' })]);
    assert.equal(server.sim.state.sessions.userLogins, 2);
    assert.equal(events.filter((e) => e.type === 'relogin').length, 1);
  });
});
