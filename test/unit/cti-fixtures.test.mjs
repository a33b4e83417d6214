// Known-answer tests: ciphertexts made by the full crypto-js package (scripts/gen-cti-fixtures.mjs)
// must decrypt with the built cti entry, which bundles only some crypto-js modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import CryptoJS from 'crypto-js';
import { decryptCti, isBridgeError } from '../../dist/cti.js';

const dir = new URL('../fixtures/cti/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
// Plain data for comparison: null-prototype maps become ordinary objects, undefined becomes null.
const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (x === undefined ? null : x)));

test('there are success and failure fixtures', () => {
  assert.ok(fixtures.length >= 19);
  assert.ok(fixtures.filter((f) => f.expect.cti).length >= 7);
  for (const code of ['DECRYPT_FAILED', 'INVALID_CTI']) assert.ok(fixtures.some((f) => f.expect.error === code));
});

for (const f of fixtures) {
  test(`fixture ${f.name}: ${f.description}`, () => {
    if (f.expect.cti) {
      const cti = decryptCti(f.ciphertext, f.passphrase);
      assert.deepEqual(plain(cti), f.expect.cti);
      assert.ok(Object.isFrozen(cti));
      return;
    }
    assert.throws(() => decryptCti(f.ciphertext, f.passphrase), (e) => {
      assert.ok(isBridgeError(e, f.expect.error), `${f.name}: got ${e?.code} ${e?.message}`);
      assert.equal(e.name, 'BridgeError');
      assert.equal('cause' in e, false, 'crypto and JSON errors are not attached');
      assert.equal(e.message.includes(f.passphrase), false);
      assert.equal(/\d{6,}/.test(e.message), false, 'no phone numbers in messages');
      return true;
    });
  });
}

test('the large fixture really is about 20 KB of JSON', () => {
  const big = fixtures.find((f) => f.name === 'large');
  assert.ok(JSON.stringify(big.plain).length > 18_000);
});

test('__proto__ keys stay data and pollute nothing', () => {
  const f = fixtures.find((x) => x.name === 'proto-keys');
  const cti = decryptCti(f.ciphertext, f.passphrase);
  assert.equal(Object.getPrototypeOf(cti.extra), null);
  assert.ok(Object.hasOwn(cti.extra, '__proto__'));
  assert.ok(Object.hasOwn(cti.dialer.extra, '__proto__'));
  assert.equal(cti.parAndValues.values.__proto__, 'x');
  assert.equal(cti.parAndValues.values.constructor, 'y');
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test('a wrong passphrase is DECRYPT_FAILED for many passphrases (never a raw crypto-js error)', () => {
  const ct = CryptoJS.AES.encrypt(JSON.stringify({ Guid: 'g', Campaign: 'c', Callerid: '099123456' }), 'right').toString();
  for (let i = 0; i < 300; i++) {
    assert.throws(() => decryptCti(ct, `wrong-${i}`), (e) => isBridgeError(e, 'DECRYPT_FAILED') && !e.message.includes(`wrong-${i}`));
  }
  assert.equal(decryptCti(ct, 'right').callerid, '099123456');
});

test('every damaged byte of a ciphertext is refused with a BridgeError', () => {
  const ct = CryptoJS.AES.encrypt(JSON.stringify({ Guid: 'g', Campaign: 'c', Callerid: '099123456' }), 'p').toString();
  const bytes = Buffer.from(ct, 'base64');
  for (let i = 16; i < bytes.length; i++) {
    const bad = Buffer.from(bytes);
    bad[i] ^= 0x5a;
    try {
      decryptCti(bad.toString('base64'), 'p');
      // Flipping a byte of a non-final block garbles two blocks; a pass would mean garbage was accepted.
      assert.fail(`byte ${i} flipped and still accepted`);
    } catch (e) {
      assert.ok(isBridgeError(e, 'DECRYPT_FAILED') || isBridgeError(e, 'INVALID_CTI'), `byte ${i}: ${e}`);
    }
  }
});

test('base64 wrapped on several lines (OpenSSL command-line style) is accepted', () => {
  const f = fixtures.find((x) => x.name === 'spec-example');
  const wrapped = f.ciphertext.match(/.{1,64}/g).join('\n');
  assert.deepEqual(plain(decryptCti(wrapped, f.passphrase)), f.expect.cti);
});

test('bad arguments are INVALID_ARGUMENT', () => {
  const f = fixtures.find((x) => x.name === 'spec-example');
  for (const [c, p] of [[f.ciphertext, ''], [f.ciphertext, undefined], [undefined, 'p'], [42, 'p']]) {
    assert.throws(() => decryptCti(c, p), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  }
});

test('decrypted bytes that are not UTF-8 are DECRYPT_FAILED; a BOM is kept (not JSON: INVALID_CTI), as with crypto-js', () => {
  const json = Buffer.from(JSON.stringify({ Guid: 'g', Campaign: 'c', Callerid: '099123456' }));
  const encrypt = (bytes) => CryptoJS.AES.encrypt(CryptoJS.enc.Hex.parse(bytes.toString('hex')), 'p').toString();
  for (const bad of [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80])]) {
    assert.throws(() => decryptCti(encrypt(Buffer.concat([json, bad])), 'p'), (e) => isBridgeError(e, 'DECRYPT_FAILED'));
  }
  assert.throws(() => decryptCti(encrypt(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json])), 'p'), (e) => isBridgeError(e, 'INVALID_CTI'));
  assert.equal(decryptCti(encrypt(json), 'p').callerid, '099123456');
});

test('characters outside base64 are DECRYPT_FAILED, before any decryption', () => {
  const f = fixtures.find((x) => x.name === 'spec-example');
  for (const c of ['*', '-', '_', 'é', '\u2028', '\0']) {
    const damaged = f.ciphertext.slice(0, 40) + c + f.ciphertext.slice(40);
    assert.throws(() => decryptCti(damaged, f.passphrase), (e) => isBridgeError(e, 'DECRYPT_FAILED'), JSON.stringify(c));
  }
});
