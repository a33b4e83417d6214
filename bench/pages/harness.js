// The measuring loop shared by every form variant, so they differ only in how `call` is done.
// `t0` is the first statement of the form's own script: cold start = t0 → first reply.
// `window.benchFirst` exists from the start and settles with the cold-start figures (awaited once by
// the runner: no polling while the first call travels).
let settleFirst;
window.benchFirst = new Promise((resolve) => { settleFirst = resolve; });

/**
 * Runs the form's `main` now, or with `?start=manual` exposes it as `window.startBench` so the
 * runner starts it once the form has loaded and is idle (cold start not mixed with page-load work).
 */
export function start(main) {
  if (new URLSearchParams(location.search).get('start') === 'manual') window.startBench = main;
  else main();
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
