// Character encoding of REST answers: a Java server (Integra) may declare its answer's charset
// (`text/plain; charset=ISO-8859-1`, `windows-1252`); the text must arrive as the server wrote it,
// accents and all, never as U+FFFD. Answers come from a scripted fetch: exactly these bytes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUContactClient } from '../../dist/http.js';

const TOKEN = Buffer.from('supervisor:6f1c2d3e-0000-4000-8000-000000000001').toString('base64');
globalThis.captureSecret(TOKEN);

/** A client whose fetch answers `answers[path]` ({ bytes, type, chunks? }) for each Integra path. */
function scripted(answers, { stream = true } = {}) {
  const fetchFn = async (url) => {
    const path = new URL(url).pathname.replace('/Integra/resources/', '');
    if (path === 'auth/getUserToken') return new Response(JSON.stringify(TOKEN), { status: 200 });
    const a = answers[path];
    const parts = a.chunks ?? [a.bytes];
    const headers = { 'Content-Type': a.type };
    if (stream) {
      const body = new ReadableStream({ start(c) { for (const p of parts) c.enqueue(p); c.close(); } });
      return new Response(body, { status: 200, headers });
    }
    // A custom fetch without a body stream: its text() is what the fetch made of the bytes.
    const r = new Response(Buffer.concat(parts), { status: 200, headers });
    return { status: 200, headers: r.headers, body: null, text: () => r.text() };
  };
  return createUContactClient({
    baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, fetch: fetchFn,
  });
}

const NAME = 'Atención Señor José, São Paulo, ç';
const latin1 = Buffer.from(NAME, 'latin1');

