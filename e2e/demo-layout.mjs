// The demo's layout at a window size, shared by the Chromium test (demo-layout) and the engine
// suites: the pages to check, and the in-page check (passed to the driver's evaluate, it runs in one
// document: the page or a frame).
import { demoText } from '../demo/pages.mjs';

/** The pages `npm run demo` prints (not its scripts, state or REST roots), for `sim`. */
export function demoPages(sim) {
  const urls = [...demoText(sim).matchAll(/https?:\/\/[^\s),;]+/g)].map((m) => m[0])
    .filter((u) => !u.includes('...') && u !== sim.formOrigin && !/\.js$|\/sim\/|\/Integra\/|\/api\//.test(u));
  if (urls.length < 15) throw new Error(`demoPages: ${urls.length} pages found in what npm run demo prints`);
  return urls;
}

/**
 * Whether a demo document's script has run: the marker each page's script sets last (the desk, the
 * Inbox, the sample forms, the classic form, the Inbox form, the uPhone, the agent app). For a
 * driver's evaluate.
 */
export const STARTED = () => !!(window.sim || window.inbox || window.crm?.ready || document.body?.dataset.ready === 'true'
  || window.form?.ready || window.uphoneSim || window.app?.phone);

/**
 * Waits, up to `timeoutMs`, until every document of a page (Playwright's or Puppeteer's), framed ones
 * too, has loaded and, with `started`, its script has run (a page frames its form after its own
 * load: on a loaded machine a fixed pause is not enough), and the driver knows each frame the
 * documents have (their `frames.length`, read in the page after its script ran, against the driver's
 * child frames: a frame the page added is listed by then, as the driver hears of it before the answer
 * of an evaluate that followed); returns the documents still not, as problems (none: []).
 */
export async function unreadyDocuments(page, { started = false, timeoutMs = 10_000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const out = [];
    for (const f of page.frames()) {
      const ready = await f.evaluate(() => document.readyState).catch((e) => `unreachable: ${e.message}`);
      if (ready !== 'complete') out.push(`frame ${f.url()}: ${ready}`);
      else if (started && !(await f.evaluate(STARTED).catch(() => false))) out.push(`frame ${f.url()}: not started`);
      else {
        const inPage = await f.evaluate(() => window.frames.length).catch((e) => `unreachable: ${e.message}`);
        if (inPage !== f.childFrames().length) out.push(`frame ${f.url()}: ${inPage} frames, ${f.childFrames().length} known`);
      }
    }
    if (!out.length || Date.now() > end) return out;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * What a person at this window size cannot use in this document: each visible control (button,
 * field, select, link) scrolled into view whose centre is covered by another element (as the desk's
 * toasts once covered "Open it again") or lies outside the window, and a page wider than the window
 * (a horizontal scroll bar). Each is named by its id, text or tag, never by a value.
 */
export const LAYOUT_PROBLEMS = () => {
  const problems = [];
  // A field's text (a textarea's default, a select's options) is a value: only the tag and id name it.
  const name = (el) => {
    const text = el.matches('textarea, select') ? '' : el.textContent.trim();
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${text ? ` "${text.slice(0, 30)}"` : ''}`;
  };
  const controls = document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a[href], [role=button], [tabindex="0"]');
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility !== 'visible' || el.closest('[hidden], [inert]')) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    // A control inside a closed <details> is not shown.
    if (el.closest('details:not([open]) > :not(summary)')) continue;
    el.scrollIntoView({ block: 'center', inline: 'center' });
    // A radio or checkbox inside its label is used through the label: the label's centre counts.
    const target = (el.type === 'radio' || el.type === 'checkbox') && el.closest('label') ? el.closest('label') : el;
    const t = target.getBoundingClientRect();
    const x = t.left + t.width / 2;
    const y = t.top + t.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
      problems.push(`${name(el)}: outside the window`);
      continue;
    }
    const hit = document.elementFromPoint(x, y);
    if (hit && !target.contains(hit)) {
      problems.push(`${name(el)}: covered by ${name(hit)}`);
    }
  }
  window.scrollTo(0, 0);
  const width = document.documentElement.scrollWidth;
  if (width > innerWidth + 1) problems.push(`the page is ${width} px wide in a ${innerWidth} px window`);
  return problems;
};

/** The window sizes an agent's desk has: a laptop, a small one, half of a wide screen. */
export const SIZES = [[1366, 768], [1024, 768], [960, 1040]];
