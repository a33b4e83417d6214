import { bridgeError, fail, type BridgeError } from '../errors.js';
import { originPolicy, type OriginPolicy } from '../shared/origin.js';
import { invalid, record, type Spec } from '../shared/validate.js';
import { buildData } from './actions.js';
import { createAlarm, now, type GiveUp, type Pending } from './alarm.js';
import { HELPERS, helperAnswer, helperArgs, helperOf, type FrameworkAction } from './framework.js';
import { hubFor } from './hub.js';
import type { Lane, Sent, Waiter } from './lanes.js';
import { CALL_OPTIONS, CLIENT_OPTIONS, CONFIRM_OPTIONS, REQUEST_OPTIONS, ROUTED_OPTIONS, SEND_OPTIONS } from './options.js';
import { sendData } from './send.js';
import type { LogEvent, PortalClient, PortalMessage, PortalOptions, ReplyKind, Use, Via } from './types.js';
import { REPLY_LANE, V1_LANES, encodeEnvelope, laneOf, type ActionName, type Answer } from './wire.js';

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

/** No per-call options (all of them are optional). */
const NO_CHOICES: Choices = {};

/** What a request resolves with, from its answer (none: it was only posted). */
function result(op: Method, action: string, via: Via, reply: ReplyKind, lane: string, answer?: Answer): unknown {
  return op === 'send'
    ? { action, confirmed: !!answer, via, ...(answer && reply === 'guid' && { guid: answer.guid }), ...(answer?.data && { reply: answer.data }) }
    : lane === 'guid' ? { action, guid: answer?.guid, via } : { action, confirmed: !!answer, via };
}

/**
 * Connects to the uContact agent portal that frames this page. `call`, `disposition`, `tag` and
 * `closeForm` go through the portal's form framework (`UC_makeCall_async`, …) when the page has
 * it, over Porthole otherwise (option `use`); every result says which way it went (`via`).
 *
 * Never throws for a missing portal: when the page is not in a frame, Porthole requests reject at
 * once with `NOT_EMBEDDED`. Throws `INVALID_ARGUMENT` for bad options (unknown keys included).
 *
 * @example
 * const portal = connectPortal({ allowedOrigins: 'https://acme.ucontactcloud.com' })
 * const { guid, via } = await portal.call({ campaign: 'Sales->', destination: '099123456' })
 */
