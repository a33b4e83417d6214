// `npm run bench` (= npm run build && node bench/run.mjs): sizes, portal round trip and cold start in
// Chromium, CTI decryption in Chromium, calls-base writer in Node. Prints tables with absolute figures
// and ratios to baselines measured in the same run, PASS/MISS per target, the machine; writes
// bench/results/latest.json and latest.txt.
//
// Options: --only=size,roundtrip,decrypt,callsbase   --quick (fewer samples, for trying things out)
// Exits 1 when a part could not be measured (it threw, was skipped, or a bundle did not build), 2 on
// an unknown option or part; a MISS is a result, not a failure.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { launch } from './lib/browser.mjs';
import { decide, fmt, table, verdict } from './lib/stats.mjs';
import { startBenchServer } from './server.mjs';
import { BUDGETS, KB, ROOT, measureSizes, portalAblation, portalBreakdown } from './size.mjs';
import { LAYOUTS, TARGETS as RT, VARIANTS, runRoundTrip } from './roundtrip.mjs';
import { TARGET as DECRYPT_TARGET, runDecrypt } from './decrypt.mjs';
import { TARGETS as CB, runCallsBase } from './callsbase.mjs';

const PARTS = ['size', 'roundtrip', 'decrypt', 'callsbase'];
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const quick = args.includes('--quick');
const want = (part) => !only || only.includes(part);
// A misspelt part would run nothing and overwrite the latest results with an empty run.
const unknown = [...(only ?? []), ...args.filter((a) => !a.startsWith('--only=') && a !== '--quick')].filter((a) => !PARTS.includes(a));
if (unknown.length) {
  console.error(`bench: unknown ${unknown.map((a) => `'${a}'`).join(', ')}; usage: node bench/run.mjs [--only=${PARTS.join(',')}] [--quick]`);
  process.exit(2);
}
// What could not be measured (a part that threw or was skipped, a bundle that did not build): the
// run still writes what it has, and exits 1.
const failures = [];

const started = Date.now();
const lines = [];
const say = (text) => {
  console.log(text);
  lines.push(text);
};
const progress = (text) => console.log(text);
const kb = (b) => fmt(b / KB, 2);

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
  memoryGB: Number((os.totalmem() / 1024 ** 3).toFixed(1)), platform: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version, chromium: undefined, loadAverageStart: os.loadavg().map((x) => Number(x.toFixed(2))),
};
const results = { date: new Date().toISOString(), command: 'npm run bench', quick, machine, parts: {} };

async function part(name, fn) {
  if (!want(name)) return;
  const t = Date.now();
  try {
    results.parts[name] = await fn();
  } catch (e) {
    results.parts[name] = { error: String(e.stack ?? e) };
    say(`\n${name}: ERROR ${String(e.message ?? e)}`);
    failures.push(`${name}: ${String(e.message ?? e).split('\n')[0]}`);
  }
  progress(`(${name}: ${((Date.now() - t) / 1000).toFixed(0)} s)`);
}

// A ratio's band (see medianBand), and the verdict on a `≤ target` line (`≥` with atLeast): PASS or
// MISS only when the band does not straddle the line (docs/performance.md, lib/stats.mjs decide);
// otherwise this many runs do not decide it. `pass`: the median's side, for the note.
const band = ([low, high]) => `${fmt(low, 2)}-${fmt(high, 2)}`;
const judge = (pass, b, target, { atLeast = false } = {}) => {
  const result = decide(b, target, { atLeast });
  const side = atLeast ? (pass ? '≥' : '<') : pass ? '≤' : '>';
  return result === 'undecided' ? `undecided (median ${side} ${target}, band straddles it)` : result;
};

