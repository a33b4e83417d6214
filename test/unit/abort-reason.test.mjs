// Cancellation as the web platform defines it: an ABORTED error carries the signal's reason as its
// `cause` from every entry, as fetch rejects with it and as the http entry always did. A page that
// passes AbortSignal.timeout() (its reason a TimeoutError) or AbortSignal.any() tells its own time
// limit from a user's cancel there; the portal, Inbox and uPhone clients gave ABORTED with no cause.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { connectInbox } from '../../dist/inbox.js';
import { embedUPhone } from '../../dist/uphone.js';
import { createUContactClient } from '../../dist/http.js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';
import { embedded, flush } from './helpers/uphone-fakes.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };
const LOGIN = { action: 'agentLogin', params: { agent: 'agent1001' } };
const errorOf = (promise) => promise.then(() => assert.fail('expected ABORTED'), (e) => e);
// The clients a test made, destroyed after it: a request left waiting (the call a queued one waits
// behind) or a uPhone never ready holds its time limit's timer, and the file's process with it, for
// up to a minute after the last test.
const made = [];
const keep = (client) => (made.push(client), client);
afterEach(() => {
  for (const client of made.splice(0)) client.destroy();
});

/** Each way a request of an entry can be aborted: `run(signal)` starts it; `abort()` aborts it where it waits. */
function ways() {
  return {
    'portal, before it was sent': () => {
      const { form } = framed();
      return (signal) => keep(connectPortal({ window: form })).call(CALL, { signal });
    },
    'portal, queued behind another call': () => {
      const { form } = framed();
      const client = keep(connectPortal({ window: form }));
      void client.call(CALL).catch(() => undefined);
      return (signal) => client.call(CALL, { signal });
    },
    'portal, sent': () => {
      const { form } = framed();
      return (signal) => keep(connectPortal({ window: form })).hangup({ signal, confirm: true });
    },
    'portal, a framework helper called': () => {
      const { form } = framed();
      form.UC_makeCall_async = () => new Promise(() => {});
      return (signal) => keep(connectPortal({ window: form })).call(CALL, { signal });
    },
    'inbox, sent': () => {
      const inbox = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
      const form = new FakeWindow({ origin: 'http://127.0.0.1:8080', parent: inbox });
      return (signal) => keep(connectInbox({ window: form })).getInteraction({ signal, timeoutMs: 60_000 });
    },
    'uphone, queued (not ready)': () => {
      const { phone } = embedded(embedUPhone);
      keep(phone);
      return (signal) => phone.makeCall({ number: '099123456', campaign: 'Sales' }, { signal });
    },
    'uphone, sent, awaiting its echo': () => {
      const { phone, say } = embedded(embedUPhone);
      keep(phone);
      say(LOGIN);
      return (signal) => phone.makeCall({ number: '099123456', campaign: 'Sales' }, { signal, waitForEcho: true });
    },
    'http, fetch under way': () => {
      const fetch = (_url, init) => new Promise((_r, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
      const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 'dG9rZW4=' }, fetch });
      return (signal) => uc.request('Custom/Echo', {}, { signal, kind: 'read' });
    },
  };
}

for (const [way, make] of Object.entries(ways())) {
  test(`${way}: ABORTED's cause is the signal's reason, aborted before the call or while it waits`, async () => {
    const why = new Error('the agent left the page');
    const early = await errorOf(make()(AbortSignal.abort(why)));
    assert.ok(isBridgeError(early, 'ABORTED'), `${early?.code}: ${early?.message}`);
    assert.equal(early.cause, why);

    const ctl = new AbortController();
    const pending = errorOf(make()(ctl.signal));
    await flush();
    ctl.abort(why);
    const late = await pending;
    assert.ok(isBridgeError(late, 'ABORTED'), `${late?.code}: ${late?.message}`);
    assert.equal(late.cause, why);

    // No reason given: the platform's AbortError.
    const plain = new AbortController();
    const p = errorOf(make()(plain.signal));
    plain.abort();
    assert.equal((await p).cause?.name, 'AbortError');
  });

  test(`${way}: AbortSignal.timeout() and AbortSignal.any() end it ABORTED with a TimeoutError as cause`, async () => {
    for (const signal of [AbortSignal.timeout(1), AbortSignal.any([new AbortController().signal, AbortSignal.timeout(1)])]) {
      const e = await errorOf(make()(signal));
      assert.ok(isBridgeError(e, 'ABORTED'), `${e?.code}: ${e?.message}`);
      assert.equal(e.cause?.name, 'TimeoutError');
      assert.equal(e.cause, signal.reason);
    }
  });
}

test("a TIMEOUT of the portal's own time limit has no cause, a signal given or not", async () => {
  const { form } = framed();
  const client = connectPortal({ window: form });
  for (const options of [{}, { signal: new AbortController().signal }]) {
    const e = await errorOf(client.hangup({ ...options, confirm: true, timeoutMs: 1 }));
    assert.ok(isBridgeError(e, 'TIMEOUT'), `${e?.code}`);
    assert.ok(!('cause' in e));
  }
});