export function connectPortal(options: PortalOptions = {}): PortalClient {
  const o = record('connectPortal', options, CLIENT_OPTIONS, 'options');
  const win = o.window ?? (globalThis as { window?: Window }).window;
  const target = o.targetWindow ?? (win && win.parent !== win ? win.parent : undefined);
  const policy = win && originPolicy('connectPortal', win, target, o.allowedOrigins, o.unsafeAllowAnyOrigin === true);
  const late = o.lateReplyWindowMs ?? 10_000;
  const persist = o.persistPending !== false;
  const alarm = createAlarm();
  const listeners = new Set<(data: PortalMessage, origin: string) => void>();
  let destroyed = false;

  // Undefined without a hook: call sites use `log?.({...})`, so no event object is built per call.
  const hook = o.log as ((event: LogEvent) => void) | undefined;
  const log = hook && ((event: LogEvent): void => {
    try {
      hook(event);
    } catch {
      // A faulty hook must not break the wire.
    }
  });
  const confirmOf = (op: Method): boolean => o.confirm === true || (typeof o.confirm === 'object' && o.confirm[op] === true);
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

  // Posts a Porthole message (after the origin check of `op`); throws PORTAL_FAILED when posting fails.
  const post = (op: Method, data: unknown): void => {
    const targetOrigin = (policy as OriginPolicy).target(op);
    try {
      (target as Window).postMessage(encodeEnvelope(data, sourceOrigin, targetOrigin, (win as Window).name), targetOrigin);
    } catch (e) {
      fail('PORTAL_FAILED', op, 'could not post to the portal window', { cause: e });
    }
    log?.({ type: 'sent', action: op, via: 'porthole' });
  };

  /**
   * A request that waits for its answer, whichever way it went: the lanes' waiter and the alarm's
   * pending request in one object whose methods are shared, so a call allocates no closures (the
   * fixed cost of a call is most of what a same-origin round trip adds to raw postMessage, bench/).
   * It settles once; callers settle before they log, so a log hook that destroys the client finds
   * the request settled and cannot reject a request that was answered.
   */
  class Job implements Waiter<Answer>, Pending {
    readonly accepts = accepts;
    readonly late = late;
    readonly persist = persist;
    readonly deadline: number;
    /** The lane it waits in (Porthole); undefined when a framework helper was called. */
    q: Lane<Answer> | undefined;
    onAbort: (() => void) | undefined;

    constructor(
      readonly op: Method, readonly via: Via, readonly data: unknown, readonly action: string, readonly reply: ReplyKind,
      readonly lane: string, readonly timeoutMs: number, readonly signal: AbortSignal | undefined,
      readonly resolve: (value: never) => void, readonly reject: (e: unknown) => void,
    ) {
      this.deadline = now() + timeoutMs;
    }

    /** Watches its deadline and its signal. */
    track(): void {
      alarm.add(this);
      if (this.signal) this.signal.addEventListener('abort', (this.onAbort = () => this.giveUp('ABORTED')));
    }

    send(): boolean {
      try {
        post(this.op, this.data);
        return true;
      } catch (e) {
        this.finish(e as BridgeError);
        return false;
      }
    }

    answer(answer: Answer): void {
      const { op } = this;
      // The other side's text may quote call data (a phone number): it stays data, in err.detail.
      const e = answer.ok ? undefined : bridgeError('PORTAL_FAILED', op,
        `${this.q ? 'the portal' : HELPERS[op as FrameworkAction]} reported a failure${answer.error ? ' (its reason is in err.detail)' : ''}`,
        { detail: answer.error });
      if (this.finish(e, result(op, this.action, this.via, this.reply, this.lane, answer))) {
        log?.({ type: answer.ok ? 'answered' : 'failed', action: op, via: this.via });
      }
    }

    giveUp(code: GiveUp): void {
      const { op, q } = this;
      // How far it got: a helper already called may still act; a message sent or only queued.
      const [how, reason] = !q ? [` (${HELPERS[op as FrameworkAction]} was called: it may still complete)`, 'called']
        : q.withdraw(this) ? [' (the request was sent)', 'sent'] : [' (never sent: an earlier request of its kind was pending)', 'queued'];
      if (code === 'DESTROYED') return void this.finish(bridgeError(code, op, 'the portal client was destroyed'));
      this.finish(bridgeError(code, op, (code === 'TIMEOUT' ? `no reply within ${this.timeoutMs} ms` : 'aborted') + how));
      log?.({ type: code === 'TIMEOUT' ? 'timeout' : 'aborted', action: op, via: this.via, reason });
    }

    finish(e?: BridgeError, value?: unknown): boolean {
      if (!alarm.drop(this)) return false;
      if (e) this.reject(e);
      else this.resolve(value as never);
      if (this.onAbort) {
        try {
          this.signal?.removeEventListener('abort', this.onAbort);
        } catch {
          // The caller's signal object: nothing may escape the message listener or the timer.
        }
      }
      return true;
    }
  }

  const request = (op: Method, args: unknown, opts: unknown, spec: Spec): Promise<never> =>
    new Promise((resolve, reject) => {
      if (destroyed) fail('DESTROYED', op, 'the portal client was destroyed');
      // No options is the usual call: every per-call option is optional, so that is no choice at all.
      const r = opts == null ? NO_CHOICES : record(op, opts, spec, 'options') as Choices;
      const way = r.use ?? o.use;
      // Looked up at each call: the framework's script may load after the library.
      const routed = op in HELPERS;
      const helper = routed && way !== 'porthole' ? helperOf(win, op as FrameworkAction) : undefined;
      const framework = routed && (way === 'framework' || !!helper);
      const helperCall = framework ? helperArgs(op as FrameworkAction, args) : undefined;
      const data = framework ? undefined : op === 'send' ? sendData(op, args) : buildData(op, args);
      const action = data?.action ?? op;
      const reply = r.reply ?? 'none';
      const lane = op === 'send' ? (reply === 'guid' ? 'guid' : laneOf(action)) : REPLY_LANE[op];
      const wait = framework || (op === 'send' ? reply !== 'none' : lane === 'guid' || (r.confirm ?? confirmOf(op)));
      const timeoutMs = r.timeoutMs ?? o.timeouts?.[op] ?? (lane === 'guid' ? 30_000 : 10_000);
      const signal = r.signal;
      if (signal?.aborted) fail('ABORTED', op, 'aborted before it was sent');
      const via: Via = framework ? 'framework' : 'porthole';

      if (helperCall) {
        const name = HELPERS[op as FrameworkAction];
        if (!helper || !win) {
          return fail('NO_FRAMEWORK', op, `${name} is not defined: the form framework (integraFramework.js) is not loaded`);
        }
        const params = helperCall(win);
        const job = new Job(op, via, data, action, reply, lane, timeoutMs, signal, resolve, reject);
        job.track();
        new Promise((settled) => settled(helper.apply(win, params))).then(
          (v) => job.answer(helperAnswer(op as FrameworkAction, v, false)),
          (e: unknown) => job.answer(helperAnswer(op as FrameworkAction, e, true)),
        );
        return log?.({ type: 'sent', action: op, via });
      }

      if (!target || !policy || !win || !hub) return fail('NOT_EMBEDDED', op, 'this page is not inside the uContact portal (no parent frame)');
      // A hub an older copy of the library made (protocol v1) routes the replies of its own lanes only.
      const q = hub.v > 1 || V1_LANES.includes(lane) ? hub.lane(lane) : undefined;

      if (!wait) {
        post(op, data);
        q?.sent(unawaited);
        resolve(result(op, action, via, reply, lane) as never);
        // Only posted: a portal may ignore it. Visible in the result (confirmed: false) and here.
        return log?.({ type: 'unconfirmed', action: op, via, ...(op === 'closeForm' && { reason: 'guessed' }) });
      }
      if (!q) {
        return invalid(op, `an older copy of ucontact-bridge made this page's reply lanes: they cannot route this reply (use ${op === 'send' ? "reply: 'guid' or 'none'" : 'confirm: false'})`);
      }
      const job = new Job(op, via, data, action, reply, lane, timeoutMs, signal, resolve, reject);
      job.q = q;
      job.track();
      q.enqueue(job);
    });

  return {
    embedded: !!target,
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
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      leave?.();
      // Withdrawn requests that were sent stay stale in the shared lanes: a client connected next
      // (a remount) cannot take their late replies. A helper already called may still act.
      alarm.stop('DESTROYED');
      listeners.clear();
      log?.({ type: 'destroyed' });
    },
  };
}
