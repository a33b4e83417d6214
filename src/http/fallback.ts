import type { CallArgs } from '../portal/actions.js';
import type { PortalFallback, RequestOptions } from '../portal/types.js';
import { invalid, isRecord, optStr, phone, str } from '../shared/check.js';
import type { UContactClient } from './types.js';

/** The agent's line, for {@link restFallback}. */
export interface RestFallbackAgent {
  /** Agent name, e.g. `'agent1001'`. */
  readonly agent: string;
  /** The agent's phone (extension). */
  readonly phone: string;
  /** Default `'SIP'`. */
  readonly tech?: string;
  /** The agent's context configured in uContact. */
  readonly context: string;
  /** Outbound campaign for AgentCall; default: the `campaign` of each `call`. */
  readonly outqueue?: string;
}

/**
 * Routes the portal client's `call` and `hangup` over REST when the page is not inside the portal:
 * `call` → Agents/AgentCall (resolves with the guid), `hangup` → Agents/HangupPhone.
 *
 * @example
 * const uc = createUContactClient({ baseUrl, credentials: { agent: 'agent1001', password } })
 * const portal = connectPortal({ fallback: restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal' }) })
 */
export function restFallback(client: UContactClient, line: RestFallbackAgent): PortalFallback {
  const op = 'restFallback';
  if (!isRecord(line)) invalid(op, 'the agent line must be an object');
  const agent = str(op, 'agent', line.agent);
  const ext = phone(op, 'phone', line.phone);
  const tech = line.tech === undefined ? 'SIP' : str(op, 'tech', line.tech);
  const context = str(op, 'context', line.context);
  const outqueue = optStr(op, 'outqueue', line.outqueue);
  return {
    call: (args: Required<CallArgs>, options: RequestOptions) => client.agentCall({
      agent, phone: ext, tech, context, outqueue: outqueue || args.campaign,
      destination: args.destination, callerid: args.callerid,
    }, options),
    hangup: async (options: RequestOptions) => void await client.hangupPhone({ phone: ext }, options),
  };
}