// ---- size --------------------------------------------------------------------------------------
await part('size', async () => {
  progress('size: bundling…');
  // Other jobs on this machine may be rebuilding dist/ (the build empties it first): wait for it.
  for (let i = 0; !['index.js', 'cti.js', 'http.js'].every((f) => existsSync(join(ROOT, 'dist', f))) && i < 30; i++) {
    await new Promise((r) => setTimeout(r, 2000));
  }
  const rows = await measureSizes();
  for (const r of rows.filter((x) => x.error)) failures.push(`size: ${r.label}: ${r.error}`);
  say(table('SIZE: minified (rollup + node-resolve + terser) then gzip -9 (node:zlib); 1 KB = 1024 B', ['bundle', 'min B', 'gzip B', 'gzip KB', 'budget KB', 'vs porthole', 'result'],
    rows.map((r) => {
      const porthole = rows.find((x) => x.id === 'porthole');
      if (r.error) return [r.label, '-', '-', '-', r.budgetBytes ? kb(r.budgetBytes) : '', '', `ERROR ${r.error}`];
      return [r.label, r.minBytes, r.gzipBytes, kb(r.gzipBytes), r.budgetBytes ? kb(r.budgetBytes) : '',
        porthole?.gzipBytes ? `${fmt(r.gzipBytes / porthole.gzipBytes, 2)}x` : '', r.budgetBytes ? verdict(r.pass) : (r.note ?? '')];
    })));
  const breakdown = await portalBreakdown();
  say(table(`PORTAL CLIENT BY SOURCE FILE (connectPortal from src/; whole bundle ${breakdown.total.minBytes} B min, ${breakdown.total.gzipBytes} B gzip; ` +
    'per file: its rendered code minified alone, gzip prorated)', ['source file', 'rendered B', 'min B', 'share', '~gzip B'],
  breakdown.modules.map((m) => [m.module, m.renderedBytes, m.minBytes, `${fmt(m.share * 100, 1)}%`, m.gzipEstimate])));
  const ablation = await portalAblation();
  say(table('WHAT EACH GUARANTEE OF THE PORTAL CLIENT COSTS: connectPortal from src/ with one guarantee stubbed out, then all three ' +
    `(for measuring only; the ${kb(BUDGETS.portal)} KB target against what is left)`, ['bundle', 'min B', 'gzip B', 'gzip KB', 'saved gzip B', `vs ${kb(BUDGETS.portal)} KB`],
  ablation.map((r) => [r.label, r.minBytes, r.gzipBytes, kb(r.gzipBytes), r.savedGzipBytes || '', `${fmt(r.gzipBytes / BUDGETS.portal, 2)}x`])));
  const entries = {};
  for (const [id, file] of [['cti', 'src/cti/index.ts'], ['http', 'src/http/index.ts'], ['inbox', 'src/inbox/index.ts']]) {
    const b = await portalBreakdown(`export * from ${JSON.stringify(join(ROOT, file))};`);
    entries[id] = b;
    const own = b.modules.filter((m) => !m.module.includes('node_modules') && !m.module.includes('commonjs'));
    const dep = b.modules.filter((m) => !own.includes(m));
    const sum = (list) => list.reduce((a, m) => a + m.gzipEstimate, 0);
    say(table(`'${id}' ENTRY BY SOURCE FILE (whole entry from src/: ${b.total.minBytes} B min, ${b.total.gzipBytes} B gzip; ` +
      (dep.length ? `ours ~${sum(own)} B, crypto-js and bundler helpers ~${sum(dep)} B; ` : '') + 'gzip prorated)', ['source file', 'min B', '~gzip B'],
    [...own.map((m) => [m.module, m.minBytes, m.gzipEstimate]), ...(dep.length ? [['crypto-js modules + commonjs helpers', dep.reduce((a, m) => a + m.minBytes, 0), sum(dep)]] : [])]));
  }
  return { budgets: BUDGETS, rows, portalBreakdown: breakdown, portalAblation: ablation, entryBreakdown: entries };
});

// ---- browser parts -----------------------------------------------------------------------------
let browser;
let server;
if (want('roundtrip') || want('decrypt')) {
  server = await startBenchServer();
  const launched = await launch();
  browser = launched.browser;
  machine.chromium = launched.version;
}