describe('REST answers: the declared charset', () => {
  for (const type of ['text/plain; charset=ISO-8859-1', 'text/plain;charset="iso-8859-1"', 'application/json; charset=windows-1252']) {
    test(`${type}: decoded as declared, not as UTF-8`, async () => {
      const uc = scripted({ 'Custom/Echo': { bytes: latin1, type } });
      assert.equal(await uc.request('Custom/Echo', {}, { kind: 'read' }), NAME);
    });
  }

  // node-fetch: its body is a Node stream (no getReader), its text() decodes every answer as UTF-8
  // (a Latin-1 'ó' became U+FFFD), its arrayBuffer() gives the bytes the server sent.
  test('a fetch without a web stream (node-fetch): its bytes decoded in the declared charset, measured in bytes', async () => {
    const { isBridgeError } = await import('../../dist/http.js');
    const nodeFetchLike = (bytes, type) => {
      const r = () => new Response(bytes, { status: 200, headers: { 'Content-Type': type } });
      return { status: 200, headers: r().headers, body: { pipe() {} }, text: () => r().text(), arrayBuffer: () => r().arrayBuffer() };
    };
    const client = (maxResponseBytes) => createUContactClient({
      baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' }, ...(maxResponseBytes ? { maxResponseBytes } : {}),
      fetch: async (url) => (new URL(url).pathname.endsWith('getUserToken') ? nodeFetchLike(Buffer.from(JSON.stringify(TOKEN)), 'application/json')
        : new URL(url).pathname.endsWith('Latin') ? nodeFetchLike(latin1, 'text/plain; charset=ISO-8859-1')
          : new URL(url).pathname.endsWith('Big') ? nodeFetchLike(Buffer.from('é'.repeat(3000), 'latin1'), 'text/plain; charset=ISO-8859-1')
          : nodeFetchLike(Buffer.from(`\uFEFF${NAME} 😀`), 'text/plain; charset=windows-1252')),
    });
    assert.equal(await client().request('Custom/Latin', {}, { kind: 'read' }), NAME);
    assert.equal(await client().request('Custom/Bom', {}, { kind: 'read' }), `${NAME} 😀`);
    // 3,000 bytes as sent (6,000 as UTF-8): the cap counts the server's bytes.
    await assert.rejects(client(2999).request('Custom/Big', {}, { kind: 'read' }), (e) => isBridgeError(e, 'RESPONSE_TOO_LARGE'));
    assert.equal(await client(3000).request('Custom/Big', {}, { kind: 'read' }), 'é'.repeat(3000));
  });

  test('JSON of a Latin-1 answer: the campaign names arrive whole', async () => {
    const body = Buffer.from(JSON.stringify([{ campaign: 'Atención->', type: 'inbound' }]), 'latin1');
    const uc = scripted({ 'Custom/List': { bytes: body, type: 'application/json;charset=ISO-8859-1' } });
    assert.deepEqual(await uc.request('Custom/List', {}, { kind: 'read', parse: 'json' }), [{ campaign: 'Atención->', type: 'inbound' }]);
  });

  test('no charset, or utf-8: UTF-8, a character split across chunks included, a BOM dropped', async () => {
    const utf8 = Buffer.from(`\uFEFF${NAME} 😀 東京`);
    const cut = utf8.indexOf(Buffer.from('ó')) + 1;
    const uc = scripted({
      'Custom/A': { type: 'application/json', chunks: [utf8.subarray(0, cut), utf8.subarray(cut, cut + 5), utf8.subarray(cut + 5)] },
      'Custom/B': { type: 'text/plain; charset=UTF-8', bytes: utf8 },
      // No BOM here: with one, the charset is never read (the BOM wins, below).
      'Custom/C': { type: 'text/plain; charset=nonsense-42', bytes: utf8.subarray(3) },
    });
    assert.equal(await uc.request('Custom/A', {}, { kind: 'read' }), `${NAME} 😀 東京`);
    assert.equal(await uc.request('Custom/B', {}, { kind: 'read' }), `${NAME} 😀 東京`);
    // A charset no decoder knows: read as UTF-8, as a browser does.
    assert.equal(await uc.request('Custom/C', {}, { kind: 'read' }), `${NAME} 😀 東京`);
  });

  // The Encoding Standard's decode (XHR's responseText, what real clients' jQuery reads): a UTF-8 BOM
  // wins over the declared charset. Read as Latin-1 it was 'ï»¿' in front of the text: uContact's
  // error `0` passed for a done write, and a JSON answer (a Windows-made file behind a proxy) was unreadable.
  test('a UTF-8 BOM under a declared Latin-1 charset: UTF-8 wins, as the Encoding Standard decodes (a BOM split across chunks too)', async () => {
    const { isBridgeError } = await import('../../dist/http.js');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const json = Buffer.from(JSON.stringify([{ campaign: 'Atención->', type: 'inbound' }]));
    const uc = scripted({
      'Agents/HangupPhone': { type: 'text/plain; charset=ISO-8859-1', bytes: Buffer.concat([bom, Buffer.from('0\n')]) },
      'Custom/List': { type: 'application/json; charset=windows-1252', chunks: [bom.subarray(0, 1), bom.subarray(1), json] },
    });
    await assert.rejects(uc.hangupPhone({ phone: '1001' }), (e) => isBridgeError(e, 'API_ERROR'));
    assert.deepEqual(await uc.request('Custom/List', {}, { kind: 'read', parse: 'json' }), [{ campaign: 'Atención->', type: 'inbound' }]);
  });

  // The same sniffing covers UTF-16's BOM in either byte order (a Windows-made file, a .NET proxy):
  // read as UTF-8 or Latin-1 it was 'ÿþ0\0', so uContact's error `0` passed for a done write; read
  // as the declared `utf-16` (little-endian), a big-endian answer was other characters.
  test('a UTF-16 BOM (little- or big-endian) under another declared charset, or none: UTF-16 wins, the BOM dropped', async () => {
    const { isBridgeError } = await import('../../dist/http.js');
    const le = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const json = JSON.stringify([{ campaign: 'Atención-> 😀 東京', type: 'inbound' }]);
    for (const [bytes, type] of [[le, 'text/plain'], [le, 'text/plain; charset=ISO-8859-1'], [be, 'text/plain; charset=utf-16'],
      [be, 'text/plain; charset=UTF-8'], [le, 'application/json; charset=windows-1252']]) {
      const uc = scripted({
        'Agents/HangupPhone': { type, bytes: bytes('0\r\n') },
        // Cut inside the BOM and inside a character: the stream's chunks are read whole first.
        'Custom/List': { type, chunks: [bytes(json).subarray(0, 1), bytes(json).subarray(1, 8), bytes(json).subarray(8)] },
      });
      await assert.rejects(uc.hangupPhone({ phone: '1001' }), (e) => isBridgeError(e, 'API_ERROR'), `${bytes.name}, ${type}`);
      assert.deepEqual(await uc.request('Custom/List', {}, { kind: 'read', parse: 'json' }), JSON.parse(json), `${bytes.name}, ${type}`);
    }
  });
});

