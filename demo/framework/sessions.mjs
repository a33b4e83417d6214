// One agent desk per browser session (a cookie set with the portal page): the call the portal
// opened the form for (the framework's CTI), the desk's current call, the agent's pause state,
// what the form did through the framework helpers, the helpers' fault modes and a table store.
// Every change is pushed to the portal pages of the session (server-sent events).
import { randomUUID } from 'node:crypto';
import { LIST_LIMIT, keep } from '../rest/fixtures.mjs';
import { createTableStore } from './tables.mjs';

export const COOKIE = 'ucsim';
/**
 * How many helper calls a desk's `log` keeps (the latest; `seq` counts them all): as many as its
 * dispositions, tags and known calls, and as each list of the REST simulator's state.
 */
export const LOG_LIMIT = LIST_LIMIT;

class Session {
  constructor(id, onCall) {
    this.id = id;
    /** Told of each call the desk gets (placed or answered), with the CTI: the platform's record of it. */
    this.onCall = onCall;
    /** The CTI object of the call the portal opened the form for; null: opened without a call. */
    this.cti = null;
    /** The desk's current call: {guid, campaign, destination, via, startedAt}; null when idle. */
    this.call = null;
    this.paused = false;
    this.log = [];
    /** How many helper calls the desk answered, all day (`log` keeps the latest LOG_LIMIT). */
    this.seq = 0;
    /** The latest LIST_LIMIT dispositions and tags (a desk open all day kept every one). */
    this.dispositions = [];
    this.tags = [];
    this.closes = 0;
    /** Fault mode per helper name: {mode: 'answer'|'fail'|'silent'|'late', delay, times}. */
    this.modes = {};
    /** The parameters the framework declares for UC_DispositionCall_async: 7 (the contract's) or 11. */
    this.dispositionParams = 7;
    this.tables = createTableStore();
    /** The guids of the desk's latest LIST_LIMIT calls (in the order they came). */
    this.guids = new Set();
    this.subscribers = new Set();
    /** The agent's REST session token, the framework's `Agent.token` (never in the served state). */
    this.token = null;
  }

  emit(event) {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.subscribers) res.write(line);
  }

  /** True when `guid` is a call this desk knows (answered, placed, or the form's CTI). */
  knows(guid) {
    return this.guids.has(guid) || this.cti?.Guid === guid;
  }

  remember(guid) {
    this.guids.delete(guid);
    this.guids.add(guid);
    if (this.guids.size > LIST_LIMIT) this.guids.delete(this.guids.values().next().value);
  }

  setCall(call) {
    this.call = call && { ...call, startedAt: call.startedAt ?? Date.now() };
    if (call?.guid) this.remember(call.guid);
    if (this.call) this.onCall?.(this.call, this.cti);
    this.emit({ type: 'call', call: this.call });
  }

  setCti(cti) {
    this.cti = cti ?? null;
    if (this.cti?.Guid) this.remember(String(this.cti.Guid));
  }

  setPaused(paused) {
    this.paused = paused;
    this.emit({ type: 'agent', paused });
  }

  dispose(entry) {
    keep(this.dispositions, entry);
  }

  tag(entry) {
    keep(this.tags, entry);
  }

  closeForm() {
    this.closes++;
    this.emit({ type: 'close' });
  }

  record(entry) {
    const full = { seq: ++this.seq, ...entry };
    // The latest only: each entry holds the helper's arguments and answer (a UC_get_async's rows),
    // and the log goes out whole in every answer to the desk's POSTs and in each event stream's hello.
    keep(this.log, full);
    this.emit({ type: 'helper', entry: full });
    return full;
  }

  /** The mode a helper answers in now (a limited mode counts down, then answers normally). */
  takeMode(name) {
    const m = this.modes[name];
    if (!m || m.times <= 0) return { mode: 'answer', delay: 0 };
    m.times--;
    return m;
  }

  /** What `GET /sim/framework/state` shows. */
  toJSON() {
    return {
      cti: this.cti, call: this.call, paused: this.paused, log: this.log, dispositions: this.dispositions,
      tags: this.tags, closes: this.closes, modes: this.modes, tables: this.tables.dump(),
    };
  }
}

/**
 * The most desks kept at once. The cookie's value is the client's to choose: without a bound, a
 * client sending a new one per request (a test run opens a fresh browser context per test) grows the
 * server's memory for good. Beyond it the desk used least recently, with no portal page listening,
 * goes (a browser that comes back with its cookie gets a fresh desk).
 */
export const MAX_SESSIONS = 256;

/**
 * The sessions of one simulator, found by the request's cookie (none: a shared default desk).
 * `onCall(call, cti)` is told of each call a desk gets.
 */
export function createSessions(onCall) {
  const sessions = new Map();
  const get = (id) => {
    let session = sessions.get(id);
    if (session) sessions.delete(id); // to the end: the order of the map is the order of use
    else session = new Session(id, onCall);
    sessions.set(id, session);
    if (sessions.size > MAX_SESSIONS) {
      for (const [key, s] of sessions) {
        if (sessions.size <= MAX_SESSIONS) break;
        if (s !== session && key !== 'default' && !s.subscribers.size) sessions.delete(key);
      }
    }
    return session;
  };
  return {
    /** How many desks are kept. */
    get size() {
      return sessions.size;
    },
    /** The session `req`'s cookie names, if the simulator gave it (never the default one, never a new one). */
    find(req) {
      const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([\\w-]+)`).exec(req.headers.cookie ?? '');
      return m && m[1] !== 'default' ? sessions.get(m[1]) : undefined;
    },
    /** The session of `req`, or the default one. */
    of(req) {
      const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([\\w-]+)`).exec(req.headers.cookie ?? '');
      return get(m ? m[1] : 'default');
    },
    /**
     * A `Set-Cookie` value for a new session, when `req` has none. Lax: a link from another site opens
     * the agent's own desk (Strict left the cookie out of that navigation, and a new one replaced it);
     * another site's requests still come without it, and its POSTs are refused by their Origin.
     */
    newCookie(req) {
      if (new RegExp(`(?:^|;\\s*)${COOKIE}=`).test(req.headers.cookie ?? '')) return undefined;
      return `${COOKIE}=${randomUUID()}; Path=/; SameSite=Lax; HttpOnly`;
    },
    /** Ends every event stream (the server is closing). */
    closeAll() {
      // Unsubscribed at once: a change meanwhile (a helper still running) would write after the end,
      // an uncaught error that stops the process.
      for (const s of sessions.values()) {
        for (const res of s.subscribers) res.end();
        s.subscribers.clear();
      }
    },
  };
}