await part('roundtrip', async () => {
  const opts = quick ? { runs: 2, n: 500, warm: 200, block: 100, coldLoads: 3, cdpRuns: 1 } : { runs: 15, n: 2000, warm: 500, block: 100, coldLoads: 15, cdpRuns: 3 };
  progress(`roundtrip: ${opts.runs} runs × ${VARIANTS.length} variants × ${LAYOUTS.length} layouts, ${opts.warm} warm-up + ${opts.n} timed sequential calls each (interleaved in blocks of ${opts.block}); ${opts.coldLoads} cold loads each`);
  const r = await runRoundTrip({ browser, server, ...opts, log: progress });
  for (const layout of LAYOUTS) {
    const { check, rows } = r.layouts[layout];
    say(`\nROUND TRIP, ${layout}: form on ${check.formOrigin}, portal on ${server.portalOrigin}. ` +
      `Form in its own renderer process (CDP Target.getTargets lists it as an "iframe" target): ${check.oopif ? 'YES' : 'NO'}. ` +
      `crossOriginIsolated portal/form: ${check.crossOriginIsolated.portal}/${check.crossOriginIsolated.form}, timer step ${fmt(check.timerResolutionUs, 1)} µs; ` +
      `in the timed forms: ${r.layouts[layout].timedClocks.join(', ')}.`);
    say(table(`call() round trip, µs: median over ${opts.runs} runs of each run's p50/p99 (${opts.n} sequential awaited calls after ${opts.warm} warm-up). ` +
      'p50, p99: stepped quantiles, each latency standing for the timer step around it (performance.now() moves in 5 µs steps: a plain p50 is one of them); ' +
      '"plain p50": the median as read, on the steps (info), ' +
      `in Chromium with no DevTools client attached; in each run the forms of one parent are framed side by side and take turns, ${opts.block} calls at a time. ` +
      `Ratios (verdict): median over runs of each run's ratio to the baseline beside it; in brackets, where that median could fall with other runs like these ` +
      '(10th-90th percentile of the medians of resampled runs: a band that straddles a target line means this many runs cannot decide it). ' +
      `"under CDP": the same loop driven by Playwright, median of ${opts.cdpRuns} runs (info: with DevTools attached ` +
      'Blink captures a JS stack on every postMessage, a cost no user has)',
      ['form ↔ parent', 'p50', 'p99', 'mean', 'plain p50', 'p50 ratio', 'p99 ratio', 'ratio of medians', 'plain p50 ratio', 'baseline', 'p50 / p99 under CDP', 'targets', 'result'],
      VARIANTS.map((v) => {
        const row = rows[v.id];
        const cdp = row.cdpP50Us === undefined ? '' : `${fmt(row.cdpP50Us)} / ${fmt(row.cdpP99Us, 0)}${row.cdpP50Ratio ? ` (${fmt(row.cdpP50Ratio, 2)}x / ${fmt(row.cdpP99Ratio, 2)}x)` : ''}`;
        return [row.label, fmt(row.p50Us), fmt(row.p99Us), fmt(row.meanUs), fmt(row.p50PlainUs), row.p50Ratio ? `${fmt(row.p50Ratio, 2)}x (${band(row.p50RatioBand)})` : '1.00x (base)',
          row.p99Ratio ? `${fmt(row.p99Ratio, 2)}x (${band(row.p99RatioBand)})` : '', row.p50RatioOfMedians ? `${fmt(row.p50RatioOfMedians, 2)}x / ${fmt(row.p99RatioOfMedians, 2)}x` : '',
          row.p50PlainRatio ? `${fmt(row.p50PlainRatio, 2)}x` : '', v.baseline ?? '', cdp, v.target ? `≤${RT.p50}x / ≤${RT.p99}x` : '',
          v.target ? `p50 ${judge(row.pass.p50, row.p50RatioBand, RT.p50)}, p99 ${judge(row.pass.p99, row.p99RatioBand, RT.p99)}` : 'info'];
      })));
    say(table(`Cold start, ms (no DevTools client attached): form script starts → first reply, median of ${opts.coldLoads} fresh loads each ("extra": median of the differences to the baseline loaded in the same round; in brackets, its band as for the ratios above); the form's script is started once the form has loaded and both pages are idle. ` +
      '"script→posted": the form\'s own work before the first postMessage (for the library, noted by its log hook); "posted→reply": the rest. ' +
      '"1st msg": the first reply was numbered g1 by the parent in every load, i.e. no handshake before the first request',
    ['form ↔ parent', 'ms', 'extra vs raw', 'extra vs raw + storage/pagehide', 'script→posted', 'posted→reply', '1st msg', 'target', 'result'],
    VARIANTS.map((v) => {
      const row = rows[v.id];
      const signed = (x) => `${x >= 0 ? '+' : ''}${fmt(x, 2)}`;
      const extra = (x, b) => (x === undefined ? '' : `${signed(x)} (${signed(b[0])} to ${signed(b[1])})`);
      const judged = v.target || v.coldTarget;
      // A first request after a handshake misses whatever the band says.
      const cold = (pass, b, target) => (row.noHandshake ? judge(pass, b, target) : verdict(false));
      return [row.label, fmt(row.coldIdleMs, 2), extra(row.coldIdleExtraMs, row.coldIdleExtraBand), extra(row.coldIdleExtraVsStorageMs, row.coldIdleExtraVsStorageBand),
        fmt(row.coldToPostMs, 2), fmt(row.coldPostToReplyMs, 2),
        row.noHandshake ? 'yes' : 'NO', v.target ? `≤ +${RT.coldMs} / +${RT.coldBeyondStorageMs} ms` : judged ? `≤ +${RT.coldMs} ms` : '',
        v.target ? `${cold(row.pass.cold, row.coldIdleExtraBand, RT.coldMs)} vs raw; ${cold(row.pass.coldBeyondStorage, row.coldIdleExtraVsStorageBand, RT.coldBeyondStorageMs)} vs raw + storage/pagehide`
          : judged ? cold(row.pass.cold, row.coldIdleExtraBand, RT.coldMs) : 'info'];
    })));
    say(table(`CPU profile of the library form (${layout}) during one run, top functions by self time`, ['function', 'file:line', 'self ms', 'share'],
      r.layouts[layout].profileLib.map((h) => [h.fn, h.file, fmt(h.selfMs, 1), `${fmt(h.share * 100, 1)}%`])));
    say(table(`CPU profile of the library form's cold start (${layout}, idle start, one load, 50 µs sampling; the profiler slows it down), top functions by self time`,
      ['function', 'file:line', 'self ms', 'share'],
      r.layouts[layout].profileLibCold.map((h) => [h.fn, h.file, fmt(h.selfMs, 2), `${fmt(h.share * 100, 1)}%`])));
    const lib = rows['lib/raw'];
    say(`  per-run ratios lib/raw (same run, side by side): p50 ${lib.p50RatioPerRun.map((x) => fmt(x, 2)).join(' ')}; p99 ${lib.p99RatioPerRun.map((x) => fmt(x, 2)).join(' ')}; ` +
      `plain p50 (info) ${lib.p50PlainRatioPerRun.map((x) => fmt(x, 2)).join(' ')}`);
    const copy = rows['raw2/raw'];
    say(`  per-run ratios raw copy/raw (noise floor: two identical clients): p50 ${copy.p50RatioPerRun.map((x) => fmt(x, 2)).join(' ')}; p99 ${copy.p99RatioPerRun.map((x) => fmt(x, 2)).join(' ')}; ` +
      `plain p50 (info) ${copy.p50PlainRatioPerRun.map((x) => fmt(x, 2)).join(' ')}`);
  }
  return r;
});

