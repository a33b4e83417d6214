// The calls-base writer (spec section 6) and uploadCallsBase: format, refusals, chunking, progress,
// the Buffer-less base64 path, and a 300,000-record streamed upload with bounded memory.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { server, uc, useRestSimulator } from './helpers/rest-server.mjs';
import { createUContactClient, formatCallsBaseRecord, isBridgeError } from '../../dist/http.js';

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const uploads = () => server.sim.state.log.filter((e) => e.path === 'Dialers/uploadbase');

useRestSimulator({ credentials: USER });

describe('formatCallsBaseRecord', () => {
  test('non-progressive line: campaign;phone;data;alternatives;priority', () => {
    const line = formatCallsBaseRecord('Sales->', {
      phone: '099123456', data: { idcustomer: '7', name: 'Ana' },
      alternatives: [{ type: 'H', retries: 0, number: '999555555' }, { type: 'W', retries: 2, number: '999666666' }, '098111222'],
      priority: 1,
    });
    assert.equal(line, 'Sales->;099123456;idcustomer=7:name=Ana;H=0=999555555:W=2=999666666:098111222;1');
    assert.equal(formatCallsBaseRecord('Sales->', { phone: '099123456' }), 'Sales->;099123456;;;');
  });
  test('null options are no options, as for every call of the library and parseCti(value, null)', () => {
    // Before: 'formatCallsBaseRecord: options must be an object'.
    assert.equal(formatCallsBaseRecord('Sales->', { phone: '099123456', priority: 2 }, null), 'Sales->;099123456;;;2');
  });
  test('progressive line adds ;agentPhone', () => {
    assert.equal(formatCallsBaseRecord('Prog', { phone: '099123456', priority: 9999, agentPhone: '1001' }, { progressive: true }),
      'Prog;099123456;;;9999;1001');
  });
  const refusals = [
    ['; in data', { phone: '099123456', data: { name: 'a;b' } }, {}, /records\[4\]\.data\.name/],
    [': in data', { phone: '099123456', data: { name: 'a:b' } }, {}, /records\[4\]\.data\.name/],
    ['= in data', { phone: '099123456', data: { name: 'a=b' } }, {}, /records\[4\]\.data\.name/],
    ['line break in data', { phone: '099123456', data: { name: 'a\nb' } }, {}, /records\[4\]\.data\.name/],
    ['= in a data key', { phone: '099123456', data: { 'a=b': 'x' } }, {}, /records\[4\]\.data key/],
    ['bad phone', { phone: '099-123' }, {}, /records\[4\]\.phone/],
    ['bad alternative type', { phone: '099123456', alternatives: [{ type: 'X', retries: 0, number: '1' }] }, {}, /alternatives\[0\]\.type/],
    ['bad alternative number', { phone: '099123456', alternatives: ['12;3'] }, {}, /alternatives\[0\]/],
    ['alternative retries 10000', { phone: '099123456', alternatives: ['098111222', { type: 'H', retries: 10000, number: '1' }] }, {}, /records\[4\]\.alternatives\[1\]\.retries/],
    ['alternative retries as text', { phone: '099123456', alternatives: [{ type: 'H', retries: '1', number: '1' }] }, {}, /alternatives\[0\]\.retries/],
    ['alternative retries 1.5', { phone: '099123456', alternatives: [{ type: 'H', retries: 1.5, number: '1' }] }, {}, /alternatives\[0\]\.retries/],
    ['alternative without its number', { phone: '099123456', alternatives: [{ type: 'H', retries: 0 }] }, {}, /alternatives\[0\]\.number/],
    ['alternative with an unknown key', { phone: '099123456', alternatives: [{ type: 'H', retries: 0, number: '1', note: 'x' }] }, {}, /alternatives\[0\]\.note/],
    // A key Object.prototype has is still unknown (the quick path's key check reads own keys of the spec only).
    ['a record key named as an Object.prototype member', { phone: '099123456', constructor: 'x' }, {}, /unknown key 'records\[4\]\.constructor'/],
    ['an alternative key named as an Object.prototype member', { phone: '099123456', alternatives: [{ type: 'H', retries: 0, number: '1', toString: 'x' }] }, {}, /alternatives\[0\]\.toString/],
    ['a hole in alternatives', { phone: '099123456', alternatives: ['098111222', , '1'] }, {}, /alternatives\[1\]/], // eslint-disable-line no-sparse-arrays
    ['an empty data key', { phone: '099123456', data: { '': 'x' } }, {}, /records\[4\]\.data key 0/],
    ['priority 0', { phone: '099123456', priority: 0 }, {}, /records\[4\]\.priority/],
    ['priority 10000', { phone: '099123456', priority: 10000 }, {}, /records\[4\]\.priority/],
    ['agentPhone missing (progressive)', { phone: '099123456' }, { progressive: true }, /agentPhone/],
    ['agentPhone when not progressive', { phone: '099123456', agentPhone: '1001' }, {}, /agentPhone/],
  ];
  for (const [what, record, options, field] of refusals) {
    test(`refuses ${what}, naming the record index, never the value`, () => {
      assert.throws(() => formatCallsBaseRecord('Sales->', record, { ...options, index: 4 }), (e) => {
        assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'));
        assert.match(e.message, field);
        assert.ok(!e.message.includes('099123456') && !e.message.includes('a;b'));
        return true;
      });
    });
  }
  test('checks what it writes: a getter read twice cannot put another value in the line', () => {
    const flip = (first, then) => {
      let n = 0;
      return () => (n++ ? then : first);
    };
    const number = flip('999555555', '1;evil');
    const name = flip('Ana', 'x;evil');
    const line = formatCallsBaseRecord('Sales->', {
      phone: '099123456',
      data: { get name() { return name(); } },
      alternatives: [{ type: 'H', retries: 0, get number() { return number(); } }],
    });
    assert.equal(line, 'Sales->;099123456;name=Ana;H=0=999555555;');
  });
  test('a key only Object.prototype has is neither refused nor written (a record, a typed alternative)', () => {
    Object.prototype.note = 'x';
    try {
      for (const record of [{ phone: '099123456' }, { phone: '099123456', alternatives: [{ type: 'H', retries: 0, number: '1' }] }]) {
        // record() reads own keys only: the inherited key is not written and the record is taken as its own keys say.
        assert.equal(formatCallsBaseRecord('Sales->', record), `Sales->;099123456;;${record.alternatives ? 'H=0=1' : ''};`);
      }
    } finally {
      delete Object.prototype.note;
    }
  });
  test('reads a record as record() does: own keys only, the alternatives by their iterator', () => {
    const refused = (record, options, field) => assert.throws(() => formatCallsBaseRecord('Sales->', record, { ...options, index: 4 }),
      (e) => isBridgeError(e, 'INVALID_ARGUMENT') && field.test(e.message));
    // A class's getters are not own keys: record() does not see them.
    refused(new (class { get phone() { return '099123456'; } })(), {}, /records\[4\]\.phone is required/);
    refused({ phone: '099123456', alternatives: [new (class { get type() { return 'H'; } get retries() { return 0; } get number() { return '1'; } })()] }, {},
      /records\[4\]\.alternatives\[0\]\.type, records\[4\]\.alternatives\[0\]\.retries, records\[4\]\.alternatives\[0\]\.number are required/);
    // Nor a non-enumerable value on Object.prototype.
    for (const [key, value] of [['agentPhone', '555'], ['priority', 5]]) {
      Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
      try {
        if (key === 'agentPhone') refused({ phone: '099123456' }, { progressive: true }, /agentPhone is required/);
        else assert.equal(formatCallsBaseRecord('Sales->', { phone: '099123456' }), 'Sales->;099123456;;;');
      } finally {
        delete Object.prototype[key];
      }
    }
    // The alternatives as Array.from gives them (the rule's reading).
    const alts = ['098111222'];
    alts[Symbol.iterator] = function* () { yield '099000000'; };
    assert.equal(formatCallsBaseRecord('Sales->', { phone: '099123456', alternatives: alts }), 'Sales->;099123456;;099000000;');
    // The data's own keys only: an enumerable key of its prototype is not written.
    const data = Object.assign(Object.create({ inherited: 'x' }), { id: '7' });
    assert.equal(formatCallsBaseRecord('Sales->', { phone: '099123456', data }), 'Sales->;099123456;id=7;;');
  });
  test('refuses a campaign that would corrupt the line', () => {
    assert.throws(() => formatCallsBaseRecord('a;b', { phone: '099123456' }), { code: 'INVALID_ARGUMENT' });
  });
});

