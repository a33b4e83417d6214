// Blacklist, dialer-list and calls-base helpers of the REST simulator's endpoints.
import { createHash } from 'node:crypto';
import { keep, kept } from './fixtures.mjs';
import { decodeBase64, eachLine, exactKeys, isNumbers, isPairs, isPhone, isTimeZone, nonEmpty, phoneField, reject } from './checks.mjs';

const OK = '1';

export function blacklistEntry(v) {
  exactKeys(v, ['phone', 'campaign'], [], 'bad-blacklist-entry');
  phoneField(v.phone, 'bad-blacklist-phone');
  nonEmpty(v.campaign, 'bad-blacklist-campaign');
  return { phone: v.phone, campaign: v.campaign };
}

// An entry as one key (a phone holds no line break): a list is looked up in a set, not compared with
// every entry stored (a do-not-call list of 100,000 numbers took minutes, the simulator answering nobody).
const keyOf = (e) => `${e.campaign}\n${e.phone}`;

export function addBlacklist(ctx, entries) {
  const known = new Set(ctx.state.blacklist.map(keyOf));
  for (const e of entries) {
    const key = keyOf(e);
    if (!known.has(key)) {
      known.add(key);
      ctx.state.blacklist.push(e);
    }
  }
  return OK;
}

export function removeBlacklist(ctx, entries) {
  const before = ctx.state.blacklist.length;
  const gone = new Set(entries.map(keyOf));
  ctx.state.blacklist = ctx.state.blacklist.filter((b) => !gone.has(keyOf(b)));
  return ctx.state.blacklist.length < before ? OK : reject('not-blacklisted');
}

export function removeWhere(list, match) {
  const kept = list.filter((x) => !match(x));
  return { kept, removed: list.length - kept.length };
}

const CANT = /^[1-9][0-9]*$/;
// The most fields of a base's line storeBase hands to its check (see there).
const SPLIT = 8;

/**
 * The lines of an uploaded base: `fileb64` decoded, one record a line (LF or CRLF, the last line may
 * have no break, empty lines skipped), each line's `;`-separated fields handed to `check` (which
 * rejects what it refuses); a file without one is refused unless `emptyOk`; a `cant` given must
 * count them. Records the base in the state with `fields` and returns the answer.
 */
function storeBase(ctx, f, fields, check, emptyOk = true) {
  const bytes = decodeBase64(f.fileb64) ?? reject('bad-base64');
  let lines = 0;
  eachLine(bytes.toString('utf8'), (line) => {
    // At most SPLIT fields: every check refuses a line past seven (an empty eighth popped) or reads
    // only the first three, so the answer is a whole split's; a line of 48 million `;` was an array
    // of as many fields (1.3 GB of heap).
    check(line.split(';', SPLIT));
    lines++;
  });
  if (!lines && !emptyOk) reject('empty-base');
  if (f.cant !== undefined && lines !== Number(f.cant)) reject('cant-mismatch');
  keep(ctx.state.bases, { ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, kept(v)])), cant: lines, lines, sha256: createHash('sha256').update(bytes).digest('hex') });
  return OK;
}

/**
 * Dialers/uploadbase: `;` between fields; a line may end with `;` (an empty last field), as
 * Integra's own test files and real supervisor pages write them. `username` may be absent (null).
 */
export function uploadBase(f, ctx) {
  nonEmpty(f.filename, 'bad-filename');
  // Optional: a real client (a Laravel dialer package) sends none; one given must name someone.
  if (f.username !== undefined) nonEmpty(f.username, 'bad-username');
  const campaign = nonEmpty(f.campaign, 'bad-campaign');
  if (!CANT.test(f.cant)) reject('bad-cant');
  if (f.timezone !== undefined && !isTimeZone(f.timezone)) reject('bad-timezone');
  const base = { filename: f.filename, campaign, username: f.username ?? null, progressive: undefined, timezone: f.timezone ?? null };
  return storeBase(ctx, f, base, (parts) => {
    if (parts.length > 5 && parts.at(-1) === '') parts.pop();
    if (parts.length !== 5 && parts.length !== 6) reject('bad-line-fields');
    base.progressive ??= parts.length === 6;
    if (base.progressive !== (parts.length === 6)) reject('mixed-line-kinds');
    const [camp, phone, data, alts, priority, agentPhone] = parts;
    if (camp !== campaign || !isPhone(phone) || !isPairs(data)) reject('bad-line');
    if (!isNumbers(alts)) reject('bad-alternatives');
    if (priority !== '' && !(/^\d{1,4}$/.test(priority) && +priority >= 1)) reject('bad-priority');
    if (base.progressive && !isPhone(agentPhone)) reject('bad-agentphone');
  });
}

/**
 * SMS/uploadbase as Integra's own test sends it: `filename`, `fileb64`, `campaign` (no `cant` nor
 * `username`; taken when given), one message a line, `campaign;phone;message` and a fourth column
 * seen holding digits (`AutomatedSMSDialer;091111111;Hi World;9999`: its meaning is not known, so
 * anything is taken there).
 */
export function uploadSmsBase(f, ctx) {
  nonEmpty(f.filename, 'bad-filename');
  const campaign = nonEmpty(f.campaign, 'bad-campaign');
  if (f.cant !== undefined && !CANT.test(f.cant)) reject('bad-cant');
  if (f.timezone !== undefined && !isTimeZone(f.timezone)) reject('bad-timezone');
  const base = { kind: 'sms', filename: f.filename, campaign, username: f.username ?? null, timezone: f.timezone ?? null };
  return storeBase(ctx, f, base, (parts) => {
    // A line may end with `;` (an empty last field), as calls-base files do.
    if (parts.length > 3 && parts.at(-1) === '') parts.pop();
    const [camp, phone, message, ...rest] = parts;
    if (rest.length > 1 || camp !== campaign || !isPhone(phone) || !message?.trim()) reject('bad-sms-line');
  }, false);
}

/**
 * IntegraChannels/resources/DialersResources/uploadDialerBase, as Integra's own test uploads an
 * e-mail base: `channel`, `filename`, `fileb64`, `dialer`, `cant`; one message a line,
 * `dialer;address;message;…` (the test's line goes on with an empty field, `"Var1":"value",…` and
 * digits: what they mean is not known, so anything is taken after the message). On the e-mail
 * channel the address is an e-mail address, on others a phone number.
 */
export function uploadChannelBase(f, ctx) {
  const channel = nonEmpty(f.channel, 'bad-channel').toLowerCase();
  nonEmpty(f.filename, 'bad-filename');
  const dialer = nonEmpty(f.dialer, 'bad-dialer');
  if (!CANT.test(f.cant)) reject('bad-cant');
  const base = { kind: channel, filename: f.filename, campaign: dialer, username: null, timezone: null };
  return storeBase(ctx, f, base, ([camp, address, message]) => {
    const addressOk = channel === 'email' ? /^[^\s@;]+@[^\s@;]+$/.test(address ?? '') : isPhone(address);
    if (camp !== dialer || !addressOk || !message?.trim()) reject('bad-line');
  });
}
