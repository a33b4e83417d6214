// Cost counted, not timed: the entries of every Map walked (values, keys, entries, iteration,
// forEach) while `fn` runs. A lookup walks none; a scan of a list that only grows walks more after
// every operation of the day, which a timing on a loaded machine could not tell apart from noise.
const WALKS = ['values', 'keys', 'entries', Symbol.iterator, 'forEach'];

/** Runs `fn` (sync or async) with every Map walk counted; resolves to the entries walked. */
export async function mapEntriesWalked(fn) {
  const originals = WALKS.map((k) => Map.prototype[k]);
  let walked = 0;
  WALKS.forEach((k, i) => {
    Map.prototype[k] = function (...args) {
      walked += this.size;
      return originals[i].apply(this, args);
    };
  });
  try {
    await fn();
  } finally {
    WALKS.forEach((k, i) => { Map.prototype[k] = originals[i]; });
  }
  return walked;
}
