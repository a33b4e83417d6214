import {
  alternatives, count, flag, invalid, isPhone, isRecord, isTypedAlternative, isWireText, isWireTextOrEmpty, keyValues, optional, phone,
  priority, record, wireText, type AlternativeNumber, type WorkflowData,
} from '../shared/validate.js';
import { createBase64Writer } from './base64.js';

/** One contact of a calls base (spec section 6). */
export interface CallsBaseRecord {
  readonly phone: string;
  /** Workflow data, written `k=v:k=v`. */
  readonly data?: WorkflowData;
  /** Plain or typed numbers, as an array or `:`-joined text; written `:`-joined. */
  readonly alternatives?: string | readonly AlternativeNumber[];
  /** 1 (highest) to 9999 (lowest); empty when absent (the server's default). */
  readonly priority?: number;
  /** Required for progressive dialers, refused otherwise. */
  readonly agentPhone?: string;
}

/** Options of {@link formatCallsBaseRecord}. */
export interface CallsBaseLineOptions {
  /** Progressive dialer: adds the `;agentPhone` field. Default false. */
  readonly progressive?: boolean;
  /** The record's index, for error messages. Default 0. */
  readonly index?: number;
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
   * File name shown in uContact; with several chunks, `-1`, `-2`, … is added (before the extension,
   * if any). By default every name, suffix included, must follow the portal's rules: at most 50
   * characters of `A-Z a-z 0-9 _ -`, not starting with `R`.
   */
  readonly filename: string;
  /** `false` skips the portal's file-name rules (only `/ \ ; :` and control characters are refused). Default true. */
  readonly checkFileName?: boolean;
  /** An array, or an (async) iterable streamed chunk by chunk (never all in memory). */
  readonly records: Iterable<CallsBaseRecord> | AsyncIterable<CallsBaseRecord>;
  /** Records per upload. Default 50000. */
  readonly chunkSize?: number;
  /** IANA zone of the base (`timezone` field). Default: none sent. */
  readonly timeZone?: string;
  /** Progressive dialer (`;agentPhone` on each line). Default false. */
  readonly progressive?: boolean;
  /** The `username` field. Default: the session's user or agent. */
  readonly username?: string;
  readonly onProgress?: (progress: UploadProgress) => void;
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

const OP = 'uploadCallsBase';

const RECORD = { phone, data: keyValues, alternatives, priority: /* @__PURE__ */ optional(priority), agentPhone: /* @__PURE__ */ optional(phone) };
const LINE_OPTIONS = { progressive: /* @__PURE__ */ optional(flag, false), index: /* @__PURE__ */ optional(count, 0) };

/**
 * One line of a calls-base file, without the line break:
 * `campaign;phone;data;alternatives;priority` (`;agentPhone` added when progressive). Values that
 * would corrupt the line (`;`, `:`, `=`, `|`, line breaks) are refused with `INVALID_ARGUMENT`
 * naming the record index, never mangled.
 *
 * @example
 * formatCallsBaseRecord('Sales->', { phone: '099123456', data: { id: '7' }, alternatives: [{ type: 'H', retries: 0, number: '999555555' }], priority: 1 })
 * // 'Sales->;099123456;id=7;H=0=999555555;1'
 */
export function formatCallsBaseRecord(campaign: string, contact: CallsBaseRecord, options: CallsBaseLineOptions = {}): string {
  const o = record(OP, options, LINE_OPTIONS, 'options');
  return formatLine(wireText(OP, 'campaign', campaign), contact, o.progressive, o.index);
}

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const TYPES = 'MWHPU';

// The usual alternative as it is written, or undefined (then the rules check it and name it).
function quickAlternative(x: unknown): string | undefined {
  if (typeof x === 'string') return isPhone(x) || isTypedAlternative(x) ? x : undefined;
  if (!isRecord(x)) return undefined;
  let n = 0;
  for (const k in x) if (own(x, k) && (++n > 3 || (k !== 'type' && k !== 'retries' && k !== 'number'))) return undefined;
  const { type, retries, number } = x;
  return n === 3 && typeof type === 'string' && type.length === 1 && TYPES.includes(type) && Number.isInteger(retries)
    && (retries as number) >= 0 && (retries as number) <= 9999 && isPhone(number) ? `${type}=${retries as number}=${number}` : undefined;
}

// Workflow data as written, or undefined.
function quickData(data: unknown): string | undefined {
  if (data === undefined || data === '') return '';
  if (typeof data === 'string') {
    for (const pair of data.split(':')) {
      const eq = pair.indexOf('=');
      if (eq < 1 || !isWireText(pair.slice(0, eq)) || !isWireTextOrEmpty(pair.slice(eq + 1))) return undefined;
    }
    return data;
  }
  if (!isRecord(data)) return undefined;
  let out: string | undefined;
  for (const k in data) {
    if (!own(data, k)) continue;
    const v = data[k];
    if (!isWireText(k) || !isWireTextOrEmpty(v)) return undefined;
    out = out === undefined ? `${k}=${v}` : `${out}:${k}=${v}`;
  }
  return out ?? '';
}

/**
 * The line of a usual record, checked with no field names built (per record, they cost more than
 * the line: bench/callsbase.mjs). It accepts only records the rules of {@link formatLine} accept,
 * written the same; anything else (a bad record, an unusual shape) gives undefined and goes through
 * the rules, whose error names the record and the field.
 */
function quickLine(campaign: string, c: unknown, progressive: boolean): string | undefined {
  if (!isRecord(c)) return undefined;
  for (const k in c) if (own(c, k) && k !== 'phone' && k !== 'data' && k !== 'alternatives' && k !== 'priority' && k !== 'agentPhone') return undefined;
  const { phone: p, alternatives: alts, priority: rank, agentPhone } = c;
  const data = quickData(c.data);
  if (!isPhone(p) || data === undefined) return undefined;
  let a: string | undefined = '';
  if (typeof alts === 'string' && alts !== '') {
    for (const x of alts.split(':')) if (quickAlternative(x) === undefined) return undefined;
    a = alts;
  } else if (Array.isArray(alts)) {
    for (let i = 0; i < alts.length && a !== undefined; i++) {
      const x = quickAlternative(alts[i]);
      a = x === undefined ? x : i ? `${a}:${x}` : x;
    }
  } else if (alts !== undefined && alts !== '') return undefined;
  if (a === undefined) return undefined;
  if (rank !== undefined && !(Number.isInteger(rank) && (rank as number) >= 1 && (rank as number) <= 9999)) return undefined;
  if (progressive ? !isPhone(agentPhone) : agentPhone !== undefined) return undefined;
  const line = `${campaign};${p};${data};${a};${rank === undefined ? '' : rank as number}`;
  return progressive ? `${line};${agentPhone as string}` : line;
}

/** {@link formatCallsBaseRecord} for a checked campaign and options (the upload's, once for all its records). */
export function formatLine(campaign: string, contact: unknown, progressive: boolean, index: number): string {
  return quickLine(campaign, contact, progressive) ?? checkedLine(campaign, contact, progressive, index);
}

// The rules, naming the record and the field of what they refuse.
function checkedLine(campaign: string, contact: unknown, progressive: boolean, index: number): string {
  const at = `records[${index}]`;
  const r = record(OP, contact, RECORD, at);
  if (progressive && r.agentPhone === undefined) invalid(OP, `${at}.agentPhone is required for a progressive dialer`);
  if (!progressive && r.agentPhone !== undefined) invalid(OP, `${at}.agentPhone is only for progressive dialers`);
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
  progressive: boolean): AsyncGenerator<Chunk> {
  const file = createBase64Writer();
  let count = 0;
  let index = 0;
  for await (const contact of records) {
    if (count === size) {
      yield { fileb64: file.take(), count, last: false };
      count = 0;
    }
    file.add(`${formatLine(campaign, contact, progressive, index++)}\n`);
    count++;
  }
  if (count) yield { fileb64: file.take(), count, last: true };
}
