/**
 * Watches a promise without awaiting it (a test checks it has not settled yet, then moves a clock):
 * `settled` turns true once it has, with its value `v` or its error `e`; `done` resolves then.
 */
export function track(promise) {
  const t = { settled: false };
  t.done = promise.then((v) => Object.assign(t, { settled: true, v }), (e) => Object.assign(t, { settled: true, e }));
  return t;
}