await part('decrypt', async () => {
  progress('decrypt: measuring in Chromium…');
  const r = await runDecrypt({ browser, server, ...(quick ? { rounds: 11 } : {}) });
  if (r.skipped) {
    say(`\nDECRYPT: SKIPPED: ${r.skipped}`);
    failures.push(`decrypt: skipped: ${r.skipped}`);
    return r;
  }
  say(table(`DECRYPT in Chromium, µs per call (median of rounds; each round times a batch of each, alternating): decryptCti vs CryptoJS.AES.decrypt(c, p).toString(Utf8) + JSON.parse; verdict on the per-round ratio (in brackets: 10th-90th percentile of its median over resampled rounds)`,
    ['CTI JSON', 'ciphertext B', 'crypto-js', 'decryptCti', 'ratio', 'per-round ratio', 'parseCti(JSON.parse)', 'JSON.parse', 'Base64.parse', 'target', 'result'],
    r.rows.map((x) => [`${x.plainBytes} B`, x.cipherBytes, fmt(x.baseUs), fmt(x.libUs), `${fmt(x.ratio, 2)}x`, `${fmt(x.ratioPerRound, 2)}x (${band(x.ratioPerRoundBand)})`,
      fmt(x.parseCtiUs), fmt(x.jsonParseUs), fmt(x.base64ParseUs), `≤${DECRYPT_TARGET}x`, judge(x.pass, x.ratioPerRoundBand, DECRYPT_TARGET)])));
  say(table(`CPU profile of decryptCti on the ${r.rows.at(-1).plainBytes} B CTI (1.5 s loop), top functions by self time`, ['function', 'file:line', 'self ms', 'share'],
    r.profileLargest.map((h) => [h.fn, h.file, fmt(h.selfMs, 1), `${fmt(h.share * 100, 1)}%`])));
  say('  parseCti(JSON.parse), JSON.parse and Base64.parse (crypto-js, of the ciphertext) are timed alone: decryptCti adds validation and parsing (parseCti) and the format, padding and UTF-8 checks, and saves crypto-js\'s base64 and UTF-8 codecs (atob and TextDecoder instead).');
  return r;
});

