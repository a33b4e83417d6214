import { isRecord } from '../shared/validate.js';
import type { Respool } from '../shared/records.js';
import { channelOf } from './channel.js';
import { ctiReader, NO_CALL, badCti, noCti } from './reader.js';
import { parseKeyValues, splitAlternatives } from './kv.js';
import type { Cti, DialerRecord } from './types.js';

const OP = 'parseCti';

/**
 * The CTI held in JSON `text` (one JSON object; a JSON string inside is not unwrapped again).
 * `operation` names the caller in error messages.
 */
export function ctiFromText(operation: string, text: string): Cti {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // No `cause`: a JSON error quotes the text, and the text is call data.
    badCti(operation, 'the CTI text is not JSON');
  }
  if (!isRecord(value)) badCti(operation, 'the CTI text must hold a JSON object');
  return parseCti(value);
}

/**
 * Validates a CTI and parses it into a {@link Cti}. `value` is the CTI object, or its JSON text as
 * the portal's form framework holds it in the global `CTI`. Field names match in any letter case
 * (`Guid`, `guid`, `GUID`), numbers may be strings (`"2"`), booleans may be `"TRUE"`/`"FALSE"` in
 * any case, `ParAndValues` and the dialer `data` become {@link KeyValues}, `alternatives` an ordered
 * array. Unknown fields are kept in `extra`. Without a `Dialer` field (or with `null`/`''`) the call
 * is a normal call and `dialer` is `undefined`.
 *
 * Required: `Guid`, `Campaign`, `Callerid`; in `Dialer`: `campaign`, `destination`, `status`,
 * `contact`, `dialerbase` (the protected fields must never be guessed). Optional fields default to
 * `''`, `false`, `'telephony'` (channel: a voice CTI has none), `0` (retries) and `1` (priority).
 * Known channels come back in lower case (`'WhatsApp'` → `'whatsapp'`), others as given.
 * The result and its parts are frozen; maps have a null prototype.
 *
 * @throws BridgeError `NO_CTI` for empty or blank text (the framework's `CTI` of a form opened
 *   without a call); `INVALID_CTI` naming the bad field (never its value), or for text that is not
 *   JSON or holds no JSON object.
 * @example
 * const cti = parseCti('{"Guid":"g-1","Campaign":"Sales->","Callerid":"099123456","Answer":"TRUE"}')
 * cti.answer  // true
 * cti.channel // 'telephony'
 * cti.dialer  // undefined
 */
export function parseCti(value: unknown): Cti {
  if (typeof value === 'string') {
    if (value.trim() === '') noCti(OP, NO_CALL);
    return ctiFromText(OP, value);
  }
  if (!isRecord(value)) badCti(OP, 'the CTI must be a JSON object or JSON text');
  const f = ctiReader(OP, 'CTI', value);
  const guid = f.text('guid', true);
  if (guid.trim() === '') badCti(OP, 'CTI.guid is empty');
  const dialerSource = f.object('dialer');
  const cti: Cti = {
    guid,
    campaign: f.text('campaign', true),
    callerid: f.text('callerid', true),
    form: f.text('form', false),
    parAndValues: parseKeyValues(f.text('parandvalues', false)),
    screen: f.flag('screen'),
    beep: f.flag('beep'),
    answer: f.flag('answer'),
    channel: channelOf(f.text('channel', false)),
    dialer: dialerSource === undefined ? undefined : parseDialer(dialerSource),
    extra: f.rest(),
  };
  return Object.freeze(cti);
}

function parseDialer(source: Record<string, unknown>): DialerRecord {
  const f = ctiReader(OP, 'CTI.Dialer', source);
  const dialer: DialerRecord = {
    campaign: f.text('campaign', true),
    destination: f.text('destination', true),
    status: f.integer('status', undefined),
    data: parseKeyValues(f.text('data', false)),
    alternatives: Object.freeze(splitAlternatives(f.text('alternatives', false))),
    retries: f.integer('retries', 0),
    contact: f.integer('contact', undefined),
    dialerbase: f.text('dialerbase', true),
    priority: f.integer('priority', 1),
    agentphone: f.text('agentphone', false),
    extra: f.rest(),
  };
  return Object.freeze(dialer);
}

/**
 * The spec 4.3 {@link Respool} object for a dialer record: its ten fields in the contract's order, `data` as
 * its raw `k=v:k=v` text, `alternatives` joined by `:`. Not validated (the portal's own values are
 * passed back as they came); use `respoolBuilder` to change and validate.
 *
 * @example
 * portal.respool(toRespool(cti.dialer))
 */
export function toRespool(dialer: DialerRecord): Respool {
  return {
    campaign: dialer.campaign,
    destination: dialer.destination,
    status: dialer.status,
    data: dialer.data.raw,
    alternatives: dialer.alternatives.join(':'),
    retries: dialer.retries,
    contact: dialer.contact,
    dialerbase: dialer.dialerbase,
    priority: dialer.priority,
    agentphone: dialer.agentphone,
  };
}
