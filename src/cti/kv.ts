import { invalid, phone, wireValue } from '../shared/check.js';
import type { KeyValues } from './types.js';

// uContact packs lists into strings: `k=v` pairs and alternative numbers, both joined by `:`
// (spec sections 4.2 and 6). Parsing is lenient (it reads what the portal sent); building is
// strict (it refuses anything that would change the meaning of the string).

type Entry = readonly [key: string, value: string];

/**
 * Parses a `k=v:k=v` string; see {@link KeyValues} for the rules. The pairs are split on first use
 * of `entries` or `values`: a form that reads a few fields of a large CTI does not pay for all.
 */
export function parseKeyValues(raw: string): KeyValues {
  let parsed: KeyValues | undefined;
  const get = (): KeyValues => {
    if (!parsed) {
      const entries: Entry[] = [];
      for (const segment of raw.split(':')) {
        if (segment === '') continue;
        const eq = segment.indexOf('=');
        entries.push(eq < 0 ? [segment, ''] : [segment.slice(0, eq), segment.slice(eq + 1)]);
      }
      parsed = freezeKeyValues(raw, entries);
    }
    return parsed;
  };
  return Object.freeze({
    raw,
    get entries() { return get().entries; },
    get values() { return get().values; },
  });
}

/** Builds a frozen {@link KeyValues} whose `values` map has a null prototype. */
function freezeKeyValues(raw: string, entries: readonly Entry[]): KeyValues {
  const values: Record<string, string> = Object.create(null);
  const frozen = entries.map(([k, v]) => {
    values[k] = v;
    return Object.freeze([k, v] as const);
  });
  return Object.freeze({ raw, entries: Object.freeze(frozen), values: Object.freeze(values) });
}

/** Joins pairs as `k=v:k=v`. */
export function formatKeyValues(entries: readonly Entry[]): string {
  return entries.map(([k, v]) => `${k}=${v}`).join(':');
}

/** Splits a `:`-joined alternatives string, dropping empty segments. */
export function splitAlternatives(raw: string): string[] {
  return raw.split(':').filter((s) => s !== '');
}

const TYPED = /^([MWHPU])=(\d{1,9})=(.*)$/;

/** The dialable number of an alternative: `'H=0=999555555'` → `'999555555'`. */
export function alternativeNumber(entry: string): string {
  const m = TYPED.exec(entry);
  return m ? (m[3] as string) : entry;
}

/**
 * Checks one alternative: a phone number, or `TYPE=RETRIES=NUMBER` with TYPE one of M, W, H, P, U
 * (mobile, work, home, priority, unknown), RETRIES an integer and NUMBER a phone number.
 */
export function checkAlternative(operation: string, field: string, value: unknown): string {
  const s = typeof value === 'string' ? value : invalid(operation, `${field} must be a string`);
  const m = TYPED.exec(s);
  if (m) {
    phone(operation, `${field} (number part)`, m[3]);
    return s;
  }
  if (s.includes('=')) invalid(operation, `${field} must be a number or TYPE=RETRIES=NUMBER with TYPE one of M, W, H, P, U`);
  return phone(operation, field, s);
}

/** Checks a list of alternatives and returns a copy. */
export function checkAlternatives(operation: string, list: unknown): string[] {
  if (!Array.isArray(list)) invalid(operation, 'alternatives must be an array of numbers');
  // Array.from visits holes too: a sparse array is refused, never written as an empty entry.
  return Array.from(list, (v: unknown, i) => checkAlternative(operation, `alternatives[${i}]`, v));
}

/** Checks a data key (non-empty) and value (may be empty): no `;`, `:`, `=`, `|` or line breaks. */
export function checkDataEntry(operation: string, key: unknown, value: unknown): Entry {
  return [wireValue(operation, 'data key', key, false), wireValue(operation, 'data value', value, true)];
}

/** Returns `entries` with `key` set to `value`: replaced in place if present (first match), else appended. */
export function withEntry(entries: readonly Entry[], key: string, value: string): Entry[] {
  const out = entries.filter(([k], i) => k !== key || entries.findIndex(([k2]) => k2 === key) === i);
  const at = out.findIndex(([k]) => k === key);
  if (at < 0) out.push([key, value]);
  else out[at] = [key, value];
  return out;
}

/** Returns `entries` without any pair whose key is `key`. */
export function withoutEntry(entries: readonly Entry[], key: string): Entry[] {
  return entries.filter(([k]) => k !== key);
}
