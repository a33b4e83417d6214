import type { Respool, Schedule } from '../shared/records.js';
import type { ActionArgs, CallArgs, CallWithPhoneArgs, DispositionArgs, TagArgs } from './actions.js';
import type { ActionName, GuidAction, UnconfirmedAction } from './wire.js';

/** Options of one request. */
export interface RequestOptions {
  /** Give up after this many ms (counted from the call, queueing included). Default: the client's. */
  readonly timeoutMs?: number;
  /**
   * Abort the request. A request already posted was still posted: aborting only stops waiting.
   * Must be an `AbortSignal` (`controller.signal`); anything else is `INVALID_ARGUMENT`, before
   * anything is sent. `null` means none.
   */
  readonly signal?: AbortSignal | null;
}

/** Options of a request the portal may never answer. */
export interface ConfirmOptions extends RequestOptions {
  /** Wait for the portal's reply (`confirmed: true`) instead of settling once sent. */
  readonly confirm?: boolean;
}

/** How a request went: through the portal, or over REST (see `withFallback`). */
export type Via = 'portal' | 'rest';

/** Result of `call` and `callWithPhone`. */
export interface CallResult {
  readonly action: GuidAction;
  /** The call's unique id. */
  readonly guid: string;
  readonly via: Via;
}

/** Result of the actions uContact documents no reply for. */
export interface ActionResult<A extends ActionName = UnconfirmedAction> {
  readonly action: A;
  /** True when the portal answered; false when the message was only sent. */
  readonly confirmed: boolean;
  readonly via: Via;
}

/**
 * What the log hook receives. Redacted by construction: action names, lanes and reasons only,
 * never argument values, phone numbers or message data. `ignored` events give the reason:
 * `source`, `origin`, `shape`, `malformed` or `replayed` (a guid already delivered, sent again).
 */
export interface LogEvent {
  readonly type:
    | 'sent' | 'answered' | 'failed' | 'timeout' | 'aborted' | 'stale-reply'
    | 'ignored' | 'unsolicited' | 'destroyed';
  readonly action?: ActionName;
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

/** Options of {@link connectPortal}. */
export interface PortalOptions {
  /**
   * Origins the portal may have. Default: the page's own origin (forms served by the uContact
   * server). Messages from any other origin are ignored; requests are posted to this origin only.
   */
  readonly allowedOrigins?: string | readonly string[];
  /** Accept messages from any origin. Unsafe: any page that frames yours could answer. Default false. */
  readonly unsafeAllowAnyOrigin?: boolean;
  /** The portal window. Default: `window.parent`. */
  readonly targetWindow?: Window;
  /** Default timeouts per action, in ms. Default 30000 for `call`/`callWithPhone`, 10000 for the others. */
  readonly timeouts?: Partial<Readonly<Record<ActionName, number>>>;
  /** Wait for replies of the five undocumented actions: `true`, or per action. Default false. */
  readonly confirm?: boolean | Partial<Readonly<Record<UnconfirmedAction, boolean>>>;
  /**
   * How long a reply may still arrive for a request of this client that stopped waiting: its slot
   * swallows a reply that long (docs/correlation.md). Holds for this client's requests, whatever
   * other clients of the page chose. Default 10000 ms.
   */
  readonly lateReplyWindowMs?: number;
  /**
   * Keep the slots of this client's requests still on the wire in sessionStorage (under a key of
   * this frame's own) when the page goes away, so the reloaded form does not take their late
   * replies; only for the portal as `window.parent`. This client's own choice: another client's
   * `false` does not switch it off. Costs a sessionStorage read and a pagehide
   * listener when the client starts, about 1.5-2.5 ms before the first request in Chromium
   * (`npm run bench`); with `false` the cold start is within 1 ms of raw postMessage. Default true.
   */
  readonly persistPending?: boolean;
  /**
   * Receives redacted events. Never called with secrets or phone numbers. A function, or
   * `INVALID_ARGUMENT`. A request is settled before its event is emitted: the hook may `destroy()`.
   */
  readonly log?: (event: LogEvent) => void;
  /** The window the client runs in. Default: the global `window`. */
  readonly window?: Window;
}

/** Data of an unsolicited portal message, as the portal sent it. */
export type PortalMessage = Readonly<Record<string, unknown>>;

/** The typed client over the portal's Porthole wire. */
export interface PortalClient {
  /** Places a two-step call (agent first, then `destination`); resolves with its guid. */
  call(args: CallArgs, options?: RequestOptions): Promise<CallResult>;
  /** Dials with the portal's own softphone; resolves with the call's guid. */
  callWithPhone(args: CallWithPhoneArgs, options?: RequestOptions): Promise<CallResult>;
  /** Hangs up the current call. */
  hangup(options?: ConfirmOptions): Promise<ActionResult<'hangup'>>;
  /** Dispositions the current call. */
  disposition(args: DispositionArgs, options?: ConfirmOptions): Promise<ActionResult<'disposition'>>;
  /** Tags the current call's recording, or the call `guid`. */
  tag(args: TagArgs, options?: ConfirmOptions): Promise<ActionResult<'tag'>>;
  /** Sends a dialer record back to the dialer (see the `cti` entry's `respoolBuilder`). */
  respool(respool: Respool, options?: ConfirmOptions): Promise<ActionResult<'respool'>>;
  /** Schedules a call (see the `cti` entry's `scheduleBuilder`). */
  schedule(schedule: Schedule, options?: ConfirmOptions): Promise<ActionResult<'schedule'>>;
  /** Listens to portal messages that answer no request. Returns the unsubscribe function. */
  on(type: 'message', listener: (data: PortalMessage, origin: string) => void): () => void;
  /** True when a portal window is there to talk to. */
  readonly embedded: boolean;
  /**
   * Rejects everything in flight with `DESTROYED` and detaches the client (the page's `message`
   * listener goes with the last client). Its requests already sent stay stale in the shared lanes,
   * and are kept for a reload of the form, so a later client cannot take their replies.
   */
  destroy(): void;
}

export type { ActionArgs };
