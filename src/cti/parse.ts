import { PROTECTED_RESPOOL_KEYS, RESPOOL_RULES, type ProtectedFields, type Respool } from '../shared/records.js';
import { bad, invalid, isRecord, object, optional, ownValue, record, text, type Rule } from '../shared/validate.js';
import { channelOf } from './channel.js';
import { ctiReader, NO_CALL, badCti, noCti } from './reader.js';
import { parseKeyValues, segmentsOf } from './kv.js';
import type { Cti, DialerRecord } from './types.js';

const OP = 'parseCti';

/** The names of the `Dialer` fields (spec 4.2), as the contract spells them. */
export type DialerField = keyof Respool;

/** Options of {@link parseCti}, and of `readCti`, `watchCti` and `decryptCti` for what they parse. */
export interface ParseCtiOptions {
  /**
   * How this deployment spells the `Dialer` keys, where it differs from the contract's names (our
   * default: the dialer tables' lower-case column names), e.g. `{ dialerbase: 'dialebase' }` as
   * uContact's own docs write it. Matched in any letter case. The Respool is still written with the
   * contract's names. Two names for one key (`{ campaign: 'dialerbase' }`, default names included) are
   * refused (`INVALID_ARGUMENT`): one field would be read, and sent back, with another's value.
   * A key given twice in different letter case is listed in `problems` by its spelling
   * (`'Dialer.camp'`); a protected field so given is not sent back (`toRespool` refuses it).
   */
  readonly dialerKeys?: Readonly<Partial<Record<DialerField, string | undefined>>> | undefined;
}

const spelling = /* @__PURE__ */ optional(text);

/**
 * The rule of {@link ParseCtiOptions}'s `dialerKeys`, shared by every entry that parses a CTI. Its
 * spec is built when it checks: built at load, esbuild would keep it in every bundle of the entry.
 */
export const dialerKeys = /* @__PURE__ */ optional((op, name, v) => {
  const names = Object.keys(RESPOOL_RULES) as DialerField[];
  const keys = object(Object.fromEntries(names.map((k) => [k, spelling])) as Record<DialerField, Rule<string>>)(op, name, v);
  // Two names read from one key (`{ campaign: 'dialerbase' }`): a protected field would go back in
  // the Respool with another's value. (10: the Dialer's names.)
  return new Set(names.map((k) => (keys[k] ?? k).toLowerCase())).size < 10 ? bad(op, name, 'names a key twice') : keys;
});

/** The rules of {@link ParseCtiOptions}. */
export const PARSE_OPTIONS = { dialerKeys };

/** Checked dialer key spellings (see {@link ParseCtiOptions}). */
export type Keys = Readonly<Record<string, string>> | undefined;

/** Checks parse options for `operation`: the dialer key spellings. */
export const parseOptions = (operation: string, options: unknown): Keys =>
  record(operation, options ?? {}, PARSE_OPTIONS, 'options').dialerKeys;

/**
 * The CTI held in JSON `text` (one JSON object; a JSON string inside is not unwrapped again).
 * `operation` names the caller in error messages; `keys` are checked dialer key spellings.
 */
export function ctiFromText(operation: string, text: string, keys?: Keys): Cti {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // No `cause`: a JSON error quotes the text, and the text is call data.
    badCti(operation, 'the CTI text is not JSON');
  }
  if (!isRecord(value)) badCti(operation, 'the CTI text must hold a JSON object');
  return readCtiObject(operation, value, keys);
}

/**
 * Parses a CTI into a {@link Cti}, leniently: `value` is the CTI object, or its JSON text as the
 * portal's form framework holds it in the global `CTI`. Field names match in any letter case
 * (`Guid`, `guid`, `GUID`), numbers may be strings (`"2"`), flags may be `true`/`false`,
 * `"TRUE"`/`"FALSE"` in any case, `1`/`0` or `"1"`/`"0"`; `ParAndValues` and the dialer `data`
 * become {@link KeyValues}, `alternatives` an ordered array. Without a `Dialer` field (or with
 * `null`/`''`) the call is a normal call and `dialer` is `undefined`.
 *
 * Only a CTI without a usable `Guid` is refused. Any other field that is missing (`Campaign`,
 * `Callerid`; in `Dialer`: `campaign`, `destination`, `status`, `contact`, `dialerbase`) or
 * unusable gets its default (`''`, `false`, `0`, `'telephony'` for the channel, `1` for the
 * priority) and its path is listed in `problems` (`'answer'`, `'Dialer.contact'`); an unusable
 * value is kept, under its spelling, in `extra` (of the CTI or of the dialer record) with the
 * unknown fields. A protected dialer field that reads but cannot go back in a Respool (a blank
 * `campaign`, a negative `contact`) keeps its value and is listed in `problems` too. The dialer's
 * protected fields are kept exactly as received in `dialer.raw`; `toRespool` and `respoolBuilder`
 * refuse a record whose protected fields are not all there, and they and `scheduleBuilder` one
 * whose `data` was given but unreadable (`'Dialer.data'` in `problems`).
 * The result and its own parts are frozen (values kept in `extra` are as received: an object passed
 * in is the same object); maps have a null prototype. A `Cti`, or its JSON or structured copy (kept
 * in sessionStorage or a store, sent to a server and back), reads back as the `Cti` it was: its
 * `extra`, `problems` and dialer `raw` as they were, `dialerKeys` not applied.
 *
 * @throws BridgeError `NO_CTI` for empty or blank text (the framework's `CTI` of a form opened
 *   without a call); `INVALID_CTI` for text that is not JSON, a value that is no JSON object, or a
 *   missing or blank `Guid` (nothing identifies the call); `INVALID_ARGUMENT` for bad options.
 * @example
 * const cti = parseCti('{"Guid":"g-1","Campaign":"Sales->","Callerid":"099123456","Answer":"TRUE"}')
 * cti.answer   // true
 * cti.channel  // 'telephony'
 * cti.dialer   // undefined
 * cti.problems // []
 * parseCti(text, { dialerKeys: { dialerbase: 'dialebase' } })
 */
