import { callback, flag, messageWindow, object, oneOf, optional, signal, timeoutMs, type Rule, type Spec } from '../shared/validate.js';
import { ACTIONS } from './wire.js';

// The option bags of the portal client, as spec tables of the validation module: an unknown key
// (`timeout`, `allowedOrigin`, a per-call `confirm` where none applies) is refused, never ignored.

const ms = /* @__PURE__ */ optional(timeoutMs);
const yesNo = /* @__PURE__ */ optional(flag);
const use = /* @__PURE__ */ optional(oneOf('auto', 'framework', 'porthole'));
const windowLike = /* @__PURE__ */ optional(messageWindow);

/** The per-action defaults of `timeouts` and `confirm`: `rule` (an optional one) for each of `actions`. */
const perAction = <R>(rule: Rule<R | undefined>, actions: readonly string[]): Rule<Partial<Record<string, R>> | undefined> =>
  optional(object(Object.fromEntries(actions.map((a) => [a, rule])) as Spec) as Rule<Partial<Record<string, R>>>);

const UNCONFIRMED = ['hangup', 'disposition', 'tag', 'respool', 'schedule', 'closeForm'];

/** The options of `connectPortal`. */
export const CLIENT_OPTIONS = {
  // Checked by the origin policy, which reads them (each an origin, at least one, never '*').
  allowedOrigins: /* @__PURE__ */ optional((_op, _name, v) => v as string | readonly string[]),
  unsafeAllowAnyOrigin: yesNo,
  targetWindow: windowLike,
  timeouts: /* @__PURE__ */ perAction(ms, [...ACTIONS, 'send']),
  confirm: /* @__PURE__ */ optional((op, name, v) => (typeof v === 'boolean' ? v : perAction(yesNo, UNCONFIRMED)(op, name, v))),
  lateReplyWindowMs: ms,
  persistPending: yesNo,
  log: /* @__PURE__ */ optional(callback),
  window: windowLike,
  use,
} satisfies Spec;

const REQUEST = { timeoutMs: ms, signal };

/** Options of a request that waits for its answer. */
export const REQUEST_OPTIONS = REQUEST;
/** Options of `call`: also the way. */
export const CALL_OPTIONS = { ...REQUEST, use };
/** Options of an action the portal may never answer. */
export const CONFIRM_OPTIONS = { ...REQUEST, confirm: yesNo };
/** Options of an action the form framework has a helper for. */
export const ROUTED_OPTIONS = { ...REQUEST, confirm: yesNo, use };
/** Options of `send`. */
export const SEND_OPTIONS = { ...REQUEST, reply: /* @__PURE__ */ optional(oneOf('guid', 'action', 'none')) };
