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
    /** A `Date` or `'YYYY-MM-DD HH:mm:ss'`. */
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
  const fields = { ...range, from: formatDateTime(range.from, zone), to: formatDateTime(range.to, zone) };
  if (fields.from > fields.to) invalid(operation, 'from must not be after to');
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
