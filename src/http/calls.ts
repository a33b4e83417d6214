import { dateTime, invalid, isRecord, optStr, phone, str, wireValue, type TimeZoneChoice } from '../shared/check.js';
import type { FormFields } from './transport.js';

/** Arguments of `agentCall` (Agents/AgentCall): a two-step call, the agent's phone first. */
export interface AgentCallArgs {
  /** Agent name, e.g. `'agent1001'`. */
  readonly agent: string;
  /** The agent's phone (extension). */
  readonly phone: string;
  /** The agent's context configured in uContact. */
  readonly context: string;
  /** The outbound campaign the call is counted in, e.g. `'Sales->'`. */
  readonly outqueue: string;
  /** The number to dial. */
  readonly destination: string;
  /** The number the call goes out with; `''` (default) lets uContact choose. */
  readonly callerid?: string;
  /** Default `'SIP'`. */
  readonly tech?: string;
}

/** Arguments of `agentCallWithData` (Agents/AgentCallwithData): {@link AgentCallArgs} plus workflow data. */
export interface AgentCallWithDataArgs extends AgentCallArgs {
  /** Sent as JSON text in the `data` field. */
  readonly data: Readonly<Record<string, string>>;
}

/** Arguments of `hangupPhone` (Agents/HangupPhone). */
export interface HangupPhoneArgs {
  /** The agent's phone (extension). */
  readonly phone: string;
}

/** Arguments of `dispositionCall` (api/DispositionCall). Every field is sent; unused ones as `''`. */
export interface DispositionCallArgs {
  readonly campaign: string;
  readonly agent: string;
  /** The caller's number. */
  readonly callerid: string;
  /** The call's guid. */
  readonly guid: string;
  readonly l1: string;
  readonly l2?: string;
  readonly l3?: string;
  readonly d1?: string;
  readonly d2?: string;
  readonly comment?: string;
  /** For SCHEDULE dispositions: a `Date` or `'YYYY-MM-DD HH:mm:ss'`. */
  readonly schedule?: Date | string;
  /** Zone a `Date` schedule is rendered in; default `'local'`. */
  readonly timeZone?: TimeZoneChoice;
  /** Campaign to reschedule in; `''` = the same one. */
  readonly camptoreschedule?: string;
  /** One label or several (joined by `|`). */
  readonly tag?: string | readonly string[];
}

/** Checks that the arguments are an object. */
export function args(operation: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) invalid(operation, 'arguments must be an object');
  return value;
}

/** Labels joined by `|`, as uContact's `UC_TagRecord` does. */
export function labels(operation: string, field: string, value: unknown, required: boolean): string {
  if (value === undefined && !required) return '';
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) invalid(operation, `${field} must name at least one label`);
  return list.map((v, i) => wireValue(operation, list.length > 1 ? `${field}[${i}]` : field, v, false)).join('|');
}

/** Form fields of AgentCall, in the documented order. */
export function agentCallFields(operation: string, value: unknown): Record<string, string> {
  const a = args(operation, value);
  return {
    callerid: phone(operation, 'callerid', a.callerid ?? '', true),
    agent: str(operation, 'agent', a.agent),
    phone: phone(operation, 'phone', a.phone),
    tech: wireValue(operation, 'tech', a.tech ?? 'SIP', false),
    context: str(operation, 'context', a.context),
    outqueue: str(operation, 'outqueue', a.outqueue),
    destination: phone(operation, 'destination', a.destination),
  };
}

/** Form fields of AgentCallwithData: AgentCall's plus `data` as JSON text. */
export function agentCallWithDataFields(operation: string, value: unknown): FormFields {
  const fields = agentCallFields(operation, value);
  const data = (value as Record<string, unknown>).data;
  if (!isRecord(data)) invalid(operation, 'data must be an object of strings');
  for (const [k, v] of Object.entries(data)) {
    if (k === '') invalid(operation, 'data keys must not be empty');
    str(operation, `data.${k}`, v, true);
  }
  return { ...fields, data: JSON.stringify(data) };
}

/** Form fields of HangupPhone. */
export function hangupFields(operation: string, value: unknown): FormFields {
  return { phone: phone(operation, 'phone', args(operation, value).phone) };
}

/** Form fields of DispositionCall: all thirteen, unused ones `''`. */
export function dispositionFields(operation: string, value: unknown): FormFields {
  const a = args(operation, value);
  const zone = a.timeZone === undefined ? undefined : str(operation, 'timeZone', a.timeZone);
  return {
    campaign: str(operation, 'campaign', a.campaign),
    agent: str(operation, 'agent', a.agent),
    callerid: phone(operation, 'callerid', a.callerid, true),
    guid: str(operation, 'guid', a.guid),
    l1: str(operation, 'l1', a.l1),
    l2: optStr(operation, 'l2', a.l2),
    l3: optStr(operation, 'l3', a.l3),
    d1: optStr(operation, 'd1', a.d1),
    d2: optStr(operation, 'd2', a.d2),
    comment: optStr(operation, 'comment', a.comment),
    schedule: a.schedule === undefined ? '' : dateTime(operation, 'schedule', a.schedule, zone, true),
    camptoreschedule: optStr(operation, 'camptoreschedule', a.camptoreschedule),
    tag: labels(operation, 'tag', a.tag, false),
  };
}
