import { fail } from '../errors.js';
import { isRecord, textOf } from '../shared/validate.js';

// Reading the untrusted CTI JSON (incoming data: lenient, spec preamble and 4.2). Field names match
// case-insensitively, numbers and booleans may arrive as strings. One odd field never makes the CTI
// unreadable: the getter gives its default, the field's path goes to `problems`, and the raw value
// stays in `rest()` (the CTI's `extra`) under its own spelling. Paths name fields, never values:
// values are call data (phone numbers, customer names).

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

/**
 * Reads the fields of one object of the CTI JSON, looked up by lower-cased name (or by the spelling
 * `keys` maps a name to). A field is "read" only when its value was usable; `required` fields that
 * are absent are problems too.
 */
export interface CtiReader {
  /**
   * A text field; an integer up to 2^53 - 1 (either sign) is turned into text (a larger one has lost
   * digits); with `list`, a list of texts and numbers is
   * joined by `:` (alternatives sent as an array). `''` when absent or unusable.
   */
  text(name: string, required?: boolean, list?: boolean): string;
  /** An integer field; `"2"` and `"2.0"` are 2. `fallback` when absent, `''` or unusable. */
  integer(name: string, fallback: number, required?: boolean): number;
  /** `true`/`false`, `"TRUE"`/`"FALSE"` in any case, `1`/`0`, `"1"`/`"0"`; false when absent, `''` or unusable. */
  flag(name: string): boolean;
  /** A nested object field (or a JSON text holding one); `undefined` when absent, null, `''` or unusable. */
  object(name: string): Record<string, unknown> | undefined;
  /** The value last read by a getter exactly as received (for passing protected fields back). */
  last(): unknown;
  /** The fields not read (unknown, unusable, or a same-name duplicate), under their spelling, after those of `from`, in a null-prototype record. */
  rest(from?: object): Readonly<Record<string, unknown>>;
}

const INTEGER = /^\s*-?\d+(\.0*)?\s*$/;
const FLAGS: Readonly<Record<string, boolean>> = { TRUE: true, FALSE: false, 1: true, 0: false };

/**
 * Starts reading `source`. `path` prefixes the problems (`''` or `'Dialer.'`); `problems` collects
 * the paths of fields missing or unusable, and of names given twice in different letter case (the
 * first spelling is read, the others stay in `rest()`). `keys` maps a name to its spelling.
 */
export function ctiReader(source: Record<string, unknown>, path: string, problems: string[], keys: Readonly<Record<string, string>> = {}): CtiReader {
  const byName = new Map<string, string>();
  const used = new Set<string>();
  for (const key of Object.keys(source)) {
    const lower = key.toLowerCase();
    if (byName.has(lower)) problems.push(path + lower);
    else byName.set(lower, key);
  }
  let key: string | undefined;
  let value: unknown;
  // Looks `name` up; true when it holds something (not missing, null, or `''` unless `empty`).
  const find = (name: string, required = false, empty = false): boolean => {
    key = byName.get((keys[name] ?? name).toLowerCase());
    value = key === undefined ? undefined : source[key];
    const given = value != null && (empty || value !== '');
    if (!given && required) problems.push(path + name);
    return given;
  };
  // The value found is used as `v`; `undefined` means unusable: reported, left in rest().
  const use = <T>(name: string, v: T | undefined, fallback: T): T => {
    if (v === undefined) {
      problems.push(path + name);
      return fallback;
    }
    used.add(key as string);
    return v;
  };
  return {
    text(name, required, list) {
      if (!find(name, required, true)) return '';
      const items = list && Array.isArray(value) ? value.map(textOf) : undefined;
      return use(name, items ? (items.includes(undefined) ? undefined : items.join(':')) : textOf(value), '');
    },
    integer(name, fallback, required) {
      if (!find(name, required)) return fallback;
      const n = typeof value === 'string' && INTEGER.test(value) ? +value : value;
      return use(name, Number.isSafeInteger(n) ? (n as number) : undefined, fallback);
    },
    flag(name) {
      if (!find(name)) return false;
      return use(name, typeof value === 'boolean' ? value : FLAGS[textOf(value)?.trim().toUpperCase() as string], false);
    },
    object(name) {
      if (!find(name)) return undefined;
      let v = value;
      try {
        if (typeof v === 'string') v = JSON.parse(v);
      } catch {
        // Not JSON: unusable, kept raw.
      }
      return use(name, isRecord(v) ? v : undefined, undefined);
    },
    last: () => value,
    rest(from) {
      const out: Record<string, unknown> = Object.assign(Object.create(null), from);
      for (const k of Object.keys(source)) if (!used.has(k)) out[k] = source[k];
      return Object.freeze(out);
    },
  };
}
