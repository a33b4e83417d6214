// A page frozen by Chromium and resumed (the Page Lifecycle API: a background tab is frozen to save
// energy or memory, `freeze` then `resume`), with every browser entry waiting for an answer. While
// the page is frozen its timers and queued messages wait; on resume both are due. Each answer is
// given while the page is frozen, and the page stays frozen until the request's own time limit has
// passed (read in the page: `performance.now()` past the deadline, polled, not slept): the answer
// is delivered (Chromium runs the queued message, network answer or storage event before the
// timer that came due meanwhile), once, and the next request gets its own. The late reply of a
// timed-out portal call that comes while the page is frozen and its late window closes never
// answers the call queued behind it. A REST request that would go out on resume (the call after
// its login answered while frozen, a read's retry that came due meanwhile) past its call's deadline
// is never sent: TIMEOUT, though the timer that says so runs after the network's answers.
//
// Playwright turns on focus emulation in every page it makes, which keeps the page visible, and
// Chromium then ignores `Page.setWebLifecycleState` {state: 'frozen'}: no `freeze`, timers run on.
// So this file starts Chromium itself (the same binary and switches) and connects over CDP without
// Playwright's defaults: the pages of the default context have no focus emulation and do freeze.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CryptoJS from 'crypto-js';
import { chromium } from 'playwright-core';
import { startSimulator } from '../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS, waitFor } from './helpers.mjs';

let sim;
let chrome;
let dir;
let browser;
let context;
before(async () => {
  sim = await startSimulator({ testPages: true });
  dir = mkdtempSync(join(tmpdir(), 'ucb-freeze-'));
  // Its own process group (/usr/bin/chromium is a script that starts the browser): ended as one below.
  chrome = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${dir}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const endpoint = await new Promise((resolve, reject) => {
    let text = '';
    chrome.stderr.on('data', (d) => {
      text += d;
      const m = /DevTools listening on (ws:\S+)/.exec(text);
      if (m) resolve(m[1]);
    });
    chrome.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text.slice(-500)}`)));
  });
  browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  [context] = browser.contexts();
  // Every frame records its lifecycle events: the tests check that the page did freeze.
  await context.addInitScript(() => {
    window.lifecycle = [];
    for (const type of ['freeze', 'resume']) addEventListener(type, () => window.lifecycle.push(type), true);
  });
});
after(async () => {
  await Promise.race([browser?.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  if (chrome && chrome.exitCode === null && chrome.signalCode === null) {
    const gone = new Promise((r) => chrome.once('exit', r));
    try {
      process.kill(-chrome.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await gone;
  }
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  await sim?.close();
});

const CALL = { campaign: 'Sales->', destination: '099123456' };
const AGENT_CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
// Each request's time limit (and the late window): long enough for the answer to be given before
// it, on a loaded machine too; the page then stays frozen until it has passed.
const LIMIT = 2000;

/** Freezes `page`, runs `whileFrozen`, waits until `due` (a frame's predicate) holds, resumes. */
async function frozen(page, whileFrozen, due) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await whileFrozen();
  await waitFor(due);
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await cdp.detach();
}

/** The stand-in portal (e2e/pages/siblings.html) with the lifecycle form in frame `crmForm`. */
async function openPortal(origin) {
  const page = await context.newPage();
  const form = `${origin === 'cross' ? sim.formOrigin : sim.portalOrigin}/e2e/lifecycle.html`;
  await page.goto(`${sim.portalOrigin}/e2e/siblings.html?frames=crmForm&form=${encodeURIComponent(form)}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(() => window.crm?.ready === true).catch(() => false);
  });
  return { page, frame };
}

