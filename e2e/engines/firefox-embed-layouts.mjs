// The layouts real Inbox, uPhone and REST pages have (e2e/layout-inbox, e2e/layout-uphone and the
// REST, Inbox and uPhone parts of e2e/pollution) in real Firefox (Debian's Firefox ESR, headless,
// WebDriver BiDi through puppeteer-core), the scenarios of e2e/scenarios/embed-layouts.mjs. Run:
// `node --test e2e/engines/firefox-embed-layouts.mjs`; without Firefox it prints SKIPPED and exits 0.
// Needs `npm run build` first. What Firefox's driver cannot do that Chromium's files do: Playwright's
// clock (a wall-clock step in every frame): the form's own `Date` is stepped instead (stepDate); and
// e2e/leaks (its heap counted by the DevTools protocol): no check of it here, Firefox keeps removed
// frames' windows alive long after a client lets them go (see leakScenario).
import { firefoxOrSkip } from './firefox-helpers.mjs';

firefoxOrSkip('e2e/engines/firefox-embed-layouts.mjs');
const { test, before, after } = await import('node:test');
const { setupFirefox } = await import('./firefox-helpers.mjs');
const { ALL } = await import('../scenarios/embed-layouts.mjs');

let env;
let page;
before(async () => { env = await setupFirefox(); });
after(async () => { await env?.close(); });

/** The driver adapter of the scenarios (e2e/scenarios/embed-layouts.mjs). */
const d = {
  engine: 'firefox',
  /** One page (its own browser context) for the whole file, navigated: a context a test costs Firefox about 0.3 s. */
  async open(url) {
    page ??= await env.page();
    await page.goto(url);
  },
  /** fn(arg) in the frame at `path`: each step an iframe's name or a CSS selector, resolved afresh (a reloaded frame is a new one). */
  async run(path, fn, arg) {
    let frame = page.mainFrame();
    for (const step of path) {
      const el = await frame.$(/[#[ ]/.test(step) ? step : `iframe[name="${step}"]`);
      if (!el) throw new Error(`no frame ${step}`);
      frame = await el.contentFrame();
      await el.dispose();
      if (!frame) throw new Error(`frame ${step} has no document yet`);
    }
    return frame.evaluate(fn, arg);
  },
};

for (const [title, run] of ALL) test(title, () => run(d, env.sim));
