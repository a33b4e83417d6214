import { now } from './alarm.js';
import { createLane, type Lane, type OwnLane, type Sent } from './lanes.js';
import { put, read, slotKey, type Saved } from './reload.js';
import type { LogEvent, PortalMessage } from './types.js';
import { classifyReply, decodeEnvelope, type Answer } from './wire.js';

// The hubs of a window live on the window itself, under a registry symbol (the same in every copy
// of the library), so every copy loaded in the page (script tags, ES modules, other versions)
// queues in the same lanes. What one copy calls on another copy's hub, member or request is the
// shared-hub protocol, versioned (docs/correlation.md): plain records and functions, no instanceof.
const REGISTRY = Symbol.for('ucontact-bridge.hubs');

/**
 * The shared-hub protocol version this copy makes and speaks. A hub of version n serves members of
 * every version up to n. Version 2: lanes of any name (a raw `send` waits in the lane of its
 * action), and the reply record carries the reply's `data`.
 */
const HUB_VERSION = 2;

/** A client attached to a hub (protocol v1): its origin check, log hook, message listeners and reload protection. */
export interface Member {
  accepts(origin: string): boolean;
  /** Undefined when the client has no log hook. */
  log: ((event: LogEvent) => void) | undefined;
  deliver(data: PortalMessage, origin: string): void;
  /** The client's `persistPending`: the hub then restores and saves the frame's reload slots. */
  persist: boolean;
}

/** What every client of one window and one portal window shares (protocol v1; v2 takes any lane name). */
export interface Hub {
  readonly v: number;
  readonly target: Window;
  lane(name: string): Lane<Answer>;
  /** Attaches a client; returns the function that detaches it. */
  join(member: Member): () => void;
}

// A slot restored after a reload: its sender is gone, so any accepted origin's reply is swallowed.
const RESTORED: Sent = { accepts: () => true, late: 0, persist: true };
// Guids remembered in memory, and how many of them a reload keeps.
const SEEN = 256;
const SAVED_SEEN = 32;

/**
 * The one `message` listener and the reply lanes of a window talking to a portal window, shared
 * by every client in the page: replies carry no id, so two clients (two widgets, a React StrictMode
 * remount, a destroyed client's leftovers, another copy of the library) must queue in the same
 * lanes for a reply to find its request. The listener lives while at least one client is attached
 * (for the frame's own portal, also while a late window is open: see drop); the lanes outlive
 * clients, and their persisted slots survive a reload of the form.
 */
