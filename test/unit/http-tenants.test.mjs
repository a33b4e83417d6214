// Many REST clients side by side, as a multi-tenant Node server holds them: one client per tenant,
// all on the process's global fetch, the same user name on two instances, two credentials on one
// instance. Nothing of one client (its login, token, 401, failure, close(), log hook or abort) may
// reach another: each login sends its own credentials to its own instance, each request carries the
// token that instance issued for those credentials, each answer is its tenant's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createApiTokenClient, createUContactClient, isBridgeError } from '../../dist/http.js';

const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };

/**
 * Instances behind one global fetch: `accounts` per origin (user → password). Each instance issues
 * tokens (base64 of user:uuid) for its own accounts, answers campaignssummary with one campaign named
 * after its origin and the token's user, and AgentCall with a guid of its own.
 */
function instances(accounts) {
  const seen = [];
  const tokens = new Map(); // token → { origin, user }, while its session lasts
  const issued = new Map(); // every token ever issued → { origin, user }
  const down = new Set();
  const fetch = async (url, init) => {
    const u = new URL(url);
    const auth = new Headers(init.headers).get('authorization') ?? '';
    const token = auth.replace(/^Basic /, '');
    const body = new URLSearchParams(init.body ?? '');
    seen.push({ origin: u.origin, path: u.pathname, token, user: body.get('user'), password: body.get('password') });
    if (init.signal?.aborted) throw init.signal.reason;
    if (down.has(u.origin)) return new Response('', { status: 503 });
    const users = accounts[u.origin];
    if (!users) throw new TypeError('fetch failed');
    if (u.pathname.endsWith('/auth/getUserToken')) {
      if (users[body.get('user')] !== body.get('password')) return new Response('', { status: 401 });
      const t = Buffer.from(`${body.get('user')}:${randomUUID()}`).toString('base64');
      globalThis.captureSecret(t);
      tokens.set(t, { origin: u.origin, user: body.get('user') });
      issued.set(t, tokens.get(t));
      return new Response(JSON.stringify(t));
    }
    const owner = tokens.get(token);
    if (!owner || owner.origin !== u.origin) return new Response('', { status: 401 });
    if (u.pathname.endsWith('/auth/EndSession')) {
      tokens.delete(token);
      return new Response('1');
    }
    if (u.pathname.endsWith('/Supervisor/campaignssummary')) {
      return new Response(JSON.stringify([{ campaign: `${new URL(u.origin).hostname}/${owner.user}`, type: 'inbound' }]));
    }
    if (u.pathname.endsWith('/Agents/AgentCall')) return new Response(`"${new URL(u.origin).hostname.split('.')[0]}-${randomUUID()}"`);
    return new Response('', { status: 404 });
  };
  return { fetch, seen, tokens, issued, down, expire: (origin, user) => {
    for (const [t, o] of tokens) if (o.origin === origin && o.user === user) tokens.delete(t);
  } };
}

/** Runs `fn` with `fetch` as the process's global fetch (what clients without a `fetch` option use). */
async function withGlobalFetch(fetch, fn) {
  const saved = globalThis.fetch;
  globalThis.fetch = fetch;
  try {
    return await fn();
  } finally {
    globalThis.fetch = saved;
  }
}

const A = 'https://acme.example.com';
const B = 'https://beta.example.com';
const PASSWORDS = { a: 'acme-api-password', b: 'beta-api-password', ops: 'acme-ops-password' };
for (const p of Object.values(PASSWORDS)) globalThis.captureSecret(p);

