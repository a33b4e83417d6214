import { bridgeError, type BridgeError } from '../errors.js';

/** The time limit and abort signal of one client call, shared by its login, attempts and backoffs. */
export interface Deadline {
  /** Aborts when the time is up or the caller aborts. */
  readonly signal: AbortSignal;
  /**
   * The error to throw once `signal` has aborted (`TIMEOUT` or `ABORTED`), else undefined. With
   * `sending` (a request about to go out), the time being up is `TIMEOUT` too, its timer run or not.
   */
  failure(operation: string, sending?: boolean): BridgeError | undefined;
  /** Stops the timer, unhooks the caller's signal and aborts `signal` (what the call left unread goes). */
  dispose(): void;
}

// The calls waiting on each caller's signal, behind one listener of ours: a listener per call made
// Node warn (MaxListenersExceededWarning) once 11 concurrent calls shared a signal, as a server's may.
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function listen(signal: AbortSignal): Set<() => void> {
  const calls = new Set<() => void>();
  // Listened to before it is recorded: if addEventListener throws, the next call with it tries again.
  signal.addEventListener('abort', () => calls.forEach((f) => f()));
  waiting.set(signal, calls);
  return calls;
}

/** Starts a deadline of `timeoutMs` (0 = none; at most the timer maximum, as the options are checked), also ended by `signal`. */
export function startDeadline(timeoutMs: number, signal: AbortSignal | undefined): Deadline {
  const ctl = new AbortController();
  // How it ended: 1 the time was up, 2 the caller aborted (numbers, shorter than names in every bundle).
  let why: 1 | 2 | undefined;
  const end = (reason: 1 | 2): void => {
    if (why) return;
    why = reason;
    ctl.abort();
  };
  const onAbort = (): void => end(2);
  const calls = signal && (waiting.get(signal) ?? listen(signal));
  if (signal?.aborted) onAbort();
  else calls?.add(onAbort);
  // 0 (none): no timer, and clearTimeout(0) clears nothing.
  const timer = timeoutMs && setTimeout(() => end(1), timeoutMs);
  // The timer of a page frozen past it (a background tab) runs on resume after the network's answers,
  // as a busy page's may: a login's answer, or a retry's backoff, sent the next request (a write the
  // server then did) after the time was up. Only a request not yet sent: an answer that came is taken.
  const due = performance.now() + timeoutMs;
  return {
    signal: ctl.signal,
    failure(operation, sending) {
      if (sending && timeoutMs && performance.now() >= due) end(1);
      if (why === 1) return bridgeError('TIMEOUT', operation, `no answer within ${timeoutMs} ms`);
      if (why) return bridgeError('ABORTED', operation, 'aborted by the caller', { cause: signal?.reason });
      return undefined;
    },
    dispose() {
      clearTimeout(timer);
      calls?.delete(onAbort);
      // The call is over: a fetch still holding an answer it dropped unread lets it go. node-fetch's
      // body is a Node stream with no cancel(): its socket stayed paused as long as the process ran.
      // (`why` stays unset: failure() still says how the call ended.)
      ctl.abort();
    },
  };
}

/**
 * Waits for `promise`, or rejects with the deadline's error as soon as it ends, even when what
 * `promise` waits on (a custom fetch, a body stream) ignores the deadline's signal.
 */
export function within<T>(promise: Promise<T>, deadline: Deadline, operation: string): Promise<T> {
  const early = deadline.failure(operation);
  if (early) {
    // Whatever `promise` does later is of no interest, and must not surface as an unhandled rejection.
    promise.catch(() => undefined);
    return Promise.reject(early);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(deadline.failure(operation));
    // No options object: addEventListener reads its members (`signal`, `capture`, …) through
    // Object.prototype, and a polluted `signal` that is no AbortSignal threw a TypeError. Removed on
    // settling below; the signal aborts once, so `once` added nothing.
    deadline.signal.addEventListener('abort', onAbort);
    promise.then(
      (v) => { deadline.signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { deadline.signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

/** Sleeps `ms`, cut short (rejecting with the deadline's error) when the deadline ends. */
export async function sleep(ms: number, deadline: Deadline, operation: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // try/finally, not .finally(): `within` makes its promise with the page's Promise, which a legacy
  // polyfill may have replaced with one that has no finally (a TypeError instead of the retry).
  try {
    await within(new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); }), deadline, operation);
  } finally {
    clearTimeout(timer);
  }
}
