// Fuzz test of the built decryptCti (spec 4.1), beyond property-cti: any CTI object and passphrase
// round-trip through crypto-js's AES.encrypt (the portal's own call) to the CTI parseCti reads from the
// object; the same ciphertext under any other passphrase is DECRYPT_FAILED (never data, never another
// code), and no message holds either passphrase.
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import CryptoJS from 'crypto-js';
import fc from 'fast-check';
import { decryptCti, isBridgeError, parseCti } from '../../dist/cti.js';

const SEED = process.env.FC_SEED === undefined ? 20261204 : Number(process.env.FC_SEED);
const plain = (v) => JSON.parse(JSON.stringify(v));
const pass = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.constantFrom(' ', 'x', 'contraseña-🔑'))
  .filter((p) => p === p.toWellFormed());
const cti = fc.record({
  Guid: fc.uuid(), Campaign: fc.string(), Callerid: fc.oneof(fc.string(), fc.nat()), ParAndValues: fc.string(),
  Answer: fc.constantFrom('TRUE', 'FALSE'), Dialer: fc.option(fc.record({ campaign: fc.string({ minLength: 1 }), status: fc.constant(1), contact: fc.nat(), dialerbase: fc.string() }), { nil: undefined }),
  extraField: fc.jsonValue({ maxDepth: 2 }), ['__proto__']: fc.string(),
}, { requiredKeys: ['Guid'] });

test('fuzz: decryptCti(AES.encrypt(cti, p), p) reads as parseCti(cti); any other passphrase is DECRYPT_FAILED and never shown', (t) => {
  let wrong = 0;
  fc.assert(fc.property(cti, pass, pass, (value, p, q) => {
    const ciphertext = CryptoJS.AES.encrypt(JSON.stringify(value), p).toString();
    assert.deepStrictEqual(plain(decryptCti(ciphertext, p)), plain(parseCti(JSON.parse(JSON.stringify(value)))));
    if (p === q) return;
    wrong++;
    assert.throws(() => decryptCti(ciphertext, q), (e) => isBridgeError(e, 'DECRYPT_FAILED') && [p, q].every((x) => x.length < 8 || !e.message.includes(x)));
  }), { seed: SEED, numRuns: 1500, includeErrorInReport: true });
  t.diagnostic(`${wrong} wrong passphrases`);
});

test('a value without the "Salted__" header is a foreign value: DECRYPT_FAILED, even when the rest would decrypt', () => {
  const p = 'portal-passphrase';
  const good = CryptoJS.AES.encrypt('{"Guid":"g-1"}', p).toString();
  assert.equal(decryptCti(good, p).guid, 'g-1');
  const bytes = Buffer.from(good, 'base64');
  bytes.write('NotSalt_', 0, 'latin1');
  assert.throws(() => decryptCti(bytes.toString('base64'), p), (e) => isBridgeError(e, 'DECRYPT_FAILED'));
});

test('PKCS#7 padding longer than a block (32 spaces) is DECRYPT_FAILED, though the text without it is a valid CTI', () => {
  const p = 'portal-passphrase';
  const salt = CryptoJS.lib.WordArray.random(8);
  const text = `{"Guid":"g-2"}${' '.repeat(18)}`; // 32 bytes: two whole blocks
  const kdf = CryptoJS.algo.EvpKDF.create({ keySize: 12 }).compute(p, salt);
  const key = CryptoJS.lib.WordArray.create(kdf.words.slice(0, 8), 32);
  const iv = CryptoJS.lib.WordArray.create(kdf.words.slice(8, 12), 16);
  const enc = CryptoJS.AES.encrypt(CryptoJS.enc.Utf8.parse(text + ' '.repeat(32)), key, { iv, padding: CryptoJS.pad.NoPadding });
  const forged = CryptoJS.lib.CipherParams.create({ ciphertext: enc.ciphertext, salt }).toString(CryptoJS.format.OpenSSL);
  assert.equal(JSON.parse(text).Guid, 'g-2');
  assert.throws(() => decryptCti(forged, p), (e) => isBridgeError(e, 'DECRYPT_FAILED'));
});
