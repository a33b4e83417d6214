import type { KeyValues } from './types.js';

// uContact packs lists into strings: `k=v` pairs and alternative numbers, both joined by `:`
// (spec sections 4.2 and 6). Reading is lenient (it reads what the portal sent); what a caller
// adds is checked by the validation module's rules (keyValues, alternative) before it gets here.

/**
 * Parses a `k=v:k=v` string; see {@link KeyValues} for the rules. The pairs are split on first use
 * of `entries` or `values`: a form that reads a few fields of a large CTI does not pay for all.
 */
export function parseKeyValues(raw: string): KeyValues {
  // Split once, into what the two getters hand out (the holder itself is never handed out).
  let parsed: readonly [KeyValues['entries'], KeyValues['values']] | undefined;
  const get = (): typeof parsed & object => {
    if (!parsed) {
      // Frozen, the lookup map without a prototype; a segment's value is what follows its key's `=`
      // (`''` without one).
      const values: Record<string, string> = Object.create(null);
      const entries = segmentsOf(raw).map((segment) => {
        const key = keyOf(segment);
        return Object.freeze([key, (values[key] = segment.slice(key.length + 1))] as const);
      });
      parsed = [Object.freeze(entries), Object.freeze(values)];
    }
    return parsed;
  };
  return Object.freeze({
    raw,
    get entries() { return get()[0]; },
    get values() { return get()[1]; },
  });
}

/** The segments of a `:`-joined string (alternatives, `k=v` data), empty ones dropped. */
export function segmentsOf(raw: string): string[] {
  return raw.split(':').filter((s) => s !== '');
}

// The key of a received `k=v` segment: the text before its first `=` (all of it without one), as
// parseKeyValues reads it.
const keyOf = (segment: string): string => segment.split('=', 1)[0] as string;

/**
 * Returns `segments` with the pair `key=value` in place of the first segment named `key` (any
 * other segment so named dropped), else appended. Every other segment is kept as it is.
 */
export function withEntry(segments: readonly string[], key: string, value: string): string[] {
  // The first match looked up once, not again at each other match (quadratic: a key received 20,000
  // times after 20,000 others took minutes). No segment before it is dropped: it keeps its index in `out`.
  const at = segments.findIndex((s) => keyOf(s) === key);
  const out = segments.filter((s, i) => keyOf(s) !== key || i === at);
  out[at < 0 ? out.length : at] = `${key}=${value}`;
  return out;
}

/** Returns `segments` without any segment named `key`. */
export const withoutEntry = (segments: readonly string[], key: string): string[] => segments.filter((s) => keyOf(s) !== key);
