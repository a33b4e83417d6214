// Property tests of the `inbox` entry on the built bundle: the normaliser never throws and never
// loses a field, whatever it is given; flags and text fields are read by one rule; and no message
// (any value, from any window and origin) throws out of the client's `message` listener or settles
// a call, unless it is a well-formed answer from the parent window at an allowed origin. Seeds are
// fixed (override with FC_SEED).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { connectInbox, normalizeInteraction } from '../../dist/inbox.js';
import { INTERACTIONS } from '../../demo/inbox/interactions.mjs';
import { FakeWindow, deliver } from './helpers/fake-window.mjs';

const SEED = process.env.FC_SEED === undefined ? 20261124 : Number(process.env.FC_SEED);
const TEXT = ['guid', 'interactionId', 'campaign', 'clientId', 'clientName', 'agent', 'user', 'source', 'form'];
const KNOWN = [...TEXT, 'channel', 'lastMessage', 'stored_values', 'extraInfo', 'data'];
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

// Any value, with the shapes the Inbox sends mixed in: section 7's field names, JSON text,
// "true"/"false", __proto__ keys, nested objects.
const key = fc.oneof(fc.constantFrom(...KNOWN, 'CHANNEL', 'ClientId', 'CAMPAIGN', 'CONTACT', 'customFields', '__proto__', 'constructor', 'toString'), fc.string());
const leaf = fc.oneof(
  fc.constantFrom('true', 'false', 'TRUE', 'False', '', '{', '[', '{"a":1}', '"{\\"b\\":2}"', 'null', ' true'),
  fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(),
);
const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array'), tie('json')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 8 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
  json: tie('object').map((o) => { try { return JSON.stringify(o) ?? ''; } catch { return ''; } }),
}));
const interactionLike = fc.record({
  channel: fc.oneof(fc.constantFrom('telephony', 'WhatsApp', 'webchat', 'sms', 'EMAIL', 'messenger', 'instagram', 'telegram'), anyValue),
  clientId: anyValue, clientName: anyValue, guid: anyValue, campaign: anyValue,
  stored_values: fc.oneof(fc.dictionary(key, leaf), anyValue),
  data: fc.oneof(fc.dictionary(key, leaf), fc.dictionary(key, anyValue), anyValue),
  extraInfo: fc.oneof(fc.record({ customFields: fc.oneof(fc.dictionary(key, leaf), fc.array(fc.record({ name: fc.string(), value: leaf })), anyValue) }), anyValue),
}, { requiredKeys: [] }).chain((base) => fc.dictionary(key, anyValue, { maxKeys: 4 }).map((more) => ({ ...more, ...base })));
const realMutated = fc.tuple(fc.constantFrom(...INTERACTIONS.map((x) => x.interaction)), fc.dictionary(key, anyValue, { maxKeys: 3 }))
  .map(([i, more]) => ({ ...structuredClone(i), ...more }));
const anything = fc.oneof(anyValue, interactionLike, realMutated, fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }));

const flagOf = (v) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v);

test('property: normalizeInteraction never throws and always gives the full shape', () => {
  fc.assert(fc.property(anything, (raw) => {
    const i = normalizeInteraction(raw);
    assert.equal(i.raw, raw);
    assert.ok(['telephony', 'whatsapp', 'webchat', 'sms', 'email', 'messenger', 'instagram', 'other'].includes(i.channel));
    assert.equal(typeof i.channelName, 'string');
    for (const k of TEXT) assert.ok(i[k] === undefined || typeof i[k] === 'string', k);
    for (const k of ['columns', 'storedValues', 'extra']) assert.equal(Object.getPrototypeOf(i[k]), null, k);
    assert.ok(Array.isArray(i.problems) && i.problems.every((p) => typeof p === 'string'));
    assert.equal(new Set(i.problems).size, i.problems.length);
    assert.equal({}.polluted, undefined);
  }), { seed: SEED, numRuns: 2000 });
});

