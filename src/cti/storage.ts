import { BridgeError } from '../errors.js';
import { invalid, str } from '../shared/check.js';
import { decryptCti } from './decrypt.js';
import type { Cti } from './types.js';

/** The part of the Web Storage API the CTI reader uses; `localStorage` is one. */
export interface StorageLike {
  getItem(key: string): string | null;
}

/** Options of {@link readCti}. */
export interface ReadCtiOptions {
  /** The deployment's CTI passphrase. Required; there is no default. */
  readonly passphrase: string;
  /** The storage key; default `'CTI'` (our default: uContact does not document the key). */
  readonly key?: string | undefined;
  /** Where the portal stored the CTI; default `window.localStorage`. */
  readonly storage?: StorageLike | undefined;
}

/** The default storage key of the CTI value ([profile] in the spec). */
export const DEFAULT_CTI_KEY = 'CTI';

const NOT_SHARED = 'The portal writes the CTI in its own localStorage, which a form can read only when ' +
  'it is served from the same origin (scheme, host and port) as the portal: a form on another origin ' +
  'never sees it.';

function noCti(operation: string, message: string): never {
  throw new BridgeError('NO_CTI', `${operation}: ${message}`, { operation });
}

/** Checks the options shared by readCti and watchCti; returns the key. */
export function checkCtiOptions(operation: string, options: unknown): { key: string; passphrase: string } {
  if (typeof options !== 'object' || options === null) invalid(operation, 'options must be an object');
  const o = options as { passphrase?: unknown; key?: unknown };
  if (typeof o.passphrase !== 'string' || o.passphrase === '') invalid(operation, 'passphrase is required');
  const key = o.key === undefined ? DEFAULT_CTI_KEY : str(operation, 'key', o.key);
  return { key, passphrase: o.passphrase };
}

/**
 * The storage to read: `storage` when given, else `host.localStorage`. Reading `localStorage` throws
 * in sandboxed frames and opaque origins, and some browsers block it: all of that is NO_CTI.
 */
export function resolveStorage(operation: string, storage: unknown, host: unknown): StorageLike {
  if (storage !== undefined) {
    if (typeof storage !== 'object' || storage === null || typeof (storage as StorageLike).getItem !== 'function') {
      invalid(operation, 'storage must have a getItem(key) method');
    }
    return storage as StorageLike;
  }
  let found: unknown;
  try {
    found = typeof host === 'object' && host !== null ? (host as { localStorage?: unknown }).localStorage : undefined;
  } catch {
    noCti(operation, 'localStorage cannot be accessed here (a sandboxed iframe without allow-same-origin, ' +
      'an opaque origin such as file: or data:, or storage blocked by the browser). ' + NOT_SHARED);
  }
  if (typeof found !== 'object' || found === null) noCti(operation, 'there is no localStorage in this environment.');
  return found as StorageLike;
}

/** The stored ciphertext, or `null` when nothing (or `''`) is stored; a throwing storage is NO_CTI. */
export function readStored(operation: string, storage: StorageLike, key: string): string | null {
  let value: unknown;
  try {
    value = storage.getItem(key);
  } catch {
    noCti(operation, 'localStorage cannot be read here (storage blocked or sandboxed). ' + NOT_SHARED);
  }
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Throws the NO_CTI error for an empty key. */
function nothingStored(operation: string, key: string): never {
  return noCti(operation, `nothing is stored under the key '${key}'. No call has arrived yet, the portal ` +
    `uses another key (option key), or: ${NOT_SHARED}`);
}

/**
 * Reads the current call's CTI from storage and decrypts it with {@link decryptCti}. Synchronous.
 *
 * Options: `passphrase` (required, never defaulted), `key` (default `'CTI'`), `storage` (default
 * `window.localStorage`; any `{ getItem(key) }`).
 *
 * @throws BridgeError `INVALID_ARGUMENT` (no passphrase), `NO_CTI` (nothing stored, or storage not
 *   accessible: a form on another origin than the portal does not share its localStorage),
 *   `DECRYPT_FAILED`, `INVALID_CTI`.
 * @example
 * try {
 *   const cti = readCti({ passphrase: PASSPHRASE })
 *   showCustomer(cti.parAndValues.values.idcustomer)
 * } catch (e) { if (isBridgeError(e, 'NO_CTI')) showManualSearch() }
 */
export function readCti(options: ReadCtiOptions): Cti {
  const op = 'readCti';
  const { key, passphrase } = checkCtiOptions(op, options);
  const host: unknown = typeof window === 'undefined' ? undefined : window;
  const storage = resolveStorage(op, options.storage, host);
  const stored = readStored(op, storage, key);
  if (stored === null) nothingStored(op, key);
  return decryptCti(stored, passphrase);
}
