// The simulator's servers under hostile, malformed and aborted traffic: every request gets a short
// 4xx (never a 500 for bad input), the process stays up (nothing thrown in a request listener, no
// unhandled rejection), other sessions and the shared state stay servable, and no log shows a secret.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { startSimulator } from '../../demo/server.mjs';
import { createTableStore, MAX_CHARS, MAX_ROWS, SqlError } from '../../demo/framework/tables.mjs';
import { LOG_TEXT } from '../../demo/framework/helpers.mjs';
import { MAX_FIELDS } from '../../demo/rest/wire.mjs';

let sim;
// What would stop `npm run demo`: an exception thrown in a request listener, an unhandled rejection.
const crashes = [];
const onCrash = (e) => crashes.push(e);
before(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  sim = await startSimulator();
});
after(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await sim?.close();
});
beforeEach(() => {
  sim.rest.reset();
  crashes.length = 0;
});

const FORM = 'application/x-www-form-urlencoded';
const at = (path, init = {}) => fetch(sim.portalOrigin + path, { ...init, signal: AbortSignal.timeout(5000) });
// As `at`, on a connection of its own closed after the answer (no agent: `Connection: close`), never
// one of fetch's pooled keep-alive connections. For the first request after a test that held the
// event loop (the servers run in this process) for longer than the server's keep-alive timeout (5 s:
// the table tests under load): the pool's idle connections are then the server's to close as soon as
// the loop runs its timers, and fetch, started before them, sent its request on one (ECONNRESET). By
// the time this answer is read, those closes have been read too, so later `at` calls find live ones.
const fresh = (path, { method = 'GET', headers = {}, body } = {}) => new Promise((resolve, reject) => {
  // A text body's type as fetch sends it when none is given.
  if (typeof body === 'string' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers = { ...headers, 'content-type': 'text/plain;charset=UTF-8' };
  const req = request(sim.portalOrigin + path, { method, headers, agent: false, signal: AbortSignal.timeout(5000) }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c)).on('error', reject).on('end', () => {
      const all = Object.entries(res.headersDistinct).flatMap(([k, vs]) => vs.map((v) => [k, v]));
      resolve(new Response(chunks.length ? Buffer.concat(chunks) : null, { status: res.statusCode, statusText: res.statusMessage, headers: all }));
    });
  });
  req.on('error', reject).end(body);
});
// The time since `clock()` was called, the lesser of the wall clock and the process's CPU time: for
// work done in this process, a synchronous test's or a request's to the servers (they run here, none
// in a worker or a child process), which is what the 2 s bounds guard (a statement's seconds of
// computing that leave every session unanswered). Seconds of that work are seconds of CPU time (and
// of wall time), so they still fail a bound; a busy machine stretches only the wall clock (the 2 s
// bounds failed beside three busy loops on the 2 cores), and the CPU time passes the wall clock only
// through the collector's other threads. Not for a wait (a timer, a stalled stream): that takes no CPU.
function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const { user, system } = process.cpuUsage(cpu);
    return Math.round(Math.min(performance.now() - wall, (user + system) / 1000));
  };
}
// JSON text of an object nested `n` levels deep: harmless to JSON.parse, fatal to a recursive JSON.stringify.
const deep = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const settle = () => new Promise((r) => setTimeout(r, 100));

// Read once the server answered a request sent after all the test's own: the servers run in this
// process, so by the time its answer is read here (an I/O event of a later turn of the loop) they
// have handled what reached them before it (the data and closes of the test's sockets) and what that
// threw, synchronously or as a rejection left unhandled, including this request's own handling.
// An order, not a 100 ms pause (which also read the crashes before this request, never after it).
// Runs `run` with String.prototype.split measured (the servers run in this process): the most parts
// one split made meanwhile.
async function longestSplit(run) {
  const { split } = String.prototype;
  let longest = 0;
  String.prototype.split = function (...args) {
    const parts = split.apply(this, args);
    longest = Math.max(longest, parts.length);
    return parts;
  };
  try {
    await run();
  } finally {
    String.prototype.split = split;
  }
  return longest;
}

async function stillUp(send = at) {
  assert.equal((await send('/sim/state')).status, 200, 'the REST state still answers');
  assert.deepEqual(crashes.map((e) => e.message), [], 'nothing thrown out of the servers');
}

async function session() {
  const res = await at('/');
  await res.text();
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { cookie, headers: { cookie } };
}

test('REST: a JSON data object nested thousands of levels deep is refused, and /sim/state stays servable (it stopped the simulator)', async () => {
  const login = await at('/Integra/resources/auth/AgentLogin', { method: 'POST', headers: { 'content-type': FORM }, body: 'agent=agent1001&password=Ag3nt-s3cret' });
  const { md5secret } = await login.json();
  const fields = new URLSearchParams({ callerid: '', agent: 'agent1001', phone: '1001', tech: 'SIP', context: 'from-internal', outqueue: 'Sales->', destination: '099123456', data: deep(20000) });
  const res = await at('/Integra/resources/Agents/AgentCallwithData', { method: 'POST', headers: { 'content-type': FORM, authorization: `Basic ${md5secret}` }, body: fields.toString() });
  assert.equal(await res.text(), '0');
  assert.equal(sim.rest.state.log.at(-1).outcome, 'rejected:bad-data');
  await stillUp();
});

test('framework: a body nested thousands of levels deep is a 400; the session\'s state and event stream still answer (the stream stopped the simulator)', async () => {
  const s = await session();
  const desk = await at('/sim/framework/desk', { method: 'POST', headers: s.headers, body: `{"cti":${deep(20000)}}` });
  assert.equal(desk.status, 400);
  const helper = await at('/sim/framework/helper/UC_pause', { method: 'POST', headers: s.headers, body: `{"args":[${deep(20000)}]}` });
  assert.equal(helper.status, 400);
  assert.equal((await at('/sim/framework/state', { headers: s.headers })).status, 200);
  const events = await at('/sim/framework/events', { headers: s.headers });
  assert.equal(events.status, 200);
  await events.body.cancel();
  await stillUp();
});

test('framework: a desk or modes body that is JSON but not an object is a 400, not a 500', async () => {
  const s = await session();
  for (const path of ['/sim/framework/desk', '/sim/framework/modes']) {
    for (const body of ['null', '[]', '7', '"x"']) {
      const res = await at(path, { method: 'POST', headers: s.headers, body });
      assert.equal(res.status, 400, `${path} ${body}`);
      assert.equal(await res.text(), 'Bad Request');
    }
  }
  await stillUp();
});

test('framework and /sim/faults: a body over the 1 MB limit is a 413, not a 500 (or a 400)', async () => {
  const s = await session();
  for (const path of ['/sim/framework/desk', '/sim/framework/helper/UC_pause', '/sim/faults']) {
    const res = await at(path, { method: 'POST', headers: s.headers, body: `{"args":["${'x'.repeat(2 << 20)}"]}` });
    assert.equal(res.status, 413, path);
  }
  await stillUp();
});

test('framework: UC_Http_proxy with a header name no HTTP request can carry rejects the helper call, not a 500', async () => {
  const s = await session();
  const res = await at('/sim/framework/helper/UC_Http_proxy', {
    method: 'POST', headers: s.headers, body: JSON.stringify({ args: [{ url: '/sim/state', method: 'GET', headers: { 'bad header': 'x' } }] }),
  });
  assert.equal(res.status, 200);
  const answer = await res.json();
  assert.equal(answer.ok, false);
  assert.match(answer.error, /^UC_Http_proxy: /);
  assert.ok(!answer.error.includes('bad header'), 'the reason names no value');
  await stillUp();
});

