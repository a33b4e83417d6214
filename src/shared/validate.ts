import { bridgeError } from '../errors.js';

// The one validation module. Every argument object and option bag of every entry is checked here,
// against a spec table of named rules, before anything is sent: strict on what goes out (the
// contract's rules for what is sent), and unknown keys refused. Messages name the operation and the field,
// never the value: values may be phone numbers, tokens or call data.

/**
 * A validation rule: checks `value`, called `name` in messages, for `operation`, and returns what to
 * use (the value, or the form it is sent in). Throws `INVALID_ARGUMENT` otherwise. A rule marked `optional`
 * accepts `undefined` (see {@link optional}).
 */
export interface Rule<T> {
  (operation: string, name: string, value: unknown): T;
  readonly optional?: true;
}

/** A spec table: the rule of each key of an argument object, in the order the keys are sent. */
export type Spec = Readonly<Record<string, Rule<unknown>>>;

/** What {@link record} returns for `S`: each key typed by its rule. */
export type Checked<S extends Spec> = { -readonly [K in keyof S]: S[K] extends Rule<infer T> ? T : never };

/** Throws the `INVALID_ARGUMENT` error of `operation`. */
export const invalid: (operation: string, message: string) => never = (operation, message) => {
  throw bridgeError('INVALID_ARGUMENT', operation, message);
};

/** A plain object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The timer maximum of browsers and Node: a longer delay fires at once. */
export const MAX_TIMER = 2_147_483_647;
/**
 * `Number.MAX_SAFE_INTEGER` as a literal: esbuild keeps a module-level rule whose argument reads a
 * property, and with it the rule's code, in a bundle that never uses the rule.
 */
export const MAX_SAFE = 9_007_199_254_740_991;

const PHONE = /^\+?\d{1,32}$/;
// `;` separates the fields of a calls-base line, `:` the entries of data and alternatives, `=` a key
// from its value (spec 6): a value holding one would silently change the record's meaning. `|` joins
// labels only (a tag), so only a label refuses it.
const UNSAFE = /[;:=\r\n]/;
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):([0-5]\d):([0-5]\d)$/;
// No zone name: an offset ('+05:30', '-0300': newer engines take offsets, Node 20 does not; a
// server that looks zones up by name does not), a SystemV id, or one of ICU's (and Java's) own
// three-letter ids, often not the zone meant ('ART' is Cairo, 'BST' Dhaka, 'IST' Kolkata, 'NST'
// Auckland, 'ECT' Paris). These 25 all end in T, as 9 of tzdata's 13 three-letter names do (GMT,
// UCT, EST, MST, HST, CET, EET, MET, WET; UTC, PRC, ROC, ROK do not): Node 20's and Chromium's
// Intl take no other three-letter id. Nor names ICU keeps that tzdata removed: Canada/East-Saskatchewan
// (2017c), US/Pacific-New (2020b): a server on a newer tzdata lacks them (Java's TimeZone reads GMT);
// no tzdata name has 'ic-' or 't-s'. Nor tzdata's Factory, no place ('-00'): Chromium's and WebKit's
// Intl take it, Node 20's and Firefox's do not; no other tzdata name starts with F.
const NO_ZONE = /^([^a-z]|f|systemv|.+(ic-|t-s)|(?!gm|uc|[ehm]s|[cemw]e)..t$)/i;
const TYPED_ALTERNATIVE = /^([MWHPU])=(\d{1,4})=(.*)$/;
/**
 * A key shown in a message as it is (`data.note`); any other is described (`a field of data`). A key
 * holding five digits or more (`tel099123456`, `tel_099_123_456`) may be built from a phone number:
 * described.
 */
export const IDENTIFIER = /^(?!(\D*\d){5})[A-Za-z_$][\w$]{0,39}$/;

/** Throws the `INVALID_ARGUMENT` error of `operation` saying what is wrong with the value called `name`: `"<name> <why>"`. */
export const bad = (operation: string, name: string, why: string): never => invalid(operation, `${name} ${why}`);

