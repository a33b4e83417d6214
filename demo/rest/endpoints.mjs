// The endpoints of the REST simulator (spec section 5), strict about fields and values. Each handler
// gets the form fields and a context and returns the answer body; a Reject answers `0` (or its `body`).
import { createHash, randomUUID } from 'node:crypto';
import { SqlError } from '../framework/tables.mjs';
import { QUEUES, keep, kept } from './fixtures.mjs';
import { addBlacklist, blacklistEntry, removeBlacklist, removeWhere, uploadBase, uploadChannelBase, uploadSmsBase } from './lists.mjs';
import {
  Reject, dateText, decodeBase64, eachLine, exactKeys, isDateTime, isNumbers, isPairs, isRecord, jsonField, nestsDeeperThan, nonEmpty, phoneField, reject,
} from './checks.mjs';

const CALL_FIELDS = ['callerid', 'agent', 'phone', 'tech', 'context', 'outqueue', 'destination'];
const DISPOSITION_FIELDS = ['campaign', 'agent', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule', 'camptoreschedule', 'tag'];
const TASK_KEYS = ['calldate', 'campaign', 'destination', 'alternatives', 'agent', 'data', 'source', 'bulk', 'automatic'];
// Real clients omit `alternatives` when empty and send `agentphone` only for progressive dialers.
const SCHEDULE_KEYS = ['calldate', 'campaign', 'destination', 'data'];
const SCHEDULE_OPTIONAL = ['alternatives', 'agentphone'];
const OK = '1';

// A campaign or agent by its name, which is request data: own keys only (a name like `__proto__`
// must neither find Object.prototype nor let a counter be written onto it).
const own = (table, name) => (Object.hasOwn(table, name) ? table[name] : undefined);

function agentCall(f, ctx) {
  const agent = own(ctx.accounts.agents, f.agent) ?? reject('unknown-agent');
  if (f.phone !== agent.phone) reject('agent-phone-mismatch');
  phoneField(f.callerid, 'bad-callerid', true);
  phoneField(f.destination, 'bad-destination');
  nonEmpty(f.tech, 'bad-tech');
  nonEmpty(f.context, 'bad-context');
  nonEmpty(f.outqueue, 'bad-outqueue');
  const guid = randomUUID();
  return { guid, call: { guid, agent: f.agent, outqueue: f.outqueue, destination: f.destination, callerid: f.callerid } };
}

const RECORDED = new WeakMap();

/**
 * A voice call of the platform `{guid, campaign, callerid, agent}`, however it was placed or answered
 * (AgentCall, the portal's call, the form framework's UC_makeCall_async, an answered call): counted in
 * its campaign's `totalcalls` and recorded, as the platform records every call, so that its guid can
 * be converted, tagged and looked up over REST. A guid already recorded is the same call: nothing
 * more (a form reloaded mid-call, the desk told twice). Its `date` is now in the instance's zone
 * `zone` (default this process's), as uContact writes dates (no offset); its `file` the guid's GSM
 * file, as the platform records calls (`local`: the monitor spool's `<guid>.gsm`). True when it was new.
 */
export function recordCall(state, { guid, campaign, callerid, agent }, zone) {
  // The guids recorded, per recordings list (reset() makes a new one): looked up, not searched for
  // in every recording of the day at each call.
  let guids = RECORDED.get(state.recordings);
  if (!guids) RECORDED.set(state.recordings, guids = new Set(state.recordings.map((r) => r.guid)));
  if (guids.has(guid)) return false;
  guids.add(guid);
  const c = own(state.campaigns, campaign);
  if (c) c.totalcalls++;
  const date = dateText(new Date(), zone);
  // The latest LIST_LIMIT: a guid whose recording went is new again.
  const gone = keep(state.recordings, { guid, date, campaign, callerid, agent, duration: 0, location: 'local', file: `${guid}.gsm`, tags: [] });
  if (gone) guids.delete(gone.guid);
  return true;
}
/**
 * Tags the recording of the call `guid` with the labels of `tag` (`|`-joined), whichever way the tag
 * came (REST's TagRecording, the form framework's UC_TagRecord, the portal's tag): the same
 * recording's tags. False when no recording has that guid.
 */
export function tagRecording(state, guid, tag) {
  const rec = state.recordings.find((r) => r.guid === guid);
  // Not push(...labels): a tag of some hundred thousand labels overflows the call's arguments.
  if (rec) rec.tags = rec.tags.concat(tag.split('|'));
  return !!rec;
}
/**
 * A call of `campaign` disposed, whichever way (REST's DispositionCall, the form framework's
 * UC_DispositionCall_async, the portal's disposition): counted in its campaign's `completed`.
 */
export function countDisposition(state, campaign) {
  const c = own(state.campaigns, campaign);
  if (c) c.completed++;
}
/**
 * A Schedule object (spec 4.4) into the dialer's scheduled calls, whichever way it came (REST's
 * ScheduleDialerCall, the portal's schedule): checked as ScheduleDialerCall checks it (a Reject
 * for a bad one, its reason naming the field: `bad-schedule-keys`, `bad-calldate`, `bad-campaign`,
 * `bad-destination`, `bad-alternatives`, `bad-data`, `bad-agentphone`), stored with every key.
 */
export function storeSchedule(state, value) {
  const s = exactKeys(value, SCHEDULE_KEYS, SCHEDULE_OPTIONAL, 'bad-schedule-keys');
  if (!isDateTime(s.calldate)) reject('bad-calldate');
  nonEmpty(s.campaign, 'bad-campaign');
  phoneField(s.destination, 'bad-destination');
  const { alternatives = '', agentphone = '' } = s;
  // Each refusal names its field (the portal's schedule answers it to the form: a field, never a value).
  if (!isNumbers(alternatives)) reject('bad-alternatives');
  if (!isPairs(s.data)) reject('bad-data');
  if (typeof agentphone !== 'string') reject('bad-agentphone');
  keep(state.schedules, { calldate: s.calldate, campaign: s.campaign, destination: s.destination, alternatives, agentphone, data: s.data });
}
const recorded = (ctx, call) => recordCall(ctx.state, { guid: call.guid, campaign: call.outqueue, callerid: call.destination, agent: call.agent }, ctx.config?.timeZone);

// A statement the instance's database (`ctx.tables`, the framework's table store) refuses: FormExec
// and FormSave answer `ERROR`, as the framework's UC_exec_async and UC_Save_async resolve; FormGet `0`.
function database(work, body = 'ERROR') {
  try {
    return work();
  } catch (e) {
    if (!(e instanceof SqlError)) throw e;
    throw Object.assign(new Reject('sql-error'), { body });
  }
}
// What the form helpers send is SQL or a row, not a file: a megabyte, as the framework's helper calls.
const FORM_BODY = 1 << 20;

const SMS_FIELDS = ['destination', 'message', 'agent', 'campaign', 'source'];
/** An SMS sent (SendSMS, SendSMSv2): checked, kept without its text; its id. */
function sendSms(f, ctx) {
  phoneField(f.destination, 'bad-destination');
  nonEmpty(f.message, 'bad-message');
  nonEmpty(f.campaign, 'bad-campaign');
  // Counted on from the latest kept (the list's length stops at LIST_LIMIT).
  const id = (ctx.state.sms.at(-1)?.id ?? 0) + 1;
  keep(ctx.state.sms, { id, destination: f.destination, campaign: kept(f.campaign), agent: kept(f.agent), source: kept(f.source), length: f.message.length });
  return id;
}

function knownAgent(f, ctx) {
  if (!Object.hasOwn(ctx.accounts.agents, nonEmpty(f.agent, 'bad-agent'))) reject('unknown-agent');
  nonEmpty(f.interface, 'bad-interface');
}

/**
 * Path (below `/Integra/resources/`, or from the root for other trees) → { fields, optional?,
 * absent? (`null`: an optional field left out reaches `handle` as null), query? (fields may come in
 * the query string), methods? (default POST), login?, maxBody? (bytes;
 * default 64 MB, 64 KB for the logins), refusal? (the answer to a refusal; default `0`), tokenless?
 * (a request without an Authorization header is taken; a sent one is checked), segment? (the query
 * may come as one path segment after the path, no `?`), handle(fields, ctx) → body }. A Reject
 * answers its `body` (default the endpoint's refusal).
 */
export const ENDPOINTS = {
  'auth/getUserToken': { fields: ['user', 'password'], login: true, handle: (f, ctx) => ctx.loginUser(f.user, f.password) },
  'auth/UserLogin': { fields: ['user', 'password'], login: true, handle: (f, ctx) => ctx.loginUser(f.user, f.password, 'UserLogin') },
  'auth/AgentLogin': { fields: ['agent', 'password'], login: true, handle: (f, ctx) => ctx.loginAgent(f.agent, f.password) },
  // Its token is in its fields: a client may send no Authorization header (a wrong one is still refused).
  'auth/EndSession': { fields: ['user', 'token'], query: true, ownToken: true, handle: (f, ctx) => ctx.endSession(f.user, f.token) },
  'Agents/AgentCall': {
    fields: CALL_FIELDS,
    handle: (f, ctx) => {
      const { guid, call } = agentCall(f, ctx);
      keep(ctx.state.calls, call);
      recorded(ctx, call);
      return guid;
    },
  },
  'Agents/AgentCallwithData': {
    fields: [...CALL_FIELDS, 'data'],
    handle: (f, ctx) => {
      const data = jsonField(f.data, 'bad-data-json');
      // JSON text of an object (spec 5); its values are not specified, so any JSON value is taken,
      // short of a nesting that would make the state unservable (JSON.stringify overflows on it).
      if (!isRecord(data) || nestsDeeperThan(data)) reject('bad-data');
      const { guid, call } = agentCall(f, ctx);
      keep(ctx.state.calls, { ...call, data });
      recorded(ctx, call);
      return guid;
    },
  },
  'Agents/HangupPhone': { fields: ['phone'], handle: (f, ctx) => (keep(ctx.state.hangups, { phone: phoneField(f.phone, 'bad-phone') }), OK) },
  'api/DispositionCall': {
    // campaign, agent, callerid, guid and l1 required, the others empty or left out (null, as a JAX-RS
    // server hands them on): CleverIdeas' "Call Disposition" page marks l2 to tag "No" in its revisions
    // 1475 and 1625, and its HTTP and Java examples send no d1 (and d2 twice).
    fields: DISPOSITION_FIELDS.slice(0, 5), optional: DISPOSITION_FIELDS.slice(5), absent: null,
    handle: (f, ctx) => {
      // A callerid is not always a number (an e-mail address, a chat id: spec 4.2), so only line
      // breaks are refused in it.
      if (/[\r\n]/.test(f.callerid)) reject('bad-callerid');
      if (f.schedule !== null && f.schedule !== '' && !isDateTime(f.schedule)) reject('bad-schedule');
      keep(ctx.state.dispositions, Object.fromEntries(DISPOSITION_FIELDS.map((k) => [k, kept(f[k])])));
      countDisposition(ctx.state, f.campaign);
      return OK;
    },
  },
  'Dialers/DialerTask': {
    fields: ['call'],
    handle: (f, ctx) => {
      const call = exactKeys(jsonField(f.call, 'bad-call-json'), TASK_KEYS, ['priority'], 'bad-call-keys');
      if (call.calldate !== null && !isDateTime(call.calldate)) reject('bad-calldate');
      nonEmpty(call.campaign, 'bad-campaign');
      phoneField(call.destination, 'bad-destination');
      if (!isNumbers(call.alternatives)) reject('bad-alternatives');
      if (!isPairs(call.data)) reject('bad-data');
      if (typeof call.agent !== 'string' || typeof call.source !== 'string') reject('bad-agent-or-source');
      if (typeof call.bulk !== 'boolean' || typeof call.automatic !== 'boolean') reject('bad-flags');
      if (!call.automatic && call.agent === '') reject('manual-without-agent');
      // The priority mode is [profile]: its wire form is unknown, so a number or numeric text is taken.
      const priority = typeof call.priority === 'string' && /^\d{1,4}$/.test(call.priority) ? Number(call.priority) : call.priority;
      if ('priority' in call && !(Number.isInteger(priority) && priority >= 1 && priority <= 9999)) reject('bad-priority');
      keep(ctx.state.dialer, call);
      return OK;
    },
  },
  'Dialers/ScheduleDialerCall': {
    fields: ['callschedule'],
    handle: (f, ctx) => (storeSchedule(ctx.state, jsonField(f.callschedule, 'bad-schedule-json')), OK),
  },
  'Dialers/DeleteDialerContact': {
    fields: ['campaign', 'destination'],
    handle: (f, ctx) => {
      const { kept, removed } = removeWhere(ctx.state.dialer, (c) => c.campaign === f.campaign && c.destination === f.destination);
      if (!removed) reject('no-such-contact');
      ctx.state.dialer = kept;
      keep(ctx.state.deleted, { kind: 'contact', campaign: f.campaign, destination: f.destination });
      return OK;
    },
  },
  'Dialers/DeleteScheduledCall': {
    fields: ['campaign', 'destination'],
    handle: (f, ctx) => {
      const match = (c) => c.campaign === f.campaign && c.destination === f.destination;
      const a = removeWhere(ctx.state.schedules, match);
      const b = removeWhere(ctx.state.dialer, (c) => match(c) && c.calldate !== null);
      if (!a.removed && !b.removed) reject('no-such-schedule');
      ctx.state.schedules = a.kept;
      ctx.state.dialer = b.kept;
      keep(ctx.state.deleted, { kind: 'schedule', campaign: f.campaign, destination: f.destination });
      return OK;
    },
  },
  // `username` as the contract lists it; a Laravel dialer package (ValmarHoldings DialerLiftUp) sends none.
  'Dialers/uploadbase': { fields: ['filename', 'fileb64', 'campaign', 'cant'], optional: ['username', 'timezone'], handle: uploadBase },
  // As Integra's own test sends it: filename, fileb64, campaign (cant, username, timezone taken too).
  'SMS/uploadbase': { fields: ['filename', 'fileb64', 'campaign'], optional: ['cant', 'username', 'timezone'], handle: uploadSmsBase },
  'Blacklist/AddBlacklist': { fields: ['blacklist'], handle: (f, ctx) => addBlacklist(ctx, [blacklistEntry(jsonField(f.blacklist, 'bad-json'))]) },
  'Blacklist/AddBlacklistMultiple': { fields: ['blacklist'], handle: (f, ctx) => addBlacklist(ctx, list(f.blacklist).map(blacklistEntry)) },
  'Blacklist/RemoveBlacklist': { fields: ['blacklist'], handle: (f, ctx) => removeBlacklist(ctx, [blacklistEntry(jsonField(f.blacklist, 'bad-json'))]) },
  'Blacklist/RemoveBlacklistMultiple': { fields: ['blacklist'], handle: (f, ctx) => removeBlacklist(ctx, list(f.blacklist).map(blacklistEntry)) },
  'Recordings/GetRecordings': {
    fields: [], optional: ['guid', 'from', 'to', 'campaign', 'agent'],
    handle: (f, ctx) => {
      // `guid` alone, or `from`/`to` with optional `campaign` and `agent` (absent or empty: any).
      const keys = Object.keys(f).filter((k) => k !== 'campaign' && k !== 'agent').sort().join(',');
      let found;
      if (keys === 'guid' && !('campaign' in f) && !('agent' in f)) found = ctx.state.recordings.filter((r) => r.guid === nonEmpty(f.guid, 'bad-guid'));
      else if (keys === 'from,to') {
        if (!isDateTime(f.from) || !isDateTime(f.to) || f.from > f.to) reject('bad-range');
        found = ctx.state.recordings.filter((r) => r.date >= f.from && r.date <= f.to &&
          (!f.campaign || r.campaign === f.campaign) && (!f.agent || r.agent === f.agent));
      } else reject('bad-field-set');
      return JSON.stringify(found.map(({ tags: _tags, ...r }) => r));
    },
  },
  'Recordings/ConvertRecording': {
    fields: ['guid', 'format'],
    handle: (f, ctx) => {
      const rec = ctx.state.recordings.find((r) => r.guid === f.guid) ?? reject('unknown-recording');
      if (f.format !== 'mp3' && f.format !== 'wav') reject('bad-format');
      const file = `${rec.guid}.${f.format}`;
      keep(ctx.state.conversions, { guid: rec.guid, format: f.format, file });
      return file;
    },
  },
  'Recordings/TagRecording': {
    fields: ['guid', 'tag'],
    handle: (f, ctx) => {
      if (!ctx.state.recordings.some((r) => r.guid === f.guid)) reject('unknown-recording');
      tagRecording(ctx.state, f.guid, nonEmpty(f.tag, 'bad-tag'));
      return OK;
    },
  },
  'Supervisor/campaignstatus': {
    fields: ['queue'],
    handle: (f, ctx) => {
      const all = Object.values(ctx.state.campaigns).filter((c) => f.queue === '' || c.campaign === f.queue);
      if (!all.length) reject('unknown-queue');
      return JSON.stringify(Object.fromEntries(all.map(({ type: _t, waiting: _w, ...c }) => [c.campaign, c])));
    },
  },
  'api/AgentLogoff': {
    fields: ['agent', 'interface'], optional: ['message'],
    handle: (f, ctx) => (knownAgent(f, ctx), keep(ctx.state.logoffs, { agent: f.agent, interface: kept(f.interface), message: kept(f.message) ?? null }), OK),
  },
  // `message` optional, as the Agent API page documents it for both (an unbreak without one: `message: null`).
  'api/AgentUnBreak': {
    fields: ['agent', 'interface', 'motive'], optional: ['message'],
    handle: (f, ctx) => (knownAgent(f, ctx), keep(ctx.state.unbreaks, { agent: f.agent, interface: kept(f.interface), motive: kept(f.motive), message: kept(f.message) ?? null }), OK),
  },
  'SMS/SendSMSv2': { fields: SMS_FIELDS, handle: (f, ctx) => JSON.stringify({ id: sendSms(f, ctx), status: 'queued' }) },
  // Its first version, as the API Omnichannel page documents it: the same fields; `OK`, or `ERROR` for
  // any refusal (a missing field too), where the other endpoints answer `0`.
  'SMS/SendSMS': { fields: SMS_FIELDS, refusal: 'ERROR', handle: (f, ctx) => (sendSms(f, ctx), 'OK') },
  // An SMS for its dialer to send at `calldate`, as the API Omnichannel page documents it: `sms` the JSON
  // text of {calldate, campaign (the SMS dialer), destination, data (the message)}; `1`. The text is not kept.
  'SMS/ScheduleDialerSMS': {
    fields: ['sms'],
    handle: (f, ctx) => {
      const s = exactKeys(jsonField(f.sms, 'bad-sms-json'), ['calldate', 'campaign', 'destination', 'data'], [], 'bad-sms-keys');
      if (!isDateTime(s.calldate)) reject('bad-calldate');
      nonEmpty(s.campaign, 'bad-campaign');
      phoneField(s.destination, 'bad-destination');
      nonEmpty(s.data, 'bad-data');
      keep(ctx.state.smsSchedules, { calldate: s.calldate, campaign: kept(s.campaign), destination: s.destination, length: s.data.length });
      return OK;
    },
  },
  // As a Laravel gateway sends WhatsApp templates (crixus12cr/Pasarela-druo): message `hsm;<template>;text;<vars…>`,
  // dialerName the SMS/WhatsApp dialer, agent the API user (not looked up). No client reads more of the
  // answer than that it decodes: the success body is unseen, `1` as for the other writes.
  'SMS/SendSMSDialer': {
    fields: ['message', 'destination', 'dialerName', 'agent'],
    handle: (f, ctx) => {
      phoneField(f.destination, 'bad-destination');
      nonEmpty(f.message, 'bad-message');
      nonEmpty(f.dialerName, 'bad-dialer');
      keep(ctx.state.smsDialer, { dialer: kept(f.dialerName), destination: f.destination, agent: kept(f.agent), length: f.message.length });
      return OK;
    },
  },
  'queues/getqueuemembersofqueue': {
    fields: ['queue'], query: true, methods: ['GET', 'POST'],
    handle: (f) => {
      const members = Object.hasOwn(QUEUES, f.queue) ? QUEUES[f.queue] : reject('unknown-queue');
      return JSON.stringify(members.map((m) => ({ membername: m, interface: `SIP/${m.replace(/\D/g, '')}`, paused: 0 })));
    },
  },
  '/IntegraChannels/resources/AgentResources/GetCampaigns': {
    fields: ['agent', 'channel'],
    handle: (f, ctx) => {
      if (!Object.hasOwn(ctx.accounts.agents, f.agent)) reject('unknown-agent');
      const telephony = Object.keys(QUEUES).filter((q) => QUEUES[q].includes(f.agent));
      return JSON.stringify([{ channel: 'telephony', campaigns: telephony }, { channel: 'sms', campaigns: [] }]
        .filter((c) => f.channel === '' || c.channel === f.channel));
    },
  },
  // As Integra's own test uploads an e-mail base: channel, filename, fileb64, dialer, cant.
  '/IntegraChannels/resources/DialersResources/uploadDialerBase': {
    fields: ['channel', 'filename', 'fileb64', 'dialer', 'cant'], handle: uploadChannelBase,
  },
  // As a Laravel CRM e-mails a lead: `body` JSON {campaign, to, subject, body, attachments}, `agent` its
  // uContact user (not looked up, as SendSMSv2's). Other keys of `body` are taken (their names are not
  // known); the success body is unseen (the CRM reads only a 2xx): `1`, as for the other writes.
  '/IntegraChannels/resources/Forms/SendMailv2': {
    fields: ['body', 'agent'],
    handle: (f, ctx) => {
      const m = jsonField(f.body, 'bad-body-json');
      if (!isRecord(m) || nestsDeeperThan(m)) reject('bad-body');
      nonEmpty(m.campaign, 'bad-campaign');
      if (typeof m.to !== 'string' || !/^[^\s@;]+@[^\s@;]+$/.test(m.to)) reject('bad-to');
      if (typeof m.subject !== 'string' || typeof m.body !== 'string') reject('bad-subject-or-body');
      if (m.attachments !== undefined && !Array.isArray(m.attachments)) reject('bad-attachments');
      keep(ctx.state.mails, { campaign: kept(m.campaign), to: kept(m.to), agent: kept(f.agent), subjectLength: m.subject.length, bodyLength: m.body.length, attachments: m.attachments?.length ?? 0 });
      return OK;
    },
  },
  // The form framework's database helpers over REST, as Python scripts call them (`query=<SQL>&dsn=Repo`
  // by string formatting, the SQL not URL-encoded: read as a Java server reads it, `+` a space, `%XX`
  // a byte, a bare `%` a 400) on the instance's database. FormGet answers the rows as JSON text, as
  // UC_get_async resolves (the scripts json.loads it); a statement the store refuses answers `0`.
  'forms/FormGet': {
    fields: ['query', 'dsn'], maxBody: FORM_BODY,
    handle: (f, ctx) => database(() => JSON.stringify(ctx.tables.select(f.query)), '0'),
  },
  // INSERT, UPDATE, DELETE as UC_exec_async runs them: `OK`, or `ERROR` (no script reads the answer).
  'forms/FormExec': {
    fields: ['query', 'dsn'], maxBody: FORM_BODY,
    handle: (f, ctx) => database(() => (ctx.tables.exec(f.query), 'OK')),
  },
  // One row, `json` the JSON text of an object, into the table `datatype`, as UC_Save_async: `OK` or `ERROR`.
  'forms/FormSave': {
    fields: ['json', 'datatype', 'dsn'], maxBody: FORM_BODY,
    handle: (f, ctx) => {
      const row = jsonField(f.json, 'bad-json');
      return database(() => {
        if (f.datatype.trim() === '') throw new SqlError('no table');
        ctx.tables.insert(f.datatype, row);
        return 'OK';
      });
    },
  },
  'Supervisor/campaignssummary': {
    fields: [],
    handle: (_f, ctx) => JSON.stringify(Object.values(ctx.state.campaigns).map((c) => ({
      campaign: c.campaign, type: c.type, agents: c.availables + c.busy + c.paused + c.onwrapup,
      waiting: c.waiting, completed: c.completed, abandoned: c.abandoned, servicelevel: c.servicelevel,
    }))),
  },
  // An SMS that came in, as the official API Omnichannel page documents it ("Recive SMS"): GET with
  // `phone` (its sender) and `message` in the query; `OK`, or `ERROR` for any refusal. Kept as
  // {phone, length}, never the text. Integra's own test (dinover/cypressuc) sends no token and its
  // fields as one path segment, `ReceiveURLSMS/phone=…&message=…`: both taken (`tokenless`, `segment`).
  'InboundSMS/ReceiveURLSMS': {
    fields: ['phone', 'message'], query: true, methods: ['GET'], refusal: 'ERROR', tokenless: true, segment: true, maxBody: 1 << 16,
    handle: (f, ctx) => {
      phoneField(f.phone, 'bad-phone');
      nonEmpty(f.message, 'bad-message');
      keep(ctx.state.inboundSms, { phone: f.phone, length: f.message.length });
      return 'OK';
    },
  },
  // The gamification API, as the official "e. API Gamification v5" page documents it. BatchMeasures:
  // `filename`, `fileb64` (lines `agentUser;performanceMeasureName;date;amount;accreditedPoints`);
  // `1` ("Asynchronous": a line not of that format does not change the answer; counted as skipped).
  '/IntegraGamification/resources/GM_Integration/BatchMeasures': {
    fields: ['filename', 'fileb64'],
    handle: (f, ctx) => {
      nonEmpty(f.filename, 'bad-filename');
      const bytes = decodeBase64(f.fileb64) ?? reject('bad-base64');
      let rows = 0;
      let skipped = 0;
      eachLine(bytes.toString('utf8'), (line) => {
        // Six at most: a sixth is one too many (split whole, a line of 48 million `;` took 1.3 GB of heap).
        const [agent, measure, date, amount, points, ...rest] = line.split(';', 6);
        if (!rest.length && nonBlank(agent) && nonBlank(measure) && isDateTime(date) && NUMBER.test(amount ?? '') && NUMBER.test(points ?? '')) rows++;
        else skipped++;
      });
      keep(ctx.state.gamificationBatches, { filename: kept(f.filename), rows, skipped, sha256: createHash('sha256').update(bytes).digest('hex') });
      return OK;
    },
  },
  // LoadActions: an action of `performanceMeasureName` by `agentName` at `dateHour` (`YYYY-MM-DD
  // HH:mm:ss`, as the page's batch file writes dates), `actionAmount` of them; the page's answer is "a
  // success message" (`OK` here) or "a message error" (`ERROR` here). The form framework's
  // UC_GM_LoadActions(measure, amount) loads its actions into the same list.
  '/IntegraGamification/resources/GM_Integration/LoadActions': {
    fields: ['performanceMeasureName', 'dateHour', 'agentName', 'actionAmount'], refusal: 'ERROR',
    handle: (f, ctx) => loadGamificationAction(ctx.state, f),
  },
};

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const nonBlank = (t) => typeof t === 'string' && t.trim() !== '';

/**
 * A gamification action (REST's GM_Integration/LoadActions, the form framework's UC_GM_LoadActions):
 * `performanceMeasureName` and `agentName` non-blank, `dateHour` `YYYY-MM-DD HH:mm:ss`, `actionAmount`
 * a whole number from 1; kept in `state.gamificationActions` as {measure, dateHour, agent, amount}
 * (names cut as the other lists'). `OK`; a Reject for a bad one.
 */
export function loadGamificationAction(state, f) {
  const measure = nonEmpty(f.performanceMeasureName, 'bad-measure');
  if (!isDateTime(f.dateHour)) reject('bad-date-hour');
  const agent = nonEmpty(f.agentName, 'bad-agent');
  if (typeof f.actionAmount !== 'string' || !/^[1-9]\d{0,8}$/.test(f.actionAmount)) reject('bad-amount');
  keep(state.gamificationActions, { measure: kept(measure), dateHour: f.dateHour, agent: kept(agent), amount: Number(f.actionAmount) });
  return 'OK';
}

function list(text) {
  const v = jsonField(text, 'bad-json');
  return Array.isArray(v) && v.length ? v : reject('bad-blacklist-list');
}
