// The demo as a person with a keyboard or a screen reader uses it: every control of every page
// `npm run demo` prints has an accessible name (what Chromium computes, not a placeholder), the
// Inbox's conversations are picked by keyboard, and the changes a person waits for (a call ringing,
// a request's result, the form closed) are announced in a live region, with focus kept sensible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoText } from '../demo/pages.mjs';
import { FOCUSED_CONVERSATION, CURRENT_CONVERSATIONS } from './demo-keyboard.mjs';
import { demoPages, unreadyDocuments } from './demo-layout.mjs';
import { setup, openPortal, waitFor } from './helpers.mjs';
import { inPhone, openBare, phoneFrame } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const CONTROLS = 'button|textbox|combobox|listbox|checkbox|radio|spinbutton|slider|link|searchbox|switch';
// An aria snapshot line of a control with no name: `- combobox`, `- textbox: value`, `- button [pressed]`.
const UNNAMED = new RegExp(`^\\s*- (${CONTROLS})(?: \\[[^\\]]*\\])*(?::.*)?$`);

/** The unnamed controls of every frame of `page`, hidden parts (other states) shown first. */
async function unnamedControls(page) {
  const found = [];
  for (const frame of page.frames()) {
    if (frame.url() === 'about:blank') continue;
    const isHtml = await frame.evaluate(() => document.contentType === 'text/html').catch(() => false);
    if (!isHtml) continue;
    // The states the page shows later (a logged-in phone, a dialer call's editor) have controls too.
    await frame.evaluate(() => document.querySelectorAll('[hidden]').forEach((e) => { e.hidden = false; }));
    const snapshot = await frame.locator('body').ariaSnapshot();
    for (const line of snapshot.split('\n')) if (UNNAMED.test(line)) found.push(`${new URL(frame.url()).pathname}: ${line.trim()}`);
    // A placeholder is no label: it goes away as soon as one types (Chromium names the field by it).
    const placeholderOnly = await frame.evaluate(() => [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
      .filter((e) => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title).map((e) => `#${e.id}`));
    for (const id of placeholderOnly) found.push(`${new URL(frame.url()).pathname}: ${id} is named only by its placeholder`);
    // A screen reader's outline: no heading level skipped (an h3 under an h1 reads as a missing section).
    const skips = await frame.evaluate(() => {
      let last = 0;
      return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].flatMap((h) => {
        const level = Number(h.tagName[1]);
        const skip = level > last + 1 ? [`h${last} then h${level} "${h.textContent.trim().slice(0, 40)}"`] : [];
        last = level;
        return skip;
      });
    });
    for (const s of skips) found.push(`${new URL(frame.url()).pathname}: heading level skipped: ${s}`);
  }
  return found;
}

test('every control of every page npm run demo prints has an accessible name', async () => {
  const urls = [...demoText(env.sim).matchAll(/https?:\/\/[^\s),;]+/g)].map((m) => m[0]).filter((u) => !u.includes('...') && u !== env.sim.formOrigin);
  // Its pages (not its scripts, state or REST roots): their scripts must have run.
  const pages = demoPages(env.sim);
  const problems = [];
  for (const url of urls) {
    const page = await env.page();
    await page.goto(url);
    await page.waitForLoadState('load');
    // Every document loaded, framed ones too (a page frames its form after its own load: on a loaded
    // machine a fixed pause was not enough, and a frame still navigating fails the check's evaluate).
    problems.push(...(await unreadyDocuments(page, { started: pages.includes(url) })).map((p) => `${url} → ${p}`));
    problems.push(...(await unnamedControls(page)).map((p) => `${url} → ${p}`));
    await page.context().close();
  }
  assert.deepEqual([...new Set(problems)], []);
});

