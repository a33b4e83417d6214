import { SCHEDULE_RULES, type Schedule } from '../shared/records.js';
import {
  alternatives, dateTime, formatDateTime, invalid, isRecord, keyValues, optional, optionalPhone, phone, record, text, timeZone,
  type AlternativeNumber, type TimeZoneChoice, type WorkflowData,
} from '../shared/validate.js';
import { draftMethods, type Draft } from './draft.js';
import { segmentsOf } from './kv.js';
import { isDialerRecord, readableData, unreadable } from './parse.js';
import type { Cti, DialerRecord } from './types.js';

const OP = 'scheduleBuilder';

/** The fields a schedule can start from when there is no CTI. */
export interface ScheduleFields {
  readonly campaign: string;
  readonly destination: string;
  /** Numbers or typed entries, as an array or `:`-joined; default none. */
  readonly alternatives?: string | readonly AlternativeNumber[] | undefined;
  /** Workflow data, `k=v:k=v` or a record; default `''`. */
  readonly data?: WorkflowData | undefined;
  /** Progressive dialers only; default none. */
  readonly agentphone?: string | undefined;
  /** A `Date` (rendered in `timeZone`) or `YYYY-MM-DD HH:mm:ss`; or set it with `setCalldate`. */
  readonly calldate?: Date | string | undefined;
}

/** Options of {@link scheduleBuilder}. */
export interface ScheduleOptions {
  /**
   * The zone a `Date` calldate is written in: `'local'` (default: the browser's zone, which is
   * normally the agent's, not necessarily the uContact server's), `'UTC'`, or an IANA name.
   */
  readonly timeZone?: TimeZoneChoice | undefined;
}

/** Builds the Schedule object of spec 4.4. Methods validate at once (`INVALID_ARGUMENT`, naming the field) and return the builder. */
export interface ScheduleBuilder {
  /** When to call: a `Date` (rendered in `timeZone`, default the builder's) or `YYYY-MM-DD HH:mm:ss`. */
  setCalldate(when: Date | string, timeZone?: TimeZoneChoice): ScheduleBuilder;
  /** Sets the campaign the call back is scheduled in (the source's by default): any text that is not blank. */
  setCampaign(campaign: string): ScheduleBuilder;
  /** Sets the number to call back (digits, optional leading `+`); the source's by default (a call's callerid on the telephony channel only). */
  setDestination(number: string): ScheduleBuilder;
  /** Replaces the alternatives, as the Respool builder's. */
  setAlternatives(list: readonly AlternativeNumber[]): ScheduleBuilder;
  /** Inserts one alternative (plain or typed) at `position` (default: last). */
  addAlternative(entry: AlternativeNumber, position?: number): ScheduleBuilder;
  /** Removes an alternative, given by index or by number. */
  removeAlternative(which: number | string): ScheduleBuilder;
  /** Reorders the alternatives: `order` lists the current indexes in their new order. */
  reorderAlternatives(order: readonly number[]): ScheduleBuilder;
  /** As the Respool builder's: only the entry named `key` changes; every other goes back as received. */
  setData(key: string, value: string): ScheduleBuilder;
  /** Removes every `data` entry named `key`; the others go back as received. */
  removeData(key: string): ScheduleBuilder;
  /** Sets the agent phone that takes the call back; `''` for none. */
  setAgentPhone(agentphone: string): ScheduleBuilder;
  /**
   * The validated Schedule, keys in the contract's order (`calldate, campaign, destination, data`,
   * then `alternatives` and `agentphone` only when not empty). `calldate` must have been given.
   * Throws `INVALID_ARGUMENT` naming a field that is missing or bad (`calldate` without `setCalldate`).
   */
  build(): Schedule;
}

interface Start extends Draft {
  campaign: string; calldate?: Date | string | undefined;
  /** True when the destination was left empty because the CTI's callerid is no phone number. */
  noNumber?: boolean;
}

// On other channels than voice the CTI's callerid is an e-mail address or a chat id: never a
// number to dial back.
const NOT_A_NUMBER = "destination is required: a non-voice callerid is not a phone number";

// Data the reader could not use would go as `''`: the contact called back without it. Refused, as by
// respoolBuilder.
function fromDialer(d: DialerRecord): Start {
  readableData(OP, d, 'dialer.', 'data');
  return { campaign: usable(d, 'campaign'), destination: usable(d, 'destination'), alternatives: [...d.alternatives], data: d.data.raw, agentphone: d.agentphone };
}

