// CPU profile of code running in a page or frame (CDP Profiler), summarised as self time per
// function: the measured "where does the time go" behind a missed target.
import { basename } from 'node:path';

/**
 * Profiles `work()` (which drives the page) and returns the top `top` functions by self time:
 * `[{fn, file, selfMs, share}]`, share of all sampled time (idle and GC included in the total).
 */
export async function profile(context, target, work, { top = 12, intervalUs = 100 } = {}) {
  const cdp = await context.newCDPSession(target);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
    await cdp.send('Profiler.start');
    await work();
    const { profile: p } = await cdp.send('Profiler.stop');
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let total = 0;
    p.samples.forEach((id, i) => {
      const dt = p.timeDeltas[i] ?? 0;
      total += dt;
      const { functionName, url, lineNumber } = byId.get(id).callFrame;
      const key = `${functionName || '(anonymous)'}\t${url ? `${basename(new URL(url).pathname)}:${lineNumber + 1}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + dt);
    });
    return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => {
      const [fn, file] = key.split('\t');
      return { fn, file, selfMs: us / 1000, share: us / total };
    });
  } finally {
    await cdp.detach().catch(() => {});
  }
}
