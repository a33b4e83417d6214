import { invalid, str } from '../shared/check.js';
import { noCti } from './fields.js';
import { frameworkValue, type CtiHost } from './framework.js';
import { DEFAULT_CTI_KEY, resolveStorage, type StorageLike } from './storage.js';

/**
 * Where the current call's CTI is read from: `'framework'`, the global `CTI` JSON text that the
 * portal's form framework defines in the form; `'storage'`, the encrypted copy in the portal's
 * `localStorage` (needs the deployment's passphrase).
 */
export type CtiSource = 'framework' | 'storage';

/** The options that choose and configure the source, shared by `readCti` and `watchCti`. */
export interface CtiSourceOptions {
  /**
   * Default: the framework when its global `CTI` is defined; otherwise the storage when a
   * `passphrase` (or `storage`, or `key`) is given; otherwise there is nothing to read (`NO_CTI`).
   */
  readonly source?: CtiSource | undefined;
  /** The deployment's CTI passphrase: required for the storage, never defaulted. */
  readonly passphrase?: string | undefined;
  /** The storage key; default `'CTI'` (our default: uContact does not document the key). */
  readonly key?: string | undefined;
  /** Where the portal stored the CTI; default `localStorage` of `window` (or of the page). */
  readonly storage?: StorageLike | undefined;
}

/** The source chosen for one read or watch. */
export type PickedSource =
  | { readonly source: 'framework' }
  | { readonly source: 'storage'; readonly key: string; readonly passphrase: string; readonly storage: StorageLike };

// The framework is served by the portal's instance: a form on another origin does not get it.
const NO_FRAMEWORK = 'no CTI global: the form framework (integraFramework.js) is not loaded';

/**
 * Checks the options and picks the source. `host` is the caller's `window` option (undefined: the
 * page's own globals). Throws `INVALID_ARGUMENT` for bad options, `NO_CTI` when the source asked
 * for (or any source, by default) is not there.
 */
export function pickSource(operation: string, options: unknown, host: CtiHost | undefined): PickedSource {
  for (const o of [options, host]) {
    if (o !== undefined && (typeof o !== 'object' || o === null)) invalid(operation, 'options and window must be objects');
  }
  const o = (options ?? {}) as { [K in keyof CtiSourceOptions]?: unknown };
  if (o.source !== undefined && o.source !== 'framework' && o.source !== 'storage') {
    invalid(operation, "source must be 'framework' or 'storage'");
  }
  const passphraseBad = (): never => invalid(operation, 'passphrase is required (a non-empty string)');
  if (o.passphrase !== undefined && (typeof o.passphrase !== 'string' || o.passphrase === '')) passphraseBad();
  const key = o.key === undefined ? DEFAULT_CTI_KEY : str(operation, 'key', o.key);
  const framework = frameworkValue(host) !== undefined;
  const storageAsked = o.passphrase !== undefined || o.storage !== undefined || o.key !== undefined;

  if (o.source === 'framework' || (o.source === undefined && framework)) {
    if (!framework) noCti(operation, NO_FRAMEWORK);
    return { source: 'framework' };
  }
  if (o.source === undefined && !storageAsked) {
    noCti(operation, `${NO_FRAMEWORK}, and no passphrase for the localStorage copy`);
  }
  if (typeof o.passphrase !== 'string') return passphraseBad();
  const pageWindow: unknown = typeof window === 'undefined' ? undefined : window;
  return { source: 'storage', key, passphrase: o.passphrase, storage: resolveStorage(operation, o.storage, host ?? pageWindow) };
}
