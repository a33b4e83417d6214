// The interaction normaliser of the `inbox` entry (spec section 7), on the built bundle: one
// realistic interaction per channel (the simulator's own, demo/inbox/interactions.mjs), with every
// expectation written out by hand; then malformed and hostile values, none of which may throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeInteraction, INTERACTION_CHANNELS } from '../../dist/inbox.js';
import { INTERACTIONS } from '../../demo/inbox/interactions.mjs';

const byChannel = (c) => INTERACTIONS.find((x) => x.interaction.channel === c).interaction;
/** A plain copy (null-prototype maps compared by content). */
const plain = (v) => JSON.parse(JSON.stringify(v));
const isNullProto = (o) => Object.getPrototypeOf(o) === null;

test('the simulator has one interaction per channel of the contract', () => {
  assert.deepEqual(INTERACTIONS.map((x) => x.interaction.channel).sort(), [...INTERACTION_CHANNELS].sort());
});

test('telephony: text fields, columns with flags, CONTACT and CAMPAIGN parsed, stored values, unknown fields kept', () => {
  const raw = byChannel('telephony');
  const i = normalizeInteraction(raw);
  assert.equal(i.raw, raw);
  assert.deepEqual(Object.keys(i), [
    'channel', 'channelName', 'guid', 'interactionId', 'campaign', 'clientId', 'clientName', 'agent', 'user', 'source', 'form',
    'lastMessage', 'storedValues', 'extraInfo', 'columns', 'campaignInfo', 'contact', 'extra', 'problems', 'raw',
  ]);
  assert.deepEqual(plain({ ...i, raw: undefined }), {
    channel: 'telephony',
    channelName: 'telephony',
    guid: 'b1d6c0a2-5f3e-4c8b-9a71-2e4f6d8c0a13',
    interactionId: 'b1d6c0a2-5f3e-4c8b-9a71-2e4f6d8c0a13',
    campaign: 'Soporte<-',
    clientId: '099555014',
    clientName: 'Ana Pérez',
    agent: 'agent1001',
    user: 'agent1001',
    source: '099555014',
    form: 'https://acme.ucontactcloud.com/forms/Soporte/',
    lastMessage: { source: 'agent1001', type: 'call', date: '2026-11-24 10:42:07' },
    storedValues: { interaction_channel: 'telephony', interaction_campaign: 'Soporte<-', recording: true, transferred: false },
    // The call's own variables share `data` with the list's columns: all of them are columns.
    columns: {
      DIALED_NUMBER: '29001234', direction: 'inbound', isTransfer: false, DIALEDPEERNUMBER: '1001', MEMBERNAME: 'agent1001',
      Plan: 'Fibra 300', Deuda: '1520.50', Cliente_VIP: true, Ultima_visita: '2026-10-02',
    },
    campaignInfo: { name: 'Soporte<-', type: 'inbound', channel: 'telephony', queue: 'soporte', dispositions: true },
    contact: { id: 15422, name: 'Ana Pérez', phone: '099555014', email: 'ana.perez@example.com', vip: true },
    extra: { startDate: '2026-11-24 10:38:55', answerDate: '2026-11-24 10:39:26', holdTime: 0, queueTime: '00:00:31' },
    problems: [],
  });
  assert.equal(i.extraInfo, undefined);
  for (const map of [i.columns, i.storedValues, i.extra, i.contact, i.campaignInfo, i.lastMessage]) assert.ok(isNullProto(map));
});