for (const origin of ['same', 'cross']) {
  test(`portal: a call's reply given while the form is frozen, past the call's deadline, is its answer on resume; the next call gets its own (${origin} origin)`, async () => {
    const { page, frame } = await openPortal(origin);
    await page.evaluate(() => window.host.setMode('silent', 0, 1));
    await frame.evaluate(([args, limit]) => {
      window.events = [];
      window.client = window.connect({ log: (e) => window.events.push(e.type) });
      window.first = window.settle(window.client.call(args, { timeoutMs: limit }));
      window.deadline = performance.now() + limit;
    }, [CALL, LIMIT]);
    await waitFor(() => page.evaluate(() => window.host.received.length === 1));
    await frozen(page, () => page.evaluate(() => window.host.send('crmForm', { guid: 'g-first' })),
      () => frame.evaluate(() => performance.now() > window.deadline + 100));
    const first = await frame.evaluate(() => window.first);
    assert.deepEqual([first.ok, first.v?.guid], [true, 'g-first'], JSON.stringify(first));
    assert.deepEqual(await frame.evaluate(() => window.lifecycle), ['freeze', 'resume'], 'the form was frozen and resumed');
    const second = await frame.evaluate((args) => window.settle(window.client.call(args, { timeoutMs: 5000 })), CALL);
    const guids = await page.evaluate(() => window.host.guids);
    assert.deepEqual([second.ok, second.v?.guid], [true, guids[0]], 'the next call got its own guid');
    assert.deepEqual(await frame.evaluate(() => window.events), ['sent', 'answered', 'sent', 'answered'], 'answered once each, no timeout');
    await page.close();
  });

  test(`portal: a timed-out call's late reply that comes while the form is frozen and its late window closes never answers the call queued behind it (${origin} origin)`, async () => {
    const { page, frame } = await openPortal(origin);
    await page.evaluate(() => window.host.setMode('silent', 0, 1));
    const first = await frame.evaluate(([args, limit]) => {
      window.events = [];
      window.heard = [];
      window.client = window.connect({ lateReplyWindowMs: limit, log: (e) => window.events.push(e.type) });
      window.client.on('message', (data) => window.heard.push(data));
      return window.settle(window.client.call(args, { timeoutMs: 100 }));
    }, [CALL, LIMIT]);
    assert.equal(first.code, 'TIMEOUT');
    // Queued behind the stale slot until the late reply comes or the window closes.
    await frame.evaluate(([args, limit]) => {
      window.second = window.settle(window.client.call(args, { timeoutMs: 20_000 }));
      window.closes = performance.now() + limit;
    }, [CALL, LIMIT]);
    assert.equal(await page.evaluate(() => window.host.received.length), 1, 'the second call waits behind the late window');
    await frozen(page, () => page.evaluate(() => window.host.send('crmForm', { guid: 'g-late' })),
      () => frame.evaluate(() => performance.now() > window.closes + 100));
    const second = await frame.evaluate(() => window.second);
    const guids = await page.evaluate(() => window.host.guids);
    assert.equal(second.ok, true, second.message);
    assert.equal(guids.length, 1, 'the portal answered the queued call once');
    assert.equal(second.v.guid, guids[0], 'the queued call got its own guid, not the late one');
    assert.equal(await page.evaluate(() => window.host.received.length), 2, 'each call was posted once');
    // Swallowed within its window, or (handled after the window closed) heard as unsolicited: never an answer.
    const heard = await frame.evaluate(() => window.heard.map((d) => d.guid));
    assert.ok(heard.length === 0 || (heard.length === 1 && heard[0] === 'g-late'), JSON.stringify(heard));
    await page.close();
  });

  test(`Inbox: the Inbox's answer given while the form is frozen, past getInteraction's time limit, resolves it on resume (${origin} origin)`, async () => {
    const page = await context.newPage();
    await page.goto(`${sim.portalOrigin}/inbox?channel=webchat&mode=silent&timeoutMs=60000&origin=${origin}`);
    let frame;
    await waitFor(async () => {
      frame = page.frame({ name: 'inboxForm' });
      return frame?.evaluate(() => window.form?.ready === true).catch(() => false);
    });
    const asked = () => page.evaluate(() => window.inbox.received.filter((r) => r.data?.action === 'getInteraction').length);
    const before = await asked();
    await frame.evaluate((limit) => {
      window.got = window.form.inbox.getInteraction({ timeoutMs: limit })
        .then((i) => ({ ok: true, clientName: i.clientName }), (e) => ({ ok: false, code: e.code }));
      window.deadline = performance.now() + limit;
    }, LIMIT);
    await waitFor(async () => (await asked()) === before + 1);
    await frozen(page, () => page.evaluate(() => window.inbox.post({ action: 'interaction', interaction: window.inbox.current() })),
      () => frame.evaluate(() => performance.now() > window.deadline + 100));
    assert.deepEqual(await frame.evaluate(() => window.got), { ok: true, clientName: 'Lucía Gómez' });
    assert.deepEqual(await frame.evaluate(() => window.lifecycle), ['freeze', 'resume'], 'the form was frozen and resumed');
    await page.evaluate(() => window.inbox.setMode('answer'));
    const next = await frame.evaluate(() => window.form.inbox.getInteraction({ timeoutMs: 5000 }).then((i) => i.clientName, (e) => e.code));
    assert.equal(next, 'Lucía Gómez');
    await page.close();
  });

  test(`uPhone: the login and a command's echo posted while the host is frozen, past their time limits, are heard on resume (${origin} origin)`, async () => {
    const page = await context.newPage();
    await page.goto(`${origin === 'same' ? sim.portalOrigin : sim.formOrigin}/e2e/uphone-bare.html`);
    await waitFor(() => page.evaluate(() => window.libLoaded === true));
    await page.evaluate(([url, limit]) => {
      window.phone = window.embed({ url, readyTimeoutMs: limit });
      window.readyAt = performance.now() + limit;
      window.ready = window.phone.ready.then(() => 'ready', (e) => e.code);
    }, [`${sim.portalOrigin}/uphone/`, LIMIT]);
    let phone;
    await waitFor(async () => {
      phone = page.frames().find((f) => /\/uphone\/(\?|$)/.test(f.url()));
      return phone ? phone.evaluate(() => !!window.uphoneSim).catch(() => false) : false;
    });
    assert.equal(await page.evaluate(() => window.phone.loggedIn), false);
    await frozen(page, () => phone.evaluate(() => window.uphoneSim.login()),
      () => page.evaluate(() => performance.now() > window.readyAt + 100));
    assert.equal(await page.evaluate(() => window.ready), 'ready', 'the login heard before the ready time limit that came due meanwhile');
    // A command sent, its echo held by the phone until the host is frozen past the command's limit.
    await phone.evaluate(() => { window.uphoneSim.hold = true; });
    await page.evaluate((limit) => {
      window.result = window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: limit })
        .then((r) => ({ ok: true, echoed: r.echoed, number: r.event.params.number }), (e) => ({ ok: false, code: e.code }));
      window.echoAt = performance.now() + limit;
    }, LIMIT);
    await waitFor(() => phone.evaluate(() => window.uphoneSim.held.length === 1));
    await frozen(page, () => phone.evaluate(() => window.uphoneSim.release()),
      () => page.evaluate(() => performance.now() > window.echoAt + 100));
    assert.deepEqual(await page.evaluate(() => window.result), { ok: true, echoed: true, number: '099123456' });
    assert.deepEqual(await page.evaluate(() => window.lifecycle), ['freeze', 'resume', 'freeze', 'resume']);
    assert.equal(await page.evaluate(() => window.phone.state.status), 'inCall');
    await page.evaluate(() => window.phone.destroy());
    await page.close();
  });

  test(`REST client in a page: an answer that arrives while the page is frozen, past the call's timeoutMs, is its result on resume (${origin} origin)`, async () => {
    const page = await context.newPage();
    await page.goto(`${origin === 'same' ? sim.portalOrigin : sim.formOrigin}/e2e/rest.html`);
    await waitFor(() => page.evaluate(() => window.ready === true));
    sim.rest.reset();
    // The server runs the call, then holds its answer 300 ms: it comes while the page is frozen.
    sim.rest.faults.delay({ ms: 300, path: 'Supervisor/campaignssummary', after: true });
    await page.evaluate((baseUrl) => {
      window.events = [];
      const uc = window.bridge.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' },
        log: (e) => window.events.push(e.type) });
      window.result = uc.campaignsSummary({ timeoutMs: 1000 }).then((v) => ({ ok: true, array: Array.isArray(v) }), (e) => ({ ok: false, code: e.code }));
      window.uc = uc;
    }, sim.portalOrigin);
    // Frozen once the call's request is out (after the login's), until past its deadline.
    await waitFor(() => page.evaluate(() => window.events.filter((t) => t === 'request').length === 2));
    const sent = await page.evaluate(() => performance.now());
    await frozen(page, async () => {
      await waitFor(() => sim.rest.state.log?.some?.((r) => r.outcome === 'ok+fault:delayed'));
    }, () => page.evaluate((t) => performance.now() > t + 1100, sent));
    assert.deepEqual(await page.evaluate(() => window.result), { ok: true, array: true });
    assert.deepEqual(await page.evaluate(() => window.lifecycle), ['freeze', 'resume'], 'the page was frozen and resumed');
    assert.deepEqual(await page.evaluate(() => window.events.filter((t) => t !== 'login')), ['request', 'response', 'request', 'response'], 'one attempt each: no retry, no error');
    assert.deepEqual(await page.evaluate(() => window.uc.campaignsSummary({ timeoutMs: 5000 }).then((v) => Array.isArray(v), (e) => e.code)), true);
    await page.close();
  });

  // On resume Chromium runs the network's answers before the timers that came due meanwhile: the
  // login's answer went on to send the write, past the call's deadline, and the server placed a call
  // its caller was told (once the deadline's timer ran) had timed out, or was answered long after it.
  test(`REST client in a page: a write whose login is answered while the page is frozen, past the call's timeoutMs, is never sent (TIMEOUT) (${origin} origin)`, async () => {
    const page = await context.newPage();
    await page.goto(`${origin === 'same' ? sim.portalOrigin : sim.formOrigin}/e2e/rest.html`);
    await waitFor(() => page.evaluate(() => window.ready === true));
    sim.rest.reset();
    // The server logs in, then holds its answer 300 ms: it comes while the page is frozen.
    sim.rest.faults.delay({ ms: 300, path: 'auth/getUserToken', after: true });
    await page.evaluate(([baseUrl, args, limit]) => {
      window.events = [];
      const uc = window.bridge.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' },
        log: (e) => window.events.push(e.type) });
      window.result = uc.agentCall(args, { timeoutMs: limit }).then((guid) => ({ ok: true, guid: typeof guid }), (e) => ({ ok: false, code: e.code }));
      window.deadline = performance.now() + limit;
      window.uc = uc;
    }, [sim.portalOrigin, AGENT_CALL, LIMIT]);
    await frozen(page, () => waitFor(() => sim.rest.state.log?.some?.((r) => r.outcome === 'ok+fault:delayed')),
      () => page.evaluate(() => performance.now() > window.deadline + 100));
    assert.deepEqual(await page.evaluate(() => window.result), { ok: false, code: 'TIMEOUT' });
    assert.deepEqual(await page.evaluate(() => window.lifecycle), ['freeze', 'resume'], 'the page was frozen and resumed');
    const calls = () => sim.rest.state.log.filter((r) => r.path === 'Agents/AgentCall' && r.method === 'POST').length;
    assert.equal(calls(), 0, 'the write was sent past its deadline');
    // The login it waited for serves the next call.
    assert.deepEqual(await page.evaluate((args) => window.uc.agentCall(args, { timeoutMs: 5000 }).then((g) => typeof g, (e) => e.code), AGENT_CALL), 'string');
    assert.equal(calls(), 1);
    assert.deepEqual(await page.evaluate(() => window.events.filter((t) => t === 'login').length), 1);
    await page.close();
  });
}

