import { isBridgeError, type BridgeError } from '../errors.js';
import { invalid } from '../shared/check.js';
import { decryptCti } from './decrypt.js';
import { checkCtiOptions, readStored, resolveStorage, type StorageLike } from './storage.js';
import type { Cti } from './types.js';

/** The part of `window` that {@link watchCti} uses. */
export interface WatchTarget {
  addEventListener(type: 'storage', listener: (event: Event) => void): void;
  removeEventListener(type: 'storage', listener: (event: Event) => void): void;
  readonly localStorage?: StorageLike;
}

/** Options of {@link watchCti}. */
export interface WatchCtiOptions {
  /** The deployment's CTI passphrase. Required; there is no default. */
  readonly passphrase: string;
  /** The storage key; default `'CTI'`. */
  readonly key?: string | undefined;
  /** Default: `window.localStorage` (of `window` below). */
  readonly storage?: StorageLike | undefined;
  /** Where `storage` events are heard; default the global `window` (none outside a browser). */
  readonly window?: WatchTarget | undefined;
  /** Polling period in ms; default 1000; `0` turns polling off (then only `storage` events count). */
  readonly interval?: number | undefined;
  /** Called with each new call's CTI, once per new stored value. */
  readonly onChange: (cti: Cti) => void;
  /** Called when a new value cannot be read or decrypted; default: ignored. */
  readonly onError?: ((error: BridgeError) => void) | undefined;
}

/** Stops a {@link watchCti}: removes its listener and its timer. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * Watches for a new call: calls `onChange` each time the portal stores a new CTI value.
 *
 * Two sources, because neither is enough alone: the `storage` event (fired when another document
 * of the same origin, such as the portal, writes the key) and polling (a write from the same
 * document fires no event). `onChange` runs only when the stored ciphertext differs from the last
 * one seen; the value present at start is the baseline and is not reported (call `readCti` for it).
 * A removed value does not call `onChange`.
 *
 * @throws BridgeError `INVALID_ARGUMENT` (no passphrase, no onChange, bad interval), `NO_CTI`
 *   (storage not accessible).
 * @example
 * const stop = watchCti({ passphrase: PASSPHRASE, onChange: (cti) => openCustomer(cti), onError: report })
 * // later: stop()
 */
export function watchCti(options: WatchCtiOptions): Unsubscribe {
  const op = 'watchCti';
  const { key, passphrase } = checkCtiOptions(op, options);
  if (typeof options.onChange !== 'function') invalid(op, 'onChange must be a function');
  const onError = options.onError;
  if (onError !== undefined && typeof onError !== 'function') invalid(op, 'onError must be a function');
  const interval = options.interval ?? 1000;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < 0) {
    invalid(op, 'interval must be a number of milliseconds, 0 or more');
  }
  const target: WatchTarget | undefined = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const storage = resolveStorage(op, options.storage, target);
  let last = readStored(op, storage, key);
  let active = true;

  const check = (): void => {
    if (!active) return;
    let stored: string | null;
    let cti: Cti;
    try {
      stored = readStored(op, storage, key);
      if (stored === last) return;
      last = stored;
      if (stored === null) return;
      cti = decryptCti(stored, passphrase);
    } catch (e) {
      // Library failures go to onError; nothing is thrown out of an event listener or a timer.
      if (onError && isBridgeError(e)) onError(e);
      return;
    }
    options.onChange(cti);
  };

  const onStorage = (event: Event): void => {
    // `key` is null when the whole storage was cleared. An event of another storage area (session
    // storage) costs one harmless re-read: check() compares what our storage holds.
    const changed = (event as { key?: unknown }).key;
    if (typeof changed === 'string' && changed !== key) return;
    check();
  };

  target?.addEventListener('storage', onStorage);
  const timer = interval > 0 ? setInterval(check, interval) : undefined;
  return () => {
    active = false;
    target?.removeEventListener('storage', onStorage);
    if (timer !== undefined) clearInterval(timer);
  };
}