test('whatsapp: CAMPAIGN escaped twice is read through both levels; top-level flags stay in extra as sent', () => {
  const i = normalizeInteraction(byChannel('whatsapp'));
  assert.equal(i.channel, 'whatsapp');
  assert.equal(i.clientId, '59899123456');
  assert.deepEqual(plain(i.campaignInfo), { name: 'Ventas WA', type: 'inbound', channel: 'whatsapp', queue: 'ventas wa', template: 'bienvenida_v2' });
  assert.deepEqual(plain(i.contact), { id: 20931, name: 'Martín Rodríguez', whatsapp: '59899123456', segment: 'residencial' });
  assert.deepEqual(plain(i.columns), { Plan: 'Fibra 100', Acepta_promos: false, Origen: 'landing-verano' });
  assert.deepEqual(plain(i.storedValues), { interaction_channel: 'whatsapp', interaction_campaign: 'Ventas WA', optIn: true });
  assert.deepEqual(plain(i.extra), {
    startDate: '2026-11-24 10:37:02', answerDate: '2026-11-24 10:38:51', messages: byChannel('whatsapp').messages, unread: 2, isNew: 'true',
  });
  assert.equal(i.extra.messages, byChannel('whatsapp').messages);
  assert.equal(i.lastMessage.id, 1108);
  assert.deepEqual(i.problems, []);
});

test('webchat: no data at all; the columns come from extraInfo.customFields, extraInfo is kept', () => {
  const i = normalizeInteraction(byChannel('webchat'));
  assert.equal(i.channel, 'webchat');
  assert.equal(i.clientId, 'visitor-8f3a2c');
  assert.equal(i.source, 'https://shop.example.com/checkout');
  assert.deepEqual(plain(i.columns), { Email: 'lucia.gomez@example.com', Pedido: 'A-88123', Acepta_terminos: true });
  assert.deepEqual(plain(i.extraInfo), {
    browser: 'Firefox 132', page: 'https://shop.example.com/checkout',
    customFields: { Email: 'lucia.gomez@example.com', Pedido: 'A-88123', Acepta_terminos: 'true' },
  });
  assert.equal(i.contact, undefined);
  assert.equal(i.campaignInfo, undefined);
  assert.deepEqual(plain(i.extra), { startDate: '2026-11-24 10:30:40', answerDate: '2026-11-24 10:31:02' });
  assert.deepEqual(i.problems, []);
});

test('email: clientId is an address; lastMessage and an unknown array field are kept', () => {
  const i = normalizeInteraction(byChannel('email'));
  assert.equal(i.channel, 'email');
  assert.equal(i.clientId, 'jorge.silva@example.com');
  assert.deepEqual(plain(i.lastMessage), { source: 'agent1001', subject: 'Re: Factura de noviembre', date: '2026-11-24 10:05:12', attachments: 1 });
  assert.deepEqual(plain(i.columns), { Numero_cliente: '11802', Factura: 'F-2026-11-0093', Reclamo_abierto: false });
  assert.deepEqual(plain(i.extra), { startDate: '2026-11-24 09:57:40', answerDate: '2026-11-24 10:02:13', cc: ['contabilidad@example.com'] });
  assert.equal(i.storedValues.hasAttachments, true);
  assert.equal(plain(i.contact).company, 'Silva & Hijos');
});

test('sms: a CONTACT that is not JSON is kept as its text, with no problem; TRUE is a flag', () => {
  const i = normalizeInteraction(byChannel('sms'));
  assert.equal(i.channel, 'sms');
  assert.equal(i.clientId, '098765432');
  assert.equal(i.contact, 'Carla Núñez');
  assert.deepEqual(plain(i.columns), { Visita: '2026-11-26 15:00:00', Confirmada: true, Tecnico: 'R. Ferreira' });
  assert.deepEqual(i.problems, []);
});

test('messenger and instagram: ids that are not phone numbers stay text', () => {
  const m = normalizeInteraction(byChannel('messenger'));
  assert.deepEqual([m.channel, m.clientId, m.source, plain(m.columns)], ['messenger', '7391028455126604', 'facebook-page-acme', { Sucursal: 'Centro' }]);
  const ig = normalizeInteraction(byChannel('instagram'));
  assert.deepEqual([ig.channel, ig.clientId, ig.clientName, plain(ig.columns)], ['instagram', 'ig-17841405822304914', '@sofi.design', { Seguidor: true }]);
  assert.equal(ig.storedValues.story_reply, true);
});