describe('API-token client: names in the path', () => {
  const seen = [];
  const client = async () => {
    const { createApiTokenClient } = await import('../../dist/http.js');
    return createApiTokenClient({
      baseUrl: 'https://uc.example', token: 'ucx-api-token-0001',
      fetch: async (url) => { seen.push(url); return new Response('{"result":[]}', { status: 200, headers: { 'Content-Type': 'application/json' } }); },
    });
  };

  test('a name with accents, emoji and Asian script goes as its UTF-8, percent-encoded', async () => {
    const api = await client();
    seen.length = 0;
    await api.webhook('Atención-😀-東京', { a: 1 });
    assert.equal(new URL(seen[0]).pathname, '/api/webhook/Atenci%C3%B3n-%F0%9F%98%80-%E6%9D%B1%E4%BA%AC');
  });

  test('a name holding a lone surrogate: INVALID_ARGUMENT naming the field, nothing sent', async () => {
    const { isBridgeError } = await import('../../dist/http.js');
    const api = await client();
    seen.length = 0;
    for (const [name, call] of [
      ['hub', () => api.loadList('Ventas\uD800', { filename: 'a', list: [] })],
      ['hub', () => api.freshLeads('\uDC00Ventas', { clientIds: ['1'] })],
      ['name', () => api.webhook('Gancho\uD83D', {})],
      ['id', () => api.interactionMessages('x\uDE00')],
    ]) {
      await assert.rejects(call(), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message.includes(name) && !/Ventas|Gancho/.test(e.message),
        `${name}: ${call}`);
    }
    assert.equal(seen.length, 0);
  });
});

describe('maxResponseBytes counts bytes, whatever the script', () => {
  // A custom fetch without a body stream (node-fetch's is a Node stream) and no content-length
  // (a chunked answer): only its text() can be measured, in UTF-8 bytes as the server sent them.
  const noStream = (text) => async (url) => (new URL(url).pathname.endsWith('getUserToken')
    ? new Response(JSON.stringify(TOKEN), { status: 200 })
    : { status: 200, headers: new Headers(), body: null, text: async () => text });

  test('2,000 characters of 3 bytes each are 6,000 bytes: over a 4,000-byte cap', async () => {
    const { isBridgeError } = await import('../../dist/http.js');
    const uc = createUContactClient({
      baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' },
      fetch: noStream('東'.repeat(2000)), maxResponseBytes: 4000,
    });
    await assert.rejects(uc.request('Custom/Big', {}, { kind: 'read' }), (e) => isBridgeError(e, 'RESPONSE_TOO_LARGE'));
  });

  test('3,000 bytes of accents under a 4,000-byte cap: read whole', async () => {
    const uc = createUContactClient({
      baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' },
      fetch: noStream('é'.repeat(1500)), maxResponseBytes: 4000,
    });
    assert.equal(await uc.request('Custom/Ok', {}, { kind: 'read' }), 'é'.repeat(1500));
  });
});

