// Model-based (stateful property) test of the portal actions' REST fallback, on the built bundles:
// `withFallback(connectPortal(), restFallback(createUContactClient(...), line))`, the REST client on
// a stubbed fetch. fast-check (`fc.commands`) drives random sequences of `call` and `hangup` (own
// deadline, own signal, an already aborted signal, a way named by the caller, bad arguments), the
// server's answers to each request sent (a guid, `0`, a 500, a 401, a network failure, an answer
// that is no guid), time, aborts and destroy(), against a model written from the README
// (`withFallback`, the Errors table, the REST client's writes): outside the portal `call` and
// `hangup` go to REST (`via: 'rest'`), once each: a request is never sent twice, whatever the
// failure (both are writes: no retry); a named way stays the client's (NOT_EMBEDDED, NO_FRAMEWORK,
// or, on a page that loaded the form framework, its helper called once: its guid, PORTAL_FAILED,
// the portal client's deadline, DESTROYED at once);
// every promise settles exactly once, with the model's value or typed error, and only when the
// model says (a deadline or an abort ends the request, a REST request in flight at destroy() runs
// to its end and then rejects DESTROYED); after destroy() nothing is sent. Inside the portal the
// client is returned as it is and REST is never used. Time is faked. Seeded (FC_SEED, FC_RUNS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectPortal, withFallback, isBridgeError } from '../../dist/index.js';
import { createUContactClient, restFallback } from '../../dist/http.js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';
import { track } from './helpers/track.mjs';

const SEED = process.env.FC_SEED === undefined ? 20261206 : Number(process.env.FC_SEED);
const RUNS = Number(process.env.FC_RUNS ?? 400);
const BASE = 'https://acme.ucontactcloud.com';
const CALL = { campaign: 'Sales->', destination: '099123456' };
const LINE = { agent: 'agent1001', phone: '1001', context: 'from-internal' };
const CLIENT_TIMEOUT = 41;
const TOKEN = 'YXBpOnRlc3Q=';
const flush = () => new Promise((r) => setImmediate(r));
// The stub fetch bypasses the capture's: the final secrets check of `npm test` is told what to look
// for in every captured log event and error message.
globalThis.captureSecret?.(TOKEN);
globalThis.captureSecret?.(CALL.destination);

// What the server answers to one request, and what the README says the caller gets.
const ANSWERS = {
  guid: { response: (n) => new Response(`"1700000000.${n}"`), outcome: (kind, n) => (kind === 'call' ? { value: { action: 'call', guid: `1700000000.${n}`, via: 'rest' } } : { value: { action: 'hangup', confirmed: true, via: 'rest' } }) },
  zero: { response: () => new Response('0'), outcome: () => ({ code: 'API_ERROR' }) },
  http500: { response: () => new Response('oops', { status: 500 }), outcome: () => ({ code: 'HTTP_ERROR', status: 500 }) },
  http401: { response: () => new Response('no', { status: 401 }), outcome: () => ({ code: 'UNAUTHORIZED' }) },
  network: { response: () => Promise.reject(new TypeError('fetch failed')), outcome: () => ({ code: 'NETWORK_ERROR' }) },
  // Not a guid: a call may have been placed (BAD_RESPONSE); a hangup takes any text.
  odd: { response: () => new Response('null'), outcome: (kind) => (kind === 'call' ? { code: 'BAD_RESPONSE' } : { value: { action: 'hangup', confirmed: true, via: 'rest' } }) },
};

