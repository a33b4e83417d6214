// The simulated Inbox's conversation list (demo/inbox): the avatar's letters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTERACTIONS, initials } from '../../demo/inbox/interactions.mjs';

test('initials: the first letters of the first two words, upper case, punctuation and marks left out', () => {
  assert.equal(initials('Ana Pérez'), 'AP');
  assert.equal(initials('martín  rodríguez silva'), 'MR');
  assert.equal(initials('@sofi.design'), 'S');
  assert.equal(initials('Ñandú'), 'Ñ');
  assert.equal(initials('N\u0303andu Lopez'), 'NL');
  assert.deepEqual(INTERACTIONS.map(({ interaction }) => initials(interaction.clientName)), ['AP', 'MR', 'LG', 'JS', 'CN', 'PM', 'S']);
});

test('initials: a letter outside the BMP is taken whole, never half of it', () => {
  // U+1D400 MATHEMATICAL BOLD CAPITAL A and U+10428 DESERET SMALL LONG I: letters of two UTF-16 units.
  assert.equal(initials('\u{1D400}na P\u00e9rez'), '\u{1D400}P');
  assert.equal(initials('Ana \u{10428}ve'), 'A\u{10400}');
  assert.equal(initials('\u{10428}\u{10428} \u{1D400}'), '\u{10400}\u{1D400}');
  for (const name of ['\u{1D400}', 'a \u{1D400}', '\u{10428}x y']) assert.ok(initials(name).isWellFormed(), name);
});

test("initials: a name without a letter gives '?'", () => {
  for (const name of ['', '   ', '099 555 014', '+598-99-555-014', '\u{1F600}']) assert.equal(initials(name), '?');
});