test('tenants on one global fetch: each login and request goes to its own instance with its own credentials and token, each answer is its own', async () => {
  const net = instances({ [A]: { api: PASSWORDS.a, ops: PASSWORDS.ops }, [B]: { api: PASSWORDS.b } });
  await withGlobalFetch(net.fetch, async () => {
    const logs = { a: [], b: [], ops: [] };
    const client = (baseUrl, user, password, key) =>
      createUContactClient({ baseUrl, credentials: { user, password }, log: (e) => { logs[key].push(e); captureLog(e); } });
    // The same user name on two instances; two users on one instance.
    const a = client(A, 'api', PASSWORDS.a, 'a');
    const b = client(B, 'api', PASSWORDS.b, 'b');
    const ops = client(A, 'ops', PASSWORDS.ops, 'ops');
    const [sa, sb, so] = await Promise.all([a.campaignsSummary(), b.campaignsSummary(), ops.campaignsSummary()]);
    assert.deepEqual([sa[0].campaign, sb[0].campaign, so[0].campaign], ['acme.example.com/api', 'beta.example.com/api', 'acme.example.com/ops']);
    const [ga, gb] = await Promise.all([a.agentCall(CALL), b.agentCall(CALL)]);
    assert.match(ga, /^acme-/);
    assert.match(gb, /^beta-/);

    // Every login carried the credentials of a client of that instance, and exactly one each.
    const logins = net.seen.filter((r) => r.path.endsWith('/getUserToken')).map((r) => `${r.origin} ${r.user} ${r.password}`).sort();
    assert.deepEqual(logins, [`${A} api ${PASSWORDS.a}`, `${A} ops ${PASSWORDS.ops}`, `${B} api ${PASSWORDS.b}`]);
    // Every token went to the instance that issued it (a token of another origin is refused above: 401).
    for (const r of net.seen.filter((x) => x.token)) assert.equal(net.issued.get(r.token)?.origin, r.origin, `${r.path}: a token of another instance`);
    assert.equal(net.seen.filter((r) => r.token === '' && !r.path.endsWith('/getUserToken')).length, 0, 'a request without a token');

    // beta's session expires: beta logs in again, alone; the others keep their sessions.
    net.expire(B, 'api');
    const count = (origin, user) => net.seen.filter((r) => r.origin === origin && r.user === user && r.path.endsWith('/getUserToken')).length;
    await Promise.all([a.campaignsSummary(), b.campaignsSummary(), ops.campaignsSummary()]);
    assert.deepEqual([count(A, 'api'), count(B, 'api'), count(A, 'ops')], [1, 2, 1]);
    assert.deepEqual([logs.a, logs.b, logs.ops].map((l) => l.filter((e) => e.type === 'relogin').length), [0, 1, 0]);

    // acme is down: acme's clients fail with acme's path and status; beta is not touched.
    net.down.add(A);
    const [fa, fb] = await Promise.allSettled([a.campaignsSummary({ timeoutMs: 5_000 }), b.campaignsSummary()]);
    assert.equal(fb.status, 'fulfilled');
    assert.ok(isBridgeError(fa.reason, 'HTTP_ERROR') && fa.reason.status === 503, fa.reason?.message);
    assert.equal(logs.b.filter((e) => e.type === 'retry' || e.type === 'error').length, 0, "acme's retries and error in beta's log");
    net.down.delete(A);

    // close() ends acme/api's session only: ops on the same instance and beta keep theirs.
    await a.close();
    const ends = net.seen.filter((r) => r.path.endsWith('/EndSession'));
    assert.equal(ends.length, 1);
    assert.deepEqual([ends[0].origin, ends[0].user], [A, 'api']);
    await Promise.all([b.campaignsSummary(), ops.campaignsSummary()]);
    assert.deepEqual([count(B, 'api'), count(A, 'ops')], [2, 1], 'a close() of another client cost a session');
    assert.deepEqual([logs.b, logs.ops].map((l) => l.filter((e) => e.type === 'session-end').length), [0, 0]);

    // Each log hook heard its own requests only: as many 'request' events as its client sent.
    const sent = (origin, who) => net.seen.filter((r) => r.origin === origin && (r.user === who || net.issued.get(r.token)?.user === who)).length;
    assert.equal(logs.b.filter((e) => e.type === 'request').length, sent(B, 'api'));
    assert.equal(logs.ops.filter((e) => e.type === 'request').length, sent(A, 'ops'));
  });
});

test("tenants: one tenant's abort, time limit or refused password never fails another's call in flight", async () => {
  let release;
  const gate = new Promise((r) => { release = r; });
  const net = instances({ [A]: { api: PASSWORDS.a }, [B]: { api: PASSWORDS.b } });
  const slow = async (url, init) => {
    // Every instance answers once the gate opens, or the request's own signal aborts.
    await Promise.race([gate, new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)))]);
    return net.fetch(url, init);
  };
  await withGlobalFetch(slow, async () => {
    const a = createUContactClient({ baseUrl: A, credentials: { user: 'api', password: PASSWORDS.a }, log: captureLog });
    const b = createUContactClient({ baseUrl: B, credentials: { user: 'api', password: PASSWORDS.b }, log: captureLog });
    const wrong = createUContactClient({ baseUrl: B, credentials: { user: 'api', password: PASSWORDS.a }, log: captureLog });
    const stop = new AbortController();
    const pa = a.campaignsSummary({ signal: stop.signal });
    const pb = b.campaignsSummary();
    const pt = b.agentCall(CALL, { timeoutMs: 20 });
    const pw = wrong.campaignsSummary();
    stop.abort();
    await assert.rejects(pa, (e) => isBridgeError(e, 'ABORTED'));
    await assert.rejects(pt, (e) => isBridgeError(e, 'TIMEOUT'));
    release();
    assert.equal((await pb)[0].campaign, 'beta.example.com/api', "another call's abort or time limit ended the shared login");
    await assert.rejects(pw, (e) => isBridgeError(e, 'UNAUTHORIZED'));
    // The refused password was never replaced by a valid one of the same user name and instance.
    assert.deepEqual(net.seen.filter((r) => r.origin === B && r.path.endsWith('/getUserToken')).map((r) => r.password).sort(),
      [PASSWORDS.b, PASSWORDS.a].sort());
    assert.equal((await b.campaignsSummary())[0].campaign, 'beta.example.com/api');
  });
});

test('API-token clients side by side: each request carries its own token, to its own instance', async () => {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push([new URL(url).origin, new Headers(init.headers).get('authorization')]);
    return new Response(JSON.stringify({ result: [] }));
  };
  const tokens = ['acme-api-token-1', 'acme-api-token-2', 'beta-api-token'];
  tokens.forEach((t) => globalThis.captureSecret(t));
  await withGlobalFetch(fetch, async () => {
    const clients = [[A, tokens[0]], [A, tokens[1]], [B, tokens[2]]].map(([baseUrl, token]) => createApiTokenClient({ baseUrl, token, log: captureLog }));
    await Promise.all(clients.flatMap((c) => [c.interactionMessages('i-1'), c.loadList('Sales', { filename: 'l.csv', list: [{ clientIds: ['099123456'] }] })]));
  });
  const expected = [[A, tokens[0]], [A, tokens[1]], [B, tokens[2]]].flatMap(([o, t]) => [[o, `Bearer ${t}`], [o, `Bearer ${t}`]]);
  assert.deepEqual(seen.map((s) => s.join(' ')).sort(), expected.map((s) => s.join(' ')).sort());
});
