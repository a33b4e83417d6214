// The demo as a person with a keyboard or a screen reader uses it: every control of every page
// `npm run demo` prints has an accessible name (what Chromium computes, not a placeholder), the
// Inbox's conversations are picked by keyboard, and the changes a person waits for (a call ringing,
// a request's result, the form closed) are announced in a live region, with focus kept sensible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoText } from '../demo/pages.mjs';
import { FOCUSED_CONVERSATION, CURRENT_CONVERSATIONS } from './demo-keyboard.mjs';
import { setup, openPortal, waitFor } from './helpers.mjs';

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
  }
  return found;
}

test('every control of every page npm run demo prints has an accessible name', async () => {
  const urls = [...demoText(env.sim).matchAll(/https?:\/\/[^\s),;]+/g)].map((m) => m[0]).filter((u) => !u.includes('...') && u !== env.sim.formOrigin);
  const problems = [];
  for (const url of urls) {
    const page = await env.page();
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
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

test('each page says what it is in one h1, and the muted text of the dark headers is readable (WCAG AA, 4.5:1)', async () => {
  const page = await env.page();
  const pages = [`${env.sim.portalOrigin}/`, `${env.sim.portalOrigin}/inbox`, `${env.sim.formOrigin}/agent-app/`, `${env.sim.portalOrigin}/uphone/`];
  for (const url of pages) {
    await page.goto(url);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').count(), 1, `${url}: one h1`);
    // The contrast of each header's muted text on the header's background (WCAG 2 relative luminance).
    const ratios = await page.evaluate(() => {
      const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
      const lum = (c) => {
        const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const bg = getComputedStyle(document.querySelector('header')).backgroundColor;
      return [...document.querySelectorAll('header .muted')].map((e) => {
        const [a, b] = [lum(getComputedStyle(e).color), lum(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
      });
    });
    for (const r of ratios) assert.ok(r >= 4.5, `${url}: header text contrast ${r.toFixed(2)}:1`);
  }
  await page.context().close();
});
