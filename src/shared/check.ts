import { field, fields, invalid, joinDateTime, localDateTime } from './fields.js';
import { RESPOOL_SPEC, SCHEDULE_SPEC, type Respool, type Schedule } from './records.js';
import type { TimeZoneChoice } from './validate.js';

// Named checks over the one validator in fields.ts, for the builders and the REST client.
export { invalid, isRecord } from './fields.js';

/** Checks that `value` is a string; non-empty unless `allowEmpty`. */
export function str(operation: string, name: string, value: unknown, allowEmpty = false): string {
  if (allowEmpty && value === undefined) invalid(operation, `${name} is required`);
  return field(operation, name, value, allowEmpty ? 'o' : 's') as string;
}

/** Same as {@link str} for an optional field: `undefined` becomes `''`. */
export function optStr(operation: string, name: string, value: unknown): string {
  return field(operation, name, value, 'o') as string;
}

/** Checks a phone number: digits with an optional leading `+`, nothing else (no spaces, no dashes). */
export function phone(operation: string, name: string, value: unknown, allowEmpty = false): string {
  return (allowEmpty && value === '' ? '' : field(operation, name, value, 'p')) as string;
}

/**
 * Checks a value that travels inside uContact's `k=v:k=v` / `a:b` / `;` records, where `;`, `:`,
 * `=`, `|` and line breaks would silently corrupt the record: such values are refused, never mangled.
 */
export function wireValue(operation: string, name: string, value: unknown, allowEmpty = true): string {
  if (allowEmpty && value === undefined) invalid(operation, `${name} is required`);
  // Blank values (spaces) corrupt nothing: only a required value must have a visible character.
  return field(operation, name, value, allowEmpty ? 'w' : 'W') as string;
}

/** Checks an integer within [min, max]. */
export function int(operation: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(operation, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

// One declaration of the type for every entry (the script-tag global re-exports them all).
export type { TimeZoneChoice };

/** Renders `date` as `YYYY-MM-DD HH:mm:ss` in `timeZone` (default `'local'`). */
export function formatDateTime(operation: string, date: Date, timeZone: TimeZoneChoice = 'local'): string {
  if (!(date instanceof Date)) invalid(operation, 'date must be a valid Date');
  if (timeZone === 'local') return localDateTime(operation, 'date', date);
  if (Number.isNaN(date.getTime())) invalid(operation, 'date must be a valid Date');
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(date);
  } catch {
    invalid(operation, 'timeZone is not a known IANA time zone');
  }
  return joinDateTime(['year', 'month', 'day', 'hour', 'minute', 'second']
    .map((type) => Number(parts.find((p) => p.type === type)?.value)));
}

/** Accepts a `Date` (rendered in `timeZone`) or a `YYYY-MM-DD HH:mm:ss` string; `''` when allowed. */
export function dateTime(
  operation: string, name: string, value: unknown, timeZone?: TimeZoneChoice, allowEmpty = false,
): string {
  if (value instanceof Date) return formatDateTime(operation, value, timeZone);
  return (allowEmpty && value === '' ? '' : field(operation, name, value, 'd')) as string;
}

/** Checks a {@link Respool} (exactly its ten keys, each well-formed) and returns a copy in wire order. */
export function checkRespool(operation: string, value: unknown): Respool {
  return fields<Respool>(operation, value, RESPOOL_SPEC, true);
}

/** Checks a {@link Schedule} (exactly its six keys, each well-formed) and returns a copy in wire order. */
export function checkSchedule(operation: string, value: unknown): Schedule {
  return fields<Schedule>(operation, value, SCHEDULE_SPEC, true);
}