export function parseCti(value: unknown, options?: ParseCtiOptions): Cti {
  return parseValue(OP, value, parseOptions(OP, options));
}

/** {@link parseCti} for `operation`, with checked dialer key spellings. */
export function parseValue(operation: string, value: unknown, keys: Keys): Cti {
  if (typeof value === 'string') {
    if (value.trim() === '') noCti(operation, NO_CALL);
    return ctiFromText(operation, value, keys);
  }
  if (!isRecord(value)) badCti(operation, 'the CTI must be a JSON object or JSON text');
  return readCtiObject(operation, value, keys);
}

// A Cti or dialer record given back (its JSON or structured copy, kept in sessionStorage or a store,
// sent to a server or a worker and back) is told by its parsed key-values (`kv`) beside an `extra`
// object. Its fields are read as the portal's are, the key-values from their text; what the reader
// set aside is taken back as it was: `extra`, the CTI's `problems`, the dialer's `raw`. A structured
// copy keeps a call's `dialer: undefined`: not given. Anything else is read as uContact's CTI.
type Unpacked = [fields: Record<string, unknown>, extra?: Record<string, unknown>, problems?: string[], raw?: unknown];
function unpack(source: Record<string, unknown>, kv: string): Unpacked {
  const { extra, problems = [], raw, dialer, ...fields } = source;
  fields[kv] = (source[kv] as { raw?: unknown } | undefined)?.raw;
  if (dialer) fields.dialer = dialer;
  return isRecord(extra) && typeof fields[kv] == 'string' && Array.isArray(problems) ? [fields, extra, [...problems], raw] : [source];
}

function readCtiObject(operation: string, value: Record<string, unknown>, keys: Keys): Cti {
  const [fields, extra, problems = []] = unpack(value, 'parAndValues');
  const f = ctiReader(fields, '', problems);
  const guid = f.text('guid');
  if (!guid.trim()) badCti(operation, 'CTI.guid is missing or empty');
  const source = f.object('dialer');
  const cti: Cti = {
    guid,
    campaign: f.text('campaign', true),
    callerid: f.text('callerid', true),
    form: f.text('form'),
    parAndValues: parseKeyValues(f.text('parandvalues')),
    screen: f.flag('screen'),
    beep: f.flag('beep'),
    answer: f.flag('answer'),
    channel: channelOf(f.text('channel')),
    dialer: source && parseDialer(source, problems, keys),
    extra: f.rest(extra),
    problems: Object.freeze(problems),
  };
  return Object.freeze(cti);
}

function parseDialer(source: Record<string, unknown>, problems: string[], keys: Keys): DialerRecord {
  // A copy's fields have the contract's names; its protected fields as received are its `raw`, and
  // its problems are the CTI's.
  const [fields, extra, , kept] = unpack(source, 'data');
  const f = ctiReader(fields, 'Dialer.', problems, extra ? {} : keys);
  // Names given twice in different case: which one the portal meant is unknown, so none goes back
  // (a copy's, listed in the problems it brings, are absent from its `raw`).
  const twice = [...problems];
  let n: number, text: string;
  const raw: Partial<Record<keyof ProtectedFields, unknown>> = Object.create(null);
  // A protected field is kept as received when it is usable for the Respool, even when it does not
  // read as its type (an id of 20 digits given as text is no safe number, and is listed, but goes
  // back exactly). A field that reads but cannot go back in a Respool (a negative contact, a priority
  // 0) keeps its value and is listed; `typedOnly`: the value read is checked (retries, priority).
  const keep = <T>(name: keyof ProtectedFields | 'retries' | 'priority', typed: T, typedOnly?: boolean): T => {
    const path = `Dialer.${name}`;
    try {
      // (The reader names a field given twice by its spelling: `keys`' one, in lower case.)
      if (extra || !twice.includes(`Dialer.${(keys?.[name] ?? name).toLowerCase()}`)) {
        const rule = RESPOOL_RULES[name] as Rule<unknown>;
        if (typedOnly) rule(OP, name, typed);
        else raw[name as keyof ProtectedFields] = rule(OP, name, extra ? ownValue(Object(kept), name) : f.last());
      }
    } catch {
      if (!problems.includes(path)) problems.push(path);
    }
    return typed;
  };
  const dialer: DialerRecord = {
    campaign: keep('campaign', f.text('campaign', true)),
    destination: f.text('destination', true),
    status: keep('status', f.integer('status', 0, true)),
    // Unreadable (a problem listed as the text is read): the one UNREADABLE, whatever its spelling.
    // A copy's data cannot be unreadable (its text is a string): there, `''` with Dialer.data among
    // the problems it brings, for its unusable value stays in `extra` under its dialerKeys spelling.
    data: (n = problems.length, text = f.text('data'), (extra ? !text && twice.includes('Dialer.data') : problems.length > n) ? UNREADABLE : parseKeyValues(text)),
    alternatives: Object.freeze(segmentsOf(f.text('alternatives', false, true))),
    retries: keep('retries', f.integer('retries', 0), true),
    contact: keep('contact', f.integer('contact', 0, true)),
    dialerbase: keep('dialerbase', f.text('dialerbase', true)),
    priority: keep('priority', f.integer('priority', 1), true),
    agentphone: f.text('agentphone'),
    extra: f.rest(extra),
    raw: Object.freeze(raw) as DialerRecord['raw'],
  };
  return Object.freeze(dialer);
}

