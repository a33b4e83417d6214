// A portal client in a child Node process: what keeps Node alive (timers left armed, or let go too
// early) shows only in a process of its own, by when it exits and what it printed.
import { spawnSync } from 'node:child_process';

const url = (path) => JSON.stringify(new URL(path, import.meta.url).href);

/**
 * Runs `body` as a module in a child Node process with a framed form client in scope: `client`
 * (`connectPortal({ window: form, ...options })` of the built bundle), `form`, `portal` (what was
 * posted to it) and `reply` (the portal answering, as `framed()` gives them). Returns what it
 * printed, its exit status, its stderr and how long it ran (ms).
 */
export function inChildProcess(body, options = {}) {
  const script = `
    import { connectPortal } from ${url('../../../dist/index.js')};
    import { framed } from ${url('./fake-window.mjs')};
    const { form, portal, reply } = framed();
    const client = connectPortal({ window: form, ...${JSON.stringify(options)} });
    ${body}`;
  const t = Date.now();
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  return { printed: out.stdout.trim(), status: out.status, stderr: out.stderr, ms: Date.now() - t };
}
