// Stand-ins for a host page that embeds the uPhone, enough for embedUPhone: the host window (an
// EventTarget recording what is posted to it), its document (createElement, baseURI), a container,
// and iframes whose contentWindow is a FakeWindow holding the uPhone's origin.
import { FakeWindow, deliver } from './fake-window.mjs';

export const PHONE_ORIGIN = 'https://acme.ucontactcloud.com';
export const PHONE_URL = `${PHONE_ORIGIN}/uphone/`;
export const HOST_ORIGIN = 'https://crm.example.com';

/** An iframe element of `doc` whose window holds a page of `origin`. */
export function fakeIframe(doc, { src = '', origin = PHONE_ORIGIN } = {}) {
  return {
    tagName: 'IFRAME', ownerDocument: doc, contentWindow: new FakeWindow({ origin }), src, title: '', attributes: {},
    // `style` as the DOM has it: an object, and text set to it goes to its cssText ([PutForwards=cssText]).
    ownStyle: {},
    get style() { return this.ownStyle; },
    set style(v) { this.ownStyle.cssText = String(v); },
    setAttribute(name, value) { this.attributes[name] = String(value); },
    // Reflected as the DOM reflects them: the property sets the attribute.
    get allow() { return this.attributes.allow ?? ''; },
    set allow(v) { this.setAttribute('allow', v); },
    get scrolling() { return this.attributes.scrolling ?? ''; },
    set scrolling(v) { this.setAttribute('scrolling', v); },
    // `src` as the attribute: the property set (as the DOM's property sets the attribute), none when ''.
    getAttribute(name) { return name === 'src' ? this.src || null : this.attributes[name] ?? null; },
    remove() { this.removed = true; this.contentWindow = null; },
    // The element's own events (`load`): `fire('load')` runs its listeners as the browser would.
    listeners: [],
    addEventListener(type, fn) { this.listeners.push([type, fn]); },
    removeEventListener(type, fn) { this.listeners = this.listeners.filter(([t, f]) => t !== type || f !== fn); },
    fire(type) { for (const [t, fn] of [...this.listeners]) if (t === type) fn({ type }); },
  };
}

/** A host page: `host` (its window), `doc`, `container`; `reported` holds what reportError got. */
export function hostPage({ origin = HOST_ORIGIN } = {}) {
  const host = new FakeWindow({ origin });
  const reported = [];
  host.reportError = (e) => reported.push(e);
  const doc = {
    defaultView: host, baseURI: `${origin}/app/`, created: [],
    createElement(tag) {
      if (tag !== 'iframe') throw new Error(`unexpected element ${tag}`);
      const f = fakeIframe(doc);
      doc.created.push(f);
      return f;
    },
  };
  const container = { ownerDocument: doc, children: [], appendChild(el) { this.children.push(el); return el; } };
  return { host, doc, container, reported };
}

/**
 * A host page with an adopted iframe of the uPhone; `say(data, {origin, source})` delivers a message
 * to the host as the uPhone's window (or `source`) on its origin (or `origin`).
 */
export function embedded(embedUPhone, options = {}) {
  const page = hostPage();
  const iframe = fakeIframe(page.doc, { src: PHONE_URL });
  const phone = embedUPhone({ iframe, readyTimeoutMs: 60_000, log: globalThis.captureLog, ...options });
  const frame = iframe.contentWindow;
  const say = (data, { origin = PHONE_ORIGIN, source = frame } = {}) => deliver(page.host, { data, origin, source });
  return { ...page, iframe, frame, phone, say };
}

/** What was posted to the uPhone's window. */
export const posted = (frame) => frame.posted;

/** Runs `fn` and returns the BridgeError it threw (or the promise rejected with). */
export async function caught(fn) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

export const flush = () => new Promise((r) => setImmediate(r));
