import type { KeyValues } from './types.js';

// uContact packs lists into strings: `k=v` pairs and alternative numbers, both joined by `:`
// (spec sections 4.2 and 6). Reading is lenient (it reads what the portal sent); what a caller
// adds is checked by the validation module's rules (keyValues, alternative) before it gets here.

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

/** Returns `entries` with `key` set to `value`: replaced in place if present (first match), else appended. */
export function withEntry(entries: readonly Entry[], key: string, value: string): Entry[] {
  // The first match looked up once, not again at each other match (quadratic: a key received 20,000
  // times after 20,000 others took minutes). No entry before it is dropped: it keeps its index in `out`.
  const at = entries.findIndex(([k]) => k === key);
  const out = entries.filter(([k], i) => k !== key || i === at);
  if (at < 0) out.push([key, value]);
  else out[at] = [key, value];
  return out;
}

/** Returns `entries` without any pair whose key is `key`. */
export function withoutEntry(entries: readonly Entry[], key: string): Entry[] {
  return entries.filter(([k]) => k !== key);
}