/**
 * `v` without its keys set to `undefined` (not given, as JavaScript reads them), when it is an object:
 * for values of several shapes chosen by their keys, whose keys of another shape are then refused.
 */
export const given = (v: unknown): unknown => (isRecord(v) ? Object.fromEntries(Object.entries(v).filter((e) => e[1] !== undefined)) : v);

/** An own property of `o` (not one a prototype gives). */
// Object.hasOwn (Chromium 93, Firefox 92, Safari 15.4, Node 16.9): in every browser README names
// (Chromium 98, Firefox 94, Safari 15.4 and later) and Node 20+.
export const own = (o: object, key: string): boolean => Object.hasOwn(o, key);

/** The value of an own property of `o`, `undefined` when it has none (a prototype's is not read). */
export const ownValue = (o: Record<string, unknown>, key: string): unknown => (own(o, key) ? o[key] : undefined);

/**
 * A value read leniently as text (spec, preamble: numbers as text): a string as it is, an integer up
 * to 2^53 - 1 (either sign) as its digits. Anything else (booleans, objects, null, a number past 2^53
 * or with a fraction, whose digits JSON text may have lost: `1700000000.10` reads as `1700000000.1`)
 * is `undefined`: never another call's id or another customer's number.
 */
export const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : Number.isSafeInteger(v) ? String(v) : undefined);

/** A rule for an object (not null, not an array), passed through as it is. */
export const anObject: Rule<Record<string, unknown>> = (op, name, v) => (isRecord(v) ? v : bad(op, name, 'must be an object'));

/**
 * True when every enumerable key of `o` is its own and a key of `spec`: the key check of
 * {@link record} without its messages, for a fast path that calls the spec's rules itself.
 */
export const only = (o: object, spec: object): boolean => {
  for (const k in o) if (!own(o, k) || !own(spec, k)) return false;
  return true;
};

/**
 * Marks a rule as accepting `undefined` (turned into `fallback`); `fallback` itself given is taken
 * as it is, as when left out (`''` is no tag, no schedule: a form's empty input).
 */
export function optional<T>(rule: Rule<T>): Rule<T | undefined>;
export function optional<T, F>(rule: Rule<T>, fallback: F): Rule<T | F>;
export function optional<T, F>(rule: Rule<T>, fallback?: F): Rule<T | F | undefined> {
  return Object.assign((op: string, name: string, v: unknown) => (v === undefined || v === fallback ? fallback : rule(op, name, v)), { optional: true as const });
}

/**
 * Marks a rule as optional and its empty result as absent: `undefined`, or a value the rule turns
 * into `''`, is left out of the object {@link record} returns (a key real clients omit when empty).
 */
export const omittedWhenEmpty = (rule: Rule<string>): Rule<string | undefined> => optional((op, name, v) => rule(op, name, v) || undefined);

/** Any string (empty allowed). */
export const string: Rule<string> = (op, name, v) =>
  typeof v === 'string' ? v : bad(op, name, v == null ? 'is required' : 'must be a string');

/** A string with at least one visible character. */
export const text: Rule<string> = (op, name, v) => (string(op, name, v).trim() ? (v as string) : bad(op, name, 'is required'));

/** A secret (a passphrase, a password): any non-empty string, blanks included. Never shown. */
export const secret: Rule<string> = (op, name, v) => (string(op, name, v) ? (v as string) : bad(op, name, 'is required'));

/** Any string; `undefined` is `''`. */
export const optionalText: Rule<string> = /* @__PURE__ */ optional(string, '');

/**
 * True for a value {@link phone} takes as it is: its check without a message, for hot loops
 * (`phone` writes it out: its bundles are smaller that way).
 */
export const isPhone = (x: unknown): x is string => typeof x === 'string' && PHONE.test(x);

/** A phone number: digits with an optional leading `+`, nothing else (no spaces, no dashes). */
export const phone: Rule<string> = (op, name, v) =>
  // A match is a non-blank string; anything else gets text()'s message first, as for any text.
  (typeof v === 'string' && PHONE.test(v) ? v : (text(op, name, v), bad(op, name, 'must be digits with an optional leading +')));

