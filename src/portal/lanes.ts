/** Which origins the sender of a message accepts answers from. */
export type Accepts = (origin: string) => boolean;

/**
 * A request waiting for the portal's reply. `send` posts it and returns false when posting failed
 * (it has then settled itself); `answer` hands it the reply; `accepts` is its client's origin check.
 */
export interface Waiter<R> {
  send(): boolean;
  answer(reply: R): void;
  accepts: Accepts;
}

/** The reply lane of one kind of request: see {@link createLane}. */
export interface Lane<R> {
  /** Queues a reply-awaiting request; it is sent as soon as the lane is clear. */
  enqueue(waiter: Waiter<R>): void;
  /** Records a message sent without waiting for its reply (or one that may still be unanswered until `until`). */
  sentUnawaited(accepts: Accepts, until?: number): void;
  /** A waiter gives up (timeout, abort): true when it had already been sent. */
  withdraw(waiter: Waiter<R>): boolean;
  /** Routes a reply from `origin` to the oldest unanswered message of the lane, if its sender accepts `origin`. */
  reply(reply: R, origin: string): 'answered' | 'stale' | 'unsolicited' | 'rejected';
  /** The time until which a reply may still come for a message of this lane (0: none pending). */
  pendingUntil(lateFromNow: number): number;
}

/** A message on the wire that has not been answered: awaited by `w`, or stale until `until`. */
interface Sent<R> {
  w: Waiter<R> | undefined;
  until: number;
  accepts: Accepts;
}

/**
 * Reply correlation for one lane (spec section 3: replies carry no id, order is the only key).
 *
 * - At most one reply-awaiting request is on the wire; later ones wait in the queue, in order.
 * - Every message sent whose reply nobody awaits any more (sent without waiting, timed out, aborted)
 *   stays on the wire as *stale* for `lateMs`: a reply arriving in that window is swallowed, and no
 *   awaiting request is sent until the window closes or the late reply has come. So a late reply
 *   never resolves a later request, unless it comes more than `lateMs` after its request gave up.
 */
export function createLane<R>(lateMs: number): Lane<R> {
  const wire: Sent<R>[] = [];
  const queue: Waiter<R>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const drop = (now: number): void => {
    while (wire[0] && !wire[0].w && wire[0].until <= now) wire.shift();
  };
  const pump = (): void => {
    if (timer !== undefined) timer = void clearTimeout(timer);
    const now = Date.now();
    drop(now);
    const head = wire[0];
    // Something is unanswered: wait for its reply, or for its stale window to close.
    if (head) {
      if (!head.w && queue.length) timer = setTimeout(pump, head.until - now);
      return;
    }
    for (let w; (w = queue.shift()); wire.pop()) {
      wire.push({ w, until: Infinity, accepts: w.accepts });
      if (w.send()) return;
    }
  };

  return {
    enqueue(w) {
      queue.push(w);
      pump();
    },
    sentUnawaited(accepts, until = Date.now() + lateMs) {
      wire.push({ w: undefined, until, accepts });
    },
    withdraw(w) {
      const sent = wire.find((s) => s.w === w);
      if (sent) {
        sent.w = undefined;
        sent.until = Date.now() + lateMs;
        pump();
      } else if (queue.includes(w)) queue.splice(queue.indexOf(w), 1);
      return !!sent;
    },
    reply(r, origin) {
      drop(Date.now());
      const head = wire[0];
      if (head && !head.accepts(origin)) return 'rejected';
      wire.shift();
      head?.w?.answer(r);
      pump();
      return head ? (head.w ? 'answered' : 'stale') : 'unsolicited';
    },
    pendingUntil(late) {
      drop(Date.now());
      return wire.reduce((t, s) => Math.max(t, Math.min(s.until, Date.now() + late)), 0);
    },
  };
}
