import { IDENTIFIER, isRecord } from '../shared/validate.js';

// The interaction a uContact X Inbox hands its form (spec section 7), read leniently: its shape
// differs per channel, `data.CAMPAIGN` and `data.CONTACT` are escaped JSON text, flags arrive as
// "true"/"false", and unknown keys must survive. One odd field never makes the interaction
// unusable: it is reported in `problems` and kept in `raw`. Nothing here throws, whatever it reads
// (a getter or a proxy that throws, a cycle, `__proto__` keys): every map it builds has no
// prototype, so no key of the Inbox's can reach or shadow Object.prototype.

/** The channels uContact X names (compared case-insensitively); any other channel is `'other'`, its name in `channelName`. */
export const INTERACTION_CHANNELS = ['telephony', 'whatsapp', 'webchat', 'sms', 'email', 'messenger', 'instagram'] as const;

/**
 * Where the interaction happens: one of {@link INTERACTION_CHANNELS}, or `'other'` (a channel this
 * version does not know; `channelName` has it). What `clientId` holds depends on it: a caller id on
 * `telephony` and `sms`, a WhatsApp id on `whatsapp`, an e-mail address on `email`, a page-scoped id
 * on `messenger` and `instagram`, a visitor id or address on `webchat`. It is text, never assumed to
 * be a phone number.
 */
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number] | 'other';

/** A map read from the Inbox: no prototype, keys as sent. */
export type InteractionFields = Readonly<Record<string, unknown>>;

/** The interaction, normalised. Every key is always present (`undefined` when the Inbox sent none). */
export interface Interaction {
  /** The channel, from `channel`, else (absent or blank) `stored_values.interaction_channel` (that name in any case); `'other'` when unknown or absent. */
  readonly channel: InteractionChannel;
  /** The channel as sent, trimmed and lower-cased (`''` when absent): the name of an `'other'` channel. */
  readonly channelName: string;
  /** The interaction's unique id (on `telephony`, the call's guid). */
  readonly guid: string | undefined;
  /** The Inbox's id of the conversation. */
  readonly interactionId: string | undefined;
  /** The campaign, from `campaign`, else (absent or blank, as for `channel`) `stored_values.interaction_campaign` (that name in any case). */
  readonly campaign: string | undefined;
  /** Who the agent talks to, as the channel names them (see {@link InteractionChannel}); numbers are given as text. */
  readonly clientId: string | undefined;
  readonly clientName: string | undefined;
  readonly agent: string | undefined;
  readonly user: string | undefined;
  readonly source: string | undefined;
  /** The form the campaign opens. */
  readonly form: string | undefined;
  /** The conversation's last message (`lastMessage.source`: who sent it), as sent. */
  readonly lastMessage: InteractionFields | undefined;
  /** `stored_values` (`interaction_channel`, `interaction_campaign`, …), `"true"`/`"false"` read as booleans. Empty when absent. */
  readonly storedValues: InteractionFields;
  /** webchat's `extraInfo`, as sent (its `customFields` are also in `columns`). */
  readonly extraInfo: InteractionFields | undefined;
  /**
   * The contact list's columns, in one place whatever the channel: every `data.<Column>` but the
   * keys read as `campaignInfo` and `contact` (a `Contact` column beside `CONTACT`, or one whose
   * value is not JSON, stays a column), then webchat's `extraInfo.customFields` (a column already in
   * `data` wins). `"true"`/`"false"` are read as booleans; other values as sent. The platform puts a
   * call's own variables (`DIALED_NUMBER`, `direction`, `isTransfer`, `DIALEDPEERNUMBER`, `MEMBERNAME`,
   * a dialer's `DIALER…`) in `data` beside the list's columns: they are here too, under their names.
   */
  readonly columns: InteractionFields;
  /**
   * `data.CAMPAIGN`: parsed when it is JSON text (`'null'` too, escaped twice as well: `null`), else as sent; `undefined` when absent. With no key
   * spelled `CAMPAIGN`, the first key in another case whose value is JSON (object or list text, or
   * an object); any other such key is a column.
   */
  readonly campaignInfo: unknown;
  /** `data.CONTACT`, read as {@link Interaction.campaignInfo} is. */
  readonly contact: unknown;
  /** Top-level fields this version does not know, as sent: nothing the Inbox sends is dropped. */
  readonly extra: InteractionFields;
  /**
   * The names of the fields that could not be read (a wrong type, text that looks like JSON and is
   * not, a throwing getter), e.g. `['clientId', 'data.CONTACT']`; `'interaction'` when the whole
   * value is not an object; a key that is no identifier or holds five digits or more (it may be a
   * phone number) is described, never named (`'a field of data'`). Their values stay in `raw`. A
   * text field sent as an integer beyond `Number.MAX_SAFE_INTEGER` is given as its text and named
   * here too: it may have lost digits.
   */
  readonly problems: readonly string[];
  /**
   * The interaction exactly as received (the same object, not a copy; from `getInteraction`, the
   * caller's own structured clone of the answer the Inbox posted). The maps of this result
   * (`columns`, `extra`, `storedValues`, `extraInfo`, `lastMessage`, and what JSON text was parsed
   * into) are new, but the values in them are not copied: an object or list inside `extra`,
   * `columns`, `extraInfo` or `lastMessage` (e.g. `extraInfo.customFields`), and `campaignInfo` or
   * `contact` sent as an object, is the same object as in `raw`, so editing it edits `raw`. Two
   * calls of {@link normalizeInteraction} on one value share those nested objects; `getInteraction`
   * gives its callers values that share nothing, whichever client of the page they called.
   */
  readonly raw: unknown;
}

