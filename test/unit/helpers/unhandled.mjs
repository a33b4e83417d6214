/** The unhandled rejections (as text) while `fn` runs and a moment after. */
export async function unhandledDuring(fn) {
  const seen = [];
  const on = (e) => seen.push(e);
  process.on('unhandledRejection', on);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('unhandledRejection', on);
  }
  return seen.map(String);
}
