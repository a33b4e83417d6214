import type { Respool, ScheduleInput } from '../shared/records.js';
import type { CallArgs, CallWithPhoneArgs, DispositionArgs, TagArgs } from './actions.js';
import type { SendData } from './send.js';
import type { ActionName, GuidAction, UnconfirmedAction } from './wire.js';

/** Options of one request. */
export interface RequestOptions {
  /**
   * Give up after this many ms (counted from the call, queueing included), 1 to 2147483647.
   * Default: the client's. The REST client (`ucontact-bridge/http`) also takes `0`: no limit; there
   * the login a call waits for, shared by concurrent calls, has the client's limit whatever the
   * call's, and `uploadCallsBase` applies it to each chunk's request. `undefined` counts as not given.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Abort the request (`ABORTED`). A portal request already posted was still posted: aborting only
   * stops waiting. The REST client (`ucontact-bridge/http`) also aborts its fetch, whose request the
   * server may already have acted on. Must be an `AbortSignal` (`controller.signal`); anything else is `INVALID_ARGUMENT`, before
   * anything is sent. `null` or `undefined` means none.
   */
  readonly signal?: AbortSignal | null | undefined;
}

/** Options of a request the portal may never answer (over Porthole). */
export interface ConfirmOptions extends RequestOptions {
  /**
   * Over Porthole: wait for the portal's reply (`confirmed: true`) instead of settling once sent.
   * Through the form framework the helper's promise is always waited for.
   */
  readonly confirm?: boolean | undefined;
}

/**
 * Which way `call`, `disposition`, `tag` and `closeForm` go: `'auto'` (the form framework's helper
 * when the page has it, Porthole otherwise), `'framework'` (the helper, or `NO_FRAMEWORK`) or
 * `'porthole'`. The other actions have no helper and always go over Porthole.
 */
export type Use = 'auto' | 'framework' | 'porthole';

/** Options of `call`. */
export interface CallOptions extends RequestOptions {
  /** This request's way; default the client's `use`. */
  readonly use?: Use | undefined;
}

/** Options of `disposition`, `tag` and `closeForm`. */
export interface RoutedOptions extends ConfirmOptions {
  /** This request's way; default the client's `use`. */
  readonly use?: Use | undefined;
}

/** How the answer to a raw `send` is recognised (portal replies carry no request id). */
export type ReplyKind = 'guid' | 'action' | 'none';

/** Options of `send`. */
export interface SendOptions extends RequestOptions {
  /**
   * `'guid'`: a reply with a `guid` and no other action name, as `call` is answered; `'action'`: a
   * message with the same `action` (for the typed actions' names, one that carries `result`, as
   * their replies do; for `call` and `callWithPhone`, the next call answer, as with `'guid'`: they
   * share the calls' lane); `'none'` (default): no reply is waited for (`confirmed: false`).
   */
  readonly reply?: ReplyKind | undefined;
}

/**
 * Which way a request went: the form framework's helper, the portal's Porthole wire, or REST
 * (see `withFallback`).
 */
export type Via = 'framework' | 'porthole' | 'rest';

/** Result of `call` and `callWithPhone`. */
export interface CallResult {
  readonly action: GuidAction;
  /** The call's unique id. */
  readonly guid: string;
  readonly via: Via;
}

/** Result of the actions uContact documents no Porthole reply for. */
export interface ActionResult<A extends ActionName = UnconfirmedAction> {
  readonly action: A;
  /**
   * True when the portal answered, or the framework's helper resolved; false when the message was
   * only posted: a portal may ignore it (see the log event `unconfirmed`).
   */
  readonly confirmed: boolean;
  readonly via: Via;
}

/** Result of `send`. */
export interface SendResult {
  /** The `action` of the data sent. */
  readonly action: string;
  /** True when the reply came; false for `reply: 'none'` (the message was only posted). */
  readonly confirmed: boolean;
  readonly via: 'porthole';
  /** With `reply: 'guid'`: the guid the portal answered. */
  readonly guid?: string;
  /** The portal's reply, as it came (left out when an older copy of the library routed it). */
  readonly reply?: PortalMessage;
}

