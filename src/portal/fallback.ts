import { buildData } from './actions.js';
import { checkSignal } from './signal.js';
import type { PortalClient, PortalFallback } from './types.js';

/**
 * Routes `call` and `hangup` over REST when the page is not inside the portal (opened in its own
 * tab, say); inside the portal the client is returned as it is, so the proxy is always used there.
 * Results say which way a request went (`via: 'portal' | 'rest'`). Arguments are checked the same
 * way before anything is sent; the other actions still reject with `NOT_EMBEDDED` outside the portal.
 *
 * @example
 * const portal = withFallback(connectPortal(), restFallback(rest, { agent: 'ana', phone: '1001', context: 'from-internal' }))
 * const { guid, via } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function withFallback(client: PortalClient, fallback: PortalFallback): PortalClient {
  if (client.embedded) return client;
  return {
    ...client,
    async call(args, options = {}) {
      const { campaign, callerid, destination } = buildData('call', args);
      checkSignal('call', options.signal);
      return { action: 'call', guid: await fallback.call({ campaign, callerid, destination }, options), via: 'rest' };
    },
    async hangup(options = {}) {
      checkSignal('hangup', options.signal);
      await fallback.hangup(options);
      return { action: 'hangup', confirmed: true, via: 'rest' };
    },
  };
}
