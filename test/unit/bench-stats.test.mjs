// The statistics behind the bench's verdicts (bench/lib/stats.mjs): docs/performance.md and the
// issues judge the library by the figures these compute, so they are checked on known answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, medianBand, quantile, steppedQuantile } from '../../bench/lib/stats.mjs';

test('bench stats: the median of an odd count is the middle value', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([5, 1, 4, 2, 3]), 3);
  assert.equal(median([7]), 7);
});

test('bench stats: the median of an even count is the mean of the two middle values', () => {
  // A quick run (--quick: 2 runs, 3 cold loads), ab.mjs with RUNS=4, the band's resamples of an
  // even count: the lower middle value alone was the smaller of the two.
  assert.equal(median([1, 2]), 1.5);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([1.1, 1.3, 1.2, 1.0, 1.5, 1.4]), 1.25);
  assert.ok(Number.isNaN(median([])));
});

test('bench stats: quantile is nearest-rank, on the values', () => {
  const v = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1
  assert.equal(quantile(v, 0.5), 50);
  assert.equal(quantile(v, 0.99), 99);
  assert.equal(quantile(v, 0.1), 10);
  assert.equal(quantile(v, 1), 100);
  assert.equal(quantile(v, 0), 1);
  // Numbers, not text: 10 sorts above 9.
  assert.equal(quantile([9, 10, 2], 1), 10);
});

test('bench stats: the stepped quantile interpolates inside the step where it falls', () => {
  // Ten latencies on 5 µs steps: 4 at 40, 6 at 45. The p50 (5th value) lies in the 45 step
  // [42.5, 47.5): 1 of its 6 values, 42.5 + 5 * 1/6.
  const lat = [40, 40, 40, 40, 45, 45, 45, 45, 45, 45];
  assert.ok(Math.abs(steppedQuantile(lat, 0.5, 5) - (42.5 + 5 / 6)) < 1e-9);
  // All on one step: its middle is the value.
  assert.equal(steppedQuantile([50, 50, 50, 50], 0.5, 5), 50);
  // No step: the plain quantile (nearest rank: the 5th of 10 values).
  assert.equal(steppedQuantile(lat, 0.5, 0), 45);
});

test('bench stats: a band of identical runs is that value; a band holds the runs\' median', () => {
  assert.deepEqual(medianBand([1.2, 1.2, 1.2]), [1.2, 1.2]);
  // Three runs: resampled medians fall on the lowest or highest about a quarter of the time each,
  // so the 10th-90th percentile band is their whole range.
  assert.deepEqual(medianBand([0.95, 1.1, 1.3]), [0.95, 1.3]);
  const runs = [1.05, 1.2, 1.1, 1.15, 1.12, 1.08, 1.3, 1.11, 1.09, 1.14, 1.13, 1.07, 1.16, 1.1, 1.12];
  const [low, high] = medianBand(runs);
  assert.ok(low <= median(runs) && median(runs) <= high, `${low} ${median(runs)} ${high}`);
  // Fixed seed: the printed band is reproducible from the printed runs.
  assert.deepEqual(medianBand(runs), [low, high]);
});
