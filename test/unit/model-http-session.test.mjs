// Model-based (stateful property) test of the REST client's session, on the built bundle: fast-check
// drives random sequences of calls, aborts, close(), server-side expiry of every token and the
// server's answers to the requests in flight, in any order, against a stubbed fetch that plays the
// server. After every command and at the end (every request answered):
// - at most one login is in flight, and none starts while the client holds a token the server
//   never refused nor ended;
// - a call sends its request at most twice, the second time only after a 401, with another token;
// - every call and close() settles exactly once: a call with the answer of its last request
//   (200: the rows; 401 again: UNAUTHORIZED), or ABORTED when its signal was aborted first.
// Seeded (override with FC_SEED).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createUContactClient } from '../../dist/http.js';
import { track } from './helpers/track.mjs';

const SEED = process.env.FC_SEED === undefined ? 20261205 : Number(process.env.FC_SEED);
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
const tokenOf = (n) => Buffer.from(`api:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`).toString('base64');

/** The server: issues tokens, knows which are valid, and holds every request until told to answer. */
function stubServer() {
  const s = { pending: [], valid: new Set(), trusted: new Set(), issued: 0, logins: 0, requests: [], violations: [] };
  s.fetch = (url, init) => new Promise((resolve, reject) => {
    const path = new URL(url).pathname.replace(/^\/Integra\/resources\//, '');
    const auth = init.headers?.Authorization?.replace(/^Basic /, '');
    const body = new URLSearchParams(init.body ?? '');
    const req = { path, auth, body, resolve, reject, answered: false };
    if (path === 'auth/getUserToken') {
      if (s.pending.some((r) => r.path === path)) s.violations.push('two logins in flight');
      if (s.trusted.size) s.violations.push(`a login while the client held a token the server never refused (${s.trusted.size})`);
    }
    s.requests.push(req);
    s.pending.push(req);
    init.signal?.addEventListener('abort', () => {
      if (req.answered) return;
      req.answered = true;
      s.pending.splice(s.pending.indexOf(req), 1);
      reject(init.signal.reason ?? new DOMException('aborted', 'AbortError'));
    });
  });
  s.answer = (req) => {
    req.answered = true;
    s.pending.splice(s.pending.indexOf(req), 1);
    if (req.path === 'auth/getUserToken') {
      const t = tokenOf(++s.issued);
      s.valid.add(t);
      s.trusted.add(t);
      s.logins++;
      return req.resolve(new Response(JSON.stringify(t), { status: 200 }));
    }
    if (req.path === 'auth/EndSession') {
      s.valid.delete(req.body.get('token'));
      s.trusted.delete(req.body.get('token'));
      return req.resolve(new Response('1', { status: 200 }));
    }
    req.status = s.valid.has(req.auth) ? 200 : 401;
    if (req.status === 401) s.trusted.delete(req.auth);
    req.resolve(new Response(req.status === 200 ? '[]' : '', { status: req.status }));
  };
  return s;
}

const commands = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('call'), signal: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ type: fc.constant('answer'), which: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('expire') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('close') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('abort'), which: fc.nat(20) }) },
), { minLength: 1, maxLength: 30, size: 'max' });

