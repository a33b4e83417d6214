import { isRecord } from '../shared/validate.js';
import { noCti } from './reader.js';

// The encrypted copy of the CTI in the portal's localStorage (spec 4.1): the documented place,
// readable only by a form on the portal's own origin, and only with the deployment's passphrase.

/** The part of the Web Storage API the CTI reader uses; `localStorage` is one. */
export interface StorageLike {
  getItem(key: string): string | null | undefined;
}

/** The default storage key of the CTI value ([profile] in the spec). */
export const DEFAULT_CTI_KEY = 'CTI';

const NOT_SHARED = "Only a form served from the portal's own origin (scheme, host and port) can read " +
  "the portal's localStorage.";
// Reaching localStorage and reading it fail for the same reasons.
const BLOCKED = 'localStorage cannot be read here (a sandboxed iframe, an opaque origin, or storage blocked by the browser). ' + NOT_SHARED;

/**
 * The storage to read: `storage` when given (already checked), else `host.localStorage`. Reading
 * `localStorage` throws in sandboxed frames and opaque origins, and some browsers block it: all of
 * that is NO_CTI.
 */
export function resolveStorage(operation: string, storage: StorageLike | undefined, host: unknown): StorageLike {
  if (storage !== undefined) return storage;
  let found: unknown;
  try {
    found = isRecord(host) ? host.localStorage : undefined;
  } catch {
    noCti(operation, BLOCKED);
  }
  if (typeof found !== 'object' || found === null) noCti(operation, 'there is no localStorage in this environment.');
  return found as StorageLike;
}

/** The stored ciphertext, or `null` when nothing (or `''`, or blank: no call, as the framework's blank `CTI`) is stored; a throwing storage is NO_CTI. */
export function readStored(operation: string, storage: StorageLike, key: string): string | null {
  let value: unknown;
  try {
    value = storage.getItem(key);
  } catch {
    noCti(operation, BLOCKED);
  }
  return typeof value === 'string' && value.trim() ? value : null;
}

/** Throws the NO_CTI error for an empty key. */
export function nothingStored(operation: string, key: string): never {
  return noCti(operation, `nothing is stored under the key '${key}'. No call has arrived yet, the portal ` +
    `uses another key (option key), or: ${NOT_SHARED}`);
}
