import { bridgeError, fail, type BridgeError } from '../errors.js';
import { messageWindow, originPolicy } from '../shared/origin.js';
import { callback, flag, isRecord, optional, ownValue, record, signal, timeoutMs, type Rule } from '../shared/validate.js';
import { normalizeInteraction, type Interaction } from './interaction.js';
import type { GetInteractionOptions, InboxAction, InboxClient, InboxLogEvent, InboxOptions } from './types.js';

// The form side of the uContact X Inbox bridge (spec section 7). The platform's own `utils/iframe.js`
// posts with '*', checks nothing, keeps one resolver (a second call overwrites the first) and
// rejects with a bare object after 5 s. Here: an explicit target origin, answers taken only from
// the parent window and an allowed origin, every waiting call resolved, typed errors.

const CONNECT = 'connectInbox';
const GET = 'getInteraction';

// Checked by originPolicy (the shared origin rule), which needs the window first.
const anything: Rule<unknown> = (_op, _name, v) => v;

const OPTIONS = {
  allowedOrigins: optional(anything),
  unsafeAllowAnyOrigin: optional(flag),
  timeoutMs: optional(timeoutMs),
  log: optional(callback),
  window: optional(messageWindow),
};
const REQUEST = { timeoutMs: optional(timeoutMs), signal };

/** A `getInteraction` call waiting for the Inbox. */
type Settle = (error: BridgeError | undefined, interaction?: Interaction) => void;

/**
 * Connects a uContact X form project to the Inbox that frames it. Never throws for a missing Inbox:
 * outside a frame `getInteraction` rejects at once with `NOT_EMBEDDED`. Throws `INVALID_ARGUMENT`
 * for bad options (unknown keys included), for an `allowedOrigins` entry that is not an origin
 * (checked where it is used: not beside `unsafeAllowAnyOrigin`, nor without a window), for a
 * `window` of another origin (`window.parent` passed from a cross-origin form), and for a
 * `window.parent` that is no window (a global `parent` of the page replaced it).
 *
 * @example
 * const inbox = connectInbox({ allowedOrigins: 'https://acme.ucontactcloud.com' })
 * try {
 *   const interaction = await inbox.getInteraction()
 *   fill(interaction.clientName, interaction.columns)
 * } catch (e) {
 *   if (isBridgeError(e, 'NO_INTERACTION')) manualMode() // opened by hand from the sidebar
 * }
 */
