/**
 * A request waiting for the portal's reply. `send` posts it and returns false when posting failed
 * (it has then settled itself); `answer` hands it the reply.
 */
export interface Waiter<R> {
  send(): boolean;
  answer(reply: R): void;
}

/** A message on the wire that has not been answered: awaited by `waiter`, or stale until `expires`. */
interface Sent<R> {
  waiter: Waiter<R> | undefined;
  expires: number;
}

/**
 * Reply correlation for one lane (spec section 3: replies carry no id, order is the only key).
 *
 * - At most one reply-awaiting request is on the wire; later ones wait in `queue`, in order.
 * - Every message sent whose reply nobody awaits any more (sent without waiting, timed out, aborted)
 *   stays on the wire as *stale* for `lateMs`: a reply arriving in that window is swallowed, and no
 *   awaiting request is sent until the window closes or the late reply has come. So a late reply
 *   never resolves a later request, unless it comes more than `lateMs` after its request gave up.
 */
export class LaneQueue<R> {
  private readonly wire: Sent<R>[] = [];
  private readonly queue: Waiter<R>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly lateMs: number, private readonly now: () => number = Date.now) {}

  /** Queues a reply-awaiting request; it is sent as soon as the lane is clear. */
  enqueue(waiter: Waiter<R>): void {
    this.queue.push(waiter);
    this.pump();
  }

  /** Records a message sent without waiting for its reply. */
  sentUnawaited(): void {
    this.wire.push({ waiter: undefined, expires: this.now() + this.lateMs });
  }

  /** A waiter gives up (timeout, abort): true when it had already been sent. */
  withdraw(waiter: Waiter<R>): boolean {
    const q = this.queue.indexOf(waiter);
    if (q >= 0) {
      this.queue.splice(q, 1);
      return false;
    }
    const sent = this.wire.find((s) => s.waiter === waiter);
    if (!sent) return false;
    sent.waiter = undefined;
    sent.expires = this.now() + this.lateMs;
    this.pump();
    return true;
  }

  /** Routes a reply: to the oldest unanswered message of the lane. Returns 'stale' when swallowed. */
  reply(reply: R): 'answered' | 'stale' | 'unsolicited' {
    this.dropExpired();
    const head = this.wire.shift();
    if (!head) return 'unsolicited';
    head.waiter?.answer(reply);
    this.pump();
    return head.waiter ? 'answered' : 'stale';
  }

  /** Empties the lane and returns every waiter still pending, queued or sent. */
  clear(): Waiter<R>[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = [...this.wire.flatMap((s) => (s.waiter ? [s.waiter] : [])), ...this.queue];
    this.wire.length = 0;
    this.queue.length = 0;
    return pending;
  }

  private dropExpired(): void {
    const t = this.now();
    while (this.wire[0] && !this.wire[0].waiter && this.wire[0].expires <= t) this.wire.shift();
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dropExpired();
    const head = this.wire[0];
    if (head) {
      // Something is unanswered: wait for its reply, or for its stale window to close.
      if (!head.waiter && this.queue.length) {
        this.timer = setTimeout(() => this.pump(), Math.max(0, head.expires - this.now()));
      }
      return;
    }
    let next: Waiter<R> | undefined;
    while ((next = this.queue.shift())) {
      const sent: Sent<R> = { waiter: next, expires: Infinity };
      this.wire.push(sent);
      if (next.send()) return;
      this.wire.pop();
    }
  }
}
