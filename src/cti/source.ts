import { anObject, bad, oneOf, optional, secret, text, type Checked, type Rule } from '../shared/validate.js';
import { frameworkValue, type CtiHost } from './framework.js';
import { dialerKeys, type ParseCtiOptions } from './parse.js';
import { noCti } from './reader.js';
import { DEFAULT_CTI_KEY, resolveStorage, type StorageLike } from './storage.js';

/**
 * Where the current call's CTI is read from: `'framework'`, the global `CTI` JSON text that the
 * portal's form framework defines in the form; `'storage'`, the encrypted copy in the portal's
 * `localStorage` (needs the deployment's passphrase).
 */
export type CtiSource = 'framework' | 'storage';

/** The options of {@link CtiSourceOptions} that every source takes. */
export interface CtiSourceCommonOptions extends ParseCtiOptions {
  /** The storage key; default `'CTI'` (our default: uContact does not document the key). */
  readonly key?: string | undefined;
  /**
   * Where the portal stored the CTI; default `localStorage` of `window`, else of the portal (the
   * page's parent; the page itself when not framed): a form on another origin cannot read it, `NO_CTI`.
   */
  readonly storage?: StorageLike | undefined;
}

/**
 * The options that choose and configure the source, shared by `readCti` and `watchCti`. `source:
 * 'storage'` needs a `passphrase` (a compile error without one, as it is `INVALID_ARGUMENT` at run
 * time).
 */
export type CtiSourceOptions = CtiSourceCommonOptions & (
  | {
    /**
     * Default: the framework when its global `CTI` is defined; otherwise the storage when a
     * `passphrase` (or `storage`, or `key`) is given; otherwise there is nothing to read (`NO_CTI`).
     */
    readonly source?: 'framework' | undefined;
    /** The deployment's CTI passphrase: required for the storage, never defaulted. */
    readonly passphrase?: string | undefined;
  }
  | {
    /** The encrypted copy in the portal's `localStorage`. */
    readonly source: 'storage';
    /** The deployment's CTI passphrase: required for the storage, never defaulted. */
    readonly passphrase: string;
  }
);

/** The source chosen for one read or watch. */
export type PickedSource =
  | { readonly source: 'framework' }
  | { readonly source: 'storage'; readonly key: string; readonly passphrase: string; readonly storage: StorageLike };

// The framework is served by the portal's instance: a form on another origin does not get it.
const NO_FRAMEWORK = 'no CTI global: the form framework (integraFramework.js) is not loaded';

/** A window (or a stand-in): any object; what is read from it is checked where it is read. */
export const host = anObject as Rule<CtiHost>;

const storage: Rule<StorageLike> = (op, name, v) =>
  typeof (v as Partial<StorageLike> | null | undefined)?.getItem === 'function' ? (v as StorageLike) : bad(op, name, 'must have a getItem(key) method');

/** The rules of {@link CtiSourceOptions} and the `window` option, shared by `readCti` and `watchCti`. */
export const SOURCE_OPTIONS = {
  dialerKeys,
  source: /* @__PURE__ */ optional(/* @__PURE__ */ oneOf('framework', 'storage')),
  passphrase: /* @__PURE__ */ optional(secret),
  key: /* @__PURE__ */ optional(text),
  storage: /* @__PURE__ */ optional(storage),
  window: /* @__PURE__ */ optional(host),
};

/**
 * Picks the source from checked options (see {@link SOURCE_OPTIONS}). Throws `INVALID_ARGUMENT` for
 * storage without a passphrase, `NO_CTI` when the source asked for (or any source, by default) is
 * not there.
 */
export function pickSource(operation: string, o: Checked<typeof SOURCE_OPTIONS>): PickedSource {
  const framework = frameworkValue(o.window) !== undefined;
  const storageAsked = o.passphrase !== undefined || o.storage !== undefined || o.key !== undefined;

  if (o.source === 'framework' || (o.source === undefined && framework)) {
    if (!framework) noCti(operation, NO_FRAMEWORK);
    return { source: 'framework' };
  }
  if (o.source === undefined && !storageAsked) {
    noCti(operation, `${NO_FRAMEWORK}, and no passphrase for the localStorage copy`);
  }
  const passphrase = secret(operation, 'passphrase', o.passphrase);
  // The portal's storage, not the page's own: in a form on another origin (Chrome, Firefox and WebKit
  // partition a cross-site frame's storage; a same-site one has its origin's), the page's own
  // localStorage was readable and never held the portal's CTI, so watchCti waited for ever, silently.
  // The parent's throws there (SecurityError): NO_CTI, as for storage blocked. A stand-in window
  // without `parent` (a Node test) is read itself.
  const page = (globalThis as { window?: { parent?: unknown } }).window;
  return { source: 'storage', key: o.key ?? DEFAULT_CTI_KEY, passphrase, storage: resolveStorage(operation, o.storage, o.window ?? page?.parent ?? page) };
}
