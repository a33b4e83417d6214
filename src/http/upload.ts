import { bridgeError, isBridgeError, type BridgeError } from '../errors.js';
import { callback, flag, ianaTimeZone, integer, bad, invalid, optional, record, text, timeZone, wireText, type Rule } from '../shared/validate.js';
import {
  chunkRecords, formatLine, OP, type ChunkOutcome, type UploadCallsBaseArgs, type UploadedChunk, type UploadResult,
} from './callsbase.js';
import { startDeadline, within } from './deadline.js';
import type { FormFields } from './transport.js';

// The portal's own uploader: at most 50 of these characters, never a leading `R`.
const PORTAL_NAME = /^(?!R)[\w-]{1,50}$/;
const FILE_UNSAFE = /[\\/;:\p{Cc}]/u;

/** An upload that stopped part way: a {@link BridgeError} that also says what was done. */
export type UploadError = BridgeError & { readonly upload: UploadResult };

// An array, or an (async) iterable streamed chunk by chunk.
const recordsRule: Rule<UploadCallsBaseArgs['records']> = (op, name, v) =>
  typeof v === 'object' && v !== null && (Symbol.iterator in v || Symbol.asyncIterator in v)
    ? (v as UploadCallsBaseArgs['records']) : bad(op, name, 'must be an array or an (async) iterable');

const UPLOAD = {
  campaign: wireText, filename: text, checkFileName: /* @__PURE__ */ optional(flag, true), records: recordsRule,
  chunkSize: /* @__PURE__ */ optional(/* @__PURE__ */ integer(1, 10_000_000), 50_000), timeZone: /* @__PURE__ */ optional(timeZone),
  progressive: /* @__PURE__ */ optional(flag, false), username: /* @__PURE__ */ optional(text), onProgress: /* @__PURE__ */ optional(callback),
};

function chunkName(filename: string, n: number): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? `${filename.slice(0, dot)}-${n}${filename.slice(dot)}` : `${filename}-${n}`;
}

// What a failed chunk means for the data: a refusal stored nothing; anything else may hide a store.
function outcome(e: unknown): ChunkOutcome {
  if (isBridgeError(e, 'API_ERROR') || isBridgeError(e, 'UNAUTHORIZED')) return 'refused';
  return isBridgeError(e, 'HTTP_ERROR') && e.status! >= 400 && e.status! < 500 ? 'refused' : 'unknown';
}

/**
 * Runs a calls-base upload: checks the arguments, streams the records chunk by chunk and sends each
 * chunk through `send` (one Dialers/uploadbase call, never retried; `sent()` is called once it is
 * handed to fetch). Stops at the first chunk that fails, with that error carrying the report.
 */
export async function runUpload(args: UploadCallsBaseArgs, sessionUser: string | undefined,
  send: (fields: FormFields, sent: () => void) => Promise<string>, signal?: AbortSignal): Promise<UploadResult> {
  const { campaign, filename, checkFileName: portalRules, records, chunkSize: size, progressive, onProgress, ...a } = record(OP, args, UPLOAD);
  const checkName = (file: string): string => {
    if (portalRules && !PORTAL_NAME.test(file)) {
      invalid(OP, 'filename must be at most 50 characters of A-Z a-z 0-9 _ - (chunk suffix included) and not start with R; ' +
        'checkFileName: false skips this check');
    }
    if (!portalRules && (file.length > 200 || FILE_UNSAFE.test(file))) invalid(OP, 'filename must be at most 200 characters, with no / \\ ; : or control characters');
    return file;
  };
  checkName(filename);
  // The `timezone` field names a zone to the server: 'local' is this machine's, when it has an IANA
  // name (a POSIX TZ such as UTC0 has none: the base went without its zone, or GMT+3 as GMT+03:00).
  const timezone = a.timeZone === 'local' ? ianaTimeZone(OP, 'timeZone', new Intl.DateTimeFormat().resolvedOptions().timeZone) : a.timeZone;
  const username = a.username ?? sessionUser ?? invalid(OP, 'username is required when the credentials name no user');
  // An iterable's length is known once it is read to its end (its last chunk).
  let total = Array.isArray(records) ? records.length : undefined;
  // An array is already in memory: check every record and the longest chunk name first, so that a
  // bad one sends nothing at all. Read as the chunks read it, with its iterator: forEach skipped a
  // hole, which a chunk then refused after the chunks before it were stored.
  if (Array.isArray(records)) {
    [...records].forEach((r, index) => formatLine(campaign, r, progressive, index));
    if (records.length > size) checkName(chunkName(filename, Math.ceil(records.length / size)));
  }

  const sent: UploadedChunk[] = [];
  const report = (): UploadResult => {
    const by = (o: ChunkOutcome): string[] => sent.filter((c) => c.outcome === o).map((c) => c.filename);
    const stored = by('stored');
    const next = sent.reduce((n, c) => n + c.records, 0);
    return {
      // `first`: the records of the stored chunks (the upload stops at the first chunk that is not).
      uploaded: first, chunks: stored.length,
      filenames: stored, stored, refused: by('refused'), unknown: by('unknown'), sent: [...sent], nextRecord: next,
      unsent: total === undefined ? undefined : total - next,
    };
  };
  let first = 0;
  // The caller's signal also ends the wait for the next chunk: a records iterable that waits (a
  // queue, a cursor) held an aborted upload unsettled until it gave a whole chunk more, or forever.
  const aborted = startDeadline(0, signal);
  const chunks = chunkRecords(campaign, records, size, progressive, aborted.signal);
  try {
    for (let next; !(next = await within(chunks.next(), aborted, OP)).done;) {
      const chunk = next.value;
      if (chunk.last) total = first + chunk.count;
      const file = chunk.last && sent.length === 0 ? filename : checkName(chunkName(filename, sent.length + 1));
      const fields: Record<string, string> = {
        filename: file, fileb64: chunk.fileb64, campaign, cant: String(chunk.count), username,
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
      // Awaited: an async onProgress that fails stops the upload as a throw does; its rejection left
      // unhandled would stop a Node process.
      await (onProgress as UploadCallsBaseArgs['onProgress'])?.({ uploaded: first, chunks: sent.length });
    }
  } catch (caught) {
    // The caller's own code (the records iterable, onProgress) threw after chunks went out: the
    // report says what is stored, or a run again would store them twice.
    const e = isBridgeError(caught) || !sent.length ? caught
      : bridgeError('CALLBACK_FAILED', OP, 'the records iterable or onProgress threw', { cause: caught });
    if (!isBridgeError(e) || (sent.length === 0 && e.code === 'INVALID_ARGUMENT')) throw e;
    const r = report();
    // Say how far the upload got: upload `records` from `nextRecord` on, and check `unknown` chunks
    // in uContact before sending them again.
    // The chunk's own error, counted: its message without its operation (ours), code, status and cause.
    const why = e.operation === OP ? e.message.slice(OP.length + 2) : e.message;
    const error = bridgeError(e.code, OP, `${why} (upload stopped: ${r.stored.length} chunks stored, ` +
      `${r.refused.length} refused, ${r.unknown.length} unknown (may have been stored); the first ${r.nextRecord} records were sent)`,
    // An undefined status is no status: BridgeError reads only the value.
    { status: e.status as number, cause: caught });
    throw Object.assign(error, { upload: r }) as UploadError;
  } finally {
    aborted.dispose();
    // As `for await` closes what it stops reading: the records iterable, once a pending read settles.
    chunks.return(undefined).catch(() => undefined);
  }
  if (sent.length === 0) invalid(OP, 'records must hold at least one record');
  return report();
}