test('REST: a request whose client goes away mid-body is logged as aborted, not as a 413 too-large', async () => {
  const port = new URL(sim.portalOrigin).port;
  for (const path of ['/Integra/resources/auth/getUserToken', '/api/webhook/hook1']) {
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${FORM}\r\nContent-Length: 100\r\n\r\nuser=`);
    await settle();
    socket.destroy();
  }
  // Until both are logged (the server's 'close' handling runs after the destroy): a settle, not a pause.
  for (const end = Date.now() + 10_000; sim.rest.state.log.length < 2 && Date.now() < end;) await settle();
  assert.deepEqual(sim.rest.state.log.map((e) => [e.path, e.status, e.outcome]),
    [['auth/getUserToken', 0, 'aborted'], ['/api/webhook/hook1', 0, 'aborted']]);
  await stillUp();
});

test('REST: TagRecording with a tag of very many labels answers, not a 500 (the labels overflowed a spread)', async () => {
  const t = JSON.parse(await (await at('/Integra/resources/auth/getUserToken', { method: 'POST', headers: { 'content-type': FORM }, body: 'user=supervisor&password=Sup3r-s3cret' })).text());
  const guid = sim.rest.state.recordings[0].guid;
  const res = await at('/Integra/resources/Recordings/TagRecording', {
    method: 'POST', headers: { 'content-type': FORM, authorization: `Basic ${t}` }, body: `guid=${guid}&tag=${'a|'.repeat(200000)}a`,
  });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '1');
  assert.equal(sim.rest.state.recordings[0].tags.length, 200001);
  await stillUp();
});

test('pages and files: methods other than GET and HEAD are a 405 with Allow, not the file (both origins)', async () => {
  for (const origin of [sim.portalOrigin, sim.formOrigin]) {
    for (const path of ['/forms/crm.html', '/', '/uphone/', '/agent-app/', '/sim-config.js', '/inbox']) {
      if (origin === sim.formOrigin && ['/', '/uphone/', '/inbox'].includes(path)) continue;
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const res = await fetch(origin + path, { method, body: method === 'DELETE' ? undefined : 'x', signal: AbortSignal.timeout(5000) });
        assert.equal(res.status, 405, `${method} ${origin}${path}`);
        assert.equal(res.headers.get('allow'), 'GET, HEAD');
        assert.equal(await res.text(), 'method not allowed');
      }
    }
    const head = await fetch(`${origin}/forms/crm.html`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  }
  await stillUp();
});

test('framework: the desk\'s helper log keeps no credential a form sent through UC_Http_proxy, nor the token answered', async () => {
  const s = await session();
  const url = `${sim.portalOrigin}/Integra/resources/auth/AgentLogin`;
  const res = await at('/sim/framework/helper/UC_Http_proxy', {
    method: 'POST', headers: s.headers,
    body: JSON.stringify({ args: [{ url, method: 'POST', headers: { 'Content-Type': FORM, Authorization: 'Basic c2VjcmV0LXRva2Vu' }, body: 'agent=agent1001&password=Ag3nt-s3cret' }] }),
  });
  const answer = await res.json();
  assert.equal(answer.value.code, 200, 'the form gets the whole answer');
  const { md5secret } = JSON.parse(answer.value.body);
  const state = await (await at('/sim/framework/state', { headers: s.headers })).text();
  for (const secret of ['c2VjcmV0LXRva2Vu', 'Ag3nt-s3cret', md5secret]) assert.ok(!state.includes(secret), 'no secret in the helper log');
  const entry = JSON.parse(state).log.at(-1);
  assert.equal(entry.name, 'UC_Http_proxy');
  assert.equal(entry.args[0].url, url, 'what was called still shows');
  assert.equal(entry.result.code, 200);
  await stillUp();
});

test('framework: UC_Http_proxy never sends a form\'s headers to another host through a path that starts with //', async () => {
  // The proxy checked the URL's host, then fetched new URL(pathname + search, portalOrigin): a path
  // '//host:port/x' is a network-path reference, so the form's Authorization went to that host.
  const heard = [];
  const { createServer } = await import('node:http');
  const other = createServer((req, res) => {
    heard.push({ url: req.url, authorization: req.headers.authorization });
    res.end('stolen');
  });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  try {
    const s = await session();
    const url = `${sim.portalOrigin}//127.0.0.1:${other.address().port}/steal`;
    const res = await at('/sim/framework/helper/UC_Http_proxy', {
      method: 'POST', headers: s.headers, body: JSON.stringify({ args: [{ url, method: 'GET', headers: { Authorization: 'Basic c2VjcmV0LXRva2Vu' } }] }),
    });
    assert.equal(res.status, 200);
    const answer = await res.json();
    assert.deepEqual(heard, [], 'nothing reached the other host');
    assert.notEqual(answer.value?.body, 'stolen');
  } finally {
    await new Promise((r) => other.close(r));
  }
  await stillUp();
});

test('framework: a database helper\'s SQL with a long run of spaces is answered at once, not after minutes of a blocked simulator', async () => {
  const s = await session();
  const other = await session();
  const sql = ["SELECT name FROM customers WHERE plan = 'gold'", "UPDATE customers SET plan = 'x' WHERE id = 99", "DELETE FROM customers WHERE id = 99"];
  const elapsed = clock();
  for (const [i, text] of sql.entries()) {
    const name = i ? 'UC_exec_async' : 'UC_get_async';
    const res = await at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args: [`${text}${' '.repeat(4000)}x`] }) });
    assert.equal(res.status, 200);
  }
  const answer = await (await at('/sim/framework/helper/UC_pause', { method: 'POST', headers: other.headers, body: '{"args":[true]}' })).json();
  assert.deepEqual(answer, { ok: true, value: 'OK' });
  const took = elapsed();
  assert.ok(took < 2000, `answered within 2 s (${took} ms)`);
  // Spaces and line breaks as real forms write them still work.
  const rows = await (await at('/sim/framework/helper/UC_get_async', { method: 'POST', headers: s.headers, body: JSON.stringify({ args: ["SELECT name\n  FROM customers\n  WHERE plan   =  'gold'  ORDER BY id   DESC   LIMIT 1 ;  "] }) })).json();
  assert.deepEqual(JSON.parse(rows.value), [{ name: 'Ana Pérez' }]);
  await stillUp();
});

test('framework: a LIKE pattern with several % against a long value is answered at once, not after hours of a blocked simulator', async () => {
  const s = await session();
  const helper = (name, args) => at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args }) }).then((r) => r.json());
  assert.deepEqual(await helper('UC_Save_async', [{ note: 'a'.repeat(5000) }, 'notes']), { ok: true, value: 'OK' });
  const elapsed = clock();
  assert.deepEqual(await helper('UC_get_async', ["SELECT id FROM notes WHERE note LIKE '%a%a%a%b'"]), { ok: true, value: '[]' });
  assert.deepEqual(await helper('UC_get_async', ["SELECT id FROM notes WHERE note LIKE '%a%a%a%'"]), { ok: true, value: '[{"id":1}]' });
  const took = elapsed();
  assert.ok(took < 2000, `answered within 2 s (${took} ms)`);
  await stillUp();
});

test('table store: folding accented texts counts against MAX_STEPS (a condition of 10 `=` over 2,000 texts of 2,000 accented characters is refused, not seconds of a blocked simulator)', () => {
  const store = createTableStore({});
  for (let i = 0; i < 2000; i++) store.insert('notes', { note: `${'é'.repeat(2000)}${i}` });
  const or = Array.from({ length: 10 }, (_, k) => `note = 'x${k}'`).join(' OR ');
  assert.throws(() => store.select(`SELECT id FROM notes WHERE ${or}`), (e) => e instanceof SqlError && /too costly/.test(e.message));
  // The same condition over short texts still answers.
  const small = createTableStore({});
  small.insert('notes', { note: 'Pérez' });
  assert.deepEqual(small.select(`SELECT id FROM notes WHERE ${or} OR note = 'PEREZ'`), [{ id: 1 }]);
});

test('table store: a LIKE pattern read from each row counts its characters against MAX_STEPS (20 patterns of a megabyte each paired with 5,000 rows took over a minute)', () => {
  const store = createTableStore({});
  // 20 patterns of 100,000 characters, each paired with 10 rows: 20 million characters of pattern
  // read (some 2 s) where folding them counted 156,000 steps; of a megabyte each and 5,000 rows, a
  // minute and more of the simulator answering nobody before MAX_STEPS refused it.
  for (let i = 0; i < 20; i++) store.insert('p', { v: 'a'.repeat(100_000) });
  for (let i = 0; i < 10; i++) store.insert('n', { k: i });
  assert.throws(() => store.select("SELECT a.k FROM n a LEFT JOIN p b ON 1 = 1 WHERE 'x' LIKE b.v"), (e) => e instanceof SqlError && /LIKE: the pattern is too costly/.test(e.message));
  // Short patterns from a column still match.
  const small = createTableStore({});
  small.insert('p', { v: 'P_r%' });
  small.insert('p', { v: '%x' });
  assert.deepEqual(small.select("SELECT v FROM p WHERE 'Pérez' LIKE v"), [{ v: 'P_r%' }]);
});

