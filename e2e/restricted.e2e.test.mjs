// Restrictive pages that real deployments make, in real Chromium with the built bundles, where no
// other browser test goes: a uPhone iframe of the page's own with a `sandbox` attribute, a host page
// whose Content-Security-Policy frame-src or connect-src leaves the instance out, and a form whose
// sessionStorage is full. What cannot work fails with the documented BridgeError (README, FAQ), at
// once or at its time limit: never a hang, never an uncaught error, nothing delivered anywhere else.
// (Sandboxed forms, the Inbox in a sandboxed frame, CSP without eval and Trusted Types: legacy,
// layout-inbox.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openPortal, waitFor, lifecycleForm } from './helpers.mjs';
import { inPhone, openBare, phoneFrame, settle } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** The phone's origin as expected, an agent logged in, then `ready` and the queued makeCall as an opaque origin (or not) leaves them. */
async function loginAndSettle(page, phone, opaque) {
  assert.equal(await phone.evaluate(() => window.origin), opaque ? 'null' : env.sim.portalOrigin);
  await inPhone(phone, (sim) => sim.login('1001'));
  assert.deepEqual(await page.evaluate(() => window.settled), opaque ? ['NOT_READY', true] : 'ready');
  assert.equal(await page.evaluate(() => window.command), opaque ? 'NOT_READY' : 'makeCall');
  await settle(page);
}

for (const sandbox of ['allow-scripts', 'allow-scripts allow-same-origin']) {
  const opaque = !sandbox.includes('allow-same-origin');
  test(`a uPhone iframe of the page's own with sandbox="${sandbox}": ${opaque
    ? "the phone's origin is 'null': its messages are ignored (log: ignored, origin), ready rejects NOT_READY, no command reaches it"
    : 'the phone keeps its origin: ready, commands delivered'}`, async () => {
    const page = await env.page();
    // The phone with its script inline: an opaque origin may not load scripts from a loopback server.
    await page.context().route((url) => url.pathname === '/uphone/', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<script src="phone.js"></script>', `<script>${read('demo/uphone/phone/phone.js')}</script>`);
      await route.fulfill({ response, body });
    });
    // The host on the phone's origin: Playwright's routing fails a cross-site frame here.
    await openBare(page, env.sim, 'same');
    await page.evaluate(([url, flags]) => {
      const f = document.createElement('iframe');
      f.allow = 'camera;microphone';
      f.setAttribute('sandbox', flags);
      f.src = url;
      document.getElementById('slot').append(f);
      // embed() puts the phone in #slot: no container beside an iframe.
      window.phone = window.embed({ iframe: f, container: undefined, readyTimeoutMs: 2000 });
      window.settled = window.phone.ready.then(() => 'ready', (e) => [e.code, window.lib.isBridgeError(e)]);
      window.command = window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 3000 })
        .then((r) => r.action, (e) => e.code);
    }, [`${env.sim.portalOrigin}/uphone/`, sandbox]);
    const phone = await phoneFrame(page);
    await loginAndSettle(page, phone, opaque);
    const logs = await page.evaluate(() => window.logs.map((e) => `${e.type}${e.reason ? `:${e.reason}` : ''}`));
    assert.deepEqual(logs.slice(0, 2), opaque ? ['queued', 'ignored:origin'] : ['queued', 'event']);
    // Posted to the phone's URL origin only, never '*': the browser delivers nothing to a 'null' one.
    assert.deepEqual(await inPhone(phone, (sim) => sim.received.map((m) => m.data.action)), opaque ? [] : ['makeCall']);
    assert.deepEqual(await page.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    await page.context().close();
  });
}

