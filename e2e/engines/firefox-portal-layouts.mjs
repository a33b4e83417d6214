// The portal client's layouts in real Firefox (Debian's Firefox ESR, headless, WebDriver BiDi through
// puppeteer-core): two copies of the library in one form, sibling forms, a real reload
// with slots in sessionStorage, a busy main thread, wall-clock steps, the framework and Porthole
// from two copies, a polluted Object.prototype. The scenarios and their in-page functions are
// e2e/scenarios/portal-layouts.mjs (the Chromium files run the same in-page functions); this file is
// the Firefox glue. Run: `node --test e2e/engines/firefox-portal-layouts.mjs` after `npm run build`;
// without Firefox it prints SKIPPED and exits 0.
// Not covered as in Chromium: the wall clock is stepped in the page (`Date` replaced, see stepDate
// there), not the engine's own clock (BiDi has no clock control); performance.now() and the timers
// are the engine's own either way.
import { before, after, describe, test } from 'node:test';
import { firefoxOrSkip, setupFirefox, readyFrame, waitFor } from './firefox-helpers.mjs';
import { portalLayoutTests } from '../scenarios/portal-layouts.mjs';

firefoxOrSkip('e2e/engines/firefox-portal-layouts.mjs');

const unmarked = () => window.crm?.ready === true && !window.marked;

let env;
before(async () => { env = await setupFirefox(); });
after(async () => { await env?.close(); });

// Pages made and closed one at a time: Firefox's BiDi refused a browsingContext.create made while
// another test's context was being created or closed ("no such frame": a driver race, not the library's).
let turn = Promise.resolve();
const inTurn = (fn) => {
  const next = turn.then(fn);
  turn = next.catch(() => {});
  return next;
};

/** A fresh page (its own browser context) at `url`, its frames `names` ready; found again by `ready` after a navigation of theirs. */
async function fresh(url, names) {
  const page = await inTurn(() => env.page());
  const frames = {};
  const p = {
    top: (fn, arg) => page.evaluate(fn, arg),
    in: (name, fn, arg) => frames[name].evaluate(fn, arg),
    async ready(name) { frames[name] = await readyFrame(page, name, unmarked); },
    done: () => inTurn(() => page.context().close()),
  };
  await page.goto(url);
  for (const name of names) await p.ready(name);
  return p;
}

portalLayoutTests({
  get sim() { return env.sim; },
  // Called here, so that the runner counts each test under this file.
  test: (...args) => test(...args),
  waitFor,
  // Each page is a browser context of its own: a group asserting no timing runs four at once.
  group: (name, fn, parallel) => describe(`Firefox ESR: ${name}`, { concurrency: parallel ? 4 : 1 }, fn),
  fresh,
});
