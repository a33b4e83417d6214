import { callback, record, type Spec } from '../shared/validate.js';
import { buildData } from './actions.js';
import { CALL_OPTIONS, CONFIRM_OPTIONS } from './options.js';
import type { PortalClient, PortalFallback, RequestOptions } from './types.js';

/**
 * Routes `call` and `hangup` over REST when the page is not inside the portal (opened in its own
 * tab, say); inside the portal the client is returned as it is, so the portal is always used there.
 * Results say which way a request went (`via: 'framework' | 'porthole' | 'rest'`). Arguments and
 * options are checked the same way before anything is sent; the other actions keep their own way
 * (outside the portal: the form framework's helper if the page has it, else `NOT_EMBEDDED`), and so
 * does a `call` whose own `use` names a way (`'framework'`, `'porthole'`). Outside the portal the
 * client's `use` option does not apply to `call`: without a `use` of its own (or with `'auto'`) it
 * takes REST, the reason to wrap the client.
 *
 * Outside the portal, the REST route's `call` and `hangup` reject with `INVALID_ARGUMENT` (bad
 * arguments or options, before anything is sent), `ABORTED` (a signal aborted before the call:
 * the fallback is not called), `DESTROYED` (after `destroy()`), and what
 * `fallback` rejects with (`restFallback`: the codes of `agentCall` and `hangupPhone`); every other
 * case rejects as {@link PortalClient}'s method.
 *
 * @throws BridgeError `INVALID_ARGUMENT` when `client` or `fallback` lacks its `call` or `hangup`.
 * @example
 * const portal = withFallback(connectPortal(), restFallback(rest, { agent: 'ana', phone: '1001', context: 'from-internal' }))
 * const { guid, via } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function withFallback(client: PortalClient, fallback: PortalFallback): PortalClient {
  for (const [name, o] of [['client', client], ['fallback', fallback]] as const) {
    for (const m of ['call', 'hangup'] as const) callback('withFallback', `${name}.${m}`, (o as Partial<PortalFallback> | null | undefined)?.[m]);
  }
  if (client.embedded) return client;
  // The options the REST route honours: the deadline and the signal (the way is REST). No prototype,
  // here and in what the fallback gets: `use` or `timeoutMs` a bug puts on Object.prototype is no option.
  const restOptions = (op: string, options: unknown, spec: Spec): [string | undefined, RequestOptions] => {
    const { timeoutMs, signal, use } = record(op, options ?? {}, spec, 'options', Object.create(null) as Record<string, unknown>) as RequestOptions & { use?: string };
    return [use, Object.assign(Object.create(null) as RequestOptions, timeoutMs !== undefined && { timeoutMs }, signal && { signal })];
  };
  // Once destroyed, the client answers (DESTROYED): no REST call goes out for an unmounted form.
  let destroyed = false;
  // A REST request runs to its end (the server may act): destroyed meanwhile, its failure is
  // DESTROYED too (below), as its answer, for every request in flight.
  const lost = (e: unknown): void => {
    if (!destroyed) throw e;
  };
  return {
    ...client,
    destroy() {
      destroyed = true;
      client.destroy();
    },
    async call(args, options) {
      if (destroyed) return client.call(args, options);
      const [use, limits] = restOptions('call', options, CALL_OPTIONS);
      // A way named by the caller is kept, with its own argument rules (the framework's helper takes
      // an empty campaign and any callerid): the helper, or NO_FRAMEWORK / NOT_EMBEDDED.
      if (use && use !== 'auto') return client.call(args, options);
      const { campaign, callerid, destination } = buildData('call', args);
      // Aborted already: the client's ABORTED (never sent), as on its own ways; a fallback of the
      // caller's own may not look at the signal.
      if (limits.signal?.aborted) return client.call(args, options);
      const guid = await fallback.call({ campaign, callerid, destination }, limits).catch(lost) as string;
      // Destroyed while REST answered: DESTROYED, as for every request in flight (the call may be placed).
      return destroyed ? client.call(args, options) : { action: 'call', guid, via: 'rest' };
    },
    async hangup(options) {
      if (destroyed) return client.hangup(options);
      const limits = restOptions('hangup', options, CONFIRM_OPTIONS)[1];
      if (limits.signal?.aborted) return client.hangup(options);
      await fallback.hangup(limits).catch(lost);
      return destroyed ? client.hangup(options) : { action: 'hangup', confirmed: true, via: 'rest' };
    },
  };
}
