import type { CallState } from './state.js';
import type { EventsApiEventName, UPhoneEvent, UPhoneEventName } from './wire.js';

/**
 * Options of `embedUPhone`. Either `container` with `url` or `instance` (the library creates the
 * iframe), or `iframe` (an iframe you created, with its `src` set); any other mix is refused
 * (`INVALID_ARGUMENT`).
 */
export type UPhoneOptions = UPhoneCommonOptions & (
  | {
    /** The element the iframe is appended to. */
    readonly container: Element;
    /**
     * The uPhone's URL (absolute, or relative to the page), e.g. `https://acme.ucontactcloud.com/uphone/`.
     * http or https, without a user name or password (Chromium never loads such a frame).
     */
    readonly url: string;
    readonly instance?: undefined;
    readonly iframe?: undefined;
  }
  | {
    /** The element the iframe is appended to. */
    readonly container: Element;
    /** The instance's host name (and port, if any), e.g. `acme.ucontactcloud.com`: the URL is `https://<instance>/uphone/`. */
    readonly instance: string;
    readonly url?: undefined;
    readonly iframe?: undefined;
  }
  | {
    /**
     * An iframe you made (for your own attributes); it needs `src` and `allow="camera;microphone"`,
     * and a `sandbox` on it needs `allow-scripts allow-same-origin` (without it the phone's origin
     * is `'null'`: nothing it posts is heard, no command reaches it).
     */
    readonly iframe: HTMLIFrameElement;
    readonly container?: undefined;
    readonly url?: undefined;
    readonly instance?: undefined;
  }
);

/** The options of `embedUPhone` besides where the phone goes (see {@link UPhoneOptions}). */
export interface UPhoneCommonOptions {
  /** How long `ready` waits, in ms; default 30000. In a prerendered page, from its activation: Chromium loads no frame of another origin before. */
  readonly readyTimeoutMs?: number | undefined;
  /**
   * What makes the phone ready and lets commands go (our default, the contract names both signals):
   * `'agent'` (default), a sign of a logged-in agent (`agentLogin`, a call event, or any Events API
   * event); `'load'`, the frame's `load` event, for an embedded uContact X instance, which posts
   * nothing until an interaction comes. With `'load'`, an iframe you pass must not have loaded yet
   * (a loaded cross-origin frame cannot be told from one still loading): `ready` waits for its next load;
   * unless an earlier embed of it (a remount, another copy of the library) saw its phone load or heard
   * from it: then it is ready at once.
   * A frame the browser refuses (the host is not in the instance's Frame ancestors) still fires
   * `load` (on an error page): with `'load'`, `ready` resolves and commands resolve `echoed: false`.
   */
  readonly readyOn?: 'agent' | 'load' | undefined;
  /**
   * Receives redacted events (names and reasons, never numbers or message data). Called from inside
   * `embedUPhone()` too: a remount of an iframe whose agent is in logs `ready` before the call returns,
   * so a hook must not use the embed it is given to (not assigned yet). What it throws is ignored.
   */
  readonly log?: ((event: UPhoneLogEvent) => unknown) | undefined;
}

/** A redacted log event: never a number, never message data. */
export interface UPhoneLogEvent {
  readonly type: 'event' | 'ignored' | 'ready' | 'notReady' | 'queued' | 'sent' | 'handlerFailed' | 'destroyed';
  /**
   * The event's or command's name when it is letters only, `'other'` otherwise. For `handlerFailed`:
   * the name the handler was given to `on()` (`'other'` for `'*'`), or `'state'` for an `onState` handler.
   */
  readonly name?: string;
  /** For `ignored`: `'source'` (another window), `'origin'` (the frame holds another origin's page), `'shape'` (not an uPhone or Events API message). */
  readonly reason?: 'source' | 'origin' | 'shape';
}

/** `makeCall` arguments (documented): both required. */
export interface MakeCallArgs {
  /** Digits, with an optional leading `+`. */
  readonly number: string;
  readonly campaign: string;
}

/** `makeSms` arguments. uContact does not document them: this shape is our default; use `send()` for another. */
export interface MakeSmsArgs {
  /** Digits, with an optional leading `+`. */
  readonly number: string;
  /** The text to send. */
  readonly message: string;
  readonly campaign?: string | undefined;
}

/** Options of a command. */
export interface CommandOptions {
  /**
   * Resolve only when the frame echoes the command: an event of the same name, in any letter case
   * (a CRM's `send('makecall', …)` is echoed by `makeCall`), for the same number (the uPhone posts
   * `makeCall` when a call starts; it sends no reply); one event echoes one command,
   * the oldest sent of every embed of the iframe (other copies of the library too). Default false: resolve once
   * posted. Refused for `makeSms`, and for `send()` of that action in any letter case (`'makesms'`):
   * the uPhone posts no `makeSms` event, in any case; an embedded uContact X
   * instance (Events API) documents no echo at all.
   */
  readonly waitForEcho?: boolean | undefined;
  /**
   * The command's whole time, queue and echo included, in ms; default 30000. A command still queued
   * when `ready` gives up (`readyTimeoutMs`) is rejected `NOT_READY` then.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Stop waiting (`ABORTED`, its message saying whether the command was posted: a posted one was
   * still posted). An `AbortSignal` (`controller.signal`), or `INVALID_ARGUMENT`; `null` or
   * `undefined` means none.
   */
  readonly signal?: AbortSignal | null | undefined;
}

