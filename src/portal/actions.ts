import { RESPOOL_RULES, SCHEDULE_RULES } from '../shared/records.js';
import {
  dateTimeText, labels, optional, optionalLabels, optionalPhone, optionalText, phone, record, string, text, type Spec,
} from '../shared/validate.js';
import type { ActionData, ActionName } from './wire.js';

/** Arguments of `call`: dial `destination` for `campaign` (two-step: the agent first, then the number). */
export interface CallArgs {
  /** The outbound campaign, e.g. `'Sales->'`. */
  readonly campaign: string;
  /** The number to dial: digits with an optional leading `+`. */
  readonly destination: string;
  /**
   * The number the call goes out with; `''` (the default) lets uContact choose. Over Porthole it
   * must be a phone number; the form framework's helper takes it as it is.
   */
  readonly callerid?: string | undefined;
}

/** Arguments of `callWithPhone`: dial with the portal's own softphone. */
export interface CallWithPhoneArgs {
  readonly destination: string;
  readonly campaign: string;
}

/** One label, or several (joined with `|`, as uContact's `UC_TagRecord` takes them). */
export type TagLabels = string | readonly string[];

/** Arguments of `disposition`: the levels of a disposition configured in uContact. */
export interface DispositionArgs {
  readonly l1: string;
  readonly l2?: string | undefined;
  readonly l3?: string | undefined;
  readonly comment?: string | undefined;
  /** Porthole only (the framework's helper has no place for it: call `tag()` after it). */
  readonly tag?: TagLabels | undefined;
  /**
   * For SCHEDULE dispositions: `'YYYY-MM-DD HH:mm:ss'`, or a `Date` rendered in local time (for
   * another zone pass `formatDateTime(date, zone)` from `ucontact-bridge/cti`). Porthole, or a
   * framework helper that declares nine parameters or more (the long form newer real forms call);
   * refused by the contract's seven-argument helper.
   */
  readonly schedule?: Date | string | undefined;
  /** As `schedule`. Campaign to reschedule the call in; `''` = the same one. */
  readonly camptoreschedule?: string | undefined;
  /**
   * Framework only (`UC_DispositionCall_async(campaign, callerid, guid, …)`): the call to dispose.
   * Default: the current call, from the form framework's `CTI`. The Porthole message has no place
   * for them (it disposes the portal's current call): there they are checked and not sent.
   */
  readonly campaign?: string | undefined;
  /**
   * Framework only: see `campaign`. Any text: an e-mail address or a chat id on other channels; `''`
   * for a withheld number (as the `CTI` then gives it).
   */
  readonly callerid?: string | undefined;
  /** Framework only: see `campaign`. */
  readonly guid?: string | undefined;
}

/** Arguments of `tag`: tag the current call's recording, or the call `guid`. */
export interface TagArgs {
  readonly tag: TagLabels;
  /** Default: over Porthole, the portal's current call; through the framework, the `CTI`'s guid. */
  readonly guid?: string | undefined;
}

/** The rule of each argument of each action, in message order. */
export const ARGS = {
  call: { campaign: text, callerid: optionalPhone, destination: phone },
  callWithPhone: { destination: phone, campaign: text },
  hangup: {},
  disposition: {
    l1: text, l2: optionalText, l3: optionalText, comment: optionalText, tag: optionalLabels,
    schedule: /* @__PURE__ */ optional(dateTimeText, ''), camptoreschedule: optionalText,
    // The call to dispose, for the framework's helper; never in the Porthole message.
    // A callerid may be empty (a withheld number), as REST's DispositionCall allows.
    campaign: /* @__PURE__ */ optional(text), callerid: /* @__PURE__ */ optional(string), guid: /* @__PURE__ */ optional(text),
  },
  tag: { guid: /* @__PURE__ */ optional(text), tag: labels },
  respool: RESPOOL_RULES,
  schedule: SCHEDULE_RULES,
  closeForm: {},
} as const satisfies { readonly [A in ActionName]: Spec };

/**
 * Checks an action's arguments and builds its exact `data`: `{action, ...fields in message order}`.
 * `respool` and `schedule` nest their record under their name; `disposition` leaves out the fields
 * of the framework's helper.
 */
export function buildData<A extends ActionName>(action: A, value: unknown): ActionData[A] {
  if (action === 'respool' || action === 'schedule') return { action, [action]: record(action, value, ARGS[action] as Spec, action) } as unknown as ActionData[A];
  // The checked fields go straight into the message, after `action`.
  const data: Record<string, unknown> = record(action, value, ARGS[action] as Spec, undefined, { action });
  if (action === 'disposition') for (const k of ['campaign', 'callerid', 'guid']) delete data[k];
  return data as ActionData[A];
}
