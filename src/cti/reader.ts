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
export class CtiReader {
  private readonly byName: Map<string, string> = new Map();
  private readonly used = new Set<string>();

  constructor(
    private readonly operation: string,
    private readonly what: string,
    private readonly source: Record<string, unknown>,
  ) {
    for (const key of Object.keys(source)) {
      const lower = key.toLowerCase();
      if (this.byName.has(lower)) badCti(operation, `${what} has the field ${lower} twice (in different letter case)`);
      this.byName.set(lower, key);
    }
  }

  /** The raw value of `name` (lower case), or `undefined`. */
  get(name: string): unknown {
    const key = this.byName.get(name);
    if (key === undefined) return undefined;
    this.used.add(name);
    return this.source[key];
  }

  /** A text field; numbers are accepted and turned into text. */
  text(name: string, required: boolean): string {
    const v = this.get(name);
    if (v === undefined || v === null) return required ? badCti(this.operation, `${this.what} is missing ${name}`) : '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    return badCti(this.operation, `${this.what}.${name} must be a string`);
  }

  /** An integer field; `"2"` is accepted as 2. */
  integer(name: string, fallback: number | undefined): number {
    const v = this.get(name);
    if (v === undefined || v === null || v === '') {
      return fallback ?? badCti(this.operation, `${this.what} is missing ${name}`);
    }
    const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) badCti(this.operation, `${this.what}.${name} must be an integer`);
    return n;
  }

  /** A boolean field: `true`/`false` or the strings `"TRUE"`/`"FALSE"` in any case; absent or `''` is false. */
  flag(name: string): boolean {
    const v = this.get(name);
    if (v === undefined || v === null || v === '') return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const t = v.trim().toUpperCase();
      if (t === 'TRUE') return true;
      if (t === 'FALSE') return false;
    }
    return badCti(this.operation, `${this.what}.${name} must be TRUE or FALSE`);
  }

  /** A nested object field (or a JSON text holding one); `undefined` when absent, null or `''`. */
  object(name: string): Record<string, unknown> | undefined {
    let v = this.get(name);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        badCti(this.operation, `${this.what}.${name} must be an object`);
      }
    }
    return isRecord(v) ? v : badCti(this.operation, `${this.what}.${name} must be an object`);
  }

  /** The fields no getter asked for, under their original spelling, in a null-prototype record. */
  rest(): Readonly<Record<string, unknown>> {
    const out: Record<string, unknown> = Object.create(null);
    for (const [lower, key] of this.byName) {
      if (!this.used.has(lower)) out[key] = this.source[key];
    }
    return Object.freeze(out);
  }
}