test('table store: the keys a SELECT holds beside its answer (GROUP BY\'s groups, ORDER BY\'s folded keys) count against MAX_CHARS', () => {
  // Ten texts of 100,000 characters paired with 64 rows: 640 keys, 64 million characters held while
  // MAX_STEPS counted 500,000 steps for folding them; 30 texts of a megabyte paired with 20 rows held
  // 627 MB for a 50-byte ORDER BY (GROUP BY: 680 MB), answered, where the answer itself is bounded.
  const store = createTableStore({});
  for (let i = 0; i < 10; i++) store.insert('t', { v: `${i}${'A'.repeat(100_000)}` });
  for (let i = 0; i < 64; i++) store.insert('n', { k: i });
  for (const [sql, what] of [['SELECT n.k FROM n LEFT JOIN t ON 1 = 1 ORDER BY t.v', /ORDER BY: the order is too large/], ['SELECT COUNT(*) FROM n LEFT JOIN t ON 1 = 1 GROUP BY n.k, t.v', /GROUP BY: the grouping is too large/]]) {
    assert.throws(() => store.select(sql), (e) => e instanceof SqlError && what.test(e.message), sql);
  }
  // Short keys still group and order.
  assert.deepEqual(store.select('SELECT n.k FROM n LEFT JOIN t ON 1 = 1 WHERE n.k < 2 GROUP BY n.k ORDER BY n.k DESC'), [{ k: 1 }, { k: 0 }]);
});

test('table store: ORDER BY folds each row\'s text once, not in each comparison of the sort (20,000 texts of 2,000 accented characters took 37 s)', () => {
  const store = createTableStore({});
  const n = 3000;
  for (let i = 0; i < n; i++) store.insert('people', { name: `Pé${(i * 7919) % n}`.padEnd(8, 'é') });
  const normalize = String.prototype.normalize;
  let calls = 0;
  String.prototype.normalize = function (...args) { calls++; return normalize.apply(this, args); };
  let rows;
  try {
    rows = store.select('SELECT name FROM people ORDER BY name');
  } finally {
    String.prototype.normalize = normalize;
  }
  // NFD and NFC once for each row (a sort compares some n log n pairs: 2 × 2 × 35,000 here).
  assert.ok(calls <= 2 * n, `${calls} normalize calls for ${n} rows`);
  assert.equal(rows.length, n);
  const bare = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  assert.ok(rows.every((r, k) => k === 0 || bare(rows[k - 1].name) < bare(r.name)), 'in order, accents ignored');
  assert.equal(rows[0].name, 'Pé0ééééé');
});

test('/sim/faults and the helpers\' late mode: a delay past the timer limit is refused or held at it, never run at once (Node fires such a timer after 1 ms)', async () => {
  // Fresh: the table store tests before this one hold the loop for seconds under load.
  const res = await fresh('/sim/faults', { method: 'POST', body: JSON.stringify({ delay: { ms: 2 ** 31, path: 'auth/getUserToken' } }) });
  assert.deepEqual([res.status, await res.text()], [400, 'Bad Request: delay: ms must be an integer from 0 to 2147483647']);
  assert.deepEqual((await (await at('/sim/faults', { method: 'POST', body: '{}' })).json()).pending, [], 'no fault was added');
  const s = await session();
  const modes = await at('/sim/framework/modes', { method: 'POST', headers: s.headers, body: JSON.stringify({ modes: { UC_pause: { mode: 'late', delay: 2 ** 40 } } }) });
  assert.equal(modes.status, 200);
  const state = await (await at('/sim/framework/state', { headers: s.headers })).json();
  assert.equal(state.modes.UC_pause.delay, 2 ** 31 - 1);
  await stillUp();
});

test('/sim/faults: a value it would keep is checked (400 naming the field); a refused switch arms nothing, and later answers stay 200 (a nested one made every answer a 400 until a restart)', async () => {
  const faults = (body) => at('/sim/faults', { method: 'POST', body });
  const nested = deep(20000);
  const refused = [
    [`{"fail":{"path":"auth/getUserToken","after":${nested}}}`, 'fail: after must be true or false'],
    [`{"fail":{"status":${nested}}}`, 'fail: status must be an integer from 200 to 599'],
    ['{"fail":{"status":700}}', 'fail: status must be an integer from 200 to 599'],
    [`{"drop":{"midBody":${nested}}}`, 'drop: midBody must be true or false'],
    [`{"huge":{"bytes":10,"contentLength":${nested}}}`, 'huge: contentLength must be true or false'],
    [`{"body":{"body":${nested}}}`, 'body: body must be a string'],
    [`{"delay":{"ms":1,"path":${nested}}}`, 'delay: path must be a string'],
    ['{"redirect":{"status":301.5,"location":"/x"}}', 'redirect: status must be an integer from 300 to 399'],
    [`{"redirect":{"location":${nested}}}`, 'redirect: location must be a string'],
    [`{"tokenFormat":${nested}}`, 'tokenFormat must be one of quoted, bare, array'],
    // All or nothing: the first switch is good, the second refused.
    ['{"fail":{"path":"auth/getUserToken"},"delay":{"ms":-1}}', 'delay: ms must be an integer from 0 to 2147483647'],
    ['[]', 'the body must be a JSON object'],
  ];
  for (const [body, message] of refused) {
    const res = await faults(body);
    assert.equal(res.status, 400, body.slice(0, 60));
    assert.equal(await res.text(), `Bad Request: ${message}`);
    const now = await faults('{}');
    assert.equal(now.status, 200, `after ${body.slice(0, 60)}`);
    assert.deepEqual(await now.json(), { pending: [], tokenFormat: 'quoted' }, 'nothing armed, the token format kept');
  }
  // What the switches took before still does.
  const ok = await faults(JSON.stringify({ fail: { status: 503, path: 'auth/getUserToken', after: true }, drop: { midBody: true, after: true }, tokenFormat: 'bare' }));
  assert.equal(ok.status, 200);
  const { pending, tokenFormat } = await ok.json();
  assert.deepEqual(pending.map((r) => [r.kind, r.status, r.after, r.midBody]), [['status', 503, true, undefined], ['drop', undefined, true, true]]);
  assert.equal(tokenFormat, 'bare');
  await stillUp();
});

test('every 405 of the simulator says which methods the resource takes (Allow, as HTTP requires)', async () => {
  const cases = [
    // [path, method, Allow]
    ['/sim/state', 'HEAD', 'GET'],
    ['/sim/state', 'DELETE', 'GET'],
    ['/sim/reset', 'GET', 'POST'],
    ['/sim/faults', 'PUT', 'POST'],
    ['/Integra/resources/Supervisor/campaignssummary', 'GET', 'POST'],
    ['/Integra/resources/Supervisor/campaignssummary', 'PUT', 'POST'],
    ['/sim/framework/state', 'HEAD', 'GET'],
    ['/sim/framework/events', 'DELETE', 'GET'],
    ['/sim/framework/desk', 'GET', 'POST'],
    ['/index.html', 'POST', 'GET, HEAD'],
  ];
  for (const [path, method, allow] of cases) {
    const res = await at(path, { method });
    await res.arrayBuffer();
    assert.deepEqual([res.status, res.headers.get('allow')], [405, allow], `${method} ${path}`);
  }
  // An endpoint that takes GET too says so.
  const queue = Object.entries((await import('../../demo/rest/endpoints.mjs')).ENDPOINTS).find(([, e]) => e.methods?.length > 1);
  const res = await at(`/Integra/resources/${queue[0]}`, { method: 'DELETE' });
  assert.deepEqual([res.status, res.headers.get('allow')], [405, queue[1].methods.join(', ')]);
  await stillUp();
});

test('REST: a webhook (no token: any site\'s page can post a form to it) holds at most a 1 MB body, 100 key names of 100 characters and the latest 1,000 webhooks', async () => {
  // A no-cors form POST of 60 MB of key names froze the simulator for 23 s and kept 1 GB: three
  // of them from a page the developer had open stopped `npm run demo` (out of memory).
  const keys = (n, from = 0) => Array.from({ length: n }, (_, i) => `k${(from + i).toString(36)}=`).join('&');
  const big = keys(300000);
  assert.ok(big.length > 1 << 20);
  const refused = await at('/api/webhook/x', { method: 'POST', headers: { 'content-type': FORM, origin: 'http://evil.example' }, body: big });
  assert.equal(refused.status, 413);
  assert.deepEqual(sim.rest.state.webhooks, []);
  assert.equal(sim.rest.state.log.at(-1).outcome, 'too-large');
  const kept = await at('/IntegraChannels/resources/webhook/x', { method: 'POST', headers: { 'content-type': FORM }, body: `${'a'.repeat(5000)}=1&${keys(90000)}` });
  assert.equal(kept.status, 200);
  const [{ fields }] = sim.rest.state.webhooks;
  assert.equal(fields.length, 100);
  assert.ok(fields.every((f) => f.length <= 100));
  assert.deepEqual(fields.slice(0, 3), ['a'.repeat(100), 'k0', 'k1']);
  for (let i = 0; i < 1005; i += 1) await (await at(`/api/webhook/w${i}`)).arrayBuffer();
  assert.equal(sim.rest.state.webhooks.length, 1000);
  assert.equal(sim.rest.state.webhooks[0].name, 'w5');
  await stillUp();
});

