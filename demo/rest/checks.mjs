// Input checks of the REST simulator. A failed check answers the body `0`, as uContact does; the
// reason goes to the request log (a short code, never the value: values may be phone numbers).
import { Buffer } from 'node:buffer';

/** Thrown by a handler to answer `0`; `reason` is logged. */
export class Reject extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

export const reject = (reason) => {
  throw new Reject(reason);
};

const PHONE = /^\+?[0-9]{1,32}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function isPhone(v) {
  return typeof v === 'string' && PHONE.test(v);
}

export function isDateTime(v) {
  const m = typeof v === 'string' && DATE_TIME.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  // setUTCFullYear, not Date.UTC: that reads years 0 to 99 as 1900 to 1999 (the library sends them).
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

export function isRecord(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The longest delay a Node timer keeps: past it, Node fires after 1 ms (a stall asked for would not happen). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Deepest nesting of arrays and objects a request's JSON value may have; no real form nests its data more. */
export const MAX_DEPTH = 64;

/**
 * True when `value` nests arrays or objects more than `max` levels deep. JSON.parse takes any depth,
 * but JSON.stringify of the state (`/sim/state`, the framework's events) overflows the stack on it.
 */
export function nestsDeeperThan(value, max = MAX_DEPTH) {
  const stack = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export function phoneField(v, reason, allowEmpty = false) {
  if (allowEmpty && v === '') return v;
  return isPhone(v) ? v : reject(reason);
}

export function nonEmpty(v, reason) {
  return typeof v === 'string' && v.trim() !== '' ? v : reject(reason);
}

/** Parses a JSON form field; `0` when it is not JSON. */
export function jsonField(text, reason) {
  try {
    return JSON.parse(text);
  } catch {
    return reject(reason);
  }
}

/** An object with exactly `keys` (plus `optional` ones). */
export function exactKeys(v, keys, optional, reason) {
  if (!isRecord(v)) reject(reason);
  const got = Object.keys(v);
  if (keys.some((k) => !got.includes(k)) || got.some((k) => !keys.includes(k) && !optional.includes(k))) reject(reason);
  return v;
}

/**
 * Workflow data as the dialer holds it: `k=v:k=v` (spec 4.4), or empty; no `;` and no line break (the
 * calls base's separators). Its segments as the dialer itself hands them out are taken too, a bare
 * `flag`, an empty one, a time's `10:30` split by the `:` (`time=10:30`): a form schedules or
 * respools the portal's own data back (e2e/roundtrip), and the dialer holds what it gave.
 */
export function isPairs(v) {
  return v === '' || (typeof v === 'string' && !/[;\r\n]/.test(v));
}

/** An alternative number: plain, or typed `TYPE=RETRIES=NUMBER` as in the calls-base file (spec 6). */
export const isAlternative = (a) => isPhone(a) || /^[MWHPU]=\d{1,4}=\+?\d{1,32}$/.test(a);

/** `a:b` alternative numbers (plain or typed), or empty. */
export function isNumbers(v) {
  return v === '' || (typeof v === 'string' && v.split(':').every(isAlternative));
}

/**
 * A zone name as a Java server finds it (TimeZone.getTimeZone looks names up letter case and all, and
 * reads any other text as GMT, silently): one the platform knows, as IANA writes it or one of the old
 * ids Java and ICU both keep (`ART`, `EST`, `SystemV/AST4`), or Java's custom id of an offset
 * (`GMT-03:00`, `GMT+5`, `GMT+0530`). Refused: another letter case (`america/montevideo`, `art`,
 * `gmt-3`), a bare offset (`+05:30`: newer engines take it, Java does not), an unknown name. ICU gives a zone's own spelling, not its aliases': an alias in a case no IANA name has but
 * short capitals gets through (`ETC/UTC`, `Art`).
 */
// Java's custom ids: GMT, a sign, hours (0 to 23) and minutes as `h`, `hh`, `h:mm`, `hh:mm`, `hmm`, `hhmm`.
const JAVA_OFFSET = /^GMT[+-](?:(\d{1,2})(?::(\d{2}))?|(\d{1,2})(\d{2}))$/;

export function isTimeZone(v) {
  const offset = typeof v === 'string' && JAVA_OFFSET.exec(v);
  if (offset) return Number(offset[1] ?? offset[3]) < 24 && Number(offset[2] ?? offset[4] ?? 0) < 60;
  if (typeof v !== 'string' || !/^[A-Za-z]/.test(v)) return false;
  let known;
  try {
    known = new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // An alias resolves to another name: its letter case is checked as IANA and Java write names (no
  // part starts in lower case, no four capitals in a row but in NZ-CHAT).
  return known.toLowerCase() === v.toLowerCase() ? known === v : !/(^|\/)[a-z]/.test(v) && (!/[A-Z]{4}/.test(v) || v === 'NZ-CHAT');
}

/**
 * The instance's zone when none is given: this process's (its `TZ`), UTC when that has no IANA name
 * (a POSIX `TZ` such as `UTC0`, which Node reads as UTC).
 */
export const hostTimeZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

/**
 * `date` as uContact writes one: `YYYY-MM-DD HH:mm:ss` in the instance's zone `zone`, with no offset
 * (real servers write local text). The uPhone page writes its events' dates the same way (phone.js).
 */
// One formatter per zone (making one costs more than formatting with it): zones are few.
const FORMATS = new Map();
export function dateText(date, zone) {
  let format = FORMATS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    FORMATS.set(zone, format);
  }
  const parts = {};
  for (const p of format.formatToParts(date)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * Calls `fn(line)` for each line of `text` (LF or CRLF; the last may have no break), empty lines
 * skipped, one at a time: `split(/\r?\n/)` of an uploaded file (up to 48 MB decoded) made an array of
 * its every line at once, 48 million for a file of line breaks: 450 MB and 2 s of the one process.
 */
export function eachLine(text, fn) {
  for (let i = 0; i < text.length;) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    const end = j < text.length && j > i && text.charCodeAt(j - 1) === 13 ? j - 1 : j;
    if (end > i) fn(text.slice(i, end));
    i = j + 1;
  }
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (canonical padding); null when invalid. */
export function decodeBase64(text) {
  if (text.length % 4 !== 0 || !B64.test(text)) return null;
  const buf = Buffer.from(text, 'base64');
  return buf.toString('base64') === text ? buf : null;
}