type Map = Record<string, unknown>;

// The text fields of section 7, in the order the normalised object lists them.
const TEXT_FIELDS = ['guid', 'interactionId', 'campaign', 'clientId', 'clientName', 'agent', 'user', 'source', 'form'] as const;
const map = (): Map => Object.create(null) as Map;

// JSON text, its objects rebuilt without a prototype; `undefined` when it is not JSON.
function parse(text: string): unknown {
  try {
    return JSON.parse(text, (_k, v: unknown) => (isRecord(v) ? Object.assign(map(), v) : v));
  } catch {
    return undefined;
  }
}

const looksJson = (v: unknown): v is string => typeof v === 'string' && /^\s*[[{]/.test(v);

/** "true"/"false" (any case) as a boolean; anything else as it is. */
const flag = (v: unknown): unknown => (typeof v === 'string' && /^(true|false)$/i.test(v) ? /^t/i.test(v) : v);

/**
 * The interaction object the Inbox sent, normalised: typed fields, the columns in one place, JSON
 * text parsed, flags as booleans, unknown fields kept in `extra`, the raw value in `raw`, and the
 * fields that could not be read named in `problems`. Pure; never throws. JSON text of a whole
 * interaction is read too.
 *
 * @example
 * const i = normalizeInteraction(rawInteraction)
 * if (i.channel === 'whatsapp') greet(i.clientName, i.columns.Plan)
 */
export function normalizeInteraction(raw: unknown): Interaction {
  try {
    return read(raw);
  } catch {
    // Only a hostile object gets here (a revoked proxy, an iterator that throws): nothing of it is
    // read, and `raw` still holds it.
    return { ...read(null), raw };
  }
}

function read(raw: unknown): Interaction {
  const problems: string[] = [];
  const report = (name: string): undefined => void (problems.includes(name) || problems.push(name));

  // A copy of an object's own fields (JSON text parsed); `undefined`, reported, when it is not one.
  // A field of the interaction itself is named alone (`clientId`: `at` is ''), a nested one with its parent.
  const fieldsOf = (value: unknown, name: string, at = `${name}.`): Map | undefined => {
    if (value == null) return undefined;
    const v = typeof value === 'string' ? parse(value) : value;
    if (!isRecord(v)) return report(name);
    const out = map();
    try {
      for (const k of Object.keys(v)) {
        try {
          out[k] = v[k];
        } catch {
          // A key is named as the validation module names keys: one that may be a phone number (five
          // digits or more, the Inbox's data may be keyed by number) or is no identifier is described.
          report(IDENTIFIER.test(k) ? at + k : `a field of ${name}`);
        }
      }
    } catch {
      return report(name);
    }
    return out;
  };
  // Text (finite numbers as text; an integer past 2^53 reported too, as it may have lost digits);
  // other values reported (NaN and Infinity, which a structured clone carries, are no id).
  const text = (value: unknown, name: string): string | undefined =>
    value == null ? undefined : typeof value === 'string' ? value
    : Number.isFinite(value) ? (Number.isInteger(value) && !Number.isSafeInteger(value) && report(name), String(value)) : report(name);
  // JSON text parsed, also when it was escaped twice (a JSON string holding JSON text), and `null`
  // (an absent contact escaped: JSON.stringify(null), twice too); text that is not JSON is kept as it
  // is, and reported only when it looked like an object or a list ('"Ana" <a@b.c>' or 'nulo' is text).
  const json = (value: unknown, name: string): unknown => {
    let v = value;
    for (let i = 0; i < 2 && typeof v === 'string' && /^\s*[[{"n]/.test(v); i++) {
      const parsed = parse(v);
      // (Not JSON at the second pass: the JSON string of a text, '"nancy"', stays as sent.)
      if (parsed === undefined) return looksJson(v) && report(name), value;
      if (typeof parsed === 'string' && !/^\s*[[{n]/.test(parsed)) break;
      v = parsed;
    }
    return v;
  };

  // `null` is no interaction at all: reported like any other value that is not one.
  const top = fieldsOf(raw ?? 0, 'interaction', '') ?? map();
  // Field names in any letter case (a reader is lenient): the contract's spelling, else the first
  // other one whose value `ok` accepts, else `name` itself (then absent: the maps have no
  // prototype). A known field is taken out of `top`: what is left (a second spelling included) is
  // `extra`. Each name is read once.
  const keyOf = (m: Map, name: string, ok?: (v: unknown) => boolean): string =>
    name in m ? name : Object.keys(m).find((k) => k.toLowerCase() === name.toLowerCase() && (!ok || ok(m[k]))) ?? name;
  const get = (name: string): unknown => {
    const k = keyOf(top, name);
    const v = top[k];
    delete top[k];
    return v;
  };

  const stored = fieldsOf(get('stored_values'), 'stored_values') ?? map();
  for (const k in stored) stored[k] = flag(stored[k]);
  // `channel` or `campaign`; when absent, empty or blank (it says nothing), the stored one,
  // `stored_values.interaction_<name>` (in any case too; the keys of `storedValues` stay as sent).
  const orStored = (name: string): string | undefined => {
    const v = text(get(name), name);
    const k = `interaction_${name}`;
    return v?.trim() ? v : text(stored[keyOf(stored, k)], `stored_values.${k}`) ?? v;
  };
  const channelName = orStored('channel')?.trim().toLowerCase() ?? '';
  // `data`, a copy: the columns once CAMPAIGN and CONTACT are taken out.
  const columns = fieldsOf(get('data'), 'data') ?? map();
  const extraInfo = fieldsOf(get('extraInfo'), 'extraInfo');

  // `CAMPAIGN` and `CONTACT` as spelled; in another case only when no key is so spelled and the
  // value is JSON (a list column may be named `Contact`): any other key is a column.
  const special = (name: string): unknown => {
    const k = keyOf(columns, name, (v) => looksJson(v) || (typeof v === 'object' && v !== null));
    const v = json(columns[k], `data.${k}`);
    delete columns[k];
    return v;
  };
  const campaignInfo = special('CAMPAIGN');
  const contact = special('CONTACT');
  for (const k in columns) columns[k] = flag(columns[k]);
  // customFields: an object of columns, or a list of {name|key|label, value} (JSON text of either).
  let custom = json(extraInfo?.customFields, 'extraInfo.customFields');
  if (Array.isArray(custom)) {
    const list = custom;
    custom = map();
    for (const item of list) {
      const f = fieldsOf(item, 'extraInfo.customFields') ?? map();
      const name = f.name ?? f.key ?? f.label;
      // An entry with no name cannot be a column: reported (it stays in extraInfo).
      if (typeof name === 'string') (custom as Map)[name] = f.value;
      else report('extraInfo.customFields');
    }
  }
  const customFields = fieldsOf(custom, 'extraInfo.customFields');
  for (const k in customFields) if (!(k in columns)) columns[k] = flag(customFields[k]);

  const out: Map = {
    channel: (INTERACTION_CHANNELS as readonly string[]).includes(channelName) ? channelName : 'other',
    channelName,
  };
  for (const k of TEXT_FIELDS) out[k] = k === 'campaign' ? orStored(k) : text(get(k), k);
  return Object.assign(out, {
    lastMessage: fieldsOf(get('lastMessage'), 'lastMessage'), storedValues: stored, extraInfo, columns,
    campaignInfo, contact, extra: top, problems, raw,
  }) as unknown as Interaction;
}
