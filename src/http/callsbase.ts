import {
  TYPED, alternative, alternatives, count, flag, invalid, isPhone, isRecord, keyValues, only, optional, own, ownValue, phone, priority, record,
  wireText, wireTextOrEmpty, type AlternativeNumber, type WorkflowData,
} from '../shared/validate.js';
import { createBase64Writer } from './base64.js';

/** One contact of a calls base (spec section 6). */
export interface CallsBaseRecord {
  readonly phone: string;
  /** Workflow data, written `k=v:k=v`. */
  readonly data?: WorkflowData | undefined;
  /** Plain or typed numbers, as an array or `:`-joined text; written `:`-joined. */
  readonly alternatives?: string | readonly AlternativeNumber[] | undefined;
  /** 1 (highest) to 9999 (lowest); empty when absent (the server's default). */
  readonly priority?: number | undefined;
  /** Required for progressive dialers, refused otherwise. */
  readonly agentPhone?: string | undefined;
}

/** Options of {@link formatCallsBaseRecord}. */
export interface CallsBaseLineOptions {
  /** Progressive dialer: adds the `;agentPhone` field. Default false. */
  readonly progressive?: boolean | undefined;
  /** The record's index, for error messages. Default 0. */
  readonly index?: number | undefined;
}

/** Upload progress, after each stored chunk. */
export interface UploadProgress {
  /** Records stored so far. */
  readonly uploaded: number;
  /** Chunks stored so far. */
  readonly chunks: number;
}

/** Arguments of `uploadCallsBase`. */
export interface UploadCallsBaseArgs {
  readonly campaign: string;
  /**
   * File name shown in uContact; with several chunks, `-1`, `-2`, … is added (before the extension:
   * a name has one only with `checkFileName: false`). By default every name, suffix included, must
   * follow the portal's rules: at most 50 characters of `A-Z a-z 0-9 _ -` (no `.`), not starting
   * with `R`.
   */
  readonly filename: string;
  /** `false` skips the portal's file-name rules (only names over 200 characters, `/ \ ; :` and control characters are refused). Default true. */
  readonly checkFileName?: boolean | undefined;
  /** An array, or an (async) iterable streamed chunk by chunk (never all in memory). */
  readonly records: Iterable<CallsBaseRecord> | AsyncIterable<CallsBaseRecord>;
  /** Records per upload. Default 50000. */
  readonly chunkSize?: number | undefined;
  /**
   * IANA zone of the base (`timezone` field), or `'local'`: this machine's, refused (`INVALID_ARGUMENT`)
   * when it has no IANA name (a POSIX `TZ` such as `UTC0`). Default: none sent.
   */
  readonly timeZone?: string | undefined;
  /** Progressive dialer (`;agentPhone` on each line). Default false. */
  readonly progressive?: boolean | undefined;
  /** The `username` field. Default: the session's user or agent. */
  readonly username?: string | undefined;
  /**
   * Called after each stored chunk; a promise it returns is awaited before the next chunk (any other
   * value is ignored). Throwing (or rejecting) stops the upload: `CALLBACK_FAILED` (a `BridgeError` it throws keeps its code).
   */
  readonly onProgress?: ((progress: UploadProgress) => unknown) | undefined;
}

/**
 * How one chunk went: `stored` (a 2xx answer other than `0`), `refused` (the answer `0`, a 4xx, or
 * credentials refused: not stored), `unknown` (the answer was lost, cut, redirected or a 5xx: the
 * chunk **may have been stored**).
 */
export type ChunkOutcome = 'stored' | 'refused' | 'unknown';

/** One chunk that was sent. */
export interface UploadedChunk {
  readonly filename: string;
  /** Index in `records` of the chunk's first record. */
  readonly first: number;
  /** Records in the chunk. */
  readonly records: number;
  readonly outcome: ChunkOutcome;
}

/** What an upload did, chunk by chunk; also on the error (`error.upload`) of an upload that stopped. */
export interface UploadResult {
  /** Records in stored chunks. */
  readonly uploaded: number;
  /** Stored chunks. */
  readonly chunks: number;
  /** File names of the stored chunks, in order (the same as {@link stored}). */
  readonly filenames: readonly string[];
  /** File names of the chunks the server stored. */
  readonly stored: readonly string[];
  /** File names of the chunks the server refused: not stored. */
  readonly refused: readonly string[];
  /** File names of the chunks whose answer was lost: they may have been stored. */
  readonly unknown: readonly string[];
  /** Every chunk sent, in order. */
  readonly sent: readonly UploadedChunk[];
  /** Index in `records` of the first record never sent (the number of records sent). */
  readonly nextRecord: number;
  /** Records never sent: known for arrays, `undefined` for an iterable that was not read to its end. */
  readonly unsent: number | undefined;
}

/** The operation an upload's errors name. */
export const OP = 'uploadCallsBase';

const RECORD = { phone, data: keyValues, alternatives, priority: /* @__PURE__ */ optional(priority), agentPhone: /* @__PURE__ */ optional(phone) };
const LINE_OPTIONS = { progressive: /* @__PURE__ */ optional(flag, false), index: /* @__PURE__ */ optional(count, 0) };