// On resume the phone's login ran before the queued command's overdue timer: the command was
// posted then, the phone dialled, and the caller was told it was sent. Same origin only: with the
// phone on another origin (its own process), Chromium delivered the login to the frozen host at
// once (seen: heard before the limit), so the freeze cannot hold it there.
test(`uPhone: a command queued before the login, the host frozen past its timeoutMs while the agent logs in, is never posted: NOT_READY (same origin)`, async () => {
  const page = await context.newPage();
  await page.goto(`${sim.portalOrigin}/e2e/uphone-bare.html`);
  await waitFor(() => page.evaluate(() => window.libLoaded === true));
  await page.evaluate((url) => { window.phone = window.embed({ url, readyTimeoutMs: 60_000 }); }, `${sim.portalOrigin}/uphone/`);
  let phone;
  await waitFor(async () => {
    phone = page.frames().find((f) => /\/uphone\/(\?|$)/.test(f.url()));
    return phone ? phone.evaluate(() => !!window.uphoneSim).catch(() => false) : false;
  });
  // Queued (the agent is not in yet), then the host frozen at once, the agent logging in meanwhile.
  await page.evaluate((limit) => {
    window.result = window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: limit })
      .then((r) => ({ ok: true, echoed: r.echoed }), (e) => ({ ok: false, code: e.code }));
    window.due = performance.now() + limit;
  }, LIMIT);
  await frozen(page, () => phone.evaluate(() => window.uphoneSim.login()),
    () => page.evaluate(() => performance.now() > window.due + 100));
  assert.deepEqual(await page.evaluate(() => window.result), { ok: false, code: 'NOT_READY' });
  assert.deepEqual(await page.evaluate(() => window.lifecycle), ['freeze', 'resume']);
  assert.equal(await page.evaluate(() => window.phone.loggedIn), true, 'the login was heard');
  const dialled = () => phone.evaluate(() => window.uphoneSim.received.filter((m) => m.data?.action === 'makeCall').length);
  assert.equal(await dialled(), 0, 'the phone never got the command');
  // The next command, in time, is posted.
  assert.deepEqual(await page.evaluate(() => window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 5000 })
    .then((r) => r.echoed, (e) => e.code)), false);
  await waitFor(async () => (await dialled()) === 1);
  await page.evaluate(() => window.phone.destroy());
  await page.close();
});

