// Plumbing of the uPhone browser tests: open the sample agent CRM app (demo/uphone/app/) or the bare
// host page, find the simulated uPhone's frame, drive it.
import { waitFor } from './helpers.mjs';

/** The host origin of a layout: the app on the other origin than the phone ('cross'), or on the phone's ('same'). */
export const hostOrigin = (sim, layout) => (layout === 'same' ? sim.portalOrigin : sim.formOrigin);

/** The frame of the simulated uPhone in `page` (waits until its script ran). */
export async function phoneFrame(page) {
  let frame;
  await waitFor(async () => {
    frame = page.frames().find((f) => /^https?:\/\/[^/]+\/uphone\/(\?|$)/.test(f.url()));
    return frame ? frame.evaluate(() => !!window.uphoneSim).catch(() => false) : false;
  });
  return frame;
}

/**
 * Opens the agent app (`build` 'esm', 'iife' (the uPhone's script-tag bundle) or 'iife-full' (the full one),
 * `layout` 'cross' or 'same', `query` e.g. 'api=events'); returns the phone's frame.
 */
export async function openApp(page, sim, { build = 'esm', layout = 'cross', query = '' } = {}) {
  await page.goto(`${hostOrigin(sim, layout)}/agent-app/${build === 'esm' ? '' : `${build}.html`}?${query}`);
  await waitFor(() => page.evaluate(() => !!window.app?.phone));
  return phoneFrame(page);
}

/** Opens the bare host page (e2e/pages/uphone-bare.html) on `layout`'s origin. */
export async function openBare(page, sim, layout = 'cross') {
  await page.goto(`${hostOrigin(sim, layout)}/e2e/uphone-bare.html`);
  await waitFor(() => page.evaluate(() => window.libLoaded === true));
}

/** Runs `fn(uphoneSim, arg)` in the simulated uPhone. */
export const inPhone = (frame, fn, arg) => frame.evaluate(`(${fn})(window.uphoneSim, ${JSON.stringify(arg ?? null)})`);

/** Lets messages in flight arrive (postMessage is asynchronous, across processes when cross-origin). */
export const settle = (page, ms = 300) => page.waitForTimeout(ms);

/**
 * Resolves once what the phone has posted to the page up to now has reached it: messages from one
 * window to another arrive in the order posted, so a marker the phone posts last arrives last (an
 * order, not a pause: a loaded machine delivers late, never out of order).
 */
export async function heardFromPhone(page, phone) {
  const mark = `order-${Math.random()}`;
  await page.evaluate((m) => {
    window.heard = new Promise((resolve) => {
      addEventListener('message', function heard(e) {
        if (e.data?.order === m) resolve(removeEventListener('message', heard));
      });
    });
  }, mark);
  // Posted as the phone posts (sim.posted keeps no trace of it).
  await inPhone(phone, (sim, m) => { sim.postRaw({ order: m }); sim.posted.pop(); }, mark);
  await page.evaluate(() => window.heard);
}

/**
 * Resolves once what the phone's parent window has posted to the phone up to now has reached it (the
 * host's commands): the parent posts a marker after them and the phone is waited on until it has it
 * (messages between two windows keep their order). sim.received keeps no trace of the marker.
 */
export async function heardByPhone(phone) {
  const mark = `order-${Math.random()}`;
  await (await phone.frameElement()).evaluate((f, m) => f.contentWindow.postMessage({ order: m }, '*'), mark);
  await waitFor(() => inPhone(phone, (sim, m) => {
    const i = sim.received.findIndex((r) => r.data?.order === m);
    if (i >= 0) sim.received.splice(i, 1);
    return i >= 0;
  }, mark));
}

/**
 * An iframe `#mine` of the simulated phone at `url` (logged in: `?login=auto`) embedded as
 * `window.first` by `window[lib].embedUPhone`, with an inbound call ringing; returns the phone's frame.
 */
export async function embedRinging(page, url, lib = 'lib') {
  await page.evaluate(([url, lib]) => {
    const f = document.createElement('iframe');
    f.id = 'mine';
    f.allow = 'camera;microphone';
    f.src = url;
    document.body.append(f);
    window.first = window[lib].embedUPhone({ iframe: f });
  }, [url, lib]);
  await waitFor(() => page.evaluate(() => window.first.loggedIn));
  const phone = await (await page.$('#mine')).contentFrame();
  await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.first.state.status === 'ringing'));
  return phone;
}