// A lone surrogate is half of an astral character (an emoji), as `text.slice(0, 160)` leaves one at
// the cut. It has no UTF-8: it goes as U+FFFD, as the platform's form encoding writes it (the README's
// "Text goes as its UTF-8"); every other character goes exactly.
describe('text in form fields', () => {
  const seen = [];
  const uc = createUContactClient({
    baseUrl: 'https://uc.example', credentials: { user: 'supervisor', password: 'Sup3r-s3cret' },
    fetch: async (url, init) => {
      seen.push(init.body);
      return new URL(url).pathname.endsWith('getUserToken') ? new Response(JSON.stringify(TOKEN), { status: 200 }) : new Response('1', { status: 200 });
    },
  });

  test('accents, emoji, the form\'s own signs, U+2028, RTL, a combining mark and CJK go out exactly; half an emoji as U+FFFD', async () => {
    const text = 'Hola José 😀 a+b=c&d%20;e:f|g \u2028 עברית e\u0301 東京';
    await uc.sendSms({ destination: '099123456', message: text, campaign: 'SMS->' });
    assert.equal(new URLSearchParams(seen.at(-1)).get('message'), text);
    await uc.sendSms({ destination: '099123456', message: 'Gracias 😀'.slice(0, 9), campaign: 'SMS->' });
    assert.equal(new URLSearchParams(seen.at(-1)).get('message'), 'Gracias \uFFFD');
  });

  // Inside JSON text a form field carries, it is JSON.stringify's escape (the README says so): the
  // server's JSON reader decides what it becomes.
  test('half an emoji inside JSON text (a dialer task\'s call, a schedule) goes as the JSON escape \\ud83d', async () => {
    const half = 'Gracias 😀'.slice(0, 9);
    await uc.dialerTask({ calldate: null, automatic: true, campaign: 'Sales->', destination: '099123456', data: { note: half } });
    assert.equal(JSON.parse(new URLSearchParams(seen.at(-1)).get('call')).data, `note=${half}`);
    assert.match(new URLSearchParams(seen.at(-1)).get('call'), /"data":"note=Gracias \\ud83d"/);
    await uc.scheduleDialerCall({ calldate: '2026-12-24 10:00:00', campaign: 'Sales->', destination: '099123456', data: `note=${half}` });
    assert.match(new URLSearchParams(seen.at(-1)).get('callschedule'), /"data":"note=Gracias \\ud83d"/);
  });
});

// What goes into a header is ASCII by its rule: fetch throws a bare TypeError ("Cannot convert
// argument to a ByteString") for any other header value. Text a user types (a name, a password with
// accents or an emoji) goes in the form body; a token that is not ASCII is refused at creation,
// naming the field, never the value, and nothing is sent.
describe('credentials with accents and emoji: headers stay ASCII', () => {
  test('user and password go whole in the login form; the Authorization header is the token as returned', async () => {
    const requests = [];
    const uc = createUContactClient({
      baseUrl: 'https://uc.example', credentials: { user: 'José Müller', password: 'contraseña 🔑 ñ+&=%' },
      fetch: async (url, init) => {
        // As the platform's fetch checks them: a header value past U+00FF is a TypeError.
        new Headers(init.headers);
        requests.push({ path: new URL(url).pathname, body: init.body, auth: init.headers.Authorization });
        return new Response(requests.length === 1 ? JSON.stringify(TOKEN) : '[]', { status: 200 });
      },
    });
    assert.deepEqual(await uc.campaignsSummary(), []);
    const login = new URLSearchParams(requests[0].body);
    assert.deepEqual([login.get('user'), login.get('password')], ['José Müller', 'contraseña 🔑 ñ+&=%']);
    assert.equal(requests[0].auth, undefined);
    assert.equal(requests[1].auth, `Basic ${TOKEN}`);
  });

  test('a token that is not ASCII: INVALID_ARGUMENT at creation, naming the field, never the value; nothing sent', async () => {
    const { createApiTokenClient, isBridgeError } = await import('../../dist/http.js');
    let sent = 0;
    const fetch = async () => { sent++; return new Response('[]', { status: 200 }); };
    const refused = (make, field) => assert.throws(make, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message.includes(field)
      && !/s3cr[eé]t|🔑/u.test(e.message));
    for (const token of ['s3crét', 'ucx-🔑-token', `${TOKEN.slice(0, -4)}ñ==`, 'ucx\u00a0token', 'ucx-s3cret\u200b']) {
      refused(() => createUContactClient({ baseUrl: 'https://uc.example', credentials: { token }, fetch }), 'credentials.token');
      refused(() => createApiTokenClient({ baseUrl: 'https://uc.example', token, fetch }), 'token');
    }
    assert.equal(sent, 0);
  });
});
