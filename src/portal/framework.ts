import { invalid, isRecord, optionalText, phone, record, string, textOf, type Spec } from '../shared/validate.js';
import { ARGS } from './actions.js';
import { NO_GUID, type Answer } from './wire.js';

// The portal's form framework (integraFramework.js, loaded by a form the instance serves) defines
// helpers in the form's window (spec 3.1): what real forms call to place a call, dispose, tag and
// close the form. Where they exist they are the verified way; the Porthole messages are the fallback.

// Bare references, not `window.CTI`: a framework that declares `let CTI` makes a global binding
// that is no property of `window`.
declare const CTI: unknown;
declare const Agent: unknown;

/**
 * The framework's global `name` in `win`: its property; for the page's own window (the global
 * object), the global binding, as the `cti` entry reads it: a `let CTI` is no property of `window`,
 * and `window.CTI` then reaches past it (an element of the form whose id is `CTI`, by the window's
 * named access; Object.prototype's), or to a `window.CTI = …` set beside it (a configurable own
 * property does not stop a later `let CTI`). Object.prototype's (where both lead when no framework
 * defined one) is
 * absent: one a pollution bug put there (`?__proto__[CTI]=…`) names no call and no agent, as in
 * `readCti` and `fromFormFramework`. Throws when unreadable (a throwing getter, a binding never
 * declared, a ReferenceError, or declared by a script that failed before initialising it): its
 * callers catch, and count that as absent too, as the `cti` entry does.
 */
const frameworkGlobal = (win: Window, name: 'CTI' | 'Agent'): unknown => {
  // The property of another window only: the page's own may be a getter that throws beside the
  // binding (configurable, it lets a `let CTI` be declared), which the `cti` entry never reads.
  const w = win !== (globalThis as unknown) ? (win as unknown as Record<string, unknown>)[name] : name === 'CTI' ? CTI : Agent;
  return w === ({} as Record<string, unknown>)[name] ? undefined : w;
};

/** The form framework's helper of each action that has one. */
export const HELPERS = {
  call: 'UC_makeCall_async',
  disposition: 'UC_DispositionCall_async',
  tag: 'UC_TagRecord',
  closeForm: 'UC_closeForm',
} as const;

/** The actions the form framework has a helper for. */
export type FrameworkAction = keyof typeof HELPERS;

/** A helper as the framework defines it: a function that returns a promise (or a value). */
type Helper = (...args: unknown[]) => unknown;

/** The helper of `action` in `win` when the framework defined it; looked up at each call (the framework may load after the library). */
export function helperOf(win: Window | undefined, action: FrameworkAction): Helper | undefined {
  const fn = (win as unknown as Record<string, unknown> | undefined)?.[HELPERS[action]];
  return typeof fn === 'function' ? (fn as Helper) : undefined;
}

/**
 * `guid`, `campaign` and `callerid` of the current call, from the framework's `CTI` (JSON text, or
 * an object): keys in any letter case, numbers as text, anything else left out. Nothing more of the
 * call is read (the `cti` entry reads the whole of it).
 */
function currentCall(win: Window): Record<string, string> {
  // No prototype: a `guid` a bug put on Object.prototype is not the call's (`??=` below reads it).
  const call: Record<string, string> = Object.create(null) as Record<string, string>;
  try {
    let cti = frameworkGlobal(win, 'CTI');
    if (typeof cti === 'string') cti = JSON.parse(cti);
    if (isRecord(cti)) {
      for (const key of Object.keys(cti)) {
        const k = key.toLowerCase();
        const v = textOf(cti[key]);
        // An empty Callerid (a withheld number) is the call's callerid: real forms pass it as it is.
        // Every field is kept (only campaign, callerid and guid are read): no list of them here.
        if (v !== undefined && (v.trim() || k === 'callerid')) call[k] ??= v;
      }
    }
  } catch {
    // Unreadable, not JSON, or an object whose fields throw (a getter, a Proxy): the fields read so far, no more.
  }
  return call;
}

