// The layouts real Inbox, uPhone and REST pages have (e2e/layout-inbox, e2e/layout-uphone and the
// REST, Inbox and uPhone parts of e2e/pollution) in a real WebKit (WebKitGTK's MiniBrowser over
// classic WebDriver, ./webkit-driver.mjs), the scenarios of e2e/scenarios/embed-layouts.mjs. Run:
// `node --test e2e/engines/webkit-embed-layouts.mjs` (after `npm run build`); without WebKitGTK it
// prints SKIPPED and exits 0. What WebKit's driver cannot do that Chromium's files do: Playwright's
// clock (a wall-clock step in every frame): the form's own `Date` is stepped instead (stepDate); and
// e2e/leaks's heap count (DevTools protocol): a WeakRef to each removed frame's window instead,
// collected by making garbage (leakScenario).
import { test, before, after } from 'node:test';
import { webkitMissing, startWebKit } from './webkit-driver.mjs';

if (webkitMissing()) {
  console.log(`SKIPPED: WebKitGTK not installed at ${webkitMissing()}`);
  process.exit(0);
}
const { startSimulator } = await import('../../demo/server.mjs');
const { ALL, leakScenario } = await import('../scenarios/embed-layouts.mjs');

// The simulator (with the e2e pages) and one MiniBrowser session for the file, started together.
const env = {};
before(async () => { [env.sim, env.wd] = await Promise.all([startSimulator({ testPages: true }), startWebKit()]); });
after(async () => {
  await env.wd?.close();
  await env.sim?.close();
});
/** The driver adapter of the scenarios (e2e/scenarios/embed-layouts.mjs): one tab at a time. */
const d = {
  engine: 'webkit',
  async open(url) {
    const { wd } = env;
    const old = await wd.handles();
    await wd.newTab();
    // The previous tests' tabs closed: their timers and listeners gone.
    for (const h of old) {
      const current = await wd.request('GET', wd.s('/window'));
      await wd.switchTo(h);
      await wd.closeTab();
      await wd.switchTo(current);
    }
    await wd.goto(url);
  },
  /** fn(arg) in the frame at `path` (iframe names or CSS selectors from the top). */
  run: (path, fn, arg) => env.wd.runIn(path, fn, arg ?? null),
};

for (const [title, run] of [...ALL, leakScenario]) test(title, () => run(d, env.sim));
