import AES from 'crypto-js/aes';
import Core from 'crypto-js/core';
import Base64 from 'crypto-js/enc-base64';
import Utf8 from 'crypto-js/enc-utf8';
import { BridgeError } from '../errors.js';
import { invalid } from '../shared/check.js';
import { badCti } from './fields.js';
import { parseCti } from './parse.js';
import type { Cti } from './types.js';

// The portal stores `CryptoJS.AES.encrypt(JSON.stringify(cti), passphrase).toString()`: base64 of
// "Salted__" + 8-byte salt + AES-256-CBC ciphertext, key and iv from EVP_BytesToKey (MD5, 1 round).
// crypto-js checks almost nothing on decryption (a wrong passphrase gives garbage or an exception),
// so the format and the PKCS#7 padding are checked here, and every failure is one DECRYPT_FAILED
// without a `cause`: crypto-js and JSON errors may quote plain data.

type WordArray = ReturnType<typeof AES.decrypt>;
type CipherParams = ReturnType<typeof Core.lib.CipherParams.create>;

const OP = 'decryptCti';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SALTED = [0x53616c74, 0x65645f5f]; // "Salt", "ed__"
// Padding is checked below, so crypto-js must hand back every decrypted byte.
const KEEP_PADDING = { pad: (): void => undefined, unpad: (): void => undefined };

function failed(): never {
  throw new BridgeError('DECRYPT_FAILED', `${OP}: the CTI could not be decrypted (wrong passphrase, or a damaged or foreign value)`, { operation: OP });
}

function byteAt(words: number[], i: number): number {
  return ((words[i >>> 2] ?? 0) >>> (24 - (i % 4) * 8)) & 0xff;
}

// Parses the base64 once and hands crypto-js the salt and ciphertext as they are (given the string,
// it would decode the base64 a second time); undefined when it is not that format.
function saltedParams(value: string): CipherParams | undefined {
  let text = value;
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    // OpenSSL's command line wraps base64 at 64 columns; the portal's value has no whitespace, so
    // the common case scans the text once.
    text = text.replace(/\s+/g, '');
    if (text === value || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  }
  const raw = Base64.parse(text);
  const body = raw.sigBytes - 16;
  if (raw.words[0] !== SALTED[0] || raw.words[1] !== SALTED[1] || body < 16 || body % 16 !== 0) return undefined;
  const { WordArray, CipherParams } = Core.lib;
  return CipherParams.create({
    salt: WordArray.create(raw.words.slice(2, 4), 8),
    ciphertext: WordArray.create(raw.words.slice(4), body),
  });
}

// Strips valid PKCS#7 padding in place; false when the padding is wrong (almost always the sign of
// a wrong passphrase).
function unpadPkcs7(plain: WordArray): boolean {
  const n = plain.sigBytes;
  const pad = n > 0 ? byteAt(plain.words, n - 1) : 0;
  if (pad < 1 || pad > 16 || pad > n) return false;
  for (let i = n - pad; i < n; i++) if (byteAt(plain.words, i) !== pad) return false;
  plain.sigBytes = n - pad;
  return true;
}

function decryptText(ciphertext: string, passphrase: string): string {
  const params = saltedParams(ciphertext);
  if (!params) failed();
  let plain: string;
  try {
    const bytes = AES.decrypt(params, passphrase, { padding: KEEP_PADDING });
    if (!unpadPkcs7(bytes)) failed();
    plain = Utf8.stringify(bytes);
  } catch {
    failed();
  }
  return plain;
}

/**
 * Decrypts the portal's CTI value and parses it with {@link parseCti}. Pure: no storage access,
 * synchronous. `ciphertext` is what `CryptoJS.AES.encrypt(JSON.stringify(cti), passphrase).toString()`
 * returns (OpenSSL "Salted__" format, base64; AES-256-CBC, key and iv by EVP_BytesToKey with MD5).
 *
 * @throws BridgeError `INVALID_ARGUMENT` (ciphertext not a string, passphrase missing),
 *   `DECRYPT_FAILED` (not that format, wrong passphrase, damaged value),
 *   `INVALID_CTI` (decrypts, but is not JSON or not a CTI object). Messages never hold the
 *   passphrase nor any decrypted data.
 * @example
 * const cti = decryptCti(localStorage.getItem('CTI') ?? '', PASSPHRASE)
 * openCustomer(cti.guid, cti.parAndValues.values.idcustomer)
 */
export function decryptCti(ciphertext: string, passphrase: string): Cti {
  if (typeof ciphertext !== 'string') invalid(OP, 'ciphertext must be a string');
  if (typeof passphrase !== 'string' || passphrase === '') invalid(OP, 'passphrase is required');
  const plain = decryptText(ciphertext, passphrase);
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    badCti(OP, 'the decrypted CTI is not JSON');
  }
  return parseCti(value);
}
