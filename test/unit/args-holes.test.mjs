// Arrays with holes from plain JavaScript callers (`delete list[i]`, `new Array(n)` filled in part,
// `[a, , b]`): a hole is no value, so it is refused as a missing one is, before anything is sent.
// `.map`, `.forEach` and `.filter` skip holes, so a rule that used them let a hole through:
// tag labels went out as `a||b` or an empty tag, and an upload's array was checked up front without
// its holes, which its chunks (read with the array's iterator) then met after chunks were stored.
/* eslint-disable no-sparse-arrays */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { framed } from './helpers/fake-window.mjs';
import { recordingClient } from './helpers/recording-client.mjs';

const refused = (re) => (e) => isBridgeError(e, 'INVALID_ARGUMENT') && re.test(e.message);

test('portal: a tag list with a hole is INVALID_ARGUMENT naming the entry, nothing posted (tag, disposition)', async () => {
  const { portal, form } = framed();
  const client = connectPortal({ window: form, use: 'porthole' });
  try {
    for (const tag of [[, 'vip'], ['vip', , 'callback'], new Array(2)]) {
      await assert.rejects(client.tag({ tag }), refused(/^tag: tag\[\d\] is required$/));
      await assert.rejects(client.disposition({ l1: 'Sale', tag }), refused(/^disposition: tag\[\d\] is required$/));
    }
    // One hole alone (`[,]`, length 1) is no label either: it was sent as an empty tag.
    await assert.rejects(client.tag({ tag: [,] }), refused(/^tag: tag is required$/));
    assert.equal(portal.posted.length, 0);
  } finally {
    client.destroy();
  }
});

test('http: tagRecording and dispositionCall refuse a tag list with a hole, nothing sent', async () => {
  const { uc, sent } = recordingClient();
  for (const tag of [[,], [, 'vip'], ['vip', , 'callback']]) {
    await assert.rejects(uc.tagRecording({ guid: 'g-1', tag }), refused(/^tagRecording: tag(\[\d\])? is required$/));
    await assert.rejects(uc.dispositionCall({ campaign: 'Sales->', agent: 'a1', callerid: '099', guid: 'g-1', l1: 'Sale', tag }),
      refused(/^dispositionCall: tag(\[\d\])? is required$/));
  }
  assert.deepEqual(sent, []);
  // The same list without its hole goes out joined as before.
  await uc.tagRecording({ guid: 'g-1', tag: ['vip', 'callback'] });
  assert.equal(sent.length, 1);
  assert.equal(new URLSearchParams(sent[0]).get('tag'), 'vip|callback');
});

test('uploadCallsBase: an array with a hole is INVALID_ARGUMENT naming the record, before any chunk is sent', async () => {
  const { uc, sent } = recordingClient();
  const records = [{ phone: '099000001' }, { phone: '099000002' }, , { phone: '099000004' }];
  await assert.rejects(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records, chunkSize: 1 }), (e) => {
    assert.ok(refused(/^uploadCallsBase: records\[2\] must be an object$/)(e), e.message);
    // Refused up front: no chunk went out, so the error carries no upload report.
    assert.equal(e.upload, undefined);
    return true;
  });
  assert.deepEqual(sent, []);
});
