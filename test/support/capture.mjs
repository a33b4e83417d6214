// Preloaded into every unit test process (node --test --import): records every BridgeError
// message the built library creates, every event passed to `globalThis.captureLog` (the tests' log
// hooks), and the tokens and passwords that cross `fetch`, then writes them to
// test-results/captured/<pid>.jsonl for the final secrets check (test/secrets-check.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { BridgeError } from '../../dist/index.js';

const records = [];
const DIR = new URL('../../test-results/captured/', import.meta.url);

// The library assigns `this.code` in the BridgeError constructor, after `super(message)`: a setter
// on the prototype sees every error made by this process's copy of the library.
Object.defineProperty(BridgeError.prototype, 'code', {
  configurable: true,
  set(value) {
    records.push({ kind: 'error', code: value, text: this.message });
    Object.defineProperty(this, 'code', { value, writable: true, enumerable: true, configurable: true });
  },
});

/** A log hook for the tests: `connectPortal({ log: captureLog })`, `createUContactClient({ log: captureLog })`. */
globalThis.captureLog = (event) => records.push({ kind: 'log', text: JSON.stringify(event) });

/** Tells the secrets check about a secret a test saw (a token issued at run time). */
globalThis.captureSecret = (value) => records.push({ kind: 'secret', text: String(value) });

// Tokens and passwords travel through fetch: remember them as secrets to look for.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const auth = new Headers(init.headers ?? {}).get('authorization');
  if (auth) globalThis.captureSecret(auth.replace(/^(?:Basic|Bearer)\s+/i, ''));
  if (typeof init.body === 'string' || init.body instanceof URLSearchParams) {
    const pw = new URLSearchParams(String(init.body)).get('password');
    if (pw) globalThis.captureSecret(pw);
  }
  return realFetch(input, init);
};

process.on('exit', () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(new URL(`unit-${process.pid}.jsonl`, DIR), records.map((r) => JSON.stringify(r)).join('\n'));
});
