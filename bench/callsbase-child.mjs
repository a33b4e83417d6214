// One calls-base measurement in a fresh process (clean peak memory): `node callsbase-child.mjs
// <variant> <records> <chunkSize>`; prints one JSON line. Variants:
//   naive       build every line, join, base64 and form-encode in one go (one request body)
//   lib-sync    uploadCallsBase from dist/http.js, records from a sync generator
//   lib-async   the same, records from an async generator (a streaming source)
//   verify      checks that naive and lib produce byte-identical request bodies (small input)
// The library's `fetch` discards the body (counts its bytes) and answers `1`: no network.
import { createUContactClient } from '../dist/http.js';

const [variant, recordsArg, chunkArg] = process.argv.slice(2);
const N = Number(recordsArg);
const CHUNK = Number(chunkArg);
const CAMPAIGN = 'Sales->';
const TOKEN = Buffer.from('bench:00000000-0000-4000-8000-000000000000').toString('base64');

// The same records for every variant.
function record(i) {
  return {
    phone: `09${String(1_000_000 + (i % 9_000_000)).padStart(7, '0')}`,
    data: { id: String(i), name: 'Ana' },
    alternatives: ['098111222', { type: 'H', retries: 0, number: '999555555' }],
    priority: (i % 9) + 1,
  };
}
function* syncRecords(n) {
  for (let i = 0; i < n; i++) yield record(i);
}
async function* asyncRecords(n) {
  for (let i = 0; i < n; i++) yield record(i);
}

// The naive writer: no validation, every line in memory, one base64, one body.
function naive(records) {
  const lines = [];
  for (const r of records) {
    const data = Object.entries(r.data).map(([k, v]) => `${k}=${v}`).join(':');
    const alts = r.alternatives.map((a) => (typeof a === 'string' ? a : `${a.type}=${a.retries}=${a.number}`)).join(':');
    lines.push(`${CAMPAIGN};${r.phone};${data};${alts};${r.priority}`);
  }
  const text = lines.join('\n') + '\n';
  const fileb64 = Buffer.from(text, 'utf8').toString('base64');
  return [new URLSearchParams({ filename: 'base', fileb64, campaign: CAMPAIGN, cant: String(lines.length), username: 'bench' }).toString()];
}

async function library(records) {
  const bodies = [];
  let bytes = 0;
  const keep = variant === 'verify';
  const uc = createUContactClient({
    baseUrl: 'https://bench.invalid',
    credentials: { token: TOKEN, user: 'bench' },
    timeoutMs: 0,
    fetch: async (_url, init) => {
      bytes += init.body.length;
      if (keep) bodies.push(init.body);
      return { status: 200, text: async () => '1' };
    },
  });
  const result = await uc.uploadCallsBase({ campaign: CAMPAIGN, filename: 'base', records, chunkSize: CHUNK, username: 'bench' });
  return { bodies, bytes, result };
}

const mb = (b) => b / (1024 * 1024);
globalThis.gc?.();
const rssStart = process.memoryUsage().rss;
const t = performance.now();
let out;
if (variant === 'naive') {
  const [body] = naive(syncRecords(N));
  out = { bodyBytes: body.length };
} else if (variant === 'lib-sync' || variant === 'lib-async') {
  const { bytes, result } = await library(variant === 'lib-sync' ? syncRecords(N) : asyncRecords(N));
  out = { bodyBytes: bytes, chunks: result.chunks, uploaded: result.uploaded };
} else if (variant === 'verify') {
  const [a] = naive(syncRecords(N));
  const { bodies } = await library(syncRecords(N));
  out = { identical: bodies.length === 1 && bodies[0] === a };
} else {
  throw new Error(`unknown variant ${variant}`);
}
const ms = performance.now() - t;
const maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({
  variant, records: N, chunkSize: CHUNK, ms, recordsPerSec: (N / ms) * 1000,
  rssStartMB: mb(rssStart), peakRssMB: mb(maxRssBytes), peakAboveStartMB: mb(maxRssBytes - rssStart), ...out,
}) + '\n');
