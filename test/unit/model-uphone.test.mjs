// Model-based (stateful property) test of the uPhone host, on the built bundle: fast-check drives
// random sequences of commands (makeCall / send, with or without waiting for the echo, with a
// signal), the uPhone's events (login, logout, makeCall for one of three numbers, gettingCall,
// finishedCall), time, aborts, destroy() and a second embed of the same iframe, against a model of
// the README's rules: commands queue until the agent is in (a logout closes again), go out in order,
// only to the frame; an echo ends the oldest command of any embed awaiting that action and number,
// once; `ready` settles once; every command settles once with the model's value or code.
// Time is faked; commands happen on multiples of 4 ms, command timeouts are 1 mod 4 and the ready
// limit 3 mod 4, so no two timers tie. Seeded (override with FC_SEED, FC_RUNS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { embedUPhone } from '../../dist/uphone.js';
import { PHONE_ORIGIN, fakeIframe, hostPage } from './helpers/uphone-fakes.mjs';
import { deliver } from './helpers/fake-window.mjs';
import { track } from './helpers/track.mjs';

const SEED = process.env.FC_SEED === undefined ? 20261205 : Number(process.env.FC_SEED);
const flush = () => new Promise((r) => setImmediate(r));
const NUMBERS = ['099123456', '098111222', '097333444'];
const digits = (n) => String(n).replace(/\D/g, '').replace(/^0+/, '');
const READY_MS = 43;
const LOGIN = new Set(['agentLogin', 'makeCall', 'gettingCall', 'finishedCall']);

const commands = fc.array(fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('cmd'), embed: fc.nat(1), kind: fc.constantFrom('makeCall', 'makeCall', 'send'), number: fc.nat(2),
      echo: fc.boolean(), timeout: fc.constantFrom(5, 9, 21, 61), signal: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('event'), name: fc.constantFrom('agentLogin', 'agentLogout', 'makeCall', 'makeCall', 'gettingCall', 'finishedCall', 'custom'),
      number: fc.nat(2), asNumber: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('advance'), ms: fc.constantFrom(4, 8, 20, 40) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('abort'), which: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('destroy'), embed: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('embed') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('hostile'), origin: fc.boolean() }) },
), { minLength: 1, maxLength: 40, size: 'max' });