/** A phone number, or `''` (none); `undefined` is refused (see {@link optionalPhone}). */
export const phoneOrEmpty: Rule<string> = (op, name, v) => (v === '' ? '' : phone(op, name, v));

/** A phone number, or `''` (also for `undefined`). */
export const optionalPhone: Rule<string> = /* @__PURE__ */ optional(phoneOrEmpty, '');

const safe = (op: string, name: string, v: string): string => (UNSAFE.test(v) ? bad(op, name, 'must not contain ; : = or line breaks') : v);

/** Text that travels inside uContact's `;`, `:` or `=`-joined records: such characters are refused, never mangled. */
export const wireText: Rule<string> = (op, name, v) => safe(op, name, text(op, name, v));

/**
 * Like {@link wireText}, but empty or blank is allowed (blanks corrupt no record): a value that must
 * be given, and may be `''` (a data value such as `state=`).
 */
export const wireTextOrEmpty: Rule<string> = (op, name, v) => safe(op, name, string(op, name, v));

/** {@link wireTextOrEmpty}, or `''` when absent. */
export const optionalWireText: Rule<string> = /* @__PURE__ */ optional(wireTextOrEmpty, '');

/** One label or several, joined by `|` as uContact's `UC_TagRecord` does. */
export const labels: Rule<string> = (op, name, v) => {
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (!list.length) bad(op, name, 'must name at least one label');
  // The spread visits holes too: `[, 'b']` is refused, never sent as an empty label (not
  // Array.from(v, f): see alternatives).
  return [...list].map((x, i) => {
    const n = list.length > 1 ? `${name}[${i}]` : name;
    // A label travels whole, in a field or argument of its own (no `;`/`:`/`=` record): only the
    // joiner and line breaks would change what is tagged.
    return /[|\r\n]/.test(text(op, n, x)) ? bad(op, n, 'must not contain | (the joiner) or line breaks') : (x as string);
  }).join('|');
};

/** {@link labels}, or `''` (none; also for `undefined`). */
export const optionalLabels: Rule<string> = /* @__PURE__ */ optional(labels, '');

/** A rule for an integer from `min` to `max`. */
export function integer(min: number, max: number): Rule<number> {
  return (op, name, v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : bad(op, name, `must be an integer from ${min} to ${max}`);
}

/** A dialer priority: 1 (highest) to 9999 (lowest). */
export const priority = /* @__PURE__ */ integer(1, 9999);

/** Retries of a number in the dialer: 0 to 9999. */
export const retries = /* @__PURE__ */ integer(0, 9999);

/** A count or id: 0 or more. */
export const count = /* @__PURE__ */ integer(0, MAX_SAFE);

/** A time limit in ms: 1 to {@link MAX_TIMER}. */
export const timeoutMs = /* @__PURE__ */ integer(1, MAX_TIMER);

/** A timer period or delay in ms, 0 to {@link MAX_TIMER} (for a time limit, 0 means none). */
export const durationMs = /* @__PURE__ */ integer(0, MAX_TIMER);

/** `true` or `false`. */
export const flag: Rule<boolean> = (op, name, v) => (typeof v === 'boolean' ? v : bad(op, name, 'must be true or false'));

/** A function. */
export const callback: Rule<(...args: never[]) => unknown> = (op, name, v) =>
  typeof v === 'function' ? (v as (...args: never[]) => unknown) : bad(op, name, 'must be a function');

/** A rule for one of `values` (strings). */
export function oneOf<const V extends string>(...values: V[]): Rule<V> {
  return (op, name, v) => (values.includes(v as V) ? (v as V) : bad(op, name, `must be '${values.join("' or '")}'`));
}

/**
 * An `AbortSignal`, or none (`undefined`, `null`). Passing the `AbortController` itself is a common
 * slip: it is refused here, not a `TypeError` later from a timer.
 */
export const signal: Rule<AbortSignal | undefined> = /* @__PURE__ */ optional((op, name, v) => {
  if (v === null) return undefined;
  return typeof (v as AbortSignal).aborted === 'boolean' && typeof (v as AbortSignal).addEventListener === 'function' && typeof (v as AbortSignal).removeEventListener === 'function'
    ? (v as AbortSignal)
    : bad(op, name, 'must be an AbortSignal (controller.signal, not the controller)');
});

/**
 * True for a real `YYYY-MM-DD HH:mm:ss` date and time (2026-02-30 and 24:00:00 are refused). An hour
 * of 24 to 99 moves the date by one to four days, so the day or month read back differs: the hour
 * needs no test of its own.
 */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value)?.map(Number);
  if (!m) return false;
  const t = new Date(Date.UTC(m[1] as number, (m[2] as number) - 1, m[3], m[4]));
  return t.getUTCMonth() === (m[2] as number) - 1 && t.getUTCDate() === m[3];
}

