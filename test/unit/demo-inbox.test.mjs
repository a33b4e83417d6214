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

// The shape real Inbox answers have, as a uContact X form-project knowledge base documents them from
// live interactions (per channel) and the platform's own base projects read them: `form` is the
// URL the project is published at (`https://<instance>/forms/<Project>/`, the base main.js and
// App.vue take the project's name from the path), every channel sends `startDate` and `answerDate`,
// a call's `data` mixes the platform's own variables with the list's columns, a webchat has no
// `data` at all (its fields are in `extraInfo.customFields`: a form that reads `data.X` there
// breaks), and a text channel sends the conversation so far in `messages`.
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const byChannel = (c) => INTERACTIONS.find((x) => x.interaction.channel === c).interaction;

test('the simulated interactions have the fields real Inbox answers have, per channel', () => {
  for (const { interaction: i } of INTERACTIONS) {
    const url = new URL(i.form);
    assert.equal(url.protocol, 'https:', i.channel);
    assert.match(url.pathname, /^\/forms\/[^/]+\/$/, i.channel);
    assert.match(i.startDate, DATE, i.channel);
    assert.match(i.answerDate, DATE, i.channel);
    assert.ok(i.answerDate >= i.startDate, i.channel);
  }
  const call = byChannel('telephony');
  assert.deepEqual(['DIALED_NUMBER', 'direction', 'isTransfer', 'DIALEDPEERNUMBER', 'MEMBERNAME'].filter((k) => !(k in call.data)), []);
  assert.match(call.data.isTransfer, /^(true|false)$/);
  assert.equal(typeof call.holdTime, 'number');
  const chat = byChannel('webchat');
  assert.equal('data' in chat, false);
  assert.equal(typeof chat.extraInfo.customFields, 'object');
  const wa = byChannel('whatsapp');
  assert.ok(Array.isArray(wa.messages) && wa.messages.length > 0);
  assert.equal(typeof wa.lastMessage.id, 'number');
  assert.equal(wa.messages.at(-1).id, wa.lastMessage.id);
  assert.equal(wa.messages.at(-1).text, wa.lastMessage.text);
});

// `lastMessage.source` is who wrote last, as in real answers: the agent's user or a flow's bot step
// (never a fixed 'client' on every channel). A public form takes the agent's login from it first
// (`lastMessage.source || source || agent || user`): where the agent wrote last, that is the agent.
test("the simulated interactions' lastMessage.source is who wrote last: the agent's user, or a bot step", () => {
  const login = (i) => i.lastMessage?.source || i.source || i.agent || i.user;
  for (const channel of ['telephony', 'webchat', 'email']) {
    const i = byChannel(channel);
    assert.equal(i.lastMessage.source, i.user, channel);
    assert.equal(login(i), i.agent, channel);
  }
  const wa = byChannel('whatsapp');
  assert.match(wa.lastMessage.source, /^[A-Z][A-Za-z]+$/, 'a bot step name');
  assert.notEqual(wa.lastMessage.source, wa.user);
  // The list shows the last message of a text conversation.
  for (const { interaction: i, preview } of INTERACTIONS) if (i.lastMessage.text !== undefined) assert.equal(preview, i.lastMessage.text, i.channel);
  for (const { interaction: i } of INTERACTIONS) assert.ok(i.lastMessage.date >= i.startDate, i.channel);
});