test('REST client in a page: a read whose retry comes due while the page is frozen, past the call\'s timeoutMs, is not sent again (TIMEOUT)', async () => {
  const page = await context.newPage();
  await page.goto(`${sim.portalOrigin}/e2e/rest.html`);
  await waitFor(() => page.evaluate(() => window.ready === true));
  sim.rest.reset();
  sim.rest.faults.fail({ status: 503, path: 'Supervisor/campaignssummary' });
  // The retry is due 1.5 s after the 503, before the call's deadline; the page is frozen by then,
  // until past the deadline: on resume the retry's timer runs before the deadline's.
  await page.evaluate(([baseUrl, limit]) => {
    window.events = [];
    const uc = window.bridge.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' },
      retry: { baseDelayMs: 1500 }, log: (e) => window.events.push(e.type) });
    window.result = uc.campaignsSummary({ timeoutMs: limit }).then(() => ({ ok: true }), (e) => ({ ok: false, code: e.code }));
    window.deadline = performance.now() + limit;
  }, [sim.portalOrigin, LIMIT]);
  await waitFor(() => page.evaluate(() => window.events.includes('retry')));
  await frozen(page, () => undefined, () => page.evaluate(() => performance.now() > window.deadline + 100));
  assert.deepEqual(await page.evaluate(() => window.result), { ok: false, code: 'TIMEOUT' });
  assert.deepEqual(await page.evaluate(() => window.lifecycle), ['freeze', 'resume'], 'the page was frozen and resumed');
  assert.deepEqual(sim.rest.state.log.filter((r) => r.path === 'Supervisor/campaignssummary').map((r) => r.status), [503], 'the retry was sent past its deadline');
  await page.close();
});