test('property: no field is lost: every key of the interaction, of data and of stored_values has its place', () => {
  fc.assert(fc.property(fc.oneof(interactionLike, realMutated), (raw) => {
    const i = normalizeInteraction(raw);
    // Which key is read for each known field: the contract's spelling, else the first other one.
    const lower = new Map();
    for (const k of Object.keys(raw)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
    for (const n of KNOWN) if (own(raw, n)) lower.set(n.toLowerCase(), n);
    for (const k of Object.keys(raw)) {
      const knownName = KNOWN.find((n) => n.toLowerCase() === k.toLowerCase());
      // A key is read as a known field or kept, as sent, in extra.
      if (knownName && lower.get(k.toLowerCase()) === k) continue;
      assert.ok(own(i.extra, k), `extra keeps '${k}'`);
      assert.equal(i.extra[k], raw[k]);
    }
    for (const k of Object.keys(i.extra)) assert.ok(own(raw, k));
    const dataKey = lower.get('data');
    const data = dataKey === undefined ? undefined : raw[dataKey];
    if (isRecord(data)) {
      // Every key is a column but the one read as CAMPAIGN and the one read as CONTACT (a custom
      // field may then fill a column of that name).
      const taken = Object.keys(data).filter((k) => !own(i.columns, k) || !isDeepStrictEqual(i.columns[k], flagOf(data[k])));
      assert.ok(taken.every((k) => /^(campaign|contact)$/i.test(k)), `columns keep ${taken}`);
      assert.equal(new Set(taken.map((k) => k.toUpperCase())).size, taken.length);
      // A key taken out is where it was read: its value is `campaignInfo` or `contact` (JSON text
      // parsed), or the key is named in problems.
      for (const k of taken) {
        const got = /^campaign$/i.test(k) ? i.campaignInfo : i.contact;
        // What it may be: as sent, unescaped once, or parsed when it is object or list JSON.
        const parse = (t) => { try { return JSON.parse(t); } catch { return undefined; } };
        const sent = data[k];
        const candidates = [sent];
        if (typeof sent === 'string') {
          const once = sent.trim().startsWith('"') ? parse(sent) : undefined;
          for (const t of [sent, once]) {
            const parsed = typeof t === 'string' && /^\s*[[{]/.test(t) ? parse(t) : undefined;
            if (typeof t === 'string') candidates.push(t);
            if (parsed !== undefined) candidates.push(parsed);
          }
        }
        // Compared as JSON text (the reader's maps have no prototype; the arbitraries hold bigints).
        const json = (x) => JSON.stringify(x ?? null, (_key, y) => (typeof y === 'bigint' ? `${y}n` : y));
        assert.ok(candidates.some((c) => json(c) === json(got)) || i.problems.includes(`data.${k}`), `data.${k} is read or reported`);
      }
    }
    const storedKey = lower.get('stored_values');
    const stored = storedKey === undefined ? undefined : raw[storedKey];
    if (isRecord(stored)) for (const k of Object.keys(stored)) assert.deepEqual(i.storedValues[k], flagOf(stored[k]));
    // Every text field of section 7 is the value sent (numbers as text), or named in problems.
    for (const name of TEXT) {
      const k = lower.get(name.toLowerCase());
      const v = k === undefined ? undefined : raw[k];
      // A blank campaign says nothing (the stored one is read then, when there is one).
      if (name === 'campaign' && typeof v === 'string' && !v.trim()) {
        const storedCampaign = isRecord(raw[lower.get('stored_values')]) ? Object.entries(raw[lower.get('stored_values')])
          .filter(([key]) => key.toLowerCase() === 'interaction_campaign').map(([, x]) => x) : [];
        assert.ok(i.campaign === v || storedCampaign.some((x) => String(x) === i.campaign), 'a blank campaign, or the stored one');
      }
      else if (typeof v === 'string' || typeof v === 'number') assert.equal(i[name], String(v));
      else if (v != null) assert.ok(i.problems.includes(name), `${name} reported`);
      else if (name !== 'campaign') assert.equal(i[name], undefined);
    }
  }), { seed: SEED, numRuns: 1500 });
});

test('property: JSON text in CAMPAIGN/CONTACT is parsed back to what was written', () => {
  const jsonValue = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 0, maxKeys: 5 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }));
  fc.assert(fc.property(jsonValue, jsonValue, fc.boolean(), (campaign, contact, twice) => {
    const text = (v) => (twice ? JSON.stringify(JSON.stringify(v)) : JSON.stringify(v));
    const i = normalizeInteraction({ data: { CAMPAIGN: text(campaign), CONTACT: text(contact) } });
    // Compared as JSON: the parsed maps have no prototype, and -0 reads back as 0.
    assert.equal(JSON.stringify(i.campaignInfo), JSON.stringify(campaign));
    assert.equal(JSON.stringify(i.contact), JSON.stringify(contact));
    assert.deepEqual(i.problems, []);
  }), { seed: SEED, numRuns: 500 });
});

test('property: no message throws out of the listener or settles a call, unless it is the parent\'s well-formed answer', async () => {
  const INBOX = 'http://127.0.0.1:8080';
  const sender = fc.constantFrom('parent', 'sibling', 'self', 'null');
  const origin = fc.constantFrom(INBOX, 'http://localhost:9090', 'null', '');
  const message = fc.oneof(anything, fc.record({ action: fc.oneof(fc.constant('interaction'), anyValue), interaction: anything }, { requiredKeys: [] }));
  await fc.assert(fc.asyncProperty(fc.array(fc.tuple(sender, origin, message), { minLength: 1, maxLength: 6 }), async (messages) => {
    const inbox = new FakeWindow({ origin: INBOX });
    const form = new FakeWindow({ origin: INBOX, parent: inbox });
    const sibling = new FakeWindow({ origin: INBOX, parent: inbox });
    const client = connectInbox({ window: form, log: captureLog });
    let settled = false;
    const call = client.getInteraction({ timeoutMs: 600_000 }).then(() => { settled = true; }, (e) => { settled = e.code !== 'DESTROYED'; });
    let shouldSettle = false;
    for (const [who, from, data] of messages) {
      const source = { parent: inbox, sibling, self: form, null: null }[who];
      assert.doesNotThrow(() => deliver(form, { data, origin: from, source }));
      const valid = who === 'parent' && from === INBOX && isRecord(data) && data.action === 'interaction' &&
        (!data.interaction || data.interaction === 'null' || normalizeInteraction(data.interaction).problems[0] !== 'interaction');
      shouldSettle ||= valid;
    }
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, shouldSettle);
    client.destroy();
    await call;
    // The parent's answer of null's JSON text ('null'), which the runs may not draw, always tried.
  }), { seed: SEED, numRuns: 400, examples: [[[['parent', INBOX, { action: 'interaction', interaction: 'null' }]]]] });
});
