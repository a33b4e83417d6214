// uploadCallsBase tells the truth, on the built client against the simulator: by chunk file name,
// which chunks were stored, refused (`0`, a 4xx: not stored) or unknown (the answer was lost: may
// have been stored), and how many records were never sent; the report is the result, and also the
// `upload` of the error when an upload stops part way. File names follow the portal's rules.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { server, uc, useRestSimulator } from './helpers/rest-server.mjs';
import { createUContactClient, isBridgeError } from '../../dist/http.js';
import { track } from './helpers/track.mjs';

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const PATH = 'Dialers/uploadbase';
const records = (n) => Array.from({ length: n }, (_, i) => ({ phone: String(99000000 + i), data: { id: String(i) } }));
const stored = () => server.sim.state.bases.map((b) => b.filename);
const sentChunks = () => server.sim.state.log.filter((e) => e.path === PATH).length;

async function stops(promise) {
  const e = await promise.then(() => assert.fail('expected the upload to stop'), (err) => err);
  assert.ok(isBridgeError(e), `${e?.name}: ${e?.message}`);
  assert.equal(e.operation, 'uploadCallsBase');
  return e;
}

useRestSimulator({ credentials: USER });

describe('the report', () => {
  test('every chunk stored', async () => {
    const r = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(5), chunkSize: 2 });
    assert.deepEqual(r, {
      uploaded: 5, chunks: 3, filenames: ['nov-1', 'nov-2', 'nov-3'], stored: ['nov-1', 'nov-2', 'nov-3'], refused: [], unknown: [],
      sent: [
        { filename: 'nov-1', first: 0, records: 2, outcome: 'stored' }, { filename: 'nov-2', first: 2, records: 2, outcome: 'stored' },
        { filename: 'nov-3', first: 4, records: 1, outcome: 'stored' },
      ],
      nextRecord: 5, unsent: 0,
    });
  });

  test('a chunk the server refused (0): refused, not stored; the rest never sent', async () => {
    server.sim.faults.body({ body: '0', path: PATH, skip: 1 });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(7), chunkSize: 2 }));
    assert.equal(e.code, 'API_ERROR');
    assert.deepEqual([e.upload.stored, e.upload.refused, e.upload.unknown, e.upload.nextRecord, e.upload.unsent], [['nov-1'], ['nov-2'], [], 4, 3]);
    // uploaded and chunks count the stored chunks only: the refused one was sent, not stored.
    assert.deepEqual([e.upload.uploaded, e.upload.chunks, e.upload.filenames], [2, 1, ['nov-1']]);
    assert.deepEqual(stored(), ['nov-1']);
    assert.match(e.message, /upload stopped: 1 chunks stored, 1 refused, 0 unknown \(may have been stored\); the first 4 records were sent/);
  });

  test('a 4xx answer is a refusal too', async () => {
    server.sim.faults.fail({ status: 413, path: PATH, skip: 1 });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(4), chunkSize: 2 }));
    assert.deepEqual([e.code, e.upload.refused, e.upload.unknown], ['HTTP_ERROR', ['nov-2'], []]);
  });

  test('400, the lowest 4xx, is a refusal', async () => {
    server.sim.faults.fail({ status: 400, path: PATH, skip: 1 });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(4), chunkSize: 2 }));
    assert.deepEqual([e.code, e.status, e.upload.refused, e.upload.unknown], ['HTTP_ERROR', 400, ['nov-2'], []]);
  });

  test('credentials refused (401, a new login, 401 again): UNAUTHORIZED, a refusal, not stored', async () => {
    server.sim.faults.fail({ status: 401, path: PATH, skip: 1, count: 2 });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(4), chunkSize: 2 }));
    assert.deepEqual([e.code, e.upload.stored, e.upload.refused, e.upload.unknown, e.upload.nextRecord], ['UNAUTHORIZED', ['nov-1'], ['nov-2'], [], 4]);
    assert.deepEqual(stored(), ['nov-1']);
  });

  const lost = [
    ['a 500 after storing', () => server.sim.faults.fail({ path: PATH, skip: 1, after: true }), 'HTTP_ERROR', {}],
    ['a reset after storing', () => server.sim.faults.drop({ path: PATH, skip: 1, after: true }), 'NETWORK_ERROR', {}],
    ['a reset mid-answer', () => server.sim.faults.drop({ path: PATH, skip: 1, after: true, midBody: true }), 'NETWORK_ERROR', {}],
    // Generous times: under load the first chunk must still fit in timeoutMs, the second never.
    ['an answer later than timeoutMs', () => server.sim.faults.delay({ ms: 1500, path: PATH, skip: 1, after: true }), 'TIMEOUT', { timeoutMs: 700 }],
    ['a redirect after storing', () => server.sim.faults.redirect({ location: 'http://localhost:9/x', path: PATH, skip: 1, after: true }), 'REDIRECT_REFUSED', {}],
  ];
  for (const [label, arm, code, options] of lost) {
    test(`${label}: the chunk is unknown (it was in fact stored), never called "not uploaded"`, async () => {
      await uc.campaignsSummary(); // logged in: the chunks' time is their own
      arm();
      const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(5), chunkSize: 2 }, options));
      assert.equal(e.code, code);
      assert.deepEqual([e.upload.stored, e.upload.refused, e.upload.unknown, e.upload.nextRecord, e.upload.unsent], [['nov-1'], [], ['nov-2'], 4, 1]);
      // Let a held answer finish, so nothing of this test reaches the next one.
      await new Promise((r) => setTimeout(r, options.timeoutMs ? 1000 : 100));
      assert.deepEqual(stored(), ['nov-1', 'nov-2'], 'the unknown chunk is on the server');
      assert.equal(sentChunks(), 2, 'never retried');
    });
  }

  test('aborted between chunks: the next chunk was never sent, so it is in no list', async () => {
    const ctl = new AbortController();
    const e = await stops(uc.uploadCallsBase({
      campaign: 'Promo->', filename: 'nov', records: records(6), chunkSize: 2, onProgress: () => ctl.abort(),
    }, { signal: ctl.signal }));
    assert.equal(e.code, 'ABORTED');
    assert.deepEqual([e.upload.stored, e.upload.refused, e.upload.unknown, e.upload.sent.length, e.upload.nextRecord, e.upload.unsent],
      [['nov-1'], [], [], 1, 2, 4]);
    assert.equal(sentChunks(), 1);
  });

  test('a chunk that never reached fetch (its login refused) is in no list: not "refused", nor "unknown" (may have been stored)', async () => {
    const paths = [];
    const client = createUContactClient({ baseUrl: 'https://acme.example', credentials: USER, fetch: async (url) => {
      paths.push(new URL(url).pathname);
      return new Response('', { status: 403 });
    } });
    const e = await stops(client.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(3), chunkSize: 2 }));
    // A login refused (403) is UNAUTHORIZED: of the chunks sent, a refusal; this one was not sent.
    assert.equal(e.code, 'UNAUTHORIZED');
    assert.deepEqual([e.upload.stored, e.upload.refused, e.upload.unknown, e.upload.sent, e.upload.nextRecord], [[], [], [], [], 0]);
    assert.deepEqual(paths, ['/Integra/resources/auth/getUserToken'], 'only the login went out');
  });

  test('aborted while the records iterable waits for its next record: ABORTED at once with the report, the iterable closed', async () => {
    const ctl = new AbortController();
    let waiting;
    let release;
    let closed = false;
    async function* gen() {
      try {
        for (const r of records(3)) yield r;
        // The source waits (a queue, a cursor): here until the test releases it.
        await new Promise((r) => { release = r; waiting(); });
        yield* records(2);
      } finally {
        closed = true;
      }
    }
    const reached = new Promise((r) => { waiting = r; });
    const upload = track(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: gen(), chunkSize: 2 }, { signal: ctl.signal }));
    await reached;
    ctl.abort();
    for (let i = 0; i < 5 && !upload.settled; i++) await new Promise((r) => setImmediate(r));
    assert.equal(upload.settled, true, 'the aborted upload waited for its records');
    const e = upload.e;
    assert.ok(isBridgeError(e, 'ABORTED') && e.operation === 'uploadCallsBase', `${e?.code}`);
    assert.deepEqual([e.upload.stored, e.upload.sent.length, e.upload.nextRecord, e.upload.unsent], [['nov-1'], 1, 2, undefined]);
    assert.equal(sentChunks(), 1);
    release();
    for (let i = 0; i < 5 && !closed; i++) await new Promise((r) => setImmediate(r));
    assert.equal(closed, true, 'the records iterable was left open');
    assert.equal(sentChunks(), 1, 'a chunk went out after the abort');
  });

  test('an iterable: the records never sent are not counted (the rest was never read), nextRecord says where to resume', async () => {
    let read = 0;
    async function* gen() {
      for (const r of records(9)) {
        read++;
        yield r;
      }
    }
    server.sim.faults.fail({ path: PATH, skip: 1, after: true });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: gen(), chunkSize: 3 }));
    assert.deepEqual([e.upload.unknown, e.upload.nextRecord, e.upload.unsent], [['nov-2'], 6, undefined]);
    assert.equal(read, 7, 'the iterable was not drained to count what is left');
  });

  test('an iterable read to its end: unsent is known (0: every record went out, the last chunk refused or not)', async () => {
    function* gen(n) {
      yield* records(n);
    }
    const r = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: gen(5), chunkSize: 2 });
    assert.deepEqual([r.stored.length, r.nextRecord, r.unsent], [3, 5, 0]);
    server.sim.faults.fail({ path: PATH, skip: 2 });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'dec', records: gen(5), chunkSize: 2 }));
    assert.deepEqual([e.upload.stored, [...e.upload.refused, ...e.upload.unknown], e.upload.nextRecord, e.upload.unsent], [['dec-1', 'dec-2'], ['dec-3'], 5, 0]);
  });

  test('a bad record in an iterable stops the upload with the report of what was stored', async () => {
    async function* gen() {
      yield* records(4);
      yield { phone: '099123456', data: { note: 'a;b' } };
    }
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: gen(), chunkSize: 2 }));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.match(e.message, /records\[4\]\.data\.note/);
    assert.deepEqual([e.upload.stored, e.upload.nextRecord], [['nov-1', 'nov-2'], 4]);
    assert.ok(!e.message.includes('a;b'));
  });

  test('resuming as the README says sends every record exactly once', async () => {
    const all = records(7);
    server.sim.faults.fail({ path: PATH, skip: 1, after: true });
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: all, chunkSize: 2 }));
    // 1. `unknown` chunks: look them up in uContact (here: the simulator's state) before sending again.
    const onServer = new Set(stored());
    const again = e.upload.sent.filter((c) => c.outcome !== 'stored' && !onServer.has(c.filename))
      .flatMap((c) => all.slice(c.first, c.first + c.records));
    // 2. The records never sent, under a new file name.
    await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov_rest', records: [...again, ...all.slice(e.upload.nextRecord)], chunkSize: 2 });
    assert.equal(server.sim.state.bases.reduce((n, b) => n + b.lines, 0), all.length);
    assert.deepEqual(stored(), ['nov-1', 'nov-2', 'nov_rest-1', 'nov_rest-2']);
  });
});

