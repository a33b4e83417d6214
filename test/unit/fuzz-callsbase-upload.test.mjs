// Fuzz test of the built calls-base uploader (spec 6): for any records, chunk size and record source
// (array, iterable, async iterable), the chunks' files decoded and concatenated are exactly the lines
// formatCallsBaseRecord writes, one per record, each ended by a line break; each chunk's `cant` is
// its line count, its name is the filename (one chunk) or `<name>-<n>`; a bad record is refused
// naming the record and the field, never the value, and (for an array) before anything is sent.
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createUContactClient, formatCallsBaseRecord, isBridgeError } from '../../dist/http.js';

const SEED = process.env.FC_SEED === undefined ? 20261204 : Number(process.env.FC_SEED);
const TOKEN = Buffer.from('supervisor:0b7e4c1a-5f0e-4c9b-9a51-2f3d6c7e8a92').toString('base64');
globalThis.captureSecret(TOKEN);

const phone = fc.stringMatching(/^\+?\d{1,20}$/);
const UNSAFE = /[;:=\r\n]/;
// Well-formed text of any script (astral characters included), the format's separators sometimes.
const word = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '' && !UNSAFE.test(s)) },
  { weight: 1, arbitrary: fc.constantFrom('a;b', 'a:b', 'a=b', 'a\nb', 'ñandú', '名前', '🙂👍', 'x'.repeat(300)) },
);
const typed = fc.record({ type: fc.constantFrom('M', 'W', 'H', 'P', 'U'), retries: fc.integer({ min: 0, max: 9999 }), number: phone });
const contact = fc.record({
  phone: fc.oneof({ weight: 20, arbitrary: phone }, { weight: 1, arbitrary: fc.constantFrom('099 123', '', '+') }),
  data: fc.oneof(fc.dictionary(word, fc.oneof(fc.constant(''), word), { maxKeys: 4 }),
    fc.array(fc.tuple(word, word), { maxLength: 3 }).map((p) => p.map((kv) => kv.join('=')).join(':'))),
  alternatives: fc.array(fc.oneof(phone, typed), { maxLength: 3 }),
  priority: fc.integer({ min: 1, max: 9999 }),
}, { requiredKeys: ['phone'] });
const source = fc.constantFrom('array', 'iterable', 'async');
const wrap = (kind, list) => (kind === 'array' ? list
  : kind === 'iterable' ? { *[Symbol.iterator]() { yield* list; } } : { async *[Symbol.asyncIterator]() { yield* list; } });

/** A client whose uploadbase stores every chunk's fields. */
function uploader() {
  const chunks = [];
  const uc = createUContactClient({
    baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, retry: { attempts: 1 },
    fetch: async (url, init) => {
      if (new URL(url).pathname.endsWith('auth/getUserToken')) return new Response(JSON.stringify(TOKEN));
      chunks.push(Object.fromEntries(new URLSearchParams(init.body)));
      return new Response('1');
    },
  });
  return { uc, chunks };
}

/** The line of `r`, or the error formatCallsBaseRecord gives for it. */
function lineOf(campaign, r, progressive, index) {
  try {
    return { line: formatCallsBaseRecord(campaign, r, { progressive, index }) };
  } catch (e) {
    assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e?.name}: ${e?.message}`);
    return { error: e };
  }
}

test('fuzz: uploaded chunks concatenate to the lines of the records, chunk by chunk; a bad record is named, never shown', async (t) => {
  const seen = { uploaded: 0, refused: 0, chunks: 0 };
  await fc.assert(fc.asyncProperty(fc.array(contact, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), source, fc.boolean(), word,
    async (list, chunkSize, kind, progressive, campaign) => {
      const records = progressive ? list.map((r) => ({ ...r, agentPhone: '1001' })) : list;
      const lines = records.map((r, i) => lineOf(campaign, r, progressive, i));
      const { uc, chunks } = uploader();
      let result;
      try {
        result = await uc.uploadCallsBase({ campaign, filename: 'base_1', records: wrap(kind, records), chunkSize, progressive });
      } catch (e) {
        assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e?.name} ${e?.code}: ${e?.message}`);
        seen.refused++;
        const bad = lines.findIndex((l) => l.error);
        if (UNSAFE.test(campaign) || campaign.trim() === '' || records.length === 0) {
          assert.equal(chunks.length, 0);
          return;
        }
        assert.ok(bad >= 0, `refused a valid upload: ${e.message}`);
        assert.match(e.message, new RegExp(`records\\[${bad}\\]`));
        for (const r of [records[bad]]) for (const v of Object.values(r)) if (typeof v === 'string' && v.length >= 5) assert.equal(e.message.includes(v), false);
        // Only whole chunks before the bad record's chunk went out (none for an array: checked first).
        const before = kind === 'array' ? 0 : Math.floor(bad / chunkSize);
        assert.equal(chunks.length, before);
        const text = chunks.map((c) => Buffer.from(c.fileb64, 'base64').toString('utf8')).join('');
        assert.equal(text, lines.slice(0, before * chunkSize).map((l) => `${l.line}\n`).join(''));
        return;
      }
      seen.uploaded++;
      seen.chunks += chunks.length;
      assert.ok(lines.every((l) => l.line !== undefined), 'an upload with a refused record went through');
      const expected = lines.map((l) => `${l.line}\n`);
      assert.equal(chunks.length, Math.ceil(records.length / chunkSize));
      let at = 0;
      chunks.forEach((c, i) => {
        const text = Buffer.from(c.fileb64, 'base64').toString('utf8');
        assert.equal(Buffer.from(text, 'utf8').toString('base64'), c.fileb64, 'the base64 of the UTF-8 text');
        const n = Math.min(chunkSize, records.length - at);
        assert.equal(text, expected.slice(at, at + n).join(''), `chunk ${i}`);
        assert.equal(c.cant, String(n));
        assert.equal(c.filename, chunks.length === 1 ? 'base_1' : `base_1-${i + 1}`);
        assert.equal(c.campaign, campaign);
        assert.equal(result.sent[i].first, at);
        at += n;
      });
      assert.deepEqual([result.uploaded, result.chunks, result.nextRecord, result.unsent], [records.length, chunks.length, records.length, 0]);
    }), { seed: SEED, numRuns: 1500, includeErrorInReport: true });
  t.diagnostic(JSON.stringify(seen));
  assert.ok(seen.uploaded > 100 && seen.refused > 20);
});