test('REST: a login or EndSession body (no token: any site\'s page can post a form to them) is at most 64 KB, refused before it is parsed', async () => {
  // A no-cors form POST of 60 MB of fields to auth/AgentLogin held the simulator 12 s parsing them
  // (every page, the desk and the REST API frozen), as often as a page the developer had open sent one.
  const big = Array.from({ length: 300000 }, (_, i) => `k${i.toString(36)}=`).join('&');
  for (const path of ['auth/AgentLogin', 'auth/getUserToken', 'auth/UserLogin', 'auth/EndSession']) {
    const res = await at(`/Integra/resources/${path}`, { method: 'POST', headers: { 'content-type': FORM, origin: 'http://evil.example' }, body: big });
    assert.equal(res.status, 413, path);
    assert.deepEqual([sim.rest.state.log.at(-1).path, sim.rest.state.log.at(-1).outcome], [path, 'too-large']);
  }
  // What real clients send still logs in, and an authenticated upload keeps the large limit.
  const login = await at('/Integra/resources/auth/AgentLogin', { method: 'POST', headers: { 'content-type': FORM }, body: 'agent=agent1001&password=Ag3nt-s3cret' });
  assert.equal(typeof (await login.json()).md5secret, 'string');
  const refused = await at('/Integra/resources/Agents/AgentCall', { method: 'POST', headers: { 'content-type': FORM }, body: big });
  assert.equal(refused.status, 401, 'a large body without a token: 401, as before');
  await stillUp();
});

test('REST: a login from another site\'s page (a no-cors form POST, its answer hidden from that page) is refused and keeps no token; the simulator\'s pages, its own origin and clients without Origin log in', async () => {
  // One Chromium page of another site logged in some 350 times a second with the fixtures' passwords
  // (documented), and each login kept a token for good: about 1 GB an hour of a tab left open.
  const login = (origin, base = sim.portalOrigin) => fetch(`${base}/Integra/resources/auth/AgentLogin`, {
    method: 'POST', headers: { 'content-type': FORM, ...(origin ? { origin } : {}) }, body: 'agent=agent1001&password=Ag3nt-s3cret', signal: AbortSignal.timeout(5000),
  });
  const tokens = sim.rest.tokens(true).length;
  for (const origin of ['http://evil.example', 'null', `http://localhost:${new URL(sim.portalOrigin).port}`]) {
    const res = await login(origin);
    assert.equal(res.status, 403, origin);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(sim.rest.state.log.at(-1).outcome, 'forbidden-origin');
  }
  for (const path of ['auth/getUserToken', 'auth/UserLogin']) {
    const res = await at(`/Integra/resources/${path}`, { method: 'POST', headers: { 'content-type': FORM, origin: 'http://evil.example' }, body: 'user=supervisor&password=Sup3r-s3cret' });
    assert.equal(res.status, 403, path);
  }
  assert.equal(sim.rest.tokens(true).length, tokens, 'no token kept');
  assert.equal(sim.rest.state.sessions.agentLogins + sim.rest.state.sessions.userLogins, 0);
  for (const origin of [sim.portalOrigin, sim.formOrigin, undefined]) {
    assert.equal(typeof (await (await login(origin)).json()).md5secret, 'string', String(origin));
  }
  // A server of one's own that mounts the simulator and serves its pages: their origin is the request's.
  const { startRestServer } = await import('../../demo/rest/simulator.mjs');
  const own = await startRestServer({ port: 0 });
  try {
    assert.equal(typeof (await (await login(own.url, own.url)).json()).md5secret, 'string');
  } finally {
    await own.close();
  }
});