describe('file names: the portal\'s rules', () => {
  const refused = [
    ['51 characters', 'a'.repeat(51), 1],
    ['a leading R', 'Rnov', 1],
    ['a dot', 'nov.csv', 1],
    ['a space', 'nov base', 1],
    ['a non-ASCII letter', 'noviembre_ñ', 1],
    ['50 characters, but a chunk suffix makes 52', 'a'.repeat(50), 3],
  ];
  for (const [label, filename, n] of refused) {
    test(`${label}: INVALID_ARGUMENT before anything is sent`, async () => {
      const e = await uc.uploadCallsBase({ campaign: 'Promo->', filename, records: records(n), chunkSize: 1 }).catch((err) => err);
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'));
      assert.match(e.message, /^uploadCallsBase: filename must be at most 50 characters of A-Z a-z 0-9 _ - \(chunk suffix included\) and not start with R/);
      assert.equal(sentChunks(), 0);
    });
  }

  test('50 characters and one chunk, or 48 and nine chunks, are fine; the tenth suffix stops an iterable with the report', async () => {
    await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'b'.repeat(50), records: records(2) });
    // Exactly chunkSize records make one chunk, under its plain name: no suffix to make room for.
    const full = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'd'.repeat(50), records: records(2), chunkSize: 2 });
    assert.deepEqual(full.stored, ['d'.repeat(50)]);
    const name = 'c'.repeat(48);
    async function* gen() {
      yield* records(11);
    }
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: name, records: gen(), chunkSize: 1 }));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.upload.stored.length, 9);
    assert.equal(e.upload.stored.at(-1), `${name}-9`);
  });

  test('checkFileName: false skips the portal\'s rules (still no path or field separators)', async () => {
    const r = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'Rnov base.csv', records: records(1), checkFileName: false });
    assert.deepEqual(r.stored, ['Rnov base.csv']);
    await assert.rejects(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'a;b', records: records(1), checkFileName: false }), { code: 'INVALID_ARGUMENT' });
    // A name over 200 characters (a clean one) is refused with a message that says so.
    await assert.rejects(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'n'.repeat(201), records: records(1), checkFileName: false }),
      { code: 'INVALID_ARGUMENT', message: 'uploadCallsBase: filename must be at most 200 characters, with no / \\ ; : or control characters' });
    assert.deepEqual((await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'n'.repeat(200), records: records(1), checkFileName: false })).chunks, 1);
  });

  test('a name whose only dot is its first character takes the chunk suffix at its end', async () => {
    const r = await uc.uploadCallsBase({ campaign: 'Promo->', filename: '.base', records: records(2), chunkSize: 1, checkFileName: false });
    assert.deepEqual(r.stored, ['.base-1', '.base-2']);
  });

  test('an array whose last chunk name would be too long is refused before any chunk is sent', async () => {
    const before = sentChunks();
    await assert.rejects(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'c'.repeat(48), records: records(10), chunkSize: 1 }),
      { code: 'INVALID_ARGUMENT' });
    assert.equal(sentChunks(), before);
  });
});

