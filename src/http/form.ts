import { fail } from '../errors.js';
import type { Credentials } from './types.js';

// Inside a portal form the REST API is the form's own instance, and the agent's session token is
// the form framework's `Agent.token` (spec 3.1 and 5): no password in the page.

// A bare reference, not `window.Agent`: a framework that declares `let Agent` makes a global
// binding that is no property of `window`.
declare const Agent: unknown;

/** What {@link fromFormFramework} returns: the `baseUrl` and `credentials` of `createUContactClient`. */
export interface FormFrameworkSession {
  /** The form's own origin: the instance that serves the form and its framework. */
  readonly baseUrl: string;
  readonly credentials: Extract<Credentials, { token: string }>;
}

/** A window-like object whose `Agent` global and `location` are read instead of the page's own. */
export interface FormFrameworkHost {
  readonly Agent?: unknown;
  readonly location: { readonly origin: string };
}

/**
 * The REST session of the agent inside a portal form: the instance is the form's own origin, the
 * token is the form framework's `Agent.token` and its user `Agent.accountcode`. Spread it into
 * `createUContactClient`'s options. The token is used as the framework gives it and never renewed
 * (there is no password to log in again with); `close()` would end the agent's portal session, so
 * a form does not call it.
 *
 * @param win The form's window (default: the page's own).
 * @throws BridgeError `NO_FRAMEWORK` when there is no `Agent` with a token: the form framework
 *   (integraFramework.js) is not loaded, as in a form served from another origin than the portal.
 * @example
 * const uc = createUContactClient(fromFormFramework())
 * const summary = await uc.campaignsSummary()
 */
export function fromFormFramework(win?: FormFrameworkHost): FormFrameworkSession {
  const host = win ?? (globalThis as { window?: FormFrameworkHost }).window;
  let token: unknown, accountcode: unknown, baseUrl: unknown;
  try {
    // The form's origin first: no window (a worker, Node) or one without a location (`window =
    // globalThis` in a Node test, a stand-in) throws here, and is no form: no framework.
    baseUrl = host!.location.origin;
    // No Agent (undefined, null) throws here too, as a throwing getter does: no framework.
    const agent = host!.Agent ?? (host === globalThis.window && typeof Agent !== 'undefined' ? Agent : undefined);
    // Both reach Object.prototype when no framework defined an Agent: one a pollution bug put there is none.
    ({ token, accountcode } = (agent === (Object.prototype as FormFrameworkHost).Agent ? undefined : agent) as { token?: unknown; accountcode?: unknown });
  } catch {
    // a throwing getter (Agent, token, accountcode) counts as no framework or no user
  }
  if (typeof token !== 'string' || !token) {
    fail('NO_FRAMEWORK', 'fromFormFramework', 'no Agent.token: the form framework (integraFramework.js) is not loaded');
  }
  return {
    baseUrl: baseUrl as string,
    credentials: typeof accountcode === 'string' && accountcode ? { token, user: accountcode } : { token },
  };
}
