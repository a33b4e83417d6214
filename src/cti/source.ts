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

const NO_FRAMEWORK = "the form framework's global CTI is not defined here: the form does not load " +
  "the portal's ../../uContact/assets/js/framework/integraFramework.js, or it was not opened by the portal " +
  '(a form served from another origin than the portal gets no framework)';

/**
 * Checks the options and picks the source. `host` is the caller's `window` option (undefined: the
 * page's own globals). Throws `INVALID_ARGUMENT` for bad options, `NO_CTI` when the source asked
 * for (or any source, by default) is not there.
 */
export function pickSource(operation: string, options: unknown, host: CtiHost | undefined): PickedSource {
  if (options !== undefined && (typeof options !== 'object' || options === null)) invalid(operation, 'options must be an object');
  if (host !== undefined && (typeof host !== 'object' || host === null)) invalid(operation, 'window must be an object');
  const o = (options ?? {}) as { [K in keyof CtiSourceOptions]?: unknown };
  if (o.source !== undefined && o.source !== 'framework' && o.source !== 'storage') {
    invalid(operation, "source must be 'framework' or 'storage'");
  }
  if (o.passphrase !== undefined && (typeof o.passphrase !== 'string' || o.passphrase === '')) {
    invalid(operation, 'passphrase must be a non-empty string');
  }
  const key = o.key === undefined ? DEFAULT_CTI_KEY : str(operation, 'key', o.key);
  const framework = frameworkValue(host) !== undefined;
  const storageAsked = o.passphrase !== undefined || o.storage !== undefined || o.key !== undefined;

  if (o.source === 'framework' || (o.source === undefined && framework)) {
    if (!framework) noCti(operation, NO_FRAMEWORK);
    return { source: 'framework' };
  }
  if (o.source === undefined && !storageAsked) {
    noCti(operation, `${NO_FRAMEWORK}; and no passphrase was given to read the encrypted localStorage copy instead`);
  }
  if (typeof o.passphrase !== 'string') invalid(operation, 'passphrase is required to read the encrypted localStorage CTI');
  const pageWindow: unknown = typeof window === 'undefined' ? undefined : window;
  return { source: 'storage', key, passphrase: o.passphrase, storage: resolveStorage(operation, o.storage, host ?? pageWindow) };
}