test('channel: any case; unknown channels are other with their name; absent falls back to stored_values', () => {
  assert.deepEqual(pick(normalizeInteraction({ channel: ' WhatsApp ' })), ['whatsapp', 'whatsapp']);
  assert.deepEqual(pick(normalizeInteraction({ channel: 'Telegram' })), ['other', 'telegram']);
  assert.deepEqual(pick(normalizeInteraction({})), ['other', '']);
  const fromStored = normalizeInteraction({ stored_values: { interaction_channel: 'SMS', interaction_campaign: 'Agenda->' } });
  assert.deepEqual([...pick(fromStored), fromStored.campaign], ['sms', 'sms', 'Agenda->']);
  // The interaction's own fields win over stored_values.
  const both = normalizeInteraction({ channel: 'email', campaign: 'A', stored_values: { interaction_channel: 'sms', interaction_campaign: 'B' } });
  assert.deepEqual([both.channel, both.campaign], ['email', 'A']);
  // An empty or blank channel says nothing: the stored one is read.
  for (const channel of ['', '  ']) {
    assert.deepEqual(pick(normalizeInteraction({ channel, stored_values: { interaction_channel: 'WhatsApp' } })), ['whatsapp', 'whatsapp']);
  }
  function pick(i) { return [i.channel, i.channelName]; }
});

test('field names in any letter case: the contract\'s spelling wins, else the first; other spellings are kept in extra', () => {
  const i = normalizeInteraction({ CHANNEL: 'sms', ClientID: '098765432', clientid: 'second-spelling', Data: { campaign: '{"a":1}', contact: '{"b":2}', X: 'y' } });
  assert.deepEqual([i.channel, i.clientId], ['sms', '098765432']);
  assert.deepEqual(plain(i.extra), { clientid: 'second-spelling' });
  assert.deepEqual([plain(i.campaignInfo), plain(i.contact), plain(i.columns)], [{ a: 1 }, { b: 2 }, { X: 'y' }]);
  const exact = normalizeInteraction({ CLIENTID: 'upper', clientId: 'exact' });
  assert.deepEqual([exact.clientId, plain(exact.extra)], ['exact', { CLIENTID: 'upper' }]);
});

test('numbers are read as text; values of another type are reported and left out, kept in raw', () => {
  const raw = { channel: 'telephony', clientId: 24005555, guid: { id: 1 }, clientName: true, agent: ['a'], campaign: null, user: undefined };
  const i = normalizeInteraction(raw);
  assert.equal(i.clientId, '24005555');
  assert.deepEqual([i.guid, i.clientName, i.agent, i.campaign, i.user], [undefined, undefined, undefined, undefined, undefined]);
  assert.deepEqual(i.problems, ['guid', 'clientName', 'agent']);
  assert.equal(i.raw, raw);
  assert.deepEqual(plain(i.extra), {});
});

test('flags: "true"/"false" in any case become booleans; anything else is kept as it is', () => {
  const i = normalizeInteraction({ data: { a: 'true', b: 'FALSE', c: 'True', d: ' true', e: 'yes', f: '1', g: true, h: 0, i: '' } });
  assert.deepEqual(plain(i.columns), { a: true, b: false, c: true, d: ' true', e: 'yes', f: '1', g: true, h: 0, i: '' });
});