// README FAQ (NOT_READY): "a page that is itself sandboxed without it gives its frames the same
// 'null' origin". The host page sandboxed by its CSP, the uPhone frame with no sandbox attribute of
// its own: it inherits the host's flags.
for (const sandbox of ['allow-scripts', 'allow-scripts allow-same-origin']) {
  const opaque = !sandbox.includes('allow-same-origin');
  test(`a host page sandboxed by its CSP (${sandbox}) framing the uPhone: ${opaque
    ? "the phone's origin is 'null' too, ready rejects NOT_READY, no command reaches it" : 'ready, commands delivered'}`, async () => {
    const page = await env.page();
    // Every script inline: an opaque origin may not load scripts from a loopback server. Without the
    // phone's frame-ancestors header: an instance's Frame ancestors matches no opaque host, and the
    // browser refuses the frame outright (NOT_READY too); here the frame loads, to see its origin.
    await page.context().route((url) => url.pathname === '/uphone/', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<script src="phone.js"></script>', `<script>${read('demo/uphone/phone/phone.js')}</script>`);
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, body, headers });
    });
    await page.context().route((url) => url.pathname === '/e2e/uphone-bare.html', (route) => route.fulfill({
      status: 200, contentType: 'text/html', headers: { 'content-security-policy': `sandbox ${sandbox}` },
      body: `<!doctype html><div id="slot"></div><script>${read('e2e/pages/page-errors.js')}</script>
        <script>${read('dist/ucontact-bridge.uphone.iife.js')}</script>
        <script>window.lib = UContactBridge; window.logs = []; window.libLoaded = true;</script>`,
    }));
    await openBare(page, env.sim, 'same');
    await page.evaluate((url) => {
      window.phone = window.lib.embedUPhone({ container: document.getElementById('slot'), url, readyTimeoutMs: 2000, log: (e) => window.logs.push(e) });
      window.settled = window.phone.ready.then(() => 'ready', (e) => [e.code, window.lib.isBridgeError(e)]);
      window.command = window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 3000 }).then((r) => r.action, (e) => e.code);
    }, `${env.sim.portalOrigin}/uphone/`);
    assert.equal(await page.evaluate(() => window.origin), opaque ? 'null' : env.sim.portalOrigin);
    const phone = await phoneFrame(page);
    await loginAndSettle(page, phone, opaque);
    assert.ok(!opaque || (await page.evaluate(() => window.logs.some((e) => e.type === 'ignored' && e.reason === 'origin'))), 'ignored: origin');
    assert.deepEqual(await inPhone(phone, (sim) => sim.received.map((m) => m.data.action)), opaque ? [] : ['makeCall']);
    assert.deepEqual(await page.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    await page.context().close();
  });
}

// README FAQ "The embedded phone rings but places or answers no call": the iframe's allow passes on
// only what the host page has. A host page framed by a console without allow="camera;microphone",
// or served with a Permissions-Policy that takes the microphone away, leaves none to the phone the
// library framed with it; the console's frame with allow gives it back. (The simulated phone reads
// its frame's policy. The header case on the phone's own origin: Playwright's routing fails a
// cross-site frame here.)
test('a host page framed without allow="camera;microphone", or whose Permissions-Policy takes the microphone: the phone has none (README FAQ)', async () => {
  const mic = {};
  for (const allow of [undefined, 'camera;microphone']) {
    const page = await env.page();
    // The console on the phone's origin, framing the CRM page of the other simulator origin.
    await openBare(page, env.sim, 'same');
    await page.evaluate(([src, allow]) => {
      const f = document.createElement('iframe');
      if (allow) f.allow = allow;
      f.src = src;
      document.body.append(f);
    }, [`${env.sim.formOrigin}/e2e/uphone-bare.html`, allow]);
    let crm;
    await waitFor(async () => {
      crm = page.frames().find((f) => f !== page.mainFrame() && f.url().endsWith('/e2e/uphone-bare.html'));
      return crm ? crm.evaluate(() => window.libLoaded === true).catch(() => false) : false;
    });
    await crm.evaluate((url) => { window.phone = window.embed({ url }); }, `${env.sim.portalOrigin}/uphone/`);
    mic[`console ${allow ? 'with' : 'without'} allow`] = await inPhone(await phoneFrame(page), (sim) => sim.microphone);
    await page.context().close();
  }
  for (const policy of [undefined, 'microphone=()']) {
    const page = await env.page();
    await page.context().route((url) => url.pathname === '/e2e/uphone-bare.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), ...(policy && { 'permissions-policy': policy }) } });
    });
    await openBare(page, env.sim, 'same');
    await page.evaluate((url) => { window.phone = window.embed({ url }); }, `${env.sim.portalOrigin}/uphone/`);
    mic[policy ?? 'no policy'] = await inPhone(await phoneFrame(page), (sim) => sim.microphone);
    await page.context().close();
  }
  assert.deepEqual(mic, { 'console without allow': false, 'console with allow': true, 'no policy': true, 'microphone=()': false });
});