test('REST: /sim/state asked by another site\'s page without CORS (an <img>, a no-cors fetch: it cannot read it) is refused before the state is written out', async () => {
  // Any site can fill the request log and the webhooks (about 30 MB at their limits) and then ask for
  // the whole state from a few <img> tags in a loop: 127 ms of JSON.stringify each, the simulator busy for all.
  const state = (headers) => at('/sim/state', { headers });
  assert.equal((await state({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).status, 403);
  assert.equal((await state({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' })).status, 403);
  // The simulator's pages (same origin, or the second origin through CORS), the address bar, a link
  // followed from another site (one page, not a loop), Node clients.
  assert.equal((await state({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).status, 200);
  assert.equal((await state({ 'sec-fetch-site': 'same-origin' })).status, 200);
  const cors = await state({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: sim.formOrigin });
  assert.deepEqual([cors.status, cors.headers.get('access-control-allow-origin')], [200, sim.formOrigin]);
  assert.equal((await state({ 'sec-fetch-site': 'none' })).status, 200);
  assert.equal((await state({})).status, 200);
});

// The form framework's table store: its rows are objects, and a form names their columns. Names of
// Object.prototype's members read the prototype's functions as values (`c.constructor LIKE '%'` matched
// every row), an UC_update_async key found on the prototype matched every row of the table, and an
// alias or a column `__proto__` was dropped (assigned as the prototype, not kept as a value).
test('framework tables: constructor, toString, hasOwnProperty and __proto__ as columns, aliases and UC_update_async keys are plain names, read as any other', () => {
  const t = createTableStore();
  assert.deepEqual(t.select('SELECT c.constructor, c.toString AS s FROM customers c WHERE c.id = 1'), [{ constructor: null, s: null }]);
  assert.deepEqual(t.select("SELECT id FROM customers c WHERE c.hasOwnProperty LIKE '%' OR c.constructor = c.constructor"), []);
  assert.deepEqual(t.select('SELECT c.id FROM customers c LEFT JOIN sip s ON s.toString = c.toString WHERE s.id = 1'), []);
  assert.equal(JSON.stringify(t.select('SELECT name AS __proto__ FROM customers WHERE id = 1')), '[{"__proto__":"Ana Pérez"}]');
  // UC_update_async(row, table, key): the key is a field of the row itself.
  for (const key of ['constructor', 'toString', '__proto__']) assert.throws(() => t.update('customers', { plan: 'hacked' }, key), SqlError, key);
  assert.deepEqual(t.select("SELECT id FROM customers WHERE plan = 'hacked'"), []);
  // A column named __proto__, written by each writer, is a column (the row's prototype stays).
  assert.equal(t.exec("UPDATE customers SET __proto__ = 'a' WHERE id = 1"), 1);
  assert.equal(t.update('customers', JSON.parse('{"id":2,"__proto__":"b"}'), 'id'), 1);
  assert.equal(t.exec("INSERT INTO notes (__proto__, note) VALUES ('c', 'x')"), 1);
  assert.equal(t.insert('notes', JSON.parse('{"__proto__":"d","note":"y"}')).note, 'y');
  assert.equal(t.exec('UPDATE customers SET __proto__ = NULL WHERE id = 3'), 1);
  assert.equal(JSON.stringify(t.select('SELECT c.__proto__ AS p FROM customers c')), '[{"p":"a"},{"p":"b"},{"p":null}]');
  assert.equal(JSON.stringify(t.select('SELECT * FROM notes')), '[{"__proto__":"c","note":"x","id":1},{"__proto__":"d","note":"y","id":2}]');
  assert.ok(t.select('SELECT * FROM customers').every((r) => Object.getPrototypeOf(r) === Object.prototype));
});

// UC_Save_async and UC_update_async take a row from the form's JSON: a value that is an object was
// kept as it came. One with a `toString` that is no function threw a TypeError out of the store at
// each later insert into its table (its id) or comparison (a 500 for the form, never "ERROR": the
// table broken for good), and the store handed its own object to every reader (a caller's edit of
// a SELECT's answer or of dump() changed the store). A column holds one value: text, a number,
// true/false or NULL; anything else is refused ("ERROR"), the table left as it was.
test('framework tables: a row value that is an object or an array is refused ("ERROR"), and the table keeps working', async () => {
  const s = await session();
  const helper = (name, args) => at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args }) });
  const poison = { toString: 1, valueOf: 1 };
  for (const [name, args] of [['UC_Save_async', [{ id: poison }, 'q']], ['UC_Save_async', [{ note: poison }, 'q']], ['UC_Save_async', [{ note: ['x'] }, 'q']],
    ['UC_update_async', [{ id: 1, note: poison }, 'customers', 'id']], ['UC_update_async', [{ id: poison }, 'customers', 'id']]]) {
    const res = await helper(name, args);
    assert.equal(res.status, 200, `${name} ${JSON.stringify(args)}`);
    assert.deepEqual(await res.json(), { ok: true, value: 'ERROR' });
  }
  assert.deepEqual(await (await helper('UC_Save_async', [{ note: 'x' }, 'q'])).json(), { ok: true, value: 'OK' });
  assert.deepEqual(await (await helper('UC_exec_async', ["INSERT INTO q (note) VALUES ('y')"])).json(), { ok: true, value: 'OK' });
  const rows = await (await helper('UC_get_async', ["SELECT id, note FROM q WHERE note = 'x' OR note = 'y' ORDER BY note"])).json();
  assert.deepEqual(JSON.parse(rows.value), [{ id: 1, note: 'x' }, { id: 2, note: 'y' }]);
  const state = await (await at('/sim/framework/state', { headers: s.headers })).json();
  assert.deepEqual(state.tables.customers[0], { id: 1, idcustomer: '41', name: 'Ana Pérez', phone: '099100001', email: 'ana.perez@example.com', plan: 'gold' });
  // What a caller gets is its own: an edit changes nothing in the store.
  const t = createTableStore();
  t.insert('notes', { note: 'x' }).note = 'changed';
  t.dump().notes[0].note = 'changed';
  assert.deepEqual(t.select('SELECT note FROM notes'), [{ note: 'x' }]);
  await stillUp();
});

// Conditions are nested closures: 50,000 terms joined by AND (or OR), or COALESCE in COALESCE, ran
// the stack over (a RangeError, not a SqlError: the form got a 500, never "ERROR").
test('framework tables: a long run of AND or OR terms is answered, COALESCE nested thousands deep is a SqlError, never a stack overflow', async () => {
  const t = createTableStore();
  const terms = (op) => Array.from({ length: 50_000 }, (_, k) => (k ? `id = ${k + 1}` : 'id = 1')).join(` ${op} `);
  assert.deepEqual(t.select(`SELECT id FROM customers WHERE ${terms('OR')}`), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  assert.deepEqual(t.select(`SELECT id FROM customers WHERE ${terms('AND')}`), []);
  assert.equal(t.exec(`DELETE FROM customers WHERE plan = 'x' AND (${terms('OR')})`), 0);
  assert.throws(() => t.select(`SELECT ${'COALESCE('.repeat(20_000)}1${')'.repeat(20_000)} AS v FROM customers`), SqlError);
  const s = await session();
  const helper = (name, sql) => at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args: [sql] }) }).then((r) => r.json());
  assert.deepEqual(await helper('UC_exec_async', `UPDATE customers SET plan = ${'COALESCE('.repeat(20_000)}1${')'.repeat(20_000)}`), { ok: true, value: 'ERROR' });
  assert.equal((await helper('UC_get_async', `SELECT ${'COALESCE('.repeat(20_000)}1${')'.repeat(20_000)} FROM customers`)).ok, false);
  assert.deepEqual(await helper('UC_exec_async', `UPDATE customers SET plan = 'x' WHERE ${terms('AND')}`), { ok: true, value: 'OK' });
  await stillUp();
});

// A form's IN (…) compared each row's value with each item: 20,000 rows and a list of 20,000 numbers
// (a 110 KB statement) took 35 s of the simulator answering nobody.
test('framework tables: IN (…) of many values reads each row\'s value once, whatever the length of the list', () => {
  const reads = (n) => {
    let count = 0;
    const value = (k) => ({ toString: () => (count++, `v${k}`) });
    const t = createTableStore({ big: Array.from({ length: n }, (_, k) => ({ id: k + 1, v: value(k) })) });
    const list = Array.from({ length: n }, (_, k) => `'V${k}'`).join(', ');
    assert.deepEqual(t.select(`SELECT COUNT(*) AS n FROM big WHERE v IN (${list})`), [{ n }]);
    assert.deepEqual(t.select(`SELECT id FROM big WHERE v IN ('x', NULL, 'v1') OR id IN (2, NULL)`), [{ id: 2 }]);
    return count;
  };
  const small = reads(250);
  const large = reads(2000);
  assert.ok(large <= small * 10, `${small} reads for 250 rows, ${large} for 2,000`);
  // NULL's logic kept: NULL IN (…) and a value not in a list holding NULL are unknown (NOT of them matches nothing either).
  const t = createTableStore({ t: [{ id: 1, v: null }, { id: 2, v: 'a' }, { id: 3 }] });
  assert.deepEqual(t.select("SELECT id FROM t WHERE v IN ('a', NULL) OR v IN (NULL) OR v IN ('b')"), [{ id: 2 }]);
});

// Every row of a table joined with every row of itself, a few times over (`LEFT JOIN t b ON 1 = 1`):
// 200 rows three times were 8 million joined rows (7 s), four times 1.6 billion (the process out of
// memory: the demo gone for everyone); 1,000 rows once, a million, a 47 MB answer to a 60-byte request
// (4 s). The store refuses a statement past MAX_JOINED (100,000) rows paired.
test('framework tables: joins of a few hundred rows into billions are a SqlError past 100,000 rows paired, not the simulator out of memory', () => {
  const t = createTableStore({ s: Array.from({ length: 200 }, (_, k) => ({ id: k + 1, v: k % 2 })) });
  for (const joins of [3, 4]) {
    const sql = `SELECT COUNT(*) FROM s a${Array.from({ length: joins }, (_, k) => ` LEFT JOIN s j${k} ON 1 = 1`).join('')}`;
    assert.throws(() => t.select(sql), (e) => e instanceof SqlError && /too large/.test(e.message), sql);
  }
  assert.throws(() => t.select('SELECT COUNT(*) FROM s a LEFT JOIN s b ON a.v = b.v LEFT JOIN s c ON c.v = b.v LEFT JOIN s d ON d.v = c.v'), SqlError);
  const thousand = createTableStore({ t: Array.from({ length: 1000 }, (_, k) => ({ id: k + 1, v: 'x'.repeat(20) })) });
  assert.throws(() => thousand.select('SELECT * FROM t a LEFT JOIN t b ON 1 = 1'), (e) => e instanceof SqlError && /too large/.test(e.message));
  // Joins of the rows' own size still answer.
  assert.deepEqual(t.select('SELECT COUNT(*) AS n FROM s a LEFT JOIN s b ON a.id = b.id LEFT JOIN s c ON c.id = b.id'), [{ n: 200 }]);
  assert.deepEqual(t.select('SELECT COUNT(*) AS n FROM s a LEFT JOIN s b ON 1 = 1'), [{ n: 40_000 }]);
});

// LIKE went back to its last % on each mismatch: a pattern of `%` and 10,000 characters against a
// value of 100,000 took a billion steps (seconds; a statement of a megabyte, hours). Now the pieces
// between its `%`s are found in turn (indexOf); one with `_` past MAX_STEPS is refused.
test('framework tables: a LIKE of a long pattern against a long value is answered, or refused, at once', async () => {
  const s = await session();
  const helper = (name, args) => at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args }) }).then((r) => r.json());
  assert.deepEqual(await helper('UC_Save_async', [{ note: 'a'.repeat(100_000) }, 'notes']), { ok: true, value: 'OK' });
  const elapsed = clock();
  assert.deepEqual(await helper('UC_get_async', [`SELECT id FROM notes WHERE note LIKE '%${'a'.repeat(10_000)}b'`]), { ok: true, value: '[]' });
  assert.deepEqual(await helper('UC_get_async', [`SELECT id FROM notes WHERE note LIKE '%${'a'.repeat(10_000)}b%'`]), { ok: true, value: '[]' });
  assert.deepEqual(await helper('UC_get_async', [`SELECT id FROM notes WHERE note LIKE '%${'a'.repeat(10_000)}'`]), { ok: true, value: '[{"id":1}]' });
  assert.deepEqual(await helper('UC_get_async', [`SELECT id FROM notes WHERE note LIKE '%${'a'.repeat(5_000)}_b%'`]),
    { ok: false, error: 'UC_get_async: LIKE: the pattern is too costly for the simulator' });
  assert.deepEqual(await helper('UC_exec_async', [`DELETE FROM notes WHERE note LIKE '%${'a'.repeat(5_000)}_b%'`]), { ok: true, value: 'ERROR' });
  const took = elapsed();
  assert.ok(took < 2000, `answered within 2 s (${took} ms)`);
  await stillUp();
  // The same answers as a regular expression's, `%` and `_` anywhere, in any letter case.
  const text = (chars) => fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((a) => a.join(''));
  const like = (v, p) => new RegExp(`^${[...p].map((c) => (c === '%' ? '[^]*' : c === '_' ? '[^]' : c)).join('')}$`).test(v.toLowerCase());
  fc.assert(fc.property(text(['a', 'b', 'A']), text(['a', 'b', '%', '_']), (v, p) => {
    const t = createTableStore({ x: [{ id: 1, v }] });
    assert.equal(t.select(`SELECT id FROM x WHERE v LIKE '${p}'`).length, like(v, p) ? 1 : 0, `${v} LIKE ${p}`);
  }), { numRuns: 2000 });
});

