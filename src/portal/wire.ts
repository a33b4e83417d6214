import type { Respool, Schedule } from '../shared/records.js';
import { stringify } from '../shared/json.js';
import { isRecord, own, ownValue, textOf } from '../shared/validate.js';
import type { PortalMessage } from './types.js';

// The Porthole wire of the uContact agent portal (spec sections 2 and 3): the envelope, each
// action's message and how a reply is told apart. The only place those shapes live.

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
  /** Our guess: no public form shows it (uContact's verified way is the framework's `UC_closeForm`). */
  closeForm: { action: 'closeForm' };
}


/** The portal actions of the typed methods. */
export type ActionName = keyof ActionData;

/** The portal actions of the typed methods, in the order of {@link ActionData} (and of `timeouts`' keys). */
export const ACTIONS = [
  'call', 'callWithPhone', 'hangup', 'disposition', 'tag', 'respool', 'schedule', 'closeForm',
] as const satisfies readonly ActionName[];

/**
 * The reply lane of a message of `action` (replies carry no id): `call` and `callWithPhone`
 * answers are recognised by their `guid`, so the two share the lane `guid`; the others by their
 * `action`, each in the lane of its name (a deployment's own action too, for a raw `send`).
 */
export const laneOf = (action: string): string => (action === 'call' || action === 'callWithPhone' ? 'guid' : action);

/** The lanes of the shared-hub protocol v1: a hub of version 1 routes replies to these only. */
export const V1_LANES: readonly string[] = ['guid', 'hangup', 'disposition', 'tag', 'respool', 'schedule'];

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
export function encodeEnvelope(data: unknown, sourceOrigin: string, targetOrigin: string, sourceWindowName: string): string {
  // The target is the parent (or targetWindow), not a named window: Porthole's default name, ''.
  return stringify({ data, sourceOrigin, targetOrigin, sourceWindowName, targetWindowName: '' } satisfies PortholeEnvelope);
}

/**
 * Reads the `data` object out of a raw `message` event payload. Porthole posts JSON strings;
 * anything else (objects, text over 4,000,000 characters, non-JSON, JSON whose `data` is not an
 * object) gives `undefined`.
 */
export function decodeEnvelope(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string' || raw.length > 4_000_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) && isRecord(parsed.data) ? parsed.data : undefined;
  } catch {
    return undefined; // not JSON
  }
}

/**
 * What a request is answered with (shared-hub protocol: the reply record). From the portal: its
 * reply; from a form framework helper: what its promise settled with.
 */
export interface Answer {
  readonly ok: boolean;
  /** The call's guid; `''` when none. */
  readonly guid: string;
  /** The failure text the other side sent; `''` when none. Data: never in a message or a log. */
  readonly error: string;
  /** The portal's reply as it came (protocol v2; a v1 hub leaves it out). */
  readonly data?: PortalMessage;
}

/**
 * What no call's guid is: empty, `0`, or the words a failed call's answer becomes (`"ERROR"`, the text
 * of `null`, `undefined` or `false`), in any case. Read so from the portal and the framework's helper.
 */
export const NO_GUID = /^(0|error|null|undefined|false)?$/i;

/** A portal message that answers the oldest unanswered message of a lane. */
export interface Reply {
  readonly lane: string;
  readonly answer: Answer;
}


/**
 * Classifies the `data` of a portal message: a reply to a lane, or `undefined`: an unsolicited
 * message for listeners. A reply of wrong types is unsolicited too: it never settles anything, and
 * a portal that answers in its own shape (the `{action, result}` replies are our profile) is still
 * heard by listeners.
 * `hasLane` tells whether a lane of another name exists (a raw `send` made it): a message of that
 * action answers it.
 */
export function classifyReply(data: Record<string, unknown>, hasLane: (name: string) => boolean): Reply | undefined {
  // Own keys only: a key the page put on Object.prototype (`action`, `error`: a pollution bug) is
  // not the portal's; a call's `{guid}` read as a hangup's answer never answered the call.
  const action = ownValue(data, 'action');
  const named = typeof action === 'string';
  const known = named && (ACTIONS as readonly string[]).includes(action);
  const hasGuid = own(data, 'guid');
  const hasResult = own(data, 'result');
  // A message naming an action belongs to that action's lane, guid or not: `{action:'hangup', guid}`
  // is about a hangup and never answers a call. Only a message with no action (or `call` /
  // `callWithPhone`) is read by its `guid`; a message named `guid` is no call answer either.
  const lane = named
    ? (known || (action !== 'guid' && hasLane(action)) ? laneOf(action) : undefined)
    : action === undefined && hasGuid ? 'guid' : undefined;
  if (lane === undefined) return undefined;
  // Both read trimmed, as the framework's helper's answer (helperAnswer) and REST's: a portal that
  // forwards a REST body posts `'0\n'` (AgentCall's failed call) or a hangup's `'1\n'`. (The same
  // expression three times: 4 B less gzip than one shared function.) A guid of `null` is an empty
  // guid: a failed call ('0' or empty = failed, spec 3). (No guid key is '' too: JSON has no
  // undefined, and without one only `result` decides, below.)
  const result = hasResult ? textOf(data.result)?.trim() : '';
  const guid = textOf(data.guid ?? '')?.trim();
  let ok: boolean;
  // A deployment's own action: its reply shape is the deployment's; `result:'0'` is a failure.
  if (!known && lane !== 'guid') ok = result !== '0';
  // Only a message that carries an answer field settles a request: a bare `{action:'hangup'}` is an
  // event from the portal (the call ended), and so is `{action:'call'}` with neither guid nor result.
  else if (!hasResult && (lane !== 'guid' || !hasGuid)) return undefined;
  // Wrong types never settle anything; nor does a call's "success" that carries no guid.
  else if ((hasResult && result !== '0' && result !== '1') || (lane === 'guid' && (hasGuid ? guid === undefined : result !== '0'))) {
    return undefined;
  } else ok = lane === 'guid' ? !NO_GUID.test(guid as string) && result !== '0' : result === '1';
  return { lane, answer: { ok, guid: guid ?? '', error: textOf(ownValue(data, 'error')) ?? '', data } };
}