/**
 * A valid `Date` from 0001-01-02 to 9999-12-31 00:00 UTC, or a `YYYY-MM-DD HH:mm:ss` string; render
 * it with {@link formatDateTime}. Such a Date is of years 1 to 9999 in every zone (no offset reaches
 * a day), so whether it is taken never depends on the zone it is written in or the machine's. Another
 * year has no `YYYY` (a date picker typo, 20266) or would be shown as another one (year 0 as 0001).
 * An invalid Date's time is NaN: refused too. A Date made in another frame is a Date.
 */
export const dateTime: Rule<Date | string> = (op, name, v) => {
  let t = NaN;
  try {
    // The time inside a Date of any realm (a frame's: instanceof would refuse it), read once and by
    // none of the caller's code: a valueOf or Symbol.toPrimitive of its own may answer the check
    // with one time and the rendering with another. A look-alike (Object.create(Date.prototype), a
    // toStringTag) throws. A copy is what is rendered.
    t = Date.prototype.getTime.call(v);
  } catch {
    // not a Date
  }
  return t >= -62135510400000 && t <= 253402214400000 ? new Date(t)
    : typeof v === 'string' && isDateTime(v) ? v : bad(op, name, "must be a valid Date or a 'YYYY-MM-DD HH:mm:ss' string");
};

/** {@link dateTime}, or `''` (none; also for `undefined`). */
export const optionalDateTime: Rule<Date | string> = /* @__PURE__ */ optional(dateTime, '');

/** A date-time as uContact's text: a `YYYY-MM-DD HH:mm:ss` string as it is, a `Date` rendered in local time. */
export const dateTimeText: Rule<string> = (op, name, v) => formatDateTime(dateTime(op, name, v));

/**
 * Where a `Date` is rendered as uContact's `YYYY-MM-DD HH:mm:ss`: `'local'` (the browser's or
 * process's zone, the default), `'UTC'`, or any IANA zone name such as `'America/Montevideo'`.
 */
export type TimeZoneChoice = 'local' | 'UTC' | (string & {});

// The parts of a date-time, in uContact's order: each one numeric in the formatter, read back in this order.
const PARTS = ['year', 'month', 'day', 'hour', 'minute', 'second'];

// The options without a prototype: Intl reads each option it knows (calendar, numberingSystem,
// localeMatcher, dateStyle, …) through the prototype chain, where a page's pollution bug wrote
// another year, NaN, or refused every zone.
const zoneFormat = (timeZone: string | undefined): Intl.DateTimeFormat => new Intl.DateTimeFormat('en-US', Object.assign(Object.create(null) as object, {
  timeZone, hourCycle: 'h23', ...Object.fromEntries(PARTS.map((type) => [type, 'numeric'])),
}) as Intl.DateTimeFormatOptions);

