// Resource leaks measured in real Chromium with the DevTools protocol (built bundles): what a
// client keeps after destroy() is counted (documents), never guessed from timings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** The page's live documents (the page's own included) after full garbage collections. */
async function documents(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'Documents').value;
}

test('a client given a frame as targetWindow, destroyed and its frame removed, does not keep that frame\'s document alive', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/e2e/lifecycle.html`);
  await waitFor(() => page.evaluate(() => window.crm?.ready === true));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const baseline = await documents(cdp);
  // A widget that frames its own portal stand-in, mounted and unmounted 20 times: each mount a new
  // frame, a call posted to it, destroy(), the frame removed (a closed window, which can never reply).
  const codes = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 20; i++) {
      const f = document.createElement('iframe');
      document.body.appendChild(f);
      const c = window.connect({ targetWindow: f.contentWindow });
      const p = c.call({ campaign: 'Sales->', destination: '099123456' }).catch((e) => e.code);
      c.destroy();
      out.push(await p);
      f.remove();
    }
    return out;
  });
  assert.deepEqual([...new Set(codes)], ['DESTROYED']);
  const kept = (await documents(cdp)) - baseline;
  // Before the fix every removed frame's document stayed (20): the page's hub registry kept each
  // target window for ever. The registry may keep the last one until the next client connects.
  assert.ok(kept <= 1, `${kept} removed frames' documents are still alive`);
  await page.context().close();
});
