import { createLane, type Lane as LaneQueue } from './lanes.js';
import type { LogEvent, PortalMessage } from './types.js';
import { REPLY_LANE, classifyReply, decodeEnvelope, type Answer, type Lane } from './wire.js';

/** A client attached to a hub: its origin check, its log hook and its message listeners. */
export interface Member {
  accepts(origin: string): boolean;
  /** Undefined when the client has no log hook. */
  log: ((event: LogEvent) => void) | undefined;
  deliver(data: PortalMessage, origin: string): void;
}

/** What every client of one window and one portal shares. */
export interface Hub {
  lane(name: Lane): LaneQueue<Answer>;
  /** Attaches a client; returns the function that detaches it. */
  join(member: Member): () => void;
}

const hubs = new WeakMap<Window, Map<Window, Hub>>();
const STORE = 'ucontact-bridge.pending';

// Pending slots survive a reload of the form in sessionStorage (per tab and origin). A cross-site
// frame whose browser blocks third-party storage cannot keep them (history.state written during
// pagehide does not survive a reload either, tested): there the protection is lost, nothing fails.
function load(win: Window): unknown {
  try {
    return JSON.parse(win.sessionStorage.getItem(STORE) ?? 'null');
  } catch {
    return undefined;
  }
}

function save(win: Window, pending: Partial<Record<Lane, number>>): void {
  try {
    win.sessionStorage.setItem(STORE, JSON.stringify(pending));
  } catch {
    // storage blocked or full: see above
  }
}

/**
 * The one `message` listener and the reply lanes of a window talking to a portal window, shared
 * by every client in the page: replies carry no id, so two clients (two widgets, a React StrictMode
 * remount, a destroyed client's leftovers) must queue in the same lanes for a reply to find its
 * request. The listener lives while at least one client is attached; the lanes outlive clients,
 * and their pending slots survive a reload of the form.
 */
export function hubFor(win: Window, target: Window, lateMs: number, persist: boolean): Hub {
  let byTarget = hubs.get(win);
  if (!byTarget) hubs.set(win, (byTarget = new Map()));
  let hub = byTarget.get(target);
  if (hub) return hub;

  const lanes: Partial<Record<Lane, LaneQueue<Answer>>> = {};
  const members = new Set<Member>();
  const lane = (name: Lane): LaneQueue<Answer> => (lanes[name] ??= createLane<Answer>(lateMs));
  // A reply to a request sent before the form reloaded may still come: keep its lane busy.
  const saved = persist && load(win);
  if (typeof saved === 'object' && saved !== null) {
    for (const [name, until] of Object.entries(saved)) {
      if (typeof until === 'number' && until > Date.now() && name in { guid: 1, ...REPLY_LANE }) {
        lane(name as Lane).sentUnawaited(() => true, until);
      }
    }
  }

  const ignore = (reason: string): void => members.forEach((m) => m.log?.({ type: 'ignored', reason }));
  const onMessage = (event: MessageEvent): void => {
    // Porthole never checks who posted: the window and the origin are checked before anything is read.
    if (event.source !== target) return ignore('source');
    const origin = event.origin;
    let accepted = false;
    for (const m of members) accepted ||= m.accepts(origin);
    if (!accepted) return ignore('origin');
    const data = decodeEnvelope(event.data);
    if (!data) return ignore('shape');
    const reply = classifyReply(data);
    if (reply.kind === 'malformed') return ignore('malformed');
    const routed = reply.kind === 'reply' ? lane(reply.lane).reply(reply, origin) : 'unsolicited';
    if (routed === 'rejected') return ignore('origin');
    if (routed === 'stale') members.forEach((m) => m.log?.({ type: 'stale-reply' }));
    // A listener may destroy its client (or another): deliver to the members of this moment.
    if (routed === 'unsolicited') [...members].forEach((m) => m.accepts(origin) && m.deliver(data, origin));
  };
  const onPageHide = (): void => {
    const pending: Partial<Record<Lane, number>> = {};
    for (const [name, q] of Object.entries(lanes)) {
      const until = q.pendingUntil(lateMs);
      if (until) pending[name as Lane] = until;
    }
    save(win, pending);
  };

  hub = {
    lane,
    join(member) {
      if (!members.size) {
        win.addEventListener('message', onMessage);
        if (persist) win.addEventListener('pagehide', onPageHide);
      }
      members.add(member);
      return () => {
        if (members.delete(member) && !members.size) {
          win.removeEventListener('message', onMessage);
          win.removeEventListener('pagehide', onPageHide);
        }
      };
    },
  };
  byTarget.set(target, hub);
  return hub;
}
