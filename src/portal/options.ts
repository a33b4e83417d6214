import { messageWindow } from '../shared/origin.js';
import { callback, flag, object, oneOf, optional, signal, timeoutMs, type Rule, type Spec } from '../shared/validate.js';
import { ACTIONS, type ActionName, type UnconfirmedAction } from './wire.js';
import type { LogEvent, Use } from './types.js';

// The option bags of the portal client, as spec tables of the validation module: an unknown key
// (`timeout`, `allowedOrigin`, a per-call `confirm` where none applies) is refused, never ignored.
// The options' type lives here, not in types.ts: it names the DOM's Window, and the http entry's
// declarations reach types.ts (restFallback), which must compile in a Node project without the DOM.

/** Options of {@link connectPortal}. Unknown keys are refused (`INVALID_ARGUMENT`). */
export interface PortalOptions {
  /**
   * Origins the portal may have. Default: the page's own origin (forms served by the uContact
   * server). Messages from any other origin are ignored; requests are posted to this origin only.
   * Each is an exact origin (scheme, host, port): a path or a wildcard (`https://*.example.com`) is refused.
   */
  readonly allowedOrigins?: string | readonly string[] | undefined;
  /** Accept messages from any origin. Unsafe: any page that frames yours could answer. Default false. */
  readonly unsafeAllowAnyOrigin?: boolean | undefined;
  /** The portal window. Default: `window.parent`. */
  readonly targetWindow?: Window | undefined;
  /**
   * Which way `call`, `disposition`, `tag` and `closeForm` go (see {@link Use}). Default `'auto'`:
   * the form framework's helper when the page has it at the time of the call, Porthole otherwise.
   */
  readonly use?: Use | undefined;
  /** Default timeouts per action, in ms. Default 30000 for `call`/`callWithPhone` and a `send` answered by a guid (`reply: 'guid'`, or the action `call` or `callWithPhone`), 10000 for the others. */
  readonly timeouts?: Partial<Readonly<Record<ActionName | 'send', number | undefined>>> | undefined;
  /** Over Porthole, wait for replies of the actions uContact documents none for: `true`, or per action. Default false. */
  readonly confirm?: boolean | Partial<Readonly<Record<UnconfirmedAction, boolean | undefined>>> | undefined;
  /**
   * How long a reply may still arrive for a request of this client that stopped waiting: its slot
   * swallows a reply that long (docs/correlation.md). Holds for this client's requests, whatever
   * other clients of the page chose. Default 10000 ms.
   */
  readonly lateReplyWindowMs?: number | undefined;
  /**
   * Keep the slots of this client's requests still on the wire in sessionStorage (under a key of
   * this frame's own) when the page goes away, so the reloaded form does not take their late
   * replies; only for the portal as `window.parent`. This client's own choice: another client's
   * `false` does not switch it off. Costs a sessionStorage read and a pagehide
   * listener when the client starts: expect the first reply about 1.0–1.8 ms later than raw
   * postMessage in Chromium, about half of it the browser's first sessionStorage access; with
   * `false`, about 0.3–1.0 ms (`npm run bench`, docs/performance.md). Default true.
   */
  readonly persistPending?: boolean | undefined;
  /**
   * Receives redacted events. Never called with secrets or phone numbers. A function, or
   * `INVALID_ARGUMENT`. A request is settled before its event is emitted: the hook may `destroy()`.
   */
  readonly log?: ((event: LogEvent) => unknown) | undefined;
  /** The window the client runs in (where the form framework's helpers are looked up). Default: the global `window`. */
  readonly window?: Window | undefined;
}

const ms = /* @__PURE__ */ optional(timeoutMs);
const yesNo = /* @__PURE__ */ optional(flag);
const use = /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('auto', 'framework', 'porthole'));
const windowLike = /* @__PURE__ */ optional(messageWindow);

/** The per-action defaults of `timeouts` and `confirm`: `rule` (an optional one) for each of `actions`. */
const perAction = <R>(rule: Rule<R | undefined>, actions: readonly string[]): Rule<Partial<Record<string, R>> | undefined> =>
  optional(object(Object.fromEntries(actions.map((a) => [a, rule])) as Spec) as Rule<Partial<Record<string, R>>>);


/** The options of `connectPortal`. */
export const CLIENT_OPTIONS = {
  // Checked by the origin policy, which reads them (each an origin, at least one, never '*').
  allowedOrigins: /* @__PURE__ */ optional((_op, _name, v) => v as string | readonly string[]),
  unsafeAllowAnyOrigin: yesNo,
  targetWindow: windowLike,
  timeouts: /* @__PURE__ */ perAction(ms, /* @__PURE__ */ (ACTIONS as readonly string[]).concat('send')),
  confirm: /* @__PURE__ */ optional((op, name, v) => (typeof v === 'boolean' ? v : perAction(yesNo, ACTIONS.slice(2) /* the actions after call and callWithPhone */)(op, name, v))),
  lateReplyWindowMs: ms,
  persistPending: yesNo,
  log: /* @__PURE__ */ optional(callback),
  window: windowLike,
  use,
} satisfies Spec;

// Every spec is written out, never spread from another at module level: esbuild keeps a module-level
// spread (and the whole validation module with it) in a bundle that imports only isBridgeError.
const REQUEST = { timeoutMs: ms, signal };

/** Options of a request that waits for its answer. */
export const REQUEST_OPTIONS = REQUEST;
/** Options of `call`: also the way. */
export const CALL_OPTIONS = { timeoutMs: ms, signal, use };
/** Options of an action the portal may never answer. */
export const CONFIRM_OPTIONS = { timeoutMs: ms, signal, confirm: yesNo };
/** Options of an action the form framework has a helper for. */
export const ROUTED_OPTIONS = { timeoutMs: ms, signal, confirm: yesNo, use };
/** Options of `send`. */
export const SEND_OPTIONS = { timeoutMs: ms, signal, reply: /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('guid', 'action', 'none')) };
