import type { Respool, Schedule } from '../shared/records.js';
import { field, fields, type Kind } from '../shared/fields.js';
import { RESPOOL_SPEC, SCHEDULE_SPEC } from '../shared/records.js';
import type { ActionData, ActionName } from './wire.js';

/** Arguments of `call`: dial `destination` for `campaign` (two-step: the agent first, then the number). */
export interface CallArgs {
  /** The outbound campaign, e.g. `'Sales->'`. */
  readonly campaign: string;
  /** The number to dial: digits with an optional leading `+`. */
  readonly destination: string;
  /** The number the call goes out with; `''` (the default) lets uContact choose. */
  readonly callerid?: string;
}

/** Arguments of `callWithPhone`: dial with the portal's own softphone. */
export interface CallWithPhoneArgs {
  readonly destination: string;
  readonly campaign: string;
}

/** One label, or several (joined with `|` on the wire, as uContact's `UC_TagRecord` does). */
export type TagLabels = string | readonly string[];

/** Arguments of `disposition`: the levels of a disposition configured in uContact. */
export interface DispositionArgs {
  readonly l1: string;
  readonly l2?: string;
  readonly l3?: string;
  readonly comment?: string;
  readonly tag?: TagLabels;
  /**
   * For SCHEDULE dispositions: `'YYYY-MM-DD HH:mm:ss'`, or a `Date` rendered in local time (for
   * another zone pass `formatDateTime(date, zone)` from `ucontact-bridge/cti`).
   */
  readonly schedule?: Date | string;
  /** Campaign to reschedule the call in; `''` = the same one. */
  readonly camptoreschedule?: string;
}

/** Arguments of `tag`: tag the current call's recording, or the call `guid`. */
export interface TagArgs {
  readonly tag: TagLabels;
  readonly guid?: string;
}

/** The argument type of each action's method. */
export interface ActionArgs {
  call: CallArgs;
  callWithPhone: CallWithPhoneArgs;
  hangup: Record<string, never>;
  disposition: DispositionArgs;
  tag: TagArgs;
  respool: Respool;
  schedule: Schedule;
}

/** The rule of each field of each action's data, in wire order (see `Kind` in shared/fields). */
const SPECS = {
  call: { campaign: 's', callerid: 'q', destination: 'p' },
  callWithPhone: { destination: 'p', campaign: 's' },
  hangup: {},
  disposition: { l1: 's', l2: 'o', l3: 'o', comment: 'o', tag: 'm', schedule: 'e', camptoreschedule: 'o' },
  tag: { tag: 'l' },
  respool: RESPOOL_SPEC,
  schedule: SCHEDULE_SPEC,
} as const satisfies { readonly [A in ActionName]: Readonly<Record<string, Kind>> };

/**
 * Checks an action's arguments and builds its exact `data`: `{action, ...fields in wire order}`.
 * `tag` with a `guid` and the nested `respool`/`schedule` objects are the only special cases.
 */
export function buildData<A extends ActionName>(action: A, value: unknown): ActionData[A] {
  if (action === 'respool' || action === 'schedule') {
    return { action, [action]: fields(action, value, SPECS[action], true) } as ActionData[A];
  }
  const data = fields<Record<string, unknown>>(action, value, SPECS[action], false, { action });
  const guid = (value as { guid?: unknown }).guid;
  return (action === 'tag' && guid !== undefined
    ? { action, guid: field(action, 'guid', guid, 's'), tag: data.tag }
    : data) as ActionData[A];
}
