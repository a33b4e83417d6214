import { record } from '../shared/validate.js';
import { decryptText } from './decrypt.js';
import { frameworkCti, frameworkValue, type CtiHost } from './framework.js';
import { ctiFromText } from './parse.js';
import { pickSource, SOURCE_OPTIONS, type CtiSourceOptions } from './source.js';
import { nothingStored, readStored } from './storage.js';
import type { Cti } from './types.js';

/** Options of {@link readCti}. All are optional: in a form of the portal, `readCti()` is enough. */
export type ReadCtiOptions = CtiSourceOptions & {
  /** The window whose `CTI` global and `localStorage` are read; default the page's own `CTI` and the portal's (its parent's) `localStorage`. */
  readonly window?: CtiHost | undefined;
};

/**
 * Reads the current call's CTI. Synchronous.
 *
 * In a form the portal opened, with no options, it parses the global `CTI` JSON text that the
 * portal's form framework (`../../uContact/assets/js/framework/integraFramework.js`) defines: what
 * every real uContact form reads. The encrypted copy in the portal's `localStorage` is the
 * alternative: chosen with `source: 'storage'`, or tried when the framework's global is not defined
 * and a `passphrase` is given. The framework, when present, wins over a given passphrase. The CTI is
 * parsed as by `parseCti` (`dialerKeys`: this deployment's `Dialer` key spellings).
 *
 * @throws BridgeError `NO_CTI` (the framework's `CTI` is empty: the form was opened without a call;
 *   no framework and no passphrase; nothing stored; storage not accessible: a form on another origin
 *   than the portal sees neither source), `INVALID_ARGUMENT` (bad options, unknown keys included;
 *   storage without a passphrase), `DECRYPT_FAILED`, `INVALID_CTI`.
 * @example
 * try {
 *   const cti = readCti()
 *   showCustomer(cti.parAndValues.values.idcustomer)
 * } catch (e) { if (isBridgeError(e, 'NO_CTI')) showManualSearch() }
 * // the encrypted localStorage copy instead:
 * readCti({ source: 'storage', passphrase: PASSPHRASE })
 */
export function readCti(options?: ReadCtiOptions): Cti {
  const op = 'readCti';
  // `null` is no options, as for parseCti, decryptCti, the builders and every call of the other entries.
  const o = record(op, options ?? {}, SOURCE_OPTIONS, 'options');
  const picked = pickSource(op, o);
  if (picked.source === 'framework') return frameworkCti(op, frameworkValue(o.window), o.dialerKeys);
  const stored = readStored(op, picked.storage, picked.key);
  if (stored === null) nothingStored(op, picked.key);
  return ctiFromText(op, decryptText(op, stored, picked.passphrase), o.dialerKeys);
}
