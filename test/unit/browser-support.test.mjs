// README, Install: the browsers the built files run in. The files the browser entries ship (every
// ES module and chunk, every script-tag file) are checked against that claim: their syntax parses as
// ES2020 (the build's target), and no built-in newer than the oldest browser named is called (a
// list of the usual suspects; structuredClone, Array.prototype.at and Error's cause are within it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Linter } from 'eslint';

const DIST = new URL('../../dist/', import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

// Built-ins that came after Chromium 98, Firefox 94 or Safari 15.4.
const NEWER = [
  /\bObject\.hasOwn\(/, /\bAbortSignal\.(timeout|any)\(/, /\.throwIfAborted\(/, /\.(findLast|findLastIndex|toSorted|toReversed|toSpliced)\(/,
  /\bArray\.fromAsync\b/, /\bPromise\.withResolvers\b/, /\b(Object|Map)\.groupBy\b/, /\bcrypto\.randomUUID\b/, /\bIntl\.Segmenter\b/,
  /\.(isWellFormed|toWellFormed)\(/, /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/,
];

test('the README names the browsers the built files run in', () => {
  assert.match(readme, /Browsers: .*Chromium 98.*Firefox 94.*Safari 15\.4/);
});

test('every built browser file parses as ES2020 and calls no built-in newer than the browsers the README names', () => {
  const files = [
    ...readdirSync(DIST).filter((f) => f.endsWith('.js')),
    ...readdirSync(new URL('chunks/', DIST)).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`),
  ];
  assert.ok(files.some((f) => f.includes('.iife.min.')) && files.some((f) => f.startsWith('chunks/')), files.join());
  const linter = new Linter();
  for (const file of files) {
    const code = readFileSync(new URL(file, DIST), 'utf8');
    // ESLint's parser with no rule: only a syntax error is reported.
    const fatal = linter.verify(code, { languageOptions: { ecmaVersion: 2020, sourceType: file.includes('.iife.') ? 'script' : 'module' } });
    assert.deepEqual(fatal.map((m) => m.message), [], file);
    for (const api of NEWER) assert.doesNotMatch(code, api, file);
  }
});
