import AES from 'crypto-js/aes';
import type Core from 'crypto-js/core';
import { fail } from '../errors.js';
import { secret, string } from '../shared/validate.js';
import { ctiFromText, parseOptions, type ParseCtiOptions } from './parse.js';
import type { Cti } from './types.js';

// The portal stores `CryptoJS.AES.encrypt(JSON.stringify(cti), passphrase).toString()`: base64 of
// "Salted__" + 8-byte salt + AES-256-CBC ciphertext, key and iv from EVP_BytesToKey (MD5, 1 round).
// crypto-js checks almost nothing on decryption (a wrong passphrase gives garbage or an exception),
// so the format, the PKCS#7 padding and the UTF-8 are checked here, and every failure is one
// DECRYPT_FAILED without a `cause`: crypto-js and JSON errors may quote plain data.
//
// crypto-js does only the cipher (and the key derivation): its base64 and UTF-8 codecs are byte by
// byte in JavaScript, and the browser's `atob` and `TextDecoder` do the same work natively (on a 20 KB
// CTI, crypto-js's base64 parse alone took longer than the rest of decryptCti's own work; bench/).

type CipherParams = ReturnType<typeof Core.lib.CipherParams.create>;

const OP = 'decryptCti';
// Padding is checked below, so crypto-js must hand back every decrypted byte.
const KEEP_PADDING = { pad: (): void => undefined, unpad: (): void => undefined };
function failed(operation: string): never {
  return fail('DECRYPT_FAILED', operation, 'the CTI could not be decrypted (wrong passphrase, or a damaged or foreign value)');
}

// Decodes the base64 (`atob` refuses any character outside base64 and skips the line breaks of
// OpenSSL's wrapped output) and hands crypto-js the salt and ciphertext words; undefined when it is
// not that format.
function saltedParams(value: string): CipherParams | undefined {
  let bin: string;
  try {
    bin = atob(value);
  } catch {
    return undefined;
  }
  const body = bin.length - 16;
  if (!bin.startsWith('Salted__') || body < 16 || body % 16 !== 0) return undefined;
  // Big-endian words of the bytes after "Salted__": the salt's two, then the ciphertext's.
  const words: number[] = [];
  for (let i = 8; i < bin.length; i++) (words[(i >> 2) - 2] as number) |= bin.charCodeAt(i) << (24 - (i % 4) * 8);
  // Plain objects, not crypto-js's CipherParams and WordArrays: its decrypt takes a ciphertext that is
  // no string as given, and reads only the words and byte counts (`sigBytes`) of its salt and
  // ciphertext (the known-answer tests of test/fixtures/cti decrypt with it).
  return { salt: { words: words.splice(0, 2), sigBytes: 8 }, ciphertext: { words, sigBytes: body } } as unknown as CipherParams;
}

/** The portal's ciphertext decrypted to text, for checked arguments; `DECRYPT_FAILED` names `operation`. */
export function decryptText(operation: string, ciphertext: string, passphrase: string): string {
  const params = saltedParams(ciphertext);
  if (!params) failed(operation);
  // Made per call, never at import: a server or jest's jsdom loads the entry without a TextDecoder.
  // fatal: malformed UTF-8 is refused, as crypto-js's decoder does; ignoreBOM: a BOM stays in the
  // text (and fails JSON.parse), as with crypto-js.
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    const { words, sigBytes: n } = AES.decrypt(params, passphrase, { padding: KEEP_PADDING });
    // Each byte from its big-endian word (a Uint8Array keeps the low 8 bits of what it is given).
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = (words[i >> 2] as number) >>> (24 - (i % 4) * 8);
    // PKCS#7: wrong padding is almost always the sign of a wrong passphrase. n is the ciphertext's
    // length (nothing is unpadded), a multiple of 16 and at least 16 (saltedParams): a pad of 1 to
    // 16 always fits in it.
    const pad = bytes[n - 1] as number;
    if (pad < 1 || pad > 16 || bytes.subarray(n - pad).some((b) => b !== pad)) return failed(operation);
    return utf8.decode(bytes.subarray(0, n - pad));
  } catch {
    return failed(operation);
  }
}

/**
 * Decrypts the portal's CTI value and parses it with {@link parseCti}. Pure: no storage access,
 * synchronous. `ciphertext` is what `CryptoJS.AES.encrypt(JSON.stringify(cti), passphrase).toString()`
 * returns (OpenSSL "Salted__" format, base64; AES-256-CBC, key and iv by EVP_BytesToKey with MD5).
 * uContact documents only that the value is encrypted: this format is our default (the form
 * framework ships CryptoJS AES). A deployment that encrypts otherwise: decrypt the value yourself
 * and pass the text to `parseCti`.
 *
 * `options` are {@link parseCti}'s (`dialerKeys`).
 *
 * @throws BridgeError `INVALID_ARGUMENT` (ciphertext not a string, passphrase missing, bad options),
 *   `DECRYPT_FAILED` (not that format, wrong passphrase, damaged value),
 *   `INVALID_CTI` (decrypts, but is not JSON or not a CTI object). Messages never hold the
 *   passphrase nor any decrypted data.
 * @example
 * const cti = decryptCti(localStorage.getItem('CTI') ?? '', PASSPHRASE)
 * openCustomer(cti.guid, cti.parAndValues.values.idcustomer)
 */
export function decryptCti(ciphertext: string, passphrase: string, options?: ParseCtiOptions): Cti {
  const keys = parseOptions(OP, options);
  return ctiFromText(OP, decryptText(OP, string(OP, 'ciphertext', ciphertext), secret(OP, 'passphrase', passphrase)), keys);
}