// UC_update_async(row, table, key) updates the rows WHERE key = row[key], as the statement the real
// helper builds: compared as text (String(null) === 'null'), a null key updated every row whose key
// was NULL, the text 'null' or missing, and a key of 'undefined' every row without the column.
test('framework tables: UC_update_async matches its key as `=` does: NULL matches no row, a missing column is NULL, letter case aside', () => {
  const t = createTableStore({ n: [{ id: 1, k: null }, { id: 2, k: 'null' }, { id: 3 }, { id: 4, k: 'A' }, { id: 5, k: 'undefined' }] });
  assert.equal(t.update('n', { k: null, v: 'x' }, 'k'), 0);
  assert.equal(t.update('n', { k: 'undefined', v: 'y' }, 'k'), 1);
  assert.equal(t.update('n', { k: 'a', v: 'z' }, 'k'), 1);
  assert.deepEqual(t.select('SELECT id, v FROM n'), [{ id: 1, v: null }, { id: 2, v: null }, { id: 3, v: null }, { id: 4, v: 'z' }, { id: 5, v: 'y' }]);
});

// `col->>'$.key'` answers a JSON value that is no text as its JSON text: one nested 100,000 levels
// deep (a text column, 200 KB, saved by any form) ran JSON.stringify's stack over (a RangeError out of
// the store, a 500 for the form) at each read of the column.
test('framework tables: ->> on a JSON value nested 100,000 levels deep is a SqlError ("ERROR" or a rejection), not a 500', async () => {
  const s = await session();
  const helper = (name, args) => at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args }) }).then((r) => r.json());
  const n = 100_000;
  assert.deepEqual(await helper('UC_Save_async', [{ d: `{"a":${'['.repeat(n)}${']'.repeat(n)},"b":"x"}` }, 'j']), { ok: true, value: 'OK' });
  assert.deepEqual(await helper('UC_get_async', ["SELECT d->>'$.a' AS a FROM j"]), { ok: false, error: 'UC_get_async: the JSON value nests too deep' });
  assert.deepEqual(await helper('UC_exec_async', ["DELETE FROM j WHERE d->>'$.a' = '[]'"]), { ok: true, value: 'ERROR' });
  assert.deepEqual(await helper('UC_get_async', ["SELECT d->>'$.b' AS b FROM j"]), { ok: true, value: '[{"b":"x"}]' });
  await stillUp();
});

// The desk's log keeps each helper call's arguments and answer, LOG_LIMIT of them, and goes out whole
// in each answer to the desk's POSTs and each event stream's hello: a `SELECT *` of a table one
// INSERT filled (2,000 rows: a 100 KB answer; a megabyte's INSERT, 250,000 rows and 8 MB) was kept
// whole at each call, as was each statement of up to a megabyte: 60-byte requests filled the
// simulator's memory by megabytes. The log keeps LOG_TEXT characters of each, and their length.
test('framework: the desk\'s log keeps the first LOG_TEXT characters of a helper\'s long argument or answer; the form gets all of it', async () => {
  const s = await session();
  const helper = (name, args) => at(`/sim/framework/helper/${name}`, { method: 'POST', headers: s.headers, body: JSON.stringify({ args }) }).then((r) => r.json());
  const insert = `INSERT INTO t (note) VALUES ${Array.from({ length: 2000 }, (_, k) => `('${'x'.repeat(30)}${k}')`).join(', ')}`;
  assert.deepEqual(await helper('UC_exec_async', [insert]), { ok: true, value: 'OK' });
  const answer = await helper('UC_get_async', ['SELECT * FROM t']);
  assert.equal(JSON.parse(answer.value).length, 2000, 'the form gets every row');
  const { log } = await (await at('/sim/framework/state', { headers: s.headers })).json();
  const [exec, get] = log.slice(-2);
  assert.equal(exec.args[0], `${insert.slice(0, LOG_TEXT)}… (${insert.length} characters)`);
  assert.equal(get.result, `${answer.value.slice(0, LOG_TEXT)}… (${answer.value.length} characters)`);
  assert.deepEqual(get.args, ['SELECT * FROM t'], 'short ones whole');
  await stillUp();
});

// An IN list that is not all values (`IN (id, id, …)`: columns) is still compared item by item: 20,000
// rows and 20,000 items were 400 million comparisons (a 120 KB statement: a minute of the simulator
// answering nobody). Past MAX_STEPS comparisons (LIKE's `_` pieces and these) the statement is refused.
test('framework tables: an IN list of columns over many rows is refused past MAX_STEPS comparisons, at once', () => {
  const t = createTableStore({ big: Array.from({ length: 20_000 }, (_, k) => ({ id: k + 1, v: `${k}` })) });
  const list = Array.from({ length: 20_000 }, () => 'v').join(', ');
  const elapsed = clock();
  assert.throws(() => t.select(`SELECT COUNT(*) FROM big WHERE 'x' IN (${list})`), (e) => e instanceof SqlError && e.message === 'WHERE: the condition is too costly for the simulator');
  assert.throws(() => t.exec(`DELETE FROM big WHERE 'x' IN (${list})`), SqlError);
  const took = elapsed();
  assert.ok(took < 2000, `refused within 2 s (${took} ms)`);
  // Lists of a form's size still answer, columns among values.
  assert.deepEqual(t.select("SELECT id FROM big WHERE '7' IN (v, id, 'y') OR id IN (v, 5)"), [{ id: 5 }, { id: 7 }, { id: 8 }]);
});

// Work that grows as rows × the statement's length: an UPDATE's SET items (or UC_update_async's
// fields) written into each row it matches, a SELECT's items read for each row. 5,000 of them over
// 5,000 rows were 25 million writes (seconds of the simulator answering nobody; a megabyte's
// statement over a table one INSERT filled, hours, and each row 100,000 columns wide: out of memory).
// Past MAX_STEPS the statement is refused, before it writes anything.
test('framework tables: an UPDATE of thousands of columns over thousands of rows, or a SELECT of thousands of items, is refused whole, at once', () => {
  const t = createTableStore({ big: Array.from({ length: 5000 }, (_, k) => ({ id: k + 1, v: 'a' })) });
  const elapsed = clock();
  const sets = Array.from({ length: 5000 }, (_, k) => `c${k} = 'x'`).join(', ');
  assert.throws(() => t.exec(`UPDATE big SET ${sets}`), (e) => e instanceof SqlError && /too costly/.test(e.message));
  assert.throws(() => t.update('big', Object.fromEntries([['v', 'a'], ...Array.from({ length: 5000 }, (_, k) => [`c${k}`, 'x'])]), 'v'), SqlError);
  assert.throws(() => t.select(`SELECT ${Array(5000).fill('id').join(', ')} FROM big`), SqlError);
  assert.throws(() => t.select(`SELECT ${Array(5000).fill('*').join(', ')} FROM big`), SqlError);
  const took = elapsed();
  assert.ok(took < 2000, `refused within 2 s (${took} ms)`);
  // Nothing written: the refusal comes before the first row.
  assert.deepEqual(t.select('SELECT * FROM big WHERE id = 1 OR id = 5000'), [{ id: 1, v: 'a' }, { id: 5000, v: 'a' }]);
  // A form's sizes still run.
  assert.equal(t.exec("UPDATE big SET v = 'b', w = 'c' WHERE id IN (1, 2)"), 2);
  assert.equal(t.select('SELECT id, v, w FROM big').length, 5000);
});

// `=`, `<>` and LIKE compare in any letter case: the value a form wrote was lowered again for each
// row (and a LIKE pattern split again), 20,000 rows and a 400 KB value: seconds of the simulator
// answering nobody (a table a few INSERTs filled and a megabyte's statement: minutes).
test('framework tables: a long value or pattern compared with each row of a large table is read once, at once', () => {
  const t = createTableStore({ big: Array.from({ length: 20_000 }, (_, k) => ({ id: k + 1, v: `${k}` })) });
  const long = 'X'.repeat(400_000);
  const elapsed = clock();
  assert.deepEqual(t.select(`SELECT COUNT(*) AS n FROM big WHERE v = '${long}' OR '${long}' = v`), [{ n: 0 }]);
  assert.deepEqual(t.select(`SELECT COUNT(*) AS n FROM big WHERE v <> '${long}'`), [{ n: 20_000 }]);
  assert.deepEqual(t.select(`SELECT COUNT(*) AS n FROM big WHERE v LIKE '%${long}%'`), [{ n: 0 }]);
  const took = elapsed();
  assert.ok(took < 1000, `answered within 1 s (${took} ms)`);
  // In any letter case, NULL matching nothing, as before.
  const u = createTableStore({ t: [{ id: 1, v: 'Ab' }, { id: 2, v: null }, { id: 3 }] });
  assert.deepEqual(u.select("SELECT id FROM t WHERE v = 'aB' OR v LIKE 'A_' OR v <> 'x' OR 'AB' = v"), [{ id: 1 }]);
  assert.deepEqual(u.select("SELECT id FROM t WHERE v <> 'x' OR v = NULL OR v LIKE NULL"), [{ id: 1 }]);
});

