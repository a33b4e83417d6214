// An aborted uploadCallsBase reads no more of its records: a lazy iterable (a database cursor, a
// queue, a file's lines) was read on, and its records formatted, up to a whole chunk (50,000 by
// default) after the abort, an upload whose signal had aborted before the call included. Nothing
// was sent, but the source was drained (a queue's records consumed) and held open meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient, isBridgeError } from '../../dist/http.js';

const flush = async (n = 20) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };

function client() {
  const posted = [];
  const fetch = async (url) => {
    posted.push(new URL(url).pathname);
    return new Response('1', { status: 200 });
  };
  return { posted, uc: createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 'dG9rZW4=' }, fetch }) };
}

/** A lazy source of `n` records: counts what was read, and whether it was closed. */
function source(n, { waitAfter } = {}) {
  const s = { read: 0, closed: false };
  s.records = (async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        if (i === waitAfter) await new Promise((r) => { s.release = r; s.waiting?.(); });
        s.read++;
        yield { phone: String(99000000 + i) };
      }
    } finally {
      s.closed = true;
    }
  })();
  s.reached = new Promise((r) => { s.waiting = r; });
  return s;
}

const upload = (uc, records, options, more) => uc.uploadCallsBase(
  { campaign: 'Promo->', filename: 'nov', username: 'supervisor', records, ...more }, options).then(
  () => assert.fail('expected ABORTED'), (e) => e);

test('a signal aborted before the call: not one record is read, nothing sent', async () => {
  const { uc, posted } = client();
  const s = source(500);
  const reason = new Error('cancelled by the page');
  const e = await upload(uc, s.records, { signal: AbortSignal.abort(reason) });
  assert.ok(isBridgeError(e, 'ABORTED'), `${e?.code}`);
  // As the README's ABORTED row says: the upload's error carries the stopped chunk's, whose cause is the reason.
  assert.ok(isBridgeError(e.cause, 'ABORTED'));
  assert.equal(e.cause.cause, reason);
  await flush();
  assert.equal(s.read, 0, 'records read after the abort');
  assert.deepEqual(posted, []);
});

test('aborted while the iterable waits: once it gives its next record, it is read no further and closed', async () => {
  const { uc, posted } = client();
  const s = source(600, { waitAfter: 100 });
  const ctl = new AbortController();
  const pending = upload(uc, s.records, { signal: ctl.signal }, { chunkSize: 1000 });
  await s.reached;
  ctl.abort();
  assert.ok(isBridgeError(await pending, 'ABORTED'));
  s.release();
  await flush();
  assert.ok(s.read <= 101, `${s.read - 100} records read after the abort`);
  assert.equal(s.closed, true);
  assert.deepEqual(posted, []);
});

test('aborted between chunks (from onProgress): the next chunk is not read, only the record already in hand', async () => {
  const { uc, posted } = client();
  const s = source(1000);
  const ctl = new AbortController();
  const e = await upload(uc, s.records, { signal: ctl.signal }, { chunkSize: 100, onProgress: () => ctl.abort() });
  assert.ok(isBridgeError(e, 'ABORTED'));
  assert.deepEqual([e.upload.stored, e.upload.nextRecord], [['nov-1'], 100]);
  await flush();
  // The 101st record was read to know the first chunk was not the last; one more at most.
  assert.ok(s.read <= 102, `${s.read - 101} records read after the abort`);
  assert.equal(s.closed, true);
  assert.equal(posted.length, 1);
});