test('the Inbox: a keyboard alone picks a conversation, the picked one is said (not only coloured), focus stays on it', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/inbox`);
  await waitFor(() => page.evaluate(() => window.inbox?.loads >= 1));
  // Tab from the top until a conversation has the focus.
  let channel = null;
  for (let i = 0; i < 20 && !channel; i++) {
    await page.keyboard.press('Tab');
    channel = await page.evaluate(FOCUSED_CONVERSATION);
  }
  assert.equal(channel, 'telephony', 'a conversation is reachable with Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BUTTON');
  await page.keyboard.press('Tab');
  channel = await page.evaluate(FOCUSED_CONVERSATION);
  assert.equal(channel, 'whatsapp');
  await page.keyboard.press('Enter');
  await waitFor(() => page.evaluate(() => window.inbox.selected === 'whatsapp'));
  assert.equal(await page.evaluate(FOCUSED_CONVERSATION), 'whatsapp', 'focus stays on the picked conversation');
  await page.keyboard.press('Tab');
  await page.keyboard.press(' ');
  await waitFor(() => page.evaluate(() => window.inbox.selected === 'webchat'));
  assert.deepEqual(await page.evaluate(CURRENT_CONVERSATIONS), ['webchat']);
  // The answer modes are one named group of radios (a radio alone says 'late', not what is late).
  const modes = page.getByRole('group', { name: 'How the Inbox answers getInteraction' }).getByRole('radio');
  assert.deepEqual(await modes.evaluateAll((rs) => rs.map((r) => r.value)), ['answer', 'late', 'silent']);
  // The form closed from inside: the focus (gone with it) goes to 'Open it again', and from there into the form.
  await waitFor(() => page.frame({ name: 'inboxForm' })?.evaluate(() => window.form?.interaction?.channel === 'webchat').catch(() => false));
  await page.frame({ name: 'inboxForm' }).focus('#close');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#form-closed', { state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reopen', "the form closed: focus on 'Open it again'");
  await page.keyboard.press('Enter');
  await page.waitForSelector('#form-closed', { state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'form', 'opened again: focus in the form');
  await page.context().close();
});

test('the portal: a ringing call is announced, answered by keyboard, and focus goes to the form; declined, back to the ring button', async () => {
  const page = await env.page();
  await openPortal(page, env.sim);
  const live = (sel) => page.evaluate((s) => {
    for (let e = document.querySelector(s); e; e = e.parentElement) {
      if (['alert', 'status', 'log'].includes(e.getAttribute('role')) || (e.getAttribute('aria-live') ?? 'off') !== 'off') return true;
    }
    return false;
  }, sel);
  await page.focus('#ring-whatsapp');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#incoming', { state: 'visible' });
  assert.ok(await live('#incoming-text'), 'the ringing call is in a live region');
  assert.match(await page.textContent('#incoming'), /Ringing: WhatsApp/);
  await page.focus('#answer');
  await page.keyboard.press('Enter');
  await waitFor(() => page.evaluate(() => window.sim.currentCall?.via === 'answered'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'crm', 'focus goes to the form opened for the call');

  await page.focus('#ring-inbound');
  await page.keyboard.press('Space');
  await page.waitForSelector('#incoming', { state: 'visible' });
  await page.focus('#decline');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#incoming', { state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ring-inbound', 'focus goes back to the button that rang');

  // The form's results and the desk's notices are announced too; the form closed from inside, the
  // focus (gone with it) goes to the button that opens it again.
  for (const sel of ['#toasts', '#form-closed']) assert.ok(await live(sel), sel);
  const frame = await openPortal(page, env.sim);
  assert.equal(await frame.getAttribute('#results', 'role'), 'log', 'the form\'s results');
  await frame.focus('#btn-close');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#form-closed', { state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reopen-form');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#form-closed', { state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'crm', 'opened again: focus in the form');
  await page.context().close();
});

test('the desk by keyboard alone: Tab from the top reaches the form\'s Call, Enter places the call, and the desk says the call and the agent state (once, not again on every redraw)', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim);
  const live = (sel) => page.evaluate((s) => {
    for (let e = document.querySelector(s); e; e = e.parentElement) {
      if (['alert', 'status', 'log'].includes(e.getAttribute('role')) || (e.getAttribute('aria-live') ?? 'off') !== 'off') return true;
    }
    return false;
  }, sel);
  for (let tabs = 0; !(await frame.evaluate(() => document.hasFocus() && document.activeElement.id === 'btn-call')); tabs++) {
    assert.ok(tabs < 30, "Tab reaches the form's Call button");
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await waitFor(() => page.evaluate(() => window.sim.currentCall?.via === 'UC_makeCall_async'));
  assert.match(await page.textContent('#current-call'), /^UC_makeCall_async 099123456/);
  assert.ok(await live('#current-call'), 'the current call is in a live region');
  // The same call drawn again (a server echo): a live region's every write is said again.
  const writes = await page.evaluate(() => {
    const seen = new MutationObserver(() => {});
    seen.observe(document.getElementById('current-call'), { childList: true, characterData: true, subtree: true });
    window.sim.setCall(window.sim.currentCall, true);
    return seen.takeRecords().length;
  });
  assert.equal(writes, 0, 'an unchanged call is not written again');
  await page.focus('#toggle-pause');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#status'), 'PAUSED');
  assert.ok(await live('#status'), 'the agent state is in a live region');
  await page.focus('#end-call');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#current-call'), 'No call');
  await page.context().close();
});

test('the other pages announce their status and results, and the uPhone keeps the focus when Answer and Hang up hide', async () => {
  const page = await env.page();
  const liveIn = (frame, sels) => frame.evaluate((list) => list.filter((s) => {
    for (let e = document.querySelector(s); e; e = e.parentElement) {
      if (['alert', 'status', 'log'].includes(e.getAttribute('role')) || (e.getAttribute('aria-live') ?? 'off') !== 'off') return false;
    }
    return true;
  }), sels);
  await page.goto(`${env.sim.portalOrigin}/inbox`);
  await waitFor(() => page.frame({ name: 'inboxForm' })?.evaluate(() => window.form?.status === 'interaction').catch(() => false));
  assert.deepEqual(await liveIn(page.mainFrame(), ['#toasts', '#form-closed']), [], 'the Inbox');
  assert.deepEqual(await liveIn(page.frame({ name: 'inboxForm' }), ['#status', '#results']), [], 'the Inbox form');
  await page.goto(`${env.sim.portalOrigin}/forms/classic/index.html`);
  assert.deepEqual(await liveIn(page.mainFrame(), ['#results']), [], 'the classic form');
  await page.goto(`${env.sim.formOrigin}/agent-app/?login=auto`);
  await waitFor(() => page.evaluate(() => window.app?.ready === 'ready'));
  assert.deepEqual(await liveIn(page.mainFrame(), ['#agent-status', '#call-state', '#activity']), [], 'the agent app');

  await page.goto(`${env.sim.portalOrigin}/uphone/?login=auto`);
  assert.deepEqual(await liveIn(page.mainFrame(), ['#call']), [], 'the uPhone');
  await page.focus('#ring');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#answer', { state: 'visible' });
  await page.focus('#answer');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'hangup', 'answered: focus on Hang up');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'l1', 'hung up: focus on the disposition');
  await page.context().close();
});

// A phone framed without allow="camera;microphone" places and answers no call: the person who
// pressed Call or Answer must hear why, not find it only in the wire log.
test('the uPhone framed without a microphone says why Call and Answer do nothing, in a live region', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.getElementById('slot').appendChild(f);
  }, `${env.sim.portalOrigin}/uphone/?login=auto`);
  const phone = await phoneFrame(page);
  assert.equal(await inPhone(phone, (sim) => sim.microphone), false);
  const said = () => phone.evaluate(() => {
    const spoken = [];
    for (const region of document.querySelectorAll('[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])')) {
      if (!region.closest('[hidden]')) spoken.push(region.textContent.trim());
    }
    return spoken.filter((t) => /microphone/.test(t));
  });
  assert.deepEqual(await said(), [], 'nothing said before a call is tried');
  await phone.focus('#dial');
  await page.keyboard.press('Enter');
  assert.equal(await inPhone(phone, (sim) => sim.call), null, 'no call placed');
  assert.deepEqual(await said(), ['No microphone: the host page must frame the phone with allow="camera;microphone". No call was placed.']);
  await phone.focus('#ring');
  await page.keyboard.press('Enter');
  await phone.focus('#answer');
  await page.keyboard.press('Enter');
  assert.equal(await inPhone(phone, (sim) => sim.call.status), 'ringing');
  assert.deepEqual(await said(), ['No microphone: the host page must frame the phone with allow="camera;microphone". The call was not answered.']);
  await page.context().close();
});

// The simulated phone moves the focus only when a button of its own hid with the focus on it (to Hang
// up, then the disposition): never out of the agent's CRM. A far end hanging up while the agent types
// in the CRM leaves the CRM's focus, text and scroll alone (the focus left the phone's document).
test('the agent app: a call the far end ends while the agent types in the CRM leaves the CRM\'s focus, text and scroll alone', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 1000, height: 400 });
  await page.goto(`${env.sim.formOrigin}/agent-app/?login=auto`);
  await waitFor(() => page.evaluate(() => window.app?.ready === 'ready'));
  const phone = page.frames().find((f) => f.url().includes('/uphone/'));
  // Answered with the phone's own button: the focus goes to its Hang up.
  await phone.evaluate(() => window.uphoneSim.ring());
  await phone.focus('#answer');
  await page.keyboard.press('Enter');
  assert.equal(await phone.evaluate(() => document.activeElement.id), 'hangup');
  await page.evaluate(() => document.querySelector('main section').insertAdjacentHTML('afterbegin', '<textarea id="notes" aria-label="Notes"></textarea>'));
  await page.click('#notes');
  await page.keyboard.type('Called about');
  await page.evaluate(() => window.scrollTo(0, 40));
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, 'the app scrolls');
  await phone.evaluate(() => window.uphoneSim.hangup());
  await page.keyboard.type(' billing');
  assert.deepEqual(await page.evaluate(() => [document.activeElement.id, document.getElementById('notes').value, window.scrollY]), ['notes', 'Called about billing', scrolled]);
  assert.equal(await phone.evaluate(() => document.getElementById('dispositions').hidden), false, 'the phone asks for the disposition');
  await page.context().close();
});

test('the classic form opened alone says why "Call with the portal phone" does nothing', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/forms/classic/index.html`);
  await page.waitForSelector('body[data-ready]');
  await page.focus('#btnCallPhone');
  await page.keyboard.press('Enter');
  await waitFor(async () => /portal/.test(await page.textContent('#results')), 3000);
  assert.match(await page.textContent('#results'), /Error: .*not inside the portal/);
  await page.context().close();
});

