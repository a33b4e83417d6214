// README, Install: the browsers the built files run in. The files the browser entries ship (every
// ES module and chunk, every script-tag file) are checked against that claim: their syntax parses as
// ES2020 (the build's target), no regular expression uses a lookbehind, and no built-in newer than the
// oldest browser named is called (a list of the usual suspects; structuredClone, Array.prototype.at,
// Error's cause and Object.hasOwn (Chromium 93, Firefox 92, Safari 15.4) are within it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Linter } from 'eslint';

const DIST = new URL('../../dist/', import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

// Built-ins that came after Chromium 98, Firefox 94 or Safari 15.4.
const NEWER = [
  /\bAbortSignal\.(timeout|any)\(/, /\.throwIfAborted\(/, /\.(findLast|findLastIndex|toSorted|toReversed|toSpliced)\(/,
  /\bArray\.fromAsync\b/, /\bPromise\.withResolvers\b/, /\b(Object|Map)\.groupBy\b/, /\bcrypto\.randomUUID\b/, /\bIntl\.Segmenter\b/,
  /\.(isWellFormed|toWellFormed)\(/, /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/,
  /\bIntl\.supportedValuesOf\b/, /\bResponse\.json\(/, /\bURL\.(canParse|parse)\(/, /\.bytes\(\)/, /\bIterator\.from\b/,
  /\.(fromBase64|toBase64|fromHex|toHex)\(/, /\b(Error\.isError|RegExp\.escape|Promise\.try)\b/,
];
// A lookbehind (`(?<=`, `(?<!`) is ES2018 syntax, so an ES2020 parser takes it, but Safari has it
// only from 16.4: before, the whole file is a SyntaxError and defines nothing. ESLint's selector
// finds it in a regular expression literal (a `(` escaped by a backslash is no group; after an
// escaped backslash it is).
const LOOKBEHIND = { selector: String.raw`Literal[regex.pattern=/(^|[^\\])(\\\\)*\(\?<[=!]/]`, message: 'a lookbehind (Safari 16.4)' };

test('the README names the browsers the built files run in', () => {
  assert.match(readme, /Browsers: .*Chromium 98.*Firefox 94.*Safari 15\.4/);
});

test('the lookbehind check finds one in a regular expression, not a named group or an escaped parenthesis', () => {
  const found = new Linter().verify(String.raw`/(?<=a)b/u; /(?<!a)b/; /(?<n>a)\(?<=b/; /\\(?<=c)/; '(?<=';`,
    { languageOptions: { ecmaVersion: 2020 }, rules: { 'no-restricted-syntax': ['error', LOOKBEHIND] } });
  assert.deepEqual(found.map((m) => [m.message, m.column]), [['a lookbehind (Safari 16.4)', 1], ['a lookbehind (Safari 16.4)', 13], ['a lookbehind (Safari 16.4)', 41]]);
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
    // ESLint's parser with one rule: a syntax error or a lookbehind is reported.
    const fatal = linter.verify(code, {
      languageOptions: { ecmaVersion: 2020, sourceType: file.includes('.iife.') ? 'script' : 'module' },
      rules: { 'no-restricted-syntax': ['error', LOOKBEHIND] },
    });
    assert.deepEqual(fatal.map((m) => m.message), [], file);
    for (const api of NEWER) assert.doesNotMatch(code, api, file);
  }
});
