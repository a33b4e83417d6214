import { fail } from '../errors.js';
import { isRecord } from '../shared/validate.js';

// Reading the untrusted CTI JSON (incoming data: lenient on the shape, strict on the content).
// Field names match case-insensitively and numbers or booleans may arrive as strings (spec 4.2).
// Messages name the field, never its value: values are call data (phone numbers, customer names).

/** Throws `INVALID_CTI` for `operation`. */
export function badCti(operation: string, message: string): never {
  return fail('INVALID_CTI', operation, message);
}

/** Why an empty CTI is `NO_CTI`: the framework's `CTI` of a form the portal opened without a call. */
export const NO_CALL = 'the CTI is empty: the form was opened without a call';

/** Throws `NO_CTI` for `operation`: there is no current call to read (not a malformed one). */
export function noCti(operation: string, message: string): never {
  return fail('NO_CTI', operation, message);
}

/** Reads the fields of one object of the CTI JSON, looked up by lower-cased name. */
export interface CtiReader {
  /** A text field; numbers are accepted and turned into text. */
  text(name: string, required: boolean): string;
  /** An integer field; `"2"` is accepted as 2. */
  integer(name: string, fallback: number | undefined): number;
  /** A boolean field: `true`/`false` or the strings `"TRUE"`/`"FALSE"` in any case; absent or `''` is false. */
  flag(name: string): boolean;
  /** A nested object field (or a JSON text holding one); `undefined` when absent, null or `''`. */
  object(name: string): Record<string, unknown> | undefined;
  /** The fields no getter asked for, under their original spelling, in a null-prototype record. */
  rest(): Readonly<Record<string, unknown>>;
}

/** Starts reading `source`, called `what` in messages (`'CTI'`, `'CTI.Dialer'`); two keys differing only in case are refused. */
export function ctiReader(operation: string, what: string, source: Record<string, unknown>): CtiReader {
  const byName = new Map<string, string>();
  const used = new Set<string>();
  for (const key of Object.keys(source)) {
    const lower = key.toLowerCase();
    if (byName.has(lower)) badCti(operation, `${what} has the field ${lower} twice (in different letter case)`);
    byName.set(lower, key);
  }
  // The raw value of `name` (lower case), or `undefined`; a value read is no `rest()`.
  const get = (name: string): unknown => {
    const key = byName.get(name);
    if (key === undefined) return undefined;
    used.add(name);
    return source[key];
  };
  const missing = (name: string): never => badCti(operation, `${what} is missing ${name}`);
  const bad = (name: string, why: string): never => badCti(operation, `${what}.${name} must be ${why}`);
  // Absent: missing, null, or (for all but text) `''`.
  const none = (v: unknown): v is undefined | null | '' => v === undefined || v === null || v === '';
  return {
    text(name, required) {
      const v = get(name);
      if (v === undefined || v === null) return required ? missing(name) : '';
      return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : bad(name, 'a string');
    },
    integer(name, fallback) {
      const v = get(name);
      if (none(v)) return fallback ?? missing(name);
      const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : bad(name, 'an integer');
    },
    flag(name) {
      const v = get(name);
      if (none(v) || typeof v === 'boolean') return v === true;
      const t = typeof v === 'string' ? v.trim().toUpperCase() : '';
      return t === 'TRUE' || (t === 'FALSE' ? false : bad(name, 'TRUE or FALSE'));
    },
    object(name) {
      let v = get(name);
      if (none(v)) return undefined;
      if (typeof v === 'string') {
        try {
          v = JSON.parse(v);
        } catch {
          bad(name, 'an object');
        }
      }
      return isRecord(v) ? v : bad(name, 'an object');
    },
    rest() {
      const out: Record<string, unknown> = Object.create(null);
      for (const [lower, key] of byName) if (!used.has(lower)) out[key] = source[key];
      return Object.freeze(out);
    },
  };
}
