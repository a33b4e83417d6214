import type { ProtectedFields } from '../shared/records.js';

// The typed shape a decrypted CTI object is parsed into (spec section 4.2). Every map built from
// untrusted input has a null prototype, so a `__proto__` key stays a plain key.

/**
 * A uContact `k=v:k=v` string (the CTI `ParAndValues`, the dialer `data`), parsed.
 *
 * - `raw`: the string exactly as received.
 * - `entries`: every pair in order, duplicates included; a segment without `=` is `[segment, '']`,
 *   a value keeps any further `=` (`a=b=c` → `['a', 'b=c']`); empty segments are skipped.
 * - `values`: null-prototype lookup by key; the last duplicate wins.
 *
 * @example
 * const { parAndValues } = parseCti('{"Guid":"g-1","Campaign":"Sales->","Callerid":"099123456","ParAndValues":"idcustomer=7:name=Ana"}')
 * parAndValues.values.idcustomer // '7'
 * parAndValues.entries           // [['idcustomer', '7'], ['name', 'Ana']]
 */
export interface KeyValues {
  readonly raw: string;
  readonly entries: readonly (readonly [key: string, value: string])[];
  readonly values: Readonly<Record<string, string>>;
}

/**
 * The channel of a CTI. `'telephony'` (uContact's name for voice) when the portal sends none, as for
 * every voice call; the known channels in lower case whatever the portal's letter case; any other
 * text kept as given. `callerid` is a phone number for sure only on `'telephony'`: for email and
 * webchat it is an e-mail address, for messenger an interaction id.
 */
export type CtiChannel =
  | 'telephony' | 'email' | 'webchat' | 'sms' | 'messenger' | 'whatsapp' | 'instagram' | (string & {});

/**
 * The `Dialer` part of a CTI: present only for calls placed by a dialer. Convert it to the
 * {@link Respool} the portal takes back with `toRespool`, or edit it with `respoolBuilder`. A field
 * unreadable in the CTI, or a missing required one (`campaign`, `destination`, `status`, `contact`,
 * `dialerbase`), has its default here and is listed in the CTI's `problems` (a missing optional one
 * just takes its default); one that reads but cannot go back in a Respool (a negative `contact`, a
 * `priority` 0) keeps its value and is listed too: sending it back is refused until it is set.
 *
 * @example
 * if (cti.dialer) sendRespool(respoolBuilder(cti.dialer).setPriority(5).build())
 */
export interface DialerRecord {
  /** Protected: never change it. */
  readonly campaign: string;
  /** The main number. */
  readonly destination: string;
  /** Protected: always 1 per uContact's docs; 0 when missing or unreadable. */
  readonly status: number;
  /** Workflow data; empty when absent or unreadable (an unreadable one stays in `extra`, and `toRespool`, `respoolBuilder` and `scheduleBuilder` refuse the record rather than wipe it). */
  readonly data: KeyValues;
  /** Alternative numbers in order; typed entries such as `H=0=999555555` are kept as given. */
  readonly alternatives: readonly string[];
  /** Retries left for the main number, as the portal sent it (0 or more goes back in a Respool); 0 when absent. */
  readonly retries: number;
  /** Protected: the dialer's contact id, read as a number (`'0015422'` is 15422); 0 when missing or unreadable (digits past 2^53 given as text are listed in `problems` yet go back exactly from `raw`). */
  readonly contact: number;
  /** Protected: the calls base of the contact, read as text. */
  readonly dialerbase: string;
  /** As the portal sent it: 1 (highest) to 9999 (lowest) goes back in a Respool, another value is listed in `problems`; 1 when absent. */
  readonly priority: number;
  /** Agent phone (progressive dialers); `''` when absent. */
  readonly agentphone: string;
  /** Dialer fields this library does not know or could not read (see `problems`), under their original spelling. */
  readonly extra: Readonly<Record<string, unknown>>;
  /**
   * The protected fields exactly as the portal sent them (same JSON type and text: `'0015422'`
   * stays text, `20261101` a number), what `toRespool` and `respoolBuilder` pass back. A field that
   * was missing, given twice in different case, or unusable for a Respool is absent (and listed in
   * the CTI's `problems`); one usable for a Respool but not readable as its type (an id of 20
   * digits as text) is here and listed.
   */
  readonly raw: Readonly<Partial<ProtectedFields>>;
}

/**
 * A parsed CTI object: the current call as the portal describes it.
 *
 * @example
 * const cti = readCti() // in a form that loads the portal's form framework
 * cti.guid; cti.callerid; cti.parAndValues.values.idcustomer; cti.dialer?.contact
 */
export interface Cti {
  /** The call's unique id (`Guid`). */
  readonly guid: string;
  /** The campaign (queue) of the call, e.g. `'Sales->'`. */
  readonly campaign: string;
  /**
   * The caller: a phone number on `'telephony'`; on other channels whatever identifies the contact
   * there (an e-mail address, a chat or interaction id), so never assume it is a number.
   */
  readonly callerid: string;
  /** The form the portal opened; `''` when absent. */
  readonly form: string;
  /** `ParAndValues`, parsed; empty when absent. */
  readonly parAndValues: KeyValues;
  /** `Screen`; false when absent. */
  readonly screen: boolean;
  /** `Beep`; false when absent. */
  readonly beep: boolean;
  /** `Answer`; false when absent. */
  readonly answer: boolean;
  /** `Channel`; `'telephony'` when absent (a voice call); known channels in lower case. */
  readonly channel: CtiChannel;
  /** The dialer record, or `undefined` for a call that did not come from a dialer. */
  readonly dialer: DialerRecord | undefined;
  /** Top-level fields this library does not know or could not read (see `problems`), under their original spelling. */
  readonly extra: Readonly<Record<string, unknown>>;
  /**
   * The paths of the fields that were missing (where the contract expects them) or unreadable, each
   * read as its default, or given twice in different letter case (the first spelling is read, the
   * others stay in `extra`); also a dialer field that reads but cannot go back in a Respool (a
   * negative `contact`, a `priority` 0). E.g. `'campaign'`, `'answer'`, `'dialer'`, `'Dialer.data'`,
   * `'Dialer.contact'`, `'Dialer.priority'`. Empty for a clean CTI. Names only, never values.
   */
  readonly problems: readonly string[];
}
