// Plumbing of the Inbox browser tests: open the simulated uContact X Inbox (demo/inbox/) with the
// sample form project inside, and run the form's Inbox client in its frame.
import { capture, waitFor } from './helpers.mjs';

/** Opens the Inbox (`query` e.g. 'channel=sms&origin=cross') and waits until the form is mounted. */
export async function openInbox(page, sim, query = '') {
  await page.goto(`${sim.portalOrigin}/inbox?${query}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'inboxForm' });
    return frame ? frame.evaluate(() => window.form?.ready === true).catch(() => false) : false;
  });
  return frame;
}

/** Waits until the form's first getInteraction settled; returns the form's state (status, error, interaction). */
export async function settledForm(frame, timeoutMs = 10_000) {
  await waitFor(() => frame.evaluate(() => window.form?.status !== 'waiting').catch(() => false), timeoutMs);
  return formState(frame);
}

/** The form's state, its interaction as plain data (without `raw`). */
export function formState(frame) {
  return frame.evaluate(() => {
    const f = window.form;
    const i = f.interaction && JSON.parse(JSON.stringify({ ...f.interaction, raw: undefined }));
    return { status: f.status, error: f.error, manual: f.manual, interaction: i, events: f.events, embedded: f.inbox.embedded, build: f.build, origin: location.origin };
  });
}

/**
 * Runs `getInteraction(options)` in the form; `{ok, interaction, ms}` or `{ok: false, code, message, guard, ms}`.
 * `abortAfterMs` aborts it with an AbortController after that long (`0`: aborted before the call).
 * `lateAfterMs`: `late` says whether a timer of the form due that long after the call, armed after
 * it, ran before it settled (an order, not a time bound: a stall of the page delays both alike).
 */
export async function getInteraction(frame, options = {}, { abortAfterMs, lateAfterMs } = {}) {
  const r = await frame.evaluate(async ([opts, abortAfter, lateAfter]) => {
    const t0 = performance.now();
    let signal;
    if (abortAfter !== undefined) {
      const ac = new AbortController();
      if (abortAfter === 0) ac.abort();
      else setTimeout(() => ac.abort(), abortAfter);
      signal = ac.signal;
    }
    const call = window.form.inbox.getInteraction(signal ? { ...opts, signal } : opts);
    let late = false;
    const mark = lateAfter === undefined ? undefined : setTimeout(() => { late = true; }, lateAfter);
    const when = () => (clearTimeout(mark), { ms: performance.now() - t0, ...(lateAfter === undefined ? {} : { late }) });
    try {
      const i = await call;
      return { ok: true, interaction: JSON.parse(JSON.stringify({ ...i, raw: undefined })), ...when() };
    } catch (e) {
      return { ok: false, code: e.code, message: e.message, guard: window.form.bridge.isBridgeError(e), ...when() };
    }
  }, [options, abortAfterMs, lateAfterMs]);
  if (!r.ok) capture('error', r.message);
  return r;
}

/** What the Inbox received, as `{data, origin, kind, plain, fromForm}`. */
export const received = (page) => page.evaluate(() => window.inbox.received);

/**
 * Resolves once what the Inbox posted to the form up to now has reached it and been handled: the
 * Inbox posts a marker last (inbox.post, as it posts its answers) and a listener of the form, added
 * after the library's, hears it (messages between two windows keep their order: an order, not a pause).
 */
export async function heardFromInbox(page, frame) {
  const mark = `order-${Math.random()}`;
  await frame.evaluate((m) => {
    window.heard = new Promise((resolve) => {
      addEventListener('message', function heard(e) {
        if (e.data?.order === m) resolve(removeEventListener('message', heard));
      });
    });
  }, mark);
  await page.evaluate((m) => window.inbox.post({ order: m }), mark);
  await frame.evaluate(() => window.heard);
}

/** Reloads the form in place of the current one (selecting `channel`, or `null`: opened by hand) and waits for its new document. */
export async function select(page, frame, channel) {
  await frame.evaluate(() => { window.previousDocument = true; });
  await page.evaluate((c) => window.inbox.select(c), channel);
  await waitFor(() => frame.evaluate(() => !window.previousDocument && window.form?.ready === true).catch(() => false));
}