/** The framework's `Agent.accountcode` as text; `''` when absent or unreadable (a throwing getter, of `Agent` or of its field). */
function agentOf(win: Window): string {
  try {
    return textOf((frameworkGlobal(win, 'Agent') as { accountcode?: unknown } | undefined)?.accountcode) ?? '';
  } catch {
    return '';
  }
}

// The callerid of the framework's call is taken as it is: the helper, not our phone rule, decides.
// The campaign may be empty: real forms call UC_makeCall_async('', '', number) (the agent's default).
const CALL: Spec = { campaign: string, callerid: optionalText, destination: phone };

/**
 * Checks the arguments of `action` for its helper, before anything is called, and returns what
 * makes the helper's arguments in `win` for the helper `fn`: the fields the caller left out come
 * from the current call (`INVALID_ARGUMENT` naming those neither has).
 *
 * `UC_DispositionCall_async` is called as the contract's seven arguments (`…, l3, comment`, seen
 * in older forms) unless the helper declares nine parameters or more: newer real forms pass
 * `…, l3, agent, client name, comment` and, for a reschedule, `schedule, null` after it (the place
 * REST's DispositionCall gives d1, d2, comment, schedule, camptoreschedule). There it gets the
 * framework's `Agent.accountcode`, `''`, the comment, and `schedule, camptoreschedule` when either
 * is given (`camptoreschedule` `null` when not, as real forms pass it).
 */
export function helperArgs(action: FrameworkAction, value: unknown): (win: Window, fn: Helper) => unknown[] {
  const a = record(action, value, action === 'call' ? CALL : ARGS[action]) as Record<string, string | undefined>;
  if (action === 'call') return () => [a.campaign, a.callerid, a.destination];
  if (action === 'closeForm') return () => [];
  return (win, fn) => {
    const long = fn.length > 8;
    const portholeOnly = ['tag', 'schedule', 'camptoreschedule'].filter((k) => action === 'disposition' && a[k] && (k === 'tag' || !long));
    if (portholeOnly.length) {
      invalid(action, `${portholeOnly.join(', ')}: no place in ${HELPERS[action]} (${a.tag ? 'call tag() after it, or ' : ''}use: 'porthole')`);
    }
    const call = currentCall(win);
    // Given or in the CTI: campaign and guid are never blank there, a callerid may be empty.
    const missing = (action === 'tag' ? ['guid'] : ['campaign', 'callerid', 'guid']).filter((k) => (a[k] ??= call[k]) === undefined);
    if (missing.length) {
      invalid(action, `${missing.join(', ')} needed by ${HELPERS[action]}: not in the arguments, nor in the form framework's CTI`);
    }
    if (action === 'tag') return [a.guid, a.tag];
    const args: unknown[] = [a.campaign, a.callerid, a.guid, a.l1, a.l2, a.l3];
    return long
      ? [...args, agentOf(win), '', a.comment,
        ...(a.schedule || a.camptoreschedule ? [a.schedule, a.camptoreschedule || null] : [])]
      : [...args, a.comment];
  };
}

/**
 * What a helper's promise settled with, as an answer: rejected, it failed (its reason kept as
 * data); resolved, every action fails on a value that says so (`"ERROR"`, `"0"`, `0`, `false`: what
 * the framework's database helpers and the REST API answer on failure), and `call` needs a guid
 * (not empty, not the text `"null"`, `"undefined"` or `"false"`).
 * Anything else is success: real forms treat a settled helper as done.
 */
export function helperAnswer(action: FrameworkAction, value: unknown, rejected: boolean): Answer {
  let text = '';
  try {
    const v = rejected && isRecord(value) ? value.message : value;
    text = textOf(v)?.trim() ?? '';
  } catch {
    // a hostile error object: no text
  }
  // The failure words; a call's guid is also never empty, nor the text of an empty value ('null').
  const failed = action === 'call' ? NO_GUID : /^(0|error)$/i;
  const ok = !rejected && value !== false && !failed.test(text);
  return { ok, guid: action === 'call' && ok ? text : '', error: ok ? '' : text };
}