/**
 * One line of a calls-base file, without the line break:
 * `campaign;phone;data;alternatives;priority` (`;agentPhone` added when progressive). Values that
 * would corrupt the line (`;`, `:`, `=`, line breaks) are refused with `INVALID_ARGUMENT`
 * naming the record index, never mangled.
 *
 * @example
 * formatCallsBaseRecord('Sales->', { phone: '099123456', data: { id: '7' }, alternatives: [{ type: 'H', retries: 0, number: '999555555' }], priority: 1 })
 * // 'Sales->;099123456;id=7;H=0=999555555;1'
 */
export function formatCallsBaseRecord(campaign: string, contact: CallsBaseRecord, options?: CallsBaseLineOptions): string {
  const op = 'formatCallsBaseRecord';
  // `null` is no options, as for every call of the library.
  const o = record(op, options ?? {}, LINE_OPTIONS, 'options');
  return formatLine(wireText(op, 'campaign', campaign), contact, o.progressive, o.index, op);
}

/** {@link formatCallsBaseRecord} for a checked campaign and options (the upload's, once for all its records). */
export function formatLine(campaign: string, contact: unknown, progressive: boolean, index: number, op = OP): string {
  try {
    return quickLine(campaign, contact, progressive);
  } catch {
    return checkedLine(campaign, contact, progressive, index, op);
  }
}

// The checks of one typed alternative object: TYPED's own rules, without record().
const quickAlternative = (x: unknown): string => {
  if (isPhone(x)) return x;
  if (!isRecord(x) || !only(x, TYPED)) return alternative(OP, '', x);
  return `${TYPED.type(OP, '', ownValue(x, 'type'))}=${TYPED.retries(OP, '', ownValue(x, 'retries'))}=${TYPED.number(OP, '', ownValue(x, 'number'))}`;
};

/**
 * The line of a record, checked by the same rules as {@link checkedLine}, called with no names
 * built and no record() per record or alternative (per record, those cost more than the line
 * itself: bench/callsbase.mjs), reading the record as record() and the rules do. It throws for
 * whatever a rule refuses; {@link formatLine} then checks the record again under its own name, so
 * the error names the record and the field.
 */
function quickLine(campaign: string, c: unknown, progressive: boolean): string {
  // record()'s key check: own keys of RECORD only.
  if (!isRecord(c) || !only(c, RECORD)) return invalid(OP, '');
  const data = ownValue(c, 'data');
  const a = ownValue(c, 'alternatives');
  const agent = ownValue(c, 'agentPhone');
  let d = '';
  if (isRecord(data) && !(Symbol.iterator in data)) {
    // keyValues' pairs, in its order (own keys, as Object.keys gives them: no array per record,
    // which cost a fifth of the writer's speed), each value read once. A Map is the rule's to refuse.
    for (const k in data) if (own(data, k)) d = `${d}${d && ':'}${wireText(OP, '', k)}=${wireTextOrEmpty(OP, '', data[k])}`;
  } else d = keyValues(OP, '', data);
  let alts = '';
  let i = 0;
  // As the rule's spread: the array's iterator, holes included (refused, as the rule does).
  if (Array.isArray(a)) for (const x of a) alts = `${alts}${i++ ? ':' : ''}${quickAlternative(x)}`;
  else alts = alternatives(OP, '', a);
  const line = `${campaign};${phone(OP, '', ownValue(c, 'phone'))};${d};${alts};${RECORD.priority(OP, '', ownValue(c, 'priority')) ?? ''}`;
  return progressive ? `${line};${phone(OP, '', agent)}` : agent === undefined ? line : invalid(OP, '');
}

// The rules, naming the record and the field of what they refuse.
function checkedLine(campaign: string, contact: unknown, progressive: boolean, index: number, op: string): string {
  const at = `records[${index}]`;
  const r = record(op, contact, RECORD, at);
  if (progressive && r.agentPhone === undefined) invalid(op, `${at}.agentPhone is required for a progressive dialer`);
  if (!progressive && r.agentPhone !== undefined) invalid(op, `${at}.agentPhone is only for progressive dialers`);
  const fields = [campaign, r.phone, r.data, r.alternatives, r.priority ?? ''];
  return (progressive ? [...fields, r.agentPhone] : fields).join(';');
}

/** One chunk of a calls base, ready to send. */
export interface Chunk {
  /** The base64 of the chunk's lines (UTF-8, each ended by a line break). */
  readonly fileb64: string;
  readonly count: number;
  /** True for the final chunk (known before it is sent, so one chunk keeps its plain name). */
  readonly last: boolean;
}

/**
 * Cuts `records` into chunks of at most `size` lines (`campaign` already checked). Each line goes
 * straight into one byte buffer reused for every chunk: memory holds one chunk's bytes and its
 * base64. A chunk is handed out when the record after it arrives, which is also how `last` is known.
 */
export async function* chunkRecords(campaign: string, records: UploadCallsBaseArgs['records'], size: number,
  progressive: boolean, stop: AbortSignal): AsyncGenerator<Chunk> {
  const file = createBase64Writer();
  let count = 0;
  let index = 0;
  // Once `stop` aborts, no record more is read: a lazy source (a cursor, a queue, a file's lines) was
  // read on up to a whole chunk, an upload aborted before the call included. What is read is its
  // caller's concern only then (`within` has rejected), so returning early yields nothing wrong.
  if (!stop.aborted) for await (const contact of records) {
    if (stop.aborted) return;
    if (count === size) {
      yield { fileb64: file.take(), count, last: false };
      count = 0;
    }
    file.add(`${formatLine(campaign, contact, progressive, index++)}\n`);
    count++;
  }
  if (count) yield { fileb64: file.take(), count, last: true };
}
