import { BridgeError, type BridgeErrorCode, type BridgeErrorDetails } from '../errors.js';
import { invalid } from '../shared/fields.js';
import { buildData } from './actions.js';
import { hubFor } from './hub.js';
import { now, type Sent, type Waiter } from './lanes.js';
import { originPolicy } from '../shared/origin.js';
import { checkSignal } from './signal.js';
import type { ConfirmOptions, LogEvent, PortalClient, PortalMessage, PortalOptions } from './types.js';
import { REPLY_LANE, encodeEnvelope, type ActionName, type Answer } from './wire.js';

const MAX_TIMER = 2_147_483_647;

/** A request waiting for its reply: what its timeout and `destroy()` need. */
interface Pending {
  deadline: number;
  giveUp(code: 'TIMEOUT' | 'ABORTED' | 'DESTROYED'): void;
}

function ms(operation: string, name: string, value: unknown): number | undefined {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= MAX_TIMER)) {
    invalid(operation, `${name} must be a number of ms from 1 to ${MAX_TIMER}`);
  }
  return value as number | undefined;
}

/**
 * Connects to the uContact agent portal that frames this page, over Porthole.
 *
 * Never throws for a missing portal: when the page is not in a frame, requests reject at once with
 * `NOT_EMBEDDED`. Throws `INVALID_ARGUMENT` for bad options.
 *
 * @example
 * const portal = connectPortal({ allowedOrigins: 'https://acme.ucontactcloud.com' })
 * const { guid } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function connectPortal(options: PortalOptions = {}): PortalClient {
  const win = options.window ?? (globalThis as { window?: Window }).window;
  const target = options.targetWindow ?? (win && win.parent !== win ? win.parent : undefined);
  const policy = win && originPolicy('connectPortal', win, target, options.allowedOrigins, options.unsafeAllowAnyOrigin === true);
  const late = ms('connectPortal', 'lateReplyWindowMs', options.lateReplyWindowMs) ?? 10_000;
  const persist = options.persistPending !== false;
  for (const a in options.timeouts) ms('connectPortal', `timeouts.${a}`, options.timeouts[a as ActionName]);
  // Few at a time (one per lane, plus queued ones): an array is cheaper than a hashed collection.
  const inflight: Pending[] = [];
  // One timer for all of this client's requests, armed for the earliest deadline and left armed
  // while requests come and go: arming and clearing a timer per call cost 10-15 µs in Chromium, a
  // fifth of a same-origin round trip (bench/). An idle client's timer keeps no Node process alive.
  // Deadlines are performance.now() time: a wall-clock step neither fires nor stretches them.
  let alarm: ReturnType<typeof setTimeout> | undefined;
  let alarmAt = Infinity;
  // Node only (a browser's timer id is a number): whether the alarm keeps the process alive.
  const holdProcess = (hold: boolean): void =>
    (alarm as { ref?: () => void; unref?: () => void } | undefined)?.[hold ? 'ref' : 'unref']?.();
  const wake = (at: number): void => {
    if (at >= alarmAt) return holdProcess(true);
    clearTimeout(alarm);
    alarmAt = at;
    alarm = setTimeout(() => {
      alarmAt = Infinity;
      const t = now();
      for (const p of [...inflight]) if (p.deadline <= t) p.giveUp('TIMEOUT');
      let next = Infinity;
      for (const p of inflight) next = Math.min(next, p.deadline);
      if (next < Infinity) wake(next);
    }, at - now());
  };
  const listeners = new Set<(data: PortalMessage, origin: string) => void>();
  let destroyed = false;

  // Undefined without a hook: call sites use `log?.({...})`, so no event object is built per call.
  const hook = options.log;
  if (hook !== undefined && typeof hook !== 'function') invalid('connectPortal', 'log must be a function');
  const log = hook && ((event: LogEvent): void => {
    try {
      hook(event);
    } catch {
      // A faulty hook must not break the wire.
    }
  });
  const confirmOf = (action: ActionName): boolean => {
    const c = options.confirm;
    return REPLY_LANE[action] === 'guid' || c === true || (typeof c === 'object' && c[action as keyof typeof c] === true);
  };
  const error = (code: BridgeErrorCode, action: string, message: string, more?: BridgeErrorDetails): BridgeError =>
    new BridgeError(code, `${action}: ${message}`, { operation: action, ...more });
  const accepts = (origin: string): boolean => !!policy?.accepts(origin);
  // Porthole's sourceOrigin; a document's origin never changes, so it is read once.
  const sourceOrigin = win ? `${win.location.protocol}//${win.location.host}` : '';
  const hub = win && target && hubFor(win, target);
  // One record for all of this client's messages sent without waiting: what the lanes need of them.
  const unawaited: Sent = { accepts, late, persist };
  const leave = hub?.join({
    accepts, log, persist,
    deliver(data, origin) {
      log?.({ type: 'unsolicited' });
      for (const fn of [...listeners]) {
        try {
          fn(data, origin);
        } catch {
          // A listener's error is the listener's; the next listener still runs.
        }
      }
    },
  });

  const request = (action: ActionName, value: unknown, opts?: ConfirmOptions): Promise<never> =>
    new Promise((resolve, reject) => {
      if (destroyed) throw error('DESTROYED', action, 'the portal client was destroyed');
      const data = buildData(action, value);
      const timeoutMs = ms(action, 'timeoutMs', opts?.timeoutMs) ?? options.timeouts?.[action] ?? (REPLY_LANE[action] === 'guid' ? 30_000 : 10_000);
      const signal = checkSignal(action, opts?.signal);
      if (signal?.aborted) throw error('ABORTED', action, 'aborted before it was sent');
      if (!target || !policy || !win || !hub) throw error('NOT_EMBEDDED', action, 'this page is not inside the uContact portal (no parent frame)');
      const q = hub.lane(REPLY_LANE[action]);
      const post = (): void => {
        const targetOrigin = policy.target(action);
        try {
          target.postMessage(encodeEnvelope(data, sourceOrigin, targetOrigin, win.name), targetOrigin);
        } catch (e) {
          throw error('PORTAL_FAILED', action, 'could not post to the portal window', { cause: e });
        }
        log?.({ type: 'sent', action });
      };

      if (!(opts?.confirm ?? confirmOf(action))) {
        post();
        q.sent(unawaited);
        return resolve({ action, confirmed: false, via: 'portal' } as never);
      }

      // Settles once. Callers settle before they log: a log hook that destroys the client finds
      // the request settled, so it cannot reject a request that was answered.
      const finish = (e?: BridgeError, result?: unknown): void => {
        const i = inflight.indexOf(pending);
        if (i < 0) return;
        inflight.splice(i, 1);
        if (!inflight.length) holdProcess(false);
        if (e) reject(e);
        else resolve(result as never);
        try {
          signal?.removeEventListener('abort', onAbort);
        } catch {
          // The caller's signal object: nothing may escape the message listener or the timer.
        }
      };
      const waiter: Waiter<Answer> = {
        accepts, late, persist,
        send() {
          try {
            post();
            return true;
          } catch (e) {
            finish(e as BridgeError);
            return false;
          }
        },
        answer(reply) {
          // The portal's text may quote call data (a phone number): it stays data, in err.detail.
          finish(
            reply.ok ? undefined : error('PORTAL_FAILED', action, `the portal reported a failure${reply.error ? ' (its reason is in err.detail)' : ''}`, { detail: reply.error }),
            REPLY_LANE[action] === 'guid' ? { action, guid: reply.guid, via: 'portal' } : { action, confirmed: true, via: 'portal' },
          );
          log?.({ type: reply.ok ? 'answered' : 'failed', action });
        },
      };
      const pending: Pending = {
        deadline: now() + timeoutMs,
        giveUp(code) {
          const sent = q.withdraw(waiter);
          if (code === 'DESTROYED') return finish(error(code, action, 'the portal client was destroyed'));
          finish(error(code, action, (code === 'TIMEOUT' ? `no reply within ${timeoutMs} ms` : 'aborted') +
            (sent ? ' (the request was sent)' : ' (never sent: an earlier request of its kind was pending)')));
          log?.({ type: code === 'TIMEOUT' ? 'timeout' : 'aborted', action, reason: sent ? 'sent' : 'queued' });
        },
      };
      const onAbort = (): void => pending.giveUp('ABORTED');
      inflight.push(pending);
      wake(pending.deadline);
      signal?.addEventListener('abort', onAbort);
      q.enqueue(waiter);
    });

  return {
    embedded: !!target,
    call: (args, opts) => request('call', args, opts),
    callWithPhone: (args, opts) => request('callWithPhone', args, opts),
    hangup: (opts) => request('hangup', {}, opts),
    disposition: (args, opts) => request('disposition', args, opts),
    tag: (args, opts) => request('tag', args, opts),
    respool: (respool, opts) => request('respool', respool, opts),
    schedule: (schedule, opts) => request('schedule', schedule, opts),
    on(type, listener) {
      if (type !== 'message' || typeof listener !== 'function') invalid('on', "use on('message', function)");
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      leave?.();
      // Withdrawn requests that were sent stay stale in the shared lanes: a client connected next
      // (a remount) cannot take their late replies.
      clearTimeout(alarm);
      alarmAt = Infinity;
      for (const p of [...inflight]) p.giveUp('DESTROYED');
      listeners.clear();
      log?.({ type: 'destroyed' });
    },
  };
}
