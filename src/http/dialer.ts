import { stringify } from '../shared/json.js';
import { SCHEDULE_RULES, type ScheduleInput } from '../shared/records.js';
import {
  alternatives, dateTime, flag, formatDateTime, invalid, keyValues, optional, optionalText, phone, priority, record, string, text, timeZone,
  type AlternativeNumber, type WorkflowData, type Rule, type TimeZoneChoice,
} from '../shared/validate.js';
import type { FormFields } from './transport.js';

/** The `call` object of Dialers/DialerTask. Every key is sent; `priority` only when given. */
export interface DialerTaskCall {
  /** `null` = now; else a `Date` or `'YYYY-MM-DD HH:mm:ss'`. */
  readonly calldate: Date | string | null;
  readonly campaign: string;
  readonly destination: string;
  /** Alternative numbers, plain or typed, as an array or `:`-joined. Default `''`. */
  readonly alternatives?: string | readonly AlternativeNumber[] | undefined;
  /**
   * Agent for a manual (click-to-call) task: as the dialer names the agent, which a partner's API book
   * gives as the agent's phone (extension), not the login (the contract gives no format); `''` (default)
   * = any agent.
   */
  readonly agent?: string | undefined;
  /** Workflow data, `k=v:k=v` or a record. Default `''`. */
  readonly data?: WorkflowData | undefined;
  /** Free text naming where the task came from. Default `'source'`, as the only real client sends it (spec 5). */
  readonly source?: string | undefined;
  /** Default `false`. */
  readonly bulk?: boolean | undefined;
  /** `true`: the dialer places the call; `false`: a manual call for `agent`. */
  readonly automatic: boolean;
  /** 1 (highest) to 9999 (lowest). */
  readonly priority?: number | undefined;
  /** Zone a `Date` calldate is rendered in; default: the client's `timeZone` option, else `'local'`. */
  readonly timeZone?: TimeZoneChoice | undefined;
}

/** The common arguments of the dialer-task helpers. */
export interface DialerContactArgs {
  readonly campaign: string;
  readonly destination: string;
  /** Alternative numbers, plain or typed, as an array or `:`-joined. Default `''`. */
  readonly alternatives?: string | readonly AlternativeNumber[] | undefined;
  /** Workflow data, `k=v:k=v` or a record. Default `''`. */
  readonly data?: WorkflowData | undefined;
  /** Free text naming where the task came from. Default `'source'`, as the only real client sends it (spec 5). */
  readonly source?: string | undefined;
}

/** Arguments of `dialerInsertWithPriority`. */
export interface DialerPriorityArgs extends DialerContactArgs {
  /** 1 (highest) to 9999 (lowest). */
  readonly priority: number;
}

/** Arguments of `dialerClickToCall`. */
export interface DialerClickToCallArgs extends DialerContactArgs {
  /** The agent the manual call is for, as the dialer names it (a partner's API book: the agent's phone, its extension). */
  readonly agent: string;
}

/** Arguments of `dialerScheduleForAnyAgent`. */
export interface DialerScheduleArgs extends DialerContactArgs {
  /** A `Date` or `'YYYY-MM-DD HH:mm:ss'`. */
  readonly calldate: Date | string;
  /** Zone a `Date` calldate is rendered in; default: the client's `timeZone` option, else `'local'`. */
  readonly timeZone?: TimeZoneChoice | undefined;
}

/** Arguments of `deleteDialerContact` and `deleteScheduledCall`. */
export interface DialerTargetArgs {
  readonly campaign: string;
  readonly destination: string;
}

// `null`: now (the dialer's queue); else a date-time, rendered in the call's `timeZone`.
const callDate: Rule<Date | string | null> = (op, name, v) => (v === null ? null : dateTime(op, name, v));

// `source`: what the only real client of DialerTask sends (spec 5); `''` or any text may be given.
const source = /* @__PURE__ */ optional(string, 'source');
const CONTACT = { campaign: text, destination: phone, alternatives, data: keyValues, source };

const DIALER_TASK = {
  calldate: callDate, campaign: text, destination: phone, alternatives, agent: optionalText, data: keyValues, source,
  bulk: /* @__PURE__ */ optional(flag, false), automatic: flag, priority: /* @__PURE__ */ optional(priority),
  timeZone: /* @__PURE__ */ optional(timeZone),
};

/** Form fields of DialerTask: `call` as JSON text with every key present (`priority` when given). */
export function dialerTaskFields(operation: string, args: DialerTaskCall, fallback?: TimeZoneChoice): FormFields {
  const { timeZone: zone = fallback, ...call } = record(operation, args, DIALER_TASK);
  if (!call.automatic && !call.agent) invalid(operation, 'agent is required for a manual (automatic: false) task');
  return { call: stringify({ ...call, calldate: call.calldate && formatDateTime(call.calldate, zone) }) };
}

/** Form fields of the insert mode (the doc's example; our profile): `calldate: null`, `automatic: true`, any agent. */
export const dialerInsertFields = (operation: string, args: DialerContactArgs): FormFields =>
  dialerTaskFields(operation, { ...record(operation, args, CONTACT), calldate: null, automatic: true });

/** Form fields of the insert-with-priority mode. */
export const dialerPriorityFields = (operation: string, args: DialerPriorityArgs): FormFields =>
  dialerTaskFields(operation, { ...record(operation, args, { ...CONTACT, priority }), calldate: null, automatic: true });

/** Form fields of the click-to-call mode: a manual call (`automatic: false`) for `agent`. */
export const dialerClickToCallFields = (operation: string, args: DialerClickToCallArgs): FormFields =>
  dialerTaskFields(operation, { ...record(operation, args, { ...CONTACT, agent: text }), calldate: null, automatic: false });

/** Form fields of the scheduled-call-for-any-agent mode. */
export const dialerScheduleFields = (operation: string, args: DialerScheduleArgs, fallback?: TimeZoneChoice): FormFields =>
  dialerTaskFields(operation, { ...record(operation, args, { ...CONTACT, calldate: dateTime, timeZone: optional(timeZone) }), automatic: true } as DialerTaskCall, fallback);

/**
 * Form fields of ScheduleDialerCall: `callschedule` as the Schedule JSON (its keys in the contract's
 * order, empty optional ones left out); a `Date` calldate written in the client's `timeZone`.
 */
export const scheduleFields = (operation: string, schedule: ScheduleInput, zone?: TimeZoneChoice): FormFields => ({
  callschedule: stringify(record(operation, schedule, { ...SCHEDULE_RULES, calldate: (op, name, v) => formatDateTime(dateTime(op, name, v), zone) }, 'schedule')),
});

/** Form fields of DeleteDialerContact and DeleteScheduledCall. */
export const targetFields = (operation: string, args: DialerTargetArgs): FormFields =>
  record(operation, args, { campaign: text, destination: phone });
