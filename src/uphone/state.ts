import type { UPhoneEvent } from './wire.js';

// The current-call view a screen pop needs, built from the events alone. The uPhone reports no
// "answered" event: an inbound call rings (`gettingCall`) until it finishes, unless the Events API
// says the interaction was assigned. Every event, in any order, gives a whole state: an idle state
// holds no call fields, a call state holds only the fields of its own events.

/** `'idle'`: no call. `'ringing'`: an inbound call was offered (`gettingCall`). `'inCall'`: an outbound call started (`makeCall`) or an interaction was assigned (`assignedInteraction`). */
export type CallStatus = 'idle' | 'ringing' | 'inCall';

/**
 * The current call, as the events told it. A new frozen object on every change, the same object
 * otherwise; without a prototype (a field it does not hold reads undefined whatever the page put on
 * `Object.prototype`: test with `Object.hasOwn(state, k)` or `k in state`, it has no `hasOwnProperty`).
 */
export interface CallState {
  readonly status: CallStatus;
  /** The other party's number, as text. */
  readonly number?: string;
  readonly campaign?: string;
  /** `'inbound'` after `gettingCall`, `'outbound'` after `makeCall`; an interaction assigned during that call keeps it; absent for one assigned with no call before it. */
  readonly direction?: 'inbound' | 'outbound';
  /** The call's or interaction's id. */
  readonly guid?: string;
  /** The interaction's channel (Events API). */
  readonly channel?: string;
  /** The customer's id (Events API). */
  readonly clientId?: string;
  /** `performance.now()` when this status began (ringing and in call are two), or this call (another guid, or, a guid missing, another number): a monotonic clock, which a wall-clock change cannot move. */
  readonly since: number;
  /** The event that made this state; absent before the first. */
  readonly event?: UPhoneEvent;
}

const FIELDS = ['number', 'campaign', 'guid', 'channel', 'clientId'] as const;

/**
 * The state after `e`, or `state` itself when `e` changes nothing (callers compare identities).
 * `now` is `performance.now()`.
 */
export function nextState(state: CallState, e: UPhoneEvent, now: number): CallState {
  const name = e.name;
  // Only guids tell calls apart: numbers come in several spellings (a leading 0 lost when sent as
  // a number). An event without a guid is about the current call.
  // The event's params have no prototype (and readUPhoneMessage keeps no undefined field): a key the
  // page put on Object.prototype (`campaign`) is no field of the event. Nor of the state, which has
  // none either: a field it does not hold reads undefined.
  const guid = e.params.guid;
  const same = !(state.guid && guid && state.guid !== guid);
  const busy = state.status !== 'idle';
  let next: Record<string, unknown>;
  if (name === 'gettingCall' || name === 'makeCall' || name === 'assignedInteraction') {
    // An interaction assigned for the call that was ringing keeps what the ringing told.
    next = { __proto__: null, ...(name === 'assignedInteraction' && busy && same && state) };
    next.status = name === 'gettingCall' ? 'ringing' : 'inCall';
    if (name !== 'assignedInteraction') next.direction = name === 'gettingCall' ? 'inbound' : 'outbound';
    for (const k of FIELDS) if (k in e.params) next[k] = e.params[k];
  } else if (busy && (name === 'agentLogout' || ((name === 'finishedCall' || name === 'finishedInteraction') && same))) {
    next = { __proto__: null, status: 'idle' };
  } else {
    return state;
  }
  // Another call is a new `since`: another guid, or, a guid missing, another number (a second call
  // offered before the first's finish), as for a screen pop's "ringing for 40 s".
  next.since = next.status === state.status && same && next.number === state.number ? state.since : now;
  next.event = e;
  return Object.freeze(next as unknown as CallState);
}

/** The state before any event. */
export const idle = (now: number): CallState => Object.freeze({ __proto__: null, status: 'idle', since: now } as CallState);