test('model: any interleaving of calls, answers, expiry, aborts and close() keeps the session rules', async (t) => {
  let runs = 0;
  let logins = 0;
  let replays = 0;
  await fc.assert(fc.asyncProperty(commands, async (cmds) => {
    runs++;
    const s = stubServer();
    const uc = createUContactClient({
      baseUrl: 'https://acme.example.com', credentials: { user: 'api', password: 'Sup3r-s3cret' },
      fetch: s.fetch, retry: { attempts: 1 }, timeoutMs: 600_000, log: captureLog,
    });
    const calls = [];
    const closes = [];
    let lastClose;
    const check = (where) => {
      assert.deepStrictEqual(s.violations, [], where);
      for (const c of calls) {
        const mine = s.requests.filter((r) => r.call === c);
        assert.ok(mine.length <= 2, `a call sent ${mine.length} times, ${where}`);
        if (mine.length === 2) {
          assert.equal(mine[0].status, 401, `replayed without a 401, ${where}`);
          assert.notEqual(mine[1].auth, mine[0].auth, `replayed with the refused token, ${where}`);
        }
      }
    };
    // Which call a request belongs to: the guid it asks for.
    const own = () => {
      for (const r of s.requests) if (r.path === 'Recordings/GetRecordings') r.call ??= calls[Number(r.body.get('guid').slice(4))];
    };
    for (const [n, cmd] of cmds.entries()) {
      const where = `after command ${n} ${JSON.stringify(cmd)}`;
      if (cmd.type === 'call') {
        const ctl = cmd.signal ? new AbortController() : undefined;
        const c = { ctl };
        c.t = track(uc.getRecordings({ guid: `rec-${calls.length}` }, ctl && { signal: ctl.signal }));
        calls.push(c);
      } else if (cmd.type === 'answer') {
        if (s.pending.length) s.answer(s.pending[cmd.which % s.pending.length]);
      } else if (cmd.type === 'expire') {
        s.valid.clear();
      } else if (cmd.type === 'close') {
        closes.push(track(uc.close()));
        lastClose = { idle: calls.every((c) => c.t.settled), calls: calls.length };
      } else {
        const live = calls.filter((c) => c.ctl && !c.ctl.signal.aborted);
        if (live.length) {
          const c = live[cmd.which % live.length];
          c.abortedWhilePending = !c.t.settled;
          c.ctl.abort();
        }
      }
      await flush();
      own();
      check(where);
    }
    // Every request answered, oldest first, until nothing is in flight.
    for (let i = 0; s.pending.length && i < 200; i++) {
      s.answer(s.pending[0]);
      await flush();
      own();
      check('while draining');
    }
    assert.equal(s.pending.length, 0, 'requests still in flight after draining');
    for (const [i, c] of calls.entries()) {
      assert.ok(c.t.settled, `call ${i} never settled`);
      const mine = s.requests.filter((r) => r.call === c);
      if (c.t.e?.code === 'ABORTED') {
        assert.ok(c.abortedWhilePending, `call ${i} ABORTED without an abort`);
        continue;
      }
      const last = mine.at(-1);
      assert.ok(last, `call ${i} settled (${c.t.e?.code ?? 'ok'}) without a request`);
      if (last.status === 200) assert.deepStrictEqual(c.t.v, [], `call ${i}: ${c.t.e?.message}`);
      else assert.equal(c.t.e?.code, 'UNAUTHORIZED', `call ${i}: ${c.t.e?.message ?? 'resolved'} after a second 401`);
      replays += mine.length - 1;
    }
    for (const [i, c] of closes.entries()) assert.ok(c.settled && !c.e, `close ${i}: ${c.e?.message}`);
    // close() called with no call in flight, and none after it: no session of the client stays open.
    if (lastClose?.idle && lastClose.calls === calls.length) {
      assert.deepStrictEqual([...s.trusted].filter((x) => s.valid.has(x)), [], 'a session left open after close()');
    }
    logins += s.logins;
  }), {
    seed: SEED, numRuns: 200, includeErrorInReport: true,
    // Always run, whatever the seed (the default seed's 200 runs missed it; 2,000 found it): a call
    // waits for the re-login of an expiry and is aborted, the last waiter, so the re-login stops;
    // the other call's 401 of that expiry comes later. It failed ABORTED, though never aborted.
    examples: [[[{ type: 'call', signal: false }, { type: 'answer', which: 0 }, { type: 'call', signal: true }, { type: 'expire' },
      { type: 'answer', which: 3 }, { type: 'abort', which: 0 }, { type: 'answer', which: 0 }]]],
  });
  t.diagnostic(`session model: ${runs} runs, ${logins} logins, ${replays} replays`);
});
