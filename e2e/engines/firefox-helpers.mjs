// Plumbing of the Firefox engine suite (e2e/engines/firefox.mjs): Debian's Firefox ESR driven
// headless over WebDriver BiDi with puppeteer-core (which downloads no browser), the simulator
// in-process with the e2e pages, and small helpers shaped like e2e/helpers.mjs's.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../demo/server.mjs';
import { FIREFOX, engineMissing } from './installed.mjs';

export { FIREFOX };
export const hasFirefox = () => !engineMissing('e2e/engines/firefox.mjs');

// Offline and quiet: no telemetry, update, remote settings, captive portal or connectivity checks,
// no safebrowsing lists, no first-run pages (puppeteer sets most of these too; kept here explicitly).
const QUIET = {
  'app.update.enabled': false, 'app.update.auto': false, 'app.normandy.enabled': false,
  'toolkit.telemetry.enabled': false, 'toolkit.telemetry.unified': false, 'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false, 'services.settings.server': 'data:,',
  'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false, 'extensions.update.enabled': false, 'extensions.getAddons.cache.enabled': false,
  'browser.newtabpage.enabled': false, 'browser.startup.homepage_override.mstone': 'ignore', 'network.dns.disablePrefetch': true,
  'network.prefetch-next': false, 'browser.ping-centre.telemetry': false, 'geo.provider.network.url': 'data:,',
};

/** Starts Firefox headless with `prefs` on top of the quiet ones; resolves to puppeteer's Browser. */
export async function launchFirefox(prefs = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const dir = mkdtempSync(join(tmpdir(), 'ff-engine-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', protocol: 'webDriverBiDi', executablePath: FIREFOX, headless: true, userDataDir: dir,
    extraPrefsFirefox: { ...QUIET, ...prefs },
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  return browser;
}

/**
 * The simulator (with the e2e pages) and Firefox; `page()` is a fresh page in its own browser context.
 * Given `browser` (one of launchFirefox's that several setups share; `prefs` then unused), that one:
 * `close()` then closes the contexts this setup made and still open, not the browser.
 */
export async function setupFirefox(prefs = {}, shared = undefined) {
  const sim = await startSimulator({ testPages: true });
  const browser = shared ?? await launchFirefox(prefs);
  const contexts = new Set();
  const pageErrors = [];
  return {
    sim, browser, pageErrors,
    async page() {
      const context = await browser.createBrowserContext();
      contexts.add(context);
      const close = context.close.bind(context);
      context.close = () => {
        contexts.delete(context);
        return close();
      };
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e));
      page.context = () => context;
      return page;
    },
    async close() {
      if (shared) await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
      else await browser.close();
      await sim.close();
    },
  };
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

/** The frame of `page` whose window.name is `name` (BiDi gives no frame names: asked in each frame). */
export async function frameNamed(page, name, ready = () => window.crm?.ready === true) {
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const ok = await f.evaluate((n, r) => window.name === n && new Function(`return (${r})()`)(), name, String(ready)).catch(() => false);
    if (ok) return f;
  }
  return undefined;
}

/** Waits for the frame named `name` to be ready (`window.crm.ready`, or `ready` evaluated there). */
export const readyFrame = (page, name = 'crmForm', ready, timeoutMs) => waitFor(() => frameNamed(page, name, ready), timeoutMs);

/** Opens the simulator's portal (`query` e.g. 'form=esm&origin=cross') and waits for the form. */
export async function openPortal(page, sim, query = '') {
  await page.goto(`${sim.portalOrigin}/?${query}`);
  return readyFrame(page);
}

/** The portal's query for e2e/pages/lifecycle.html served from the portal's origin or the other one. */
export const lifecycleForm = (sim, origin = 'same') => {
  const base = origin === 'cross' ? sim.formOrigin : sim.portalOrigin;
  return `formUrl=${encodeURIComponent(`${base}/e2e/lifecycle.html?portal=${encodeURIComponent(sim.portalOrigin)}`)}`;
};

/** Runs a portal client method of the sample form: `{ok, value}` or `{ok:false, code, message}`. */
export function callInForm(frame, method, args, options) {
  return frame.evaluate(async (m, a, o) => {
    try {
      const value = m === 'hangup' ? await window.crm.portal.hangup(o) : await window.crm.portal[m](a, o);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, code: e.code, message: e.message };
    }
  }, method, args, options);
}

/**
 * A cacheable static server of dist/ and e2e/pages/ on 127.0.0.1 and localhost (two origins): the
 * simulator serves every page `no-store`, which Firefox never puts in its back/forward cache
 * (Chromium does). `close()` stops it.
 */
export async function startCacheableServer() {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const root = new URL('../../', import.meta.url);
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };
  const handler = async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = path.startsWith('/dist/') ? path.slice(1) : path.startsWith('/e2e/') ? `e2e/pages/${path.slice(5)}` : null;
    if (!file || file.includes('..')) return void res.writeHead(404).end();
    try {
      const body = await readFile(new URL(file, root));
      res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
  const servers = [createServer(handler), createServer(handler)];
  await new Promise((r) => servers[0].listen(0, '127.0.0.1', r));
  await new Promise((r) => servers[1].listen(0, '127.0.0.1', r));
  return {
    portalOrigin: `http://127.0.0.1:${servers[0].address().port}`,
    formOrigin: `http://localhost:${servers[1].address().port}`,
    close: () => Promise.all(servers.map((s) => { s.closeAllConnections(); return new Promise((r) => s.close(r)); })),
  };
}

/** A third origin that a followed redirect would reach: Chromium's suites' own (e2e/helpers.mjs). */
export { startThirdOrigin } from '../helpers.mjs';

/**
 * For an engine suite file `file` (its path from the repository's root): without Firefox, prints
 * SKIPPED and exits 0; without a build (dist/), fails. Run at the file's top, before its tests.
 */
export function firefoxOrSkip(file) {
  if (!hasFirefox()) {
    console.log(`SKIPPED: Firefox not installed at ${FIREFOX}`);
    process.exit(0);
  }
  if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
    console.error(`${file}: no dist/: run \`npm run build\` first`);
    process.exit(1);
  }
}
