// Minimal stand-ins for a CRM form window framed by a portal window, enough for the portal client:
// message events, postMessage capture, location, name, parent. Messages are delivered synchronously.

// The real wall clock, taken before any test fakes it (see reloaded()).
const realDateNow = Date.now;

/** A window that records what is posted to it. */
export class FakeWindow extends EventTarget {
  constructor({ origin = 'http://127.0.0.1:8080', path = '/', name = '', parent, ancestorOrigins } = {}) {
    super();
    const url = new URL(origin);
    this.location = { origin: url.origin, protocol: url.protocol, host: url.host, pathname: path, ancestorOrigins };
    this.document = { referrer: '' };
    this.name = name;
    this.parent = parent ?? this;
    // A window's child frames, as `window.length` and `window[i]` show them (readable cross-origin).
    this.length = 0;
    if (parent) parent[parent.length++] = this;
    this.posted = [];
    // The message listeners the window holds: one added twice is held once, as by a browser.
    this.messageListeners = new Set();
  }
  get listenerCount() {
    return this.messageListeners.size;
  }
  addEventListener(type, fn, opts) {
    if (type === 'message') this.messageListeners.add(fn);
    super.addEventListener(type, fn, opts);
  }
  removeEventListener(type, fn, opts) {
    if (type === 'message') this.messageListeners.delete(fn);
    super.removeEventListener(type, fn, opts);
  }
  postMessage(data, targetOrigin) {
    this.posted.push({ data, targetOrigin });
  }
  /** The frame's next document after a reload: a new window object in this one's place (same name, path, storage). */
  reloaded() {
    // A real reload takes the wall clock past the save's millisecond. Within that millisecond the
    // restore may read a float rounding of a saved deadline as a clock stepped back and count the time
    // left from the page's start: a real next page's, but this process's (long past when a loaded
    // machine reaches the test late). Not with a faked Date.now (portal-clock, model-portal step it).
    if (Date.now === realDateNow) for (const ms = Date.now(); Date.now() === ms;);
    const next = new FakeWindow({ origin: this.location.origin, path: this.location.pathname, name: this.name });
    next.location.ancestorOrigins = this.location.ancestorOrigins;
    next.parent = this.parent;
    for (let i = 0; i < this.parent.length; i++) if (this.parent[i] === this) this.parent[i] = next;
    if (Object.getOwnPropertyDescriptor(this, 'sessionStorage')) next.sessionStorage = this.sessionStorage;
    return next;
  }
  /** The `data` objects of the envelopes posted to this window. */
  get postedData() {
    return this.posted.map((p) => JSON.parse(p.data).data);
  }
}

/** Delivers a message event to `win` as if `source` posted it from `origin`. */
export function deliver(win, { data, origin, source }) {
  const ev = new Event('message');
  Object.assign(ev, { data, origin, source });
  win.dispatchEvent(ev);
}

/** A portal window on `portalOrigin` framing a form window on `formOrigin`. */
export function framed({ portalOrigin = 'http://127.0.0.1:8080', formOrigin = portalOrigin, name = 'crmForm', ancestorOrigins } = {}) {
  const portal = new FakeWindow({ origin: portalOrigin });
  const form = new FakeWindow({ origin: formOrigin, name, parent: portal, ancestorOrigins });
  /** The portal answers with `data` in a Porthole envelope. */
  const reply = (data, { origin = portalOrigin, source = portal, raw } = {}) =>
    deliver(form, {
      data: raw ?? JSON.stringify({ data, sourceOrigin: origin, targetOrigin: formOrigin, sourceWindowName: '', targetWindowName: name }),
      origin, source,
    });
  return { portal, form, reply };
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
