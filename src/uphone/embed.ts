import { bridgeError, type BridgeError } from '../errors.js';
import { callback, flag, invalid, isRecord, oneOf, optional, phone, record, signal, text, timeoutMs } from '../shared/validate.js';
import { createFrame, frameUrl, hostName, inPage } from './frame.js';
import { idle, nextState, type CallState } from './state.js';
import type { CommandOptions, CommandResult, UPhone, UPhoneLogEvent, UPhoneOptions } from './types.js';
import { readUPhoneMessage } from './wire.js';

const OP = 'embedUPhone';
// The events that prove an agent is in (any Events API message does too). Not an unknown name:
// nothing says what the uPhone may post before the login.
const LOGIN = /^(agentLogin|makeCall|gettingCall|finishedCall|finishedSms|sentDispositions)$/;
// On the iframe, the origin whose uPhone the last embed of it heard log in ('' after a logout): the
// uPhone posts its login once, and a later embed (a remount, another copy of the library) would
// wait for it in vain. Not cleared by a load of the frame: the uPhone's login message may come
// before the frame's first load event. What no embed heard (a logout) it cannot know, nor a reload of the frame.
const IN = Symbol.for('ucontact-bridge.uphone');
// On the iframe too, the commands of every embed of it (other copies of the library included)
// awaiting an echo, in the order they were sent. Every embed hears each event: the first to hear it
// ends the command it echoes, the oldest of any embed, and marks the event so that no other embed
// takes it for another. Other copies use these: keep their shapes. The set also keeps, under the
// key of an origin, the call state last heard from that origin's phone, for a later embed (a
// remount during a call) to start from; an embed of another origin (the src changed) starts idle,
// in a set of its own (below).
const ECHO = Symbol.for('ucontact-bridge.uphone.echo');
// Under IN, the set keeps the frame's window once an embed heard it load (an older copy of the
// library keeps there the window its last message came from: keep the shape).
type Echoes = Set<Command> & { [origin: string]: CallState | undefined; [IN]?: Window };
type Marked = { [IN]?: string; [ECHO]?: Echoes };
// On a message event, that an embed took it for an echo (below).
type Heard = { [ECHO]?: boolean };
// A name a log event or a message may repeat: letters only (it cannot hold a number or data). Of
// any value: a destroyed embed's send() names its action unchecked (a Symbol cannot become text).
const shown = (name: unknown): string => (typeof name == 'string' && /^[a-z]{1,40}$/i.test(name) ? name : 'other');
// Numbers come back in other spellings (sent as a JSON number, a leading 0 is lost): compare digits.
const digits = (n: unknown): string | undefined => (n == null ? undefined : String(n).replace(/\D/g, '').replace(/^0+/, ''));

const OPTIONS = {
  container: optional(inPage<Element>('appendChild', 'an element')), url: optional(text), instance: optional(hostName),
  iframe: optional(inPage<HTMLIFrameElement>('contentWindow', 'an iframe element')),
  readyTimeoutMs: optional(timeoutMs, 30_000), readyOn: optional(oneOf('agent', 'load'), 'agent'), log: optional(callback),
};
const COMMAND = { waitForEcho: optional(flag), timeoutMs: optional(timeoutMs, 30_000), signal };

/** A command from its call until it settles: queued (`sent` not set), then, if asked, awaiting its echo. */
interface Command {
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly echo: boolean | undefined;
  readonly digits: string | undefined;
  /** `performance.now()` when its time limit is up. */
  readonly due: number;
  sent?: boolean;
  end(error?: BridgeError, result?: CommandResult): void;
}

/** `v` with its arrays and plain objects (any realm's, a Proxy over one too) copied; the rest as it is. */
const unwrap = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(unwrap)
    : isRecord(v) && Object.getPrototypeOf(Object.getPrototypeOf(v) ?? v) == null
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]))
      : v;

