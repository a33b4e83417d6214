// The portal client's layouts in a real WebKit (WebKitGTK's MiniBrowser, Safari's engine, over classic
// WebDriver: ./webkit-driver.mjs): two copies of the library in one form, sibling forms, a real
// reload with slots in sessionStorage, a busy main thread, wall-clock steps, the framework and
// Porthole from two copies, a polluted Object.prototype. The scenarios and their in-page functions
// are e2e/scenarios/portal-layouts.mjs (the Chromium files run the same in-page functions); this file
// is the WebKit glue. Run: `node --test e2e/engines/webkit-portal-layouts.mjs` after `npm run build`;
// without WebKitGTK it prints SKIPPED and exits 0.
// Not covered as in Chromium: the wall clock is stepped in the page (`Date` replaced, see stepDate
// there), not the engine's own clock (classic WebDriver has no clock control); performance.now()
// and the timers are the engine's own either way. One session, one tab at a time: the tests run
// one after the other.
import { describe, test } from 'node:test';
import { useWebKit, freshTab, waitFor } from './webkit-driver.mjs';
import { portalLayoutTests } from '../scenarios/portal-layouts.mjs';

const env = await useWebKit('e2e/engines/webkit-portal-layouts.mjs');

/**
 * A fresh tab at `url` (its own sessionStorage: no slot of an earlier test's), or the same tab when
 * `clean` (about 0.4 s less a test), its frames `names` ready (a frame's next document: the one
 * without the mark).
 */
async function fresh(url, names, clean) {
  const { wd } = env;
  if (!clean) await freshTab(wd);
  await wd.goto(url);
  const p = {
    top: (fn, arg) => wd.runIn([], fn, arg),
    in: (name, fn, arg) => wd.runIn([name], fn, arg),
    ready: (name) => waitFor(() => p.in(name, () => window.crm?.ready === true && !window.marked), 10_000, `${name} ready`),
    done: async () => {}, // the next test's tab closes this one
  };
  for (const name of names) await p.ready(name);
  return p;
}

portalLayoutTests({
  get sim() { return env.sim; },
  // Called here, so that the runner counts each test under this file.
  test: (...args) => test(...args),
  waitFor,
  group: (name, fn) => describe(`WebKitGTK: ${name}`, fn),
  fresh,
});