test('the layout menus say which layout is open (not by weight and colour only), and repeated buttons say whom they act on', async () => {
  const page = await env.page();
  for (const [path, current] of [['/?form=esm&origin=cross', 'esm · cross origin'], ['/inbox?build=iife', 'iife · same origin']]) {
    await page.goto(`${env.sim.portalOrigin}${path}`);
    const nav = page.getByRole('navigation', { name: 'Layouts' });
    assert.deepEqual(await nav.locator('[aria-current="page"]').allTextContents(), [current], path);
  }
  await page.goto(`${env.sim.formOrigin}/agent-app/`);
  const names = await page.locator('#customers').getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') || b.textContent));
  assert.equal(new Set(names).size, names.length, `distinct names: ${names}`);
  assert.ok(names.includes('Call Ana Pérez'), String(names));
  await page.context().close();
});

/** The visible text of this document below WCAG AA contrast on what is behind it (4.5:1; 3:1 from 24 px, or 18.66 px bold). */
const LOW_CONTRAST = () => {
  const rgba = (c) => { const v = c.match(/[\d.]+/g).map(Number); return v.length > 3 ? v : [...v, 1]; };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // A colour with alpha shows what is under it: blended over the parent's background, white at the top.
  const over = (c, under) => c.slice(0, 3).map((v, i) => v * c[3] + under[i] * (1 - c[3]));
  const background = (e) => (e ? over(rgba(getComputedStyle(e).backgroundColor), background(e.parentElement)) : [255, 255, 255]);
  const low = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) || !e.checkVisibility({ visibilityProperty: true }) || e.closest('option, :disabled')) continue;
    const style = getComputedStyle(e);
    const bg = background(e);
    const [a, b] = [lum(over(rgba(style.color), bg)), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize);
    if (ratio < (size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? 3 : 4.5)) {
      low.push(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${e.className.replace(/ /g, '.')}` : ''} "${e.textContent.trim().slice(0, 24)}" ${ratio.toFixed(2)}:1`);
    }
  }
  return low;
};