/**
 * `'local'`, `'UTC'` or an IANA time zone name the platform knows, returned in its own spelling when
 * only the letter case differs (`'america/montevideo'` → `'America/Montevideo'`: a server may look
 * names up case-sensitively), or when the name is an alias typed in lower case (`'asia/kolkata'` →
 * the platform's `'Asia/Calcutta'` or `'Asia/Kolkata'`). ICU's own ids that are no IANA names
 * (`'ART'`, Cairo to ICU; `'BST'`, `'IST'`, `SystemV/…`), and names it keeps that tzdata removed
 * (`'US/Pacific-New'`, `'Canada/East-Saskatchewan'`), and `'Factory'`, are refused; tzdata's three-letter names
 * (`'UTC'`, `'GMT'`, `'EST'`, `'CET'`, `'PRC'`, …) are taken.
 */
export const timeZone: Rule<TimeZoneChoice> = (op, name, v) => {
  if (text(op, name, v) === 'local') return 'local';
  let known = '';
  try {
    // A name (see NO_ZONE). '?' is no zone.
    known = zoneFormat(NO_ZONE.test(v as string) ? '?' : (v as string)).resolvedOptions().timeZone;
  } catch {
    bad(op, name, 'must be local, UTC or an IANA time zone name');
  }
  // Also when a part starts in lower case, as no IANA name does: an alias ('asia/kolkata') resolves
  // to another name (Asia/Calcutta in V8), and the text as typed is no name a server finds.
  return (known.toLowerCase() === (v as string).toLowerCase() || (v as string) >= 'a' ? known : v) as TimeZoneChoice;
};

/**
 * An IANA time zone name as {@link timeZone} returns it, for a server that looks zones up by name:
 * the platform's `'local'` means nothing there, and neither does what a machine's `TZ` may resolve
 * to without one (`undefined` for POSIX values such as `UTC0`, `Etc/Unknown`, `GMT+03:00`).
 */
export const ianaTimeZone: Rule<string> = (op, name, v) => {
  let z: string | undefined;
  try {
    z = v === 'local' ? undefined : timeZone(op, name, v);
  } catch {
    // said below, without offering 'local'
  }
  return z ?? bad(op, name, 'must be an IANA time zone name such as America/Montevideo');
};

/** A checked date-time as `YYYY-MM-DD HH:mm:ss`: a string as it is, a `Date` rendered in `zone` (default local). */
export function formatDateTime(value: Date | string, zone: TimeZoneChoice = 'local'): string {
  if (typeof value === 'string') return value;
  // No timeZone option is the platform's local zone: one formatter for every zone.
  const parts = zoneFormat(zone === 'local' ? undefined : zone).formatToParts(value);
  // The year in four digits (0001), the other parts in two, each after its separator (`' -- ::'[i]`).
  return PARTS.map((type, i) => String(+(parts.find((x) => x.type === type)?.value as string)).padStart(i ? 2 : 4, '0'))
    .reduce((out, part, i) => out + ' -- ::'[i] + part);
}

/**
 * An alternative number: plain (`'098111222'`), or typed `TYPE=RETRIES=NUMBER` (spec 6; TYPE `M`
 * mobile, `W` work, `H` home, `P` priority (first), `U` unknown (last); RETRIES 0 to 9999), written
 * as text (`'H=0=999555555'`) or as an object.
 */
export type AlternativeNumber =
  | string
  | { readonly type: 'M' | 'W' | 'H' | 'P' | 'U'; readonly retries: number; readonly number: string };

/**
 * Workflow data, `k=v` pairs joined by `:` (spec 6): the text itself, or a record of strings
 * (`{ idcustomer: '7' }` is `idcustomer=7`).
 */
export type WorkflowData = string | Readonly<Record<string, string>>;

/**
 * The dialable number of an alternative as uContact wrote it: `'H=0=999555555'` → `'999555555'`;
 * a plain entry as it is. For reading the portal's entries, which are not checked.
 */
export const alternativeNumber = (entry: string): string => TYPED_ALTERNATIVE.exec(entry)?.[3] ?? entry;

/** The object form of a typed {@link alternative}: its spec table. */
export const TYPED = { type: /* @__PURE__ */ oneOf('M', 'W', 'H', 'P', 'U'), retries, number: phone };

/**
 * One {@link AlternativeNumber}: a phone number, or a typed entry `TYPE=RETRIES=NUMBER` (RETRIES 0
 * to 9999), as text or as `{type, retries, number}`. Returns the text.
 */