test('CAMPAIGN / CONTACT: JSON text parsed, other text kept, broken JSON kept and reported, objects kept', () => {
  const i = normalizeInteraction({ data: { CAMPAIGN: '{"name":"Sales->"', CONTACT: '  [1, {"a": "b"}]' } });
  assert.equal(i.campaignInfo, '{"name":"Sales->"');
  assert.deepEqual(plain(i.contact), [1, { a: 'b' }]);
  assert.ok(isNullProto(i.contact[1]));
  assert.deepEqual(i.problems, ['data.CAMPAIGN']);
  const obj = { name: 'Sales->' };
  const j = normalizeInteraction({ data: { CAMPAIGN: obj, CONTACT: 'Ana' } });
  assert.equal(j.campaignInfo, obj);
  assert.equal(j.contact, 'Ana');
  assert.deepEqual(j.problems, []);
  // A JSON string literal is text, not an object to parse.
  assert.equal(normalizeInteraction({ data: { CONTACT: '"Ana"' } }).contact, '"Ana"');
});

// JSON text of null is what escaping an absent contact or campaign gives (JSON.stringify(null)): it
// reads as null, as the JSDoc says JSON text is parsed, so a form's `if (i.contact)` takes its manual
// path; before, `contact` was the truthy text 'null'. Text that merely starts with "null" is text.
test("CAMPAIGN / CONTACT: JSON text 'null' reads as null; text that starts with null is kept, not reported", () => {
  const i = normalizeInteraction({ channel: 'telephony', data: { CAMPAIGN: ' null', CONTACT: 'null', Plan: 'null' } });
  assert.equal(i.campaignInfo, null);
  assert.equal(i.contact, null);
  assert.equal(i.columns.Plan, 'null', 'a column is never parsed');
  assert.deepEqual(i.problems, []);
  const j = normalizeInteraction({ data: { CONTACT: 'nullable', CAMPAIGN: 'null x' } });
  assert.deepEqual([j.contact, j.campaignInfo, j.problems], ['nullable', 'null x', []]);
  assert.deepEqual(normalizeInteraction({ data: { CONTACT: 'nancy' } }).contact, 'nancy');
  // A customFields of null text is none, not a problem.
  const k = normalizeInteraction({ channel: 'webchat', extraInfo: { customFields: 'null' } });
  assert.deepEqual([plain(k.columns), k.problems], [{}, []]);
});

// Escaped twice, as an object is (a JSON string holding JSON text: parsed twice), an absent contact
// is '"null"' (JSON.stringify(JSON.stringify(null))): null too, not the truthy text with its quotes.
// A JSON string holding other text ('"Ana"', '"5"', '"nancy"') stays as sent.
test("CAMPAIGN / CONTACT: null escaped twice reads as null, as an object escaped twice is parsed; a quoted name stays as sent", () => {
  const twice = JSON.stringify(JSON.stringify(null));
  const i = normalizeInteraction({ data: { CAMPAIGN: twice, CONTACT: ` ${twice} ` } });
  assert.deepEqual([i.campaignInfo, i.contact, i.problems], [null, null, []]);
  const j = normalizeInteraction({ data: { CAMPAIGN: '"5"', CONTACT: '"nancy"' } });
  assert.deepEqual([j.campaignInfo, j.contact, j.problems], ['"5"', '"nancy"', []]);
});

test('CAMPAIGN / CONTACT: text that opens with a quote and is no JSON is kept as sent, not reported', () => {
  const i = normalizeInteraction({ data: { CAMPAIGN: '"Sales', CONTACT: '"Ana" <ana@example.com>' } });
  assert.equal(i.campaignInfo, '"Sales');
  assert.equal(i.contact, '"Ana" <ana@example.com>');
  assert.deepEqual(i.problems, []);
});

