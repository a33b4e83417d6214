// Node's Buffer, as far as it is used here (typed locally: the http entry also runs in browsers).
interface NodeBuffer {
  write(text: string, offset: number, encoding: 'utf8'): number;
  toString(encoding: 'base64', start: number, end: number): string;
}
interface BufferClass {
  allocUnsafe(size: number): Uint8Array;
}

// A multiple of 3 bytes, so the base64 of each piece concatenates into the base64 of the whole.
const STEP = 3 * 8192;
// Text is encoded in pieces of about this many UTF-16 units: one encoder call per piece, not per line.
const PIECE = 1 << 16;

/** Base64 of `bytes`: `btoa` over slices, never one giant `String.fromCharCode` call. */
function bytesBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += STEP) out += btoa(String.fromCharCode(...bytes.subarray(i, i + STEP)));
  return out;
}

/** Collects text as UTF-8 bytes in one buffer reused from file to file (see {@link createBase64Writer}). */
export interface Base64Writer {
  /** Adds `text` (written with the next ones, a piece at a time). */
  add(text: string): void;
  /** The base64 of everything added since the last call; the buffer is then reused. */
  take(): string;
}

/**
 * A writer of base64 files: text is encoded straight into one byte buffer, grown when needed and
 * reused for every file, so a file never exists as one long string next to its bytes (the
 * calls-base upload: peak memory about one chunk, bench/callsbase.mjs).
 */
export function createBase64Writer(): Base64Writer {
  const node = (globalThis as { Buffer?: BufferClass }).Buffer;
  const b = node && typeof node.allocUnsafe === 'function' ? node : undefined;
  const encoder = b ? undefined : new TextEncoder();
  const alloc = (size: number): Uint8Array => (b ? b.allocUnsafe(size) : new Uint8Array(size));
  let bytes = alloc(PIECE * 3);
  let used = 0;
  let piece = '';
  const flush = (): void => {
    // At most 3 bytes per UTF-16 unit.
    if (used + piece.length * 3 > bytes.length) {
      const next = alloc((used + piece.length * 3) * 2);
      next.set(bytes.subarray(0, used));
      bytes = next;
    }
    used += encoder ? encoder.encodeInto(piece, bytes.subarray(used)).written : (bytes as unknown as NodeBuffer).write(piece, used, 'utf8');
    piece = '';
  };
  return {
    add(text) {
      piece += text;
      if (piece.length >= PIECE) flush();
    },
    take() {
      flush();
      const out = b ? (bytes as unknown as NodeBuffer).toString('base64', 0, used) : bytesBase64(bytes.subarray(0, used));
      used = 0;
      return out;
    },
  };
}
