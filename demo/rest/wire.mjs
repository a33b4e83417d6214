// Small node:http helpers of the REST simulator.
import { Buffer } from 'node:buffer';

/**
 * Reads a request body as UTF-8 text (a Buffer with `raw`), refusing more than `limit` bytes (Error
 * 'too-large'); a client gone before the end of its body is Error 'aborted'.
 */
export function readBody(req, limit, raw = false) {
  return new Promise((resolve, reject) => {
    // A client gone before its body is read (while a delay held the request): its 'close' has fired.
    if (req.destroyed) return reject(new Error('aborted'));
    const parts = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) reject(new Error('too-large'));
      else parts.push(c);
    });
    req.on('end', () => resolve(raw ? Buffer.concat(parts) : Buffer.concat(parts).toString('utf8')));
    req.on('error', () => reject(new Error('aborted')));
    req.on('close', () => reject(new Error('aborted'))); // after 'end' the promise is settled: a no-op
  });
}

/**
 * Answers once; a no-op when the client is gone; cuts an answer already under way (an event stream).
 * `headers`: more headers (a 405's `Allow`, which HTTP requires).
 */
export function send(res, status, body, type = 'text/plain; charset=utf-8', headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  // writeHead would throw, and a throw in a request's error path stops the whole simulator.
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

// The value of a hex digit's byte (`0`-`9`, `a`-`f`, `A`-`F`).
const hexValue = (c) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);

/** A form body with a `%` not followed by two hex digits (formFields): a Java server answers 400. */
export class BadEscape extends Error {}

/**
 * The most fields a form body may hold (Tomcat's default maxParameterCount): past it formFields
 * throws TooManyFields. Each field read is an array and two strings: a 64 MB body of `a=&a=&…` (21
 * million fields) took 5 s and 2.7 GB of the one process's heap to read.
 */
export const MAX_FIELDS = 10_000;
/** A form body of more than MAX_FIELDS fields (formFields). */
export class TooManyFields extends Error {}

/**
 * The fields of a form body (`bytes`) as a server reads them: `+` a space, `%XX` a byte, the bytes
 * decoded in the charset its Content-Type `type` declares (`charset=ISO-8859-1`: `%E9` is é), UTF-8
 * when it declares none or one it does not know; a bare `%` throws BadEscape. URLSearchParams reads every escape as UTF-8: a client
 * declaring Latin-1 (older PHP and Java clients) had each accented letter stored as U+FFFD.
 */
export function formFields(bytes, type = '') {
  // A `%` not followed by two hex digits, anywhere in the body: Java's URLDecoder throws on it (a
  // server's form reader answers 400), where URLSearchParams keeps it as written. Scripts that build
  // the body by string formatting send SQL's `LIKE '%ana%'` as it is typed.
  const latin = bytes.toString('latin1');
  if (/%(?![0-9A-Fa-f]{2})/.test(latin)) throw new BadEscape('a % is not followed by two hex digits');
  // Counted before any is read (empty ones between two `&` are none), up to one past the bound.
  const part = /[^&]+/g;
  for (let n = 0; part.exec(latin);) if (++n > MAX_FIELDS) throw new TooManyFields(`more than ${MAX_FIELDS} fields`);
  const label = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  let decoder;
  try {
    decoder = new TextDecoder(label ?? 'utf-8', { ignoreBOM: true });
  } catch {
    // An unknown charset: read as UTF-8.
  }
  if (!decoder || decoder.encoding === 'utf-8') return [...new URLSearchParams(bytes.toString('utf8'))];
  // Into one buffer of the part's length (no longer once decoded): an array of a number per byte and
  // a parseInt of a two-character string per escape took 4 s and 324 MB for a 63 MB body (every
  // other request waiting), four times what the UTF-8 reading takes.
  const decode = (part) => {
    const out = Buffer.allocUnsafe(part.length);
    let n = 0;
    for (let i = 0; i < part.length; i++) {
      const b = part[i];
      // `%` and two hex digits (checked above): their value; a digit's low bits, a letter's + 9.
      if (b === 0x25) out[n++] = (hexValue(part[++i]) << 4) | hexValue(part[++i]);
      else out[n++] = b === 0x2b ? 0x20 : b;
    }
    return decoder.decode(out.subarray(0, n));
  };
  const fields = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x26) continue;
    const part = bytes.subarray(start, i);
    start = i + 1;
    if (part.length === 0) continue;
    const eq = part.indexOf(0x3d);
    fields.push(eq === -1 ? [decode(part), ''] : [decode(part.subarray(0, eq)), decode(part.subarray(eq + 1))]);
  }
  return fields;
}
