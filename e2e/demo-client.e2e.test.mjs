// The simulator's pages and sample apps attacked from the client side, in real Chromium: what a
// link (URL parameters) can make them do. They are the demo and the code integrators copy, so a
// parameter must not run script in their origin, frame another site as the form or phone, or send
// the agent's credentials elsewhere.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { setup, startThirdOrigin, waitFor } from './helpers.mjs';

let env;
let third;
before(async () => {
  env = await setup();
  third = await startThirdOrigin();
});
beforeEach(() => { if (third) third.hits.length = 0; });
after(async () => {
  await third?.close();
  await env?.close();
});

// A javascript: URL given as the framed page runs in the framing page's origin (the frame's first
// document is about:blank, which inherits it): it sets `__pwned` on the desk or the Inbox.
const SCRIPT_URL = 'javascript:parent.__pwned=document.domain';

for (const [page, path, frameId] of [['desk', '/', 'crm'], ['Inbox', '/inbox', 'form']]) {
  test(`the ${page}'s formUrl runs no script in its origin and frames no other site`, async () => {
    for (const url of [SCRIPT_URL, `${third.url}/form.html`, 'data:text/html,<b>form</b>']) {
      const p = await env.page();
      // Each load event of the frame, with the src it had then (a load event reaches no window: the
      // document listens). A javascript: src runs before the load of the document it makes.
      await p.addInitScript((id) => {
        window.__loads = [];
        document.addEventListener('load', (e) => { if (e.target.id === id) window.__loads.push(e.target.getAttribute('src')); }, true);
      }, frameId);
      await p.goto(`${env.sim.portalOrigin}${path}?formUrl=${encodeURIComponent(url)}`);
      // Once the frame has loaded the src the page gave it, not after a pause: a page slower than
      // the pause ran its script after the check.
      await waitFor(() => p.evaluate((id) => {
        const src = document.getElementById(id).getAttribute('src');
        return src !== null && window.__loads.includes(src);
      }, frameId));
      assert.equal(await p.evaluate(() => window.__pwned), undefined, url);
      const framed = await p.evaluate((id) => new URL(document.getElementById(id).src).origin, frameId);
      assert.ok([env.sim.portalOrigin, env.sim.formOrigin].includes(framed), `${url}: framed ${framed}`);
      await p.context().close();
    }
    assert.deepEqual(third.hits, []);
  });
}

test("the sample CRM form's ?portal= names no other site: it sends it neither the agent's password nor the desk's actions", async () => {
  for (const [origin, query] of [[env.sim.portalOrigin, ''], [env.sim.formOrigin, '&fallback=rest']]) {
    const p = await env.page();
    await p.goto(`${origin}/forms/crm.html?portal=${encodeURIComponent(third.url)}${query}`);
    await waitFor(() => p.evaluate(() => window.crm?.ready === true));
    // The REST buttons (the agent's session: its password is in the form) and Call, which goes over
    // REST when the form is opened alone with ?fallback=rest.
    await p.click('#btn-summary');
    await p.click('#btn-call');
    await waitFor(() => p.evaluate(() => window.crm.results.length >= 2));
    assert.deepEqual(third.hits.map((h) => [h.method, h.url, h.authorization?.split(' ')[0]]), [], origin);
    assert.notEqual(await p.textContent('#portal-origin'), third.url);
    await p.context().close();
  }
  // The second origin's config, which the form checks ?portal= against, carries no passphrase.
  const config = await (await fetch(`${env.sim.formOrigin}/sim-config.js`)).text();
  assert.match(config, /portalOrigin/);
  assert.doesNotMatch(config, new RegExp(env.sim.passphrase));
});

test("the sample agent app frames the instance's uPhone only: a link's ?phone= gets no customer's number", async () => {
  const p = await env.page();
  await p.goto(`${env.sim.formOrigin}/agent-app/?login=auto&phone=${encodeURIComponent(`${third.url}/uphone/`)}`);
  await waitFor(() => p.evaluate(() => !!window.app?.phone));
  const framed = await p.evaluate(() => new URL(document.querySelector('#phone iframe').src).origin);
  assert.equal(framed, env.sim.portalOrigin);
  await p.context().close();
  assert.deepEqual(third.hits, []);
});

