// Model-based (stateful property) test of the Inbox bridge, on the built bundle: fast-check drives
// random sequences of getInteraction() calls (own timeouts, signals), close() and sent(), the
// Inbox's messages (an interaction, none, a malformed one, another action), forged messages, time,
// aborts and destroy(), against a model of spec section 7 and the README: every waiting call gets
// the interaction the Inbox sends (each its own copy), or NO_INTERACTION when it answers without
// one or not in time; nothing is posted but the platform's three messages, to the Inbox's origin,
// and nothing after destroy(). Time is faked; commands on multiples of 4 ms, timeouts 1 mod 4.
// Seeded (override with FC_SEED, FC_RUNS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectInbox } from '../../dist/inbox.js';
import { FakeWindow, deliver } from './helpers/fake-window.mjs';
import { track } from './helpers/track.mjs';

const SEED = process.env.FC_SEED === undefined ? 20261205 : Number(process.env.FC_SEED);
const INBOX = 'https://acme.ucontactcloud.com';
const flush = () => new Promise((r) => setImmediate(r));

const commands = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('get'), timeout: fc.constantFrom(5, 9, 21, 41, undefined), signal: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('close', 'sent') }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('answer'), kind: fc.constantFrom('interaction', 'interaction', 'none', 'malformed', 'other') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('forged'), origin: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('advance'), ms: fc.constantFrom(4, 8, 20, 40) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('abort'), which: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('destroy') }) },
), { minLength: 1, maxLength: 40, size: 'max' });

test('model: any sequence of calls, Inbox answers, forged messages, time, aborts and destroy() follows the Inbox model', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let elapsed = 0;
  const tick = () => {
    elapsed++;
    t.mock.timers.tick(1);
  };
  let runs = 0;
  let answered = 0;
  await fc.assert(fc.asyncProperty(fc.constantFrom(13, 5001), commands, async (defaultTimeout, cmds) => {
    runs++;
    while (elapsed % 4) tick();
    const inbox = new FakeWindow({ origin: INBOX });
    const form = new FakeWindow({ origin: 'https://forms.example.com', parent: inbox });
    const client = connectInbox({ window: form, allowedOrigins: INBOX, timeoutMs: defaultTimeout, log: captureLog });
    const m = { destroyed: false, calls: [], posted: [], n: 0 };
    const tracks = [];
    const controllers = [];
    const end = (c, outcome) => Object.assign(c, { pending: false, outcome });
    const check = (where) => {
      assert.deepStrictEqual(inbox.posted, m.posted.map((action) => ({ data: { action }, targetOrigin: INBOX })), `posted, ${where}`);
      m.calls.forEach((c, i) => {
        const tr = tracks[i];
        if (c.pending) return assert.equal(tr.settled, false, `call ${i} settled, ${where}: ${tr.e?.message ?? tr.v?.guid}`);
        assert.equal(tr.settled, true, `call ${i} pending, ${where}`);
        if (c.outcome.code) return assert.equal(tr.e?.code, c.outcome.code, `call ${i}, ${where}: ${tr.e?.message ?? tr.v?.guid}`);
        assert.equal(tr.v?.guid, c.outcome.guid, `call ${i}, ${where}: ${tr.e?.message}`);
      });
      // Each caller its own copy: no two calls share one interaction object.
      const got = tracks.map((tr) => tr.v).filter(Boolean);
      assert.equal(new Set(got).size, got.length, `two calls got the same object, ${where}`);
      assert.equal(new Set(got.map((v) => v.columns)).size, got.length, `two calls share nested objects, ${where}`);
    };
    try {
      for (const [n, cmd] of cmds.entries()) {
        const where = `after command ${n} ${JSON.stringify(cmd)}`;
        if (cmd.type === 'get') {
          const ctl = cmd.signal ? new AbortController() : undefined;
          const opts = { ...(cmd.timeout && { timeoutMs: cmd.timeout }), ...(ctl && { signal: ctl.signal }) };
          const c = { pending: true, deadline: elapsed + (cmd.timeout ?? defaultTimeout) };
          m.calls.push(c);
          controllers.push(ctl);
          tracks.push(track(client.getInteraction(opts)));
          if (m.destroyed) end(c, { code: 'DESTROYED' });
          else m.posted.push('getInteraction');
        } else if (cmd.type === 'close' || cmd.type === 'sent') {
          let code;
          try {
            client[cmd.type]();
          } catch (e) {
            code = e.code;
          }
          assert.equal(code, m.destroyed ? 'DESTROYED' : undefined, where);
          if (!m.destroyed) m.posted.push(cmd.type);
        } else if (cmd.type === 'answer' || cmd.type === 'forged') {
          const guid = `guid-${++m.n}`;
          const interaction = { guid, channel: 'whatsapp', campaign: 'Sales', data: { CAMPAIGN: '{"name":"Sales"}', Name: 'Ana' } };
          const data = cmd.kind === 'none' ? { action: 'interaction', interaction: null }
            : cmd.kind === 'malformed' ? { action: 'interaction', interaction: 'not an interaction' }
              : cmd.kind === 'other' ? { action: 'interactions', interaction } : { action: 'interaction', interaction };
          if (cmd.type === 'forged') deliver(form, { data, origin: cmd.origin ? 'https://evil.example' : INBOX, source: cmd.origin ? inbox : new FakeWindow({ origin: INBOX }) });
          else {
            if (!m.destroyed && (cmd.kind === 'interaction' || cmd.kind === 'none')) {
              for (const c of m.calls) if (c.pending) end(c, cmd.kind === 'none' ? { code: 'NO_INTERACTION' } : { guid });
            }
            // A structured clone, as postMessage gives: each message its own objects.
            deliver(form, { data: structuredClone(data), origin: INBOX, source: inbox });
          }
        } else if (cmd.type === 'advance') {
          for (let i = 0; i < cmd.ms; i++) {
            tick();
            for (const c of m.calls) if (c.pending && c.deadline <= elapsed) end(c, { code: 'NO_INTERACTION' });
          }
        } else if (cmd.type === 'abort') {
          const live = controllers.map((ctl, i) => [ctl, i]).filter(([ctl]) => ctl && !ctl.signal.aborted);
          if (!live.length) continue;
          const [ctl, i] = live[cmd.which % live.length];
          if (m.calls[i].pending) end(m.calls[i], { code: 'ABORTED' });
          ctl.abort();
        } else {
          if (!m.destroyed) for (const c of m.calls) if (c.pending) end(c, { code: 'DESTROYED' });
          m.destroyed = true;
          client.destroy();
        }
        await flush();
        check(where);
      }
      answered += tracks.filter((tr) => tr.v).length;
    } finally {
      client.destroy();
      await flush();
    }
  }), { seed: SEED, numRuns: Number(process.env.FC_RUNS ?? 300), includeErrorInReport: true });
  t.diagnostic(`Inbox model: ${runs} runs, ${answered} calls answered`);
});