describe("the caller's own code fails part way", () => {
  test('the records iterable throws after a chunk was stored: CALLBACK_FAILED with the report, the error as cause', async () => {
    const boom = new Error('database read failed');
    async function* fromDb() {
      yield* records(3);
      throw boom;
    }
    const e = await stops(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: fromDb(), chunkSize: 2 }));
    assert.equal(e.code, 'CALLBACK_FAILED');
    assert.equal(e.cause, boom);
    assert.deepEqual([e.upload.stored, e.upload.nextRecord], [['nov-1'], 2]);
    assert.deepEqual(stored(), ['nov-1']);
    assert.match(e.message, /^uploadCallsBase: the records iterable or onProgress threw \(upload stopped: 1 chunks stored/);
  });

  test('onProgress throws after the first chunk: CALLBACK_FAILED with the report', async () => {
    const e = await stops(uc.uploadCallsBase({
      campaign: 'Promo->', filename: 'nov', records: records(4), chunkSize: 2, onProgress: () => { throw new TypeError('ui gone'); },
    }));
    assert.equal(e.code, 'CALLBACK_FAILED');
    assert.ok(e.cause instanceof TypeError);
    assert.deepEqual([e.upload.stored, e.upload.nextRecord, e.upload.unsent], [['nov-1'], 2, 2]);
  });

  test('an async onProgress that rejects after the first chunk: CALLBACK_FAILED with the report, as a throw (not an unhandled rejection, which stops a Node process)', async () => {
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const e = await stops(uc.uploadCallsBase({
        campaign: 'Promo->', filename: 'nov', records: records(4), chunkSize: 2, onProgress: async () => { throw new TypeError('ui gone'); },
      }));
      assert.equal(e.code, 'CALLBACK_FAILED');
      assert.ok(e.cause instanceof TypeError);
      assert.deepEqual([e.upload.stored, e.upload.nextRecord, e.upload.unsent], [['nov-1'], 2, 2]);
      await new Promise(setImmediate);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('onProgress fails with a BridgeError of its own (another call of the client) after the first chunk: that code, with the report', async () => {
    const e = await stops(uc.uploadCallsBase({
      campaign: 'Promo->', filename: 'nov', records: records(4), chunkSize: 2, onProgress: () => uc.agentCall({}),
    }));
    // Not CALLBACK_FAILED: the code says what failed (the JSDoc of uploadCallsBase and of onProgress).
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.operation, 'uploadCallsBase');
    assert.match(e.message, /upload stopped: 1 chunks stored/);
    assert.deepEqual([e.upload.stored, e.upload.nextRecord, e.upload.unsent], [['nov-1'], 2, 2]);
  });

  test('before anything is sent, the caller gets its own error back, as it is', async () => {
    const boom = new Error('no records today');
    // eslint-disable-next-line require-yield
    async function* none() { throw boom; }
    const e = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: none() }).catch((x) => x);
    assert.equal(e, boom);
    assert.equal(sentChunks(), 0);
  });
});
