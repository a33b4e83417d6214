import type { Schedule } from '../shared/records.js';
import { checkSchedule, dateTime, int, invalid, optStr, phone, str, type TimeZoneChoice } from '../shared/check.js';
import { args } from './calls.js';
import { dataText, numbersText, type WorkflowData } from './fields.js';
import type { FormFields } from './transport.js';

/** The `call` object of Dialers/DialerTask. Every key is sent; `priority` only when given. */
export interface DialerTaskCall {
  /** `null` = now; else a `Date` or `'YYYY-MM-DD HH:mm:ss'`. */
  readonly calldate: Date | string | null;
  readonly campaign: string;
  readonly destination: string;
  /** Numbers, as an array or `:`-joined. Default `''`. */
  readonly alternatives?: string | readonly string[];
  /** Agent for a manual (click-to-call) task; `''` (default) = any agent. */
  readonly agent?: string;
  /** Workflow data, `k=v:k=v` or a record. Default `''`. */
  readonly data?: WorkflowData;
  /** Free text naming where the task came from. Default `''`. */
  readonly source?: string;
  /** Default `false`. */
  readonly bulk?: boolean;
  /** `true`: the dialer places the call; `false`: a manual call for `agent`. */
  readonly automatic: boolean;
  /** 1 (highest) to 9999 (lowest). */
  readonly priority?: number;
  /** Zone a `Date` calldate is rendered in; default `'local'`. */
  readonly timeZone?: TimeZoneChoice;
}

/** The common arguments of the dialer-task helpers. */
export interface DialerContactArgs {
  readonly campaign: string;
  readonly destination: string;
  readonly alternatives?: string | readonly string[];
  readonly data?: WorkflowData;
  readonly source?: string;
}

/** Arguments of `deleteDialerContact` and `deleteScheduledCall`. */
export interface DialerTargetArgs {
  readonly campaign: string;
  readonly destination: string;
}

function bool(operation: string, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalid(operation, `${field} must be a boolean`);
  return value;
}

/** Names every missing required field at once (`calldate` may be `null`: "now"). */
function required(operation: string, a: Record<string, unknown>, keys: readonly string[]): void {
  const missing = keys.filter((k) => a[k] === undefined || (a[k] === null && k !== 'calldate'));
  if (missing.length) invalid(operation, `missing required ${missing.length > 1 ? 'fields' : 'field'}: ${missing.join(', ')}`);
}

/** Form fields of DialerTask: `call` as JSON text with every key present. */
export function dialerTaskFields(operation: string, value: unknown): FormFields {
  const a = args(operation, value);
  required(operation, a, ['calldate', 'campaign', 'destination', 'automatic']);
  const zone = a.timeZone === undefined ? undefined : str(operation, 'timeZone', a.timeZone);
  if (typeof a.automatic !== 'boolean') invalid(operation, 'automatic must be a boolean');
  const call: Record<string, unknown> = {
    calldate: a.calldate === null ? null : dateTime(operation, 'calldate', a.calldate, zone),
    campaign: str(operation, 'campaign', a.campaign),
    destination: phone(operation, 'destination', a.destination),
    alternatives: numbersText(operation, 'alternatives', a.alternatives),
    agent: optStr(operation, 'agent', a.agent),
    data: dataText(operation, 'data', a.data),
    source: optStr(operation, 'source', a.source),
    bulk: bool(operation, 'bulk', a.bulk, false),
    automatic: a.automatic,
  };
  if (a.priority !== undefined) call.priority = int(operation, 'priority', a.priority, 1, 9999);
  if (!call.automatic && call.agent === '') invalid(operation, 'agent is required for a manual (automatic: false) task');
  return { call: JSON.stringify(call) };
}

/** The DialerTask `call` of one of the four documented modes. */
export function dialerMode(
  operation: string, value: unknown, mode: 'insert' | 'priority' | 'manual' | 'scheduled',
): DialerTaskCall {
  const a = args(operation, value);
  required(operation, a, ['campaign', 'destination', ...({ insert: [], priority: ['priority'], manual: ['agent'], scheduled: ['calldate'] }[mode])]);
  const base = {
    campaign: a.campaign, destination: a.destination, alternatives: a.alternatives, data: a.data, source: a.source,
  } as DialerContactArgs;
  switch (mode) {
    case 'insert':
      return { ...base, calldate: null, agent: '', automatic: true };
    case 'priority':
      return { ...base, calldate: null, agent: '', automatic: true, priority: int(operation, 'priority', a.priority, 1, 9999) };
    case 'manual':
      return { ...base, calldate: null, agent: str(operation, 'agent', a.agent), automatic: false };
    case 'scheduled':
      if (a.calldate === undefined || a.calldate === null) invalid(operation, 'calldate is required');
      return {
        ...base, calldate: a.calldate as Date | string, agent: '', automatic: true,
        ...(a.timeZone === undefined ? {} : { timeZone: a.timeZone as TimeZoneChoice }),
      };
  }
}

/** Form fields of ScheduleDialerCall: `callschedule` as the Schedule JSON. */
export function scheduleFields(operation: string, value: Schedule): FormFields {
  return { callschedule: JSON.stringify(checkSchedule(operation, value)) };
}

/** Form fields of DeleteDialerContact and DeleteScheduledCall. */
export function targetFields(operation: string, value: unknown): FormFields {
  const a = args(operation, value);
  return { campaign: str(operation, 'campaign', a.campaign), destination: phone(operation, 'destination', a.destination) };
}