/**
 * What the log hook receives. Redacted by construction: action names, ways, lanes and reasons only,
 * never argument values, phone numbers or message data (a raw send is logged as `send`, not by its
 * action). `ignored` events give the reason: `source`, `origin`, `shape` or `replayed`
 * (a guid already delivered, sent again). `unconfirmed`: a message was only posted, a portal may
 * ignore it (reason `guessed` for `closeForm`, a message no public form shows). `timeout` and
 * `aborted` say how far the request got: `queued`, `sent` or `called` (a helper that may still act).
 * `handlerFailed`: an `on('message')` listener threw or its promise rejected (the next one still ran).
 */
export interface LogEvent {
  readonly type:
    | 'sent' | 'answered' | 'failed' | 'unconfirmed' | 'timeout' | 'aborted' | 'stale-reply'
    | 'ignored' | 'unsolicited' | 'handlerFailed' | 'destroyed';
  readonly action?: ActionName | 'send';
  readonly via?: Via;
  readonly reason?: string;
}

/**
 * Where `call` and `hangup` go when the page is not inside the portal (see {@link withFallback}).
 * The `http` entry's `restFallback()` makes one from a REST client.
 */
export interface PortalFallback {
  call(args: Required<CallArgs>, options: RequestOptions): Promise<string>;
  hangup(options: RequestOptions): Promise<void>;
}

/** Data of an unsolicited portal message, as the portal sent it. */
export type PortalMessage = Readonly<Record<string, unknown>>;

