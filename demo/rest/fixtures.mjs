// Default accounts and seeded data of the REST simulator.

/**
 * Default accounts: two API/supervisor users (the second has a phone: UserLogin answers it with its
 * SIP object) and two agents.
 */
export const DEFAULT_ACCOUNTS = {
  users: { supervisor: 'Sup3r-s3cret', 'supervisor-phone': 'Sup3r-s3cret' },
  /** Users with a phone: their extension. */
  userPhones: { 'supervisor-phone': '1050' },
  agents: {
    agent1001: { password: 'Ag3nt-s3cret', phone: '1001', context: 'from-internal' },
    agent1002: { password: 'Ag3nt-s3cret', phone: '1002', context: 'from-internal' },
  },
};

/**
 * One recording in each of the four places uContact keeps them. The local one is a GSM file named by
 * its guid, as the platform records calls; the others' formats are unknown.
 */
export const RECORDINGS = [
  { guid: 'rec-0001', date: '2026-11-02 09:15:00', campaign: 'Sales->', callerid: '099111001', agent: 'agent1001', duration: 125, location: 'local', file: 'rec-0001.gsm' },
  { guid: 'rec-0002', date: '2026-11-02 10:40:12', campaign: 'Sales->', callerid: '099111002', agent: 'agent1002', duration: 61, location: 'backup', file: 'rec-0002.wav' },
  { guid: 'rec-0003', date: '2026-11-03 14:05:30', campaign: 'Support<-', callerid: '099111003', agent: 'agent1001', duration: 300, location: 'ftp', file: 'rec-0003.wav' },
  { guid: 'rec-0004', date: '2026-11-04 16:20:45', campaign: 'Support<-', callerid: '099111004', agent: 'agent1002', duration: 42, location: 'cloud', file: 'rec-0004.mp3' },
];

/**
 * Campaigns and their figures, as real servers give them (contract section 5): `talked` and `hold`
 * are text `HH:MM:SS`, `servicelevel` a number or numeric text.
 */
export const CAMPAIGNS = [
  { campaign: 'Sales->', type: 'outbound', availables: 3, busy: 1, paused: 0, onwrapup: 1, completed: 40, abandoned: 2, acd: 0, totalcalls: 42, talked: '01:00:00', hold: '00:00:00', servicelevel: 90, waiting: 0 },
  { campaign: 'Support<-', type: 'inbound', availables: 2, busy: 2, paused: 1, onwrapup: 0, completed: 120, abandoned: 6, acd: 3, totalcalls: 126, talked: '02:30:00', hold: '00:00:45', servicelevel: '85.5', waiting: 2 },
  { campaign: 'Promo->', type: 'dialer', availables: 5, busy: 0, paused: 0, onwrapup: 0, completed: 300, abandoned: 12, acd: 0, totalcalls: 312, talked: '05:33:20', hold: '00:00:00', servicelevel: 95, waiting: 0 },
];

/** Queue members (queues/getqueuemembersofqueue) and, by channel, an agent's campaigns (GetCampaigns). */
export const QUEUES = { 'Sales->': ['agent1001', 'agent1002'], 'Support<-': ['agent1001', 'agent1002'], 'Promo->': ['agent1001'] };

/**
 * API tokens of the uContact X REST API (contract section 9): token → user. A token is opaque, made
 * in the portal by its user, and does not expire. Option `apiTokens` replaces these.
 */
export const DEFAULT_API_TOKENS = { 'ucx-sim-api-token-0001': 'supervisor' };

/** Hubs of the uContact X API (`/api/dialer/id/<hub>/…`) and their channel: e-mail hubs take `clientId`. */
export const HUBS = { Sales: { channel: 'telephony' }, Chat: { channel: 'whatsapp' }, Mail: { channel: 'email' } };

/** Interactions and their messages (`/api/interactions/id/<id>/messages`), oldest first, ids from 1. */
export const INTERACTIONS = {
  'int-0001': [
    { id: 1, date: '2026-11-05 10:00:00', source: 'client', type: 'text', text: 'Hello, I have a question about my order.' },
    { id: 2, date: '2026-11-05 10:00:40', source: 'agent', type: 'text', text: 'Hello! Sure, what is the order number?' },
    { id: 3, date: '2026-11-05 10:01:15', source: 'client', type: 'text', text: 'It is order A-1042.' },
    { id: 4, date: '2026-11-05 10:02:02', source: 'agent', type: 'text', text: 'Thanks. It ships tomorrow.' },
    { id: 5, date: '2026-11-05 10:02:30', source: 'client', type: 'text', text: 'Great, thank you.' },
  ],
  'int-0002': [
    { id: 1, date: '2026-11-06 16:45:10', source: 'client', type: 'text', text: 'Can someone call me back?' },
  ],
};

/**
 * How many entries each list of the state keeps (the latest), the request log and the webhooks as
 * the rest: a simulator open all day (a load test, a back end's jobs) kept every call, disposition,
 * base and SMS, and each /sim/state copy grew with them. Not the blacklist: a set of numbers, loaded
 * by the thousand, as big as the list a call center loads.
 */
export const LIST_LIMIT = 1000;

/** Appends `entry` to the state's `list`, dropping the oldest past LIST_LIMIT; returns the dropped one. */
export function keep(list, entry) {
  return list.push(entry) > LIST_LIMIT ? list.shift() : undefined;
}

/**
 * A caller's free text kept in a list of the state (a dialer's, a campaign's, an agent's name, an
 * address, a file's name): its first KEPT_TEXT characters and its length. Kept whole, each entry held
 * up to the 64 MB body (1,000 entries a list: the process out of memory long before).
 */
export const KEPT_TEXT = 256;
export const kept = (t) => (typeof t === 'string' && t.length > KEPT_TEXT ? `${t.slice(0, KEPT_TEXT)}… (${t.length} characters)` : t);

/** A fresh simulator state (JSON-serialisable; no tokens, no bodies). */
export function freshState(recordings = RECORDINGS, campaigns = CAMPAIGNS) {
  return {
    sessions: { userLogins: 0, agentLogins: 0, endSessions: 0, active: 0 },
    calls: [],
    hangups: [],
    dispositions: [],
    dialer: [],
    schedules: [],
    deleted: [],
    bases: [],
    blacklist: [],
    recordings: recordings.map((r) => ({ ...r, tags: [] })),
    conversions: [],
    logoffs: [],
    unbreaks: [],
    sms: [],
    smsSchedules: [],
    smsDialer: [],
    mails: [],
    // Inbound SMS ({phone, length}), gamification actions and measure batches (counts, never the file).
    inboundSms: [],
    gamificationActions: [],
    gamificationBatches: [],
    campaigns: Object.fromEntries(campaigns.map((c) => [c.campaign, { ...c }])),
    // uContact X API (section 9): lists loaded (counts only), fresh leads, webhook calls (key names only).
    lists: [],
    freshLeads: [],
    webhooks: [],
    log: [],
  };
}
