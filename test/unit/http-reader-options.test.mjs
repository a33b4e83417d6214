// A REST answer read in a page whose Object.prototype a bug polluted with `mode` (a deep merge of
// user settings, `?mode=...` parsed into the prototype). WebKit's ReadableStream.getReader() is a JS
// builtin that defaults its options to `{}` and reads `options.mode` through the prototype chain: a
// polluted `mode` ('no-cors', 'dark', …) made it throw "Invalid mode is specified" on every answer
// body, and the client reported the answered call as NETWORK_ERROR (the call placed, the caller told
// there was no answer). Measured in WebKitGTK 2.50 (e2e/engines/webkit-embed-layouts.mjs, pollution);
// here the answer's stream reads its options exactly as WebKit's builtin does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:6f1c2d3e-0000-4000-8000-000000000002').toString('base64');
globalThis.captureSecret(TOKEN);

/** An answer whose body's getReader(options) behaves as WebKit's: `(options ?? {}).mode`, anything but undefined a TypeError. */
function webkitLike(text) {
  const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(text)); c.close(); } });
  const getReader = body.getReader.bind(body);
  body.getReader = (options) => {
    const mode = (options ?? {}).mode;
    if (mode !== undefined) throw new TypeError('Invalid mode is specified');
    return getReader();
  };
  return new Response(body, { status: 200 });
}

for (const mode of ['no-cors', 'byob', 'dark']) {
  test(`Object.prototype.mode = '${mode}': an answer body is still read (its stream asked for a default reader by an own mode: undefined)`, async () => {
    const fetch = async (url) => webkitLike(new URL(url).pathname.endsWith('getUserToken') ? JSON.stringify(TOKEN) : 'guid-0001');
    const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, fetch });
    Object.prototype.mode = mode;
    try {
      assert.equal(await uc.request('Custom/Echo', {}, { kind: 'read' }), 'guid-0001');
    } finally {
      delete Object.prototype.mode;
    }
  });
}