describe('uploadCallsBase', () => {
  const records = (n, from = 0) => Array.from({ length: n }, (_, i) => ({ phone: String(99000000 + from + i), data: { id: String(from + i) } }));

  test('one chunk keeps the file name; fields and content as the spec says', async () => {
    const recs = records(3);
    const result = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'base_2026-11', records: recs });
    assert.deepEqual(result, {
      uploaded: 3, chunks: 1, filenames: ['base_2026-11'], stored: ['base_2026-11'], refused: [], unknown: [],
      sent: [{ filename: 'base_2026-11', first: 0, records: 3, outcome: 'stored' }], nextRecord: 3, unsent: 0,
    });
    const text = recs.map((r) => `Promo->;${r.phone};id=${r.data.id};;`).join('\n') + '\n';
    assert.deepEqual(server.sim.state.bases, [{
      filename: 'base_2026-11', campaign: 'Promo->', username: 'supervisor', cant: 3, lines: 3, progressive: false, timezone: null, sha256: sha256(text),
    }]);
  });

  test('chunks, suffixed names, progress, time zone, progressive', async () => {
    const progress = [];
    const recs = records(7).map((r) => ({ ...r, agentPhone: '1001' }));
    const result = await uc.uploadCallsBase({
      campaign: 'Prog', filename: 'base', records: recs, chunkSize: 3, timeZone: 'America/Montevideo', progressive: true,
      onProgress: (p) => progress.push(p),
    });
    assert.deepEqual(result.filenames, ['base-1', 'base-2', 'base-3']);
    assert.deepEqual(result.sent.map((c) => [c.first, c.records]), [[0, 3], [3, 3], [6, 1]]);
    assert.deepEqual(progress, [{ uploaded: 3, chunks: 1 }, { uploaded: 6, chunks: 2 }, { uploaded: 7, chunks: 3 }]);
    assert.deepEqual(server.sim.state.bases.map((b) => [b.filename, b.cant, b.timezone, b.progressive]), [
      ['base-1', 3, 'America/Montevideo', true], ['base-2', 3, 'America/Montevideo', true], ['base-3', 1, 'America/Montevideo', true],
    ]);
  });

  test('a time zone in another letter case is sent in its IANA spelling (a server may look it up case-sensitively)', async () => {
    await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'tz', records: records(1), timeZone: 'america/MONTEVIDEO' });
    await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'tz2', records: records(1), timeZone: 'utc' });
    assert.deepEqual(server.sim.state.bases.map((b) => b.timezone), ['America/Montevideo', 'UTC']);
  });

  test('the options are read once, before the first chunk: a later change (a getter, onProgress) cannot fail a later chunk', async () => {
    let reads = 0;
    const options = { get timeoutMs() { reads += 1; return reads > 1 ? 'soon' : 5000; } };
    const result = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'base', records: records(7), chunkSize: 3 }, options);
    assert.deepEqual([result.chunks, result.uploaded, reads], [3, 7, 1]);
  });

  test('checkFileName: false keeps any safe name; the suffix goes before the extension', async () => {
    const result = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'Résumé base.csv', records: records(3), chunkSize: 2, checkFileName: false });
    assert.deepEqual(result.stored, ['Résumé base-1.csv', 'Résumé base-2.csv']);
    assert.deepEqual(server.sim.state.bases.map((b) => b.filename), result.stored);
  });

  test('a bad record in an array: nothing is sent', async () => {
    const recs = records(10);
    recs[7] = { phone: '099123456', data: { note: 'x;y' } };
    const before = server.sim.state.log.length;
    await assert.rejects(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'b', records: recs, chunkSize: 2 }),
      (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /records\[7\]\.data\.note/.test(e.message));
    assert.equal(server.sim.state.log.length, before);
  });

  test('bad arguments refused before anything is sent', async () => {
    for (const args of [
      { campaign: 'D', filename: 'b', records: [] },
      { campaign: 'D', filename: 'a/b.csv', records: records(1), checkFileName: false },
      { campaign: 'D', filename: 'b', records: records(1), timeZone: 'Mars/Olympus' },
      { campaign: 'D', filename: 'b', records: records(1), chunkSize: 0 },
      { campaign: 'D', filename: 'b', records: 'not records' },
      { campaign: 'D', filename: 'b', records: records(1), checkFileName: 'no' },
    ]) await assert.rejects(uc.uploadCallsBase(args), { code: 'INVALID_ARGUMENT' });
    assert.equal(uploads().length, 0);
    // Bad options are refused first, before an iterable of records is read at all.
    let pulled = 0;
    async function* counted() {
      for (const r of records(3)) {
        pulled++;
        yield r;
      }
    }
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: counted() }, { timeoutMs: -1 }),
      (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /timeoutMs/.test(e.message));
    assert.equal(pulled, 0);
    assert.equal(uploads().length, 0);
  });

  test('a failing chunk stops the upload and says how far it got; no retry', async () => {
    server.sim.faults.fail({ path: 'Dialers/uploadbase', skip: 1 });
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: records(5), chunkSize: 2 }),
      (e) => isBridgeError(e, 'HTTP_ERROR') && e.status === 500 && /1 chunks stored, 0 refused, 1 unknown/.test(e.message) &&
        e.upload.nextRecord === 4 && e.upload.unsent === 1);
    assert.equal(uploads().length, 2);
  });

  test('Buffer gone mid-upload: the writer keeps the encoder it picked at the start, same UTF-8 base64', async () => {
    // Node's fetch itself needs the global Buffer: hide it only between the last record and the
    // request, when the chunk is base64-encoded (the browser path is the next test).
    const saved = globalThis.Buffer;
    let hidden = false;
    async function* records() {
      yield { phone: '099123456', data: { name: 'José Ñandú', city: '東京' } };
      globalThis.Buffer = undefined;
      hidden = true;
    }
    const fetchWithBuffer = (url, init) => {
      globalThis.Buffer = saved;
      return fetch(url, init);
    };
    const c = createUContactClient({ baseUrl: server.url, credentials: USER, fetch: fetchWithBuffer });
    try {
      await c.uploadCallsBase({ campaign: 'D', filename: 'u', records: records() });
    } finally {
      globalThis.Buffer = saved;
    }
    assert.ok(hidden);
    assert.equal(server.sim.state.bases[0].sha256, sha256('D;099123456;name=José Ñandú:city=東京;;\n'));
  });

  test('without Buffer from the start (browser path): chunks larger than the encoder\'s piece and first buffer, byte-exact', async () => {
    // The chunk writer picks its encoder when the upload starts: hide Buffer from then until the
    // first request (Node's fetch needs it), and check chunks that outgrow the writer's first
    // buffer (3 × 65,536 bytes) with 2- and 3-byte characters across piece boundaries.
    const saved = globalThis.Buffer;
    const rec = (i) => ({ phone: String(90000000 + i), data: { id: String(i), note: `José Ñandú 東京 ${'x'.repeat(i % 97)}` } });
    const lineOf = (i) => `D;${90000000 + i};id=${i}:note=José Ñandú 東京 ${'x'.repeat(i % 97)};;\n`;
    const N = 5000;
    const CHUNK = 3000;
    const fetchWithBuffer = (url, init) => {
      globalThis.Buffer = saved;
      return fetch(url, init);
    };
    const c = createUContactClient({ baseUrl: server.url, credentials: USER, fetch: fetchWithBuffer });
    globalThis.Buffer = undefined;
    try {
      await c.uploadCallsBase({ campaign: 'D', filename: 'u', records: Array.from({ length: N }, (_, i) => rec(i)), chunkSize: CHUNK });
    } finally {
      globalThis.Buffer = saved;
    }
    const text = (from, to) => Array.from({ length: to - from }, (_, i) => lineOf(from + i)).join('');
    assert.ok(text(0, CHUNK).length > 3 * 65_536 / 2, 'the first chunk outgrows the first buffer');
    assert.deepEqual(server.sim.state.bases.map((b) => b.sha256), [sha256(text(0, CHUNK)), sha256(text(CHUNK, N))]);
  });

  test('300,000 records from an async generator: streamed, heap bounded', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    const N = 300_000;
    const CHUNK = 10_000;
    const line = (i) => `Promo->;${90000000 + i};id=${i}:name=Customer;H=0=${98000000 + i};${1 + (i % 9999)}`;
    let textBytes = 0;
    // Warm up (fetch machinery, login, code paths) so the baseline holds no one-off allocations.
    await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'warm', records: records(2) });
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const sample = () => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    };
    async function* generate() {
      for (let i = 0; i < N; i++) {
        if (i % 10_000 === 0) sample();
        textBytes += line(i).length + 1;
        yield { phone: String(90000000 + i), data: { id: String(i), name: 'Customer' }, alternatives: [{ type: 'H', retries: 0, number: String(98000000 + i) }], priority: 1 + (i % 9999) };
      }
    }
    const result = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'big', records: generate(), chunkSize: CHUNK, onProgress: sample }, { timeoutMs: 60_000 });
    assert.equal(result.uploaded, N);
    assert.equal(result.chunks, N / CHUNK);
    const bases = server.sim.state.bases.filter((b) => b.filename.startsWith('big-'));
    assert.equal(bases.reduce((n, b) => n + b.lines, 0), N);
    assert.ok(bases.every((b) => b.cant === CHUNK));
    // All in memory, a naive upload holds at least the whole text and its base64.
    const naive = textBytes + Math.ceil(textBytes / 3) * 4;
    if (process.env.SHOW_PEAK) process.stderr.write(`peak ${peak} naive ${naive}\n`);
    assert.ok(peak < naive / 3, `retained heap peak ${(peak / 1e6).toFixed(1)} MB vs naive ${(naive / 1e6).toFixed(1)} MB`);
  });
});
