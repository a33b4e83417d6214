/**
 * The one clock of the portal client: monotonic, so a wall-clock step (NTP, a user changing the
 * time) neither fires nor stretches a deadline or a late window.
 */
export const now = (): number => performance.now();

/** Why a request stops waiting before it is answered. */
export type GiveUp = 'TIMEOUT' | 'ABORTED' | 'DESTROYED';

/** A request waiting for its answer: when it times out, and how it gives up. */
export interface Pending {
  readonly deadline: number;
  giveUp(code: GiveUp): void;
}

/** The deadlines of one client's requests (see {@link createAlarm}). */
export interface Alarm {
  /** Watches the deadline of `p`. */
  add(p: Pending): void;
  /** Stops watching `p`: true when it was watched, false when it had already left. */
  drop(p: Pending): boolean;
  /** Stops the timer and gives up every request watched with `code`. */
  stop(code: GiveUp): void;
}

/**
 * One timer for all of a client's requests, armed for the earliest deadline and left armed while
 * requests come and go: arming and clearing a timer per call cost 10-15 µs in Chromium, a fifth of
 * a same-origin round trip (bench/). An idle client's timer keeps no Node process alive.
 * Deadlines are {@link now} time: a wall-clock step neither fires nor stretches them.
 */
export function createAlarm(): Alarm {
  // Few at a time (one per lane, plus queued ones): an array is cheaper than a hashed collection.
  const watched: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let at = Infinity;
  // Node only (a browser's timer id is a number): whether the timer keeps the process alive.
  const hold = (on: boolean): void => {
    if (typeof timer === 'object') (timer as { ref?: () => void; unref?: () => void })[on ? 'ref' : 'unref']?.();
  };
  const wake = (t: number): void => {
    if (t >= at) return hold(true);
    clearTimeout(timer);
    at = t;
    timer = setTimeout(() => {
      at = Infinity;
      // The timer waited its delay: what was due by then is due, even when the clock says less (a
      // test's fake timers without a fake performance.now(), as Node's mock.timers: else it re-arms forever).
      const n = Math.max(now(), t);
      for (const p of [...watched]) if (p.deadline <= n) p.giveUp('TIMEOUT');
      let next = Infinity;
      for (const p of watched) next = Math.min(next, p.deadline);
      if (next < Infinity) wake(next);
    }, t - now());
  };
  return {
    add(p) {
      watched.push(p);
      wake(p.deadline);
    },
    drop(p) {
      const i = watched.indexOf(p);
      if (i < 0) return false;
      // The last one added is the usual one to leave: pop() allocates nothing, splice() an array.
      if (i === watched.length - 1) watched.pop();
      else watched.splice(i, 1);
      if (!watched.length) hold(false);
      return true;
    },
    stop(code) {
      clearTimeout(timer);
      at = Infinity;
      for (const p of [...watched]) p.giveUp(code);
    },
  };
}
