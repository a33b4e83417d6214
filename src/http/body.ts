import { bridgeError, type BridgeError } from '../errors.js';
import type { FetchResponse, HttpOperation } from './types.js';

const tooLarge = (name: HttpOperation, path: string, max: number): BridgeError =>
  bridgeError('RESPONSE_TOO_LARGE', name, `the answer of ${path} is larger than ${max} bytes (maxResponseBytes); it was dropped`);

/** Drops an answer's body unread: a web stream is cancelled; a Node stream (node-fetch) has no cancel(). */
export const discard = (res: FetchResponse): void => {
  void (res.body as { cancel?: () => Promise<void> } | null | undefined)?.cancel?.().catch(() => undefined);
};

/**
 * Reads an answer body as text in the charset its `content-type` declares (a Java server may send
 * `charset=ISO-8859-1`; UTF-8 when none, or one no decoder knows), at most `max` bytes: a declared
 * `content-length` over the cap is refused before reading, a stream is cut at the cap; a BOM (UTF-8,
 * UTF-16LE, UTF-16BE) wins over the declared charset. A custom fetch without a body stream is read whole by its
 * `arrayBuffer()` (node-fetch), else by its `text()` (measured as UTF-8), then measured.
 */
export async function readBody(res: FetchResponse, max: number, name: HttpOperation, path: string): Promise<string> {
  // None declared (null, or no headers): 0 or NaN, never over max (at least 1).
  const declared = Number(res.headers?.get('content-length'));
  if (declared > max) {
    discard(res);
    throw tooLarge(name, path, max);
  }
  let bytes: Uint8Array;
  if (typeof (res.body as Partial<ReadableStream<Uint8Array>> | null | undefined)?.getReader !== 'function') {
    // A body that is no web stream (node-fetch's is a Node stream): its bytes, decoded below in the
    // declared charset (node-fetch's text() reads every answer as UTF-8: a Latin-1 'Atención' came
    // out 'Atenci\uFFFDn'); without arrayBuffer(), its text(), measured as its UTF-8 bytes.
    if (!res.arrayBuffer) {
      const text = await res.text();
      if (new Blob([text]).size > max) throw tooLarge(name, path, max);
      return text;
    }
    bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > max) throw tooLarge(name, path, max);
  } else {
    // An own `mode: undefined`: WebKit's getReader() defaults its options to `{}` and reads `mode`
    // through Object.prototype, where a pollution bug's 'no-cors' made every answer unreadable.
    const reader = (res.body as ReadableStream<Uint8Array>).getReader({ mode: undefined } as object) as ReadableStreamDefaultReader<Uint8Array>;
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let part; !(part = await reader.read()).done;) {
      size += part.value.length;
      if (size > max) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge(name, path, max);
      }
      parts.push(part.value);
    }
    // Joined here, not by a Blob: jsdom's (the global Blob of vitest's and jest's jsdom environments,
    // beside Node's fetch) has no arrayBuffer(), and every answer was a NETWORK_ERROR there.
    bytes = new Uint8Array(size);
    size = 0;
    for (const part of parts) {
      bytes.set(part, size);
      size += part.length;
    }
  }
  const [a, b, c] = bytes as unknown as [number, number, number];
  let decoder = new TextDecoder();
  try {
    // As the Encoding Standard decodes (XHR's responseText, which real clients read), a byte order mark
    // wins over the declared charset: UTF-8's, and UTF-16's in either order (FF FE, FE FF: no other
    // two bytes add up to 509). Another charset's decoder kept it as text ('ï»¿0', 'ÿþ0\0': no `0`).
    decoder = new TextDecoder(a === 0xef && b === 0xbb && c === 0xbf ? 'utf-8' : a + b === 509 ? `utf-16${a > b ? 'le' : 'be'}`
      : /charset="?([\w-]+)/i.exec(res.headers?.get('content-type') ?? '')?.[1]);
  } catch {
    // a charset no decoder knows: UTF-8
  }
  return decoder.decode(bytes);
}
