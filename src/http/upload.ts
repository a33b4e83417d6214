import { BridgeError, isBridgeError } from '../errors.js';
import { int, invalid, isRecord, str } from '../shared/check.js';
import { utf8Base64 } from './base64.js';
import { chunkRecords, formatCallsBaseRecord, type UploadCallsBaseArgs, type UploadResult } from './callsbase.js';
import { name } from './fields.js';
import type { FormFields } from './transport.js';

const OP = 'uploadCallsBase';
const FILE_UNSAFE = /[\\/;:]/;

const safeFileName = (s: string): boolean =>
  s.length <= 200 && !FILE_UNSAFE.test(s) && [...s].every((c) => c.charCodeAt(0) >= 0x20 && c !== '\x7f');

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

/**
 * Runs a calls-base upload: checks the arguments, streams the records chunk by chunk and sends each
 * chunk through `send` (one Dialers/uploadbase call, never retried).
 */
export async function runUpload(value: unknown, sessionUser: string | undefined,
  send: (fields: FormFields) => Promise<void>): Promise<UploadResult> {
  if (!isRecord(value)) invalid(OP, 'arguments must be an object');
  const a = value as Partial<UploadCallsBaseArgs> & Record<string, unknown>;
  const campaign = name(OP, 'campaign', a.campaign);
  const filename = str(OP, 'filename', a.filename);
  if (!safeFileName(filename)) invalid(OP, 'filename must not hold / \\ ; : or control characters');
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
  // An array is already in memory: check every record first, so a bad one sends nothing at all.
  if (Array.isArray(records)) records.forEach((r, index) => formatCallsBaseRecord(campaign, r, { progressive, index }));

  const filenames: string[] = [];
  let uploaded = 0;
  for await (const chunk of chunkRecords(campaign, records, size, progressive)) {
    const file = chunk.last && filenames.length === 0 ? filename : chunkName(filename, filenames.length + 1);
    const fields: Record<string, string> = {
      filename: file, fileb64: utf8Base64(chunk.text), campaign, cant: String(chunk.count), username,
    };
    if (timezone !== undefined) fields.timezone = timezone;
    try {
      await send(fields);
    } catch (e) {
      if (!isBridgeError(e) || uploaded === 0) throw e;
      // Say how far the upload got: the caller must not upload the first chunks again.
      throw new BridgeError(e.code, `${e.message} (after ${uploaded} records in ${filenames.length} chunks were uploaded)`,
        { operation: OP, ...(e.status === undefined ? {} : { status: e.status }), cause: e });
    }
    filenames.push(file);
    uploaded += chunk.count;
    a.onProgress?.({ uploaded, chunks: filenames.length });
  }
  if (filenames.length === 0) invalid(OP, 'records must hold at least one record');
  return { uploaded, chunks: filenames.length, filenames };
}
