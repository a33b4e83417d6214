import { BridgeError } from '../errors.js';

// The one argument validator. Field rules are single letters so that each wire shape is a small
// table (see the action and record specs); messages name the operation and the field, never the
// value: values may be phone numbers.

/**
 * A field rule: `s` non-empty string, `o` optional string, `p` phone, `q` optional phone,
 * `W` non-empty wire-safe value, `w` optional wire-safe value, `l` labels (one or several, joined by
 * `|`), `m` optional labels, `d` date-time (`YYYY-MM-DD HH:mm:ss` or a `Date`, rendered in local
 * time), `e` optional date-time, `n` whole number, `r` priority (1 to 9999).
 * Optional fields become `''` when absent.
 */
export type Kind = 's' | 'o' | 'p' | 'q' | 'W' | 'w' | 'l' | 'm' | 'd' | 'e' | 'n' | 'r';

/** Throws the `INVALID_ARGUMENT` error for `operation`. */
export function invalid(operation: string, message: string): never {
  throw new BridgeError('INVALID_ARGUMENT', `${operation}: ${message}`, { operation });
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PHONE = /^\+?\d{1,32}$/;
const UNSAFE = /[;:=|\r\n]/;
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):([0-5]\d):([0-5]\d)$/;

/** True for a real `YYYY-MM-DD HH:mm:ss` date and time (2026-02-30 and 24:00:00 are refused). */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value)?.map(Number);
  if (!m) return false;
  const t = new Date(Date.UTC(m[1] as number, (m[2] as number) - 1, m[3], m[4]));
  return t.getUTCMonth() === (m[2] as number) - 1 && t.getUTCDate() === m[3] && t.getUTCHours() === m[4];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `[year, month, day, hour, minute, second]` rendered as `YYYY-MM-DD HH:mm:ss`. */
export function joinDateTime(p: readonly number[]): string {
  const [y, mo, d, h, mi, s] = p.map(pad);
  return `${String(y).padStart(4, '0')}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** Renders a `Date` in the local time zone as `YYYY-MM-DD HH:mm:ss`. */
export function localDateTime(operation: string, field: string, date: Date): string {
  if (Number.isNaN(date.getTime())) invalid(operation, `${field} must be a valid Date`);
  return joinDateTime([date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()]);
}

/** Checks one field against its rule and returns the value to send. */
export function field(operation: string, name: string, value: unknown, kind: Kind): string | number {
  const bad = (why: string): never => invalid(operation, `${name} ${why}`);
  if (kind === 'n' || kind === 'r') {
    const [min, max] = kind === 'r' ? [1, 9999] : [0, Number.MAX_SAFE_INTEGER];
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number) : bad(`must be an integer from ${min} to ${max}`);
  }
  const optional = 'oqwme'.includes(kind);
  if (value === undefined && optional) return '';
  if (kind === 'l' || kind === 'm') {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (!list.length) bad('must name at least one label');
    return list.map((v, i) => field(operation, list.length > 1 ? `${name}[${i}]` : name, v, 'W')).join('|');
  }
  if ((kind === 'd' || kind === 'e') && value instanceof Date) return localDateTime(operation, name, value);
  if (value === undefined || value === null) bad('is required');
  if (typeof value !== 'string') return bad('must be a string');
  if (!optional && !value.trim()) bad('is required');
  if (!value) return value;
  if ((kind === 'p' || kind === 'q') && !PHONE.test(value)) bad('must be digits with an optional leading +');
  if ((kind === 'W' || kind === 'w') && UNSAFE.test(value)) bad('must not contain ; : = | or line breaks');
  if ((kind === 'd' || kind === 'e') && !isDateTime(value)) bad("must be a Date or a 'YYYY-MM-DD HH:mm:ss' string");
  return value;
}

/**
 * Checks an argument object against `spec` and returns a new object with exactly the spec's keys,
 * in the spec's order (the wire order), after those of `out` when given. With `exact`, missing or
 * extra keys are refused too.
 */
export function fields<T>(operation: string, value: unknown, spec: Readonly<Record<string, Kind>>, exact?: boolean, out: Record<string, unknown> = {}): T {
  if (!isRecord(value)) invalid(operation, `${exact ? operation : 'arguments'} must be an object`);
  if (exact) {
    const keys = Object.keys(spec);
    const extra = Object.keys(value).filter((k) => !keys.includes(k));
    const missing = keys.filter((k) => !Object.prototype.hasOwnProperty.call(value, k));
    if (extra.length || missing.length) {
      invalid(operation, `${operation} must have exactly the keys ${keys.join(', ')}` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') + (extra.length ? `; unexpected ${extra.join(', ')}` : ''));
    }
  }
  // Spec tables are plain object literals: for-in visits exactly their keys, in order.
  for (const k in spec) out[k] = field(operation, k, value[k], spec[k] as Kind);
  return out as T;
}