/** The typed client of the uContact agent portal: the form framework's helpers, or the Porthole wire. */
export interface PortalClient {
  /**
   * Places a two-step call (agent first, then `destination`); resolves with its guid. Framework: `UC_makeCall_async`.
   * Rejects with `INVALID_ARGUMENT` (bad arguments or options, before anything is sent), `NOT_EMBEDDED`
   * (over Porthole, no parent frame), `ORIGIN_REJECTED` (the parent's origin is not allowed),
   * `NO_FRAMEWORK` (`use: 'framework'` without the helper), `PORTAL_FAILED` (no guid: `''`, `'0'`, or
   * `ERROR`, `null`, `undefined`, `false` in any case; a helper's failure, or posting failed),
   * `TIMEOUT`, `ABORTED`, `DESTROYED`.
   */
  call(args: CallArgs, options?: CallOptions): Promise<CallResult>;
  /**
   * Dials with the portal's own softphone (Porthole); resolves with the call's guid. Rejects with
   * `INVALID_ARGUMENT`, `NOT_EMBEDDED`, `ORIGIN_REJECTED`, `PORTAL_FAILED` (no guid, as for
   * {@link PortalClient.call}, or posting failed), `TIMEOUT`, `ABORTED`, `DESTROYED`, as {@link PortalClient.call}.
   */
  callWithPhone(args: CallWithPhoneArgs, options?: RequestOptions): Promise<CallResult>;
  /**
   * Hangs up the current call (Porthole). Rejects with `INVALID_ARGUMENT` (bad options),
   * `NOT_EMBEDDED`, `ORIGIN_REJECTED`, `PORTAL_FAILED` (posting failed; with `confirm`, the
   * reply `result: '0'`), `ABORTED`, `DESTROYED`; with `confirm`, `TIMEOUT`.
   */
  hangup(options?: ConfirmOptions): Promise<ActionResult<'hangup'>>;
  /**
   * Dispositions the current call. Framework: `UC_DispositionCall_async`. Rejects with
   * `INVALID_ARGUMENT` (bad arguments or options; for the helper, a field neither the arguments nor
   * the CTI hold), `NOT_EMBEDDED`, `ORIGIN_REJECTED`, `NO_FRAMEWORK` (`use: 'framework'` without the
   * helper), `PORTAL_FAILED` (the helper's failure; posting failed; with `confirm`, `result: '0'`),
   * `ABORTED`, `DESTROYED`; through the helper or with `confirm`, `TIMEOUT`.
   */
  disposition(args: DispositionArgs, options?: RoutedOptions): Promise<ActionResult<'disposition'>>;
  /**
   * Tags the current call's recording, or the call `guid`. Framework: `UC_TagRecord`. Rejects as
   * {@link PortalClient.disposition}: `INVALID_ARGUMENT`, `NOT_EMBEDDED`, `ORIGIN_REJECTED`,
   * `NO_FRAMEWORK`, `PORTAL_FAILED`, `ABORTED`, `DESTROYED`, `TIMEOUT`.
   */
  tag(args: TagArgs, options?: RoutedOptions): Promise<ActionResult<'tag'>>;
  /**
   * Closes the form. Framework: `UC_closeForm`; over Porthole `{action:'closeForm'}`, our guess.
   * Rejects as {@link PortalClient.disposition}: `INVALID_ARGUMENT`, `NOT_EMBEDDED`,
   * `ORIGIN_REJECTED`, `NO_FRAMEWORK`, `PORTAL_FAILED`, `ABORTED`, `DESTROYED`, `TIMEOUT`.
   */
  closeForm(options?: RoutedOptions): Promise<ActionResult<'closeForm'>>;
  /**
   * Sends a dialer record back to the dialer (Porthole; see the `cti` entry's `respoolBuilder`).
   * Rejects as {@link PortalClient.hangup}: `INVALID_ARGUMENT` (a bad Respool too), `NOT_EMBEDDED`,
   * `ORIGIN_REJECTED`, `PORTAL_FAILED`, `ABORTED`, `DESTROYED`; with `confirm`, `TIMEOUT`.
   */
  respool(respool: Respool, options?: ConfirmOptions): Promise<ActionResult<'respool'>>;
  /**
   * Schedules a call (Porthole; see the `cti` entry's `scheduleBuilder`). Rejects as
   * {@link PortalClient.hangup}: `INVALID_ARGUMENT` (a bad Schedule too), `NOT_EMBEDDED`,
   * `ORIGIN_REJECTED`, `PORTAL_FAILED`, `ABORTED`, `DESTROYED`; with `confirm`, `TIMEOUT`.
   */
  schedule(schedule: ScheduleInput, options?: ConfirmOptions): Promise<ActionResult<'schedule'>>;
  /**
   * Posts any action data over the same checked Porthole wire (the deployment's own actions,
   * undocumented ones); `options.reply` says how its answer is recognised. Rejects with
   * `INVALID_ARGUMENT` (data that is no plain JSON action, bad options), `NOT_EMBEDDED`,
   * `ORIGIN_REJECTED`, `PORTAL_FAILED` (posting failed; a reply saying failure: `result: '0'`, no guid),
   * `ABORTED`, `DESTROYED`; with a `reply`, `TIMEOUT`.
   */
  send(data: SendData, options?: SendOptions): Promise<SendResult>;
  /** Listens to portal messages that answer no request. Returns the unsubscribe function. Throws `INVALID_ARGUMENT` for another type or no function. */
  on(type: 'message', listener: (data: PortalMessage, origin: string) => unknown): () => void;
  /** True when a portal window is there to talk to (a parent or `targetWindow`, and a window to hear it in). */
  readonly embedded: boolean;
  /**
   * Rejects everything in flight with `DESTROYED` and detaches the client (the page's `message`
   * listener goes with the last client; for a form's own portal, once the late windows of the
   * requests still on the wire have closed, so a reply heard meanwhile frees its lane for the next
   * client). Its requests already sent stay stale in the shared lanes,
   * and are kept for a reload of the form, so a later client cannot take their replies. A helper
   * already called may still complete.
   */
  destroy(): void;
}
