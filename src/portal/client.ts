import { bridgeError, fail, type BridgeError } from '../errors.js';
import { originPolicy } from '../shared/origin.js';
import { invalid, own, record, type Spec } from '../shared/validate.js';
import { buildData } from './actions.js';
import { createAlarm, now, type Pending } from './alarm.js';
import { HELPERS, helperAnswer, helperArgs, helperOf, type FrameworkAction } from './framework.js';
import { hubFor } from './hub.js';
import type { Sent, Waiter } from './lanes.js';
import { CALL_OPTIONS, CLIENT_OPTIONS, CONFIRM_OPTIONS, REQUEST_OPTIONS, ROUTED_OPTIONS, SEND_OPTIONS } from './options.js';
import { sendData } from './send.js';
import type { PortalOptions } from './options.js';
import type { LogEvent, PortalClient, PortalMessage, ReplyKind, Use, Via } from './types.js';
import { V1_LANES, encodeEnvelope, laneOf, type ActionName, type Answer } from './wire.js';

/** A method of the client that sends something. */
type Method = ActionName | 'send';

/** The per-call options, checked. */
interface Choices {
  timeoutMs?: number;
  signal?: AbortSignal;
  confirm?: boolean;
  use?: Use;
  reply?: ReplyKind;
}

/** No per-call options (all of them are optional): no record() per call for them. */
const NO_CHOICES = Object.create(null) as Choices;

