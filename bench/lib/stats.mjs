// Small statistics and table helpers shared by the benchmark parts.

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy. */
export function quantile(values, q) {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

export const median = (values) => quantile(values, 0.5);

/**
 * How far the median of `values` (one figure per run) could move with other runs like these: the
 * 10th and 90th percentiles of the medians of 2,000 resamples (with replacement, fixed seed, so a
 * printed band is reproducible from the printed runs). A verdict whose band straddles its target
 * line is not decided by this many runs.
 */
export function medianBand(values, { resamples = 2000, seed = 1 } = {}) {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const medians = [];
  for (let r = 0; r < resamples; r++) medians.push(median(values.map(() => values[Math.floor(next() * values.length)])));
  return [quantile(medians, 0.1), quantile(medians, 0.9)];
}

/** Formats a number with `digits` decimals, or '-' when not finite. */
export function fmt(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** 'PASS' / 'MISS' for `ok`, or 'n/a' when undefined. */
export const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');

/** Renders rows (arrays of strings) under a header as an aligned text table. */
export function table(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`\n${title}`, line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
