import { bridgeError, isBridgeError, type BridgeError } from '../errors.js';
import { bad, callback, durationMs, invalid, optional, record } from '../shared/validate.js';
import { decryptText } from './decrypt.js';
import { ctiFromText } from './parse.js';
import { frameworkCti, frameworkValue, isEmptyCti, type CtiHost } from './framework.js';
import { pickSource, SOURCE_OPTIONS, type CtiSourceOptions } from './source.js';
import { readStored, type StorageLike } from './storage.js';
import type { Cti } from './types.js';

/** The part of `window` that {@link watchCti} uses. */
export interface WatchTarget extends CtiHost {
  addEventListener(type: 'storage', listener: (event: Event) => void): void;
  removeEventListener(type: 'storage', listener: (event: Event) => void): void;
  readonly localStorage?: StorageLike;
}

/** Options of {@link watchCti}; the source is chosen as for `readCti`. */
export type WatchCtiOptions = CtiSourceOptions & {
  /** Where the `CTI` global is read and `storage` events are heard; default the page's `window`. */
  readonly window?: WatchTarget | undefined;
  /**
   * Polling period in ms, at most 2147483647 (the timer maximum); default 1000. `0` turns polling
   * off, which only the storage source allows (its `storage` events still count). Ends in `Ms` as
   * every duration option of the library does.
   */
  readonly intervalMs?: number | undefined;
  /** Called with each new call's CTI, once per new value. */
  readonly onChange: (cti: Cti) => unknown;
  /**
   * Called when a new value cannot be read, decrypted or parsed (`NO_CTI`, `DECRYPT_FAILED`,
   * `INVALID_CTI`; storage that stays unreadable is one `NO_CTI` until it reads again), and with `CALLBACK_FAILED` (the thrown value as `cause`) when `onChange` throws.
   * Default: ignored. Nothing is ever thrown out of the watcher's listener or timer, and nothing is
   * reported after the stop function is called (an async `onChange` that rejects then, say its fetch
   * aborted by the same cleanup, is not).
   */
  readonly onError?: ((error: BridgeError) => void) | undefined;
};

/** Stops a {@link watchCti}: removes its listener and its timer. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * Watches for a new call: calls `onChange` each time the current call's CTI changes.
 *
 * The framework source (the default in a form of the portal) polls the global `CTI` text, which has
 * no change event. The storage source listens to the `storage` event (fired when another document
 * of the same origin, such as the portal, writes the key) and polls too (a write from the same
 * document fires no event). `onChange` runs only when the value differs from the last one seen
 * (the storage source compares the stored value decrypted: the same call written again, encrypted
 * with a fresh salt, is not a new value; one that does not decrypt is reported to `onError` and
 * leaves the last call seen as it was);
 * the value present at start is the baseline and is not reported (call `readCti` for it; one that
 * does not decrypt is not reported either, and the next that does is new). An emptied
 * or removed value does not call `onChange`. The stored copy is one per origin, not per tab: with the
 * portal open in two tabs or windows, the storage source reports the call either one wrote last.
 *
 * @throws BridgeError `INVALID_ARGUMENT` (bad options: unknown keys, no onChange, an intervalMs that
 *   is not an integer from 0 to 2147483647, or `0` with the framework source, storage without a
 *   passphrase, a `window` without `addEventListener` and `removeEventListener` for the storage
 *   source or of another origin), `NO_CTI` (no source: no framework global and no passphrase, or
 *   storage not accessible).
 * @example
 * const stop = watchCti({ onChange: (cti) => openCustomer(cti), onError: report })
 * // later: stop()
 */
