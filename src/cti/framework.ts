import { NO_CALL, noCti } from './reader.js';
import { parseValue, type Keys } from './parse.js';
import type { Cti } from './types.js';

// The portal's form framework (integraFramework.js, loaded by the form from the instance) defines
// the current call as the global `CTI`: JSON text, `''` when the form was opened without a call
// (spec 3.1, 4.1). That is what every public form reads, so it is the reader's first source.

// A bare reference, not `window.CTI`: a framework that declares `let CTI` or `const CTI` makes a
// global binding that is no property of `window`, and every script of the page still sees it.
declare const CTI: unknown;

/** A window-like object whose `CTI` global is read instead of the page's own global scope. */
export interface CtiHost {
  /** The framework's CTI global: JSON text, `''` without a call. */
  readonly CTI?: unknown;
  /** Where the encrypted CTI is stored; see `readCti`'s `source: 'storage'`. */
  readonly localStorage?: unknown;
}

/**
 * The framework's `CTI` global (of `host` when given); `undefined` when it is not defined. The
 * page's own window as `host` is the page's global scope, `let CTI` included.
 */
export function frameworkValue(host: CtiHost | undefined): unknown {
  try {
    const v = host !== undefined && host !== (globalThis as { window?: unknown }).window ? host.CTI : typeof CTI === 'undefined' ? undefined : CTI;
    // Both reach Object.prototype when no framework defined a CTI: one a pollution bug put there
    // (`?__proto__[CTI]=…`) is no call, and never hides the stored copy.
    return v === (Object.prototype as CtiHost).CTI ? undefined : v;
  } catch {
    // A throwing getter (a hostile or half-torn-down page) counts as no framework.
    return undefined;
  }
}

/** True when the value means "no current call": the framework's `''` (or nothing at all). */
export function isEmptyCti(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Parses the framework's CTI value; empty is NO_CTI (a form opened without a call). */
export function frameworkCti(operation: string, value: unknown, keys?: Keys): Cti {
  // A blank text is NO_CTI in parseValue too.
  if (value == null) noCti(operation, NO_CALL);
  // JSON text as real frameworks hold it; an object is taken too (lenient on what comes in).
  return parseValue(operation, value, keys);
}
