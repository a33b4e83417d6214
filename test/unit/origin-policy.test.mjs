// The shared origin rule and policy of the portal and Inbox clients, on the built bundles: origins
// written in any letter case or with their default port are accepted as the browser writes them; a
// page with an opaque origin ('null': file:, a sandboxed frame) never throws at connect time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { connectInbox } from '../../dist/inbox.js';
import { FakeWindow, deliver, framed } from './helpers/fake-window.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

/** A window whose own origin is opaque, framed by `parent` or on its own. */
function opaqueWindow(parent) {
  const win = new FakeWindow({ origin: 'https://placeholder.invalid', parent });
  win.location.origin = 'null';
  return win;
}

test('allowedOrigins: any letter case and a default port are the same origin, as the browser writes it', async () => {
  for (const [given, written] of [
    ['https://ACME.ucontactcloud.com', 'https://acme.ucontactcloud.com'],
    ['https://acme.ucontactcloud.com:443', 'https://acme.ucontactcloud.com'],
    ['HTTP://127.0.0.1:80/', 'http://127.0.0.1'],
    ['https://acme.ucontactcloud.com:8443', 'https://acme.ucontactcloud.com:8443'],
  ]) {
    const { portal, form, reply } = framed({ portalOrigin: written, formOrigin: 'https://crm.acme.com' });
    const client = connectPortal({ log: captureLog, window: form, allowedOrigins: given });
    const p = client.call(CALL, { timeoutMs: 2000 });
    assert.equal(portal.posted[0].targetOrigin, written, given);
    reply({ guid: 'g-1' });
    assert.equal((await p).guid, 'g-1', `${given}: the reply from ${written} is accepted`);
    client.destroy();
  }
});

test('allowedOrigins: anything but an origin is still refused, naming the option, never the value', () => {
  const { form } = framed();
  for (const bad of ['https://acme.example/path', 'https://acme.example/?x=1', 'https://acme.example/#top', 'https://user:pw@acme.example',
    'null', 'file:///tmp/form.html', 'acme.example',
    // A wildcard: the URL parser takes it as a host, and no frame's origin ever equals it (a silent
    // ORIGIN_REJECTED later, or, without ancestorOrigins, a timeout).
    'https://*.acme.example', 'https://*', 'https://acme.*:8443']) {
    assert.throws(() => connectPortal({ window: form, allowedOrigins: bad }), (e) => {
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), bad);
      assert.match(e.message, /^connectPortal: allowedOrigins must hold origins such as/);
      assert.ok(!e.message.includes(bad) && !e.message.includes('acme.example') && !e.message.includes('pw'), e.message);
      return true;
    });
  }
  // The Inbox shares the rule.
  assert.throws(() => connectInbox({ window: form, allowedOrigins: ['https://acme.example', 'https://*.acme.example'] }),
    (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /^connectInbox: allowedOrigins must hold origins such as/.test(e.message));
  // '*' is refused with the way to say it on purpose.
  assert.throws(() => connectPortal({ window: form, allowedOrigins: '*' }),
    (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message === "connectPortal: '*' is not an origin: pass unsafeAllowAnyOrigin: true to accept any origin");
});

