import { callback, durationMs, integer, bad, invalid, MAX_SAFE, object, optional, record, signal, text, type Checked, type Rule, type Spec } from '../shared/validate.js';
import type { Transport } from './transport.js';
import type { FetchLike, HttpLogEvent } from './types.js';

// What both REST clients take to reach an instance (`createUContactClient`, `createApiTokenClient`):
// the instance, fetch, time limits, answer cap, retries of reads and the log hook, checked once here.

// The instance root. A baseUrl copied with the legacy API's own prefix is taken back to the
// instance: every `Group/Method` path adds `Integra/resources/` itself (a `/path` row, such as
// agentCampaigns' IntegraChannels one, is from the root).
const baseUrl: Rule<string> = (op, name, v) => {
  let url: URL;
  try {
    url = new URL(text(op, name, v));
  } catch {
    return bad(op, name, 'must be an absolute URL such as https://acme.ucontactcloud.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') bad(op, name, 'must be an http(s) URL');
  if (url.username || url.password || url.search || url.hash) bad(op, name, 'must hold no credentials, query or hash');
  // Trailing slashes and the prefix, in one pass found from the character before them (linear:
  // /\/+$/ retried a run of slashes from each of them, seconds for a long one; no lookbehind,
  // which Safari 15.4 lacks). It always matches once: '$1/' ends the root with its one slash.
  return url.origin + url.pathname.replace(/(^|[^/])(\/Integra\/resources)?\/*$/i, '$1/');
};

const RETRY = {
  attempts: /* @__PURE__ */ optional(/* @__PURE__ */ integer(1, 100), 3),
  baseDelayMs: /* @__PURE__ */ optional(durationMs, 250),
  maxDelayMs: /* @__PURE__ */ optional(durationMs, 4_000),
};

/** The options of a client that say how to reach the instance. */
export const CONNECTION = {
  baseUrl, fetch: /* @__PURE__ */ optional(callback),
  timeoutMs: /* @__PURE__ */ optional(durationMs, 30_000),
  maxResponseBytes: /* @__PURE__ */ optional(/* @__PURE__ */ integer(1, MAX_SAFE), 10_485_760), // 10 MiB
  retry: /* @__PURE__ */ optional(/* @__PURE__ */ object(RETRY)), log: /* @__PURE__ */ optional(callback),
};

/** The options every method takes last (`RequestOptions`): `timeoutMs` 0 means no time limit. */
export const REQUEST_OPTIONS = { timeoutMs: /* @__PURE__ */ optional(durationMs), signal };

/**
 * The checked options of one call of `name`: {@link REQUEST_OPTIONS}, and `more` when the method
 * takes more (spread here, at the call, not in a module-level const: esbuild keeps a module-level spread).
 */
export const limitsOf = <S extends Spec = Record<never, never>>(name: string, options: unknown, more?: S): Checked<typeof REQUEST_OPTIONS & S> =>
  record(name, options ?? {}, { ...REQUEST_OPTIONS, ...more } as typeof REQUEST_OPTIONS & S, 'options');

/** The transport of checked connection options: `INVALID_ARGUMENT` when there is no fetch to use. */
export function connect(op: string, o: Checked<typeof CONNECTION>): Transport {
  // The global one is read at each call: a test's mock, a tracer or a framework may patch it after
  // a client made at a module's top level (called on globalThis: a browser's fetch needs its window).
  const fetchFn = (o.fetch ?? (typeof globalThis.fetch === 'function' ? (url: string, init: RequestInit) => globalThis.fetch(url, init) : undefined)) as FetchLike | undefined;
  if (!fetchFn) invalid(op, 'fetch must be a function (no global fetch here)');
  const retry = o.retry ?? object(RETRY)(op, 'retry', {});
  const hook = o.log as ((event: HttpLogEvent) => void) | undefined;
  return {
    root: o.baseUrl,
    fetch: fetchFn,
    retry,
    maxBytes: o.maxResponseBytes,
    timeoutMs: o.timeoutMs,
    log: (event: HttpLogEvent) => {
      try {
        // An async hook's rejection too: unhandled, it stops a Node process.
        void (hook?.(event) as Promise<void> | undefined)?.catch?.(() => undefined);
      } catch {
        // A faulty hook must not break requests.
      }
    },
  };
}