export function hubFor(win: Window, target: Window): Hub {
  const registry = (win as unknown as { [REGISTRY]?: Hub[] })[REGISTRY]
    ?? (Object.defineProperty(win, REGISTRY, { value: [] }) as unknown as { [REGISTRY]: Hub[] })[REGISTRY];
  // A closed target (a removed frame, a closed pop-up) can never reply: its hub goes, or the
  // registry kept each such window, and its document, alive for the page's life.
  registry.splice(0, 1e9, ...registry.filter((h) => !h.target.closed));
  // Any version serves v1: a later copy joins the hub an earlier one made, never a second one.
  const found = registry.find((h) => h.target === target && h.v >= 1);
  if (found) return found;

  // By lane name; no prototype, so a deployment's action named `constructor` is a lane like any other.
  const lanes: Record<string, OwnLane<Answer>> = Object.create(null) as Record<string, OwnLane<Answer>>;
  const members = new Set<Member>();
  // Guids already routed, oldest first (a Set keeps its order): a guid is delivered at most once
  // (a replay answers nothing). Adding one it has moves nothing.
  const seen = new Set<string>();
  const remember = (guid: string): void => {
    if (seen.add(guid).size > SEEN) seen.delete(seen.values().next().value as string);
  };
  // This frame's sessionStorage key, once a client with persistPending joined.
  let key: string | undefined;
  // The portal document's performance.timeOrigin, read with the key: readable from a form on the
  // portal's origin only (across origins undefined). The slots saved under another portal document
  // (the agent reloaded the whole portal) are dropped: that portal is gone and can never answer them.
  let portal: number | undefined;
  const lane = (name: string): OwnLane<Answer> => (lanes[name] ??= createLane<Answer>());

  // Within a page every time is performance.now(); across a reload there is no monotonic clock, so
  // a slot is saved as its deadline in epoch ms and the time it had left. The next page keeps what
  // the wall clock says is left, counted from the restore; only if that is more than was left at
  // the save (the clock stepped back during the reload), the time left counted from the page's
  // start. So a wall-clock step can shorten a window but never stretch it, and without one the
  // window is whole: counted from the page's start (its navigation began before the old page's
  // pagehide), every window closed early by the page's own pagehide work and the next page's fetch.
  // Epoch ms from Date.now() at the save, never timeOrigin + now(): Chromium's performance.now()
  // stops while the system sleeps, so after a night that sum is hours behind the wall clock, and
  // every slot the reload saved was long closed for the next page.
  const save = (): void => {
    if (key === undefined) return;
    try {
      // Again now: a sibling frame removed since the join moved this one's index.
      key = slotKey(win);
    } catch {
      // a detached frame: the key of the join
    }
    // No prototype: a lane named `__proto__` (any action name is one) is saved as a key, not set as one.
    const s = Object.create(null) as Saved['s'];
    for (const name in lanes) {
      const until = (lanes[name] as OwnLane<Answer>).pending();
      if (until.length) s[name] = until.map((t) => [(t -= now()) + Date.now(), t]);
    }
    put(win, key, seen.size || Object.keys(s).length ? { s, g: [...seen].slice(-SAVED_SEEN), p: portal } : undefined);
  };

  const ignore = (reason: string): void => members.forEach((m) => m.log?.({ type: 'ignored', reason }));
  const onMessage = (event: MessageEvent): void => {
    // Porthole never checks who posted: the window and the origin are checked before anything is read.
    if (event.source !== target) return ignore('source');
    const origin = event.origin;
    // No client attached (the listener outlives the last one while a lane waits for a reply): the
    // origin is checked by the lane, against its message's sender.
    if (members.size && ![...members].some((m) => m.accepts(origin))) return ignore('origin');
    const data = decodeEnvelope(event.data);
    if (!data) return ignore('shape');
    const reply = classifyReply(data, (name) => name in lanes);
    const guid = reply?.lane === 'guid' && reply.answer.ok ? reply.answer.guid : '';
    // An old call's guid sent again: never a second request's answer, and it consumes no slot.
    if (seen.has(guid)) return ignore('replayed');
    const routed = reply ? lane(reply.lane).reply(reply.answer, origin) : 'unsolicited';
    if (routed === 'rejected') return ignore('origin');
    if (guid) remember(guid);
    if (routed === 'stale') members.forEach((m) => m.log?.({ type: 'stale-reply' }));
    // A listener may destroy its client (or another): deliver to the members of this moment.
    if (routed === 'unsolicited') [...members].forEach((m) => m.accepts(origin) && m.deliver(data, origin));
  };

  // The last client left: the listener stays while a message of any lane may still be answered (a
  // request destroyed on the wire, as by a remount: its reply, heard, frees its lane for the next
  // client's request; unheard, that request waited out the whole late window), and goes when the
  // last window closes. Its timer keeps no Node process alive. Only for the frame's own portal
  // (window.parent, which outlives the frame): a targetWindow (a widget's frame, a pop-up) may be
  // removed at once, and the listener kept its document alive for the window (e2e/leaks).
  // Each time no client is found (the last one's leave, the timer) the frame's state is saved as it
  // stands. `t`: the deadline the timer waited for has passed, whatever the clock says (fake timers
  // without a fake performance.now(), as Node's mock.timers, would else re-arm it forever); a later
  // one (a client that came and went since) is waited for again. Its delay is rounded up, as a
  // lane's timer's: a browser cuts it to whole ms, and a timer fired before the last window's end
  // removed the listener early (a late reply then unheard held the next client's request back).
  const drop = (t: number): void => {
    let until = 0;
    for (const name in lanes) until = Math.max(until, ...(lanes[name] as OwnLane<Answer>).pending(1));
    if (!members.size) {
      save();
      if (until > t && target === win.parent) (setTimeout(drop, Math.ceil(until - now()), until) as { unref?: () => void }).unref?.();
      else win.removeEventListener('message', onMessage);
    }
  };

  // Shown again (restored from the back/forward cache, or its first show): what pagehide saved is
  // this live document's, never for a copy of the tab (a popup, a duplicated tab) to take.
  const show = (): void => put(win, key as string);
  // The hub's listeners (adding the same listener twice is a no-op). The unload pair only once a
  // client with persistPending gave the frame its key; kept for the hub's life: a client destroyed
  // in an unload handler that runs before this one (beforeunload, or a pagehide listener added
  // first) leaves its slots to save.
  let root: unknown = 0;
  const listen = (): void => {
    win.addEventListener('message', onMessage);
    if (key !== undefined) {
      win.addEventListener('pagehide', save);
      win.addEventListener('pageshow', show);
    }
  };

  const hub: Hub = {
    v: HUB_VERSION,
    target,
    // A request listens again when the document's root element is not the one of its last look:
    // document.open() (a document.write() after load) erases every listener of the window and
    // empties the document, and the hub, kept on the window, heard no reply again, for this client
    // or any connected later, and saved no reload slot at pagehide (a reply to the old document's
    // request was the next document's). Looking first spares each request three addEventListener
    // calls (about 2 µs of a same-origin round trip).
    lane: (name) => (root !== (root = win.document?.documentElement) && listen(), lane(name)),
    join(member) {
      // A client joins again after the last one left (a remount): the state saved then is this
      // document's, not a next one's. Left in place, a copy of the tab's sessionStorage (a
      // duplicated tab, a window.open popup) would take its slots as its own.
      if (!members.size && key) put(win, key);
      members.add(member);
      // Reload slots belong to the frame and its portal, window.parent (the key names the frame).
      if (member.persist && key === undefined && target === win.parent) {
        // Restores the frame's saved state (read once, at the first such join).
        try {
          key = slotKey(win);
          try {
            portal = (target as unknown as { performance: Performance }).performance.timeOrigin;
          } catch {
            // the portal on another origin: nothing tells its documents apart
          }
          const saved = read(win, key) as Saved | null | undefined;
          let live = false;
          // Own keys: a for-in also visits what a page's old library put on Object.prototype (json.js's
          // toJSONString), which threw below and cost the reload its guids and its slots' removal. None
          // saved under another portal document (a state without `p`, an older copy's, is kept).
          const slots = (saved?.p ?? portal) === portal ? saved?.s ?? {} : {};
          for (const name of Object.keys(slots)) {
            try {
              // Newest first: each goes to the front of its lane, so the oldest ends up first, as saved.
              for (const [at, left] of (slots[name] as Saved['s'][string]).reverse()) {
                // The wall clock now, as at the save: a sleep since this page began (its timeOrigin) counts.
                const wall = at - Date.now();
                const until = wall > left ? left : wall + now();
                if (until > now()) {
                  lane(name).sent(RESTORED, until);
                  live = true;
                }
              }
            } catch {
              // a lane that is not a list of pairs (not written by this library): skipped, the others restored
            }
          }
          // A slot still open is consumed: only this document of the frame takes it. The rest (guids,
          // closed windows) is replaced at pagehide; removing it here would cost a storage write before
          // the first request (bench: about 0.3 ms). Before the guids: a list of them that is not one
          // (not written by this library) throws, and costs only the guids.
          if (live) put(win, key);
          for (const guid of saved?.g ?? []) if (typeof guid === 'string') remember(guid);
        } catch {
          // a detached frame, or a saved state that is not ours: start without it
        }
      }
      // At every join (one it has is not added again): the unload pair too once the frame has its key.
      listen();
      return () => {
        if (members.delete(member) && !members.size) drop(0);
      };
    },
  };
  registry.push(hub);
  return hub;
}
