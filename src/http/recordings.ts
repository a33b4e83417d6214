import {
  dateTime, formatDateTime, given, invalid, isRecord, labels, oneOf, optional, optionalText, record, text, timeZone, type TimeZoneChoice,
} from '../shared/validate.js';
import { jsonList } from './parse.js';
import { readRecord, type AnswerRecord, type OddField } from './record.js';
import type { FormFields } from './transport.js';

/** Where a recording is stored: uContact keeps recordings in one of four places. */
export type RecordingLocation = 'local' | 'backup' | 'ftp' | 'cloud';

/**
 * One recording, as GetRecordings answers it. A text field that cannot be read is `''`, a number
 * `undefined`; either way it is named in `problems`.
 */
export interface Recording extends AnswerRecord {
  readonly guid: string;
  /**
   * As the server wrote it, not checked: the contract gives no format (the simulator writes
   * `YYYY-MM-DD HH:mm:ss` in the instance's zone, with no offset; see getRecordings' `from`).
   */
  readonly date: string;
  readonly campaign: string;
  readonly callerid: string;
  readonly agent: string;
  /** Seconds (given as a number, numeric text or `HH:MM:SS`). */
  readonly duration: number | undefined;
  /** `undefined` (and a problem) for a place other than these four. */
  readonly location: RecordingLocation | undefined;
  readonly file: string;
}

/** Arguments of `getRecordings`: one call's recordings by guid, or a date range. */
export type GetRecordingsArgs =
  | {
    readonly guid: string;
    readonly from?: never; readonly to?: never; readonly campaign?: never; readonly agent?: never; readonly timeZone?: never;
  }
  | {
    readonly guid?: never;
    /**
     * A `Date` or `'YYYY-MM-DD HH:mm:ss'`. A `Date` `from` less than a fall-back's size before one
     * (the hour a zone repeats), or a `Date` `to` less than that after one, is written with the
     * offset on the fall-back's other side, so the texts cover every instant of the range (for a
     * fall-back of up to 7 h: every one since 1970); two `Date`s out of order are refused, and
     * so is a `Date` whose own text is not between the texts sent beside a text end.
     */
    readonly from: Date | string;
    readonly to: Date | string;
    readonly campaign?: string | undefined;
    readonly agent?: string | undefined;
    /** Zone `Date`s are rendered in; default: the client's `timeZone` option, else `'local'`. */
    readonly timeZone?: TimeZoneChoice | undefined;
  };

/** Arguments of `convertRecording`. */
export interface ConvertRecordingArgs {
  readonly guid: string;
  readonly format: 'mp3' | 'wav';
}

/** Arguments of `tagRecording`. */
export interface TagRecordingArgs {
  readonly guid: string;
  /** One label or several (joined by `|`). */
  readonly tag: string | readonly string[];
}

const RANGE = {
  from: dateTime, to: dateTime, campaign: optionalText, agent: optionalText, timeZone: /* @__PURE__ */ optional(timeZone),
};

/** Form fields of GetRecordings: `guid` alone, or `from`, `to`, `campaign`, `agent`. */
export function getRecordingsFields(operation: string, args: GetRecordingsArgs, fallback?: TimeZoneChoice): FormFields {
  const a = given(args);
  if (isRecord(a) && a.guid !== undefined) {
    if (a.from !== undefined || a.to !== undefined) invalid(operation, 'give either guid or from/to, not both');
    return record(operation, a, { guid: text });
  }
  const { timeZone: zone = fallback, ...range } = record(operation, a, RANGE);
  // uContact's text has no offset, and where the clocks go back an hour of texts names two instants:
  // a Date end whose own text misses an instant near it on the range's side is written with the
  // offset of that instant: `from` with the later offset when a fall-back comes less than its size
  // after it, `to` with the earlier when one came less than its size before it.
  // The instant x as wall-clock time in the zone, in ms.
  const wall = (x: number): number => Date.parse(`${formatDateTime(new Date(x), zone).replace(' ', 'T')}Z`);
  // x moved by the offset of the instant h ms from it (k: 1 after `from`, -1 before `to`).
  const moved = (x: number, k: number, h: number): number => x + wall((h = x + k * h)) - h;
  // A fall-back within seven hours (Vostok's in 1994; no zone went back more since 1970, none had two
  // transitions within eight hours; a Date so moved is still of years 1 to 9999 in every zone) gives
  // the offsets' difference, its size, at which (a second less after `from`) the offset is looked up
  // again; nothing else moves x.
  const end = (x: Date | string, k: number): string =>
    typeof x == 'string' ? x : formatDateTime(new Date(moved(+x, k, Math.max(0, k * (wall(+x) - moved(+x, k, 252e5)) - (k + 1) * 500))), 'UTC');
  const fields = { ...range, from: end(range.from, 1), to: end(range.to, -1) };
  // Two Dates in order of instants are in order of texts; out of order, they are refused too. Each
  // end's own text lies between the texts sent (a widened Date beside a text end too), so these are
  // in order as well.
  if ((range.from as unknown as number) > (range.to as unknown as number) || formatDateTime(range.from, zone) > fields.to
    || fields.from > formatDateTime(range.to, zone)) invalid(operation, 'from must not be after to');
  return fields;
}

/** Form fields of ConvertRecording. */
export const convertFields = (operation: string, args: ConvertRecordingArgs): FormFields =>
  record(operation, args, { guid: text, format: /* @__PURE__ */ oneOf('mp3', 'wav') });

/** Form fields of TagRecording. */
export const tagFields = (operation: string, args: TagRecordingArgs): FormFields => record(operation, args, { guid: text, tag: labels });

const LOCATIONS: readonly string[] = ['local', 'backup', 'ftp', 'cloud'] satisfies RecordingLocation[];

/** Parses the GetRecordings answer. */
export function parseRecordings(operation: string, body: string, odd: OddField): Recording[] {
  return jsonList(operation, body).map((v: unknown): Recording => {
    const f = readRecord(v, odd);
    const location = f.text('location').toLowerCase();
    return {
      guid: f.text('guid'), date: f.text('date'), campaign: f.text('campaign'), callerid: f.text('callerid'),
      agent: f.text('agent'), duration: f.duration('duration')[1],
      location: LOCATIONS.includes(location) ? (location as RecordingLocation) : location ? f.odd('location') : undefined,
      file: f.text('file'), raw: f.raw, problems: f.problems,
    };
  });
}
