// Calls-base writer: uploadCallsBase (dist/http.js) with a fetch that discards the body, against a
// naive writer (every line in memory, one join, one base64), one million records. Each measurement
// runs in its own child process so peak memory (maxRSS) is clean.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decide, median, medianBand } from './lib/stats.mjs';
import { ROOT } from './size.mjs';

const run = promisify(execFile);
const CHILD = join(ROOT, 'bench/callsbase-child.mjs');

/** The library is at least as fast as naive; its peak stays within 2× what one chunk costs. */
export const TARGETS = { speedRatio: 1.0, peakChunks: 2 };

/** True when dist/http.js exports the client with uploadCallsBase (read from the built file). */
export async function hasWriter() {
  try {
    const text = await readFile(join(ROOT, 'dist/http.js'), 'utf8');
    return /export\s*\{[^}]*\bcreateUContactClient\b/.test(text) && text.includes('uploadCallsBase');
  } catch {
    return false;
  }
}

async function child(variant, records, chunkSize) {
  const { stdout } = await run(process.execPath, ['--expose-gc', CHILD, variant, String(records), String(chunkSize)],
    { cwd: ROOT, maxBuffer: 1 << 20, timeout: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

/** Runs the calls-base benchmark (or returns `{skipped}` when the writer is not in dist/http.js). */
export async function runCallsBase({ records = 1_000_000, chunkSize = 50_000, runs = 3, log = () => {} }) {
  if (!(await hasWriter())) return { skipped: 'dist/http.js exports no createUContactClient with uploadCallsBase yet' };
  const verify = await child('verify', 2_000, chunkSize);
  if (!verify.identical) return { skipped: 'naive and library request bodies differ: the comparison would not be fair', verify };
  const variants = ['naive', 'lib-sync', 'lib-async'];
  const samples = Object.fromEntries(variants.map((v) => [v, []]));
  const oneChunk = [];
  for (let r = 0; r < runs; r++) {
    for (const v of variants.map((_, i) => variants[(i + r) % variants.length])) samples[v].push(await child(v, records, chunkSize));
    oneChunk.push(await child('naive', chunkSize, chunkSize));
    log(`  calls base: run ${r + 1}/${runs} done`);
  }
  return { records, chunkSize, runs, verified: true, ...callsBaseRows(samples, oneChunk) };
}

/**
 * The table and verdicts from the children's figures: `samples` = {naive, 'lib-sync', 'lib-async'}
 * (one figure per run, run r of every variant measured one after the other), `oneChunk` = the
 * naive writer on one chunk, once per run. As for the round trip, a verdict ratio is the median
 * over runs of each run's ratio (speed to that run's naive writer, peak to that run's one chunk),
 * with its band (medianBand), and PASS only when the whole band is on the target's side: with three
 * runs, only when every run is.
 */
export function callsBaseRows(samples, oneChunk) {
  const summary = (list) => ({
    recordsPerSec: median(list.map((s) => s.recordsPerSec)),
    ms: median(list.map((s) => s.ms)),
    peakAboveStartMB: median(list.map((s) => s.peakAboveStartMB)),
    peakRssMB: median(list.map((s) => s.peakRssMB)),
    bodyBytes: list[0].bodyBytes,
    chunks: list[0].chunks,
    runs: list,
  });
  const rows = Object.fromEntries(Object.entries(samples).map(([v, list]) => [v, summary(list)]));
  const chunk = summary(oneChunk);
  for (const v of ['lib-sync', 'lib-async']) {
    const row = rows[v];
    row.speedRatioPerRun = samples[v].map((s, r) => s.recordsPerSec / samples.naive[r].recordsPerSec);
    row.peakInChunksPerRun = samples[v].map((s, r) => s.peakAboveStartMB / oneChunk[r].peakAboveStartMB);
    row.speedRatio = median(row.speedRatioPerRun);
    row.speedRatioBand = medianBand(row.speedRatioPerRun);
    row.peakInChunks = median(row.peakInChunksPerRun);
    row.peakInChunksBand = medianBand(row.peakInChunksPerRun);
    row.peakVsNaive = row.peakAboveStartMB / rows.naive.peakAboveStartMB;
    row.verdict = {
      speed: decide(row.speedRatioBand, TARGETS.speedRatio, { atLeast: true }),
      memory: decide(row.peakInChunksBand, TARGETS.peakChunks),
    };
    // The median's side of each line, as `pass` is in the other parts; the verdict is `verdict`.
    row.pass = { speed: row.speedRatio >= TARGETS.speedRatio, memory: row.peakInChunks <= TARGETS.peakChunks };
  }
  return { rows, oneChunkNaive: chunk };
}
