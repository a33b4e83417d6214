// embedUPhone on the built bundle, with stand-in windows: options and arguments checked before
// anything is created or sent, the iframe it creates, which messages it accepts, readiness and its
// timeout, commands queued until the agent is in, echoes, abort, timeouts, handlers and destroy.
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import assert from 'node:assert/strict';
import { embedUPhone, isBridgeError, BridgeError } from '../../dist/uphone.js';
import { BridgeError as RootBridgeError } from '../../dist/index.js';
import { HOST_ORIGIN, PHONE_ORIGIN, PHONE_URL, caught, embedded, fakeIframe, flush, hostPage } from './helpers/uphone-fakes.mjs';
import { unhandledDuring } from './helpers/unhandled.mjs';
import { deliver } from './helpers/fake-window.mjs';

const LOGIN = { action: 'agentLogin', params: { agent: 'agent1001' } };
const tick = (ms) => new Promise((r) => setTimeout(r, ms));

/** Expects INVALID_ARGUMENT of `operation`; returns the message. */
async function refused(fn, operation) {
  const e = await caught(fn);
  assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e?.code}: ${e?.message}`);
  assert.equal(e.operation, operation);
  assert.ok(e.message.startsWith(`${operation}: `), e.message);
  return e.message;
}

test('the entry exports the one BridgeError of the package', () => {
  assert.equal(BridgeError, RootBridgeError);
});

test('creates the iframe in the container: allow camera and microphone, no scrollbars, the instance URL', () => {
  const { container, doc, host } = hostPage();
  const phone = embedUPhone({ container, instance: 'acme.ucontactcloud.com' });
  const f = doc.created[0];
  assert.equal(phone.iframe, f);
  assert.deepEqual(container.children, [f]);
  assert.equal(f.src, 'https://acme.ucontactcloud.com/uphone/');
  assert.equal(f.attributes.allow, 'camera;microphone');
  assert.equal(f.attributes.scrolling, 'no');
  assert.match(f.style.cssText, /overflow:hidden/);
  assert.match(f.style.cssText, /border:0/);
  assert.ok(f.title);
  assert.equal(phone.origin, 'https://acme.ucontactcloud.com');
  assert.equal(host.listenerCount, 1);
  phone.destroy();
  assert.equal(f.removed, true, 'an iframe the library created is removed by destroy()');
  assert.equal(host.listenerCount, 0);
});

test('url: absolute, relative to the page, with a port; the origin never holds the path', () => {
  const cases = [
    ['https://acme.ucontactcloud.com:8443/uphone/?x=1', 'https://acme.ucontactcloud.com:8443'],
    ['/uphone/', HOST_ORIGIN],
    ['http://127.0.0.1:8080/uphone', 'http://127.0.0.1:8080'],
  ];
  for (const [url, origin] of cases) {
    const { container } = hostPage();
    const phone = embedUPhone({ container, url });
    assert.equal(phone.origin, origin);
    phone.destroy();
  }
  const { container } = hostPage();
  const phone = embedUPhone({ container, instance: 'pbx.example.com:8443' });
  assert.equal(phone.iframe.src, 'https://pbx.example.com:8443/uphone/');
  phone.destroy();
});

test('url and instance as people write them (capitals, the default port, IPv6, an IDN): the origin is the browser\'s event.origin, heard and posted to', async () => {
  // The origin a phone's messages carry is the serialized one: lower case, no default port, the IDN
  // in punycode, IPv6 in brackets. An origin built from the text as given never equals it.
  const cases = [
    [{ instance: 'ACME.UContactCloud.com:443' }, 'https://acme.ucontactcloud.com', 'https://acme.ucontactcloud.com/uphone/'],
    [{ instance: 'PBX.example.com:8443' }, 'https://pbx.example.com:8443', 'https://pbx.example.com:8443/uphone/'],
    [{ url: 'HTTPS://ACME.ucontactcloud.com:443/uphone/' }, 'https://acme.ucontactcloud.com', 'https://acme.ucontactcloud.com/uphone/'],
    [{ url: 'http://[::1]:8080/uphone/' }, 'http://[::1]:8080', 'http://[::1]:8080/uphone/'],
    [{ url: ' https://bücher.example/uphone/ ' }, 'https://xn--bcher-kva.example', 'https://xn--bcher-kva.example/uphone/'],
  ];
  for (const [where, origin, src] of cases) {
    const { container, host, doc } = hostPage();
    const phone = embedUPhone({ container, ...where, readyTimeoutMs: 5_000 });
    const f = doc.created[0];
    assert.deepEqual([phone.origin, f.src], [origin, src], JSON.stringify(where));
    deliver(host, { data: { action: 'agentLogin', params: {} }, origin, source: f.contentWindow });
    await phone.ready;
    void phone.makeCall({ number: '099123456', campaign: 'Sales' });
    assert.deepEqual(f.contentWindow.posted.map((m) => m.targetOrigin), [origin], JSON.stringify(where));
    phone.destroy();
  }
});

test('adopts an iframe: its src decides the origin; destroy() leaves it unless asked', () => {
  const page = hostPage();
  const iframe = fakeIframe(page.doc, { src: PHONE_URL });
  const phone = embedUPhone({ iframe });
  assert.equal(phone.iframe, iframe);
  assert.equal(phone.origin, PHONE_ORIGIN);
  assert.equal(page.doc.created.length, 0);
  phone.destroy();
  assert.equal(iframe.removed, undefined);
  const again = embedUPhone({ iframe: fakeIframe(page.doc, { src: PHONE_URL }) });
  again.destroy({ removeIframe: true });
  assert.equal(again.iframe.removed, true);
  const created = embedUPhone({ container: page.container, url: PHONE_URL });
  created.destroy({ removeIframe: false });
  assert.equal(created.iframe.removed, undefined);
  // Kept, it may be another embed's now: a stale plain destroy() of the first leaves it.
  const next = embedUPhone({ iframe: created.iframe });
  created.destroy();
  assert.equal(created.iframe.removed, undefined);
  next.destroy();
});

test('bad options: INVALID_ARGUMENT naming the field, never its value, before anything is created', async () => {
  const { container, doc, host } = hostPage();
  const secretUrl = 'https://acme.ucontactcloud.com/uphone/?token=099123456';
  const cases = [
    [undefined, /options must be an object/],
    [{}, /pass iframe, or container with url or instance/],
    [{ url: PHONE_URL }, /pass iframe, or container/],
    [{ container, url: PHONE_URL, instance: 'acme.ucontactcloud.com' }, /pass iframe, or container/],
    [{ container, iframe: fakeIframe(doc, { src: PHONE_URL }) }, /pass iframe, or container/],
    [{ container: {}, url: PHONE_URL }, /container must be an element/],
    [{ container: 'phone', url: PHONE_URL }, /container must be an element/],
    [{ iframe: container }, /iframe must be an iframe element/],
    [{ iframe: fakeIframe(doc) }, /iframe src must be an http or https URL/],
    [{ container, url: 'javascript:alert(1)' }, /url must be an http or https URL/],
    [{ container, url: 'data:text/html,x' }, /url must be an http or https URL/],
    [{ container, url: 'http://[bad' }, /url must be an http or https URL/],
    [{ container, url: '' }, /url is required/],
    [{ container, instance: 'https://acme.ucontactcloud.com' }, /instance must be a host name/],
    [{ container, instance: 'acme.ucontactcloud.com/uphone' }, /instance must be a host name/],
    [{ container, instance: 'user@acme.ucontactcloud.com' }, /instance must be a host name/],
    // A port past 65535 is the instance's fault, not a url's (the caller passed none).
    [{ container, instance: 'acme.example:99999' }, /instance must be a host name/],
    // Nor a host the URL parser refuses (a last label of digits is read as IPv4: 10.0.0.256, pbx.123):
    // it said 'url must be an http or https URL without credentials', of a url the caller never passed.
    [{ container, instance: '10.0.0.256' }, /instance must be a host name/],
    [{ container, instance: 'pbx.123' }, /instance must be a host name/],
    [{ container, url: PHONE_URL, readyTimeoutMs: 0 }, /readyTimeoutMs must be an integer from 1 to 2147483647/],
    [{ container, url: PHONE_URL, readyTimeoutMs: '100' }, /readyTimeoutMs must be an integer/],
    [{ container, url: PHONE_URL, log: 'console' }, /log must be a function/],
    [{ container, url: PHONE_URL, readyTimeout: 5 }, /unknown key 'readyTimeout' \(did you mean 'readyTimeoutMs'\?\)/],
    [{ container, url: PHONE_URL, origin: '*' }, /unknown key 'origin'/],
    [{ container, url: secretUrl.replace('https', 'ftp') }, /url must be an http or https URL/],
    // Chromium never loads a frame whose URL holds credentials (the phone would time out as
    // "not logged in"), and the password would sit in the page's DOM.
    [{ container, url: 'https://agent:099123456@acme.ucontactcloud.com/uphone/' }, /url must be an http or https URL without credentials/],
    [{ container, url: 'https://agent099123456@acme.ucontactcloud.com/uphone/' }, /url must be an http or https URL without credentials/],
    [{ iframe: fakeIframe(doc, { src: 'https://:099123456@acme.ucontactcloud.com/uphone/' }) }, /iframe src must be an http or https URL without/],
  ];
  for (const [options, pattern] of cases) {
    const message = await refused(() => embedUPhone(options), 'embedUPhone');
    assert.match(message, pattern);
    assert.ok(!message.includes('099123456') && !message.includes('javascript'), message);
  }
  assert.equal(doc.created.length, 0);
  assert.equal(host.listenerCount, 0);
});

test('only the iframe window on the URL origin is heard; everything else is ignored and logged as such', async () => {
  const events = [];
  const { phone, say, host, iframe } = embedded(embedUPhone, { log: (e) => events.push(e) });
  const seen = [];
  phone.on('*', (e) => seen.push(e.name));
  const stranger = hostPage().host;
  say(LOGIN, { source: host });                                   // the top page itself
  say(LOGIN, { source: stranger });                               // another window
  say(LOGIN, { source: null });
  say(LOGIN, { origin: `${PHONE_ORIGIN}/uphone/` });              // an origin spelt as a URL
  say(LOGIN, { origin: 'https://evil.example.com' });             // the frame navigated elsewhere
  say(LOGIN, { origin: 'null' });
  for (const data of ['{"action":"agentLogin"}', null, 7, [], { action: 3 }, { params: {} }]) say(data);
  await flush();
  assert.deepEqual(seen, []);
  assert.equal(phone.loggedIn, false);
  assert.deepEqual(events.map((e) => e.reason), ['source', 'source', 'source', 'origin', 'origin', 'origin', 'shape', 'shape', 'shape', 'shape', 'shape', 'shape']);
  say(LOGIN);
  await phone.ready;
  assert.deepEqual(seen, ['agentLogin']);
  // The iframe was removed from the page by the app: its window is gone, nothing is accepted.
  const frame = iframe.contentWindow;
  iframe.contentWindow = null;
  say({ action: 'gettingCall', params: {} }, { source: frame });
  assert.deepEqual(seen, ['agentLogin']);
  phone.destroy();
});

test('ready: resolves on agentLogin, on a call event, or on any Events API message; not on agentLogout or an unknown uPhone event', async () => {
  for (const [data, ok] of [
    [LOGIN, true], [{ action: 'gettingCall', params: { number: '099123456' } }, true], [{ action: 'finishedSms' }, true],
    [{ event: 'changedTheme', data: 'dark' }, true], [{ event: 'somethingNew' }, true],
    [{ action: 'agentLogout' }, false], [{ action: 'somethingNew' }, false],
  ]) {
    const { phone, say } = embedded(embedUPhone);
    let done = false;
    phone.ready.then(() => { done = true; }, () => {});
    say(data);
    await flush();
    assert.equal(done, ok, JSON.stringify(data));
    assert.equal(phone.loggedIn, ok);
    phone.destroy();
  }
});

// The uPhone posts agentLogin once: a second embed of the same iframe (a remount after destroy(),
// another copy of the library) waited for it in vain, NOT_READY with a false cause.
test('an iframe an earlier embed heard the agent log in to is ready at once; after agentLogout it is not', async () => {
  const { phone, say, iframe, frame, host } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  phone.destroy();
  const again = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: captureLog });
  assert.equal(again.loggedIn, true);
  await again.ready;
  assert.deepEqual(await again.makeCall({ number: '099123456', campaign: 'Sales' }), { action: 'makeCall', echoed: false });
  assert.equal(frame.posted.length, 1, 'the command went to the uPhone');
  // A second copy beside it hears the logout too: the next embed waits for a login again.
  const copy = embedUPhone({ iframe, readyTimeoutMs: 30, log: captureLog });
  await copy.ready;
  host.dispatchEvent(Object.assign(new Event('message'), { data: { action: 'agentLogout' }, origin: PHONE_ORIGIN, source: frame }));
  assert.deepEqual([again.loggedIn, copy.loggedIn], [false, false]);
  again.destroy();
  copy.destroy();
  const third = embedUPhone({ iframe, readyTimeoutMs: 30, log: captureLog });
  assert.equal(third.loggedIn, false);
  assert.ok(isBridgeError(await caught(() => third.ready), 'NOT_READY'));
  // A new iframe knows nothing of another's agent.
  const other = embedded(embedUPhone, { readyTimeoutMs: 30 });
  assert.ok(isBridgeError(await caught(() => other.phone.ready), 'NOT_READY'));
});

// A component's cleanup may run destroy() twice (a framework's unmount, then the app's own), the
// second one asking for the iframe to go: it went nowhere, and a put-back iframe started logged in.
test('destroy({ removeIframe: true }) after a plain destroy() still removes the iframe and forgets its page; bad options still refused', async () => {
  const { phone, say, iframe, frame } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  phone.destroy();
  assert.equal(iframe.removed, undefined, 'an adopted iframe stays by default');
  phone.destroy();
  assert.equal(iframe.removed, undefined, 'a second plain destroy() still leaves it');
  assert.equal((await caught(() => phone.destroy({ removeIframe: 'yes' }))).code, 'INVALID_ARGUMENT');
  phone.destroy({ removeIframe: true });
  assert.equal(iframe.removed, true);
  // Put back, the element loads a new page of the phone: logged out, no call.
  iframe.removed = undefined;
  iframe.contentWindow = frame;
  const again = embedUPhone({ iframe, readyTimeoutMs: 30, log: captureLog });
  assert.equal(again.loggedIn, false);
  assert.equal(again.state.status, 'idle');
  assert.ok(isBridgeError(await caught(() => again.ready), 'NOT_READY'));
  again.destroy();
});

// The log option's JSDoc: a remount's 'ready' is logged before embedUPhone() returns.
test("a remount logs 'ready' from inside embedUPhone(); a hook using the embed (not assigned yet) breaks nothing", async () => {
  const { phone, say, iframe } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  phone.destroy();
  const seen = [];
  const again = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: (e) => { seen.push(e.type); void again.loggedIn; } });
  assert.deepEqual(seen, ['ready']);
  assert.equal(again.loggedIn, true);
  await again.ready;
  again.destroy();
  assert.deepEqual(seen, ['ready', 'destroyed']);
});

test("a log hook that destroys the embed at 'ready': ready resolves (the agent is in), a queued command rejects DESTROYED, never posted", async () => {
  // Before: 'ready' was logged before ready settled, so the hook's destroy() rejected it DESTROYED.
  let phone;
  const page = embedded(embedUPhone, { log: (e) => {
    captureLog(e);
    if (e.type === 'ready') phone.destroy();
  } });
  phone = page.phone;
  const queued = phone.send('hold', {}).then(() => 'sent', (e) => e.code);
  page.say(LOGIN);
  assert.equal(await phone.ready.then(() => 'ready', (e) => e.code), 'ready');
  assert.equal(await queued, 'DESTROYED');
  assert.deepEqual(page.frame.posted, []);
});

test("the login an earlier embed heard holds for that origin only; readyOn load takes it too; the frame's load keeps it", async () => {
  const { phone, say, iframe } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  phone.destroy();
  // The uPhone's login may come before the frame's first load event: that load forgets nothing.
  iframe.fire('load');
  // readyOn 'load' on the loaded frame: the agent is in, so it loaded; ready at once.
  const onLoad = embedUPhone({ iframe, readyOn: 'load', readyTimeoutMs: 30, log: captureLog });
  await onLoad.ready;
  assert.equal(onLoad.loggedIn, true);
  onLoad.destroy();
  // The src now points at another instance: its agent is unknown.
  iframe.src = 'https://other.example/uphone/';
  const elsewhere = embedUPhone({ iframe, readyTimeoutMs: 30, log: captureLog });
  assert.equal(elsewhere.origin, 'https://other.example');
  assert.equal(elsewhere.loggedIn, false);
  assert.ok(isBridgeError(await caught(() => elsewhere.ready), 'NOT_READY'));
  elsewhere.destroy();
});

test('ready rejects NOT_READY after readyTimeoutMs with the usual causes; no unhandled rejection when not awaited', async () => {
  const unhandled = [];
  const onUnhandled = (r) => unhandled.push(r);
  process.on('unhandledRejection', onUnhandled);
  try {
    const logs = [];
    const { phone } = embedded(embedUPhone, { readyTimeoutMs: 30, log: (e) => logs.push(e.type) });
    const ignored = embedded(embedUPhone, { readyTimeoutMs: 30 }); // never awaited
    const e = await caught(() => phone.ready);
    assert.ok(isBridgeError(e, 'NOT_READY'));
    assert.equal(e.operation, 'ready');
    assert.match(e.message, /^ready: no sign of a logged-in agent within 30 ms/);
    assert.match(e.message, /Frame ancestors/);
    assert.match(e.message, /has not logged in/);
    assert.match(e.message, /uContact X instance posts nothing before an interaction: use readyOn 'load'\)$/);
    assert.ok(logs.includes('notReady'));
    await tick(50);
    assert.deepEqual(unhandled, []);
    phone.destroy();
    ignored.phone.destroy();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a late login after NOT_READY still works: events flow and commands are sent', async () => {
  const { phone, say, frame } = embedded(embedUPhone, { readyTimeoutMs: 10 });
  await caught(() => phone.ready);
  say(LOGIN);
  assert.equal(phone.loggedIn, true);
  await phone.makeCall({ number: '099123456', campaign: 'Sales' });
  assert.deepEqual(frame.posted.map((p) => p.data), [{ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }]);
  phone.destroy();
});

test('commands: exactly {action, params} plain objects, posted to the uPhone origin only, after the agent is in', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  const call = phone.makeCall({ number: '099123456', campaign: 'Sales' });
  const sms = phone.makeSms({ number: '+59899123456', message: 'See you at 10', campaign: 'SMS' });
  const raw = phone.send('hold', { on: true });
  await flush();
  assert.deepEqual(frame.posted, [], 'queued until the agent is in');
  say(LOGIN);
  assert.deepEqual(await call, { action: 'makeCall', echoed: false });
  assert.deepEqual(await sms, { action: 'makeSms', echoed: false });
  assert.deepEqual(await raw, { action: 'hold', echoed: false });
  assert.deepEqual(frame.posted, [
    { data: { action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }, targetOrigin: PHONE_ORIGIN },
    { data: { action: 'makeSms', params: { number: '+59899123456', message: 'See you at 10', campaign: 'SMS' } }, targetOrigin: PHONE_ORIGIN },
    { data: { action: 'hold', params: { on: true } }, targetOrigin: PHONE_ORIGIN },
  ]);
  for (const p of frame.posted) {
    assert.equal(Object.getPrototypeOf(p.data), Object.prototype);
    assert.deepEqual(Object.keys(p.data), ['action', 'params']);
  }
  // Once in, at once; makeSms without campaign sends no campaign key.
  await phone.makeSms({ number: '099123456', message: 'hi' });
  assert.deepEqual(frame.posted.at(-1).data, { action: 'makeSms', params: { number: '099123456', message: 'hi' } });
  phone.destroy();
});

test('send() posts a copy of plain data as it was at the call', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  const params = { list: [1, 2], nested: { a: 'b' } };
  const p = phone.send('custom', params);
  params.list.push(3);
  await p;
  assert.deepEqual(frame.posted[0].data, { action: 'custom', params: { list: [1, 2], nested: { a: 'b' } } });
  await phone.send('noParams');
  assert.deepEqual(frame.posted[1].data, { action: 'noParams', params: {} });
  phone.destroy();
});

test('send() takes params behind a Proxy, as Vue 3 reactive() makes them (structuredClone and postMessage refuse a Proxy): a plain copy is posted, as the portal send() does', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  // A deep reactive(): every plain object or array read through it comes back behind a Proxy of its
  // own (as Vue's, which leaves a Date as it is).
  const reactive = (o) => new Proxy(o, { get: (t, k, r) => { const v = Reflect.get(t, k, r); return Array.isArray(v) || v?.constructor === Object ? reactive(v) : v; } });
  const params = reactive({ list: [1, { n: 2 }], nested: { a: 'b', when: new Date(0) }, none: null });
  assert.throws(() => structuredClone(params), { name: 'DataCloneError' });
  await phone.send('custom', params);
  const sent = frame.posted[0].data;
  assert.deepEqual(sent, { action: 'custom', params: { list: [1, { n: 2 }], nested: { a: 'b', when: new Date(0) }, none: null } });
  assert.doesNotThrow(() => structuredClone(sent));
  // Still refused behind a Proxy: what is not plain data.
  await assert.rejects(phone.send('x', reactive({ f: { fn() {} } })), /params must be plain data/);
  // A cycle in plain data still goes, as structuredClone copies it.
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  await phone.send('cycle', cyclic);
  assert.equal(frame.posted[1].data.params.self, frame.posted[1].data.params);
  phone.destroy();
});

// unwrap()'s rule is "a plain object of any realm": a Proxy over an object made in another frame
// (its Object.prototype is not ours) or over a prototype-less one is copied out as well.
test("send() copies out a Proxy over plain data of another realm or without a prototype", async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  const foreign = runInNewContext('({ list: [1, { n: 2 }], nested: { a: "b" } })');
  assert.notEqual(Object.getPrototypeOf(foreign), Object.prototype);
  const bare = Object.assign(Object.create(null), { a: 1 });
  for (const params of [new Proxy(foreign, {}), new Proxy(bare, {})]) assert.throws(() => structuredClone(params), { name: 'DataCloneError' });
  await phone.send('foreign', new Proxy(foreign, {}));
  await phone.send('bare', new Proxy(bare, {}));
  assert.deepEqual(JSON.parse(JSON.stringify(frame.posted.map((p) => p.data))), [
    { action: 'foreign', params: { list: [1, { n: 2 }], nested: { a: 'b' } } },
    { action: 'bare', params: { a: 1 } },
  ]);
  phone.destroy();
});

test('bad command arguments: INVALID_ARGUMENT naming the field, never the value; nothing sent', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  const cases = [
    [() => phone.makeCall({ number: '099 123 456', campaign: 'Sales' }), 'makeCall', /number must be digits with an optional leading \+/],
    [() => phone.makeCall({ number: 99123456, campaign: 'Sales' }), 'makeCall', /number must be a string/],
    [() => phone.makeCall({ number: '099123456' }), 'makeCall', /campaign is required/],
    [() => phone.makeCall({}), 'makeCall', /number, campaign are required/],
    [() => phone.makeCall({ numbr: '099123456', campaign: 'S' }), 'makeCall', /unknown key 'numbr' \(did you mean 'number'\?\)/],
    [() => phone.makeCall('099123456'), 'makeCall', /arguments must be an object/],
    [() => phone.makeSms({ number: '099123456', message: '  ' }), 'makeSms', /message is required/],
    [() => phone.makeSms({ number: '099123456', text: 'hi', message: 'x' }), 'makeSms', /unknown key 'text'/],
    [() => phone.makeCall({ number: '099123456', campaign: 'S' }, { timeoutMs: -1 }), 'makeCall', /timeoutMs must be an integer/],
    [() => phone.makeCall({ number: '099123456', campaign: 'S' }, { signal: new AbortController() }), 'makeCall', /signal must be an AbortSignal/],
    [() => phone.makeCall({ number: '099123456', campaign: 'S' }, { waitForEcho: 'yes' }), 'makeCall', /waitForEcho must be true or false/],
    [() => phone.makeCall({ number: '099123456', campaign: 'S' }, { wait: true }), 'makeCall', /unknown key 'wait'/],
    [() => phone.send('', {}), 'send', /action is required/],
    [() => phone.send('x', [1]), 'send', /params must be an object/],
    [() => phone.send('x', { fn() {} }), 'send', /params must be plain data/],
    [() => phone.on('', () => {}), 'on', /name is required/],
    [() => phone.on('gettingCall'), 'on', /handler must be a function/],
    [() => phone.onState(null), 'onState', /handler must be a function/],
    [() => phone.destroy({ remove: true }), 'destroy', /unknown key 'remove'/],
  ];
  for (const [fn, op, pattern] of cases) {
    const message = await refused(fn, op);
    assert.match(message, pattern);
    assert.ok(!message.includes('099'), message);
  }
  assert.deepEqual(frame.posted, []);
  phone.destroy();
});

test('waitForEcho: resolves on the makeCall event for the same number (any spelling), not another', async () => {
  const { phone, say } = embedded(embedUPhone);
  say(LOGIN);
  let settled = false;
  const p = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }).finally(() => { settled = true; });
  say({ action: 'makeCall', params: { number: '098111222' } });
  say({ action: 'gettingCall', params: { number: '099123456' } });
  await flush();
  assert.equal(settled, false);
  say({ action: 'makeCall', params: { number: 99123456, campaign: 'Sales', guid: 'g-1' } });
  const r = await p;
  assert.equal(r.echoed, true);
  assert.equal(r.event.name, 'makeCall');
  assert.equal(r.event.params.guid, 'g-1');
  phone.destroy();
});

// A real CRM posts {action: 'makecall'} (uCRamirez/seguros360, SendCall.vue; the simulated uPhone
// takes it since 3b74d74) and a real uPhone echoes the call it places as makeCall.
test("waitForEcho: the echo's name is matched in any letter case: send('makecall') is echoed by makeCall for its number", async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  let settled = false;
  const p = phone.send('makecall', { number: '099123456', campaign: 'Sales->' }, { waitForEcho: true, timeoutMs: 5_000 }).finally(() => { settled = true; });
  assert.deepEqual(frame.posted.map((m) => m.data.action), ['makecall'], 'posted as the caller wrote it');
  say({ action: 'makeCall', params: { number: '098111222' } });
  say({ action: 'makeCalls', params: { number: '099123456' } });
  await flush();
  assert.equal(settled, false, 'another number or another name is no echo');
  say({ action: 'makeCall', params: { number: 99123456, guid: 'g-1' } });
  const r = await p;
  assert.deepEqual([r.echoed, r.event.name, r.event.params.guid], [true, 'makeCall', 'g-1']);
  // And the other way: a command named as documented, an echo in another case.
  const q = phone.send('MakeCall', { number: '099123456' }, { waitForEcho: true, timeoutMs: 5_000 });
  say({ action: 'MAKECALL', params: { number: '099123456' } });
  assert.equal((await q).echoed, true);
  phone.destroy();
});

// README's defaults table and docs/correlation.md: the echo is matched by the number's digits,
// leading zeros left out (a JSON number loses them; `00` is `+`); other digits are another number.
test("waitForEcho: the number's digits without leading zeros decide: '0059899123456' is echoed by '+598 99 123 456', '099123456' not by '+59899123456'", async () => {
  const { phone, say } = embedded(embedUPhone);
  say(LOGIN);
  const intl = phone.makeCall({ number: '0059899123456', campaign: 'Sales' }, { waitForEcho: true });
  let national = 'pending';
  const local = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 60_000 })
    .then(() => { national = 'echoed'; }, (e) => { national = e.code; });
  await flush();
  say({ action: 'makeCall', params: { number: '+598 99 123 456', guid: 'g-0' } });
  say({ action: 'makeCall', params: { number: '+59899123456', guid: 'g-1' } });
  assert.equal((await intl).event.params.guid, 'g-0');
  await flush();
  assert.equal(national, 'pending', "'099123456' is not echoed by '+59899123456'");
  phone.destroy();
  await local;
  assert.equal(national, 'DESTROYED');
});

test('an event before the command was posted is not its echo', async () => {
  const { phone, say } = embedded(embedUPhone);
  let settled = false;
  // Queued: the agent starts the same call by hand, which also shows the agent is in.
  const p = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 200 }).then(() => { settled = true; }, (e) => e);
  say({ action: 'makeCall', params: { number: '099123456' } });
  await flush();
  assert.equal(settled, false);
  const e = await p;
  assert.ok(isBridgeError(e, 'TIMEOUT'), e?.message);
  assert.match(e.message, /^makeCall: sent, but no echo within 200 ms/);
  phone.destroy();
});

test("a command the log hook makes at an event's 'event' is not echoed by that event, heard before it was sent", async () => {
  // Before: 'event' was logged before the echo was looked for, so a makeCall the hook sent then took
  // the makeCall event being heard (the agent's own call to that number) as its echo.
  let phone;
  let made;
  const page = embedded(embedUPhone, { log: (e) => {
    captureLog(e);
    if (e.type === 'event' && e.name === 'makeCall') made ??= phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 200 });
  } });
  phone = page.phone;
  page.say(LOGIN);
  page.say({ action: 'makeCall', params: { number: '099123456' } });
  assert.equal(page.frame.posted.length, 1, 'sent');
  const e = await caught(() => made);
  assert.ok(isBridgeError(e, 'TIMEOUT'), e?.message);
  phone.destroy();
});

test('a queued command times out NOT_READY (never sent); a sent one TIMEOUT', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  const e = await caught(() => phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 20 }));
  assert.ok(isBridgeError(e, 'NOT_READY'));
  assert.match(e.message, /^makeCall: not sent: no sign of a logged-in agent within 20 ms/);
  say(LOGIN);
  assert.deepEqual(frame.posted, [], 'a command that failed is never sent later');
  const t = await caught(() => phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 20, waitForEcho: true }));
  assert.ok(isBridgeError(t, 'TIMEOUT'));
  assert.equal(frame.posted.length, 1);
  phone.destroy();
});

// A host page frozen (a background tab) past a queued command's time limit runs, on resume, the
// phone's login before the command's timer: the command was posted then (the phone dialled) and
// resolved as sent. Its time is up: never posted, its timer ends it, as the portal's requests.
test('a queued command whose time limit has passed when the agent logs in (a frozen page resumed) is never posted: NOT_READY from its timer', async (t) => {
  let clock = performance.now();
  t.mock.method(performance, 'now', () => clock);
  const { phone, say, frame } = embedded(embedUPhone);
  const late = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 50 }).then(() => 'sent', (e) => e);
  const onTime = phone.send('hold', {}, { timeoutMs: 5_000 });
  // Frozen until the first's limit (the timer has not run): due at that very ms, as a portal request.
  clock += 50;
  say(LOGIN);
  assert.deepEqual(frame.posted.map((p) => p.data.action), ['hold'], 'only the command still in time is posted');
  const e = await late;
  assert.ok(isBridgeError(e, 'NOT_READY'), String(e));
  assert.match(e.message, /^makeCall: not sent: no sign of a logged-in agent within 50 ms/);
  assert.deepEqual(await onTime, { action: 'hold', echoed: false });
  assert.deepEqual(frame.posted.map((p) => p.data.action), ['hold'], 'never posted later');
  phone.destroy();
});

test('commands queued when ready fails reject NOT_READY with ready', async () => {
  const { phone, frame } = embedded(embedUPhone, { readyTimeoutMs: 20 });
  const r = await Promise.allSettled([phone.ready, phone.makeCall({ number: '099123456', campaign: 'S' }, { timeoutMs: 60_000 })]);
  assert.deepEqual(r.map((x) => x.reason?.code), ['NOT_READY', 'NOT_READY']);
  assert.match(r[1].reason.message, /^makeCall: not sent: no sign of a logged-in agent within 20 ms/);
  assert.deepEqual(frame.posted, []);
  phone.destroy();
});

test('after agentLogout commands wait for the next login', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  say({ action: 'agentLogout', params: {} });
  assert.equal(phone.loggedIn, false);
  const p = phone.makeCall({ number: '099123456', campaign: 'S' });
  await flush();
  assert.deepEqual(frame.posted, []);
  say(LOGIN);
  await p;
  assert.equal(frame.posted.length, 1);
  phone.destroy();
});

test('abort: before the call, while queued (never sent), while awaiting the echo (sent)', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  const args = { number: '099123456', campaign: 'S' };
  const early = await caught(() => phone.makeCall(args, { signal: AbortSignal.abort() }));
  assert.ok(isBridgeError(early, 'ABORTED'));
  assert.match(early.message, /never sent/);
  const c1 = new AbortController();
  const queued = phone.makeCall(args, { signal: c1.signal });
  c1.abort();
  const e1 = await caught(() => queued);
  assert.ok(isBridgeError(e1, 'ABORTED'));
  assert.match(e1.message, /\(never sent\)/);
  say(LOGIN);
  assert.deepEqual(frame.posted, [], 'an aborted command is never sent');
  const c2 = new AbortController();
  const echo = phone.makeCall(args, { signal: c2.signal, waitForEcho: true });
  await flush();
  c2.abort();
  const e2 = await caught(() => echo);
  assert.match(e2.message, /\(sent\)/);
  assert.equal(frame.posted.length, 1);
  phone.destroy();
});

// The caller's signal object is theirs (a polyfill, a framework's own): its removeEventListener
// may throw. The command still settles as it would, once, with its own result.
test('a signal whose removeEventListener throws: sent, echoed and timed-out commands settle as without it', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  const signal = { aborted: false, addEventListener() {}, removeEventListener() { throw new Error('polyfill bug'); } };
  assert.deepEqual(await phone.send('mute', {}, { signal }), { action: 'mute', echoed: false });
  const echo = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, signal, timeoutMs: 5_000 });
  await flush();
  say({ action: 'makeCall', params: { number: '099123456', guid: 'g-1' } });
  assert.equal((await echo).event.params.guid, 'g-1');
  const late = await caught(() => phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, signal, timeoutMs: 20 }));
  assert.ok(isBridgeError(late, 'TIMEOUT'), late?.message);
  assert.equal(frame.posted.length, 3);
  phone.destroy();
});

test('on(): by name and "*", unsubscribe, a throwing handler breaks nothing and is only logged', async () => {
  const events = [];
  const { phone, say, reported } = embedded(embedUPhone, { log: (e) => events.push(e) });
  const got = [];
  const off = phone.on('gettingCall', (e) => got.push(['named', e.params.number]));
  phone.on('gettingCall', () => { throw new Error('handler bug'); });
  phone.on('*', (e) => got.push(['all', e.name]));
  phone.on('finishedCall', (e) => got.push(['finished', e.params.guid]));
  say({ action: 'gettingCall', params: { number: 99123456 } });
  off();
  off();
  say({ action: 'gettingCall', params: { number: '098111222' } });
  say({ action: 'finishedCall', params: { guid: 'g' } });
  say({ event: 'brandNew', data: {} });
  assert.deepEqual(got, [['named', '99123456'], ['all', 'gettingCall'], ['all', 'gettingCall'], ['finished', 'g'], ['all', 'finishedCall'], ['all', 'brandNew']]);
  // Not handed to reportError (the browser would print it: its text may quote the call).
  assert.equal(reported.length, 0);
  // Logged once the handler's call has settled (a throw, or an async handler's rejection).
  await flush();
  assert.deepEqual(events.filter((e) => e.type === 'handlerFailed'), [{ type: 'handlerFailed', name: 'gettingCall' }, { type: 'handlerFailed', name: 'gettingCall' }]);
  phone.destroy();
});

// An async handler (the type `(event) => void` takes one) that rejects is a handler that failed:
// the same log event, and no unhandled rejection (the browser would print it; Node would stop).
test('an async handler or onState handler that rejects is logged handlerFailed, never an unhandled rejection', async () => {
  const events = [];
  const { phone, say, reported } = embedded(embedUPhone, { log: (e) => events.push(e) });
  const got = [];
  const seen = await unhandledDuring(async () => {
    phone.on('gettingCall', async () => { throw new Error('async handler bug'); });
    phone.onState(async () => { throw new Error('state handler bug'); });
    phone.on('*', () => { throw new Error('catch-all handler bug'); });
    phone.on('gettingCall', (e) => got.push(e.params.number));
    say({ action: 'gettingCall', params: { number: '099123456' } });
    await flush();
  });
  assert.deepEqual(seen, []);
  assert.deepEqual(got, ['099123456']);
  assert.equal(reported.length, 0);
  // Named as the log event's declaration says: a '*' handler is 'other' (not letters), onState's 'state'.
  // (A sync throw is logged a tick before an async handler's rejection: the order is not the point.)
  assert.deepEqual(events.filter((e) => e.type === 'handlerFailed').map((e) => e.name).sort(), ['gettingCall', 'other', 'state']);
  assert.ok(events.every((e) => e.type !== 'handlerFailed' || Object.keys(e).length === 2));
  phone.destroy();
});

test('a message named "*" reaches "*" handlers once; onState is not reachable by a message name', async () => {
  const { phone, say } = embedded(embedUPhone);
  const got = [];
  phone.on('*', (e) => got.push(e.name));
  phone.onState((s) => got.push(`state:${s.status}`));
  say({ action: '*' });
  say({ action: 'state', params: { status: 'inCall' } });
  assert.deepEqual(got, ['*', 'state']);
  assert.equal(phone.state.status, 'idle');
  phone.destroy();
});

test('onState: called on each change with the new state; usable as useSyncExternalStore(subscribe, getSnapshot)', () => {
  const { phone, say } = embedded(embedUPhone);
  const { onState } = phone; // unbound, as React calls it
  const states = [];
  const off = onState((s) => states.push(s));
  const snapshot = () => phone.state;
  const first = snapshot();
  assert.equal(snapshot(), first, 'same object while nothing changes');
  say(LOGIN);
  assert.equal(snapshot(), first, 'a login is no call change');
  say({ action: 'gettingCall', params: { number: '099123456', campaign: 'Sales', guid: 'g-1' } });
  assert.equal(states.length, 1);
  assert.equal(states[0], snapshot());
  assert.deepEqual({ ...states[0], since: 0, event: undefined }, {
    status: 'ringing', number: '099123456', campaign: 'Sales', guid: 'g-1', direction: 'inbound', since: 0, event: undefined,
  });
  assert.ok(Object.isFrozen(states[0]));
  off();
  say({ action: 'finishedCall', params: { guid: 'g-1' } });
  assert.equal(states.length, 1);
  assert.equal(phone.state.status, 'idle');
  phone.destroy();
});

test('the handle as a value: JSON.stringify(phone) or a walk of its keys (a store\'s serialiser, an error reporter) holds no call', () => {
  const { phone, say } = embedded(embedUPhone);
  say(LOGIN);
  say({ action: 'gettingCall', params: { number: '099123456', campaign: 'Sales', guid: 'g-1', clientId: '59899555014' } });
  assert.equal(phone.state.number, '099123456', 'read by name, the state is there');
  // The stand-in iframe is no DOM element (a browser's serialises as {}): shown by name.
  const text = JSON.stringify({ store: { phone } }, (k, v) => (k === 'iframe' ? 'the iframe' : v));
  for (const secret of ['099123456', '59899555014', 'g-1', 'Sales']) assert.ok(!text.includes(secret), text);
  assert.deepEqual(JSON.parse(text).store.phone, { iframe: 'the iframe', origin: PHONE_ORIGIN, ready: {}, loggedIn: true });
  assert.ok(!Object.keys(phone).includes('state'));
  assert.equal({ ...phone }.state, undefined, 'nor a copy of its own fields');
  assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(phone)), Object.prototype, 'the handle is still an Object');
  phone.destroy();
});

test('an event is frozen: a handler that writes to it changes nothing for the next handler, phone.state, or an echo', async () => {
  const { phone, say } = embedded(embedUPhone);
  say(LOGIN);
  const seen = [];
  const write = (e) => {
    seen.push(e);
    e.params.number = '000';
    e.params.guid = 'g-forged';
  };
  phone.on('gettingCall', write);
  phone.on('*', (e) => {
    e.problems.push('number');
    e.name = 'finishedCall';
  });
  phone.on('gettingCall', (e) => seen.push({ name: e.name, number: e.params.number, guid: e.params.guid, problems: [...e.problems] }));
  say({ action: 'gettingCall', params: { number: 99123456, guid: 'g-1' } });
  await flush();
  const [e, next] = seen;
  assert.deepEqual(next, { name: 'gettingCall', number: '99123456', guid: 'g-1', problems: [] });
  assert.ok(Object.isFrozen(e) && Object.isFrozen(e.params) && Object.isFrozen(e.problems));
  assert.equal(phone.state.event, e);
  assert.deepEqual([e.name, e.params.number, e.problems, phone.state.number, phone.state.guid], ['gettingCall', '99123456', [], '99123456', 'g-1']);
  phone.destroy();
});

test('a field the message did not send reads undefined in a handler, whatever the page put on Object.prototype', async () => {
  const keys = ['number', 'campaign', 'guid', 'clientId', 'customerName'];
  const { phone, say } = embedded(embedUPhone);
  const got = [];
  phone.on('gettingCall', (e) => got.push(keys.map((k) => e.params[k])));
  try {
    for (const k of keys) Object.defineProperty(Object.prototype, k, { value: `polluted-${k}`, configurable: true, writable: true });
    say({ action: 'gettingCall', params: { number: '099123456' } });
    await flush();
  } finally {
    for (const k of keys) delete Object.prototype[k];
  }
  assert.deepEqual(got, [['099123456', undefined, undefined, undefined, undefined]]);
  phone.destroy();
});

test("destroy(): a pending command's DESTROYED says whether it was sent, as its TIMEOUT and ABORTED do", async () => {
  const args = { number: '099123456', campaign: 'S' };
  // Queued: no agent in yet, nothing posted.
  const a = embedded(embedUPhone);
  const queued = a.phone.makeCall(args);
  const ready = a.phone.ready;
  a.phone.destroy();
  const never = await caught(() => queued);
  assert.ok(isBridgeError(never, 'DESTROYED'), never.message);
  assert.equal(never.message, 'makeCall: the uPhone was destroyed (never sent)');
  assert.equal((await caught(() => ready)).message, 'ready: the uPhone was destroyed');
  assert.deepEqual(a.frame.posted, []);
  // Posted, waiting for its echo: the uPhone may be placing the call.
  const b = embedded(embedUPhone);
  b.say(LOGIN);
  const echo = b.phone.makeCall(args, { waitForEcho: true });
  await flush();
  assert.equal(b.frame.posted.length, 1);
  b.phone.destroy();
  const sent = await caught(() => echo);
  assert.ok(isBridgeError(sent, 'DESTROYED'), sent.message);
  assert.equal(sent.message, 'makeCall: the uPhone was destroyed (sent)');
  // After destroy() nothing is sent: the call's own DESTROYED says no more.
  assert.equal((await caught(() => b.phone.makeCall(args))).message, 'makeCall: the uPhone was destroyed');
});

test('destroy(): the listener goes, what waits rejects DESTROYED, later calls too; twice is harmless', async () => {
  const logs = [];
  const { phone, say, host, frame } = embedded(embedUPhone, { log: (e) => logs.push(e.type) });
  const got = [];
  phone.on('*', (e) => got.push(e.name));
  const queued = phone.makeCall({ number: '099123456', campaign: 'S' });
  const ready = phone.ready;
  phone.destroy();
  phone.destroy();
  for (const [p, op] of [[queued, 'makeCall'], [ready, 'ready']]) {
    const e = await caught(() => p);
    assert.ok(isBridgeError(e, 'DESTROYED'), e.message);
    assert.equal(e.operation, op);
  }
  assert.equal(host.listenerCount, 0);
  say(LOGIN);
  assert.deepEqual(got, []);
  assert.ok(isBridgeError(await caught(() => phone.makeCall({ number: '099123456', campaign: 'S' })), 'DESTROYED'));
  // DESTROYED first, whatever the arguments, as the portal's and the Inbox's clients answer: the
  // embed is gone, so no argument could make the call work.
  for (const call of [() => phone.makeCall({}), () => phone.makeSms({ number: 'x' }), () => phone.send('', 5), () => phone.send(Symbol('x')), () => phone.send(Object.create(null)), () => phone.makeCall({ number: '099123456', campaign: 'S' }, { bogus: 1 })]) {
    const e = await caught(call);
    assert.ok(isBridgeError(e, 'DESTROYED'), `${e.code}: ${e.message}`);
  }
  assert.deepEqual(frame.posted, []);
  const off = phone.on('x', () => {});
  off();
  assert.equal(logs.filter((t) => t === 'destroyed').length, 1);
});

test('destroy() from inside a handler stops the other handlers', () => {
  const { phone, say } = embedded(embedUPhone);
  const got = [];
  phone.on('gettingCall', () => { got.push(1); phone.destroy(); });
  phone.on('gettingCall', () => got.push(2));
  phone.on('*', () => got.push(3));
  say({ action: 'gettingCall', params: {} });
  assert.deepEqual(got, [1]);
});

test("destroy() from the log hook of a command's 'sent' leaves it off the iframe's echo list: the next embed of the iframe gets its echo", async () => {
  let phone;
  const page = embedded(embedUPhone, { log: (e) => { if (e.type === 'sent') phone.destroy(); } });
  phone = page.phone;
  page.say(LOGIN);
  const first = await caught(() => phone.makeCall({ number: '099123456', campaign: 'S' }, { waitForEcho: true }));
  assert.ok(isBridgeError(first, 'DESTROYED'), first.message);
  assert.equal(page.frame.posted.length, 1);
  // A remount on the same iframe: its makeCall's echo is its own, not taken by the destroyed one.
  const again = embedUPhone({ iframe: page.iframe, readyTimeoutMs: 60_000, log: captureLog });
  const call = again.makeCall({ number: '099123456', campaign: 'S' }, { waitForEcho: true, timeoutMs: 500 });
  await flush();
  page.say({ action: 'makeCall', params: { number: '099123456', guid: 'g-2' } });
  const r = await call.catch((e) => e);
  assert.equal(r.echoed, true, `${r.code}: ${r.message}`);
  assert.equal(r.event.params.guid, 'g-2');
  again.destroy();
});

test('destroy() from a log hook while queued commands go out at the login: none is posted after it', async () => {
  let phone;
  const page = embedded(embedUPhone, { log: (e) => { if (e.type === 'sent') phone.destroy(); } });
  phone = page.phone;
  const a = phone.send('hold', {}).then((r) => r.action, (e) => e.code);
  const b = phone.send('mute', {}).then((r) => r.action, (e) => e.code);
  const c = phone.makeCall({ number: '099123456', campaign: 'S' }, { waitForEcho: true }).then((r) => r.action, (e) => e.code);
  page.say(LOGIN);
  assert.deepEqual(page.frame.posted.map((p) => p.data.action), ['hold'], 'nothing posted once destroyed');
  assert.deepEqual([await a, await b, await c], ['hold', 'DESTROYED', 'DESTROYED']);
  assert.equal(page.iframe[Symbol.for('ucontact-bridge.uphone.echo')].size, 0);
  // A hook that aborts a queued command: that one is not posted either.
  const ac = new AbortController();
  const other = embedded(embedUPhone, { log: (e) => { if (e.type === 'sent') ac.abort(); } });
  const sent = other.phone.send('hold', {});
  const aborted = other.phone.send('mute', {}, { signal: ac.signal }).then(() => 'sent', (e) => e.code);
  other.say(LOGIN);
  assert.deepEqual([(await sent).action, await aborted], ['hold', 'ABORTED']);
  assert.deepEqual(other.frame.posted.map((p) => p.data.action), ['hold']);
  other.phone.destroy();
});

test("a command the log hook makes while queued commands go out at the login is posted after them, in call order", async () => {
  // Before: the embed counted as open while it posted what was queued, so a command the hook made at
  // the first one's 'sent' was posted at once, ahead of the commands called before it.
  let phone;
  const page = embedded(embedUPhone, { log: (e) => {
    captureLog(e);
    if (e.type === 'sent' && e.name === 'hold') phone.send('record', {});
  } });
  phone = page.phone;
  const queued = [phone.send('hold', {}), phone.send('mute', {}), phone.makeCall({ number: '099123456', campaign: 'S' })];
  page.say(LOGIN);
  assert.deepEqual(page.frame.posted.map((p) => p.data.action), ['hold', 'mute', 'makeCall', 'record']);
  await Promise.all(queued);
  phone.destroy();
});

test('log events are redacted: names (letters only) and reasons, never numbers or data', async () => {
  const events = [];
  const { phone, say } = embedded(embedUPhone, { log: (e) => { events.push(e); captureLog(e); } });
  say(LOGIN);
  say({ action: 'gettingCall', params: { number: '099123456', campaign: 'Sales' } });
  say({ action: '099123456', params: { number: '099123456' } });
  await phone.makeCall({ number: '098111222', campaign: 'Sales' });
  await phone.send('call099123456', { number: '099123456' });
  const text = JSON.stringify(events);
  assert.ok(!/\d{4}/.test(text), text);
  assert.deepEqual(events.map((e) => e.type), ['event', 'ready', 'event', 'event', 'sent', 'sent']);
  assert.deepEqual(events.map((e) => e.name), ['agentLogin', undefined, 'gettingCall', 'other', 'makeCall', 'other']);
  phone.destroy();
});

test('an async log hook that rejects leaves no unhandled rejection, as with the REST clients\' hook', async () => {
  // Before: one unhandled rejection per event ('event', 'ready', 'sent', 'destroyed').
  const seen = await unhandledDuring(async () => {
    const { phone, say } = embedded(embedUPhone, { log: async () => { throw new Error('hook'); } });
    say(LOGIN);
    await phone.ready;
    await phone.makeCall({ number: '099123456', campaign: 'S' });
    phone.destroy();
  });
  assert.deepEqual(seen, []);
});

test('a log hook that throws breaks nothing', async () => {
  const { phone, say } = embedded(embedUPhone, { log: () => { throw new Error('hook'); } });
  say(LOGIN);
  await phone.ready;
  await phone.makeCall({ number: '099123456', campaign: 'S' });
  phone.destroy();
});

test("readyOn 'load': ready and commands on the frame's load event, before any message; agentLogout does not close it", async () => {
  const { phone, say, frame, iframe } = embedded(embedUPhone, { readyOn: 'load' });
  let done = false;
  phone.ready.then(() => { done = true; }, () => {});
  const call = phone.makeCall({ number: '099123456', campaign: 'Sales' });
  await flush();
  assert.deepEqual([done, frame.posted.length, phone.loggedIn], [false, 0, false], 'queued until the frame loads');
  iframe.fire('load');
  await call;
  assert.deepEqual([done, phone.loggedIn], [true, false], 'ready without any sign of an agent');
  assert.deepEqual(frame.posted.map((p) => p.data), [{ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }]);
  say({ event: 'assignedInteraction', data: { guid: 'i-1' } });
  assert.equal(phone.loggedIn, true);
  say({ action: 'agentLogout' });
  assert.equal(phone.loggedIn, false);
  await phone.send('hold', { on: true });
  assert.equal(frame.posted.length, 2, 'the frame is still loaded: commands go');
  phone.destroy();
  assert.deepEqual(iframe.listeners, [], 'destroy() removes the load listener');
});

test("readyOn 'load': a login heard before the frame's load event marks the agent in, but ready still waits for the load", async () => {
  const { phone, say, frame, iframe } = embedded(embedUPhone, { readyOn: 'load' });
  let done = false;
  phone.ready.then(() => { done = true; }, () => {});
  const call = phone.makeCall({ number: '099123456', campaign: 'Sales' });
  say(LOGIN);
  await flush();
  assert.deepEqual([done, frame.posted.length, phone.loggedIn], [false, 0, true], 'opened by the login, not the load');
  iframe.fire('load');
  await call;
  assert.equal(done, true);
  assert.deepEqual(frame.posted.map((p) => p.data), [{ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }]);
  phone.destroy();
});

test("readyOn 'load': NOT_READY says the frame did not load; readyOn is checked", async () => {
  const { phone, iframe, frame } = embedded(embedUPhone, { readyOn: 'load', readyTimeoutMs: 20 });
  const e = await caught(() => phone.ready);
  assert.ok(isBridgeError(e, 'NOT_READY'));
  assert.equal(e.message, 'ready: the frame did not load within 20 ms');
  // A late load still opens it: a command is posted at once.
  iframe.fire('load');
  await phone.send('x', undefined, { timeoutMs: 50 });
  assert.deepEqual(frame.posted.map((p) => p.data), [{ action: 'x', params: {} }]);
  phone.destroy();
  const { container } = hostPage();
  await refused(() => embedUPhone({ container, url: PHONE_URL, readyOn: 'login' }), 'embedUPhone');
  await refused(() => embedUPhone({ container, url: PHONE_URL, readyon: 'load' }), 'embedUPhone');
  // The default ('agent') is not opened by the frame's load: a queued command stays queued, not
  // ready. (It hears the load, a new page, for the call state; destroy() stops listening.)
  const plain = embedded(embedUPhone);
  let settled = false;
  plain.phone.ready.then(() => { settled = true; }, () => { settled = true; });
  const queued = plain.phone.makeCall({ number: '099123456', campaign: 'S' }).catch((x) => x);
  plain.iframe.fire('load');
  await flush();
  assert.deepEqual([plain.frame.posted.length, settled], [0, false]);
  plain.phone.destroy();
  assert.deepEqual(plain.iframe.listeners, []);
  assert.ok(isBridgeError(await queued, 'DESTROYED'));
});

test('makeSms refuses waitForEcho (the uPhone posts no makeSms event), through send too and in any letter case; makeCall and other actions take it', async () => {
  const { phone, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  const msg = await refused(() => phone.makeSms({ number: '099123456', message: 'hi' }, { waitForEcho: true }), 'makeSms');
  assert.match(msg, /waitForEcho: the uPhone posts no makeSms event/);
  await refused(() => phone.send('makeSms', { number: '099123456', message: 'hi' }, { waitForEcho: true }), 'makeSms');
  // In any letter case: an echo is matched in any case (send('makecall') is echoed by makeCall), and
  // the uPhone posts no SMS event in any, so 'makesms' waited for its timeout.
  for (const action of ['makesms', 'MAKESMS', 'MakeSms']) {
    await refused(() => phone.send(action, { number: '099123456', message: 'hi' }, { waitForEcho: true, timeoutMs: 1_000 }), action);
  }
  assert.equal(frame.posted.length, 0, 'nothing posted');
  await phone.makeSms({ number: '099123456', message: 'hi' }, { waitForEcho: false });
  assert.equal(frame.posted.length, 1);
  // makeCall and another action wait for their echo.
  const call = phone.makeCall({ number: '099123456', campaign: 'S' }, { waitForEcho: true });
  const hold = phone.send('hold', { number: '099123456' }, { waitForEcho: true });
  say({ action: 'makeCall', params: { number: '099123456' } });
  say({ action: 'hold', params: { number: '099123456' } });
  assert.deepEqual([(await call).echoed, (await hold).echoed], [true, true]);
  assert.equal(frame.posted.length, 3);
  phone.destroy();
});

test('two embeds of one iframe: one echo ends one command, the oldest of either embed, never one of each', async () => {
  const { phone, iframe, say } = embedded(embedUPhone);
  const other = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: globalThis.captureLog });
  say(LOGIN);
  const done = [];
  const a = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }).then(() => done.push('a'));
  const b = other.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }).then(() => done.push('b'));
  say({ action: 'makeCall', params: { number: '099123456' } });
  await flush();
  assert.deepEqual(done, ['a']);
  say({ action: 'makeCall', params: { number: '099123456' } });
  await Promise.all([a, b]);
  assert.deepEqual(done, ['a', 'b']);
  phone.destroy();
  other.destroy();
});

test('no timer outlives what it guards: ready and every command clear theirs when they settle', async () => {
  const live = new Set();
  const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
  globalThis.setTimeout = (fn, ms, ...args) => {
    const id = realSet(() => {
      live.delete(id);
      fn(...args);
    }, ms);
    live.add(id);
    return id;
  };
  globalThis.clearTimeout = (id) => {
    live.delete(id);
    realClear(id);
  };
  try {
    const { phone, say } = embedded(embedUPhone);
    say(LOGIN);
    await phone.ready;
    await phone.makeCall({ number: '099123456', campaign: 'Sales' });
    const echoed = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true });
    say({ action: 'makeCall', params: { number: '099123456' } });
    await echoed;
    assert.equal(live.size, 0, 'a settled ready or command left its timer running');
    phone.destroy();
  } finally {
    globalThis.setTimeout = realSet;
    globalThis.clearTimeout = realClear;
  }
});

test('a handler removed by another handler during the same event is not called (as with DOM listeners); none is skipped', () => {
  const { phone, say } = embedded(embedUPhone);
  const got = [];
  let offB;
  let offState;
  phone.on('gettingCall', () => { got.push('a'); offB(); });
  offB = phone.on('gettingCall', () => got.push('b'));
  phone.on('gettingCall', () => got.push('c'));
  phone.onState(() => { got.push('state1'); offState(); });
  offState = phone.onState(() => got.push('state2'));
  const offStar = phone.on('*', () => got.push('star'));
  phone.on('gettingCall', () => offStar());
  say({ action: 'gettingCall', params: { number: '099123456', guid: 'g-1' } });
  assert.deepEqual(got, ['state1', 'a', 'c']);
  phone.destroy();
});

test('a handler subscribed by another handler during an event is first called for the next event (as with DOM listeners)', () => {
  const { phone, say } = embedded(embedUPhone);
  const got = [];
  phone.on('gettingCall', () => { got.push('a'); phone.on('gettingCall', () => got.push('late')); });
  phone.onState((s) => { if (s.status === 'ringing') phone.onState((t) => got.push(`lateState:${t.status}`)); });
  say({ action: 'gettingCall', params: { number: '099123456', guid: 'g-1' } });
  assert.deepEqual(got, ['a'], 'not called for the event it was subscribed during');
  say({ action: 'finishedCall', params: { guid: 'g-1' } });
  assert.deepEqual(got, ['a', 'lateState:idle']);
  phone.destroy();
});

test("a handler that destroys the embed and then throws: nothing is logged after 'destroyed'", async () => {
  const events = [];
  const { phone, say } = embedded(embedUPhone, { log: (e) => events.push(e.type) });
  phone.on('gettingCall', () => { phone.destroy(); throw new Error('after destroy'); });
  say({ action: 'gettingCall', params: { number: '099123456' } });
  await flush();
  assert.equal(events.at(-1), 'destroyed');
  assert.equal(events.filter((t) => t === 'handlerFailed').length, 0);
});

test("a command made by the log hook of 'notReady' waits for its own time limit: the ready timeout ends only the commands queued before it", async () => {
  let phone;
  let late;
  const page = embedded(embedUPhone, { readyTimeoutMs: 20, log: (e) => { if (e.type === 'notReady') late = phone.makeCall({ number: '099123456', campaign: 'S' }, { timeoutMs: 60_000 }); } });
  phone = page.phone;
  const early = phone.makeCall({ number: '099123457', campaign: 'S' });
  assert.ok(isBridgeError(await caught(() => early), 'NOT_READY'));
  page.say({ action: 'agentLogin', params: {} });
  const r = await late;
  assert.deepEqual([r.action, r.echoed], ['makeCall', false]);
  assert.deepEqual(page.frame.posted.map((p) => p.data.params.number), ['099123456']);
  phone.destroy();
});

test("send(action): errors name the action only when it is letters only (as log events do), never a number written in it", async () => {
  const { phone, say } = embedded(embedUPhone, { readyTimeoutMs: 50 });
  const action = 'call099123456';
  const errors = [];
  const keep = (p) => p.then(() => assert.fail('resolved'), (e) => errors.push(e));
  const waits = [
    keep(phone.send(action, {}, { bogus: 1 })),
    keep(phone.send(action, {}, { signal: AbortSignal.abort() })),
    keep(phone.send(action, {}, { timeoutMs: 10 })),
  ];
  await Promise.all(waits);
  say(LOGIN);
  await keep(phone.send(action, {}, { waitForEcho: true, timeoutMs: 10 }));
  const gone = keep(phone.send(action, {}, { waitForEcho: true, timeoutMs: 1000 }));
  phone.destroy();
  await gone;
  assert.deepEqual(errors.map((e) => e.code).sort(), ['ABORTED', 'DESTROYED', 'INVALID_ARGUMENT', 'NOT_READY', 'TIMEOUT']);
  for (const e of errors) {
    assert.ok(!/\d{4}/.test(e.message) && !/\d{4}/.test(e.operation), `${e.code}: ${e.operation} / ${e.message}`);
    assert.equal(e.operation, 'other');
  }
  // A letters-only action is named as it is.
  const e = await caught(() => phone.send('hold', {}));
  assert.equal(e.operation, 'hold');
});

test('on() and onState() with one shared function from two components: each unsubscribe ends its own subscription only', () => {
  const { phone, say } = embedded(embedUPhone);
  const got = [];
  const popUp = (e) => got.push(e.params.number);
  const show = (s) => got.push(s.status);
  const offA = phone.on('gettingCall', popUp);
  const offB = phone.on('gettingCall', popUp);
  const offStateA = phone.onState(show);
  phone.onState(show);
  say({ action: 'gettingCall', params: { number: '099123456', guid: 'g1' } });
  assert.deepEqual(got, ['ringing', 'ringing', '099123456', '099123456'], 'each subscription is called');
  offA();
  offStateA();
  say({ action: 'finishedCall', params: { guid: 'g1' } });
  say({ action: 'gettingCall', params: { number: '098111222', guid: 'g2' } });
  assert.deepEqual(got.slice(4), ['idle', 'ringing', '098111222'], 'the other component still hears the phone');
  offB();
  phone.destroy();
});

test('a remount starts from the state last heard, also from events that are no sign of login: an Events API interaction with readyOn load, an agentLogout ending a call', () => {
  const { phone, say, iframe } = embedded(embedUPhone, { readyOn: 'load' });
  iframe.fire('load');
  say({ event: 'assignedInteraction', data: { guid: 'i-1' } });
  assert.equal(phone.state.status, 'inCall');
  phone.destroy();
  const again = embedUPhone({ iframe, readyOn: 'load', readyTimeoutMs: 60_000, log: globalThis.captureLog });
  assert.equal(again.state.status, 'inCall', 'the interaction goes on in the frame');
  again.destroy();
  const page = embedded(embedUPhone);
  page.say(LOGIN);
  page.say({ action: 'gettingCall', params: { number: '099123456', guid: 'g1' } });
  page.say({ action: 'agentLogout' });
  assert.equal(page.phone.state.status, 'idle');
  page.phone.destroy();
  const next = embedUPhone({ iframe: page.iframe, readyTimeoutMs: 60_000, log: globalThis.captureLog });
  assert.equal(next.state.status, 'idle', 'the logout ended the call');
  next.destroy();
});

test('embedded again after the iframe was pointed at another instance: the other origin\'s call state is not carried over', () => {
  const { phone, say, iframe } = embedded(embedUPhone);
  say(LOGIN);
  say({ action: 'gettingCall', params: { number: '099123456', guid: 'g1' } });
  assert.equal(phone.state.status, 'ringing');
  // The app switches its phone to another instance (its iframe's src), and embeds it again.
  phone.destroy();
  iframe.src = 'https://other.ucontactcloud.com/uphone/';
  const other = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: globalThis.captureLog });
  assert.equal(other.origin, 'https://other.ucontactcloud.com');
  assert.equal(other.state.status, 'idle');
  other.destroy();
  // The same instance again: a new page of it (the navigation away unloaded the one with the call),
  // which knows nothing of the old call: idle, not the call last heard from the old page.
  iframe.src = PHONE_URL;
  const same = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: globalThis.captureLog });
  assert.equal(same.state.status, 'idle');
  same.destroy();
});

// A CRM that switches the agent's instance on one iframe (its src to the other tenant's uPhone) and
// adopts it again: a command of the first embed still waiting for its echo was ended by the second
// embed with the other origin's event, which the first one never accepts (its caller got a call of
// another instance as its own makeCall's echo).
test("an echo from the iframe's new origin never ends a command of an embed of its old origin", async () => {
  const { phone, iframe, say, frame } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  const old = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 200 })
    .then((r) => `echoed by ${r.event?.params?.guid}`, (e) => e.code);
  const beta = 'https://beta.ucontactcloud.com';
  iframe.src = `${beta}/uphone/`;
  frame.location.origin = beta;
  const other = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: captureLog });
  assert.equal(other.origin, beta);
  const mine = other.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 200 })
    .then((r) => `echoed by ${r.event?.params?.guid}`, (e) => e.code);
  say({ action: 'agentLogin', params: { agent: 'agent1001' } }, { origin: beta });
  await flush();
  say({ action: 'makeCall', params: { number: '099123456', guid: 'beta-1' } }, { origin: beta });
  assert.equal(await mine, 'echoed by beta-1', "the new origin's echo ends its own embed's command");
  assert.equal(await old, 'TIMEOUT', "the old origin's command is never ended by another origin's event");
  phone.destroy();
  other.destroy();
});

// Recovery: a command whose post fails (the frame out of the page: no contentWindow) is NOT_READY,
// and leaves nothing behind; the embed's next command, once the frame is back, goes out as usual.
test('a command that could not be posted (the frame out of the page) is NOT_READY; the next one, the frame back, is sent', async () => {
  const { phone, iframe, frame, say } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  iframe.contentWindow = null;
  const e = await caught(() => phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }));
  assert.ok(isBridgeError(e, 'NOT_READY'), `${e?.code}: ${e?.message}`);
  assert.match(e.message, /^makeCall: not sent: the uPhone frame is not in the page/);
  iframe.contentWindow = frame;
  const echoed = phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true });
  assert.deepEqual(frame.posted.map((p) => p.data.action), ['makeCall'], 'the failed command was never posted; the next one was');
  say({ action: 'makeCall', params: { number: '099123456' } });
  assert.equal((await echoed).echoed, true, 'the echo ended the command that was sent');
  phone.destroy();
});

test("a load of the frame after one heard is a new page: a call it showed is dropped (onState once), an idle state is kept, a remount starts idle; a call heard before the first load is kept", async () => {
  for (const readyOn of ['agent', 'load']) {
    const { phone, say, iframe } = embedded(embedUPhone, { readyOn });
    const states = [];
    phone.onState((s) => states.push(s.status));
    // The phone may post before its document's load event: its first load is no new page.
    say({ action: 'gettingCall', params: { number: '099123456', guid: 'g-1' } });
    iframe.fire('load');
    await flush();
    assert.equal(phone.state.number, '099123456');
    // The page navigated the frame away (another origin, about:blank) or back: that page is gone.
    iframe.fire('load');
    await flush();
    assert.deepEqual([phone.state.status, Object.keys(phone.state).sort()], ['idle', ['since', 'status']]);
    const idleState = phone.state;
    iframe.fire('load');
    await flush();
    assert.equal(phone.state, idleState, 'an idle state is kept (same object)');
    assert.deepEqual(states, ['ringing', 'idle']);
    // Its finishedCall never comes; a remount of the iframe starts from what the load said.
    const again = embedUPhone({ iframe, readyTimeoutMs: 60_000 });
    assert.equal(again.state.status, 'idle');
    again.destroy();
    phone.destroy();
  }
});

// A command sent without a number (sentDispositions, a hold of the current call) is echoed by its
// event whatever number the event carries: only a command's own number narrows its echo.
test('waitForEcho: a command without a number is echoed by its event, which names the call\'s number', async () => {
  const { phone, say } = embedded(embedUPhone);
  say(LOGIN);
  await phone.ready;
  const sent = phone.send('sentDispositions', { disposition: 'Sold' }, { waitForEcho: true, timeoutMs: 5_000 });
  say({ action: 'sentDispositions', params: { number: '099123456', guid: 'g-1' } });
  const r = await sent;
  assert.deepEqual([r.echoed, r.event.params.guid], [true, 'g-1']);
  phone.destroy();
});

// A uContact X instance posts nothing before an interaction comes: with readyOn 'load', the frame's
// load alone opened the first embed. A remount (the frame's load fires only once) opens at once, as
// the first embed's opening left its origin's key on the iframe; without it, the remount waited for
// a load that never comes and failed NOT_READY, its commands never sent.
test("readyOn 'load': a remount after the frame loaded, with no message ever heard, is ready at once and sends", async () => {
  const { phone, iframe, frame } = embedded(embedUPhone, { readyOn: 'load' });
  iframe.fire('load');
  await phone.ready;
  phone.destroy();
  const again = embedUPhone({ iframe, readyOn: 'load', readyTimeoutMs: 60_000, log: captureLog });
  let ready = false;
  again.ready.then(() => { ready = true; }, () => undefined);
  await flush();
  assert.equal(ready, true, 'ready with no second load');
  await again.send('hold', {});
  assert.deepEqual(frame.posted.map((p) => p.data.action), ['hold']);
  again.destroy();
});