/**
 * Connects to the uContact agent portal that frames this page. `call`, `disposition`, `tag` and
 * `closeForm` go through the portal's form framework (`UC_makeCall_async`, …) when the page has
 * it, over Porthole otherwise (option `use`); every result says which way it went (`via`).
 *
 * Never throws for a missing portal: when the page is not in a frame, Porthole requests reject at
 * once with `NOT_EMBEDDED`. Throws `INVALID_ARGUMENT` for bad options (unknown keys included;
 * `allowedOrigins` is checked where there is a window: without one, in Node or server rendering, the
 * client is inert and its origins are never used).
 *
 * @example
 * const portal = connectPortal({ allowedOrigins: 'https://acme.ucontactcloud.com' })
 * const { guid, via } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function connectPortal(options: PortalOptions = {}): PortalClient {
  // No prototype: `use`, `timeouts` and `confirm` are read at every call, and a key a bug puts on
  // Object.prototype after this must not become one of them.
  const o = record('connectPortal', options, CLIENT_OPTIONS, 'options', Object.create(null) as Record<string, unknown>);
  const win = o.window ?? (globalThis as { window?: Window }).window;
  const target = o.targetWindow ?? (win && win.parent !== win ? win.parent : undefined);
  const policy = win && originPolicy('connectPortal', win, target, o.allowedOrigins, o.unsafeAllowAnyOrigin === true);
  const late = o.lateReplyWindowMs ?? 10_000;
  const persist = o.persistPending !== false;
  const alarm = createAlarm();
  // One entry per subscription: its listener, called now, its error or rejection kept in (below).
  const listeners = new Set<(data: PortalMessage, origin: string) => Promise<unknown>>();
  let destroyed = false;

  // Undefined without a hook: call sites use `log?.({...})`, so no event object is built per call.
  const hook = o.log as ((event: LogEvent) => void) | undefined;
  const log = hook && ((event: LogEvent): void => {
    try {
      // An async hook's rejection too: unhandled, it reaches the console (and stops a Node test run).
      void (hook(event) as unknown as Promise<void> | undefined)?.catch?.(() => undefined);
    } catch {
      // A faulty hook must not break the wire.
    }
  });
  // Porthole's sourceOrigin; a document's origin never changes, so it is read once.
  const sourceOrigin = win?.location ? `${win.location.protocol}//${win.location.host}` : '';
  const hub = win && target && hubFor(win, target);
  // One record for all of this client's messages sent without waiting: what the lanes need of them.
  // Its origin check is the policy's (an arrow, no `this`): only a hub calls it, and a hub is made
  // only with a window, and then there is a policy.
  const unawaited: Sent = { accepts: policy?.accepts as Sent['accepts'], late, persist };
  const leave = hub?.join({
    // Its accepts and persist (and late, which the hub never reads) are the ones of unawaited.
    ...unawaited, log,
    deliver(data, origin) {
      // A listener of another client may have destroyed this one while the hub delivers the message.
      if (destroyed) return;
      log?.({ type: 'unsolicited' });
      for (const fn of [...listeners]) {
        // One removed meanwhile (by an earlier listener, or destroy()) is not called.
        if (!listeners.has(fn)) continue;
        // A listener's error, or its promise's (an async listener's: unhandled, the browser prints
        // it and Node stops), is the listener's; the next listener still runs, and only the log hook
        // hears of it (`handlerFailed`, no data: its text may quote the message), as with the
        // uPhone's handlers; not after 'destroyed' (a listener may destroy the client, then throw).
        fn(data, origin).catch(() => destroyed || log?.({ type: 'handlerFailed' }));
      }
    },
  });

  const request = (op: Method, args: unknown, opts: unknown, spec: Spec): Promise<never> =>
    new Promise((resolve, reject) => {
      if (destroyed) fail('DESTROYED', op, 'the portal client was destroyed');
      // No options is the usual call: every per-call option is optional, so that is no choice at all.
      // No prototype either: `reply` (a raw send's only) a bug puts on Object.prototype is no option of a hangup.
      const r = opts == null ? NO_CHOICES : record(op, opts, spec, 'options', Object.create(null) as Record<string, unknown>) as Choices;
      const way = r.use ?? o.use;
      // Looked up at each call: the framework's script may load after the library. An own key of
      // HELPERS: an action name a bug puts on Object.prototype (`hangup: 'close'`) names no helper.
      const helper = own(HELPERS, op) && way !== 'porthole' ? helperOf(win, op as FrameworkAction) : undefined;
      const framework = way === 'framework' ? own(HELPERS, op) : !!helper;
      const helperCall = framework ? helperArgs(op as FrameworkAction, args) : undefined;
      const data = framework ? undefined : op === 'send' ? sendData(op, args) : buildData(op, args);
      const action = data?.action ?? op;
      const reply = r.reply ?? 'none';
      // `reply` is a raw send's option ('none' for the typed methods, whose action is their name).
      const lane = reply === 'guid' ? 'guid' : laneOf(action);
      // A helper's promise is always awaited; a raw send waits when it names a reply; a call waits
      // for its guid; another action when confirmed (the call's `confirm`, else the client's).
      const wait = framework || (op === 'send' ? reply !== 'none'
        : lane === 'guid' || (r.confirm ?? (o.confirm === true || (typeof o.confirm === 'object' && o.confirm[op] === true))));
      const timeoutMs = r.timeoutMs ?? o.timeouts?.[op] ?? (lane === 'guid' ? 30_000 : 10_000);
      const signal = r.signal;
      if (signal?.aborted) fail('ABORTED', op, 'aborted (never sent)', { cause: signal.reason });
      const via: Via = framework ? 'framework' : 'porthole';
      // This request's log events: {type, action, via, reason?}, built only when there is a hook;
      // none after 'destroyed' (a helper or a log hook may destroy the client while it is sent).
      const note = (type: LogEvent['type'], reason?: string): void => void (destroyed || log?.({ type, action: op, via, ...(reason && { reason }) }));
      const result = (answer?: Answer): unknown => (op === 'send'
        ? { action, confirmed: !!answer, via, ...(answer && reply === 'guid' && { guid: answer.guid }), ...(answer?.data && { reply: answer.data }) }
        : lane === 'guid' ? { action, guid: answer?.guid, via } : { action, confirmed: !!answer, via });

      // The one machinery of every request that waits, whichever way it went: its deadline on the
      // client's alarm, the caller's signal, destroy(). `stop` withdraws it and says how far it got.
      // It settles once; callers settle before they log, so a log hook that destroys the client
      // finds the request settled and cannot reject a request that was answered. Both set by track(),
      // which every way runs before anything can answer, fail or give up.
      let finish!: (e?: BridgeError, value?: unknown) => boolean;
      let deadline!: number;
      const track = (stop: () => [string, string]): void => {
        const pending: Pending = {
          deadline: deadline = now() + timeoutMs,
          giveUp(code) {
            const [how, reason] = stop();
            if (code === 'DESTROYED') return void finish(bridgeError(code, op, `the portal client was destroyed${how}`));
            // The log event's type is the code's name: 'timeout' or 'aborted'. Not for a request a log
            // hook settled meanwhile (it destroyed the client, or aborted this one, at another's timeout).
            if (finish(code === 'TIMEOUT' ? bridgeError(code, op, `no reply within ${timeoutMs} ms${how}`)
              : bridgeError(code, op, `aborted${how}`, { cause: signal?.reason }))) {
              note(code.toLowerCase() as 'timeout' | 'aborted', reason);
            }
          },
        };
        const onAbort = (): void => pending.giveUp('ABORTED');
        finish = (e, value) => {
          if (!alarm.drop(pending)) return false;
          if (e) reject(e);
          else resolve(value as never);
          try {
            signal?.removeEventListener('abort', onAbort);
          } catch {
            // The caller's signal object: nothing may escape the message listener or the timer.
          }
          return true;
        };
        // First: a signal whose addEventListener throws (a polyfill's bug) rejects the call with
        // nothing watched (it was timed out later, and logged so).
        signal?.addEventListener('abort', onAbort);
        alarm.add(pending);
      };
      // `cause`: what a helper threw or rejected with (its stack), never in a message or a log.
      const answered = (answer: Answer, cause?: { cause: unknown }): void => {
        // The other side's text may quote call data (a phone number): it stays data, in err.detail.
        const e = answer.ok ? undefined : bridgeError('PORTAL_FAILED', op,
          `${framework ? HELPERS[op as FrameworkAction] : 'the portal'} reported a failure${answer.error ? ' (its reason is in err.detail)' : ''}`,
          { detail: answer.error, ...cause });
        if (finish(e, result(answer))) note(answer.ok ? 'answered' : 'failed');
      };

      if (helperCall) {
        const name = HELPERS[op as FrameworkAction];
        // A helper is found only in a window (helperOf).
        if (!helper) return fail('NO_FRAMEWORK', op, `${name} is not defined: the form framework (integraFramework.js) is not loaded`);
        const params = helperCall(win!, helper);
        track(() => [` (${name} was called: it may still complete)`, 'called']);
        new Promise((settled) => settled(helper.apply(win!, params))).then(
          (v) => answered(helperAnswer(op as FrameworkAction, v, false)),
          (e: unknown) => answered(helperAnswer(op as FrameworkAction, e, true), { cause: e }),
        );
        return note('sent');
      }

      // A hub is made only with a window and a target, and then there is a policy.
      if (!hub) return fail('NOT_EMBEDDED', op, 'this page is not inside the uContact portal (no parent frame)');
      // A hub an older copy of the library made (protocol v1) routes the replies of its own lanes only.
      const q = hub.v > 1 || V1_LANES.includes(lane) ? hub.lane(lane) : undefined;
      // A message nobody waits for takes its slot in the lane once posted, before the log hook hears
      // 'sent': a request the hook makes in that lane then waits behind it, and never takes its
      // reply (a call took the guid of a raw send's call).
      const post = (): void => {
        const targetOrigin = policy!.target(op);
        try {
          target!.postMessage(encodeEnvelope(data, sourceOrigin, targetOrigin, win!.name), targetOrigin);
        } catch (e) {
          fail('PORTAL_FAILED', op, 'could not post to the portal window', { cause: e });
        }
        if (!wait) q?.sent(unawaited);
        note('sent');
      };

      if (!wait) {
        post();
        resolve(result() as never);
        // Only posted: a portal may ignore it. Visible in the result (confirmed: false) and here.
        return note('unconfirmed', op === 'closeForm' ? 'guessed' : undefined);
      }
      if (!q) {
        return invalid(op, `an older copy of ucontact-bridge made this page's reply lanes: they cannot route this reply (use ${op === 'send' ? "reply: 'guid' or 'none'" : 'confirm: false'})`);
      }
      const waiter: Waiter<Answer> = {
        ...unawaited,
        send() {
          // Due, or its client destroyed: never posted (a lane's timer and the client's alarm may
          // come due in one ms, in either order). The alarm, or destroy(), gives it up: never sent.
          if (destroyed || now() >= deadline) return false;
          try {
            post();
            return true;
          } catch (e) {
            finish(e as BridgeError);
            return false;
          }
        },
        answer: answered,
      };
      track(() => (q.withdraw(waiter)
        ? [' (the request was sent)', 'sent']
        : [' (never sent: an earlier request of its kind was pending)', 'queued']));
      q.enqueue(waiter);
    });

  return {
    // A portal to talk to: a parent (or targetWindow) and a window to hear it in.
    embedded: !!hub,
    call: (args, opts) => request('call', args, opts, CALL_OPTIONS),
    callWithPhone: (args, opts) => request('callWithPhone', args, opts, REQUEST_OPTIONS),
    hangup: (opts) => request('hangup', {}, opts, CONFIRM_OPTIONS),
    disposition: (args, opts) => request('disposition', args, opts, ROUTED_OPTIONS),
    tag: (args, opts) => request('tag', args, opts, ROUTED_OPTIONS),
    closeForm: (opts) => request('closeForm', {}, opts, ROUTED_OPTIONS),
    respool: (respool, opts) => request('respool', respool, opts, CONFIRM_OPTIONS),
    schedule: (schedule, opts) => request('schedule', schedule, opts, CONFIRM_OPTIONS),
    send: (data, opts) => request('send', data, opts, SEND_OPTIONS),
    on(type, listener) {
      if (type !== 'message' || typeof listener !== 'function') invalid('on', "use on('message', function)");
      // Each subscription its own entry: two components that subscribe one shared function each
      // end their own subscription (a Set of the function itself kept one, which either ended). A
      // function of ours, not the page's bind: Prototype.js 1.6's returns the function itself. Async:
      // the listener runs at once, and what it throws or rejects with stays in the promise.
      const sub = async (data: PortalMessage, origin: string): Promise<unknown> => listener(data, origin);
      listeners.add(sub);
      return () => void listeners.delete(sub);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      // Withdrawn requests that were sent stay stale in the shared lanes: a client connected next
      // (a remount) cannot take their late replies. A helper already called may still act. Before
      // leaving: the hub, left by its last client, then sees each slot's window as it will close.
      alarm.stop('DESTROYED');
      leave?.();
      listeners.clear();
      log?.({ type: 'destroyed' });
    },
  };
}