test("a page with an opaque origin ('null'), no options: connects; not framed: NOT_EMBEDDED; framed: ORIGIN_REJECTED, nothing posted", async () => {
  const alone = opaqueWindow();
  const p1 = connectPortal({ log: captureLog, window: alone });
  assert.equal(p1.embedded, false);
  await assert.rejects(p1.call(CALL), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
  const i1 = connectInbox({ log: captureLog, window: alone });
  await assert.rejects(i1.getInteraction(), (e) => isBridgeError(e, 'NOT_EMBEDDED'));

  const parent = new FakeWindow({ origin: 'https://acme.ucontactcloud.com' });
  const framedForm = opaqueWindow(parent);
  const p2 = connectPortal({ log: captureLog, window: framedForm });
  await assert.rejects(p2.call(CALL), (e) => isBridgeError(e, 'ORIGIN_REJECTED')
    && e.message === "call: this page's origin is opaque (a file: or data: page): name the parent's origin in allowedOrigins");
  const i2 = connectInbox({ log: captureLog, window: framedForm });
  await assert.rejects(i2.getInteraction(), (e) => isBridgeError(e, 'ORIGIN_REJECTED') && /opaque/.test(e.message));
  assert.equal(parent.posted.length, 0, 'nothing posted');

  // Naming the parent's origin works from an opaque page.
  const p3 = connectPortal({ log: captureLog, window: framedForm, allowedOrigins: 'https://acme.ucontactcloud.com' });
  await p3.hangup();
  assert.equal(parent.posted[0].targetOrigin, 'https://acme.ucontactcloud.com');
  for (const c of [p1, p2, p3, i1, i2]) c.destroy();
});

test("an about:blank or srcdoc page (location.origin 'null', window.origin its parent's), no options: its document's origin is its default; window.origin 'null' too is still opaque", async () => {
  const parent = new FakeWindow({ origin: 'https://acme.ucontactcloud.com' });
  const form = opaqueWindow(parent);
  form.origin = 'https://acme.ucontactcloud.com';
  const portal = connectPortal({ log: captureLog, window: form });
  const p = portal.call(CALL, { timeoutMs: 2000 });
  assert.equal(parent.posted[0].targetOrigin, 'https://acme.ucontactcloud.com');
  deliver(form, { data: JSON.stringify({ data: { guid: 'g-1' }, sourceOrigin: 'https://acme.ucontactcloud.com', targetOrigin: 'https://acme.ucontactcloud.com', sourceWindowName: '', targetWindowName: '' }), origin: 'https://acme.ucontactcloud.com', source: parent });
  assert.equal((await p).guid, 'g-1');
  const inbox = connectInbox({ log: captureLog, window: form });
  void inbox.getInteraction({ timeoutMs: 2000 }).catch(() => undefined);
  assert.equal(parent.posted[1].targetOrigin, 'https://acme.ucontactcloud.com');
  for (const c of [portal, inbox]) c.destroy();

  // A sandboxed srcdoc, or a data: page: window.origin is 'null' too.
  const opaque = opaqueWindow(parent);
  opaque.origin = 'null';
  await assert.rejects(connectPortal({ log: captureLog, window: opaque }).call(CALL), (e) => isBridgeError(e, 'ORIGIN_REJECTED') && /opaque/.test(e.message));
  await assert.rejects(connectInbox({ log: captureLog, window: opaque }).getInteraction(), (e) => isBridgeError(e, 'ORIGIN_REJECTED') && /opaque/.test(e.message));
  assert.equal(parent.posted.length, 2, 'nothing more posted');
});

test("a page with an opaque origin naming 'null' in allowedOrigins (its own location.origin) is refused: 'null' is every sandboxed or data: page's origin, never an allowed one", async () => {
  // Pins `&& o !== 'null'` in originPolicy's shortcut for the page's own origin: without it, an
  // opaque page's own 'null' was taken unparsed, and a message from any opaque window in the
  // parent's place (a sandboxed or data: frame) passed the origin check.
  const parent = new FakeWindow({ origin: 'https://acme.ucontactcloud.com' });
  const form = opaqueWindow(parent);
  for (const allowedOrigins of ['null', ['null'], ['https://acme.ucontactcloud.com', 'null']]) {
    for (const [name, connect] of [['connectPortal', connectPortal], ['connectInbox', connectInbox]]) {
      assert.throws(() => connect({ window: form, allowedOrigins }), (e) => {
        assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${name} ${allowedOrigins}`);
        assert.match(e.message, new RegExp(`^${name}: allowedOrigins must hold origins such as`));
        return true;
      });
    }
  }
  assert.equal(parent.posted.length, 0, 'nothing posted');
});

test("allowedOrigins naming the parent's origin as the browser writes it (ancestorOrigins) is taken without URL parsing; other spellings are parsed", async () => {
  const PORTAL = 'https://acme.ucontactcloud.com';
  const realURL = globalThis.URL;
  const parsed = [];
  globalThis.URL = class extends realURL {
    constructor(...args) {
      super(...args);
      parsed.push(args[0]);
    }
  };
  try {
    for (const [given, parses] of [[PORTAL, false], ['https://ACME.ucontactcloud.com:443', true]]) {
      const { portal, form, reply } = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com', ancestorOrigins: [PORTAL] });
      parsed.length = 0; // the stand-in windows parse their own origins
      const client = connectPortal({ window: form, allowedOrigins: given });
      assert.equal(parsed.length > 0, parses, given);
      const p = client.call(CALL, { timeoutMs: 2000 });
      assert.equal(portal.posted[0].targetOrigin, PORTAL);
      reply({ guid: 'g-1' });
      assert.equal((await p).guid, 'g-1');
      client.destroy();
    }
    // An entry that is not a string is refused, also where the browser tells no ancestor origin.
    for (const ancestorOrigins of [undefined, [PORTAL]]) {
      const { form } = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com', ancestorOrigins });
      for (const allowedOrigins of [[undefined], [PORTAL, undefined], [null], ['']]) {
        assert.throws(() => connectPortal({ window: form, allowedOrigins }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'), `${ancestorOrigins} ${allowedOrigins.map(String)}`);
        assert.throws(() => connectInbox({ window: form, allowedOrigins }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'), `${ancestorOrigins} ${allowedOrigins.map(String)}`);
      }
    }
    // An opaque parent ('null') is never an allowed origin, whatever ancestorOrigins says.
    const { form } = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com', ancestorOrigins: ['null'] });
    assert.throws(() => connectPortal({ window: form, allowedOrigins: 'null' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
    assert.throws(() => connectInbox({ window: form, allowedOrigins: 'null' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  } finally {
    globalThis.URL = realURL;
  }
});

test('several allowed origins and no ancestorOrigins: the referrer picks one only when it is in the list', async () => {
  const PORTAL = 'https://acme.ucontactcloud.com';
  const SECOND = 'https://crm.acme.com';
  for (const [referrer, expected] of [[`${PORTAL}/portal/`, PORTAL], ['https://evil.example/x', undefined], ['', undefined], ['not a url', undefined]]) {
    const { portal, form, reply } = framed({ portalOrigin: PORTAL, formOrigin: SECOND });
    form.document.referrer = referrer;
    const client = connectPortal({ log: captureLog, window: form, allowedOrigins: [SECOND, PORTAL] });
    const inbox = connectInbox({ log: captureLog, window: form, allowedOrigins: [SECOND, PORTAL] });
    if (expected) {
      const p = client.call(CALL, { timeoutMs: 2000 });
      inbox.sent();
      assert.deepEqual(portal.posted.map((m) => m.targetOrigin), [PORTAL, PORTAL]);
      reply({ guid: 'g-1' });
      assert.equal((await p).guid, 'g-1');
    } else {
      await assert.rejects(client.call(CALL), (e) => isBridgeError(e, 'ORIGIN_REJECTED') && !e.message.includes('evil'), referrer);
      assert.throws(() => inbox.sent(), (e) => isBridgeError(e, 'ORIGIN_REJECTED'), referrer);
      assert.equal(portal.posted.length, 0, referrer);
    }
    client.destroy();
    inbox.destroy();
  }
});

test("the frame's ancestorOrigins tell the parent's origin only: a targetWindow that is not the parent gets the allowed origin", async () => {
  const PORTAL = 'https://acme.ucontactcloud.com';
  // The form is framed by another site and talks to a portal window it opened (a popup).
  const outer = new FakeWindow({ origin: 'https://outer.example' });
  const form = new FakeWindow({ origin: 'https://crm.acme.com', parent: outer, ancestorOrigins: ['https://outer.example'] });
  const popup = new FakeWindow({ origin: PORTAL });
  const client = connectPortal({ log: captureLog, window: form, targetWindow: popup, allowedOrigins: PORTAL });
  client.tag({ tag: 'x' });
  assert.deepEqual(popup.posted.map((m) => m.targetOrigin), [PORTAL]);
  assert.equal(outer.posted.length, 0);
  client.destroy();
});

test("unsafeAllowAnyOrigin with a parent whose origin is opaque (ancestorOrigins 'null': a data: or sandboxed page): posted with '*', never the target 'null'", async () => {
  // A browser throws a SyntaxError (not a BridgeError) for postMessage(message, 'null'): 'null' is no URL.
  const parent = new FakeWindow({ origin: 'https://placeholder.invalid' });
  parent.postMessage = function (data, targetOrigin) {
    if (targetOrigin !== '*' && targetOrigin !== '/') new URL(targetOrigin);
    this.posted.push({ data, targetOrigin });
  };
  const form = new FakeWindow({ origin: 'https://crm.acme.com', parent, ancestorOrigins: ['null'] });
  const inbox = connectInbox({ log: captureLog, window: form, unsafeAllowAnyOrigin: true });
  assert.doesNotThrow(() => inbox.close());
  const portal = connectPortal({ log: captureLog, window: form, unsafeAllowAnyOrigin: true });
  await portal.hangup({ timeoutMs: 50 });
  assert.deepEqual(parent.posted.map((m) => m.targetOrigin), ['*', '*']);
  // Without the unsafe option, to the allowed origin: 'null' may be a masked one (see below); an
  // opaque parent never gets a message posted to an explicit origin.
  const strict = connectInbox({ log: captureLog, window: form });
  strict.close();
  assert.deepEqual(parent.posted.map((m) => m.targetOrigin), ['*', '*', 'https://crm.acme.com']);
  for (const c of [inbox, portal, strict]) c.destroy();
});

test("a portal framed by another site: the parent's origin (ancestorOrigins[0]) is the target, never the top page's", async () => {
  const PORTAL = 'https://acme.ucontactcloud.com';
  const TOP = 'https://intranet.example.com';
  const { portal, form, reply } = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com', ancestorOrigins: [PORTAL, TOP] });
  const client = connectPortal({ log: captureLog, window: form, allowedOrigins: PORTAL });
  const p = client.call(CALL, { timeoutMs: 2000 });
  assert.equal(portal.posted[0]?.targetOrigin, PORTAL);
  reply({ guid: 'g-1' });
  assert.equal((await p).guid, 'g-1');
  client.destroy();
  // The top page's origin allowed alone: the parent's is not, so nothing is posted.
  const other = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com', ancestorOrigins: [PORTAL, TOP] });
  const wrong = connectPortal({ log: captureLog, window: other.form, allowedOrigins: TOP });
  await assert.rejects(wrong.call(CALL, { timeoutMs: 2000 }), (e) => isBridgeError(e, 'ORIGIN_REJECTED'));
  assert.equal(other.portal.posted.length, 0);
  wrong.destroy();
});

test('a location whose ancestorOrigins throws (a hardened or emulated page) is one without them: connect never throws, requests post to the allowed origin', async () => {
  const { form, portal } = framed({ portalOrigin: 'https://portal.example', formOrigin: 'https://crm.example' });
  Object.defineProperty(form.location, 'ancestorOrigins', { get() { throw new DOMException('denied', 'SecurityError'); } });
  const client = connectPortal({ window: form, allowedOrigins: 'https://portal.example' });
  assert.deepEqual(await client.hangup(), { action: 'hangup', confirmed: false, via: 'porthole' });
  assert.equal(portal.posted.at(-1).targetOrigin, 'https://portal.example');
  client.destroy();
  const inbox = connectInbox({ window: form, allowedOrigins: 'https://portal.example' });
  inbox.sent();
  assert.equal(portal.posted.at(-1).targetOrigin, 'https://portal.example');
  inbox.destroy();
});

test("ancestorOrigins 'null' for a parent whose iframe has referrerpolicy no-referrer (or same-origin, across origins: the HTML standard masks it; Firefox's ancestorOrigins does) is unknown: posted to the allowed origin, never ORIGIN_REJECTED", async () => {
  const PORTAL = 'https://acme.ucontactcloud.com';
  // A form across origins naming its portal, and a form served by the portal with the default.
  for (const [formOrigin, options] of [['https://crm.acme.com', { allowedOrigins: PORTAL }], [PORTAL, {}]]) {
    const { portal, form, reply } = framed({ portalOrigin: PORTAL, formOrigin, ancestorOrigins: ['null'] });
    const client = connectPortal({ log: captureLog, window: form, ...options });
    const inbox = connectInbox({ log: captureLog, window: form, ...options });
    const p = client.call(CALL, { timeoutMs: 2000 });
    assert.doesNotThrow(() => inbox.sent());
    // Explicit targets: the browser delivers them only to a parent of that origin (never to an opaque one).
    assert.deepEqual(portal.posted.map((m) => m.targetOrigin), [PORTAL, PORTAL], formOrigin);
    reply({ guid: 'g-1' });
    assert.equal((await p).guid, 'g-1');
    client.destroy();
    inbox.destroy();
  }
  // Several allowed origins: the referrer tells which, as where the browser has no ancestorOrigins.
  const { portal, form } = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com', ancestorOrigins: ['null'] });
  form.document.referrer = `${PORTAL}/portal/`;
  const inbox = connectInbox({ log: captureLog, window: form, allowedOrigins: ['https://other.acme.com', PORTAL] });
  inbox.sent();
  assert.deepEqual(portal.posted.map((m) => m.targetOrigin), [PORTAL]);
  inbox.destroy();
});

test("window: a window of another origin (window.parent in a cross-origin form) is INVALID_ARGUMENT naming window, not the browser's SecurityError", () => {
  const { form } = framed();
  // What Chromium's cross-origin WindowProxy gives: postMessage and parent readable, location.origin throwing.
  const other = new FakeWindow({ origin: 'https://portal.example', parent: form });
  Object.defineProperty(other.location, 'origin', { get() { throw Object.assign(new Error('Blocked a frame from accessing a cross-origin frame.'), { name: 'SecurityError' }); } });
  for (const connect of [(o) => connectPortal({ log: captureLog, ...o }), connectInbox]) {
    assert.throws(() => connect({ window: other }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /\bwindow\b/.test(e.message), String(connect));
  }
});