test('portal, form framework path: the helper\'s answer that arrives while the form is frozen, past the call\'s deadline, is its result on resume (same origin)', async () => {
  const page = await context.newPage();
  // The framework's UC_makeCall_async acts at once and answers 300 ms later: while the page is frozen.
  await page.goto(`${sim.portalOrigin}/?form=iife&mode.UC_makeCall_async=late:300:1`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(() => window.crm?.ready === true).catch(() => false);
  });
  const calls = () => page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()))
    .then((st) => st.log.filter((e) => e.name === 'UC_makeCall_async').map((e) => e.mode));
  await frame.evaluate(([args, limit]) => {
    window.first = window.crm.portal.call(args, { timeoutMs: limit }).then((v) => ({ ok: true, via: v.via, guid: typeof v.guid }), (e) => ({ ok: false, code: e.code }));
    window.deadline = performance.now() + limit;
  }, [CALL, LIMIT]);
  await frozen(page, () => undefined, () => frame.evaluate(() => performance.now() > window.deadline + 100));
  assert.deepEqual(await frame.evaluate(() => window.first), { ok: true, via: 'framework', guid: 'string' });
  assert.deepEqual(await frame.evaluate(() => window.lifecycle), ['freeze', 'resume'], 'the form was frozen and resumed');
  const next = await frame.evaluate((args) => window.crm.portal.call(args, { timeoutMs: 5000 }).then((v) => v.via, (e) => e.code), CALL);
  assert.equal(next, 'framework');
  assert.deepEqual(await calls(), ['late', 'answer'], 'the helper was called once per call');
  await page.close();
});

