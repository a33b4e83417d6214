// Size budgets of the built bundles (gzip -9 of what a user's bundler keeps: rollup + node-resolve +
// terser), measured with the same code as `npm run bench` (bench/size.mjs). Sizes are deterministic,
// so a budget overrun fails here instead of waiting for a benchmark run. Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGETS, GUARDS, KB, measureSizes } from '../../bench/size.mjs';

const rows = await measureSizes({ only: Object.keys(BUDGETS) });
const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

// The targets (BUDGETS) are missed today; the test enforces GUARDS, the sizes reached, so
// a bundle cannot grow unnoticed, and prints how far each one is from its target.
for (const id of Object.keys(GUARDS)) {
  const row = rows.find((r) => r.id === id);
  test(`${row.label}: at most ${kb(GUARDS[id])} gzip (target ${kb(BUDGETS[id])})`, () => {
    assert.equal(row.error, undefined, `could not bundle ${row.label}: ${row.error}`);
    console.log(`size ${row.label}: ${kb(row.gzipBytes)} gzip; guard ${kb(GUARDS[id])}; target ${kb(BUDGETS[id])} ` +
      (row.gzipBytes <= BUDGETS[id] ? 'met' : `MISSED by ${row.gzipBytes - BUDGETS[id]} B`));
    assert.ok(row.gzipBytes <= GUARDS[id],
      `${row.label} is ${row.gzipBytes} B gzip (${kb(row.gzipBytes)}), over its guard of ${GUARDS[id]} B (${kb(GUARDS[id])}) ` +
      `by ${row.gzipBytes - GUARDS[id]} B; run \`npm run bench -- --only=size\` for the per-module breakdown`);
  });
}