test("a host page whose CSP frame-src leaves the instance out: the frame is refused; readyOn 'agent' rejects NOT_READY, readyOn 'load' resolves and a command resolves echoed: false (README FAQ)", async () => {
  const page = await env.page();
  await page.context().route((url) => url.pathname === '/e2e/uphone-bare.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "frame-src 'none'" } });
  });
  await openBare(page, env.sim, 'same');
  const r = await page.evaluate(async (url) => {
    const outcome = (p) => p.then((v) => (v === undefined ? 'ready' : [v.action, v.echoed]), (e) => [e.code, window.lib.isBridgeError(e)]);
    const agent = window.embed({ url, readyTimeoutMs: 1500 });
    const load = window.embed({ url, readyOn: 'load', readyTimeoutMs: 1500 });
    const out = {
      agent: await outcome(agent.ready),
      load: await outcome(load.ready),
      command: await outcome(load.makeCall({ number: '099123456', campaign: 'Sales' })),
    };
    agent.destroy();
    load.destroy();
    return out;
  }, `${env.sim.portalOrigin}/uphone/`);
  assert.deepEqual(r, { agent: ['NOT_READY', true], load: 'ready', command: ['makeCall', false] });
  assert.deepEqual(await page.evaluate(() => [window.errors, window.unhandled]), [[], []]);
  await page.context().close();
});

for (const build of ['iife', 'esm']) {
  test(`a page whose CSP connect-src leaves the instance out: REST calls reject NETWORK_ERROR at once, nothing reaches the server (${build} build)`, async () => {
    env.sim.rest.reset();
    const page = await env.page();
    // Only this page (the top frame): the policy of a deployment that did not list its instance.
    await page.context().route((url) => url.pathname === '/e2e/rest.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "connect-src 'self'" } });
    });
    await page.goto(`${env.sim.formOrigin}/e2e/rest.html${build === 'esm' ? '?esm' : ''}`);
    await page.waitForFunction(() => window.ready === true);
    const r = await page.evaluate(async ([baseUrl, token]) => {
      const b = window.bridge;
      const outcome = async (p) => {
        const started = performance.now();
        try {
          await p;
          return 'resolved';
        } catch (e) {
          return [e.code, b.isBridgeError(e), e.cause?.name, performance.now() - started < 2000];
        }
      };
      const api = b.createApiTokenClient({ baseUrl, token });
      const rest = b.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
      return {
        write: await outcome(api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'] }] })),
        read: await outcome(rest.campaignsSummary()),
      };
    }, [env.sim.portalOrigin, 'ucx-sim-api-token-0001']);
    assert.deepEqual(r, { write: ['NETWORK_ERROR', true, 'TypeError', true], read: ['NETWORK_ERROR', true, 'TypeError', true] });
    assert.deepEqual(env.sim.rest.state.log, []);
    await page.context().close();
  });
}

test("a form whose sessionStorage is full (QuotaExceededError on each write): calls, destroy() and reloads with requests in flight throw nothing; the reload slots are only lost", async () => {
  const page = await env.page();
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  // Same origin: a cross-site frame gets no sessionStorage at all in this Chromium.
  let frame = await openPortal(page, env.sim, `${lifecycleForm(env.sim)}&mode.call=silent`);
  const r = await frame.evaluate(async (args) => {
    // Fill the tab's sessionStorage until the browser refuses a write of even one character.
    let error = '';
    let i = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      for (;;) {
        try {
          sessionStorage.setItem(`f${i++}`, 'x'.repeat(size));
        } catch (e) {
          error = e.name;
          break;
        }
      }
    }
    const client = window.connect();
    const pending = window.settle(client.call(args));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Leaving with a call on the wire writes its slot: refused, which must stay inside the library.
    let destroyed = 'returned';
    try {
      client.destroy();
    } catch (e) {
      destroyed = e.name;
    }
    window.connect().call(args).catch(() => {});
    return { error, destroyed, code: (await pending).code };
  }, { campaign: 'Sales->', destination: '099123456' });
  assert.deepEqual(r, { error: 'QuotaExceededError', destroyed: 'returned', code: 'DESTROYED' });
  // A reload with the second call on the wire: its pagehide writes the slot (refused again).
  await frame.evaluate(() => { window.beforeReload = true; location.reload(); });
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(() => window.crm?.ready && !window.beforeReload).catch(() => false);
  });
  await page.evaluate(() => window.sim.setMode('call', 'answer'));
  const after = await frame.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 5000 })), { campaign: 'Sales->', destination: '099123456' });
  assert.equal(after.ok, true, after.message);
  assert.deepEqual(uncaught, []);
  await page.context().close();
});