/**
 * Embeds the uContact uPhone (the v6 Window Proxy) or a uContact X instance (the Events API) in
 * your web app: its events, its readiness, commands, and the current call for screen pops.
 *
 * Messages are accepted only from the iframe's window **and** the origin of its URL; commands are
 * posted to that origin only, never `'*'`.
 *
 * @throws BridgeError `INVALID_ARGUMENT` for bad options, before anything is created.
 * @example
 * const phone = embedUPhone({ container: document.getElementById('phone'), instance: 'acme.ucontactcloud.com' })
 * phone.on('gettingCall', (e) => openCustomer(e.params.number))
 * await phone.makeCall({ number: '099123456', campaign: 'Sales->' })
 */
export function embedUPhone(options: UPhoneOptions): UPhone {
  const o = record(OP, options, OPTIONS, 'options');
  const adopted = o.iframe;
  if (adopted ? o.container || o.url || o.instance : !o.container || !o.url === !o.instance) {
    invalid(OP, 'pass iframe, or container with url or instance');
  }
  const doc = (adopted ?? (o.container as Element)).ownerDocument;
  // The attribute, resolved here as the browser resolves it: the src property of src="" is the page's
  // own URL, though such a frame holds about:blank (no src, refused).
  const url = frameUrl(OP, adopted ? 'iframe src' : 'url', adopted ? adopted.getAttribute('src') : o.url ?? `https://${o.instance}/uphone/`, doc.baseURI);
  // An origin has no path: `event.origin` is compared with this, never with the URL.
  const origin = url.origin;
  const iframe = adopted ?? createFrame(o.container as Element, url);
  let echoes = (iframe as Marked)[ECHO] ?? ((iframe as Marked)[ECHO] = new Set() as Echoes);
  const win = doc.defaultView as Window;
  const limit = o.readyTimeoutMs;
  const hook = o.log as ((event: UPhoneLogEvent) => void) | undefined;
  const log = (type: UPhoneLogEvent['type'], name?: string, reason?: UPhoneLogEvent['reason']): void => {
    try {
      // An async hook's rejection too: unhandled, it reaches the console (and stops a Node test run).
      void (hook?.({ type, ...(name ? { name: shown(name) } : reason && { reason }) }) as unknown as Promise<void> | undefined)?.catch?.(() => undefined);
    } catch {
      // A faulty hook must not break the wire.
    }
  };

  // Heard of another origin (its key): the frame held another origin's page (the src changed).
  // Whatever was heard of a page of any origin before it is gone with that page: back on the first
  // origin, its new page knows nothing of the old call, and its load is still to come. A new set,
  // not the old one emptied: an embed of the old origin still waiting for an echo keeps its commands
  // in the old one, where no event of this origin ends them (and none of theirs takes this origin's
  // echo). A command waits in a set only once its embed opened, which set its origin's key. Own keys:
  // a for-in also visits what a page's old library put on Object.prototype (json.js's toJSONString),
  // taken for another origin's: every embed then started a set of its own (echoes and state unshared).
  for (const k of Object.keys(echoes)) if (k !== origin) echoes = (iframe as Marked)[ECHO] = new Set() as Echoes;
  // A remount during a call starts from the call, not idle: the uPhone tells a call's start once.
  let state = echoes[origin] ?? idle(performance.now());
  // Commands are posted while open: the agent is in (readyOn 'agent') or the frame loaded ('load').
  let open: unknown;
  let destroyed: boolean | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Until `ready` settles.
  let settleReady: ((error?: BridgeError) => void) | undefined;
  // What this embed heard of the frame (below): a load, by an earlier embed or this one (true), else
  // the window its first message came from.
  let seen: unknown = !!echoes[IN];
  // One entry per subscription, in order: its event name (`k`; '', a name no message has, for the
  // state handlers) and its handler (`f`). Per subscription, not per function: two components that
  // subscribe one shared function are each called, and each unsubscribe ends its own only.
  const handlers = new Set<{ k: string; f: (value: unknown) => Promise<void> }>();
  const waiting = new Set<Command>();

  // An embedded uContact X instance posts nothing before an interaction comes (the Events API has no
  // login event): readyOn 'load' is its way in. The message says so, and what usually went wrong.
  const onLoad = o.readyOn === 'load';
  const notReady = (op: string, ms: number): BridgeError => bridgeError('NOT_READY', shown(op), `${op === 'ready' ? '' : 'not sent: '}${onLoad
    ? `the frame did not load within ${ms} ms`
    : `no sign of a logged-in agent within ${ms} ms: usually this site is not in the instance's Frame ancestors, or the ` +
      "agent has not logged in (a uContact X instance posts nothing before an interaction: use readyOn 'load')"}`);
  // A pending command's says whether it was posted (`how`), as its TIMEOUT and ABORTED do.
  const gone = (op: string, how = ''): BridgeError => bridgeError('DESTROYED', shown(op), 'the uPhone was destroyed' + how);
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = (error) => {
      settleReady = undefined;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
  });
  // Marked handled: an app that never awaits `ready` gets no unhandled rejection.
  ready.catch(() => undefined);
  // Counted from when the page is shown: a page prerendered (speculation rules, the address bar)
  // loads no frame of another origin until it is activated, and the phone cannot log in before.
  const arm = (): unknown => settleReady && (timer = setTimeout(() => {
    settleReady!(notReady('ready', limit));
    for (const c of [...waiting]) if (!c.sent) c.end(notReady(c.action, limit));
    // Last: a command the hook makes now waits for its own time limit, not this one.
    log('notReady');
  }, limit));
  if ((doc as { prerendering?: boolean }).prerendering) doc.addEventListener('prerenderingchange', arm);
  else arm();

  // A handler's error is the handler's: the next handler still runs, nothing leaves the listener,
  // and only the log hook hears of it (`handlerFailed`), as with the portal's and the Inbox's
  // listeners: the library writes nothing to the console, and a handler's error text may quote
  // the call it was given.
  const emit = (key: string, value: unknown): void => {
    for (const h of [...handlers]) {
      // One removed meanwhile (by an earlier handler, or destroy() clearing them all) is not called.
      if (h.k !== key || !handlers.has(h)) continue;
      // Called now; what it throws, or its promise rejects with (an async handler's: unhandled, the
      // browser prints it and Node stops), is logged once settled, not after 'destroyed' (a handler
      // may destroy the embed, then throw).
      h.f(value).catch(() => destroyed || log('handlerFailed', key || 'state'));
    }
  };

  const post = (c: Command): void => {
    try {
      // Never '*': if the frame now holds another origin's page, the browser drops the message.
      (iframe.contentWindow as Window).postMessage({ action: c.action, params: c.params }, origin);
    } catch (e) {
      return c.end(bridgeError('NOT_READY', shown(c.action), 'not sent: the uPhone frame is not in the page', { cause: e }));
    }
    c.sent = true;
    // Only a command that waits for its echo joins the iframe's list; any other is done once posted.
    // Before the log hook: a hook that destroys the embed ends a waiting command, which takes it off.
    if (c.echo) echoes.add(c);
    else c.end(undefined, { action: c.action, echoed: false });
    log('sent', c.action);
  };

  const opened = (): void => {
    // The frame is known to be loaded now: a later embed with readyOn 'load' (a remount) opens at once.
    echoes[origin] = state;
    // Settled before it is logged (as a portal request is): a hook that destroys the embed at
    // 'ready' finds `ready` resolved, not rejected DESTROYED.
    if (settleReady) {
      settleReady();
      log('ready');
    }
    // The live set, not a copy: a command a log hook ended meanwhile (destroy(), an abort) is skipped,
    // and one it made (at 'sent') is queued behind those waiting, then posted in its turn. One whose
    // time is up is never posted, as a portal request: a host page frozen past it (a background tab)
    // runs the login before the command's timer on resume; that timer ends it (NOT_READY, never sent).
    for (const c of waiting) if (!c.sent && c.due > performance.now()) post(c);
    open = 1;
  };
  // The frame's document loaded, at each load; destroy() removes the listener. A load after one an
  // embed heard is a new page (the page navigated the frame away and back, or moved the iframe,
  // which loads it again): it knows no call from before, and will never end it. Not the first: the
  // phone may post before its document's load event. readyOn 'load': the frame is open.
  // What this embed heard (`seen`, above) is its own, from when it began: a second embed of the
  // iframe would take the load the first just heard for a new page. At a load, a page that posted
  // before it is the frame's window still: an iframe adopted after its load, then moved (which loads
  // it again in a new window), is told apart.
  const loaded = (): void => {
    // Strict: a loose compare of true with a cross-origin window reads its properties and throws.
    if (seen !== (echoes[IN] = iframe.contentWindow as Window) && seen && state.status != 'idle') emit('', state = echoes[origin] = idle(performance.now()));
    seen = true;
    if (onLoad) opened();
  };
  iframe.addEventListener('load', loaded);

  const onMessage = (event: MessageEvent): void => {
    try {
      // The iframe's window, whatever page it holds now (its WindowProxy outlives navigations).
      const from = iframe.contentWindow;
      const reason = !from || event.source !== from ? 'source' : event.origin !== origin ? 'origin' : undefined;
      const e = reason ? undefined : readUPhoneMessage(event.data);
      if (!e) return log('ignored', '', reason ?? 'shape');
      const { name } = e;
      const before = state;
      seen ||= from;
      state = echoes[origin] = nextState(state, e, performance.now());
      // The echo first: a command posted below (a queued one, or one the log hook or a handler
      // makes) cannot take this event, heard before it was sent, as its echo. Its name in any
      // letter case: a real CRM posts 'makecall', and the uPhone echoes the call as makeCall.
      if (!(event as Heard)[ECHO]) {
        (event as Heard)[ECHO] = true;
        [...echoes].find((c) => c.action.toLowerCase() === name.toLowerCase() && (c.digits === undefined || c.digits === digits(e.params.number)))
          ?.end(undefined, { action: name, echoed: true, event: e });
      }
      log('event', name);
      if (name === 'agentLogout') {
        (iframe as Marked)[IN] = '';
        // In readyOn 'load', the frame stays open: commands still go to it.
        open = open && onLoad;
      }
      else if (e.api === 'events' || LOGIN.test(name)) {
        (iframe as Marked)[IN] = origin;
        if (!onLoad) opened();
      }
      if (state !== before) emit('', state);
      emit(name, e);
      if (name !== '*') emit('*', e);
    } catch {
      // Nothing may escape the message listener.
    }
  };
  win.addEventListener('message', onMessage);
  // The agent is in, so the frame had loaded: open in either readyOn. Another origin's login (the
  // src changed) says nothing of this one.
  // With readyOn 'load', so did one that saw this origin's frame open (its load fires only once).
  if ((iframe as Marked)[IN] === origin || (onLoad && echoes[origin])) opened();

  const command = (action: string, check: (op: string) => Record<string, unknown>, opts: CommandOptions | undefined): Promise<CommandResult> =>
    new Promise((resolve, reject) => {
      // First, as the portal's and the Inbox's: no argument makes a destroyed embed's call work.
      if (destroyed) throw gone(action);
      const params = check(action);
      // Errors name the action as log events do: a raw send's action may hold a number or data.
      const op = shown(action);
      const { waitForEcho, timeoutMs: ms, signal: abort } = record(op, opts ?? {}, COMMAND, 'options');
      // The uPhone posts finishedSms, never a makeSms event (spec 8.1): such an echo never comes. In
      // any letter case, as an echo is matched (below): send('makesms', …) waited for its timeout.
      // (/i with the name's own spelling: 2 B less gzip than 'makesms' or a toLowerCase().)
      if (waitForEcho && /^makeSms$/i.test(action)) invalid(op, 'waitForEcho: the uPhone posts no makeSms event');
      // ABORTED's cause is the signal's reason (AbortSignal.timeout's TimeoutError), as from the http entry.
      const aborted = (sent?: boolean): BridgeError => bridgeError('ABORTED', op, `aborted (${sent ? 'sent' : 'never sent'})`, { cause: abort?.reason });
      if (abort?.aborted) throw aborted();
      const onAbort = (): void => c.end(aborted(c.sent));
      // First: a signal whose addEventListener throws (a polyfill's bug) rejects the call with nothing
      // set up. Last, it left the command queued, and it was sent at the login though it had rejected.
      abort?.addEventListener('abort', onAbort);
      const t = setTimeout(() => c.end(c.sent ? bridgeError('TIMEOUT', op, `sent, but no echo within ${ms} ms`) : notReady(action, ms)), ms);
      const c: Command = {
        action, params, echo: waitForEcho, digits: digits(params.number), due: performance.now() + ms,
        end(error, result) {
          if (!waiting.delete(c)) return;
          echoes.delete(c);
          clearTimeout(t);
          try {
            abort?.removeEventListener('abort', onAbort);
          } catch {
            // The caller's signal object: nothing may escape the listener or the timer.
          }
          if (error) reject(error);
          else resolve(result as CommandResult);
        },
      };
      waiting.add(c);
      if (open) post(c);
      else log('queued', action);
    });

  const subscribe = (op: string, key: string, fn: unknown): (() => void) => {
    // Checked after the name (`key`). Async: the handler runs at once, and what it throws or rejects
    // with stays in the promise.
    callback(op, 'handler', fn);
    const h = { k: key, f: async (value: unknown): Promise<void> => (fn as (v: unknown) => void)(value) };
    if (!destroyed) handlers.add(h);
    return () => void handlers.delete(h);
  };

  return {
    // Inherited: JSON.stringify and a walk of the handle's own keys (a store's serialiser, an error
    // reporter) leave out the call, which holds the number.
    __proto__: { get state() { return state; } },
    iframe,
    origin,
    ready,
    // One truth for every embed of the iframe: what was last heard from its uPhone.
    get loggedIn() {
      return (iframe as Marked)[IN] === origin;
    },
    on: (name, handler) => subscribe('on', text('on', 'name', name), handler),
    onState: (handler) => subscribe('onState', '', handler),
    makeCall: (args, opts) => command('makeCall', (op) => record(op, args, { number: phone, campaign: text }), opts),
    makeSms: (args, opts) => command('makeSms', (op) => record(op, args, { number: phone, message: text, campaign: optional(text) }), opts),
    send: (action, params, opts) => command(action, () => {
      text('send', 'action', action);
      if (params !== undefined && !isRecord(params)) invalid('send', 'params must be an object');
      // A copy, checked now: what is posted is plain data as it was at the call. Plain data behind a
      // Proxy (Vue's reactive()), which structuredClone and postMessage refuse, is copied out first.
      for (const out of [0, 1])
        try {
          return structuredClone(out ? (unwrap(params) as typeof params & {}) : params ?? {});
        } catch {
          // The next, or refused.
        }
      return invalid('send', 'params must be plain data (no functions, no DOM nodes)');
    }, opts),
    destroy(opts) {
      // Its default once: a repeated plain destroy() of an iframe kept (removeIframe: false) leaves it,
      // as it may be another embed's now; asked for (true) by a later call, it goes (a component's
      // own cleanup after its framework's).
      // Its page goes with it: put back, the element loads a new one (logged out, no call), so a
      // later embed of it must not start from what was heard of this one.
      if (record('destroy', opts ?? {}, { removeIframe: optional(flag, !adopted && !destroyed) }, 'options').removeIframe) {
        iframe.remove();
        (iframe as Marked)[IN] = '';
        delete (iframe as Marked)[ECHO];
      }
      if (destroyed) return;
      destroyed = true;
      win.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', loaded);
      settleReady?.(gone('ready'));
      // The live set: end() takes each off it, and none joins once `destroyed` is set.
      for (const c of waiting) c.end(gone(c.action, ` (${c.sent ? 'sent' : 'never sent'})`));
      handlers.clear();
      log('destroyed');
    },
  } as Omit<UPhone, 'state'> as UPhone;
}