test('customFields as a list of {name, value}, or JSON text; a data column wins over a custom field', () => {
  const list = normalizeInteraction({ channel: 'webchat', extraInfo: { customFields: [{ name: 'Email', value: 'a@example.com' }, { key: 'VIP', value: 'true' }, { label: 'Plan', value: 'B' }, 'junk', { value: 'no name' }] }, data: { Plan: 'A' } });
  assert.deepEqual(plain(list.columns), { Plan: 'A', Email: 'a@example.com', VIP: true });
  assert.deepEqual(list.problems, ['extraInfo.customFields']);
  const nameless = normalizeInteraction({ extraInfo: { customFields: [{ name: 'A', value: '1' }, { value: 'no name' }] } });
  assert.deepEqual([plain(nameless.columns), nameless.problems], [{ A: '1' }, ['extraInfo.customFields']]);
  assert.deepEqual(plain(nameless.extraInfo.customFields[1]), { value: 'no name' }, 'kept where it was');
  const text = normalizeInteraction({ extraInfo: { customFields: '{"Pedido":"A-1"}' } });
  assert.deepEqual(plain(text.columns), { Pedido: 'A-1' });
  const bad = normalizeInteraction({ extraInfo: { customFields: 42 } });
  assert.deepEqual([plain(bad.columns), bad.problems], [{}, ['extraInfo.customFields']]);
});

test('customFields list entries named by label alone are columns too', () => {
  const i = normalizeInteraction({ extraInfo: { customFields: [{ label: 'Plan', value: 'B' }, { label: 'VIP', value: 'false' }] } });
  assert.deepEqual(plain(i.columns), { Plan: 'B', VIP: false });
  assert.deepEqual(i.problems, []);
});

test('maps given as JSON text are read; maps of the wrong type are reported', () => {
  const i = normalizeInteraction({ data: '{"Plan":"Gold","CONTACT":"{\\"id\\":1}"}', stored_values: '{"interaction_channel":"email"}' });
  assert.deepEqual([plain(i.columns), plain(i.contact), i.channel], [{ Plan: 'Gold' }, { id: 1 }, 'email']);
  const j = normalizeInteraction({ data: ['x'], stored_values: 'not json', lastMessage: 5, extraInfo: true });
  assert.deepEqual(j.problems, ['stored_values', 'data', 'extraInfo', 'lastMessage']);
  assert.deepEqual([plain(j.columns), plain(j.storedValues), j.lastMessage, j.extraInfo], [{}, {}, undefined, undefined]);
});

test('a whole interaction given as JSON text is read', () => {
  const raw = JSON.stringify(byChannel('email'));
  const i = normalizeInteraction(raw);
  assert.equal(i.channel, 'email');
  assert.equal(i.raw, raw);
  assert.deepEqual(i.problems, []);
});

test('not an interaction: every other value gives an empty interaction that names the problem', () => {
  for (const raw of [null, undefined, 42, 'text', '{broken', '[1,2]', [], [{ channel: 'sms' }], true, () => 1, Symbol('s'), 10n]) {
    const i = normalizeInteraction(raw);
    assert.equal(i.channel, 'other');
    assert.deepEqual(i.problems, ['interaction'], String(typeof raw));
    assert.equal(i.raw, raw);
    assert.deepEqual(plain(i.columns), {});
  }
});

test('__proto__, constructor and prototype keys pollute nothing and are kept as data', () => {
  const raw = JSON.parse(`{
    "__proto__": {"polluted": "top"}, "constructor": {"prototype": {"polluted": "ctor"}},
    "channel": "sms",
    "data": {"__proto__": {"polluted": "data"}, "CONTACT": "{\\"__proto__\\": {\\"polluted\\": \\"contact\\"}, \\"name\\": \\"x\\"}"},
    "stored_values": {"__proto__": "true"},
    "extraInfo": {"customFields": [{"name": "__proto__", "value": "custom"}]}
  }`);
  const i = normalizeInteraction(raw);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(i.extra, '__proto__').value, { polluted: 'top' });
  assert.deepEqual(Object.getOwnPropertyDescriptor(i.columns, '__proto__').value, { polluted: 'data' });
  assert.equal(Object.getOwnPropertyDescriptor(i.storedValues, '__proto__').value, true);
  assert.deepEqual(plain(Object.getOwnPropertyDescriptor(i.contact, '__proto__').value), { polluted: 'contact' });
  assert.ok(isNullProto(i.contact) && isNullProto(i.columns) && isNullProto(i.extra));
  assert.equal(i.contact.polluted, undefined);
  assert.equal(i.channel, 'sms');
  assert.deepEqual(Object.keys(i.extra).sort(), ['__proto__', 'constructor']);
});

