// The measuring loop shared by every form variant, so they differ only in how `call` is done.
// `t0` is the first statement of the form's own script: cold start = t0 → first reply.
// `window.benchFirst` exists from the start and settles with the cold-start figures (awaited once by
// the runner: no polling while the first call travels).
let settleFirst;
window.benchFirst = new Promise((resolve) => { settleFirst = resolve; });

const params = new URLSearchParams(location.search);

/**
 * Runs the form's `main`: at once (`?start=now`, the default), once the form has loaded and is idle
 * (`?start=idle`: load event + 50 ms, so a cold start is not mixed with page-load work), or when the
 * Playwright runner calls `window.startBench` (`?start=manual`).
 *
 * `?report=<url>` (bench/lib/browser.mjs `launchBare`: Chromium with no DevTools client attached)
 * posts the cold-start figures to `<url>`, then tells the parent page where the runner goes next.
 * `?interleave=1` (parent-interleave.html): the parent runs the timed calls, in blocks.
 */
export function start(main) {
  const mode = params.get('start');
  if (mode === 'manual') window.startBench = main;
  else if (mode === 'idle') window.addEventListener('load', () => setTimeout(main, 50), { once: true });
  else main();
  if (params.get('interleave') === '1') {
    // parent-interleave.html: report ready, then run the blocks of calls the parent asks for.
    window.benchFirst.then((cold) => {
      window.parent.postMessage(cold.error ? { benchError: cold.error } : { benchReady: true, timer: timerStep() }, '*');
      window.addEventListener('message', async (e) => {
        if (e.source !== window.parent || !e.data || typeof e.data.benchRun !== 'number') return;
        window.parent.postMessage({ benchLat: await window.bench.run(e.data.benchRun, 0) }, '*');
      });
    });
    return;
  }
  const report = params.get('report');
  if (!report) return;
  window.benchFirst.then(async (cold) => {
    const next = await (await fetch(report, { method: 'POST', body: JSON.stringify({ cold }) })).text();
    window.parent.postMessage({ benchNext: next }, '*');
  });
}

/**
 * The clock the timed loop reads, as this form sees it: `crossOriginIsolated` and the smallest
 * non-zero step of `performance.now()` (Chromium clamps it to 5 µs in an isolated page, 100 µs
 * otherwise). The bench's quantiles spread each latency over this step (bench/lib/stats.mjs).
 */
function timerStep() {
  let min = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    min = Math.min(min, b - a);
  }
  return { isolated: window.crossOriginIsolated, stepUs: Math.round(min * 1e4) / 10 };
}

// `posted()` returns when the first request was handed to postMessage (undefined when unknown).
export function harness(call, t0, posted = () => undefined) {
  const bench = { ready: false, cold: undefined, error: undefined, first: undefined };
  window.bench = bench;
  // `first` settles with the cold-start figures; awaited once by the runner (no polling meanwhile).
  bench.first = call().then((result) => {
    const now = performance.now();
    // script: from the form's script starting; nav: from the frame's navigation start (includes
    // fetching and evaluating the scripts).
    // guid: the parent numbers every message it received, so 'g1' means no handshake came first.
    const guid = typeof result === 'string' ? result : result && result.guid;
    const p = posted();
    bench.cold = { script: now - t0, nav: now, start: t0, guid, toPost: p === undefined ? undefined : p - t0 };
    bench.ready = true;
    return bench.cold;
  }, (e) => {
    bench.error = String((e && e.code) || e);
    return { error: bench.error };
  });
  bench.first.then(settleFirst);

  // Sequential awaited calls: `warm` untimed, then `n` timed one by one. Returns the latencies (ms).
  bench.run = async (n, warm) => {
    for (let i = 0; i < warm; i++) await call();
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await call();
      out[i] = performance.now() - t;
    }
    return Array.from(out);
  };
}
