// Small statistics and table helpers shared by the benchmark parts.

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy. */
export function quantile(values, q) {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

export const median = (values) => quantile(values, 0.5);

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
