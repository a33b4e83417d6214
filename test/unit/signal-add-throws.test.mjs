// The caller's signal is theirs (a polyfill, a framework's own, a stand-in): its addEventListener may
// throw, as its removeEventListener may (tested in each entry's file). The call rejects with what it
// threw and leaves nothing behind: the uPhone sent such a queued command at the login though it had
// rejected, the portal timed it out later (a 'timeout' log event for a call already failed), the
// Inbox answered or timed it out later (its log events for a call already failed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal } from '../../dist/index.js';
import { connectInbox } from '../../dist/inbox.js';
import { embedUPhone } from '../../dist/uphone.js';
import { FakeWindow, deliver, framed } from './helpers/fake-window.mjs';
import { embedded, flush } from './helpers/uphone-fakes.mjs';

const signal = () => ({ aborted: false, addEventListener() { throw new TypeError('polyfill bug'); }, removeEventListener() {} });
const failure = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e.message);
const LOGIN = { action: 'agentLogin', params: { agent: 'agent1001' } };
// The timers are faked in each test: a minute of them is run out (each round's timers may arm more)
// before "nothing sent, nothing timed out" is checked; a real pause may end before a late timer.
async function runOut(t) {
  for (let i = 0; i < 3; i++) {
    t.mock.timers.tick(60_000);
    await flush();
  }
}

test('uPhone: a command queued with such a signal rejects and is never sent, at the login or later', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const events = [];
  const { phone, say, frame } = embedded(embedUPhone, { log: (e) => events.push(e.type) });
  assert.equal(await failure(phone.makeCall({ number: '099123456', campaign: 'Sales' }, { signal: signal(), timeoutMs: 30 })), 'polyfill bug');
  say(LOGIN);
  await runOut(t);
  assert.deepEqual(frame.posted, []);
  assert.ok(!events.includes('sent'));
  phone.destroy();
});

test('portal: a call with such a signal rejects, is never sent, and is not timed out afterwards', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const events = [];
  const { form, portal } = framed();
  const client = connectPortal({ window: form, log: (e) => events.push(e.type) });
  assert.equal(await failure(client.hangup({ signal: signal(), confirm: true, timeoutMs: 5 })), 'polyfill bug');
  form.UC_makeCall_async = () => 'g-1';
  assert.equal(await failure(client.call({ campaign: 'Sales->', destination: '099123456' }, { signal: signal(), timeoutMs: 5 })), 'polyfill bug');
  await runOut(t);
  assert.deepEqual([portal.posted, events], [[], []]);
  client.destroy();
});

test('Inbox: a getInteraction with such a signal rejects, is never sent; the answer and the timeout find nothing of it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const events = [];
  const inbox = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const form = new FakeWindow({ origin: 'http://127.0.0.1:8080', parent: inbox });
  const client = connectInbox({ window: form, log: (e) => events.push(e.type) });
  assert.equal(await failure(client.getInteraction({ signal: signal(), timeoutMs: 5 })), 'polyfill bug');
  await runOut(t);
  deliver(form, { data: { action: 'interaction', interaction: { guid: 'g', channel: 'sms', campaign: 'c' } }, origin: 'http://127.0.0.1:8080', source: inbox });
  await flush();
  // The signal is listened to before the request goes, as the portal's and the uPhone's.
  assert.deepEqual([inbox.posted, events], [[], ['ignored']]);
  client.destroy();
});

// The REST client listens once per signal, for every call that shares it: a signal recorded before
// its addEventListener had thrown was never listened to again, and each later call with it went on
// to its time limit after an abort.
test('REST: a signal whose addEventListener threw once is listened to at the next call that gets it', async () => {
  const { createUContactClient } = await import('../../dist/http.js');
  const token = Buffer.from('supervisor:6f1c2d3e-0000-4000-8000-000000000003').toString('base64');
  const fetch = (url, init) => new Promise((resolve, reject) => {
    init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
  const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { token }, fetch });
  const listeners = [];
  let fails = 1;
  const flaky = {
    aborted: false, reason: undefined,
    addEventListener(_type, f) { if (fails-- > 0) throw new TypeError('polyfill bug'); listeners.push(f); },
    removeEventListener() {},
  };
  assert.equal(await failure(uc.campaignsSummary({ signal: flaky, timeoutMs: 5_000 })), 'polyfill bug');
  const second = uc.campaignsSummary({ signal: flaky, timeoutMs: 2_000 }).then(() => assert.fail('expected ABORTED'), (e) => e.code);
  await flush();
  flaky.aborted = true;
  flaky.reason = new Error('cancelled');
  for (const f of listeners) f();
  assert.equal(await second, 'ABORTED');
});
