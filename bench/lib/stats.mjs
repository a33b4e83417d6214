// Small statistics and table helpers shared by the benchmark parts.

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy. */
export function quantile(values, q) {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

/** The median: the middle value, or the mean of the two middle values of an even count. */
export function median(values) {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The q-quantile of values read off a clock that moves in steps of `step` (Chromium's
 * performance.now(): 5 µs in a cross-origin isolated page): each value stands for the step around
 * it, [v - step/2, v + step/2), and the quantile is interpolated linearly inside the step where it
 * falls (the grouped-data quantile). A plain quantile of such values can only be one of the steps:
 * with round trips of 40-60 µs, a ratio of two p50s could only be 1.00, 1.11, 1.12, 1.22... This
 * one moves continuously with the values' distribution. `step` 0 or undefined: `quantile`.
 */
export function steppedQuantile(values, q, step) {
  if (!(step > 0)) return quantile(values, q);
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  const target = q * s.length;
  for (let i = 0; i < s.length;) {
    const bin = Math.round(s[i] / step);
    let j = i;
    while (j < s.length && Math.round(s[j] / step) === bin) j++;
    // i values lie below this step, j at or below its top: the quantile is inside it.
    if (j >= target) return (bin - 0.5 + Math.max(0, target - i) / (j - i)) * step;
    i = j;
  }
  return s[s.length - 1];
}

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

/**
 * The verdict on a target line from a figure's band (medianBand): 'PASS' only when the whole band
 * is on the target's side of the line (`≤ target`, or `≥ target` with `atLeast`), 'MISS' when the
 * whole band is on the other side, and 'undecided' when it straddles the line: this many runs
 * cannot tell (docs/performance.md).
 */
export function decide([low, high], target, { atLeast = false } = {}) {
  if (atLeast ? low >= target : high <= target) return 'PASS';
  if (atLeast ? high < target : low > target) return 'MISS';
  return 'undecided';
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