test('model: any sequence of commands, events, time, aborts, destroys and embeds follows the uPhone host model', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let elapsed = 0;
  t.mock.method(performance, 'now', () => elapsed);
  const tick = () => {
    elapsed++;
    t.mock.timers.tick(1);
  };
  let runs = 0;
  let echoed = 0;
  await fc.assert(fc.asyncProperty(commands, async (cmds) => {
    runs++;
    while (elapsed % 4) tick();
    const page = hostPage();
    const iframe = fakeIframe(page.doc, { src: `${PHONE_ORIGIN}/uphone/` });
    const frame = iframe.contentWindow;
    // The model.
    const m = { loggedIn: false, embeds: [], cmds: [], echoes: [], posted: [] };
    const embeds = [];
    const open = (e) => {
      e.open = true;
      if (!e.ready) e.ready = { ok: true };
      for (const c of m.cmds) if (c.embed === e && c.pending && !c.sent) post(c);
    };
    const end = (c, outcome) => {
      c.pending = false;
      c.outcome = outcome;
      m.echoes = m.echoes.filter((x) => x !== c);
    };
    const post = (c) => {
      m.posted.push(c.action);
      c.sent = true;
      if (c.echo) m.echoes.push(c);
      else end(c, { value: { action: c.action, echoed: false } });
    };
    const embed = () => {
      const e = { open: false, destroyed: false, ready: undefined, until: elapsed + READY_MS };
      const real = { phone: embedUPhone({ iframe, readyTimeoutMs: READY_MS, log: captureLog }) };
      real.ready = track(real.phone.ready);
      m.embeds.push(e);
      embeds.push(real);
      if (m.loggedIn) open(e);
    };
    embed();
    const tracks = [];
    const controllers = [];
    const check = async (where) => {
      await flush();
      assert.deepStrictEqual(frame.posted.map((p) => [p.data.action, p.targetOrigin]), m.posted.map((a) => [a, PHONE_ORIGIN]), `posted, ${where}`);
      m.embeds.forEach((e, i) => {
        const r = embeds[i].ready;
        if (!e.ready) return assert.equal(r.settled, false, `ready ${i} settled, ${where}`);
        assert.equal(r.settled, true, `ready ${i} pending, ${where}`);
        assert.equal(r.e?.code, e.ready.code, `ready ${i}, ${where}`);
      });
      m.cmds.forEach((c, i) => {
        const tr = tracks[i];
        if (c.pending) return assert.equal(tr.settled, false, `command ${i} settled, ${where}: ${tr.e?.message ?? JSON.stringify(tr.v)}`);
        assert.equal(tr.settled, true, `command ${i} pending, ${where}, expected ${JSON.stringify(c.outcome)}`);
        if (c.outcome.code) return assert.equal(tr.e?.code, c.outcome.code, `command ${i}, ${where}: ${tr.e?.message ?? JSON.stringify(tr.v)}`);
        const { event, ...rest } = tr.v ?? {};
        assert.deepStrictEqual(rest, c.outcome.value, `command ${i}, ${where}: ${tr.e?.message}`);
        if (c.outcome.value.echoed) {
          assert.equal(event.name, c.action);
          assert.equal(digits(event.params.number), c.digits, `command ${i} echoed by another number, ${where}`);
        }
      });
    };
    try {
      for (const [n, cmd] of cmds.entries()) {
        const where = `after command ${n} ${JSON.stringify(cmd)}`;
        if (cmd.type === 'cmd') {
          const ei = cmd.embed % m.embeds.length;
          const e = m.embeds[ei];
          const number = NUMBERS[cmd.number];
          const echo = cmd.echo && cmd.kind === 'makeCall';
          const ctl = cmd.signal ? new AbortController() : undefined;
          const opts = { timeoutMs: cmd.timeout, waitForEcho: echo, ...(ctl && { signal: ctl.signal }) };
          const c = { embed: e, action: cmd.kind === 'send' ? 'dial' : 'makeCall', digits: digits(number), echo, pending: true, sent: false, deadline: elapsed + cmd.timeout };
          m.cmds.push(c);
          controllers.push(ctl);
          const phone = embeds[ei].phone;
          tracks.push(track(cmd.kind === 'send' ? phone.send('dial', { number }, opts) : phone.makeCall({ number, campaign: 'Sales' }, opts)));
          if (e.destroyed) end(c, { code: 'DESTROYED' });
          else if (e.open) post(c);
        } else if (cmd.type === 'event') {
          const number = NUMBERS[cmd.number];
          const params = cmd.name === 'agentLogin' || cmd.name === 'agentLogout' ? {} : { number: cmd.asNumber ? Number(number) : number };
          const live = m.embeds.filter((e) => !e.destroyed);
          if (live.length) {
            const c = m.echoes.find((x) => x.action === cmd.name && x.digits === digits(number));
            if (c && 'number' in params) end(c, { value: { action: c.action, echoed: true } });
            for (const e of live) {
              if (cmd.name === 'agentLogout') {
                m.loggedIn = false;
                e.open = false;
              } else if (LOGIN.has(cmd.name)) {
                m.loggedIn = true;
                open(e);
              }
            }
          }
          deliver(page.host, { data: { action: cmd.name, params }, origin: PHONE_ORIGIN, source: frame });
        } else if (cmd.type === 'hostile') {
          const data = { action: 'agentLogin', params: {} };
          if (cmd.origin) deliver(page.host, { data, origin: 'https://evil.example', source: frame });
          else deliver(page.host, { data, origin: PHONE_ORIGIN, source: page.host });
        } else if (cmd.type === 'advance') {
          for (let i = 0; i < cmd.ms; i++) {
            tick();
            for (const c of m.cmds) if (c.pending && c.deadline <= elapsed) end(c, { code: c.sent ? 'TIMEOUT' : 'NOT_READY' });
            for (const e of m.embeds) {
              if (e.ready || e.until > elapsed) continue;
              e.ready = { code: 'NOT_READY' };
              for (const c of m.cmds) if (c.embed === e && c.pending && !c.sent) end(c, { code: 'NOT_READY' });
            }
          }
        } else if (cmd.type === 'abort') {
          const live = controllers.map((ctl, i) => [ctl, i]).filter(([ctl]) => ctl && !ctl.signal.aborted);
          if (!live.length) continue;
          const [ctl, i] = live[cmd.which % live.length];
          if (m.cmds[i].pending) end(m.cmds[i], { code: 'ABORTED' });
          ctl.abort();
        } else if (cmd.type === 'destroy') {
          const ei = cmd.embed % m.embeds.length;
          const e = m.embeds[ei];
          if (!e.destroyed) {
            e.destroyed = true;
            e.ready ??= { code: 'DESTROYED' };
            for (const c of m.cmds) if (c.embed === e && c.pending) end(c, { code: 'DESTROYED' });
          }
          embeds[ei].phone.destroy({ removeIframe: false });
        } else if (m.embeds.length < 2) embed();
        await check(where);
      }
      echoed += m.cmds.filter((c) => c.outcome?.value?.echoed).length;
    } finally {
      for (const r of embeds) r.phone.destroy({ removeIframe: false });
      await flush();
    }
  }), { seed: SEED, numRuns: Number(process.env.FC_RUNS ?? 300), includeErrorInReport: true });
  t.diagnostic(`uPhone model: ${runs} runs, ${echoed} commands echoed`);
});
