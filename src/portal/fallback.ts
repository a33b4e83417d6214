import { record, type Spec } from '../shared/validate.js';
import { buildData } from './actions.js';
import { CALL_OPTIONS, CONFIRM_OPTIONS } from './options.js';
import type { PortalClient, PortalFallback, RequestOptions } from './types.js';

/**
 * Routes `call` and `hangup` over REST when the page is not inside the portal (opened in its own
 * tab, say); inside the portal the client is returned as it is, so the portal is always used there.
 * Results say which way a request went (`via: 'framework' | 'porthole' | 'rest'`). Arguments and
 * options are checked the same way before anything is sent; the other actions keep their own way
 * (outside the portal: the form framework's helper if the page has it, else `NOT_EMBEDDED`).
 *
 * @example
 * const portal = withFallback(connectPortal(), restFallback(rest, { agent: 'ana', phone: '1001', context: 'from-internal' }))
 * const { guid, via } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function withFallback(client: PortalClient, fallback: PortalFallback): PortalClient {
  if (client.embedded) return client;
  // The options the REST route honours: the deadline and the signal (the way is REST).
  const restOptions = (op: string, options: unknown, spec: Spec): RequestOptions => {
    const { timeoutMs, signal } = record(op, options ?? {}, spec, 'options') as RequestOptions;
    return { ...(timeoutMs !== undefined && { timeoutMs }), ...(signal && { signal }) };
  };
  return {
    ...client,
    async call(args, options) {
      const { campaign, callerid, destination } = buildData('call', args);
      return { action: 'call', guid: await fallback.call({ campaign, callerid, destination }, restOptions('call', options, CALL_OPTIONS)), via: 'rest' };
    },
    async hangup(options) {
      await fallback.hangup(restOptions('hangup', options, CONFIRM_OPTIONS));
      return { action: 'hangup', confirmed: true, via: 'rest' };
    },
  };
}