/**
 * The spec 4.3 {@link Respool} object for a dialer record: its ten fields in the contract's order, `data` as
 * its raw `k=v:k=v` text, `alternatives` joined by `:`. The protected fields (`campaign`, `status`,
 * `contact`, `dialerbase`) are passed back exactly as the portal sent them (`dialer.raw`: same JSON
 * type and text); the others are not validated. Use `respoolBuilder` to change and validate.
 *
 * @throws BridgeError `INVALID_ARGUMENT` naming the field when a protected field was missing or
 *   unreadable in the CTI (see `cti.problems`): a Respool without it breaks the dialer; also when
 *   `data` was given but unreadable (sent back as `''` it would wipe the contact's workflow data),
 *   under any `dialerKeys` spelling, in the `Cti` or in its copy read back by `parseCti`; and when
 *   `destination` was unreadable or given twice in different letter case (the number the portal
 *   meant is unknown).
 * @example
 * if (cti.dialer) await portal.respool(toRespool(cti.dialer)) // a dialer's call only
 */
export function toRespool(dialer: DialerRecord): Respool {
  return respoolOf('toRespool', dialer);
}

/**
 * A dialer record as the CTI reader makes it: `raw` (what the portal sent), `data` parsed (its raw
 * text and its entries), `alternatives` a list. Plain Schedule fields have no `raw` key, whatever
 * keys their `data` object has.
 */
export const isDialerRecord = (v: unknown): v is DialerRecord =>
  isRecord(v) && isRecord(v.raw) && isRecord(v.data) && typeof v.data.raw === 'string' && Array.isArray(v.data.entries) && Array.isArray(v.alternatives);

/**
 * Refuses (`INVALID_ARGUMENT` naming `prefix` + the key) a record whose field `keys` (its workflow
 * data first) was given but unreadable, or given twice in different letter case: the reader keeps
 * it in `extra` (and lists it in `problems`). Data sent as `''` would wipe the contact's data (a
 * Respool) or call the contact back without it (a Schedule); a campaign or number given twice may
 * be the wrong one.
 */
export function readableData(operation: string, record: { extra?: unknown; data?: unknown }, prefix: string, ...keys: string[]): void {
  for (const key of keys) if (unreadable(record, key)) invalid(operation, `${prefix}${key} is unreadable`);
}

/** True when `record`'s field `key` was given but unreadable, or twice in different letter case (see {@link readableData}). */
export const unreadable = (record: { extra?: unknown; data?: unknown }, key: string): boolean =>
  record.data === UNREADABLE || Object.keys(Object(record.extra)).some((k) => k.toLowerCase() == key.toLowerCase());

// The data of every dialer record whose data the reader could not read (a copy, {...dialer}, holds
// it too): for a `data` spelled otherwise (dialerKeys), which `extra` keeps under that spelling.
const UNREADABLE = /* @__PURE__ */ parseKeyValues('');

/** {@link toRespool} for `operation`. */
export function respoolOf(operation: string, dialer: DialerRecord): Respool {
  if (!isDialerRecord(dialer)) invalid(operation, 'dialer must be a dialer record (cti.dialer)');
  const fields: Record<string, unknown> = { ...dialer, data: dialer.data.raw, alternatives: dialer.alternatives.join(':') };
  // The protected fields as received, checked: a record without one of them would break the dialer
  // (spec 4.3).
  for (const k of PROTECTED_RESPOOL_KEYS) {
    const v = dialer.raw[k];
    fields[k] = v === undefined ? invalid(operation, `dialer.${k} is missing or unreadable`) : (RESPOOL_RULES[k] as Rule<unknown>)(operation, `dialer.${k}`, v);
  }
  readableData(operation, dialer, 'dialer.', 'data', 'destination');
  // The ten fields in the contract's order (its rules').
  return Object.fromEntries(Object.keys(RESPOOL_RULES).map((k) => [k, fields[k]])) as unknown as Respool;
}