test('getters and proxies that throw, and cycles: nothing throws, the unreadable fields are named', () => {
  const raw = { channel: 'sms', get clientId() { throw new Error('getter'); }, data: { Plan: 'A', get Bad() { throw new Error('x'); } } };
  const i = normalizeInteraction(raw);
  assert.equal(i.channel, 'sms');
  assert.deepEqual(i.problems, ['clientId', 'data.Bad']);
  assert.deepEqual(plain(i.columns), { Plan: 'A' });

  const keysThrow = new Proxy({}, { ownKeys() { throw new Error('keys'); } });
  assert.deepEqual(normalizeInteraction(keysThrow).problems, ['interaction']);
  assert.deepEqual(normalizeInteraction({ data: keysThrow }).problems, ['data']);

  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const r = normalizeInteraction(proxy);
  assert.deepEqual([r.channel, r.problems, r.raw], ['other', ['interaction'], proxy]);
  const nested = normalizeInteraction({ channel: 'email', data: proxy });
  assert.deepEqual(nested.problems, ['interaction'], 'a revoked proxy anywhere: nothing of the value is trusted');

  const cyclic = { channel: 'whatsapp', data: {} };
  cyclic.self = cyclic;
  cyclic.data.loop = cyclic;
  const c = normalizeInteraction(cyclic);
  assert.equal(c.extra.self, cyclic);
  assert.equal(c.columns.loop, cyclic);
});

test('an unreadable field whose key may be a phone number (five digits or more) is described, never named', () => {
  const boom = () => { throw new Error('getter'); };
  const raw = { channel: 'sms', data: { Plan: 'A' }, extraInfo: {} };
  Object.defineProperty(raw, '095987123', { enumerable: true, get: boom });
  Object.defineProperty(raw.data, 'tel_095_987_123', { enumerable: true, get: boom });
  Object.defineProperty(raw.data, 'note', { enumerable: true, get: boom });
  Object.defineProperty(raw.extraInfo, 'Nro. 1234', { enumerable: true, get: boom });
  const i = normalizeInteraction(raw);
  assert.deepEqual(i.problems, ['a field of interaction', 'a field of data', 'data.note', 'a field of extraInfo']);
  assert.deepEqual(plain(i.columns), { Plan: 'A' });
});

test('deeply nested or huge JSON text does not throw', () => {
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  const i = normalizeInteraction({ data: { CONTACT: deep, CAMPAIGN: '{"a":"' + 'x'.repeat(2_000_000) + '"}' } });
  assert.equal(typeof i, 'object');
  assert.equal(i.campaignInfo.a.length, 2_000_000);
});

test('the normaliser is pure: the raw value is never changed, and two results share no map', () => {
  // webchat: the columns built from extraInfo.customFields; telephony: CONTACT parsed from its text.
  const chat = structuredClone(byChannel('webchat'));
  const call = structuredClone(byChannel('telephony'));
  const before = JSON.stringify([chat, call]);
  const [a, b] = [normalizeInteraction(chat), normalizeInteraction(chat)];
  const [c, d] = [normalizeInteraction(call), normalizeInteraction(call)];
  a.columns.Email = 'changed';
  c.contact.name = 'changed';
  assert.equal(JSON.stringify([chat, call]), before);
  assert.equal(b.columns.Email, 'lucia.gomez@example.com');
  assert.equal(d.contact.name, 'Ana Pérez');
});

