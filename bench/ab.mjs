// Quick A/B of form pages (bench/NOTES.md, "Where the same-origin time goes"): frames the given
// pages of bench/pages side by side in one parent-interleave.html page (hand-written responder),
// has them take turns in blocks of 100 calls in a Chromium with no DevTools client, and prints each
// page's p50 (stepped over the timer's 5 µs step, as bench/roundtrip.mjs takes it) and trimmed mean
// (10th-60th percentile of the latencies) as ratios to the first page, median over runs with the resampled band. About 10 s for
// five runs of four pages.
//
//   node bench/ab.mjs form-raw.html form-lib.html 'form-lib.html?persist=0'
//   RUNS=9 N=2000 LAYOUT=cross-site node bench/ab.mjs ...
//
// An instrumented page may append its own figures to the latencies its `bench.run` returns:
// -1e9, then k, then k numbers (ms); they are printed per page, median over blocks, in µs.
import { startBenchServer } from './server.mjs';
import { launchBare } from './lib/browser.mjs';
import { median, medianBand, steppedQuantile } from './lib/stats.mjs';

const forms = process.argv.slice(2);
if (!forms.length) throw new Error('usage: node bench/ab.mjs <baseline page> <page>... (pages of bench/pages, with a query if needed)');
const runs = Number(process.env.RUNS ?? 5);
const n = Number(process.env.N ?? 1000);
const layout = process.env.LAYOUT ?? 'same-origin';
const MARK = -1e9;

/** Mean of the 10th-60th percentile of `lat` (ms), in µs: the body of the distribution around p50. */
const trimmedMean = (lat) => {
  const s = [...lat].sort((a, b) => a - b);
  const body = s.slice(Math.floor(s.length * 0.1), Math.floor(s.length * 0.6));
  return (body.reduce((a, b) => a + b, 0) / body.length) * 1000;
};

const server = await startBenchServer();
const bare = await launchBare(server);
// Each page by its position (the parent reports by id): the same page given twice, an A/A noise
// control, is two pages, not one fed both pages' latencies.
const ids = forms.map((_, i) => `page${i}`);
const by = Object.fromEntries(ids.map((id) => [id, { p50: [], tmean: [], extra: [], calls: 0 }]));
try {
  const formOrigin = layout === 'same-origin' ? server.portalOrigin : server.formOrigin;
  const report = encodeURIComponent(`${server.portalOrigin}/report`);
  for (let r = 0; r < runs; r++) {
    const list = forms.map((f, i) => ({
      id: ids[i],
      url: `${formOrigin}/pages/${f}${f.includes('?') ? '&' : '?'}portal=${encodeURIComponent(server.portalOrigin)}&start=now&interleave=1&copy=${i}`,
    }));
    const url = `${server.portalOrigin}/pages/parent-interleave.html?responder=raw&n=${n}&warm=300&block=100&report=${report}&forms=${encodeURIComponent(JSON.stringify(list))}`;
    const out = await bare.visit(url, 300_000);
    if (out.errors.length) throw new Error(`first call failed: ${out.errors.join(', ')}`);
    for (const f of ids) {
      const lat = [];
      const got = out.lat[f];
      for (let i = 0; i < got.length; i++) {
        if (got[i] !== MARK) lat.push(got[i]);
        else {
          by[f].extra.push(got.slice(i + 2, i + 2 + got[i + 1]));
          i += 1 + got[i + 1];
        }
      }
      by[f].p50.push(steppedQuantile(lat, 0.5, out.timers[f].stepUs / 1000) * 1000);
      by[f].tmean.push(trimmedMean(lat));
      by[f].calls += lat.length;
    }
  }
} finally {
  await bare.close();
  await server.close();
}

const base = by[ids[0]];
const ratio = (xs, bs) => {
  const per = xs.map((x, i) => x / bs[i]);
  const [lo, hi] = medianBand(per);
  return `${median(per).toFixed(3)}x (${lo.toFixed(3)}-${hi.toFixed(3)})`;
};
console.log(`${layout}, ${runs} runs of ${n} calls per page; ratios to ${forms[0]}`);
forms.forEach((f, i) => {
  const s = by[ids[i]];
  console.log(`${f.padEnd(36)} p50 ${median(s.p50).toFixed(1).padStart(6)} µs ${ratio(s.p50, base.p50).padEnd(24)} ` +
    `trimmed mean ${median(s.tmean).toFixed(1).padStart(6)} µs ${ratio(s.tmean, base.tmean)}  (${s.calls} timed calls)`);
  if (s.extra.length) console.log(`${''.padEnd(36)} own figures, µs: ${s.extra[0].map((_, j) => (median(s.extra.map((x) => x[j])) * 1000).toFixed(2)).join(' ')}`);
});
