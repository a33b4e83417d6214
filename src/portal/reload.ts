import { stringify } from '../shared/json.js';

// What a form keeps across a reload of itself, in sessionStorage: the slots of its messages still
// on the wire and the last guids delivered (docs/correlation.md, "Reload slots"). A cross-site
// frame whose browser blocks third-party storage cannot keep them (history.state written during
// pagehide does not survive a reload either, tested): there the protection is lost, nothing fails.

/**
 * The saved state: per lane, each slot as [when its window closes (epoch ms), the ms it had left];
 * the last guids delivered; the portal document's `performance.timeOrigin` when the form could read
 * it (on the portal's origin).
 */
export interface Saved {
  s: Record<string, [number, number][]>;
  g: string[];
  p?: number | undefined;
}

/**
 * The key of this frame's state. sessionStorage is shared by every same-origin frame of the tab,
 * so the key names the frame: its index in each ancestor's `frames` up to the top (readable across
 * origins) and its `window.name`. A sibling form never reads or overwrites it. Not the document's
 * path: the next document of the frame may be another page of the form (or the same one after a
 * router's pushState), and it must find the slots.
 */
export function slotKey(win: Window): string {
  let path = '';
  for (let w = win, depth = 0; w.parent !== w && depth < 16; w = w.parent, depth++) {
    let i = 0;
    while (i < w.parent.length && w.parent[i] !== w) i++;
    path = `/${i}${path}`;
  }
  return `ucontact-bridge.pending:${path}:${win.name}`;
}

/** Reads the saved state. */
export function read(win: Window, key: string): unknown {
  try {
    return JSON.parse(win.sessionStorage.getItem(key) ?? 'null');
  } catch {
    return undefined; // storage blocked, or not ours to parse
  }
}

/** Writes the state (or removes it when there is none). */
export function put(win: Window, key: string, state?: Saved): void {
  try {
    if (state) win.sessionStorage.setItem(key, stringify(state));
    else win.sessionStorage.removeItem(key);
  } catch {
    // storage blocked or full: see above
  }
}