test("the sample Inbox form's ?inbox= names no other site: a page that frames it cannot hand it an interaction", async () => {
  // Another site (here the second origin) frames the form of the portal's origin, naming itself.
  const p = await env.page();
  await p.goto(`${env.sim.formOrigin}/forms/crm.css`);
  await p.evaluate((src) => {
    const f = document.createElement('iframe');
    f.name = 'victim';
    f.src = src;
    document.body.append(f);
    window.addEventListener('message', (e) => {
      if (e.data?.action === 'getInteraction') {
        f.contentWindow.postMessage({ action: 'interaction', interaction: { guid: 'forged', channel: 'whatsapp', clientName: 'Forged', clientId: '099000111' } }, '*');
      }
    });
  }, `${env.sim.portalOrigin}/inbox-form/index.html?timeoutMs=1500&inbox=${encodeURIComponent(env.sim.formOrigin)}`);
  let form;
  await waitFor(async () => {
    form = p.frame({ name: 'victim' });
    return form ? form.evaluate(() => window.form?.status !== undefined && window.form.status !== 'waiting').catch(() => false) : false;
  });
  assert.notEqual(await form.evaluate(() => window.form.status), 'interaction');
  assert.notEqual(await form.textContent('#inbox-origin'), env.sim.formOrigin);
  await p.context().close();
});

test('the desk and the Inbox refuse to be framed by another site (clickjacking); files are served with nosniff', async () => {
  for (const path of ['/', '/inbox', '/index.html', '/portal/index.html', '/inbox/index.html']) {
    const p = await env.page();
    await p.goto(`${env.sim.formOrigin}/forms/crm.css`);
    await p.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
      return new Promise((r) => { f.onload = r; });
    }, env.sim.portalOrigin + path);
    // Its load event has fired: the page's document, its scripts run (window.sim and window.inbox are
    // set by their top-level scripts), or the error page shown in its place. Read in the frame, no
    // error taken for "not framed"; Playwright may learn of the frame after its load event.
    const [frame] = await waitFor(() => p.mainFrame().childFrames().length && p.mainFrame().childFrames());
    const [href, loaded] = await frame.evaluate(() => [location.href, !!(window.sim || window.inbox)]);
    assert.ok(!loaded && !href.startsWith(env.sim.portalOrigin), `${path} was framed by another site (${href})`);
    await p.context().close();
    const res = await fetch(env.sim.portalOrigin + path);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/, path);
  }
  for (const url of [`${env.sim.portalOrigin}/portal/desk.js`, `${env.sim.formOrigin}/forms/crm-ui.js`, `${env.sim.portalOrigin}/uphone/phone.js`, `${env.sim.formOrigin}/agent-app/app.js`]) {
    assert.equal((await fetch(url)).headers.get('x-content-type-options'), 'nosniff', url);
  }
});

// Another origin of the same site (127.0.0.1, another port: any local server; in production another
// subdomain of the tenant's domain) gets the desk's SameSite cookie on what it asks the portal.
async function sameSitePage() {
  const p = await env.page();
  await p.goto(`${env.sim.portalOrigin}/`);
  await waitFor(() => p.evaluate(() => !!window.sim?.answer));
  await p.evaluate(() => { window.sim.ring('inbound', { Callerid: '099777888' }); return window.sim.answer(); });
  const other = await p.context().newPage();
  await other.goto(`${third.url}/`);
  return { desk: p, other };
}

test("another origin's page cannot read the agent's framework script (CTI, Agent.token) or the passphrase by a script tag", async () => {
  const { desk, other } = await sameSitePage();
  const got = await other.evaluate(async (portal) => {
    const load = (src) => new Promise((r) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = s.onerror = r;
      document.head.append(s);
    });
    await load(`${portal}/uContact/assets/js/framework/integraFramework.js`);
    await load(`${portal}/sim-config.js`);
    return { cti: window.CTI ?? null, token: window.Agent?.token ?? null, passphrase: window.SIM?.passphrase ?? null };
  }, env.sim.portalOrigin);
  assert.deepEqual(got, { cti: null, token: null, passphrase: null });
  // The portal's own form still loads both.
  const form = desk.frame({ name: 'crmForm' });
  await waitFor(() => form.evaluate(() => window.crm?.ready === true).catch(() => false));
  assert.match(await form.evaluate(() => window.CTI), /099777888/);
  await desk.context().close();
});

