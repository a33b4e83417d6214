import { optional, optionalText, phone, record, string, text } from '../shared/validate.js';
import { jsonList } from './parse.js';
import { lookup, readRecord, type AnswerRecord, type OddField } from './record.js';
import type { FormFields } from './transport.js';

// The Agent API (`api/AgentLogoff`, `api/AgentUnBreak`), SMS, queue members and an agent's
// campaigns (contract section 5).

/** Arguments of `agentLogoff` (api/AgentLogoff). */
export interface AgentLogoffArgs {
  readonly agent: string;
  /** The agent's line, e.g. `'SIP/1001'`. */
  readonly interface: string;
  /** Sent only when given. */
  readonly message?: string | undefined;
}

/** Arguments of `agentUnBreak` (api/AgentUnBreak): the agent leaves a break. */
export interface AgentUnBreakArgs {
  readonly agent: string;
  /** The agent's line, e.g. `'SIP/1001'`. */
  readonly interface: string;
  /** Default `''`. */
  readonly motive?: string | undefined;
  /** Default `''`. */
  readonly message?: string | undefined;
}

/** Arguments of `sendSms` (SMS/SendSMSv2). */
export interface SendSmsArgs {
  /** The number to text. */
  readonly destination: string;
  readonly message: string;
  readonly campaign: string;
  /** Default `''`. */
  readonly agent?: string | undefined;
  /** Default `''`. */
  readonly source?: string | undefined;
}

/** What SMS/SendSMSv2 answered: JSON with the message's `id` (seen), kept leniently. */
export interface SmsResult extends AnswerRecord {
  /** The message id (a number is given as its text); `undefined` when the answer has none. */
  readonly id: string | undefined;
  /** The answer's text, trimmed. */
  readonly text: string;
}

/** Arguments of `queueMembers` (queues/getqueuemembersofqueue). */
export interface QueueMembersArgs {
  readonly queue: string;
}

/** One member of a queue. */
export interface QueueMember extends AnswerRecord {
  readonly membername: string;
}

/** Arguments of `agentCampaigns` (IntegraChannels AgentResources/GetCampaigns). */
export interface AgentCampaignsArgs {
  readonly agent: string;
  /** One channel, e.g. `'telephony'`; `''` (default) = all. */
  readonly channel?: string | undefined;
}

/** One channel's campaigns of an agent. */
export interface AgentChannelCampaigns extends AnswerRecord {
  readonly channel: string;
  /** The campaign names (numbers as text; other entries stay in `raw` and make `campaigns` a problem). */
  readonly campaigns: readonly string[];
}

/** Form fields of AgentLogoff (`message` only when given). */
export const logoffFields = (operation: string, args: AgentLogoffArgs): FormFields =>
  // `record` leaves out a key whose value is undefined: `message` is sent only when given.
  record(operation, args, { agent: text, interface: text, message: /* @__PURE__ */ optional(string) }) as FormFields;

/** Form fields of AgentUnBreak: all four, unused ones `''`. */
export const unBreakFields = (operation: string, args: AgentUnBreakArgs): FormFields =>
  record(operation, args, { agent: text, interface: text, motive: optionalText, message: optionalText });

/** Form fields of SendSMSv2. */
export const smsFields = (operation: string, args: SendSmsArgs): FormFields =>
  record(operation, args, { destination: phone, message: text, agent: optionalText, campaign: text, source: optionalText });

/** The query of getqueuemembersofqueue. */
export const queueFields = (operation: string, args: QueueMembersArgs): FormFields => record(operation, args, { queue: text });

/** Form fields of GetCampaigns (`channel` `''` = all). */
export const agentCampaignsFields = (operation: string, args: AgentCampaignsArgs): FormFields =>
  record(operation, args, { agent: text, channel: optionalText });

/** The SendSMSv2 answer: the SMS was sent whatever its shape, so nothing here fails. */
export function parseSms(_operation: string, body: string, odd: OddField): SmsResult {
  const text = body.trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // not JSON: the id is missing, the text is kept
  }
  const f = readRecord(value, odd);
  const id = f.text('id');
  return { id: id || undefined, text, raw: f.raw, problems: f.problems };
}

/** The getqueuemembersofqueue answer: an array of `{ membername, … }`. */
export const parseQueueMembers = (operation: string, body: string, odd: OddField): QueueMember[] =>
  jsonList(operation, body).map((v) => {
    const f = readRecord(v, odd);
    return { membername: f.text('membername'), raw: f.raw, problems: f.problems };
  });

/** The GetCampaigns answer: an array of `{ channel, campaigns: […] }`. */
export const parseAgentCampaigns = (operation: string, body: string, odd: OddField): AgentChannelCampaigns[] =>
  jsonList(operation, body).map((v) => {
    const f = readRecord(v, odd);
    const channel = f.text('channel');
    const all = lookup(f.raw, 'campaigns');
    const campaigns = Array.isArray(all)
      ? all.filter((c): c is string | number => typeof c === 'string' || typeof c === 'number').map(String) : [];
    if (!Array.isArray(all) || campaigns.length < all.length) f.odd('campaigns');
    return { channel, campaigns, raw: f.raw, problems: f.problems };
  });