// Each LEFT JOIN copied every table before it into each row it joined, and GROUP BY wrote each of its
// items for each row: 6,000 joins (a 270 KB statement) took 43 s, a megabyte's about 12 minutes, of
// the simulator answering nobody. MySQL joins at most 61 tables; GROUP BY's items count against MAX_STEPS.
test('framework tables: a SELECT of thousands of joins or GROUP BY items is refused at once; 61 tables join, as in MySQL', () => {
  const t = createTableStore({ big: Array.from({ length: 5000 }, (_, k) => ({ id: k + 1 })) });
  const joins = (n) => `SELECT COUNT(*) AS n FROM customers a ${Array.from({ length: n }, (_, k) => `LEFT JOIN customers c${k} ON c${k}.id = a.id`).join(' ')}`;
  const elapsed = clock();
  const d = createTableStore();
  assert.throws(() => d.select(joins(6000)), (e) => e instanceof SqlError && /61 tables/.test(e.message));
  assert.throws(() => d.select(joins(61)), SqlError);
  // Its keys (2,000 ids a row) pass MAX_CHARS about when its steps pass MAX_STEPS: either refuses it.
  assert.throws(() => t.select(`SELECT COUNT(*) FROM big GROUP BY ${Array(2000).fill('id').join(', ')}`), (e) => e instanceof SqlError && /too costly|too large/.test(e.message));
  const took = elapsed();
  assert.ok(took < 2000, `refused within 2 s (${took} ms)`);
  assert.deepEqual(d.select(joins(60)), [{ n: 3 }]);
  assert.equal(t.select('SELECT id, COUNT(*) AS n FROM big GROUP BY id, id').length, 5000);
});

// A condition or an item is evaluated for each row: 5,000 terms joined by OR, or COALESCE of 5,000
// values, over 20,000 rows were 100 million steps (seconds; a megabyte's statement over a table one
// INSERT filled, hours). Each row's evaluation counts the expression's size against MAX_STEPS (an IN
// list of values counts as one: it is looked up).
test('framework tables: a condition or an item of thousands of terms over a large table is refused at once; an IN list of values is not', () => {
  const t = createTableStore({ big: Array.from({ length: 20_000 }, (_, k) => ({ id: k + 1 })) });
  const terms = Array.from({ length: 5000 }, (_, k) => `id = ${k + 1}`).join(' OR ');
  const elapsed = clock();
  assert.throws(() => t.select(`SELECT id FROM big WHERE ${terms}`), (e) => e instanceof SqlError && /too costly/.test(e.message));
  assert.throws(() => t.exec(`DELETE FROM big WHERE ${terms}`), SqlError);
  assert.throws(() => t.exec(`UPDATE big SET v = 1 WHERE ${terms}`), SqlError);
  assert.throws(() => t.select(`SELECT COALESCE(${Array(5000).fill('NULL').join(', ')}, id) AS v FROM big`), SqlError);
  assert.throws(() => t.select(`SELECT id FROM big ORDER BY COALESCE(${Array(5000).fill('NULL').join(', ')}, id)`), SqlError);
  assert.throws(() => t.select(`SELECT COUNT(*) FROM big a LEFT JOIN big b ON (b.id = a.id AND (${terms.replaceAll('id', 'b.id')}))`), SqlError);
  const took = elapsed();
  assert.ok(took < 2000, `refused within 2 s (${took} ms)`);
  assert.equal(t.select(`SELECT id FROM big WHERE id IN (${Array.from({ length: 20_000 }, (_, k) => k + 1).join(', ')})`).length, 20_000);
  assert.deepEqual(t.select('SELECT id FROM big WHERE id = 7 OR (id = 9 AND COALESCE(NULL, id) = 9)'), [{ id: 7 }, { id: 9 }]);
  // Nothing deleted or written.
  assert.deepEqual(t.select('SELECT COUNT(*) AS n, COALESCE(v, 0) AS v FROM big'), [{ n: 20_000, v: 0 }]);
});

// A desk's tables grew with every INSERT: one statement of a megabyte adds 240,000 rows (50 MB of the
// simulator's memory), and about 80 of them ran the process out of memory (every desk gone), each
// desk POST writing the whole store out meanwhile. A desk's tables hold at most MAX_ROWS rows; a
// statement that would pass it is refused whole (no row of it kept), and a DELETE makes room again.
test('framework tables: a desk\'s tables hold at most MAX_ROWS rows; an INSERT past it is refused whole, a DELETE makes room', () => {
  assert.equal(MAX_ROWS, 100_000);
  const t = createTableStore({ seeded: [{ id: 1 }] });
  const values = (n) => Array(n).fill("('x')").join(',');
  assert.throws(() => t.exec(`INSERT INTO t (a) VALUES ${values(MAX_ROWS)}`), (e) => e instanceof SqlError && /at most 100000 rows/.test(e.message));
  assert.deepEqual(t.select('SELECT COUNT(*) AS n FROM t'), [{ n: 0 }], 'no row of the refused statement kept');
  assert.equal(t.exec(`INSERT INTO t (a) VALUES ${values(MAX_ROWS - 2)}`), MAX_ROWS - 2);
  t.insert('u', { a: 'y' });
  assert.throws(() => t.insert('u', { a: 'z' }), SqlError);
  assert.throws(() => t.exec("INSERT INTO u (a) VALUES ('z')"), SqlError);
  assert.equal(t.exec('DELETE FROM t WHERE id = 1'), 1);
  t.insert('u', { a: 'z' });
  assert.deepEqual(t.select('SELECT a FROM u'), [{ a: 'y' }, { a: 'z' }]);
});

// MAX_ROWS let each row be as large as a request: some 4,000 one-megabyte INSERTs (the desk helpers,
// or REST's FormExec and FormSave, one store for every client of the instance) filled the process's
// memory, and an UPDATE setting new columns in every row added millions of values at each call.
test('framework tables: a store holds at most MAX_CHARS characters; an INSERT or UPDATE past it is refused whole, a DELETE makes room', () => {
  assert.equal(MAX_CHARS, 32_000_000);
  const t = createTableStore({});
  const mb = 'x'.repeat(1_000_000);
  let kept = 0;
  assert.throws(() => { for (; kept < 40; kept++) t.insert('notes', { note: mb }); }, (e) => e instanceof SqlError && /at most 32000000 characters/.test(e.message));
  assert.equal(kept, 31, 'rows of a million characters (and an id) each: the 32nd passes the bound');
  assert.throws(() => t.exec(`INSERT INTO notes (note) VALUES ('${mb}')`), SqlError);
  assert.equal(t.exec('DELETE FROM notes WHERE id > 29'), 2);
  assert.equal(t.exec(`INSERT INTO notes (note) VALUES ('${mb}')`), 1);
  // New columns in every row: refused before the first row changes, as UC_update_async's.
  const sets = Array.from({ length: 1000 }, (_, k) => `c${'x'.repeat(60)}${k} = 1`).join(', ');
  assert.throws(() => t.exec(`UPDATE notes SET ${sets}`), (e) => e instanceof SqlError && /characters/.test(e.message));
  assert.throws(() => t.update('notes', Object.fromEntries(Array.from({ length: 1000 }, (_, k) => [`c${'x'.repeat(60)}${k}`, 1]).concat([['note', mb]])), 'note'), SqlError);
  assert.deepEqual(t.select('SELECT COUNT(*) AS n FROM notes'), [{ n: 30 }]);
  assert.ok(t.select('SELECT * FROM notes').every((r) => Object.keys(r).join() === 'note,id'), 'no column added');
  // Changes that fit are made.
  assert.equal(t.exec("UPDATE notes SET note = 'short' WHERE id = 1"), 1);
  assert.equal(t.update('notes', { id: 2, note: 'short' }, 'id'), 1);
  assert.deepEqual(t.select("SELECT id FROM notes WHERE note = 'short'"), [{ id: 1 }, { id: 2 }]);
  for (let k = 0; k < 3; k++) assert.equal(t.exec(`INSERT INTO notes (note) VALUES ('${mb}')`), 1, 'the room the shorter notes left');
});