// A campaign or number the reader could not use, or that came twice in different letter case, starts
// '': build() says it is required unless the caller set one (setCampaign, setDestination), which may
// know the right one.
const usable = (from: object, key: string): string => (unreadable(from, key) ? '' : (from as Record<string, string>)[key] as string);

// Plain fields come from the caller, not the portal: they are checked like method arguments.
const FIELDS = {
  campaign: text, destination: phone, alternatives, data: keyValues, agentphone: optionalPhone, calldate: /* @__PURE__ */ optional(dateTime),
};

const OPTIONS = { timeZone: /* @__PURE__ */ optional(timeZone, 'local' as TimeZoneChoice) };

function start(from: unknown): Start {
  if (isRecord(from) && typeof from.guid === 'string' && isRecord(from.parAndValues)) {
    if (from.dialer) return fromDialer(from.dialer as DialerRecord);
    readableData(OP, from, '', 'parAndValues');
    const noNumber = from.channel !== 'telephony';
    return { campaign: usable(from, 'campaign'), destination: noNumber ? '' : usable(from, 'callerid'), alternatives: [], data: (from as unknown as Cti).parAndValues.raw, agentphone: '', noNumber };
  }
  // Plain fields may hold `data` as an object and `alternatives` as a list too: a dialer record
  // is told by what only the reader makes (see isDialerRecord).
  if (isDialerRecord(from)) return fromDialer(from);
  if (!isRecord(from)) invalid(OP, 'from must be a CTI, a dialer record or schedule fields');
  const f = record(OP, from, FIELDS, 'from');
  return { ...f, alternatives: segmentsOf(f.alternatives) };
}

/**
 * Starts a {@link ScheduleBuilder}. From a CTI it takes campaign, destination, alternatives, data
 * and agentphone from the dialer record, or, for a non-dialer call, campaign, callerid (as
 * destination, on the `'telephony'` channel only: elsewhere it is no phone number, so set the
 * destination with `setDestination`) and `ParAndValues` (as data). A campaign or number
 * (`Campaign`, `Callerid`; a dialer's `campaign`, `destination`) that was unreadable or given twice
 * in different letter case (see `cti.problems`) starts `''`: which one the portal meant is unknown,
 * so `build()` says `campaign is required` (`destination is required`) unless `setCampaign`
 * (`setDestination`) gave one. A `Date` calldate is written in the local zone unless
 * `options.timeZone` says otherwise.
 *
 * @throws BridgeError `INVALID_ARGUMENT` for a bad source or options, naming the field; also for a
 *   CTI or dialer record whose `data` (`ParAndValues` for a call not from a dialer) was given but
 *   unreadable (see `cti.problems`): sent as `''`, the contact would be called back without it.
 * @example
 * const schedule = scheduleBuilder(cti, { timeZone: 'America/Montevideo' })
 *   .setCalldate('2026-12-24 10:00:00')
 *   .setData('reason', 'busy')
 *   .build()
 * await portal.schedule(schedule)
 */
export function scheduleBuilder(from: Cti | DialerRecord | ScheduleFields, options?: ScheduleOptions): ScheduleBuilder {
  const zone = record(OP, options ?? {}, OPTIONS, 'options').timeZone;
  const s = start(from);
  let calldate = s.calldate === undefined ? undefined : formatDateTime(s.calldate, zone);

  const builder: ScheduleBuilder = {
    setCalldate(when, inZone) {
      calldate = formatDateTime(dateTime(OP, 'calldate', when), inZone === undefined ? zone : timeZone(OP, 'timeZone', inZone));
      return builder;
    },
    setCampaign(value) { s.campaign = text(OP, 'campaign', value); return builder; },
    ...draftMethods(OP, s, () => builder),
    build() {
      const { noNumber, ...fields } = s;
      if (fields.destination === '' && noNumber) invalid(OP, NOT_A_NUMBER);
      // Without setCalldate (or a calldate field), record() says 'calldate is required'.
      // record() leaves out the optional keys its rules made undefined (empty ones): hence the cast.
      return record(OP, { ...fields, calldate, alternatives: fields.alternatives.join(':') }, SCHEDULE_RULES) as Schedule;
    },
  };
  return builder;
}
