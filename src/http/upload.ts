import { BridgeError, isBridgeError } from '../errors.js';
import { int, invalid, isRecord, str } from '../shared/check.js';
import { utf8Base64 } from './base64.js';
import {
  chunkRecords, formatCallsBaseRecord, type ChunkOutcome, type UploadCallsBaseArgs, type UploadedChunk, type UploadResult,
} from './callsbase.js';
import { name } from './fields.js';
import type { FormFields } from './transport.js';

const OP = 'uploadCallsBase';
// The portal's own uploader: at most 50 of these characters, never a leading `R`.
const PORTAL_NAME = /^(?!R)[\w-]{1,50}$/;
const FILE_UNSAFE = /[\\/;:\p{Cc}]/u;

/** An upload that stopped part way: a {@link BridgeError} that also says what was done. */
export type UploadError = BridgeError & { readonly upload: UploadResult };

function zone(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const z = str(OP, 'timeZone', value);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: z });
  } catch {
    invalid(OP, 'timeZone is not a known IANA time zone');
  }
  return z;
}

function chunkName(filename: string, n: number): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? `${filename.slice(0, dot)}-${n}${filename.slice(dot)}` : `${filename}-${n}`;
}

// What a failed chunk means for the data: a refusal stored nothing; anything else may hide a store.
function outcome(e: unknown): ChunkOutcome {
  if (isBridgeError(e, 'API_ERROR') || isBridgeError(e, 'UNAUTHORIZED')) return 'refused';
  return isBridgeError(e, 'HTTP_ERROR') && (e.status ?? 0) >= 400 && (e.status ?? 0) < 500 ? 'refused' : 'unknown';
}

/**
 * Runs a calls-base upload: checks the arguments, streams the records chunk by chunk and sends each
 * chunk through `send` (one Dialers/uploadbase call, never retried; `sent()` is called once it is
 * handed to fetch). Stops at the first chunk that fails, with that error carrying the report.
 */
export async function runUpload(value: unknown, sessionUser: string | undefined,
  send: (fields: FormFields, sent: () => void) => Promise<string>): Promise<UploadResult> {
  if (!isRecord(value)) invalid(OP, 'arguments must be an object');
  const a = value as Partial<UploadCallsBaseArgs> & Record<string, unknown>;
  const campaign = name(OP, 'campaign', a.campaign);
  const filename = str(OP, 'filename', a.filename);
  if (a.checkFileName !== undefined && typeof a.checkFileName !== 'boolean') invalid(OP, 'checkFileName must be a boolean');
  const portalRules = a.checkFileName !== false;
  const checkName = (file: string): string => {
    if (portalRules && !PORTAL_NAME.test(file)) {
      invalid(OP, 'filename must be at most 50 characters of A-Z a-z 0-9 _ - (chunk suffix included) and not start with R; ' +
        'checkFileName: false skips this check');
    }
    if (!portalRules && (file.length > 200 || FILE_UNSAFE.test(file))) invalid(OP, 'filename must not hold / \\ ; : or control characters');
    return file;
  };
  checkName(filename);
  const size = a.chunkSize === undefined ? 50_000 : int(OP, 'chunkSize', a.chunkSize, 1, 10_000_000);
  const timezone = zone(a.timeZone);
  const progressive = a.progressive === true;
  const username = a.username === undefined ? sessionUser : str(OP, 'username', a.username);
  if (username === undefined) invalid(OP, 'username is required when the credentials name no user');
  if (a.onProgress !== undefined && typeof a.onProgress !== 'function') invalid(OP, 'onProgress must be a function');
  const records = a.records;
  const iterable = records !== null && typeof records === 'object' &&
    (Symbol.iterator in records || Symbol.asyncIterator in records);
  if (!iterable) invalid(OP, 'records must be an array or an (async) iterable');
  const total = Array.isArray(records) ? records.length : undefined;
  // An array is already in memory: check every record and the longest chunk name first, so that a
  // bad one sends nothing at all.
  if (Array.isArray(records)) {
    records.forEach((r, index) => formatCallsBaseRecord(campaign, r, { progressive, index }));
    if (records.length > size) checkName(chunkName(filename, Math.ceil(records.length / size)));
  }

  const sent: UploadedChunk[] = [];
  const report = (): UploadResult => {
    const by = (o: ChunkOutcome): string[] => sent.filter((c) => c.outcome === o).map((c) => c.filename);
    const stored = by('stored');
    const next = sent.reduce((n, c) => n + c.records, 0);
    return {
      uploaded: sent.filter((c) => c.outcome === 'stored').reduce((n, c) => n + c.records, 0), chunks: stored.length,
      filenames: stored, stored, refused: by('refused'), unknown: by('unknown'), sent: [...sent], nextRecord: next,
      unsent: total === undefined ? undefined : total - next,
    };
  };
  let first = 0;
  try {
    for await (const chunk of chunkRecords(campaign, records, size, progressive)) {
      const file = chunk.last && sent.length === 0 ? filename : checkName(chunkName(filename, sent.length + 1));
      const fields: Record<string, string> = {
        filename: file, fileb64: utf8Base64(chunk.text), campaign, cant: String(chunk.count), username,
      };
      if (timezone !== undefined) fields.timezone = timezone;
      let handed = false;
      try {
        await send(fields, () => { handed = true; });
      } catch (e) {
        // A chunk never handed to fetch (checks, login, an early abort) is simply not sent.
        if (handed) sent.push({ filename: file, first, records: chunk.count, outcome: outcome(e) });
        throw e;
      }
      sent.push({ filename: file, first, records: chunk.count, outcome: 'stored' });
      first += chunk.count;
      a.onProgress?.({ uploaded: first, chunks: sent.length });
    }
  } catch (e) {
    if (!isBridgeError(e) || (sent.length === 0 && e.code === 'INVALID_ARGUMENT')) throw e;
    const r = report();
    // Say how far the upload got: upload `records` from `nextRecord` on, and check `unknown` chunks
    // in uContact before sending them again.
    const error = new BridgeError(e.code, `${e.message} (upload stopped: ${r.stored.length} chunks stored, ` +
      `${r.refused.length} refused, ${r.unknown.length} unknown (may have been stored); the first ${r.nextRecord} records were sent)`,
    { operation: OP, ...(e.status === undefined ? {} : { status: e.status }), cause: e });
    throw Object.assign(error, { upload: r }) as UploadError;
  }
  if (sent.length === 0) invalid(OP, 'records must hold at least one record');
  return report();
}