export function connectInbox(options: InboxOptions = {}): InboxClient {
  const o = record(CONNECT, options, OPTIONS, 'options');
  const win = o.window ?? (globalThis as { window?: Window }).window;
  // A global `parent` of the page (`var parent = {…}` at a classic script's top level replaces
  // window.parent) is no window to post to: refused here, not a TypeError from every request. A null
  // parent (a discarded browsing context's) is none.
  const parent = win && win.parent !== win && win.parent ? messageWindow(CONNECT, 'window.parent', win.parent) : undefined;
  // Set whenever there is a parent (then there is a window): what reads it runs only with a parent.
  const policy = win && originPolicy(CONNECT, win, parent, o.allowedOrigins as string | string[] | undefined, o.unsafeAllowAnyOrigin === true);
  const defaultTimeout = o.timeoutMs ?? 5000;
  const hook = o.log as ((event: InboxLogEvent) => void) | undefined;
  const log = (event: InboxLogEvent): void => {
    try {
      // An async hook's rejection too: unhandled, it reaches the console (and stops a Node test run).
      void (hook?.(event) as unknown as Promise<void> | undefined)?.catch?.(() => undefined);
    } catch {
      // A faulty hook must not break the bridge (nor throw out of the message listener).
    }
  };
  const waiting = new Set<Settle>();
  let destroyed = false;

  const post = (action: InboxAction): void => {
    if (destroyed) fail('DESTROYED', action, 'the Inbox client was destroyed');
    if (!parent) fail('NOT_EMBEDDED', action, 'this page is not inside the uContact Inbox (no parent frame)');
    // Listening again first (adding it twice is a no-op): document.open() (a document.write() after
    // load) erases every listener of the window, and each answer went unheard.
    win!.addEventListener('message', onMessage);
    // Exactly the platform's message, a plain object with no other key, to the Inbox's origin only.
    parent.postMessage({ action }, policy!.target(action));
    log({ type: 'sent', action });
  };

  const ignore = (reason: string): void => log({ type: 'ignored', reason });
  const onMessage = (event: MessageEvent): void => {
    // The platform checks nothing: the window, then the origin, before anything is read.
    if (event.source !== parent) return ignore('source');
    if (!policy!.accepts(event.origin)) return ignore('origin');
    const data: unknown = event.data;
    // Own keys only: `action` or `interaction` a bug put on the page's Object.prototype (the clone
    // inherits it) neither makes another message an answer nor fills an answer that has none.
    if (!isRecord(data) || ownValue(data, 'action') !== 'interaction') return ignore('other');
    const raw = ownValue(data, 'interaction');
    if (!waiting.size) return ignore('unrequested');
    // No interaction at all (null or absent, or null's JSON text: an interaction may come as JSON
    // text; false, '' or 0, as a form testing it reads them): the Inbox has none to give (manual
    // mode), no need to wait any longer. Any other value that is no interaction (true, a number, a
    // list, text that is not JSON) is malformed: ignored.
    if (!raw || raw === 'null') {
      for (const settle of [...waiting]) settle(bridgeError('NO_INTERACTION', GET, 'the Inbox answered without an interaction'));
      return log({ type: 'no-interaction' });
    }
    if (normalizeInteraction(raw).problems.includes('interaction')) return ignore('malformed');
    // Each caller gets its own copy, nested objects included: one component editing its interaction
    // does not change another's. The first caller too: every client of the page (another component's,
    // another copy of the library's) is handed this same answer object by the browser. The data came
    // through postMessage, so it clones; if it does not (a stand-in window), the callers share the
    // answer's nested objects rather than lose it.
    for (const settle of [...waiting]) {
      let copy = raw;
      try {
        copy = structuredClone(raw);
      } catch {
        // Shared, as it came.
      }
      settle(undefined, normalizeInteraction(copy));
    }
    log({ type: 'answered' });
  };
  if (parent) win?.addEventListener('message', onMessage);

  return {
    embedded: !!parent,
    getInteraction: (opts?: GetInteractionOptions) =>
      new Promise<Interaction>((resolve, reject) => {
        if (destroyed) fail('DESTROYED', GET, 'the Inbox client was destroyed');
        const r = record(GET, opts ?? {}, REQUEST, 'options');
        const abortSignal = r.signal;
        // ABORTED's cause is the signal's reason (AbortSignal.timeout's TimeoutError), as from the http entry.
        if (abortSignal?.aborted) fail('ABORTED', GET, 'aborted (never sent)', { cause: abortSignal.reason });
        const onAbort = (): void => {
          settle(bridgeError('ABORTED', GET, 'aborted (sent)', { cause: (abortSignal as AbortSignal).reason }));
          log({ type: 'aborted' });
        };
        // First: a signal whose addEventListener throws (a polyfill's bug) rejects the call with
        // nothing posted, no timer and no place among the waiting.
        abortSignal?.addEventListener('abort', onAbort);
        const settle: Settle = (error, interaction) => {
          if (!waiting.delete(settle)) return;
          clearTimeout(timer);
          try {
            abortSignal?.removeEventListener('abort', onAbort);
          } catch {
            // The caller's signal object: nothing may escape the message listener or the timer.
          }
          if (error) reject(error);
          else resolve(interaction as Interaction);
        };
        const t = r.timeoutMs ?? defaultTimeout;
        const timer = setTimeout(() => {
          settle(bridgeError('NO_INTERACTION', GET, `no answer from the Inbox within ${t} ms (a form opened without an interaction: use a manual mode)`));
          log({ type: 'no-interaction' });
        }, t);
        // Waiting before it is posted: an answer given inside postMessage (a test's stand-in Inbox)
        // is this call's, and the log hook of 'sent' may destroy the client or abort the call
        // (settled as any waiting call). Not posted (NOT_EMBEDDED, ORIGIN_REJECTED): rejected so.
        waiting.add(settle);
        try {
          post(GET);
        } catch (e) {
          settle(e as BridgeError);
        }
      }),
    close: () => post('close'),
    sent: () => post('sent'),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      win?.removeEventListener('message', onMessage);
      for (const settle of [...waiting]) settle(bridgeError('DESTROYED', GET, 'the Inbox client was destroyed'));
      log({ type: 'destroyed' });
    },
  };
}