export const alternative: Rule<string> = (op, name, v) => {
  if (isRecord(v)) {
    const a = record(op, v, TYPED, name);
    return `${a.type}=${a.retries}=${a.number}`;
  }
  const typed = TYPED_ALTERNATIVE.exec(text(op, name, v));
  if (!typed) return (v as string).includes('=') ? bad(op, name, 'must be a number or TYPE=RETRIES=NUMBER (TYPE one of M W H P U, RETRIES 0 to 9999)') : phone(op, name, v);
  phone(op, `${name} (number part)`, typed[3]);
  return v as string;
};

/** Alternative numbers, as an array or `:`-joined text, each an {@link alternative}; `''` when absent. Returns them `:`-joined. */
export const alternatives: Rule<string> = /* @__PURE__ */ optional((op, name, v) => {
  if (v === '') return '';
  const list: unknown[] = typeof v === 'string' ? v.split(':') : Array.isArray(v) ? v : bad(op, name, 'must be an array or a :-joined string');
  // The spread visits holes too: a sparse array is refused, never written as an empty entry. Not
  // Array.from: Prototype.js (1.6, 1.7.3) replaces it with $A, which takes no map function (nothing
  // was checked).
  return [...list].map((x, i) => alternative(op, `${name}[${i}]`, x)).join(':');
}, '');

/**
 * What the key `key` (at position `i`) of the caller's object `name` is called in messages:
 * `data.note` for an identifier (a name the caller wrote), else by position (`data value 2`): a key
 * that is not an identifier may be data (a phone number).
 */
export const member = (name: string, key: string, i: number): string => (IDENTIFIER.test(key) ? `${name}.${key}` : `${name} value ${i}`);

/**
 * {@link WorkflowData}: the `k=v:k=v` text, or a record of strings. Every key is non-empty, values
 * may be empty (`state=`), neither may hold `;`, `:`, `=` or line breaks. Returns the text; `''`
 * when absent.
 */
export const keyValues: Rule<string> = /* @__PURE__ */ optional((op, name, v) => {
  if (typeof v === 'string') {
    if (v === '') return '';
    v.split(':').forEach((pair, i) => {
      const eq = pair.indexOf('=');
      if (eq < 1) bad(op, `${name} pair ${i}`, 'must be key=value');
      wireText(op, `${name} pair ${i} key`, pair.slice(0, eq));
      wireTextOrEmpty(op, `${name} pair ${i} value`, pair.slice(eq + 1));
    });
    return v;
  }
  // Nor a collection read by its iterator (a Map, URLSearchParams, FormData, a boxed String): its own
  // keys are none of its data, and it went out as no data at all (or as `0=v:1=i:2=p`).
  if (!isRecord(v) || Symbol.iterator in v) return bad(op, name, 'must be k=v:k=v text or an object of strings');
  return Object.keys(v).map((k, i) => `${wireText(op, `${name} key ${i}`, k)}=${wireTextOrEmpty(op, member(name, k, i), v[k])}`).join(':');
}, '');

/**
 * An object of strings (form fields, JSON data): keys non-empty, every value a string (empty
 * allowed). Returns a copy.
 */
export const strings: Rule<Record<string, string>> = (op, name, v) => {
  // Not a Map, URLSearchParams or FormData (see keyValues): sent as `{}`, or as no form field at all.
  if (!isRecord(v) || Symbol.iterator in v) return bad(op, name, 'must be an object of strings');
  return Object.fromEntries(Object.keys(v).map((k, i) => [k || bad(op, `${name} key ${i}`, 'is required'), string(op, member(name, k, i), v[k])]));
};

/**
 * A rule for a nested argument object checked against `spec` (see {@link record}). The result has
 * no prototype: nested options (`timeouts.call`) are read long after they were checked, when a key
 * a bug put on `Object.prototype` since must not become one of them.
 */
export function object<S extends Spec>(spec: S): Rule<Checked<S>> {
  return (op, name, v) => record(op, v, spec, name, Object.create(null) as Record<string, unknown>);
}

