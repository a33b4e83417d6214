import { object, optional, record, type Rule } from '../shared/validate.js';
import { OPERATIONS, type EndpointName } from './operations.js';
import { kind, path, type EndpointKind } from './paths.js';

export type { EndpointKind };

/**
 * Where an endpoint comes from: `'doc'` uContact documents it, `'seen'` real clients use it,
 * `'profile'` our default where the docs are silent (override it when your server differs).
 */
export type EndpointTag = 'doc' | 'seen' | 'profile';

/** One row of the endpoint table. */
export interface EndpointSpec {
  /**
   * `<Group>/<Method>` under `<instance>/Integra/resources/`, or, with a leading `/`, a path from the
   * instance root (e.g. `/IntegraChannels/resources/AgentResources/GetCampaigns`).
   */
  readonly path: string;
  readonly kind: EndpointKind;
  readonly tag: EndpointTag;
}

/**
 * Every REST endpoint the client calls, by name (spec section 5): the rows of the operation table
 * that have a path, frozen. `createUContactClient({ endpoints })` overrides `path` or `kind` per entry.
 *
 * @example
 * ENDPOINTS.agentCall.path // 'Agents/AgentCall'
 */
export const ENDPOINTS: EndpointTable = /* @__PURE__ */ endpointsOf(OPERATIONS);

// A function, so that a bundle that never reads the table (the API-token client alone) drops it: a
// pure call whose arguments hold other calls is kept. Tables and rows are frozen, as their types say:
// requests read them at each call, and a client without overrides has this one, so a write to one
// client's `endpoints` (plain JavaScript) moved every client's calls, past the path and kind checks.
// `overrides`: each row's own (a checked `endpoints` option), applied over the row.
function endpointsOf(operations: object, overrides: Readonly<Record<string, object | undefined>> = {}): EndpointTable {
  return Object.freeze(Object.fromEntries(Object.entries(operations as Readonly<Record<string, Partial<EndpointSpec>>>)
    .flatMap(([name, { path, kind = 'write', tag }]) => (path ? [[name, Object.freeze({ path, kind, tag, ...overrides[name] })]] : [])))) as EndpointTable;
}

export type { EndpointName };

/** Per-entry overrides of the endpoint table (`tag` stays ours: it records where the default came from). */
export type EndpointOverrides = Partial<Record<EndpointName, { readonly [K in 'path' | 'kind']?: EndpointSpec[K] | undefined } | undefined>>;

/** The table in use: every entry of {@link ENDPOINTS} after overrides. */
export type EndpointTable = Readonly<Record<EndpointName, EndpointSpec>>;

const OVERRIDE = { path: /* @__PURE__ */ optional(path), kind: /* @__PURE__ */ optional(kind) };

/**
 * The optional `endpoints` option, checked: {@link ENDPOINTS} with the overrides applied (unknown
 * names refused); {@link ENDPOINTS} itself when absent.
 */
export const endpointOverrides: Rule<EndpointTable> = /* @__PURE__ */ optional((op, name, v) => {
  const spec = Object.fromEntries(Object.keys(ENDPOINTS).map((k) => [k, optional(object(OVERRIDE))]));
  return endpointsOf(ENDPOINTS, record(op, v, spec, name));
}, ENDPOINTS);