test('model: outside the portal, call and hangup go to REST once each, and every promise settles once as the README says', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  // The portal client's deadlines are performance.now() time: the faked clock's.
  t.mock.method(performance, 'now', () => now);
  let runs = 0;
  const stats = { sent: 0, helpers: 0, settled: 0 };
  const tick = async () => {
    now++;
    t.mock.timers.tick(1);
    await flush();
  };

  // One command: `run` acts on the model and the real objects, then everything is compared.
  const cmd = (name, arb, run) => arb.map((p) => ({
    check: () => true,
    async run(m, r) {
      await run(m, r, p);
      await flush();
      await r.compare(m, r, `after ${name}(${JSON.stringify(p)})`);
    },
    toString: () => `${name}(${JSON.stringify(p)})`,
  }));
  const commands = [
    cmd('request', fc.record({
      kind: fc.constantFrom('call', 'call', 'hangup'),
      timeoutMs: fc.option(fc.constantFrom(9, 21), { nil: undefined }),
      signal: fc.constantFrom('none', 'none', 'none', 'live', 'live', 'aborted'),
      use: fc.constantFrom(undefined, undefined, undefined, 'auto', 'porthole', 'framework', 'framework'),
      bad: fc.constantFrom(false, false, false, false, false, true), // a bad argument or option: INVALID_ARGUMENT
    }), (m, r, p) => {
      const ctl = p.signal === 'none' ? undefined : new AbortController();
      if (p.signal === 'aborted') ctl.abort();
      const options = { ...(p.timeoutMs && { timeoutMs: p.timeoutMs }), ...(ctl && { signal: ctl.signal }), ...(p.use && p.kind === 'call' && { use: p.use }) };
      const req = { kind: p.kind, ctl, pending: true, deadline: r.now() + (p.timeoutMs ?? CLIENT_TIMEOUT) };
      m.reqs.push(req);
      if (p.kind === 'call') {
        r.tracks.push(track(r.client.call(p.bad ? { ...CALL, destination: '099 123' } : CALL, p.bad ? { ...options, timeout: 5 } : options)));
      } else {
        r.tracks.push(track(r.client.hangup(p.bad ? { ...options, confirm: 'yes' } : options)));
      }
      const end = (outcome) => Object.assign(req, { pending: false, outcome });
      if (m.destroyed) return end({ code: 'DESTROYED' });
      if (p.bad) return end({ code: 'INVALID_ARGUMENT' });
      // An aborted signal is checked before the way (either error would do: the code's order).
      if (p.signal === 'aborted') return end({ code: 'ABORTED' });
      if (p.kind === 'call' && p.use === 'porthole') return end({ code: 'NOT_EMBEDDED' });
      if (p.kind === 'call' && p.use === 'framework') {
        if (!m.framework) return end({ code: 'NO_FRAMEWORK' });
        // The form framework's helper, called once; the portal client's deadline (30 s by default).
        req.helper = m.helperCalls.length;
        req.deadline = r.now() + (p.timeoutMs ?? 30_000);
        m.helperCalls.push([CALL.campaign, '', CALL.destination]);
        return;
      }
      // Sent over REST: its fetch is the next one.
      req.fetch = m.sent.length;
      m.sent.push(p.kind === 'call' ? 'Agents/AgentCall' : 'Agents/HangupPhone');
    }),
    cmd('answer', fc.record({ which: fc.nat(20), answer: fc.constantFrom(...Object.keys(ANSWERS)) }), (m, r, { which, answer }) => {
      const open = r.fetches.filter((f) => !f.done);
      if (!open.length) return;
      const f = open[which % open.length];
      const req = m.reqs.find((q) => q.fetch === f.n);
      if (req.pending) {
        req.pending = false;
        req.outcome = m.destroyed ? { code: 'DESTROYED' } : ANSWERS[answer].outcome(req.kind, f.n);
      }
      f.settle(ANSWERS[answer].response(f.n));
    }),
    cmd('advance', fc.constantFrom(1, 4, 10, 25), async (m, r, ms) => {
      for (let i = 0; i < ms; i++) {
        await tick();
        for (const q of m.reqs) {
          if (q.pending && (q.fetch ?? q.helper) !== undefined && q.deadline <= r.now()) Object.assign(q, { pending: false, outcome: { code: m.destroyed ? 'DESTROYED' : 'TIMEOUT' } });
        }
        // Compared at every ms: a deadline must end its request at its time, no later.
        await r.compare(m, r, `at ${r.now()} ms`);
      }
    }),
    cmd('abort', fc.nat(20), (m, r, which) => {
      const live = m.reqs.filter((q) => q.ctl && !q.ctl.signal.aborted);
      if (!live.length) return;
      const q = live[which % live.length];
      if (q.pending) Object.assign(q, { pending: false, outcome: { code: m.destroyed ? 'DESTROYED' : 'ABORTED' } });
      q.ctl.abort();
    }),
    cmd('helperAnswer', fc.record({ which: fc.nat(20), answer: fc.constantFrom('guid', 'guid', 'ERROR', 'null', 'rejects') }), (m, r, { which, answer }) => {
      const open = r.helpers.filter((h) => !h.done);
      if (!open.length) return;
      const h = open[which % open.length];
      h.done = true;
      const req = m.reqs.find((q) => q.helper === h.n);
      const guid = `fw-${h.n}`;
      if (req.pending) {
        req.pending = false;
        req.outcome = answer === 'guid' ? { value: { action: 'call', guid, via: 'framework' } } : { code: 'PORTAL_FAILED' };
      }
      if (answer === 'rejects') h.reject(new Error('helper failed'));
      else h.resolve(answer === 'guid' ? guid : answer);
    }),
    cmd('destroy', fc.constant(null), (m, r) => {
      // Requests in flight at destroy() stay pending until their REST request ends; the portal
      // client's own (a framework helper's) reject DESTROYED at once.
      for (const q of m.reqs) if (q.pending && q.helper !== undefined) Object.assign(q, { pending: false, outcome: { code: 'DESTROYED' } });
      m.destroyed = true;
      r.client.destroy();
    }),
  ];

  const compare = async (m, r, where) => {
    await flush();
    assert.deepEqual(r.fetches.map((f) => f.path), m.sent, `REST requests sent (never twice), ${where}`);
    assert.deepEqual(r.helpers.map((h) => h.args.slice(0, 3)), m.helperCalls, `framework helper calls (never twice), ${where}`);
    for (const f of r.fetches) {
      // To the instance only, with its token; the agent's line and the call's number, as restFallback builds them.
      assert.equal(f.url.origin, BASE);
      assert.equal(f.auth, `Basic ${TOKEN}`);
      const line = f.path === 'Agents/AgentCall' ? { ...LINE, outqueue: CALL.campaign, destination: CALL.destination } : { phone: LINE.phone };
      for (const [k, v] of Object.entries(line)) assert.equal(f.body[k], v, `${f.path} field ${k}, ${where}`);
    }
    assert.equal(r.portal.posted.length, 0, `nothing posted to a portal, ${where}`);
    m.reqs.forEach((q, i) => {
      const tr = r.tracks[i];
      if (q.pending) return assert.equal(tr.settled, false, `request ${i} settled early, ${where}: ${tr.e?.code ?? JSON.stringify(tr.v)}`);
      assert.equal(tr.settled, true, `request ${i} (${q.kind}) still pending, ${where}`);
      if (q.outcome.code) {
        assert.ok(isBridgeError(tr.e), `request ${i}: ${tr.e ?? JSON.stringify(tr.v)}, ${where}`);
        assert.equal(tr.e.code, q.outcome.code, `request ${i} (${q.kind}), ${where}: ${tr.e.message}`);
        // The portal method, or the REST method it went to (README: what the fallback rejects with).
        assert.match(tr.e.operation, q.kind === 'call' ? /^(call|agentCall)$/ : /^(hangup|hangupPhone)$/, `request ${i}, ${where}`);
        if (q.outcome.status) assert.equal(tr.e.status, q.outcome.status);
        assert.equal(tr.e.message.includes(CALL.destination), false, 'a phone number in a message');
      } else {
        assert.deepStrictEqual(tr.v, q.outcome.value, `request ${i}, ${where}`);
      }
    });
  };

  await fc.assert(fc.asyncProperty(fc.boolean(), fc.commands([...commands, ...commands.slice(0, 4), commands[0], commands[1], commands[4]], { maxCommands: 25, size: 'max' }), async (framework, cs) => {
    runs++;
    // A page that loaded the form framework (opened outside the portal): `use: 'framework'` calls its helper.
    const helpers = [];
    const fetches = [];
    const fetch = (url, init) => {
      const f = { n: fetches.length, url: new URL(url), path: new URL(url).pathname.replace('/Integra/resources/', ''), done: false,
        auth: new Headers(init.headers).get('authorization'), body: Object.fromEntries(new URLSearchParams(String(init.body))) };
      fetches.push(f);
      return new Promise((resolve, reject) => {
        f.settle = (response) => {
          f.done = true;
          Promise.resolve(response).then(resolve, reject);
        };
        // As a real fetch: its signal (the deadline or the caller's) rejects it.
        init.signal?.addEventListener('abort', () => {
          f.done = true;
          reject(init.signal.reason ?? new DOMException('aborted', 'AbortError'));
        });
      });
    };
    const alone = new FakeWindow({ origin: BASE });
    if (framework) {
      alone.UC_makeCall_async = (...args) => new Promise((resolve, reject) => helpers.push({ n: helpers.length, args, resolve, reject, done: false }));
    }
    const portal = new FakeWindow({ origin: BASE });
    const uc = createUContactClient({ baseUrl: BASE, credentials: { token: TOKEN }, timeoutMs: CLIENT_TIMEOUT, fetch, log: globalThis.captureLog });
    const client = withFallback(connectPortal({ window: alone, log: globalThis.captureLog }), restFallback(uc, LINE));
    const r = { client, fetches, helpers, tracks: [], portal, compare, now: () => now };
    const m = { reqs: [], sent: [], helperCalls: [], destroyed: false, framework };
    try {
      await fc.asyncModelRun(() => ({ model: m, real: r }), cs);
      // The end of the story: destroyed, every request's REST request ends; every promise settles once.
      if (!m.destroyed) {
        m.destroyed = true;
        client.destroy();
      }
      for (const f of fetches) if (!f.done) f.settle(new Response('"1700000000.99"'));
      for (const h of helpers) if (!h.done) h.resolve('fw-late');
      for (const q of m.reqs) if (q.pending) Object.assign(q, { pending: false, outcome: { code: 'DESTROYED' } });
      await flush();
      await compare(m, r, 'at the end');
      stats.sent += fetches.length;
      stats.helpers += helpers.length;
      stats.settled += r.tracks.length;
    } finally {
      client.destroy();
    }
  }), { seed: SEED, numRuns: RUNS, includeErrorInReport: true });
  t.diagnostic(`fallback model: ${runs} runs, ${stats.sent} REST requests, ${stats.helpers} helper calls, ${stats.settled} promises`);
});

