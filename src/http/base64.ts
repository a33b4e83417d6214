interface BufferLike {
  from(text: string, encoding: 'utf8'): { toString(encoding: 'base64'): string };
}

// A multiple of 3 bytes, so the base64 of each piece concatenates into the base64 of the whole.
const STEP = 3 * 8192;

/**
 * Base64 of the UTF-8 bytes of `text`. Uses Node's Buffer when there is one, else TextEncoder and
 * `btoa` over slices (browsers), never one giant `String.fromCharCode` call.
 */
export function utf8Base64(text: string): string {
  const buffer = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (buffer && typeof buffer.from === 'function') return buffer.from(text, 'utf8').toString('base64');
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += STEP) {
    out += btoa(String.fromCharCode(...bytes.subarray(i, i + STEP)));
  }
  return out;
}
