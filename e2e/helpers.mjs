// Shared e2e plumbing: the simulator in-process, Debian's Chromium through playwright-core (no
// browser download is possible here), and helpers to open the portal with the CRM form inside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, beforeEach } from 'node:test';
import { chromium } from 'playwright-core';
import { startSimulator } from '../demo/server.mjs';

// What the pages' log hooks and error displays produced, for the final secrets check.
const captured = [];
const CAPTURE_DIR = new URL('../test-results/captured/', import.meta.url);
process.on('exit', () => {
  mkdirSync(CAPTURE_DIR, { recursive: true });
  writeFileSync(new URL(`e2e-${process.pid}.jsonl`, CAPTURE_DIR), captured.map((r) => JSON.stringify(r)).join('\n'));
});
/** Records a log event or an error message seen in a test. */
export const capture = (kind, text) => captured.push({ kind, text: String(text) });

// SIGTERM (a cancel, node --test's time limit of a file): end. Playwright's own handler only closes
// the browser, and this process would go on, orphaned, failing its tests until the time limit;
// exiting runs Playwright's exit handler, which kills Chromium.
process.on('SIGTERM', () => process.exit(143));

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run',
];

/**
 * Chrome's default for a cross-site frame's storage: partitioned by the top-level site, as Firefox and
 * WebKit do. This Chromium blocks it instead (its TrackingProtection3pcd feature, the third-party
 * cookie phase-out, is on): a test of what an agent's Chrome does launches with this argument.
 */
export const PARTITIONED_STORAGE = '--disable-features=TrackingProtection3pcd';

/** Starts the simulator (with the e2e pages) and Chromium (with `args` added); `close()` stops both. */
export async function setup(simOptions = {}, args = []) {
  const sim = await startSimulator({ testPages: true, ...simOptions });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...args], headless: true });
  const pageErrors = [];
  return {
    sim, browser, pageErrors,
    /** A fresh page that records uncaught errors of every frame. */
    async page() {
      const context = await browser.newContext();
      // Pages forward their log events and error messages here (see demo/forms/crm-ui.js).
      await context.exposeBinding('__capture', (_source, kind, text) => capture(kind, text));
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e));
      return page;
    },
    async close() {
      await browser.close();
      await sim.close();
    },
  };
}

