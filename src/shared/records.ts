import { count, dateTimeText, omittedWhenEmpty, phone, priority, string, text, type Rule } from './validate.js';

/**
 * The dialer record the portal hands to a form (the CTI `Dialer` part) and takes back in a
 * `respool` message: spec section 4.3. Key order is the contract's.
 */
export interface Respool {
  /** Protected: never change it (it breaks the dialer). */
  readonly campaign: string;
  /** Main number. */
  destination: string;
  /** Protected: always 1; passed back as the portal sent it (a number, or text of digits). */
  readonly status: number | string;
  /** Workflow data, `k=v` pairs joined by `:`. */
  data: string;
  /** Alternative numbers joined by `:`. */
  alternatives: string;
  /** Retries left for the main number. */
  retries: number;
  /** Protected: the dialer's contact id, as the portal sent it (`15422` or `'0015422'`). */
  readonly contact: number | string;
  /** Protected: the calls base the contact came from, as the portal sent it (text or an integer up to 2^53 - 1). */
  readonly dialerbase: string | number;
  /** 1 (highest) to 9999 (lowest). */
  priority: number;
  /** Agent phone, for progressive dialers. */
  agentphone: string;
}

// The protected fields go back exactly as the portal sent them (spec 4.3), so their rules accept the
// portal's forms and nothing else: an id as an integer or text of digits, a base as text or an
// integer (a base is named like its file, `[A-Za-z0-9_-]`: as a number, only digits); an integer
// past 2^53 has lost digits in JSON.parse, so it would go back changed: refused.
const portalId: Rule<number | string> = (op, name, v) => (typeof v === 'string' && /^\d+$/.test(v) ? v : count(op, name, v));
const portalText: Rule<string | number> = (op, name, v) => (Number.isSafeInteger(v) ? (v as number) : string(op, name, v));

/**
 * The rule of each {@link Respool} field, in the contract's order (for `record()` of the validation module).
 * Every key is required; `data`, `alternatives`, `agentphone` and a text `dialerbase` may be empty
 * (`campaign` must not be blank, `destination` is a phone number), and are passed back as the portal
 * gave them (the builders check what a form changes).
 */
export const RESPOOL_RULES = {
  campaign: text, destination: phone, status: portalId, data: string, alternatives: string,
  retries: count, contact: portalId, dialerbase: portalText, priority, agentphone: string,
} as const satisfies Record<keyof Respool, unknown>;

/** The fields a form may never change in a {@link Respool}. */
export const PROTECTED_RESPOOL_KEYS = ['campaign', 'status', 'contact', 'dialerbase'] as const;

/** The protected fields of a {@link Respool}, as the portal sent them. */
export type ProtectedFields = Pick<Respool, (typeof PROTECTED_RESPOOL_KEYS)[number]>;

/**
 * A call to place again later: spec section 4.4 (REST ScheduleDialerCall and the `schedule`
 * message), keys in the contract's order. `alternatives` and `agentphone` are sent only when given
 * and not empty, as real clients do.
 */
export interface Schedule {
  /** `YYYY-MM-DD HH:mm:ss`. */
  readonly calldate: string;
  readonly campaign: string;
  readonly destination: string;
  /** Workflow data, `k=v` pairs joined by `:`; `''` when none (always sent). */
  readonly data: string;
  /** Alternative numbers joined by `:`; left out of the message when absent or `''`. */
  readonly alternatives?: string;
  /** Only for progressive dialers; left out of the message when absent or `''`. */
  readonly agentphone?: string;
}

/**
 * What `portal.schedule` and the REST `scheduleDialerCall` take: a {@link Schedule} whose `calldate`
 * may also be a `Date` (written in local time by the portal, in the client's `timeZone` by the REST
 * client; the builder's `setCalldate` takes a zone).
 */
export type ScheduleInput = Omit<Schedule, 'calldate' | 'alternatives' | 'agentphone'> & {
  readonly calldate: Date | string;
  readonly alternatives?: string | undefined;
  readonly agentphone?: string | undefined;
};

/** The rule of each {@link Schedule} field, in the contract's order (for `record()`); a `Date` calldate is rendered in local time. */
export const SCHEDULE_RULES = {
  calldate: dateTimeText, campaign: text, destination: phone, data: string,
  alternatives: /* @__PURE__ */ omittedWhenEmpty(string), agentphone: /* @__PURE__ */ omittedWhenEmpty(string),
} as const satisfies Record<keyof Schedule, unknown>;
