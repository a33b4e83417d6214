// A form or widget that a page writes into an empty frame (an `about:blank` frame filled through the
// DOM, a `srcdoc` frame) has its parent's origin: `window.origin` is it, while `location.origin` is
// 'null' (the URL about:blank or about:srcdoc has no origin). With default options such a page is no
// opaque one: connectPortal() and connectInbox() take the document's origin, as for a page loaded from
// the portal's own address (a frame filled with document.write has its writer's URL: it always had).
// A data: page and a srcdoc frame sandboxed without allow-same-origin do have an opaque origin: they
// still refuse with ORIGIN_REJECTED until allowedOrigins names the parent's.
// Real Chromium, the built bundles (the script tag and the ES modules), the simulator's desk and Inbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openPortal, waitFor } from './helpers.mjs';
import { openInbox } from './inbox-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const IIFE = readFileSync(new URL('../dist/ucontact-bridge.iife.min.js', import.meta.url), 'utf8');

// Runs in the frame: `B` is the library (either build). The result says which origins the page has.
const PORTAL_CALL = `const p = B.connectPortal();
  try {
    const r = await p.call({ campaign: 'Sales->', destination: '099123456' });
    return { ok: true, action: r.action, via: r.via, guid: typeof r.guid };
  } catch (e) {
    return { code: e.code, message: e.message };
  } finally { p.destroy(); }`;
const INBOX_GET = `const c = B.connectInbox();
  try {
    return { ok: true, channel: typeof (await c.getInteraction()).channel };
  } catch (e) {
    return { code: e.code, message: e.message };
  } finally { c.destroy(); }`;

// The frame's scripts: the library from the page's server (or inline, for an opaque page, which may
// not load scripts from a loopback server), then `code`, whose promise is window.result.
const scripts = (build, code, inline = false) => {
  const run = `window.result = (async () => { const origins = [location.origin, window.origin];
    const out = await (async () => { ${code} })(); return { origins, ...out }; })();`;
  return build === 'iife'
    ? [inline ? { text: IIFE } : { src: '/dist/ucontact-bridge.iife.min.js' }, { text: `const B = UContactBridge; ${run}` }]
    : [{ module: true, text: `import * as P from '/dist/index.js'; import * as I from '/dist/inbox.js'; const B = { ...P, ...I }; ${run}` }];
};
const html = (list) => list.map((s) => `<script${s.module ? ' type="module"' : ''}${s.src ? ` src="${s.src}">` : `>${s.text}`}</script>`).join('');

/** Fills the frame `selector` of `page` (its name kept) with `kind` content and returns its window.result. */
async function runInFrame(page, selector, kind, list) {
  await page.evaluate(async ([sel, how, items, doc]) => {
    const f = document.querySelector(sel);
    const loaded = () => new Promise((r) => f.addEventListener('load', r, { once: true }));
    if (how === 'blank' || how === 'written') {
      const done = loaded();
      f.removeAttribute('srcdoc');
      f.src = 'about:blank';
      await done;
      const d = f.contentDocument;
      if (how === 'written') {
        // document.write: the frame's document takes the URL of the page that writes it.
        d.open();
        d.write(doc);
        d.close();
        return;
      }
      // The parent writes the frame through the DOM: its document stays about:blank.
      for (const s of items) {
        const el = d.createElement('script');
        if (s.module) el.type = 'module';
        if (s.src) {
          el.src = s.src;
          await new Promise((r, j) => { el.onload = r; el.onerror = j; d.head.append(el); });
        } else {
          el.textContent = s.text;
          d.head.append(el);
        }
      }
      return;
    }
    if (how === 'sandboxed') f.setAttribute('sandbox', 'allow-scripts');
    const done = loaded();
    if (how === 'data') f.src = `data:text/html,${encodeURIComponent(doc)}`;
    else f.srcdoc = doc;
    await done;
  }, [selector, kind, list, html(list)]);
  const frame = await waitFor(() => page.frames().find((f) => f.parentFrame() === page.mainFrame()
    && f.name() === (selector === '#crm' ? 'crmForm' : 'inboxForm')));
  await waitFor(() => frame.evaluate(() => window.result !== undefined).catch(() => false));
  return frame.evaluate(() => window.result);
}

// [location.origin, window.origin]: document.write gives the frame the writer's URL, so its location
// has the origin too (it never failed; kept beside the others).
const origins = (kind) => [kind === 'written' ? env.sim.portalOrigin : 'null', env.sim.portalOrigin];

for (const build of ['iife', 'esm']) {
  for (const kind of ['srcdoc', 'blank', 'written']) {
    const what = { srcdoc: 'a same-origin srcdoc frame', blank: 'an about:blank frame its parent fills through the DOM',
      written: 'an about:blank frame its parent fills with document.write' }[kind];
    test(`${what}, default options (${build} build): a portal call goes over Porthole and is answered`, async () => {
      const page = await env.page();
      await openPortal(page, env.sim, 'form=iife');
      const before = await page.evaluate(() => window.sim.received.length);
      const r = await runInFrame(page, '#crm', kind, scripts(build, PORTAL_CALL));
      assert.deepEqual(r, { origins: origins(kind), ok: true, action: 'call', via: 'porthole', guid: 'string' });
      assert.equal(await page.evaluate(() => window.sim.received.length), before + 1);
      await page.context().close();
    });

    test(`${what}, default options (${build} build): the Inbox's getInteraction is answered`, async () => {
      const page = await env.page();
      await openInbox(page, env.sim);
      const r = await runInFrame(page, '#form', kind, scripts(build, INBOX_GET));
      assert.deepEqual(r, { origins: origins(kind), ok: true, channel: 'string' });
      await page.context().close();
    });
  }
}

// Opaque pages: the script tag inline (such a page may not load scripts from the loopback server).
for (const kind of ['data', 'sandboxed']) {
  const what = kind === 'data' ? 'a data: frame' : 'a srcdoc frame sandboxed without allow-same-origin';
  test(`${what}, default options: its origin is opaque, the portal call and getInteraction are ORIGIN_REJECTED`, async () => {
    const page = await env.page();
    await openPortal(page, env.sim, 'form=iife');
    const before = await page.evaluate(() => window.sim.received.length);
    const r = await runInFrame(page, '#crm', kind, scripts('iife', `return { portal: await (async () => { ${PORTAL_CALL} })(),
      inbox: await (async () => { ${INBOX_GET} })() };`, true));
    const opaque = "this page's origin is opaque (a file: or data: page): name the parent's origin in allowedOrigins";
    assert.deepEqual(r, {
      origins: ['null', 'null'],
      portal: { code: 'ORIGIN_REJECTED', message: `call: ${opaque}` },
      inbox: { code: 'ORIGIN_REJECTED', message: `getInteraction: ${opaque}` },
    });
    assert.equal(await page.evaluate(() => window.sim.received.length), before, 'nothing reached the portal');
    await page.context().close();
  });
}
