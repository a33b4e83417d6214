import { BridgeError } from '../errors.js';
import { invalid } from '../shared/check.js';

/** Which origins the portal may have, and where messages are posted. */
export interface OriginPolicy {
  /** True when a message from `origin` may be read. */
  accepts(origin: string): boolean;
  /** The explicit target origin for `postMessage`; throws `ORIGIN_REJECTED` when the portal is not allowed. */
  target(operation: string): string;
}

function normalise(origin: unknown): string {
  if (origin === '*') invalid('connectPortal', "'*' is not an origin: pass unsafeAllowAnyOrigin: true to accept any origin");
  let url: URL | undefined;
  try {
    url = typeof origin === 'string' ? new URL(origin) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || url.origin === 'null' || url.origin !== String(origin).replace(/\/$/, '')) {
    invalid('connectPortal', 'allowedOrigins must hold origins such as https://portal.example.com (scheme, host, port; no path)');
  }
  return url.origin;
}

/**
 * Builds the origin policy. Default: only the page's own origin, the usual uContact deployment
 * where forms are served by the portal's server. `'*'` is never a default.
 */
export function originPolicy(
  win: Window, target: Window | undefined, allowed: string | readonly string[] | undefined, anyOrigin: boolean,
): OriginPolicy {
  const list = anyOrigin ? [] : (allowed === undefined ? [win.location.origin] : [allowed].flat()).map(normalise);
  if (!anyOrigin && list.length === 0) invalid('connectPortal', 'allowedOrigins must name at least one origin');
  // The browser tells a frame its ancestors' origins (Chromium, Safari); with it we refuse to post
  // into a portal we would not accept answers from, instead of waiting for a timeout.
  // A document's ancestor origins are fixed for its lifetime: read them once, on first use.
  let ancestors: readonly [string | undefined] | undefined;
  const ancestor = (): string | undefined => (ancestors ??= [
    target !== undefined && target === win.parent ? win.location.ancestorOrigins?.[0] : undefined,
  ])[0];
  const reject = (operation: string, why: string): never => {
    throw new BridgeError('ORIGIN_REJECTED', `${operation}: ${why}`, { operation });
  };
  return {
    accepts: (origin) => anyOrigin || list.includes(origin),
    target(operation) {
      const known = ancestor();
      if (anyOrigin) return known ?? '*';
      if (known !== undefined) {
        return list.includes(known) ? known : reject(operation, `the portal's origin ${known} is not in allowedOrigins`);
      }
      if (list.length === 1) return list[0] as string;
      let referrer: string;
      try {
        referrer = new URL(win.document.referrer).origin;
      } catch {
        referrer = '';
      }
      return list.includes(referrer)
        ? referrer
        : reject(operation, 'cannot tell which of allowedOrigins the portal has; allow only one');
    },
  };
}
