import { BridgeError, isBridgeError } from '../errors.js';
import { invalid } from '../shared/check.js';
import { decryptCti } from './decrypt.js';
import { frameworkCti, frameworkValue, isEmptyCti, type CtiHost } from './framework.js';
import { pickSource, type CtiSourceOptions } from './source.js';
import { readStored, type StorageLike } from './storage.js';
import type { Cti } from './types.js';

/** The part of `window` that {@link watchCti} uses. */
export interface WatchTarget extends CtiHost {
  addEventListener(type: 'storage', listener: (event: Event) => void): void;
  removeEventListener(type: 'storage', listener: (event: Event) => void): void;
  readonly localStorage?: StorageLike;
}

/** Options of {@link watchCti}; the source is chosen as for `readCti`. */
export interface WatchCtiOptions extends CtiSourceOptions {
  /** Where the `CTI` global is read and `storage` events are heard; default the page's `window`. */
  readonly window?: WatchTarget | undefined;
  /**
   * Polling period in ms, at most 2147483647 (the timer maximum); default 1000. `0` turns polling
   * off, which only the storage source allows (its `storage` events still count).
   */
  readonly interval?: number | undefined;
  /** Called with each new call's CTI, once per new value. */
  readonly onChange: (cti: Cti) => void;
  /**
   * Called when a new value cannot be read, decrypted or parsed (`NO_CTI`, `DECRYPT_FAILED`,
   * `INVALID_CTI`), and with `CALLBACK_FAILED` (the thrown value as `cause`) when `onChange` throws.
   * Default: ignored. Nothing is ever thrown out of the watcher's listener or timer.
   */
  readonly onError?: ((error: BridgeError) => void) | undefined;
}

/** Stops a {@link watchCti}: removes its listener and its timer. Calling it twice is harmless. */
export type Unsubscribe = () => void;

// setInterval treats a longer delay as 1 ms: a period over this would poll all the time.
const MAX_INTERVAL = 2147483647;

/**
 * Watches for a new call: calls `onChange` each time the current call's CTI changes.
 *
 * The framework source (the default in a form of the portal) polls the global `CTI` text, which has
 * no change event. The storage source listens to the `storage` event (fired when another document
 * of the same origin, such as the portal, writes the key) and polls too (a write from the same
 * document fires no event). `onChange` runs only when the value differs from the last one seen;
 * the value present at start is the baseline and is not reported (call `readCti` for it). An emptied
 * or removed value does not call `onChange`.
 *
 * @throws BridgeError `INVALID_ARGUMENT` (bad options: no onChange, an interval that is not 0 to
 *   2147483647, storage without a passphrase), `NO_CTI` (no source: no framework global and no
 *   passphrase, or storage not accessible).
 * @example
 * const stop = watchCti({ onChange: (cti) => openCustomer(cti), onError: report })
 * // later: stop()
 */
export function watchCti(options: WatchCtiOptions): Unsubscribe {
  const op = 'watchCti';
  if (typeof options !== 'object' || options === null) invalid(op, 'options must be an object');
  const { onChange, onError } = options;
  if (typeof onChange !== 'function') invalid(op, 'onChange must be a function');
  if (onError !== undefined && typeof onError !== 'function') invalid(op, 'onError must be a function');
  const interval = options.interval ?? 1000;
  if (typeof interval !== 'number' || !(interval >= 0 && interval <= MAX_INTERVAL)) {
    invalid(op, `interval must be 0 to ${MAX_INTERVAL} ms`);
  }
  const host = options.window;
  const picked = pickSource(op, options, host);
  const framework = picked.source === 'framework';
  if (framework && interval === 0) invalid(op, 'interval 0 cannot poll the framework CTI');
  // Both sources are a raw value compared with the last one seen, then parsed: the framework's
  // global text, or the stored ciphertext.
  const key = framework ? '' : picked.key;
  const read = (): unknown => (framework ? frameworkValue(host) : readStored(op, picked.storage, key));
  const parse = (raw: unknown): Cti => (framework ? frameworkCti(op, raw) : decryptCti(raw as string, picked.passphrase));
  let last = read();
  let active = true;

  // Nothing thrown here may reach the timer or the event listener: it would be an uncaught error.
  const report = (error: unknown): void => {
    try {
      if (isBridgeError(error)) onError?.(error);
    } catch {
      // onError's own failure is the caller's; there is nowhere left to report it.
    }
  };
  const check = (): void => {
    if (!active) return;
    let cti: Cti;
    try {
      const now = read();
      if (Object.is(now, last)) return;
      last = now;
      if (isEmptyCti(now)) return;
      cti = parse(now);
    } catch (e) {
      report(e);
      return;
    }
    try {
      onChange(cti);
    } catch (e) {
      report(new BridgeError('CALLBACK_FAILED', `${op}: onChange threw`, { operation: op, cause: e }));
    }
  };

  const onStorage = (event: Event): void => {
    // `key` is null when the whole storage was cleared. An event of another storage area (session
    // storage) costs one harmless re-read: check() compares what our storage holds.
    const changed = (event as { key?: unknown }).key;
    if (typeof changed !== 'string' || changed === key) check();
  };
  // Storage events tell of writes by other documents (the portal); the framework's global has none.
  const target: WatchTarget | undefined = framework ? undefined : host ?? (typeof window === 'undefined' ? undefined : window);
  target?.addEventListener('storage', onStorage);
  const timer = interval > 0 ? setInterval(check, interval) : undefined;
  return () => {
    active = false;
    target?.removeEventListener('storage', onStorage);
    if (timer !== undefined) clearInterval(timer);
  };
}
