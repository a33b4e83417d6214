import { fail } from '../errors.js';
import { bad, invalid, isRecord, type Rule } from './validate.js';

// Which origins a framed page accepts messages from and posts to: shared by every entry that talks
// to a parent window (the portal client, the Inbox bridge). Porthole and uContact X's own bridge
// check nothing and post with '*'; we check both and never default to '*'.

/**
 * A window a frame client posts to or listens on (or a stand-in with `postMessage`, in tests). Here,
 * not in validate.ts: the http and cti entries' declarations reach validate.ts and must compile
 * without the DOM library (a Node project).
 */
export const messageWindow: Rule<Window> = (op, name, v) =>
  (isRecord(v) && typeof v.postMessage === 'function' ? (v as unknown as Window) : bad(op, name, 'must be a window'));

/** Which origins the parent may have, and where messages are posted. */
export interface OriginPolicy {
  /** True when a message from `origin` may be read. */
  accepts(origin: string): boolean;
  /** The explicit target origin for `postMessage`; throws `ORIGIN_REJECTED` when the parent is not allowed. */
  target(operation: string): string;
}

/**
 * An origin such as `https://portal.example.com` (scheme, host and port; no path, no trailing
 * slash but one; any letter case and a default port are fine). `'*'` is refused with the hint to use
 * the explicit unsafe option. Returns the origin as the browser writes it (`event.origin`):
 * `https://ACME.example.com:443` gives `https://acme.example.com`.
 */
export const origin: Rule<string> = (op, name, value) => {
  if (value === '*') invalid(op, `'*' is not an origin: pass unsafeAllowAnyOrigin: true to accept any origin`);
  let url: URL | undefined;
  if (typeof value === 'string') {
    try {
      url = new URL(value);
    } catch {
      // refused below
    }
  }
  // Nothing but an origin: no path, query, fragment or credentials (the href is the origin and '/'),
  // and no wildcard: the URL parser takes https://*.example.com, which no real origin ever equals
  // (Chromium's writes that host %2A.example.com, and a space as %20: no real host holds a '%').
  // An opaque origin ('null': file:, data:) fails the href test too: an href always has a scheme.
  if (!url || url.href !== `${url.origin}/` || /[*%]/.test(url.host)) {
    invalid(op, `${name} must hold origins such as https://portal.example.com (scheme, host, port; no path)`);
  }
  return url.origin;
};

/**
 * Builds the origin policy of `operation`'s client. Default: only the page's own origin, the usual
 * uContact deployment where forms are served by the instance itself. `'*'` is never a default.
 */
export function originPolicy(
  operation: string, win: Window, target: Window | undefined, allowed: string | readonly string[] | undefined, anyOrigin: boolean,
): OriginPolicy {
  // The page's own origin (the default, and the usual explicit value) is the browser's serialization
  // of an origin already: it needs no parsing (URL's first use costs about 0.08 ms of a cold start).
  // A window without a location (a test's stand-in, or `window = globalThis` in Node) has no origin:
  // as an opaque one, never a TypeError from connect. An about:blank or srcdoc page (a form a page
  // writes into an empty frame) has a location.origin of 'null' (its URL's), while its document has
  // the origin it inherited, which window.origin tells: that is its own.
  let self: string;
  try {
    self = win.location?.origin ?? 'null';
    if (self === 'null') self = win.origin ?? self;
  } catch {
    // A window of another origin (window: window.parent in a cross-origin form): unreadable, and
    // its messages could never be heard here. Not a SecurityError out of connect.
    return bad(operation, 'window', 'must be a window of this origin');
  }
  // A page whose origin is opaque (file:, data:, a sandboxed srcdoc: window.origin 'null' too) has no
  // origin of its own to default to: it accepts nothing and posts nothing until allowedOrigins names
  // the parent's (never a throw here: such a page opened by hand must still get NOT_EMBEDDED). A
  // sandboxed frame's location.origin is its URL's (only window.origin is 'null'): that is its
  // default, as for any page.
  const opaque = allowed === undefined && self === 'null';
  // The browser tells a frame its ancestors' origins (Chromium, Safari, Firefox 153); with it we refuse to post
  // into a portal we would not accept answers from, instead of waiting for a timeout.
  // A document's ancestor origins are fixed for its lifetime: read them once, on first use.
  // An older Firefox has none; a location whose ancestorOrigins throws (a hardened page) counts as none
  // too, rather than make connect, or a request, throw something that is no BridgeError. 'null' is
  // none either: an opaque parent, or one whose iframe's referrerpolicy (no-referrer; same-origin
  // across origins) masks its origin (the HTML standard): posted to an allowed origin, the browser
  // delivers it to no opaque page, and a masked portal still gets it.
  let ancestors: string | undefined | 0 = 0;
  const ancestor = (): string | undefined => {
    if (ancestors === 0) {
      ancestors = undefined;
      try {
        const known = target !== undefined && target === win.parent ? win.location.ancestorOrigins?.[0] : undefined;
        if (known !== 'null') ancestors = known;
      } catch {
        // unreadable: none
      }
    }
    return ancestors;
  };
  // The parent's origin, as the browser serializes it, needs no parsing either (the usual explicit
  // value of a form on another origin than its portal): URL's first use is the larger cost.
  const list = anyOrigin || opaque ? [] : (allowed === undefined ? [self] : [allowed].flat())
    .map((o) => ((o === self || (o && o === ancestor())) && o !== 'null' ? o : origin(operation, 'allowedOrigins', o)));
  if (!anyOrigin && !opaque && list.length === 0) invalid(operation, 'allowedOrigins must name at least one origin');
  return {
    accepts: (origin) => anyOrigin || list.includes(origin),
    target(operation) {
      const known = ancestor();
      // An opaque parent ('null', which postMessage refuses with a SyntaxError): only '*' reaches it.
      if (anyOrigin) return known ?? '*';
      if (opaque) fail('ORIGIN_REJECTED', operation, "this page's origin is opaque (a file: or data: page): name the parent's origin in allowedOrigins");
      if (known !== undefined) {
        return list.includes(known) ? known : fail('ORIGIN_REJECTED', operation, `the parent window's origin ${known} is not in allowedOrigins`);
      }
      if (list.length === 1) return list[0] as string;
      let referrer = '';
      try {
        referrer = new URL(win.document.referrer).origin;
      } catch {
        // no referrer, or one that is no URL: no origin to pick
      }
      return list.includes(referrer)
        ? referrer
        : fail('ORIGIN_REJECTED', operation, 'cannot tell which of allowedOrigins the parent window has; allow only one');
    },
  };
}