if (browser) await browser.close();
if (server) await server.close();

await part('callsbase', async () => {
  const opts = quick ? { records: 200_000, runs: 1 } : { records: 1_000_000, runs: 3 };
  progress(`calls base: ${opts.records} records, ${opts.runs} runs per variant, one child process each…`);
  const r = await runCallsBase({ ...opts, log: progress });
  if (r.skipped) {
    say(`\nCALLS BASE: SKIPPED: ${r.skipped}`);
    failures.push(`callsbase: skipped: ${r.skipped}`);
    return r;
  }
  const { rows, oneChunkNaive: chunk } = r;
  say(table(`CALLS BASE WRITER, Node ${process.version}: ${r.records} records, chunkSize ${r.chunkSize}, median of ${r.runs} child processes each; ` +
    `peak = maxRSS − RSS at start. Library and naive request bodies verified byte-identical. "speed vs naive" and "peak in chunks" (verdict): ` +
    'median over runs of each run\'s ratio to its naive writer (to its one chunk); in brackets their band as for the round trip (with 3 runs: lowest to highest run)',
  ['writer', 'records/s', 'total ms', 'peak MB', 'speed vs naive', 'peak vs naive', 'peak in chunks', 'targets', 'result'],
  [
    ['naive: all lines, join, base64 + form body in one go (baseline)', fmt(rows.naive.recordsPerSec, 0), fmt(rows.naive.ms, 0), fmt(rows.naive.peakAboveStartMB, 1), '1.00x', '1.00x', fmt(rows.naive.peakAboveStartMB / chunk.peakAboveStartMB, 1), '', 'base'],
    ...['lib-sync', 'lib-async'].map((v) => [
      v === 'lib-sync' ? 'uploadCallsBase, sync iterable, fetch discards' : 'uploadCallsBase, async iterable, fetch discards',
      fmt(rows[v].recordsPerSec, 0), fmt(rows[v].ms, 0), fmt(rows[v].peakAboveStartMB, 1), `${fmt(rows[v].speedRatio, 2)}x (${band(rows[v].speedRatioBand)})`, `${fmt(rows[v].peakVsNaive, 2)}x`,
      `${fmt(rows[v].peakInChunks, 2)} (${band(rows[v].peakInChunksBand)})`, `≥${CB.speedRatio}x / ≤${CB.peakChunks} chunks`,
      `speed ${judge(rows[v].pass.speed, rows[v].speedRatioBand, CB.speedRatio, { atLeast: true })}, ` +
      `memory ${judge(rows[v].pass.memory, rows[v].peakInChunksBand, CB.peakChunks)}`]),
  ]));
  say(`  one chunk (naive writer, ${r.chunkSize} records): peak ${fmt(chunk.peakAboveStartMB, 1)} MB above start; this is the unit of "peak in chunks".`);
  return r;
});

machine.loadAverageEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
results.seconds = Math.round((Date.now() - started) / 1000);
say(`\nMACHINE: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.platform}; Node ${machine.node}; Chromium ${machine.chromium ?? '-'}` +
  `\nload average (1/5/15 min) at start ${machine.loadAverageStart.join(' ')}, at end ${machine.loadAverageEnd.join(' ')} (2 cores shared with other jobs: judge ratios, not absolute figures)` +
  `\ntotal ${results.seconds} s`);

const dir = join(ROOT, 'bench/results');
await mkdir(dir, { recursive: true });
results.failures = failures;
await writeFile(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
await writeFile(join(dir, 'latest.txt'), lines.join('\n') + '\n');
console.log(`\nwrote bench/results/latest.json and latest.txt`);
if (failures.length) {
  console.error(`\nbench: ${failures.length} part(s) not measured:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exitCode = 1;
}
