import type { Respool, Schedule } from '../shared/records.js';
import {
  checkRespool, checkSchedule, dateTime, invalid, isRecord, optStr, phone, str, wireValue,
  type TimeZoneChoice,
} from '../shared/check.js';
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
  /** For SCHEDULE dispositions: a `Date` or `'YYYY-MM-DD HH:mm:ss'`. */
  readonly schedule?: Date | string;
  /** Zone a `Date` schedule is rendered in; default `'local'`. */
  readonly timeZone?: TimeZoneChoice;
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

function labels(op: string, field: string, value: unknown, required: boolean): string {
  if (value === undefined && !required) return '';
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) invalid(op, `${field} must name at least one label`);
  return list.map((v, i) => wireValue(op, list.length > 1 ? `${field}[${i}]` : field, v, false)).join('|');
}

function args(op: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) invalid(op, 'arguments must be an object');
  return value;
}

/**
 * Checks each action's arguments and builds its exact `data`. One entry per action: the compiler
 * refuses a map that misses one or returns the wrong shape.
 */
export const BUILD: { readonly [A in ActionName]: (value: unknown) => ActionData[A] } = {
  call(value) {
    const a = args('call', value);
    return {
      action: 'call',
      campaign: str('call', 'campaign', a.campaign),
      callerid: phone('call', 'callerid', a.callerid ?? '', true),
      destination: phone('call', 'destination', a.destination),
    };
  },
  callWithPhone(value) {
    const a = args('callWithPhone', value);
    return {
      action: 'callWithPhone',
      destination: phone('callWithPhone', 'destination', a.destination),
      campaign: str('callWithPhone', 'campaign', a.campaign),
    };
  },
  hangup() {
    return { action: 'hangup' };
  },
  disposition(value) {
    const op = 'disposition';
    const a = args(op, value);
    const zone = a.timeZone === undefined ? undefined : str(op, 'timeZone', a.timeZone);
    return {
      action: 'disposition',
      l1: str(op, 'l1', a.l1),
      l2: optStr(op, 'l2', a.l2),
      l3: optStr(op, 'l3', a.l3),
      comment: optStr(op, 'comment', a.comment),
      tag: labels(op, 'tag', a.tag, false),
      schedule: a.schedule === undefined ? '' : dateTime(op, 'schedule', a.schedule, zone, true),
      camptoreschedule: optStr(op, 'camptoreschedule', a.camptoreschedule),
    };
  },
  tag(value) {
    const a = args('tag', value);
    const tag = labels('tag', 'tag', a.tag, true);
    return a.guid === undefined ? { action: 'tag', tag } : { action: 'tag', guid: str('tag', 'guid', a.guid), tag };
  },
  respool(value) {
    return { action: 'respool', respool: checkRespool('respool', value) };
  },
  schedule(value) {
    return { action: 'schedule', schedule: checkSchedule('schedule', value) };
  },
};
