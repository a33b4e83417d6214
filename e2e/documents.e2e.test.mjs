// The documents real integrators' pages are, not the clean test pages: every entry, as the full
// script tag and as the ES module entries, in a legacy page in quirks mode that writes its <base>
// (pointing elsewhere) and its scripts with document.write (e2e/pages/documents.html), and in an XHTML
// document served as application/xhtml+xml (documents.xhtml). Portal form and its framework path,
// the CTI reader and fromFormFramework's REST client on the portal's origin; across origins the
// Porthole path while a router's pushState changes the location, the Inbox, the REST client; the
// uPhone host in a custom element's closed shadow root, its `url` and an adopted iframe's src
// resolved against the <base> as the browser resolves them; a form that sets document.domain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, capture } from './helpers.mjs';
import { openInbox } from './inbox-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const ELSEWHERE = 'https://elsewhere.invalid/app/';
const CALL = { campaign: 'Sales->', destination: '099123456' };
const DOCS = { html: 'BackCompat', xhtml: 'CSS1Compat' };

/** The page's URL on `host`: `query` plus ?esm for the ES module build. */
const pageUrl = (host, doc, build, query) => `${host}/e2e/documents.${doc}?${build === 'esm' ? 'esm&' : ''}${query}`;

/** Runs `fn(lib, arg)` in `frame` (async), settled as `{ok, v}` or `{ok: false, code, message}`. */
const run = (frame, fn, arg) => frame.evaluate(([src, a]) => window.settle(new Function('lib', 'arg', `return (${src})(lib, arg)`)(window.lib, a)), [fn.toString(), arg])
  .then((r) => (r.ok ? r : (capture('error', r.message), r)));

/** What a page is: its mode and type, where relative URLs go. */
const kind = (frame) => frame.evaluate(() => ({ mode: document.compatMode, type: document.contentType, base: document.baseURI }));

