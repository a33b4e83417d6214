import { BridgeError, type BridgeErrorCode } from '../errors.js';
import { invalid } from '../shared/check.js';
import { BUILD } from './actions.js';
import { LaneQueue, type Waiter } from './lanes.js';
import { originPolicy } from './origin.js';
import type {
  ActionResult, CallResult, ConfirmOptions, LogEvent, PortalClient, PortalMessage, PortalOptions, RequestOptions,
} from './types.js';
import {
  REPLY_LANE, classifyReply, decodeEnvelope, encodeEnvelope, type ActionData, type ActionName, type Lane, type Reply,
} from './wire.js';

type Answer = Extract<Reply, { kind: 'reply' }>;
type Result = CallResult | ActionResult<ActionName>;

const MAX_TIMER = 2_147_483_647;

function ms(operation: string, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || value > MAX_TIMER) {
    invalid(operation, `${field} must be a number of ms from 1 to ${MAX_TIMER}`);
  }
  return value;
}

/**
 * Connects to the uContact agent portal that frames this page, over Porthole.
 *
 * Never throws for a missing portal: when the page is not in a frame, requests reject at once with
 * `NOT_EMBEDDED` (or go over REST with a `fallback`). Throws `INVALID_ARGUMENT` for bad options.
 *
 * @example
 * const portal = connectPortal({ allowedOrigins: 'https://acme.ucontactcloud.com' })
 * const { guid } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function connectPortal(options: PortalOptions = {}): PortalClient {
  const win = options.window ?? (globalThis as { window?: Window }).window;
  const target = options.targetWindow ?? (win && win.parent !== win ? win.parent : undefined);
  const policy = win ? originPolicy(win, target, options.allowedOrigins, options.unsafeAllowAnyOrigin === true) : undefined;
  const lateMs = ms('connectPortal', 'lateReplyWindowMs', options.lateReplyWindowMs, 10_000);
  const timeouts = Object.fromEntries(
    Object.keys(BUILD).map((a) => [a, ms('connectPortal', `timeouts.${a}`, options.timeouts?.[a as ActionName],
      REPLY_LANE[a as ActionName] === 'guid' ? 30_000 : 10_000)]),
  ) as Record<ActionName, number>;
  const lanes = new Map<Lane, LaneQueue<Answer>>();
  const inflight = new Map<(error: BridgeError) => void, ActionName>();
  const listeners = new Set<(data: PortalMessage, origin: string) => void>();
  let destroyed = false;

  const log = (event: LogEvent): void => {
    try {
      options.log?.(event);
    } catch {
      // A faulty hook must not break the wire.
    }
  };
  const lane = (name: Lane): LaneQueue<Answer> => {
    let q = lanes.get(name);
    if (!q) lanes.set(name, (q = new LaneQueue<Answer>(lateMs)));
    return q;
  };
  const confirmByDefault = (action: ActionName): boolean => {
    const c = options.confirm;
    return REPLY_LANE[action] === 'guid' || c === true || (typeof c === 'object' && c[action as keyof typeof c] === true);
  };

  const onMessage = (event: MessageEvent): void => {
    // Porthole never checks who posted: we check the window and the origin before reading anything.
    if (destroyed || event.source !== target || !policy?.accepts(event.origin)) {
      log({ type: 'ignored', reason: event.source !== target ? 'source' : 'origin' });
      return;
    }
    const data = decodeEnvelope(event.data);
    if (!data) return log({ type: 'ignored', reason: 'shape' });
    const reply = classifyReply(data);
    if (reply.kind === 'malformed') return log({ type: 'ignored', reason: `malformed ${reply.lane} reply` });
    const routed = reply.kind === 'reply' ? lane(reply.lane).reply(reply) : 'unsolicited';
    if (routed === 'stale') log({ type: 'stale-reply', reason: reply.kind === 'reply' ? reply.lane : '' });
    if (routed !== 'unsolicited') return;
    log({ type: 'unsolicited' });
    for (const fn of [...listeners]) {
      try {
        fn(data, event.origin);
      } catch {
        // A listener's error is the listener's; the next listener still runs.
      }
    }
  };
  win?.addEventListener('message', onMessage);

  function request(action: ActionName, value: unknown, opts: ConfirmOptions = {}): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const fail = (code: BridgeErrorCode, message: string, cause?: unknown): void =>
        reject(new BridgeError(code, `${action}: ${message}`, cause === undefined ? { operation: action } : { operation: action, cause }));
      if (destroyed) return fail('DESTROYED', 'the portal client was destroyed');
      const data = BUILD[action](value);
      const timeoutMs = ms(action, 'timeoutMs', opts.timeoutMs, timeouts[action]);
      const { signal } = opts;
      if (signal?.aborted) return fail('ABORTED', 'aborted before it was sent');
      if (!target || !win || !policy) {
        if (options.fallback && (action === 'call' || action === 'hangup')) {
          log({ type: 'fallback', action });
          const { campaign, callerid, destination } = data as ActionData['call'];
          const rest = action === 'call'
            ? options.fallback.call({ campaign, callerid, destination }, opts).then((guid) => ({ action, guid, via: 'rest' as const }))
            : options.fallback.hangup(opts).then(() => ({ action, confirmed: true, via: 'rest' as const }));
          return void rest.then(resolve, reject);
        }
        return fail('NOT_EMBEDDED', 'this page is not inside the uContact portal (no parent frame)');
      }
      const post = (): void => {
        const targetOrigin = policy.target(action);
        target.postMessage(encodeEnvelope({
          data, sourceOrigin: `${win.location.protocol}//${win.location.host}`, targetOrigin,
          sourceWindowName: win.name, targetWindowName: '',
        }), targetOrigin);
        log({ type: 'sent', action });
      };
      const postError = (e: unknown): BridgeError => e instanceof BridgeError
        ? e
        : new BridgeError('PORTAL_FAILED', `${action}: could not post to the portal window`, { operation: action, cause: e });
      const q = lane(REPLY_LANE[action]);

      if (!(opts.confirm ?? confirmByDefault(action))) {
        try {
          post();
        } catch (e) {
          return reject(postError(e));
        }
        q.sentUnawaited();
        return resolve({ action, confirmed: false, via: 'portal' } as Result);
      }

      const timer = setTimeout(() => giveUp('TIMEOUT'), timeoutMs);
      const finish = (error: BridgeError | undefined, result?: Result): void => {
        if (!inflight.delete(finish)) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(result as Result);
      };
      const waiter: Waiter<Answer> = {
        send() {
          try {
            post();
            return true;
          } catch (e) {
            finish(postError(e));
            return false;
          }
        },
        answer(reply) {
          log({ type: reply.ok ? 'answered' : 'failed', action });
          if (!reply.ok) {
            const why = reply.error ? `: ${reply.error}` : '';
            return finish(new BridgeError('PORTAL_FAILED', `${action}: the portal reported a failure${why}`, { operation: action }));
          }
          finish(undefined, REPLY_LANE[action] === 'guid'
            ? { action, guid: reply.guid, via: 'portal' } as CallResult
            : { action, confirmed: true, via: 'portal' } as Result);
        },
      };
      const giveUp = (code: 'TIMEOUT' | 'ABORTED'): void => {
        const sent = q.withdraw(waiter);
        log({ type: code === 'TIMEOUT' ? 'timeout' : 'aborted', action, reason: sent ? 'sent' : 'queued' });
        const what = code === 'TIMEOUT' ? `no reply within ${timeoutMs} ms` : 'aborted';
        finish(new BridgeError(code, `${action}: ${what}${sent ? ' (the request was sent)' : ' (never sent: an earlier request of its kind was pending)'}`, { operation: action }));
      };
      const onAbort = (): void => giveUp('ABORTED');
      inflight.set(finish, action);
      signal?.addEventListener('abort', onAbort, { once: true });
      q.enqueue(waiter);
    });
  }

  return {
    embedded: target !== undefined,
    call: (args, opts) => request('call', args, opts) as Promise<CallResult>,
    callWithPhone: (args, opts) => request('callWithPhone', args, opts) as Promise<CallResult>,
    hangup: (opts) => request('hangup', {}, opts) as Promise<ActionResult<'hangup'>>,
    disposition: (args, opts) => request('disposition', args, opts) as Promise<ActionResult<'disposition'>>,
    tag: (args, opts) => request('tag', args, opts) as Promise<ActionResult<'tag'>>,
    respool: (respool, opts) => request('respool', respool, opts) as Promise<ActionResult<'respool'>>,
    schedule: (schedule, opts) => request('schedule', schedule, opts) as Promise<ActionResult<'schedule'>>,
    on(type, listener) {
      if (type !== 'message' || typeof listener !== 'function') invalid('on', "use on('message', function)");
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      win?.removeEventListener('message', onMessage);
      for (const q of lanes.values()) q.clear();
      for (const [finish, action] of [...inflight]) {
        finish(new BridgeError('DESTROYED', `${action}: the portal client was destroyed`, { operation: action }));
      }
      listeners.clear();
      log({ type: 'destroyed' });
    },
  };
}

export type { RequestOptions };
