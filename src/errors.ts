/**
 * Every failure code a {@link BridgeError} can carry. Codes are API: they are documented in the
 * README and never renamed.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_EMBEDDED',
  'ORIGIN_REJECTED',
  'TIMEOUT',
  'ABORTED',
  'DESTROYED',
  'PORTAL_FAILED',
  'NO_CTI',
  'DECRYPT_FAILED',
  'INVALID_CTI',
  'HTTP_ERROR',
  'API_ERROR',
  'UNAUTHORIZED',
  'NETWORK_ERROR',
  'BAD_RESPONSE',
  'CALLBACK_FAILED',
  'REDIRECT_REFUSED',
  'RESPONSE_TOO_LARGE',
  'NO_FRAMEWORK',
  'NO_INTERACTION',
  'NOT_READY',
] as const;

/** One of {@link ERROR_CODES}. */
export type BridgeErrorCode = (typeof ERROR_CODES)[number];

/**
 * Extra context a {@link BridgeError} may carry. Never holds secrets; `detail` and `cause` are the
 * other side's or the caller's own data and may hold call data (never put in a message or a log).
 */
export interface BridgeErrorDetails {
  /** The portal action or REST endpoint the error is about. */
  readonly operation?: string;
  /** The HTTP status, when the error comes from a response (`HTTP_ERROR`, `UNAUTHORIZED`, `API_ERROR`, `REDIRECT_REFUSED`). */
  readonly status?: number;
  /** The underlying error, if any (never a crypto-js or JSON error holding plain data; fetch's as a structured clone). */
  readonly cause?: unknown;
  /**
   * Text the other side sent with a failure (the portal's `error`), kept as data. It may hold call
   * data (a phone number, line breaks), so it is never put in a message or a log event. Cut at 500
   * UTF-16 units, which may split a surrogate pair (an emoji): make it well formed
   * (`.toWellFormed()`, `JSON.stringify`) before `encodeURIComponent`, which throws on half a pair.
   */
  readonly detail?: string;
}

// A registry symbol is shared by every realm of the page, so the guard recognises an error made by
// another copy of the library (another bundle, a same-origin frame) where `instanceof` fails.
const BRAND = Symbol.for('ucontact-bridge.error');

/**
 * The one error type of ucontact-bridge. Switch on `code`, never on `message`.
 *
 * @example
 * try { await portal.call(args) } catch (e) { if (isBridgeError(e) && e.code === 'TIMEOUT') retryLater() }
 */
export class BridgeError extends Error {
  /** What went wrong, from {@link ERROR_CODES}. */
  readonly code: BridgeErrorCode;
  /** The portal action or REST endpoint concerned, when there is one. */
  readonly operation: string | undefined;
  /** HTTP status, when the error comes from a response. */
  readonly status: number | undefined;
  /**
   * Text the other side sent with the failure, as data: never in `message`, never logged, not
   * enumerable (an error reporter or `JSON.stringify(err)` that copies an error's own enumerable
   * properties leaves it out). See {@link BridgeErrorDetails.detail}.
   */
  declare readonly detail: string | undefined;
  /**
   * The underlying error, when there is one (see {@link BridgeErrorDetails.cause}). Declared here:
   * `Error` has it only from lib ES2022 on, and the declarations need ES2018 (no emitted code).
   */
  declare readonly cause?: unknown;

  // On the prototype, not assigned to each error: in a page whose Error.prototype is frozen (SES's
  // lockdown, a hardened page), assigning `name` over its read-only one throws a TypeError.
  override get name(): string {
    return 'BridgeError';
  }

  constructor(code: BridgeErrorCode, message: string, details: BridgeErrorDetails = {}) {
    // Error reads `cause` only when `details` has one (an explicit `cause: undefined` included).
    super(message, details);
    this.code = code;
    this.operation = details.operation;
    this.status = details.status;
    Object.defineProperty(this, BRAND, { value: true });
    Object.defineProperty(this, 'detail', { value: details.detail?.slice(0, 500) || undefined });
  }
}

/**
 * True when `value` is a {@link BridgeError}, from this copy of the library or another one. Given a
 * `code`, true only for that code (and TypeScript narrows `code` to it).
 *
 * @example
 * if (isBridgeError(err, 'NOT_EMBEDDED')) useRestInstead()
 */
export function isBridgeError<C extends BridgeErrorCode = BridgeErrorCode>(
  value: unknown, code?: C,
): value is BridgeError & { readonly code: C } {
  // `value` itself, cast where read: a minifier kept an alias of it (`const v = value`) in every bundle.
  type Seen = { [BRAND]?: unknown; code?: unknown; name?: unknown };
  return typeof value === 'object' && value !== null
    && ((value as Seen)[BRAND] === true || ((value as Seen).name === 'BridgeError' && typeof (value as Seen).code === 'string'))
    && (code === undefined || (value as Seen).code === code);
}

/**
 * Makes the {@link BridgeError} of `operation`: the one place the `"operation: message"` format of
 * every message lives. `message` names fields and operations, never values.
 */
export function bridgeError(
  code: BridgeErrorCode, operation: string, message: string, details?: Omit<BridgeErrorDetails, 'operation'>,
): BridgeError {
  // No details: the spread of `undefined` adds nothing.
  return new BridgeError(code, `${operation}: ${message}`, { ...details, operation });
}

/** Throws {@link bridgeError}'s error. */
export function fail(
  code: BridgeErrorCode, operation: string, message: string, details?: Omit<BridgeErrorDetails, 'operation'>,
): never {
  throw bridgeError(code, operation, message, details);
}
