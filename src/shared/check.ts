import { BridgeError } from '../errors.js';
import { RESPOOL_KEYS, SCHEDULE_KEYS, type Respool, type Schedule } from './records.js';

// Argument checks shared by the portal client, the CTI builders and the REST client. Messages name
// the operation and the field, never the value: values may be phone numbers.

/** Throws the `INVALID_ARGUMENT` error for `operation`. */
export function invalid(operation: string, message: string): never {
  throw new BridgeError('INVALID_ARGUMENT', `${operation}: ${message}`, { operation });
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that `value` is a string; non-empty unless `allowEmpty`. */
export function str(operation: string, field: string, value: unknown, allowEmpty = false): string {
  if (value === undefined || value === null) invalid(operation, `${field} is required`);
  if (typeof value !== 'string') invalid(operation, `${field} must be a string`);
  if (!allowEmpty && value.trim() === '') invalid(operation, `${field} is required`);
  return value;
}

/** Same as {@link str} for an optional field: `undefined` becomes `''`. */
export function optStr(operation: string, field: string, value: unknown): string {
  return value === undefined ? '' : str(operation, field, value, true);
}

const PHONE = /^\+?[0-9]{1,32}$/;

/** Checks a phone number: digits with an optional leading `+`, nothing else (no spaces, no dashes). */
export function phone(operation: string, field: string, value: unknown, allowEmpty = false): string {
  const s = str(operation, field, value, allowEmpty);
  if (s !== '' && !PHONE.test(s)) invalid(operation, `${field} must be digits with an optional leading +`);
  return s;
}

const UNSAFE = /[;:=|\r\n]/;

/**
 * Checks a value that travels inside uContact's `k=v:k=v` / `a:b` / `;` records, where `;`, `:`,
 * `=`, `|` and line breaks would silently corrupt the record: such values are refused, never mangled.
 */
export function wireValue(operation: string, field: string, value: unknown, allowEmpty = true): string {
  const s = str(operation, field, value, allowEmpty);
  if (UNSAFE.test(s)) invalid(operation, `${field} must not contain ; : = | or line breaks`);
  return s;
}

/** Checks an integer within [min, max]. */
export function int(operation: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(operation, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** True for a real `YYYY-MM-DD HH:mm:ss` date and time (2026-02-30 is refused). */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/**
 * Where a `Date` is rendered as uContact's `YYYY-MM-DD HH:mm:ss`: `'local'` (the browser's or
 * process's zone, the default), `'UTC'`, or any IANA zone name such as `'America/Montevideo'`.
 */
export type TimeZoneChoice = 'local' | 'UTC' | (string & {});

const pad = (n: number): string => String(n).padStart(2, '0');

/** Renders `date` as `YYYY-MM-DD HH:mm:ss` in `timeZone` (default `'local'`). */
export function formatDateTime(operation: string, date: Date, timeZone: TimeZoneChoice = 'local'): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) invalid(operation, 'date must be a valid Date');
  let parts: number[];
  if (timeZone === 'local') {
    parts = [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  } else {
    let fmt: Intl.DateTimeFormat;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      invalid(operation, 'timeZone is not a known IANA time zone');
    }
    const get = (type: string): number => Number(fmt.formatToParts(date).find((p) => p.type === type)?.value);
    parts = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(get);
  }
  const [y, mo, d, h, mi, s] = parts.map(pad);
  return `${String(y).padStart(4, '0')}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** Accepts a `Date` (rendered in `timeZone`) or a `YYYY-MM-DD HH:mm:ss` string; `''` when allowed. */
export function dateTime(
  operation: string, field: string, value: unknown, timeZone?: TimeZoneChoice, allowEmpty = false,
): string {
  if (value instanceof Date) return formatDateTime(operation, value, timeZone);
  const s = str(operation, field, value, allowEmpty);
  if (s !== '' && !isDateTime(s)) invalid(operation, `${field} must be a Date or a 'YYYY-MM-DD HH:mm:ss' string`);
  return s;
}

function exactKeys(operation: string, what: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) invalid(operation, `${what} must be an object`);
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  const missing = keys.filter((k) => !Object.prototype.hasOwnProperty.call(value, k));
  if (extra.length || missing.length) {
    invalid(operation, `${what} must have exactly the keys ${keys.join(', ')}` +
      (missing.length ? `; missing ${missing.join(', ')}` : '') + (extra.length ? `; unexpected ${extra.join(', ')}` : ''));
  }
  return value;
}

/** Checks a {@link Respool} (exactly its ten keys, each well-formed) and returns a copy in wire order. */
export function checkRespool(operation: string, value: unknown): Respool {
  const v = exactKeys(operation, 'respool', value, RESPOOL_KEYS);
  return {
    campaign: str(operation, 'campaign', v.campaign),
    destination: phone(operation, 'destination', v.destination),
    status: int(operation, 'status', v.status, 0, 2 ** 31),
    data: str(operation, 'data', v.data, true),
    alternatives: str(operation, 'alternatives', v.alternatives, true),
    retries: int(operation, 'retries', v.retries, 0, 2 ** 31),
    contact: int(operation, 'contact', v.contact, 0, Number.MAX_SAFE_INTEGER),
    dialerbase: str(operation, 'dialerbase', v.dialerbase, true),
    priority: int(operation, 'priority', v.priority, 1, 9999),
    agentphone: str(operation, 'agentphone', v.agentphone, true),
  };
}

/** Checks a {@link Schedule} (exactly its six keys, each well-formed) and returns a copy in wire order. */
export function checkSchedule(operation: string, value: unknown): Schedule {
  const v = exactKeys(operation, 'schedule', value, SCHEDULE_KEYS);
  return {
    calldate: dateTime(operation, 'calldate', v.calldate),
    campaign: str(operation, 'campaign', v.campaign),
    destination: phone(operation, 'destination', v.destination),
    alternatives: str(operation, 'alternatives', v.alternatives, true),
    agentphone: str(operation, 'agentphone', v.agentphone, true),
    data: str(operation, 'data', v.data, true),
  };
}
