import { invalid } from '../shared/fields.js';

/**
 * Checks a request's `signal` before anything is sent: none (`undefined`, `null`) or an
 * `AbortSignal` (an `aborted` boolean, `addEventListener` and `removeEventListener`). Passing the
 * `AbortController` itself is a common slip: it is `INVALID_ARGUMENT` here, not a `TypeError`
 * later from a timer.
 */
export function checkSignal(operation: string, signal: unknown): AbortSignal | undefined {
  if (signal == null) return undefined;
  const s = signal as Partial<AbortSignal>;
  if (typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function' || typeof s.removeEventListener !== 'function') {
    invalid(operation, 'signal must be an AbortSignal (controller.signal, not the controller)');
  }
  return s as AbortSignal;
}
