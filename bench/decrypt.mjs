// decryptCti (dist/cti.js) against bare crypto-js (AES.decrypt + Utf8 + JSON.parse) on 1 KB and
// 20 KB CTI objects, in one Chromium page. Rounds alternate the two, each round times a batch.
import { readFile } from 'node:fs/promises';
import { median, medianBand } from './lib/stats.mjs';
import { ROOT } from './size.mjs';
import { profile } from './lib/profile.mjs';

export const TARGET = 1.15;
export const SIZES = [1024, 20 * 1024];

/** True when the built cti entry exports decryptCti (checked from the file, before any browser work). */
export async function hasDecryptCti() {
  try {
    const text = await readFile(`${ROOT}/dist/cti.js`, 'utf8');
    return /export\s*\{[^}]*\bdecryptCti\b/.test(text);
  } catch {
    return false;
  }
}

// Runs in the page: builds a CTI object of about `bytes` of JSON, encrypts it, then measures.
function inPage([bytes, rounds, batchMs]) {
  const pass = 'bench-passphrase-not-a-secret';
  const pairs = [];
  const cti = {
    Guid: '824da669-2239-46f2-98c7-1a8cafa34701', Campaign: 'Sales->', Callerid: '099123456', Form: 'salesForm',
    ParAndValues: '', Screen: 'FALSE', Beep: 'FALSE', Answer: 'TRUE', Channel: 'phone',
    Dialer: {
      campaign: 'Sales->', destination: '099123456', status: 1, data: 'idcustomer=7:name=Ana',
      alternatives: '098111222:097333444', retries: 2, contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '1001',
    },
  };
  // Grow ParAndValues with k=v pairs until the JSON reaches the size.
  for (let i = 0; JSON.stringify(cti).length < bytes; i++) {
    pairs.push(`field${i}=value-${(i * 7919).toString(36)}`);
    cti.ParAndValues = pairs.join(':');
  }
  const plain = JSON.stringify(cti);
  const c = window.CryptoJS.AES.encrypt(plain, pass).toString();
  const { decryptCti } = window.cti;
  const base = () => JSON.parse(window.CryptoJS.AES.decrypt(c, pass).toString(window.CryptoJS.enc.Utf8));
  const lib = () => decryptCti(c, pass);
  // For the explanation of a gap: the validation/parsing part alone, and JSON.parse alone.
  const parseOnly = window.cti.parseCti ? () => window.cti.parseCti(JSON.parse(plain)) : undefined;
  const jsonOnly = () => JSON.parse(plain);
  // crypto-js's own base64 parse of the ciphertext, which the baseline does inside AES.decrypt and
  // decryptCti replaces with atob (and its UTF-8 decoder with TextDecoder).
  const b64Only = () => window.CryptoJS.enc.Base64.parse(c);
  if (base().Guid !== cti.Guid || lib().guid !== cti.Guid) throw new Error('fixture does not round-trip');
  // Warm both up (JIT) for about half a second, then size a batch to about batchMs.
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) { base(); lib(); }
  const batchOf = (fn) => {
    let n = 1;
    for (;;) {
      const t = performance.now();
      for (let i = 0; i < n; i++) fn();
      if (performance.now() - t > batchMs) return n;
      n *= 2;
    }
  };
  const k = batchOf(base);
  let sink = 0;
  const time = (fn, count = k) => {
    const t = performance.now();
    for (let i = 0; i < count; i++) sink += fn() ? 1 : 0;
    return ((performance.now() - t) * 1000) / count; // µs per call
  };
  for (let i = 0; i < 3; i++) { time(base); time(lib); } // warm-up
  const out = { plainBytes: plain.length, cipherBytes: c.length, batch: k, base: [], lib: [], parse: [], json: [], b64: [] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2) { out.lib.push(time(lib)); out.base.push(time(base)); } else { out.base.push(time(base)); out.lib.push(time(lib)); }
  }
  const kParse = parseOnly ? batchOf(parseOnly) : 0;
  const kJson = batchOf(jsonOnly);
  const kB64 = batchOf(b64Only);
  for (let r = 0; r < Math.ceil(rounds / 2); r++) {
    if (parseOnly) out.parse.push(time(parseOnly, kParse));
    out.json.push(time(jsonOnly, kJson));
    out.b64.push(time(b64Only, kB64));
  }
  out.sink = sink;
  window.benchLib = lib; // the last (largest) fixture, for the CPU profile
  return out;
}

/** Runs the decrypt benchmark, or returns `{skipped}` when dist/cti.js has no decryptCti. */
export async function runDecrypt({ browser, server, rounds = 41, batchMs = 10 }) {
  if (!(await hasDecryptCti())) return { skipped: 'dist/cti.js exports no decryptCti yet' };
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.portalOrigin}/pages/decrypt.html`);
    const ok = await page.evaluate(() => window.benchReady);
    if (!ok) return { skipped: `dist/cti.js could not be loaded in the page or has no decryptCti (${await page.evaluate(() => window.ctiError ?? '')})` };
    const rows = [];
    for (const bytes of SIZES) {
      const m = await page.evaluate(inPage, [bytes, rounds, batchMs]);
      const baseUs = median(m.base);
      const libUs = median(m.lib);
      const ratio = libUs / baseUs;
      const perRound = m.lib.map((x, i) => x / m.base[i]);
      rows.push({
        bytes, plainBytes: m.plainBytes, cipherBytes: m.cipherBytes, batch: m.batch, baseUs, libUs, ratio,
        parseCtiUs: m.parse.length ? median(m.parse) : undefined, jsonParseUs: median(m.json), base64ParseUs: median(m.b64),
        ratioPerRound: median(perRound),
        ratioPerRoundBand: medianBand(perRound),
        // Judged on the per-round ratio: each round times both side by side, so a slow phase of
        // the machine (they last seconds here) cannot fall on one of them only.
        pass: median(perRound) <= TARGET, samples: { base: m.base, lib: m.lib },
      });
    }
    // Where decryptCti spends its time on the largest fixture.
    const hot = await profile(context, page, () => page.evaluate(() => {
      const end = performance.now() + 1500;
      while (performance.now() < end) window.benchLib();
    }));
    return { rows, profileLargest: hot };
  } finally {
    await context.close();
  }
}