// Joins repeat a row's texts in each row they pair it with: 31 rows of a megabyte joined three times
// over answered 89 billion characters, and JSON.stringify worked 3 minutes (every desk waiting, 2 GB
// of memory) before it failed.
test('framework tables: a SELECT\'s answer holds at most MAX_CHARS characters; a join repeating long texts past it is refused', () => {
  const t = createTableStore({});
  const mb = 'x'.repeat(1_000_000);
  for (let i = 0; i < 10; i++) t.insert('big', { note: mb });
  assert.throws(() => t.select('SELECT a.note, b.note AS n2 FROM big a LEFT JOIN big b ON 1 = 1'), (e) => e instanceof SqlError && /answer is too large/.test(e.message));
  assert.throws(() => t.select('SELECT * FROM big a LEFT JOIN big b ON 1 = 1'), SqlError);
  // The table itself, and the join of its ids, are answered.
  assert.equal(t.select('SELECT * FROM big').length, 10);
  assert.equal(t.select('SELECT a.id, b.id AS id2 FROM big a LEFT JOIN big b ON 1 = 1').length, 100);
});

test('REST: an uploaded file\'s lines are read one at a time, never all split at once (SMS/uploadbase, GM_Integration/BatchMeasures)', async () => {
  // Fresh connections: the MAX_CHARS test before this one holds the loop for seconds under load.
  const t = JSON.parse(await (await fresh('/Integra/resources/auth/getUserToken', { method: 'POST', headers: { 'content-type': FORM }, body: 'user=supervisor&password=Sup3r-s3cret' })).text());
  // A line and 100,000 line breaks: split(/\r?\n/) of the decoded file made an array of 100,002 lines
  // (of a 48 MB file, 48 million: 450 MB and 2 s of the one process). Every split's array is measured
  // while the requests run (the servers run in this process).
  const fileb64 = Buffer.from(`AutomatedSMSDialer;091111111;Hi World${'\n'.repeat(100_000)}`).toString('base64');
  const longest = await longestSplit(async () => {
    for (const [path, fields] of [
      ['/Integra/resources/SMS/uploadbase', { filename: 'base.csv', fileb64, campaign: 'AutomatedSMSDialer' }],
      ['/IntegraGamification/resources/GM_Integration/BatchMeasures', { filename: 'm.csv', fileb64 }],
    ]) {
      const res = await fresh(path, { method: 'POST', headers: { 'content-type': FORM, authorization: `Basic ${t}` }, body: new URLSearchParams(fields).toString() });
      assert.equal(await res.text(), '1', path);
    }
  });
  assert.ok(longest < 1000, `an array of ${longest} parts`);
  assert.deepEqual([sim.rest.state.bases.at(-1).lines, sim.rest.state.gamificationBatches.at(-1).rows, sim.rest.state.gamificationBatches.at(-1).skipped], [1, 0, 1]);
  await stillUp(fresh);
});

test('REST: an uploaded line\'s fields are split only as far as its endpoint reads them (the uploadbase endpoints, BatchMeasures)', async () => {
  const t = JSON.parse(await (await at('/Integra/resources/auth/getUserToken', { method: 'POST', headers: { 'content-type': FORM }, body: 'user=supervisor&password=Sup3r-s3cret' })).text());
  // One line of 100,000 `;`: line.split(';') made an array of 100,001 fields (of a 48 MB file, 48
  // million: 1.3 GB of heap and 5 s of the one process for one BatchMeasures request).
  const semis = ';'.repeat(100_000);
  const b64 = (text) => Buffer.from(text).toString('base64');
  const answers = [];
  const longest = await longestSplit(async () => {
    for (const [path, fields] of [
      ['/Integra/resources/Dialers/uploadbase', { filename: 'b.csv', fileb64: b64(`Promo->;099100001${semis}`), campaign: 'Promo->', cant: '1' }],
      ['/Integra/resources/SMS/uploadbase', { filename: 'b.csv', fileb64: b64(`AutomatedSMSDialer;091111111;Hi${semis}`), campaign: 'AutomatedSMSDialer' }],
      ['/IntegraChannels/resources/DialersResources/uploadDialerBase', { channel: 'sms', filename: 'b.csv', fileb64: b64(`D;091111111;Hi${semis}`), dialer: 'D', cant: '1' }],
      ['/IntegraGamification/resources/GM_Integration/BatchMeasures', { filename: 'm.csv', fileb64: b64(`agent1001;calls;2026-11-02 09:15:00;1;2${semis}`) }],
    ]) {
      const res = await at(path, { method: 'POST', headers: { 'content-type': FORM, authorization: `Basic ${t}` }, body: new URLSearchParams(fields).toString() });
      answers.push(await res.text());
    }
  });
  assert.ok(longest < 1000, `an array of ${longest} parts`);
  // The same answers as a whole split gives: too many fields for a calls base or an SMS base, anything
  // after the message taken on a channel's, a batch line of more than five fields skipped.
  assert.deepEqual(answers, ['0', '0', '1', '1']);
  assert.deepEqual(sim.rest.state.log.slice(-4).map((e) => e.outcome), ['rejected:bad-line-fields', 'rejected:bad-sms-line', 'ok', 'ok']);
  assert.deepEqual([sim.rest.state.gamificationBatches.at(-1).rows, sim.rest.state.gamificationBatches.at(-1).skipped], [0, 1]);
  await stillUp();
});

test('REST: a form body in a declared charset (ISO-8859-1) is decoded into one buffer, not a number per byte and a parseInt per escape', async () => {
  const t = JSON.parse(await (await at('/Integra/resources/auth/getUserToken', { method: 'POST', headers: { 'content-type': FORM }, body: 'user=supervisor&password=Sup3r-s3cret' })).text());
  // 100,000 escapes: read a byte at a time into an array, each escape's two digits parsed as text,
  // a 63 MB body took 4 s and 324 MB of the one process (the UTF-8 reading, a second).
  const file = 'agent1001;calls;2026-11-02 09:15:00;1;2\n'.repeat(2_000);
  const fileb64 = [...Buffer.from(file).toString('base64')].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
  const { from } = Uint8Array;
  const { parseInt: parse } = globalThis;
  let largest = 0;
  let parsed = 0;
  Uint8Array.from = function (...args) {
    largest = Math.max(largest, args[0]?.length ?? 0);
    return from.apply(this, args);
  };
  globalThis.parseInt = (...args) => (parsed++, parse(...args));
  let res;
  try {
    res = await at('/IntegraGamification/resources/GM_Integration/BatchMeasures', { method: 'POST', headers: { 'content-type': `${FORM}; charset=ISO-8859-1`, authorization: `Basic ${t}` }, body: `filename=m%E9.csv&fileb64=${fileb64}` });
  } finally {
    Uint8Array.from = from;
    globalThis.parseInt = parse;
  }
  assert.equal(await res.text(), '1');
  assert.ok(largest < 1000 && parsed < 1000, `an array of ${largest} bytes, ${parsed} parseInt calls`);
  // Read as before: the file whole, the Latin-1 escape of the name as é.
  assert.deepEqual([sim.rest.state.gamificationBatches.at(-1).filename, sim.rest.state.gamificationBatches.at(-1).rows], ['mé.csv', 2_000]);
  await stillUp();
});

test('REST: a form body of more than MAX_FIELDS (10,000) fields is refused (400) before any is read; 10,000 are read', async () => {
  const t = JSON.parse(await (await at('/Integra/resources/auth/getUserToken', { method: 'POST', headers: { 'content-type': FORM }, body: 'user=supervisor&password=Sup3r-s3cret' })).text());
  // A 64 MB body of `a=&a=&…` (21 million fields) took 5 s and 2.7 GB of heap to read, the whole
  // simulator answering nobody.
  const hangup = (fields) => at('/Integra/resources/Agents/HangupPhone', { method: 'POST', headers: { 'content-type': FORM, authorization: `Basic ${t}` }, body: `phone=1001${'&a='.repeat(fields - 1)}&&` });
  const over = await hangup(MAX_FIELDS + 1);
  assert.deepEqual([over.status, await over.text(), sim.rest.state.log.at(-1).outcome], [400, 'Bad Request', 'too-many-fields']);
  assert.equal(sim.rest.state.hangups.length, 0);
  // Up to the bound they are read (`a` named twice is read once, and is not HangupPhone's).
  const at10k = await hangup(MAX_FIELDS);
  assert.deepEqual([at10k.status, await at10k.text(), sim.rest.state.log.at(-1).outcome], [200, '0', 'rejected:unexpected-field']);
  await stillUp();
});