/** Opens the portal (`query` e.g. 'form=esm&origin=cross') and waits for the form to be ready. */
export async function openPortal(page, sim, query = '') {
  await page.goto(`${sim.portalOrigin}/?${query}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame ? frame.evaluate(() => window.crm?.ready === true).catch(() => false) : false;
  });
  return frame;
}

/**
 * The data of what the simulated portal recorded (`sim.received`) from index `from` on, once all that
 * `frame` posted up to now has reached it and been handled: the form posts a Porthole message of its
 * own last (JSON text to its parent, as the library posts), the portal records messages in arrival
 * order, and messages between two windows keep their order (an order, not a pause). The marker is
 * taken out of `sim.received` and not returned.
 */
export async function receivedByPortal(page, frame, from) {
  const mark = `order-${Math.random()}`;
  await frame.evaluate((m) => parent.postMessage(JSON.stringify({
    data: { action: m }, sourceOrigin: location.origin, targetOrigin: '*', sourceWindowName: window.name, targetWindowName: '',
  }), '*'), mark);
  await waitFor(() => page.evaluate((m) => window.sim.received.some((r) => r.data.action === m), mark));
  return page.evaluate(([n, m]) => {
    const all = window.sim.received;
    all.splice(all.findIndex((r) => r.data.action === m), 1);
    return all.slice(n).map((r) => r.data);
  }, [from, mark]);
}

/**
 * Resolves once what the portal posted to the form up to now has reached it and been handled: the
 * portal posts a marker last (sim.sendEvent) and the form's listener, added after the library's,
 * hears it (messages between two windows keep their order: an order, not a pause).
 */
export async function heardFromPortal(page, frame) {
  const mark = `order-${Math.random()}`;
  await frame.evaluate((m) => {
    window.heard = new Promise((resolve) => {
      addEventListener('message', function heard(e) {
        if (typeof e.data === 'string' && e.data.includes(m)) resolve(removeEventListener('message', heard));
      });
    });
  }, mark);
  await page.evaluate((m) => window.sim.sendEvent({ action: m }), mark);
  await frame.evaluate(() => window.heard);
}

/**
 * The uncaught errors a page's 'pageerror' listener put in `errors`, once all its `frames` threw up to
 * now have arrived: each frame throws a marker last, and a frame's errors reach the test in the order
 * thrown (an order, not a pause). The markers are taken out of `errors`.
 */
export async function uncaughtUpToNow(errors, frames) {
  const marks = frames.map(() => `order-${Math.random()}`);
  await Promise.all(frames.map((f, i) => f.evaluate((m) => { setTimeout(() => { throw new Error(m); }); }, marks[i])));
  await waitFor(() => marks.every((m) => errors.some((e) => e.includes(m))));
  return errors.filter((e) => !marks.some((m) => e.includes(m)));
}

/** Polls `fn` until it returns a truthy value (default 10 s). */
export async function waitFor(fn, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The simulator portal's query for the lifecycle test form (e2e/pages/lifecycle.html), served from the portal's origin or the other one. */
export const lifecycleForm = (sim, origin = 'same') => {
  const base = origin === 'cross' ? sim.formOrigin : sim.portalOrigin;
  return `formUrl=${encodeURIComponent(`${base}/e2e/lifecycle.html?portal=${encodeURIComponent(sim.portalOrigin)}`)}`;
};

/** The portal in `page` opens itself in a popup (Chromium copies the tab's sessionStorage into it): the popup and its form frame, once the form is ready. */
export async function openPortalPopup(page) {
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.evaluate(() => { window.open(location.href); })]);
  let copy;
  await waitFor(async () => {
    copy = popup.frame({ name: 'crmForm' });
    return copy?.evaluate(() => window.crm?.ready === true).catch(() => false);
  });
  return { popup, copy };
}

/** Runs a portal client method in the form and returns `{ok, value}` or `{ok:false, code, message}`. */
export function callInForm(frame, method, args, options) {
  return frame.evaluate(async ([m, a, o]) => {
    try {
      const value = m === 'hangup' ? await window.crm.portal.hangup(o) : await window.crm.portal[m](a, o);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, code: e.code, message: e.message, guard: window.crm.bridge.isBridgeError(e) };
    }
  }, [method, args, options]).then((r) => {
    if (!r.ok) capture('error', r.message);
    return r;
  });
}

/**
 * A third origin (127.0.0.1, its own port) that a followed redirect would reach: it answers
 * everything with CORS and records each request in `hits` (`{method, url, authorization}`), which a
 * test expects to stay empty. `url` is its origin; `close()` stops it.
 */
export async function startThirdOrigin() {
  const hits = [];
  const { origin, close } = await startServer((req, res) => {
    hits.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
    res.writeHead(200, {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*', 'Access-Control-Allow-Methods': 'POST, GET',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Content-Type': 'text/plain',
    }).end('1');
  });
  return { hits, url: origin, close };
}

/**
 * An HTTP server of a test's own on 127.0.0.1 (a port of its own): `origin` is its origin, `close()`
 * ends its kept-alive connections and stops it.
 */
export async function startServer(handler) {
  const server = createServer(handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    origin: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Registers the hooks of a REST e2e file: the simulator with Chromium (`ctx.env`) and a third origin
 * (`ctx.third`, see startThirdOrigin), started once, both reset before each test.
 */
export function useRestEnv(ctx) {
  before(async () => {
    ctx.env = await setup();
    ctx.third = await startThirdOrigin();
  });
  after(async () => {
    await ctx.third?.close();
    await ctx.env?.close();
  });
  beforeEach(() => {
    ctx.env.sim.rest.reset();
    ctx.third.hits.length = 0;
  });
}

/**
 * Opens e2e/pages/rest.html (the REST client from a page: `window.run(code, arg)`) on the simulator's
 * origin (`'same'`) or the other one, with the script tag or (`'esm'`) the ES module entry.
 */
export async function openRestPage(env, origin, bundle) {
  const page = await env.page();
  const host = origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
  await page.goto(`${host}/e2e/rest.html${bundle === 'esm' ? '?esm' : ''}`);
  await waitFor(() => page.evaluate(() => window.ready === true));
  return page;
}