/** What a command resolves with. */
export interface CommandResult {
  readonly action: string;
  /** True when the echo was awaited and came (`event` holds it). */
  readonly echoed: boolean;
  readonly event?: UPhoneEvent;
}

/** Names `on()` accepts: the documented events, any other event name, or `'*'` for every event. */
export type UPhoneListenName = UPhoneEventName | EventsApiEventName | '*' | (string & {});

/** The embedded uPhone (or instance). */
export interface UPhone {
  /** The iframe (created or adopted). */
  readonly iframe: HTMLIFrameElement;
  /** The origin messages are accepted from and posted to. */
  readonly origin: string;
  /**
   * Resolves when the agent is in: `agentLogin`, a call event (`makeCall`, `gettingCall`,
   * `finishedCall`, `finishedSms`, `sentDispositions`) or any Events API message; with `readyOn:
   * 'load'`, when the frame has loaded. Rejects with `NOT_READY` after `readyTimeoutMs`, `DESTROYED`
   * on `destroy()`. Never an unhandled rejection when not awaited. A late login still works: events
   * flow, commands are sent. An iframe an earlier embed (destroyed, or another copy of the library)
   * last heard the agent log in to is ready at once, with either `readyOn`: the uPhone posts its
   * login only once. Kept for the origin that logged in; a logout no embed heard, and any reload
   * of the uPhone (it posts nothing as it goes), cannot be known: `loggedIn` and `state` stay as
   * last heard, and commands are sent to a phone that may ignore them (they resolve `echoed: false`,
   * or time out waiting for it) until its next sign of login.
   */
  readonly ready: Promise<void>;
  /** The current call (see {@link CallState}); a new object on every change. Inherited, not an own field of the handle: `JSON.stringify(phone)` and a walk of its keys (a store's serialiser, an error reporter) leave the call and its number out. An embed of an iframe an earlier embed listened to, on the same origin, starts from the state last heard from it (a remount during a call), else idle (also back on an origin after the src named another: its new page knows no old call). Idle at each load of the frame after the first that embed heard (a navigation, the iframe moved; an iframe adopted after its load: also at a first load in another window than the phone's messages came from, the iframe moved): a new page knows no call from before. A load is all a host on another origin sees: a src changed only in its fragment (Chromium fires `load`) and a reloaded phone's call posted before its load event end the shown call too (until its next event). */
  readonly state: CallState;
  /** True while the agent is in (after a sign of login, until `agentLogout`; also as an earlier embed of the iframe last heard), whatever `readyOn` says. */
  readonly loggedIn: boolean;
  /** Calls `handler` for each event named `name` (`'*'`: every event); returns the unsubscribe function. Throws `INVALID_ARGUMENT` for a blank name or no function. */
  on<N extends UPhoneListenName>(name: N, handler: (event: UPhoneEvent<N extends '*' ? string : N>) => unknown): () => void;
  /**
   * Calls `handler` with the new state on each change; returns the unsubscribe function. Usable as
   * React's `useSyncExternalStore(phone.onState, () => phone.state)`. Throws `INVALID_ARGUMENT` for no function.
   */
  onState(handler: (state: CallState) => unknown): () => void;
  /**
   * Asks the uPhone to call `number` in `campaign`: posts `{action: 'makeCall', params: {number, campaign}}`. Queued until the agent is in.
   * Rejects with `INVALID_ARGUMENT` (bad arguments or options, before anything is sent), `NOT_READY`
   * (not sent within `timeoutMs` or `readyTimeoutMs`, or the frame is gone), `TIMEOUT` (with
   * `waitForEcho`: sent, no echo in time), `ABORTED`, `DESTROYED`.
   */
  makeCall(args: MakeCallArgs, options?: CommandOptions): Promise<CommandResult>;
  /**
   * Asks the uPhone to send an SMS: posts `{action: 'makeSms', params: {number, message, campaign?}}` (our default shape).
   * Rejects with `INVALID_ARGUMENT` (`waitForEcho` included: no such echo), `NOT_READY`, `ABORTED`, `DESTROYED`.
   */
  makeSms(args: MakeSmsArgs, options?: CommandOptions): Promise<CommandResult>;
  /**
   * Posts `{action, params}` as it is (plain data, a copy of it at the call; plain data behind a Proxy, as Vue's `reactive()` makes, is copied out): the escape hatch for actions and shapes we do not know.
   * Rejects as {@link UPhone.makeCall}: `INVALID_ARGUMENT`, `NOT_READY`, `TIMEOUT`, `ABORTED`, `DESTROYED`.
   */
  send(action: string, params?: Record<string, unknown>, options?: CommandOptions): Promise<CommandResult>;
  /** Stops listening, rejects what waits with `DESTROYED` (a command's message says whether it was sent), and removes the iframe if the library created it (`removeIframe` decides; its default applies to the first call only: a later plain `destroy()` leaves an iframe kept by `removeIframe: false`, which another embed may use now, and a later `destroy({ removeIframe: true })` still removes it). Throws `INVALID_ARGUMENT` for bad options. */
  destroy(options?: { readonly removeIframe?: boolean | undefined }): void;
}
