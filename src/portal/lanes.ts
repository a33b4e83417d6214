import { now } from './alarm.js';

/** Which origins the sender of a message accepts answers from. */
export type Accepts = (origin: string) => boolean;

/**
 * A message a client put on a lane. Part of the shared-hub protocol v1 (docs/correlation.md): the
 * sending client's origin check, late window and reload protection travel with each message, so
 * each client's options hold for its own messages, whichever client or copy of the library made
 * the lanes.
 */
export interface Sent {
  /** The sender's origin check: a reply from an origin it refuses is not routed to this message. */
  readonly accepts: Accepts;
  /** How long (ms) a reply may still come once nobody waits for it: the client's `lateReplyWindowMs`. */
  readonly late: number;
  /** Keep its slot across a reload of the form: the client's `persistPending`. */
  readonly persist: boolean;
}

/** A request waiting for the portal's reply (protocol v1). */
export interface Waiter<R> extends Sent {
  /** Posts it; false when it was not posted: posting failed (it has then settled itself), or it is due or its client destroyed (its timeout or destroy() settles it). */
  send(): boolean;
  /** Hands it its reply. */
  answer(reply: R): void;
}

/** The reply lane of one kind of request, as clients use it (protocol v1): see {@link createLane}. */
export interface Lane<R> {
  /** Queues a reply-awaiting request; it is sent as soon as the lane is clear. */
  enqueue(waiter: Waiter<R>): void;
  /** Records a message posted without waiting for its reply: its slot stays stale for `sent.late` ms. */
  sent(sent: Sent): void;
  /** A waiter gives up (timeout, abort, destroy): true when it had already been sent. */
  withdraw(waiter: Waiter<R>): boolean;
}

/** What only the hub that made the lane calls (its own copy of this file). */
export interface OwnLane<R> extends Lane<R> {
  /** With `until` (a slot restored after a reload): the slot goes first, stale until then. */
  sent(sent: Sent, until?: number): void;
  /** Routes a reply from `origin` to the oldest unanswered message of the lane, if its sender accepts `origin`. */
  reply(reply: R, origin: string): 'answered' | 'stale' | 'unsolicited' | 'rejected';
  /** Until when (`performance.now()` time) a reply may still come for each persisted message (with `all`, each message). */
  pending(all?: 1): number[];
}

/** A message posted and not answered yet: its record `s`, awaited (`w`) or stale until `u`. */
interface Slot<R> {
  s: Sent | Waiter<R>;
  w: boolean;
  u: number;
}

/**
 * Reply correlation for one lane (spec section 3: replies carry no id, order is the only key).
 *
 * - At most one reply-awaiting request is posted and unanswered; later ones wait in the queue, in order.
 * - Every message sent whose reply nobody awaits any more (sent without waiting, timed out, aborted)
 *   stays open as *stale* for its sender's late window: a reply arriving in that window is
 *   swallowed, and no awaiting request is sent until the window closes or the late reply has come.
 *   So a late reply never resolves a later request, unless it comes after its sender's window.
 *
 * Time is `performance.now()`: a wall-clock step never opens or stretches a window.
 */
export function createLane<R>(): OwnLane<R> {
  // The messages posted and not answered yet, oldest first.
  const open: Slot<R>[] = [];
  const queue: Waiter<R>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  // The oldest open slot, once the stale ones whose window closed at `t` are dropped. Without `t`
  // the clock is read only when a stale slot may have closed (one read less per call: bench/).
  const first = (t?: number): Slot<R> | undefined => {
    // Within its length only: an empty array's [0] is Object.prototype's, where a pollution bug may
    // have put one (no request was then ever posted, and a reply threw in the listener).
    while (open.length && !(open[0] as Slot<R>).w && (open[0] as Slot<R>).u <= (t ??= now())) open.shift();
    return open.length ? open[0] : undefined;
  };
  // `t`: the window the timer waited for has closed, whatever the clock says (fake timers without
  // a fake performance.now(), as Node's mock.timers, would else re-arm it forever). Its delay is
  // rounded up: a browser cuts it to whole ms, and a timer fired before the window's end would
  // close it early (a late reply then answered the next request).
  // clearTimeout(undefined) does nothing (browsers, Node, its mock.timers): no test before it.
  const pump = (t?: number): void => {
    timer = void clearTimeout(timer);
    const head = first(t);
    if (head && !head.w && queue.length) timer = setTimeout(pump, Math.ceil(head.u - now()), head.u);
    // Something is unanswered: wait for its reply, or for its stale window to close.
    if (head) return;
    for (let w; (w = queue.shift()); open.pop()) {
      open.push({ s: w, w: true, u: Infinity });
      if (w.send()) return;
    }
  };

  return {
    enqueue(w) {
      queue.push(w);
      pump();
    },
    sent(s, until) {
      // A restored slot's message was sent before anything of this page: it is answered first.
      if (until !== undefined) return void open.unshift({ s, w: false, u: until });
      // The closed slots go first: a lane of messages the portal never answers (disposition, tag, …
      // unconfirmed) sees no reply and no request that would drop them, for as long as the form is open.
      const t = now();
      first(t);
      open.push({ s, w: false, u: t + s.late });
    },
    withdraw(w) {
      const slot = open.find((x) => x.w && x.s === w);
      if (slot) {
        slot.w = false;
        slot.u = now() + w.late;
      } else if (queue.includes(w)) queue.splice(queue.indexOf(w), 1);
      // Sent, it is stale now: the queue waits for its window. Queued, it may have been the last
      // one: then the timer armed for a stale slot's window goes (it would hold a Node process).
      pump();
      return !!slot;
    },
    reply(r, origin) {
      const head = first();
      if (head && !head.s.accepts(origin)) return 'rejected';
      open.shift();
      if (head?.w) (head.s as Waiter<R>).answer(r);
      pump();
      return head ? (head.w ? 'answered' : 'stale') : 'unsolicited';
    },
    pending(all) {
      const t = now();
      first(t);
      return open.filter((x) => all || x.s.persist).map((x) => (x.w ? t + x.s.late : x.u));
    },
  };
}