test("another origin's page cannot drive the agent's desk through the framework's routes (place a call, pause)", async () => {
  const { desk, other } = await sameSitePage();
  const before = await desk.evaluate(() => window.sim.helperCalls.map((c) => c.name));
  const answered = await other.evaluate(async (portal) => {
    // Each answered (opaque), none failed unsent: a request that never reached the server proves nothing.
    const post = (path, body) => fetch(portal + path, { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify(body) }).then((r) => r.type);
    return [
      await post('/sim/framework/helper/UC_makeCall_async', { args: ['Sales->', '', '099111000'] }),
      await post('/sim/framework/helper/UC_pause', { args: [true] }),
      await post('/sim/framework/desk', { paused: true, call: null }),
    ];
  }, env.sim.portalOrigin);
  assert.deepEqual(answered, ['opaque', 'opaque', 'opaque']);
  // The desk hears of its session's changes in order, on one event stream: once a helper call of its
  // own (one that changes nothing) has reached it, any change those requests made has too.
  await desk.evaluate(() => fetch('/sim/framework/helper/UC_getMyAgentCampaigns_async', { method: 'POST', body: '{"args":[]}' }));
  await waitFor(() => desk.evaluate((n) => window.sim.helperCalls.length > n, before.length));
  const after = await desk.evaluate(() => ({ calls: window.sim.helperCalls.map((c) => c.name), paused: window.sim.paused, call: window.sim.currentCall?.destination }));
  assert.deepEqual(after, { calls: [...before, 'UC_getMyAgentCampaigns_async'], paused: false, call: '099777888' });
  await desk.context().close();
});

test("a link from another site to the desk opens the agent's own desk, not a fresh one in its place", async () => {
  // The desk's cookie was SameSite=Strict: a navigation from another site (a chat, a README on
  // GitHub, here the simulator's second origin, localhost) came without it, and the desk page set a
  // new one: the answered call was gone, and the desk tabs already open posted to that other desk.
  const p = await env.page();
  await p.goto(`${env.sim.portalOrigin}/`);
  await waitFor(() => p.evaluate(() => !!window.sim?.answer));
  await p.evaluate(() => { window.sim.ring('inbound', { Callerid: '099777888' }); return window.sim.answer(); });
  const cookie = async () => (await p.context().cookies(env.sim.portalOrigin)).map((c) => `${c.name}=${c.value}`);
  const before = await cookie();
  const other = await p.context().newPage();
  await other.goto(`${env.sim.formOrigin}/forms/crm.html`);
  await other.evaluate((url) => { location.href = url; }, `${env.sim.portalOrigin}/`);
  await other.waitForURL(`${env.sim.portalOrigin}/`);
  await waitFor(() => other.evaluate(() => !!window.sim?.answer));
  assert.deepEqual(await cookie(), before);
  for (const page of [p, other]) {
    const state = await page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()));
    assert.equal(state.cti?.Callerid, '099777888');
  }
  await p.context().close();
});

test("another site's page cannot switch the REST simulator's faults or reset it (its /sim/* controls)", async () => {
  const p = await env.page();
  await p.goto(`${third.url}/`);
  const token = env.sim.rest.issueApiToken('tester');
  // The page cannot read a no-cors answer: the browser's record of it says the request was sent and
  // refused. The simulator switches (or resets) before it answers: once answered, nothing more comes.
  const post = async (path, body) => {
    const url = env.sim.portalOrigin + path;
    const [type, answer] = await Promise.all([
      p.evaluate(([u, b]) => fetch(u, { method: 'POST', mode: 'no-cors', body: b }).then((r) => r.type), [url, JSON.stringify(body)]),
      p.waitForResponse((r) => r.url() === url),
    ]);
    return [type, answer.status()];
  };
  assert.deepEqual(await post('/sim/faults', { tokenFormat: 'array' }), ['opaque', 403]);
  assert.equal(env.sim.rest.config.tokenFormat, 'quoted');
  assert.deepEqual(await post('/sim/reset', {}), ['opaque', 403]);
  assert.equal(env.sim.rest.revokeApiToken(token), true, 'not reset: the token issued before is still live');
  await p.context().close();
});
