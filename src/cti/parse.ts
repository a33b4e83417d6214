import { isRecord } from '../shared/check.js';
import type { Respool } from '../shared/records.js';
import { Fields, badCti } from './fields.js';
import { parseKeyValues, splitAlternatives } from './kv.js';
import type { Cti, DialerRecord } from './types.js';

const OP = 'parseCti';

/**
 * Validates a decrypted CTI object and parses it into a {@link Cti}. Field names match in any
 * letter case (`Guid`, `guid`, `GUID`), numbers may be strings (`"2"`), booleans may be
 * `"TRUE"`/`"FALSE"` in any case, `ParAndValues` and the dialer `data` become {@link KeyValues},
 * `alternatives` an ordered array. Unknown fields are kept in `extra`. Without a `Dialer` field
 * (or with `null`/`''`) the call is a normal call and `dialer` is `undefined`.
 *
 * Required: `Guid`, `Campaign`, `Callerid`; in `Dialer`: `campaign`, `destination`, `status`,
 * `contact`, `dialerbase` (the protected fields must never be guessed). Optional fields default to
 * `''`, `false`, `'phone'` (channel), `0` (retries) and `1` (priority).
 * The result and its parts are frozen; maps have a null prototype.
 *
 * @throws BridgeError `INVALID_CTI` naming the bad field (never its value).
 * @example
 * const cti = parseCti({ Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456', Answer: 'TRUE' })
 * cti.answer  // true
 * cti.dialer  // undefined
 */
export function parseCti(value: unknown): Cti {
  if (!isRecord(value)) badCti(OP, 'the CTI must be a JSON object');
  const f = new Fields(OP, 'CTI', value);
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
    channel: f.text('channel', false) || 'phone',
    dialer: dialerSource === undefined ? undefined : parseDialer(dialerSource),
    extra: f.rest(),
  };
  return Object.freeze(cti);
}

function parseDialer(source: Record<string, unknown>): DialerRecord {
  const f = new Fields(OP, 'CTI.Dialer', source);
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
 * The spec 4.3 {@link Respool} object for a dialer record: its ten fields in wire order, `data` as
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