test('a blank campaign says nothing, as a blank channel: the stored one is read', () => {
  for (const campaign of ['', '  ']) {
    assert.equal(normalizeInteraction({ campaign, stored_values: { interaction_campaign: 'Y' } }).campaign, 'Y');
    // Nothing stored: the campaign stays as sent.
    assert.equal(normalizeInteraction({ campaign }).campaign, campaign);
  }
  assert.equal(normalizeInteraction({ campaign: 'X', stored_values: { interaction_campaign: 'Y' } }).campaign, 'X');
});

test('stored_values names in any case, as the top-level ones; storedValues keeps the keys as sent', () => {
  const i = normalizeInteraction({ stored_values: { Interaction_Channel: 'sms', INTERACTION_CAMPAIGN: 'Agenda->' } });
  assert.deepEqual([i.channel, i.campaign], ['sms', 'Agenda->']);
  assert.deepEqual(plain(i.storedValues), { Interaction_Channel: 'sms', INTERACTION_CAMPAIGN: 'Agenda->' });
  // The contract's spelling wins over another one.
  const both = normalizeInteraction({ stored_values: { INTERACTION_CHANNEL: 'email', interaction_channel: 'whatsapp' } });
  assert.equal(both.channel, 'whatsapp');
  const reversed = normalizeInteraction({ stored_values: { interaction_channel: 'whatsapp', INTERACTION_CHANNEL: 'email' } });
  assert.equal(reversed.channel, 'whatsapp', 'whatever the key order');
});

test('customFields given as JSON text of a list of {name, value} are read', () => {
  const i = normalizeInteraction({ channel: 'webchat', extraInfo: { customFields: '[{"name":"Email","value":"a@b"},{"key":"VIP","value":"true"}]' } });
  assert.deepEqual(plain(i.columns), { Email: 'a@b', VIP: true });
  assert.deepEqual(i.problems, []);
  assert.deepEqual(normalizeInteraction({ extraInfo: { customFields: '[{"name":' } }).problems, ['extraInfo.customFields']);
});

test('a column named Contact or Campaign in another case is a column, unless it is the only, JSON, spelling', () => {
  const a = normalizeInteraction({ data: { CONTACT: '{"id":1}', Contact: 'Juan Pérez' } });
  assert.deepEqual([plain(a.contact), plain(a.columns), a.problems], [{ id: 1 }, { Contact: 'Juan Pérez' }, []]);
  // Whatever the order of the keys.
  const b = normalizeInteraction({ data: { Campaign: 'Verano 2026', CAMPAIGN: '{"name":"Ventas"}', Plan: 'A' } });
  assert.deepEqual([plain(b.campaignInfo), plain(b.columns)], [{ name: 'Ventas' }, { Campaign: 'Verano 2026', Plan: 'A' }]);
  // No exact key: a JSON value (text or object) in another case is the field, any other value a column.
  const obj = { id: 2 };
  const c = normalizeInteraction({ data: { contact: obj, Campaign: 'Verano 2026' } });
  assert.deepEqual([c.contact, c.campaignInfo, plain(c.columns)], [obj, undefined, { Campaign: 'Verano 2026' }]);
  const d = normalizeInteraction({ data: { Contact: 'Ana', contact: '[1]' } });
  assert.deepEqual([plain(d.contact), plain(d.columns)], [[1], { Contact: 'Ana' }]);
});

test('an integer number past Number.MAX_SAFE_INTEGER is kept as its text and reported: it may have lost digits', () => {
  const raw = JSON.parse('{"channel":"instagram","clientId":17841405822304915,"guid":9007199254740991,"stored_values":{"interaction_campaign":1e21}}');
  const i = normalizeInteraction(raw);
  assert.equal(i.clientId, String(raw.clientId));
  assert.equal(i.guid, '9007199254740991');
  assert.equal(i.campaign, '1e+21');
  assert.deepEqual(i.problems, ['stored_values.interaction_campaign', 'clientId']);
  assert.deepEqual(normalizeInteraction({ clientId: 1.5, guid: -12 }).problems, []);
});
