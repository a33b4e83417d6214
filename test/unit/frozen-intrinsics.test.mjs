// A page whose intrinsics are frozen (SES's lockdown() without its override taming, or a hardened
// page's own Object.freeze of the prototypes): every entry must still load, work, and fail with a
// BridgeError. Run in a child Node process, as freezing the prototypes is for the whole process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const dist = (file) => JSON.stringify(new URL(`../../dist/${file}`, import.meta.url).href);
const FREEZE = `
  for (const C of [Object, Array, Function, Error, TypeError, RangeError, SyntaxError, Promise, String, Number, Boolean,
    Symbol, RegExp, Date, Map, Set, WeakMap, ArrayBuffer, DataView, Uint8Array, Object.getPrototypeOf(Uint8Array)]) {
    Object.freeze(C.prototype);
    Object.freeze(C);
  }
  for (const o of [JSON, Math, Reflect]) Object.freeze(o);`;

/** Runs `body` (a module that prints JSON) after freezing the intrinsics; returns what it printed. */
function frozen(body) {
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', `${FREEZE}\n${body}`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cti/spec-example.json', import.meta.url), 'utf8'));

test('frozen intrinsics: the cti entry loads and decrypts the portal\'s CTI (crypto-js copies toString onto its types)', () => {
  const r = frozen(`
    const { decryptCti } = await import(${dist('cti.js')});
    const cti = decryptCti(${JSON.stringify(fixture.ciphertext)}, ${JSON.stringify(fixture.passphrase)});
    console.log(JSON.stringify({ guid: cti.guid, campaign: cti.campaign }));`);
  assert.deepEqual(r, { guid: fixture.expect.cti.guid, campaign: fixture.expect.cti.campaign });
});

test('frozen intrinsics: every entry fails with a BridgeError (its name was assigned over the frozen Error.prototype.name)', () => {
  const r = frozen(`
    const caught = (fn) => { try { fn(); return 'no error'; } catch (e) { return [e.name, e.code, e.message]; } };
    const portal = await import(${dist('index.js')});
    const cti = await import(${dist('cti.js')});
    const http = await import(${dist('http.js')});
    const inbox = await import(${dist('inbox.js')});
    const uphone = await import(${dist('uphone.js')});
    console.log(JSON.stringify([
      caught(() => portal.connectPortal({ allowedOrigin: 'https://a.example' })),
      caught(() => cti.decryptCti('U2FsdGVkX1', 'pass')),
      caught(() => http.createApiTokenClient({ baseUrl: 'https://a.example' })),
      caught(() => inbox.connectInbox({ timeout: 1 })),
      caught(() => uphone.embedUPhone({})),
      portal.isBridgeError(new portal.BridgeError('TIMEOUT', 'x: y')),
    ]));`);
  assert.deepEqual(r.slice(0, 5).map(([name, code]) => [name, code]), [
    ['BridgeError', 'INVALID_ARGUMENT'], ['BridgeError', 'DECRYPT_FAILED'], ['BridgeError', 'INVALID_ARGUMENT'],
    ['BridgeError', 'INVALID_ARGUMENT'], ['BridgeError', 'INVALID_ARGUMENT'],
  ], JSON.stringify(r));
  assert.equal(r[5], true);
});
