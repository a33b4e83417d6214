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
 * that have a path. `createUContactClient({ endpoints })` overrides `path` or `kind` per entry.
 *
 * @example
 * ENDPOINTS.agentCall.path // 'Agents/AgentCall'
 */
export const ENDPOINTS: EndpointTable = /* @__PURE__ */ endpointsOf(OPERATIONS);

// A function, so that a bundle that never reads the table (the API-token client alone) drops it: a
// pure call whose arguments hold other calls is kept.
function endpointsOf(operations: object): EndpointTable {
  return Object.fromEntries(Object.entries(operations as Readonly<Record<string, Partial<EndpointSpec>>>)
    .flatMap(([name, { path, kind = 'write', tag }]) => (path ? [[name, { path, kind, tag }]] : []))) as EndpointTable;
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
  const overrides = record(op, v, spec, name);
  return Object.fromEntries(Object.entries(ENDPOINTS).map(([k, base]) => [k, { ...base, ...overrides[k] }])) as EndpointTable;
}, ENDPOINTS);