// Polled too (intervalMs 1000), the page stays frozen past a poll: on resume the storage event and
// the poll both come due, and the call is still reported once.
for (const intervalMs of [0, 1000]) {
  test(`watchCti (storage source, ${intervalMs ? 'storage events and polling' : 'storage events only'}): a call the portal writes while the page is frozen is reported once on resume`, async () => {
    const seal = (guid) => CryptoJS.AES.encrypt(JSON.stringify({ Guid: guid, Campaign: 'Sales->', Callerid: '099123456' }), sim.passphrase).toString();
    // The portal: another tab of the same origin writes the stored copy.
    const portal = await context.newPage();
    await portal.goto(`${sim.portalOrigin}/e2e/lifecycle.html`);
    await portal.evaluate((v) => localStorage.setItem('CTI', v), seal('cti-1'));
    const page = await context.newPage();
    await page.goto(`${sim.portalOrigin}/e2e/lifecycle.html`);
    await page.evaluate(([passphrase, interval]) => {
      window.seen = [];
      window.stop = UContactBridge.watchCti({ source: 'storage', passphrase, intervalMs: interval,
        onChange: (c) => window.seen.push(c.guid), onError: (e) => window.seen.push(e.code) });
    }, [sim.passphrase, intervalMs]);
    await portal.evaluate((v) => localStorage.setItem('CTI', v), seal('cti-2'));
    await waitFor(() => page.evaluate(() => window.seen.length === 1));
    const from = await page.evaluate(() => performance.now());
    await frozen(page, async () => {
      await portal.evaluate((v) => localStorage.setItem('CTI', v), seal('cti-3'));
      assert.deepEqual(await page.evaluate(() => window.seen), ['cti-2'], 'nothing reported while frozen');
    }, () => page.evaluate((t) => performance.now() > t + 1100, from));
    await waitFor(() => page.evaluate(() => window.seen.length === 2));
    await portal.evaluate((v) => localStorage.setItem('CTI', v), seal('cti-4'));
    await waitFor(() => page.evaluate(() => window.seen.length === 3));
    assert.deepEqual(await page.evaluate(() => window.seen), ['cti-2', 'cti-3', 'cti-4']);
    assert.deepEqual(await page.evaluate(() => window.lifecycle), ['freeze', 'resume']);
    await page.evaluate(() => window.stop());
    await portal.close();
    await page.close();
  });
}
