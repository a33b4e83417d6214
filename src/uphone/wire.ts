import { isRecord, ownValue } from '../shared/validate.js';

// The two wires of contract section 8, frame -> host: the uPhone Window Proxy's `{action, params}`
// (v6) and the Events API's `{event, data}` (uContact X), both plain objects. Which event carries
// which field is not documented, so every event gets the same lenient reading: the fields seen in
// real code typed, numbers read as text where real code sends either, anything else kept as it came.

/** The uPhone's events (frame -> host), [doc] and, for `agentLogout`, [seen]. Any other name is passed on too. */
export type UPhoneEventName = 'makeCall' | 'gettingCall' | 'finishedCall' | 'finishedSms' | 'sentDispositions' | 'agentLogin' | 'agentLogout';

/** The Events API's events (uContact X, frame -> host) [doc]. Any other name is passed on too. */
export type EventsApiEventName = 'assignedInteraction' | 'finishedInteraction' | 'sentDisposition' | 'changedTheme' | 'changedLanguage';

/**
 * An event's fields, read leniently: every field optional (which event carries which is not
 * documented); `number`, `guid`, `clientId` and the other text fields as text even when sent as
 * whole numbers from 0 to 2^53 - 1 (another number is a problem); `duration` as a number (text
 * only as decimal digits with at most one point, `'63'` or `'12.5'`: `'0x3C'`, `'1e3'`, `' 5'`, `''` and `'-5'` are problems);
 * `needsDispositions` as a boolean (also from `"true"`/`"false"` in any case);
 * every other key kept as it came. A field whose value cannot be read is left out and named in
 * {@link UPhoneEvent.problems} (its value stays in `raw`).
 */
export interface UPhoneParams {
  /** The other party's number, as text (the uPhone may send it as a number). */
  readonly number?: string;
  readonly campaign?: string;
  /** The call's or interaction's id. */
  readonly guid?: string;
  /** `I` (inbound) or `O` (outbound): documented for SMS. */
  readonly direction?: 'I' | 'O' | (string & {});
  /** As the frame wrote it (its format is not documented). */
  readonly date?: string;
  /** Seconds, as far as real code shows (not documented): a finite number, or text of decimal digits with at most one point (`'63'`, `'12.5'`). */
  readonly duration?: number;
  readonly clientId?: string;
  /** The interaction's channel (`telephony`, `whatsapp`, …), from the Events API. */
  readonly channel?: string;
  readonly needsDispositions?: boolean;
  readonly [key: string]: unknown;
}

/**
 * One message of the frame, read. Frozen, its `params` and `problems` too: every handler of the
 * message, `state.event` and an echoed command's result get the same object, which none of them can
 * change for the others. `raw` is the message's own data, neither copied nor frozen.
 */
export interface UPhoneEvent<N extends string = string> {
  /** The event name: the message's `action` (uPhone) or `event` (Events API). */
  readonly name: N;
  /** Which wire it came on: `'uphone'` (`{action, params}`) or `'events'` (`{event, data}`). */
  readonly api: 'uphone' | 'events';
  /** The fields, read leniently (see {@link UPhoneParams}), in an object without a prototype: a field not sent reads undefined whatever the page put on `Object.prototype` (test with `Object.hasOwn(params, k)` or `k in params`). */
  readonly params: UPhoneParams;
  /** The `params` or `data` exactly as it arrived (the same object: every handler gets it, so copy it to change it). */
  readonly raw: unknown;
  /**
   * Fields present but unreadable (e.g. a `number` that is an object): left out of `params`, kept in
   * `raw`; `'params'` (or `'data'`) when the whole payload is not an object of fields (JSON text of
   * one is read).
   */
  readonly problems: readonly string[];
}

// Digits are text: a phone number or an id sent as a JSON number comes back as the digits it held
// (a number too large to hold its digits exactly is unreadable, not rounded).
const asText = (v: unknown): unknown => (typeof v === 'string' ? v : Number.isSafeInteger(v) && (v as number) >= 0 ? String(v) : undefined);
const READERS: Record<string, (v: unknown) => unknown> = {
  number: asText, campaign: asText, guid: asText, direction: asText, date: asText, clientId: asText, channel: asText,
  // Text as a uPhone writes seconds, decimal digits with at most one point ('63', '12.5'): never
  // Number()'s other spellings ('0x3C', '1e3', ' 5 ', '' as 0). Number.isFinite is true of finite
  // numbers only: it converts nothing ('1.2.3' and '.' are NaN, unreadable).
  duration: (v) => (Number.isFinite((v = typeof v === 'string' && /^[\d.]+$/.test(v) ? +v : v)) ? v : undefined),
  needsDispositions: (v) => (typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false)$/i.test(v) ? /^t/i.test(v) : undefined),
};

/**
 * Reads one message of the embedded uPhone or instance: `{action, params}` (the uPhone) or
 * `{event, data}` (the Events API). Returns `undefined` for anything else. Pure and total: it never
 * throws, whatever `data` is. `embedUPhone` uses it on every message that passed its source and
 * origin checks; call it yourself only on messages you have checked the same way.
 *
 * @example
 * readUPhoneMessage({ action: 'gettingCall', params: { number: 99123456, campaign: 'Support<-' } })
 * // { name: 'gettingCall', api: 'uphone', params: { number: '99123456', campaign: 'Support<-' }, raw: { number: 99123456, campaign: 'Support<-' }, problems: [] }
 */
export function readUPhoneMessage(data: unknown): UPhoneEvent | undefined {
  try {
    if (!isRecord(data)) return undefined;
    // Own keys only: a message's data inherits the page's Object.prototype, where a pollution bug
    // may have put `action` (every Events API message was then read as that event) or `params`.
    // Each name read once: a getter of a message a caller hands in may answer otherwise each time.
    let name: unknown;
    const [api, raw] = typeof (name = ownValue(data, 'action')) == 'string' ? ['uphone', ownValue(data, 'params')] as const
      : typeof (name = ownValue(data, 'event')) == 'string' ? ['events', ownValue(data, 'data')] as const : [];
    if (!api || !name) return undefined;
    // Fields sent as JSON text are read as the object they hold (as the Inbox reader does).
    let fields: unknown = raw;
    if (typeof raw === 'string') {
      try {
        fields = JSON.parse(raw);
      } catch {
        // reported below
      }
    }
    // Present but not an object of fields (text that is not a JSON object, a list, a number): kept in `raw`, said.
    const problems: string[] = isRecord(fields) || fields == null ? [] : [api === 'uphone' ? 'params' : 'data'];
    // No prototype: a field the message did not send reads undefined, whatever the page put on
    // Object.prototype (`campaign`, a pollution bug). A spread defines keys (never runs the
    // `__proto__` setter): a hostile key stays a plain key.
    const params: Record<string, unknown> = { __proto__: null, ...(isRecord(fields) && fields) };
    // Own keys of READERS only: a key the page put on Object.prototype (an old library's enumerable
    // method, a pollution bug) is no field, and calling it as a reader threw.
    for (const key of Object.keys(READERS)) {
      const given = params[key];
      // Every reader reads null and undefined (a key absent) as undefined: set, then taken out.
      if ((params[key] = (READERS[key] as (v: unknown) => unknown)(given)) === undefined) {
        // null counts as absent; anything else unreadable is reported (and stays in `raw`).
        if (given != null) problems.push(key);
        delete params[key];
      }
    }
    return Object.freeze({ name: name as string, api, params: Object.freeze(params), raw, problems: Object.freeze(problems) });
  } catch {
    // A hostile getter or proxy handed to us by a caller: not a message.
    return undefined;
  }
}