export function watchCti(options: WatchCtiOptions): Unsubscribe {
  const op = 'watchCti';
  // setInterval treats a delay over the timer maximum as 1 ms (it would poll all the time): durationMs
  // refuses it. Spread here, not in a module-level constant, which esbuild would keep in every bundle.
  const o = record(op, options, {
    ...SOURCE_OPTIONS, intervalMs: optional(durationMs, 1000), onChange: callback, onError: optional(callback),
  }, 'options');
  const { intervalMs, window: host, onChange, onError } = o as typeof o & Pick<WatchCtiOptions, 'onChange' | 'onError'>;
  const picked = pickSource(op, o);
  const framework = picked.source === 'framework';
  if (framework && intervalMs === 0) invalid(op, 'intervalMs 0 cannot poll the framework CTI');
  // Both sources are a raw value compared with the last one seen, then parsed: the framework's
  // global text, or the stored ciphertext.
  const key = framework ? '' : picked.key;
  const read = (): unknown => (framework ? frameworkValue(host) : readStored(op, picked.storage, key));
  // What a value holds: the framework's value itself, the stored ciphertext decrypted (a fresh salt
  // makes the same call another ciphertext), or null when nothing is stored.
  const text = (raw: unknown): unknown => (framework || !raw ? raw : decryptText(op, raw as string, picked.passphrase));
  const parse = (held: unknown): Cti => (framework ? frameworkCti(op, held, o.dialerKeys) : ctiFromText(op, held as string, o.dialerKeys));
  let last = read();
  // The content of the last value read: onChange runs only when it differs.
  let seen: unknown;
  try {
    seen = text(last);
  } catch {
    // A baseline that does not decrypt holds no call: the next value that does is new.
  }
  let active = true;
  let blocked = false;

  // Nothing thrown here may reach the timer or the event listener: it would be an uncaught error.
  // Nothing after stop(): an async onChange that rejects then (its fetch aborted by the caller's
  // cleanup) is not news to a caller who has gone.
  const report = (error: unknown): void => {
    try {
      if (active && isBridgeError(error)) onError?.(error);
    } catch {
      // onError's own failure is the caller's; there is nowhere left to report it.
    }
  };
  const check = (): void => {
    if (!active) return;
    let cti: Cti;
    let now: unknown;
    try {
      now = read();
    } catch (e) {
      // Storage that stays unreadable is reported once, not at every check.
      if (!blocked) report(e);
      blocked = true;
      return;
    }
    blocked = false;
    try {
      if (Object.is(now, last)) return;
      last = now;
      // A value that cannot be decrypted is reported (once: it is `last` now) and leaves `seen` as it was.
      if (Object.is(seen, (seen = text(now))) || isEmptyCti(now)) return;
      cti = parse(seen);
    } catch (e) {
      report(e);
      return;
    }
    const failed = (e: unknown): void => report(bridgeError('CALLBACK_FAILED', op, 'onChange threw', { cause: e }));
    try {
      // A throw is reported at once; an async onChange's rejection (else unhandled: the browser
      // prints it, Node stops) once it settles.
      (onChange(cti) as unknown as Promise<void> | undefined)?.catch?.(failed);
    } catch (e) {
      failed(e);
    }
  };

  const onStorage = (event: Event): void => {
    // `key` is null when the whole storage was cleared. An event of another storage area (session
    // storage) costs one harmless re-read: check() compares what our storage holds.
    const changed = (event as { key?: unknown }).key;
    if (typeof changed !== 'string' || changed === key) check();
  };
  // Storage events tell of writes by other documents (the portal); the framework's global has none.
  const target = framework ? undefined : (host as WatchTarget | undefined) ?? (globalThis as { window?: WatchTarget }).window;
  // A stand-in window must be able to hold the listener: checked before the timer starts.
  if (host && target) {
    try {
      callback(op, 'window.addEventListener', target.addEventListener);
      callback(op, 'window.removeEventListener', target.removeEventListener);
    } catch (e) {
      // A window of another origin (window: window.parent in a cross-origin form) throws a
      // SecurityError: refused as connectPortal and connectInbox refuse it.
      throw isBridgeError(e) ? e : bad(op, 'window', 'must be a window of this origin');
    }
  }
  // The page's window need not be one: `window = globalThis` in a Node test has no listeners (polled only).
  target?.addEventListener?.('storage', onStorage);
  const timer = intervalMs > 0 ? setInterval(check, intervalMs) : undefined;
  return () => {
    active = false;
    // The timer first: a stand-in window whose removeEventListener throws still stops the polling.
    if (timer !== undefined) clearInterval(timer);
    target?.removeEventListener?.('storage', onStorage);
  };
}
