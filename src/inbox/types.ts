import type { Interaction } from './interaction.js';

// The uContact X Inbox wire (spec section 7): plain objects, not JSON text, both ways. This file is
// the single place its shapes live.

/** What a form posts to the Inbox, exactly (no other keys): ask for the interaction, close the form, say it was submitted. */
export type InboxRequest = { readonly action: 'getInteraction' } | { readonly action: 'close' } | { readonly action: 'sent' };

/** The Inbox's answer to `getInteraction`. */
export interface InboxAnswer {
  readonly action: 'interaction';
  readonly interaction: unknown;
}

/** The three things a form asks of the Inbox. */
export type InboxAction = InboxRequest['action'];

/**
 * What the log hook receives. Redacted by construction: action names and reasons, never the
 * interaction or any message data. `ignored` gives the reason: `source` (not the parent window),
 * `origin` (not an allowed origin), `other` (a message that is no interaction answer), `malformed`
 * (an `interaction` that is not an object), `unrequested` (an answer nobody waits for: late, or a
 * second answer).
 */
export interface InboxLogEvent {
  readonly type: 'sent' | 'answered' | 'no-interaction' | 'aborted' | 'ignored' | 'destroyed';
  readonly action?: InboxAction;
  readonly reason?: string;
}

/** Options of {@link InboxClient.getInteraction}. */
export interface GetInteractionOptions {
  /** Give up after this many ms with `NO_INTERACTION` (1 to 2147483647). Default: the client's, 5000. */
  readonly timeoutMs?: number | undefined;
  /** Stop waiting (`ABORTED`). An `AbortSignal` (`controller.signal`), or `INVALID_ARGUMENT`; `null` or `undefined` means none. */
  readonly signal?: AbortSignal | null | undefined;
}

/** Options of {@link connectInbox}. */
export interface InboxOptions {
  /**
   * Origins the Inbox may have. Default: the page's own origin (a form project the instance serves).
   * Answers from any other origin are ignored; messages are posted to this origin only, never `'*'`.
   * Each is an exact origin (scheme, host, port): a path or a wildcard (`https://*.example.com`) is refused.
   */
  readonly allowedOrigins?: string | readonly string[] | undefined;
  /** Accept answers from any origin (and post with `'*'` when the Inbox's origin is unknown). Unsafe: any page that frames the form could answer. Default false. */
  readonly unsafeAllowAnyOrigin?: boolean | undefined;
  /** How long `getInteraction` waits for the Inbox, in ms. Default 5000, as the platform's own bridge. */
  readonly timeoutMs?: number | undefined;
  /** Receives redacted events (never interaction data). A function, or `INVALID_ARGUMENT`. */
  readonly log?: ((event: InboxLogEvent) => unknown) | undefined;
  /**
   * The window the form runs in. Default: the global `window`. It must be of this page's origin, and
   * its `parent` a window (a global `parent` of the page replaces it): else `INVALID_ARGUMENT`.
   */
  readonly window?: Window | undefined;
}

/** The form's side of the uContact X Inbox bridge. */
export interface InboxClient {
  /**
   * Asks the Inbox for the current interaction and resolves with it, normalised. Every call posts
   * `{action: 'getInteraction'}`; every call waiting resolves with the next answer (calls made at
   * the same time all resolve). Concurrent callers share nothing, of this client or of another
   * client of the page (the browser hands every listener the same answer object): each gets its own
   * structured clone of the answer as `raw`, so one editing its interaction, nested objects
   * included, does not change another's (only an answer that cannot be cloned, which `postMessage`
   * never delivers, is shared). Within one interaction, `extra`, `columns`,
   * `extraInfo` and `lastMessage` may share nested objects with its own `raw`. Rejects with
   * `NO_INTERACTION` when no answer comes in time (the
   * form was opened by hand, without an interaction: offer a manual mode) or, at once, when the Inbox
   * answers without one (`interaction` `null`, its JSON text `'null'`, `false`, `''`, `0` or
   * absent; an answer whose `interaction` is any other value that is no interaction is ignored),
   * `NOT_EMBEDDED` at once when the page is not framed, `ORIGIN_REJECTED` when the Inbox's origin
   * is not allowed, `ABORTED`, `DESTROYED`, `INVALID_ARGUMENT`.
   */
  getInteraction(options?: GetInteractionOptions): Promise<Interaction>;
  /** Asks the Inbox to close the form: posts `{action: 'close'}`. No reply. Throws `NOT_EMBEDDED`, `ORIGIN_REJECTED` or `DESTROYED`. */
  close(): void;
  /** Tells the Inbox the form was submitted: posts `{action: 'sent'}`. No reply. Throws as {@link InboxClient.close}. */
  sent(): void;
  /** True when a parent window (the Inbox) is there to talk to. */
  readonly embedded: boolean;
  /** Rejects every pending `getInteraction` with `DESTROYED` and removes the client's `message` listener. */
  destroy(): void;
}
