import type { Respool, Schedule } from '../shared/records.js';
import { isRecord } from '../shared/check.js';

// The Porthole wire of the uContact agent portal: spec sections 2 and 3. This file is the single
// place the message shapes live; the client and the builders are typed against it.

/** The `data` of the envelope for each action, exactly as the portal expects it (no extra keys). */
export interface ActionData {
  call: { action: 'call'; campaign: string; callerid: string; destination: string };
  callWithPhone: { action: 'callWithPhone'; destination: string; campaign: string };
  hangup: { action: 'hangup' };
  disposition: {
    action: 'disposition'; l1: string; l2: string; l3: string; comment: string;
    tag: string; schedule: string; camptoreschedule: string;
  };
  tag: { action: 'tag'; tag: string } | { action: 'tag'; guid: string; tag: string };
  respool: { action: 'respool'; respool: Respool };
  schedule: { action: 'schedule'; schedule: Schedule };
}

/** The seven portal actions. */
export type ActionName = keyof ActionData;

/**
 * How a reply is recognised (replies carry no request id): `call` and `callWithPhone` answers are
 * recognised by their `guid`, so the two share one lane; the others by their `action`.
 */
export const REPLY_LANE = {
  call: 'guid',
  callWithPhone: 'guid',
  hangup: 'hangup',
  disposition: 'disposition',
  tag: 'tag',
  respool: 'respool',
  schedule: 'schedule',
} as const satisfies Record<ActionName, string>;

/** A reply lane: at most one reply-awaiting request of each lane is on the wire at a time. */
export type Lane = (typeof REPLY_LANE)[ActionName];

/** Actions the portal answers for sure (with a guid); the others may never be answered. */
export type GuidAction = 'call' | 'callWithPhone';
/** Actions uContact documents no reply for: by default they settle once sent. */
export type UnconfirmedAction = Exclude<ActionName, GuidAction>;

/** The Porthole 1.0.0 envelope, posted as a JSON string. Key order is Porthole's. */
export interface PortholeEnvelope {
  data: unknown;
  sourceOrigin: string;
  targetOrigin: string;
  sourceWindowName: string;
  targetWindowName: string;
}

/** Serialises an envelope exactly as Porthole's `WindowProxyHTML5.post` does (its key order). */
export function encodeEnvelope(data: unknown, sourceOrigin: string, targetOrigin: string, sourceWindowName: string, targetWindowName = ''): string {
  return JSON.stringify({ data, sourceOrigin, targetOrigin, sourceWindowName, targetWindowName } satisfies PortholeEnvelope);
}

/**
 * Reads the `data` object out of a raw `message` event payload. Porthole posts JSON strings;
 * anything else (objects, non-JSON, JSON whose `data` is not an object) gives `undefined`.
 */
export function decodeEnvelope(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string' || raw.length > 4_000_000) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return isRecord(parsed) && isRecord(parsed.data) ? parsed.data : undefined;
}

/** What a portal message means for the pending requests. */
export type Reply =
  | { readonly kind: 'reply'; readonly lane: Lane; readonly ok: boolean; readonly guid: string; readonly error: string }
  | { readonly kind: 'malformed'; readonly lane: Lane }
  | { readonly kind: 'unsolicited' };

/** A reply that answers a lane. */
export type Answer = Extract<Reply, { kind: 'reply' }>;

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Classifies the `data` of a portal message: a reply to a lane, a malformed reply (wrong types:
 * ignored, never settles anything), or an unsolicited message for listeners.
 */
export function classifyReply(data: Record<string, unknown>): Reply {
  const { guid, result, action, error } = data;
  // A message naming an action belongs to that action's lane, guid or not: `{action:'hangup', guid}`
  // is about a hangup and never answers a call. Only a message with no action (or `call` /
  // `callWithPhone`) is read by its `guid`.
  const lane: Lane | undefined = typeof action === 'string' && own(REPLY_LANE, action)
    ? REPLY_LANE[action as ActionName]
    : !own(data, 'action') && own(data, 'guid') ? 'guid' : undefined;
  // A bare `{action:'hangup'}` with no result is an event from the portal (the call ended), not
  // an answer: only messages that carry an answer field can settle a request.
  if (lane === undefined || (lane !== 'guid' && !own(data, 'result'))) return { kind: 'unsolicited' };
  if ((lane === 'guid' && typeof guid !== 'string') || (own(data, 'result') && result !== '0' && result !== '1')) {
    return { kind: 'malformed', lane };
  }
  const ok = lane === 'guid' ? guid !== '' && guid !== '0' && result !== '0' : result === '1';
  return {
    kind: 'reply', lane, ok,
    guid: typeof guid === 'string' ? guid : '',
    error: typeof error === 'string' ? error : '',
  };
}