for (const doc of Object.keys(DOCS)) {
  for (const build of ['iife', 'esm']) {
    const type = doc === 'html' ? 'text/html' : 'application/xhtml+xml';

    test(`${doc} (${DOCS[doc]}), ${build}: a form on the portal's origin with a <base> elsewhere: the framework path, readCti, fromFormFramework's REST client`, async () => {
      const page = await env.page();
      const { portalOrigin } = env.sim;
      const url = pageUrl(portalOrigin, doc, build, `framework&base=${encodeURIComponent(ELSEWHERE)}`);
      let frame = await openPortal(page, env.sim, `formUrl=${encodeURIComponent(url)}`);
      assert.deepEqual(await kind(frame), { mode: DOCS[doc], type, base: ELSEWHERE });
      // A call answered in the desk opens the form again, with the framework's CTI.
      const cti = await page.evaluate(() => window.sim.ring('inbound'));
      await frame.evaluate(() => { window.beforeAnswer = true; });
      await page.click('#answer');
      await waitFor(async () => {
        frame = page.frame({ name: 'crmForm' });
        return frame?.evaluate(() => !window.beforeAnswer && window.crm?.ready === true).catch(() => false);
      });
      assert.equal((await run(frame, (lib) => lib.readCti().guid)).v, cti.Guid);
      const call = await run(frame, (lib, args) => lib.connectPortal().call(args, { timeoutMs: 5000 }), CALL);
      assert.equal(call.v?.via, 'framework', JSON.stringify(call));
      // The REST instance is the form's own origin, not where the page's relative URLs go.
      const rest = await run(frame, async (lib) => {
        const session = lib.fromFormFramework();
        const summary = await lib.createUContactClient(session).campaignsSummary();
        return [session.baseUrl, Array.isArray(summary)];
      });
      assert.deepEqual(rest.v, [portalOrigin, true], JSON.stringify(rest));
      assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    });

    test(`${doc} (${DOCS[doc]}), ${build}: a form on another origin: a Porthole call pending while pushState moves the page, the Inbox, the REST client`, async () => {
      const page = await env.page();
      const { portalOrigin, formOrigin } = env.sim;
      const url = pageUrl(formOrigin, doc, build, `base=${encodeURIComponent(ELSEWHERE)}&portal=${encodeURIComponent(portalOrigin)}&inbox=${encodeURIComponent(portalOrigin)}`);
      const frame = await openPortal(page, env.sim, `formUrl=${encodeURIComponent(url)}&mode.call=late:400`);
      assert.equal((await kind(frame)).mode, DOCS[doc]);
      // A router's navigations while the reply is on its way: nothing reads the location late.
      const call = await run(frame, async (lib, args) => {
        const portal = lib.connectPortal({ allowedOrigins: window.portalOrigin });
        const pending = portal.call(args, { timeoutMs: 5000 });
        // Its own origin spelled out: a relative URL would go to the <base>'s, which pushState refuses.
        history.pushState({}, '', `${location.origin}/crm/customer/42?tab=calls#notes`);
        const tagged = portal.tag({ tag: 'vip' }, { confirm: true, timeoutMs: 5000 });
        history.replaceState({}, '', `${location.origin}/crm/other`);
        return [(await pending).via, (await tagged).confirmed, location.pathname];
      }, CALL);
      assert.deepEqual(call.v, ['porthole', true, '/crm/other'], JSON.stringify(call));
      // The REST client: an absolute baseUrl (a relative one is refused, never resolved against the <base>).
      const rest = await run(frame, async (lib, baseUrl) => {
        const refused = await window.settle(Promise.resolve().then(() => lib.createUContactClient({ baseUrl: '/', credentials: { user: 'u', password: 'p' } })));
        const uc = lib.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
        return [refused.code, Array.isArray(await uc.campaignsSummary())];
      }, portalOrigin);
      assert.deepEqual(rest.v, ['INVALID_ARGUMENT', true], JSON.stringify(rest));
      assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);

      // The same page as the Inbox's form.
      const inboxPage = await env.page();
      const form = await openInbox(inboxPage, env.sim, `channel=whatsapp&formUrl=${encodeURIComponent(url)}`);
      const got = await run(form, async (lib) => {
        const inbox = lib.connectInbox({ allowedOrigins: window.inboxOrigin });
        const pending = inbox.getInteraction({ timeoutMs: 5000 });
        history.pushState({}, '', `${location.origin}/inbox-app/detail?id=7`);
        const i = await pending;
        return [i.channel, typeof i.guid];
      });
      assert.deepEqual(got.v, ['whatsapp', 'string'], JSON.stringify(got));
    });

    test(`${doc} (${DOCS[doc]}), ${build}: the uPhone in a custom element's closed shadow root; its url and an adopted iframe's src resolved against the <base>`, async () => {
      const page = await env.page();
      const { portalOrigin, formOrigin } = env.sim;
      // The <base> names the phone's folder: relative URLs reach the phone, as the browser resolves them.
      await page.goto(pageUrl(formOrigin, doc, build, `base=${encodeURIComponent(`${portalOrigin}/uphone/`)}`));
      await waitFor(() => page.evaluate(() => window.crm?.ready === true));
      assert.equal((await kind(page.mainFrame())).mode, DOCS[doc]);
      const made = await run(page.mainFrame(), (lib) => {
        // A component that embeds the phone when built, before the page attaches it (its container
        // not yet in the document): the frame loads once it is.
        customElements.define('crm-phone', class extends HTMLElement {
          constructor() {
            super();
            const slot = document.createElement('div');
            this.attachShadow({ mode: 'closed' }).appendChild(slot);
            this.phone = lib.embedUPhone({ container: slot, url: '?login=auto', log: window.log });
          }
        });
        const el = document.createElement('crm-phone');
        window.phone = el.phone;
        document.getElementById('slot').appendChild(el);
        const f = el.phone.iframe;
        return { origin: el.phone.origin, src: f.src, ns: f.namespaceURI, allow: f.getAttribute('allow'), root: f.getRootNode() !== document };
      });
      assert.deepEqual(made.v, { origin: portalOrigin, src: `${portalOrigin}/uphone/?login=auto`, ns: 'http://www.w3.org/1999/xhtml', allow: 'camera;microphone', root: true });
      await waitFor(() => page.evaluate(() => window.phone.loggedIn));
      const sent = await run(page.mainFrame(), (lib, args) => window.phone.makeCall(args, { waitForEcho: true, timeoutMs: 5000 }), { number: '099123456', campaign: 'Sales' });
      assert.equal(sent.v?.echoed, true, JSON.stringify(sent));

      // An iframe of the page's own with a relative src: the library hears the origin the browser loaded.
      const adopted = await run(page.mainFrame(), (lib) => {
        const f = document.createElement('iframe');
        f.setAttribute('src', '?login=auto&second');
        f.setAttribute('allow', 'camera;microphone');
        document.getElementById('other').appendChild(f);
        window.second = lib.embedUPhone({ iframe: f });
        return [window.second.origin === new URL(f.src).origin, window.second.origin];
      });
      assert.deepEqual(adopted.v, [true, portalOrigin]);
      await waitFor(() => page.evaluate(() => window.second.loggedIn));
      assert.deepEqual(await page.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    });
  }
}

test('document.domain set by a form on the portal\'s origin (both pages served with Origin-Agent-Cluster: ?0, as an old portal needs): readCti from storage is NO_CTI, not a SecurityError; Porthole works', async () => {
  const page = await env.page();
  const { portalOrigin, passphrase } = env.sim;
  // Chromium keys agent clusters by origin unless both pages opt out: only then does the setter act.
  await page.context().route((u) => u.origin === portalOrigin && (u.pathname === '/' || u.pathname.startsWith('/e2e/documents')), async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'origin-agent-cluster': '?0' } });
  });
  const frame = await openPortal(page, env.sim, `formUrl=${encodeURIComponent(pageUrl(portalOrigin, 'html', 'iife', ''))}&mode.call=late:300`);
  const r = await run(frame, async (lib, pass) => {
    // The legacy line: the form is no longer same-origin-domain with a portal that did not set it.
    document.domain = location.hostname;
    const parentReadable = (() => { try { return !!parent.localStorage; } catch (e) { return e.name; } })();
    const cti = await window.settle(Promise.resolve().then(() => lib.readCti({ passphrase: pass })));
    const call = await lib.connectPortal().call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 5000 });
    return [window.originAgentCluster, parentReadable, cti.code, /^readCti: localStorage cannot be read here/.test(cti.message), call.via];
  }, passphrase);
  assert.deepEqual(r.v, [false, 'SecurityError', 'NO_CTI', true, 'porthole'], JSON.stringify(r));
  assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);
});
