import type { CallArgs } from '../portal/actions.js';
import type { PortalFallback, RequestOptions } from '../portal/types.js';
import { callback, optional, optionalText, phone, record, text, wireText } from '../shared/validate.js';
import type { UContactClient } from './types.js';

/** The agent's line, for {@link restFallback}. */
export interface RestFallbackAgent {
  /** Agent name, e.g. `'agent1001'`. */
  readonly agent: string;
  /** The agent's phone (extension). */
  readonly phone: string;
  /** Default `'SIP'`. */
  readonly tech?: string | undefined;
  /** The agent's context configured in uContact. */
  readonly context: string;
  /** Outbound campaign for AgentCall; default: the `campaign` of each `call`. */
  readonly outqueue?: string | undefined;
}

const LINE = { agent: text, phone, tech: /* @__PURE__ */ optional(wireText, 'SIP'), context: text, outqueue: optionalText };

// withFallback hands over only the time limit and the signal, but another caller of a PortalFallback
// may hand more (an earlier withFallback handed hangup's `{ confirm }`): only those two go on to the
// REST client, which refuses unknown keys.
// Called by hand (a test of the REST route, a fallback of the page's own built on this one), no
// options or null are none, as for every call of the library: never a TypeError. An absent one goes
// as undefined, which the REST client takes as absent (a null signal too).
const limits = (options: RequestOptions | null | undefined): RequestOptions => ({ timeoutMs: options?.timeoutMs, signal: options?.signal });

/**
 * Routes the portal client's `call` and `hangup` over REST when the page is not inside the portal:
 * `call` → Agents/AgentCall (resolves with the guid), `hangup` → Agents/HangupPhone. Pass the result
 * to `withFallback` of the main entry. Throws `INVALID_ARGUMENT` for a bad `line`, or a `client`
 * without an `agentCall` method (not a `createUContactClient` client).
 *
 * @example
 * const uc = createUContactClient({ baseUrl, credentials: { agent: 'agent1001', password } })
 * const portal = withFallback(connectPortal(), restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal' }))
 */
export function restFallback(client: UContactClient, line: RestFallbackAgent): PortalFallback {
  const op = 'restFallback';
  callback(op, 'client.agentCall', (client as Partial<UContactClient> | null | undefined)?.agentCall);
  const { outqueue, ...agent } = record(op, line, LINE, 'line');
  return {
    call: (args: Required<CallArgs>, options: RequestOptions) => client.agentCall({
      ...agent, outqueue: outqueue || args.campaign, destination: args.destination, callerid: args.callerid,
    }, limits(options)),
    hangup: async (options: RequestOptions) => void await client.hangupPhone({ phone: agent.phone }, limits(options)),
  };
}