test('each page says what it is in one h1, and its text is readable in each state a person sees (WCAG AA contrast)', async () => {
  const page = await env.page();
  const problems = [];
  /** The low-contrast text of every frame of the page, named by `state`. */
  const check = async (state) => {
    for (const frame of page.frames()) {
      if (frame.url() === 'about:blank') continue;
      const low = await frame.evaluate(LOW_CONTRAST);
      problems.push(...low.map((l) => `${state} (${new URL(frame.url()).pathname}): ${l}`));
    }
  };
  for (const url of [`${env.sim.portalOrigin}/`, `${env.sim.portalOrigin}/inbox`, `${env.sim.formOrigin}/agent-app/`, `${env.sim.portalOrigin}/uphone/`]) {
    await page.goto(url);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').count(), 1, `${url}: one h1`);
  }
  // The desk: a call ringing, the agent paused, a request that failed in the form, the form closed.
  const frame = await openPortal(page, env.sim);
  await page.click('#ring-inbound');
  await page.click('#toggle-pause');
  await frame.click('#btn-tag');
  await waitFor(async () => (await frame.textContent('#results')).length > 0);
  await check('the desk, ringing and paused');
  await page.evaluate(() => window.sim.closeForm());
  await page.waitForSelector('#form-closed', { state: 'visible' });
  await check('the desk, form closed');
  await page.goto(`${env.sim.portalOrigin}/?form=classic`);
  await waitFor(() => page.frame({ name: 'crmForm' })?.evaluate(() => document.body.hasAttribute('data-ready')).catch(() => false));
  await check('the desk with the classic form');
  // The Inbox with each channel's badge, a notice and its form.
  await page.goto(`${env.sim.portalOrigin}/inbox`);
  await waitFor(() => page.frame({ name: 'inboxForm' })?.evaluate(() => window.form?.status === 'interaction').catch(() => false));
  await check('the Inbox');
  await page.goto(`${env.sim.portalOrigin}/inbox?channel=none`);
  await waitFor(() => page.frame({ name: 'inboxForm' })?.evaluate(() => !!window.form?.status).catch(() => false));
  await check('the Inbox, form opened by hand');
  // The agent app and its phone: logged out, then a call ringing; the phone alone in its dark theme.
  await page.goto(`${env.sim.formOrigin}/agent-app/`);
  await page.waitForLoadState('load');
  await check('the agent app, agent logged out');
  await page.goto(`${env.sim.formOrigin}/agent-app/?login=auto`);
  await waitFor(() => page.evaluate(() => window.app?.ready === 'ready'));
  const phone = page.frames().find((f) => f.url().includes('/uphone/'));
  await phone.evaluate(() => window.uphoneSim.ring({ number: '091000000', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.app.pops.length > 0));
  await check('the agent app, an unknown caller ringing');
  await phone.evaluate(() => { window.uphoneSim.answer(); window.uphoneSim.hangup(); window.uphoneSim.postRaw('junk'); });
  await check('the agent app, call ended');
  await page.goto(`${env.sim.portalOrigin}/uphone/?api=events&login=auto`);
  await page.evaluate(() => { window.uphoneSim.setTheme('dark'); window.uphoneSim.ring(); window.postMessage('not from the parent', '*'); });
  await waitFor(() => page.evaluate(() => document.querySelector('#wire .odd')));
  await check('the uPhone, dark theme');
  await page.context().close();
  assert.deepEqual(problems, []);
});