test('model: inside the portal withFallback returns the client as it is, and REST is never used', async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom('call', 'hangup', 'reply', 'destroy'), { maxLength: 8 }), async (steps) => {
    const { form, reply } = framed({ portalOrigin: BASE });
    const fetched = [];
    const uc = createUContactClient({ baseUrl: BASE, credentials: { token: TOKEN }, fetch: async (url) => { fetched.push(url); return new Response('"1.1"'); } });
    const inner = connectPortal({ window: form, allowedOrigins: BASE });
    const client = withFallback(inner, restFallback(uc, LINE));
    assert.equal(client, inner);
    const tracks = [];
    let n = 0;
    for (const s of steps) {
      if (s === 'call') tracks.push(track(client.call(CALL, { timeoutMs: 50 })));
      else if (s === 'hangup') tracks.push(track(client.hangup()));
      else if (s === 'reply') reply({ guid: `g-${++n}` });
      else client.destroy();
      await flush();
    }
    client.destroy();
    await flush();
    assert.ok(tracks.every((tr) => tr.settled), 'every request settles once destroyed');
    for (const tr of tracks) if (tr.v) assert.notEqual(tr.v.via, 'rest');
    assert.deepEqual(fetched, []);
  }), { seed: SEED, numRuns: 100 });
});
