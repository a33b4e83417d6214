// The simulator as a stand-in for real uContact, spoken to as real clients speak to it (raw frames
// and raw postMessage, not the library): where the contract says what a real instance does, the
// simulator must do the same, so that a page developed against it works on a real tenant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { inPhone, openBare, settle } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// A host page (the other origin) that frames the phone itself, as real hosts do, with or without
// `allow`, and posts the documented command as a plain object to the instance's origin.
async function rawHost(allow) {
  const page = await env.page();
  await openBare(page, env.sim);
  const origin = env.sim.portalOrigin;
  await page.evaluate(([src, allow]) => {
    window.got = [];
    window.addEventListener('message', (e) => { if (e.origin === new URL(src).origin) window.got.push(e.data); });
    const f = document.createElement('iframe');
    if (allow) f.setAttribute('allow', allow);
    f.setAttribute('scrolling', 'no');
    f.src = src;
    document.getElementById('slot').appendChild(f);
    window.frameEl = f;
  }, [`${origin}/uphone/?login=auto`, allow]);
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'agentLogin')));
  const phone = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url().startsWith(`${origin}/uphone/`));
  const makeCall = () => page.evaluate((o) => window.frameEl.contentWindow.postMessage({ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }, o), origin);
  return { page, phone, makeCall };
}

test('[doc + seen] uPhone: the host frames it with allow="camera;microphone" (required for calls): with it the call starts and echoes', async () => {
  const { page, phone, makeCall } = await rawHost('camera;microphone');
  await makeCall();
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'makeCall')));
  assert.equal(await inPhone(phone, (sim) => sim.call && sim.call.number), '099123456');
  await page.context().close();
});

test('[doc + seen] uPhone: a frame without allow="camera;microphone" places no call (a WebRTC phone gets no microphone), in or out', async () => {
  const { page, phone, makeCall } = await rawHost(null);
  await makeCall();
  await inPhone(phone, (sim) => sim.dial({ number: '097333444', campaign: 'Sales' }));
  await settle(page, 500);
  assert.deepEqual(await page.evaluate(() => window.got.map((m) => m.action)), ['agentLogin'], 'no makeCall event: no call was placed');
  assert.equal(await inPhone(phone, (sim) => sim.call), null);
  // An inbound call still rings (the switch signals it), but cannot be answered.
  await inPhone(phone, (sim) => sim.ring({ number: '091111111', campaign: 'Inbound' }));
  await inPhone(phone, (sim) => sim.answer());
  assert.equal(await inPhone(phone, (sim) => sim.call && sim.call.status), 'ringing');
  assert.equal(await inPhone(phone, (sim) => sim.microphone), false);
  await page.context().close();
});
