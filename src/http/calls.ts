import { stringify } from '../shared/json.js';
import {
  formatDateTime, optional, optionalDateTime, optionalLabels, optionalPhone, optionalText, phone, record, string, strings, text, timeZone, wireText,
  type TimeZoneChoice,
} from '../shared/validate.js';
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
  readonly callerid?: string | undefined;
  /** Default `'SIP'`. */
  readonly tech?: string | undefined;
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
  /**
   * The caller as the CTI gives it: a phone number on a voice call, an e-mail address or a chat id
   * on other channels; `''` when unknown. Every field is sent as given; empty is allowed (spec 5).
   */
  readonly callerid: string;
  /** The call's guid. */
  readonly guid: string;
  readonly l1: string;
  readonly l2?: string | undefined;
  readonly l3?: string | undefined;
  readonly d1?: string | undefined;
  readonly d2?: string | undefined;
  readonly comment?: string | undefined;
  /** For SCHEDULE dispositions: a `Date` or `'YYYY-MM-DD HH:mm:ss'`; `''` (default) = none. */
  readonly schedule?: Date | string | undefined;
  /** Zone a `Date` schedule is rendered in; default: the client's `timeZone` option, else `'local'`. */
  readonly timeZone?: TimeZoneChoice | undefined;
  /** Campaign to reschedule in; `''` = the same one. */
  readonly camptoreschedule?: string | undefined;
  /** One label or several (joined by `|`). */
  readonly tag?: string | readonly string[] | undefined;
}

const AGENT_CALL = {
  callerid: optionalPhone, agent: text, phone, tech: /* @__PURE__ */ optional(wireText, 'SIP'), context: text, outqueue: text, destination: phone,
};

const DISPOSITION = {
  // Every field present, empty allowed (spec 5); callerid is the contact's id on its channel: a
  // number for a voice call, an e-mail address or a chat id on others (spec 4.2).
  campaign: string, agent: string, callerid: string, guid: string, l1: string, l2: optionalText, l3: optionalText, d1: optionalText,
  d2: optionalText, comment: optionalText, schedule: optionalDateTime, camptoreschedule: optionalText, tag: optionalLabels,
  timeZone: /* @__PURE__ */ optional(timeZone),
};

/** Form fields of AgentCall, in the documented order. */
export const agentCallFields = (operation: string, args: AgentCallArgs): FormFields => record(operation, args, AGENT_CALL);

/** Form fields of AgentCallwithData: AgentCall's plus `data` as JSON text. */
export function agentCallWithDataFields(operation: string, args: AgentCallWithDataArgs): FormFields {
  const { data, ...fields } = record(operation, args, { ...AGENT_CALL, data: strings });
  return { ...fields, data: stringify(data) };
}

/** Form fields of HangupPhone. */
export const hangupFields = (operation: string, args: HangupPhoneArgs): FormFields => record(operation, args, { phone });

/** Form fields of DispositionCall: all thirteen, unused ones `''`; a `Date` schedule rendered in `timeZone`. */
export function dispositionFields(operation: string, args: DispositionCallArgs, fallback?: TimeZoneChoice): FormFields {
  const { timeZone: zone = fallback, ...fields } = record(operation, args, DISPOSITION);
  return { ...fields, schedule: formatDateTime(fields.schedule, zone) };
}