/** A rule for an array whose items all pass `item`; at least one item unless `min` is 0. */
export function list<T>(item: Rule<T>, min: 0 | 1 = 1): Rule<T[]> {
  return (op, name, v) => {
    if (!Array.isArray(v) || v.length < min) bad(op, name, `must be an array${min ? ' of at least 1 item' : ''}`);
    // Not Array.from(v, f): Prototype.js's Array.from ignores f (see alternatives).
    return [...(v as unknown[])].map((x, i) => item(op, `${name}[${i}]`, x));
  };
}

// Levenshtein distance ignoring letter case (for 'did you mean').
function distance(a: string, b: string): number {
  b = b.toLowerCase();
  // Levenshtein distance, one row at a time.
  let row = [...b, ''].map((_, j) => j);
  let i = 0;
  for (const x of a.toLowerCase()) {
    const next = [++i];
    for (let j = 0; j < b.length; j++) next.push(Math.min((row[j + 1] as number) + 1, (next[j] as number) + 1, (row[j] as number) + +(x !== b[j])));
    row = next;
  }
  return row[b.length] as number;
}

/**
 * Checks an argument object (or option bag) against `spec` and returns a new object with the spec's
 * keys in the spec's order (the order they are sent in), each the value its rule returned (keys whose value is
 * `undefined` are left out). Refuses, before any rule runs: a value that is not a plain object,
 * **unknown keys** (naming the key, with "did you mean" when a known key is close), and missing
 * required keys (all of them at once). `name` is what the object is called in messages; `out` is
 * the object the checked keys are added to (a new one by default). Only own keys are read, and a
 * key left out that `Object.prototype` has (a pollution bug elsewhere in the page) is set to
 * `undefined` over it, so the result never reads it.
 *
 * @example
 * const a = record('call', args, { campaign: text, callerid: optionalPhone, destination: phone })
 */
export function record<S extends Spec>(operation: string, value: unknown, spec: S, name = 'arguments', out: Record<string, unknown> = {}): Checked<S> {
  if (!isRecord(value)) return bad(operation, name, 'must be an object');
  const prefix = name === 'arguments' || name === 'options' ? '' : `${name}.`;
  // for-in with an own-key test visits the keys Object.keys gives, in its order, with no array per
  // call (every portal call and calls-base record comes through here).
  for (const key in value) {
    if (!own(value, key) || own(spec, key)) continue;
    // 'did you mean': the known key closest to it, two edits apart at most (`allowedOrigin`, `callerId`, `timeout`).
    // A short key not shown gets it too: it names the known key, never the caller's.
    let close: string | undefined;
    let least = 3;
    if (key.length <= 40) {
      for (const k of Object.keys(spec)) {
        const d = distance(key, k);
        if (d < least) {
          close = k;
          least = d;
        }
      }
    }
    // A key is a name the caller wrote, but only an identifier is repeated (never a value passed as a key).
    bad(operation, name, `has an unknown key ${IDENTIFIER.test(key) ? `'${prefix}${key}'` : 'a key'}${close ? ` (did you mean '${prefix}${close}'?)` : ''}`);
  }
  // Own keys only, of the spec and of the value: a pollution bug elsewhere in the page
  // (`Object.prototype.unsafeAllowAnyOrigin = true`) neither sets an option nor breaks the check.
  let missing: string[] | undefined;
  for (const k in spec) if (own(spec, k) && !(spec[k] as Rule<unknown>).optional && ownValue(value, k) === undefined) (missing ??= []).push(prefix + k);
  if (missing) invalid(operation, `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`);
  // Spec tables are plain object literals: for-in visits their keys in order. Each rule's result is
  // set, unless it is undefined and `out` has no such key (then the key is left out).
  let v: unknown;
  for (const k in spec) if (own(spec, k) && ((v = (spec[k] as Rule<unknown>)(operation, prefix + k, ownValue(value, k))) !== undefined || k in out)) out[k] = v;
  return out as Checked<S>;
}
