// A page whose Object.prototype a bug polluted with `signal` (a RequestInit member, as `body` and
// `mode` are): every options dictionary the platform reads takes it through the prototype chain, and
// addEventListener's `{ once: true }` threw a TypeError ("not an AbortSignal") on every REST call,
// a raw TypeError, no bridge error. Node's EventTarget reads its options the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiTokenClient, createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:6f1c2d3e-0000-4000-8000-000000000003').toString('base64');
globalThis.captureSecret(TOKEN);

test('Object.prototype.signal polluted: a login, a read and a webhook answer as in a clean page', async () => {
  const fetch = async (url) => new Response(new URL(url).pathname.endsWith('getUserToken') ? JSON.stringify(TOKEN) : '"ok"', { status: 200 });
  const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, fetch });
  const api = createApiTokenClient({ baseUrl: 'https://uc.example', token: 'docs-api-token', fetch });
  Object.prototype.signal = 'from the page';
  try {
    assert.equal(await uc.request('Custom/Echo', {}, { kind: 'read' }), '"ok"');
    assert.deepEqual(await api.webhook('new-lead', undefined, { method: 'POST' }), 'ok');
  } finally {
    delete Object.prototype.signal;
  }
});
