// The final check of `npm test`: every log event and error message captured while the unit and
// browser suites ran (test-results/captured/*.jsonl) is searched for the test suite's passphrases,
// passwords, tokens and phone numbers. None may appear; and something must have been captured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { PASSPHRASES, PASSWORDS, PHONES } from './support/secrets.mjs';

const DIR = new URL('../test-results/captured/', import.meta.url);

test('no passphrase, password, token or test phone number in any captured log event or error message', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'));
  const records = files.flatMap((f) => readFileSync(new URL(f, DIR), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  const texts = records.filter((r) => r.kind === 'log' || r.kind === 'error');
  const runtimeSecrets = records.filter((r) => r.kind === 'secret').map((r) => r.text).filter((s) => s.length >= 6);
  const secrets = [...new Set([...PASSPHRASES, ...PASSWORDS, ...PHONES, ...runtimeSecrets])];
  const leaks = [];
  for (const r of texts) for (const s of secrets) if (r.text.includes(s)) leaks.push(`${s.slice(0, 4)}… in ${r.kind}: ${r.text.slice(0, 120)}`);
  const counts = {
    files: files.length,
    logEvents: texts.filter((r) => r.kind === 'log').length,
    errors: texts.filter((r) => r.kind === 'error').length,
    secretsSearched: secrets.length,
    leaks: leaks.length,
  };
  console.log(`secrets check: ${JSON.stringify(counts)}`);
  assert.ok(counts.logEvents > 50 && counts.errors > 50, 'the suites must have captured events and errors');
  assert.deepEqual(leaks, []);
});
