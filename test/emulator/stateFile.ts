// The emulator's state file: its JSON shape, and a reader that names every problem instead of throwing.
// test/emulator/README.md documents each field.
import type { StampSubscription } from '../../src/core/usage/billing';

export interface SignInSeed {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
}

export type ListKind = 'subscriptions' | 'resourceGroups' | 'resources' | 'registrations' | 'customerSubscriptions';

export type PagingSeed = Partial<Record<ListKind | 'default', number>>;

export interface ResourceGroupSeed {
  name: string;
  location?: string;
}

export interface SubscriptionSeed {
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
  state?: string;
  /** The CSP partner that owns this (registering) subscription; registrations in it inherit it. */
  cspPartner?: string;
  resourceGroups?: (string | ResourceGroupSeed)[];
}

export interface CustomerSubscriptionSeed {
  subscriptionId: string;
  tenantId: string;
}

export interface RegistrationSeed {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  billingModel: string;
  cloudId: string;
  objectId: string;
  multiTenancyApproved?: boolean;
  cspPartner?: string;
  tags?: Record<string, string>;
  customerSubscriptions?: CustomerSubscriptionSeed[];
}

/** One customer Azure subscription in the world outside the registration: who sells it, if anyone. */
export interface AzureSubscriptionSeed {
  subscriptionId: string;
  tenantId: string;
  /** The CSP partner that sells it; null for a subscription that is not a CSP subscription. */
  cspPartner: string | null;
}

/** Many registrations with many tenants each, made up on demand from a seed instead of being stored. */
export interface GeneratorSeed {
  seed: number;
  subscriptionId: string;
  resourceGroup: string;
  namePrefix: string;
  registrations: number;
  tenantsPerRegistration: number;
  billingModel?: string;
  cspPartner?: string;
}

/** A tenant (user) subscription on a stamp, as Microsoft.Subscriptions.Admin lists it, and how it behaves. */
export interface TenantSubscriptionSeed extends StampSubscription {
  /** Set to another provider subscription for a reseller's (delegated provider's) tenant: no usage for the default provider. */
  delegatedProviderSubscriptionId?: string;
  /** Multiplies every usage quantity of this subscription (default 1; 0: it used nothing). */
  usageScale?: number;
}

/** Many tenant subscriptions made up from a seed (benchmarks): subscription i is in directory i mod `directories`. */
export interface TenantSubscriptionGeneratorSeed {
  seed: number;
  count: number;
  directories: number;
}

/** One meter a stamp reports for every direct tenant subscription, one resource each. */
export interface UsageMeterSeed {
  meterId: string;
  /** Quantity per hour before the per-day level and the subscription's scale (see README: the usage formula). */
  perHour: number;
  resourceType: string;
  resourceName: string;
}

/**
 * A gateway that gives up on big unfiltered usage queries, as a real stamp's does: a query without subscriberId
 * that would return more than `unfilteredRecordsAbove` records answers `status` (504, or 502) from page `fromPage`
 * (0-based, default 0) on. Queries per subscriber always answer.
 */
export interface GatewayTimeoutSeed {
  unfilteredRecordsAbove: number;
  status?: 502 | 504;
  fromPage?: number;
}

export interface UsageSeed {
  seed: number;
  meters: UsageMeterSeed[];
  gatewayTimeout?: GatewayTimeoutSeed;
}

export type IdentitySystem = 'entraId' | 'adfs';

/** The stamp's own service principal: what its identity system accepts for it (a secret, a certificate, or both). */
export interface StampPrincipalSeed {
  clientId?: string;
  clientSecret?: string;
  /** PEM of the public certificate; a client assertion signed with its key is accepted. */
  certificate?: string;
}

/**
 * What `metadata/endpoints` says instead of the truth, for hostile-stamp tests. `{arm}` stands for the ARM emulator's
 * origin, `{stamp}` for this stamp's and `{stamp:<name>}` for another stamp's, e.g. `"{stamp:collector}/adfs"`.
 */
export interface StampMetadataSeed {
  loginEndpoint?: string;
  audience?: string;
}

/** An Azure Stack Hub stamp: its own admin ARM endpoint with tenant subscriptions and usage made up from a seed. */
export interface StampSeed {
  name: string;
  identitySystem: IdentitySystem;
  /** The stamp's home directory: the Entra ID tenant operators sign in to (AD FS stamps sign in to `adfs`). */
  directoryTenantId: string;
  /** The stamp's CloudDeploymentID. */
  cloudId: string;
  /** The resource ID of the registration the stamp is activated with; that registration's cloudId must be the stamp's. */
  registration?: string;
  /** The admin ARM audience (default: https://adminmanagement.<name>.azurestack.example/<stable GUID>). */
  audience?: string;
  defaultProviderSubscriptionId: string;
  paging?: { tenantSubscriptions?: number; usage?: number };
  tenantSubscriptions?: TenantSubscriptionSeed[];
  generateTenantSubscriptions?: TenantSubscriptionGeneratorSeed;
  usage?: UsageSeed;
  /** Default: a client ID and secret made from the stamp's name (the control API and the ready line name them). */
  servicePrincipal?: StampPrincipalSeed;
  metadata?: StampMetadataSeed;
}

/** How a customer subscription PUT that creates answers: 201 with no body (Microsoft's CSP docs) or 200 with the resource (the spec). */
export type PutStyle = 'createdEmpty' | 'okWithBody';

export interface StateFile {
  signIn?: SignInSeed;
  paging?: PagingSeed;
  customerSubscriptionPut?: PutStyle;
  subscriptions?: SubscriptionSeed[];
  registrations?: RegistrationSeed[];
  customerAzureSubscriptions?: AzureSubscriptionSeed[];
  generate?: GeneratorSeed[];
  stamps?: StampSeed[];
}

export type ReadResult = { ok: true; state: StateFile } | { ok: false; problems: string[] };

type Check = (value: unknown, path: string, problems: string[]) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value, path, problems) => {
  if (typeof value !== 'string' || value === '') problems.push(`${path}: expected a non-empty string`);
};
const count: Check = (value, path, problems) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push(`${path}: expected a whole number ≥ 0`);
};
const positive: Check = (value, path, problems) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) problems.push(`${path}: expected a whole number ≥ 1`);
};
const boolean: Check = (value, path, problems) => {
  if (typeof value !== 'boolean') problems.push(`${path}: expected true or false`);
};
const stringOrNull: Check = (value, path, problems) => {
  if (value !== null) string(value, path, problems);
};
const stringMap: Check = (value, path, problems) => {
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) problems.push(`${path}: expected an object of strings`);
};
const amount: Check = (value, path, problems) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`${path}: expected a number ≥ 0`);
};
const oneOf = (...allowed: string[]): Check => (value, path, problems) => {
  if (typeof value !== 'string' || !allowed.includes(value)) problems.push(`${path}: expected one of ${allowed.join(', ')}`);
};

/** Checks an object's fields: `required` must be present, `optional` may be; anything else is reported as unknown. */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value, path, problems) => {
    if (!isObject(value)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    for (const [key, check] of Object.entries(required)) {
      if (value[key] === undefined) problems.push(`${path}.${key}: missing`);
      else check(value[key], `${path}.${key}`, problems);
    }
    for (const [key, check] of Object.entries(optional)) {
      if (value[key] !== undefined) check(value[key], `${path}.${key}`, problems);
    }
    for (const key of Object.keys(value)) {
      if (!(key in required) && !(key in optional) && key !== '$comment') problems.push(`${path}.${key}: unknown field`);
    }
  };
}

function list(item: Check): Check {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`${path}: expected a list`);
      return;
    }
    value.forEach((entry, index) => item(entry, `${path}[${index}]`, problems));
  };
}

const resourceGroup: Check = (value, path, problems) => {
  if (typeof value !== 'string') shape({ name: string }, { location: string })(value, path, problems);
  else string(value, path, problems);
};

const customerSubscription = shape({ subscriptionId: string, tenantId: string });

const gatewayStatus: Check = (value, path, problems) => {
  if (value !== 502 && value !== 504) problems.push(`${path}: expected 502 or 504`);
};

export const gatewayTimeoutShape = shape({ unfilteredRecordsAbove: count }, { status: gatewayStatus, fromPage: count });

const stampShape = shape(
  { name: string, identitySystem: oneOf('entraId', 'adfs'), directoryTenantId: string, cloudId: string, defaultProviderSubscriptionId: string },
  {
    registration: string,
    audience: string,
    paging: shape({}, { tenantSubscriptions: positive, usage: positive }),
    tenantSubscriptions: list(shape(
      { subscriptionId: string, displayName: string, owner: string, tenantId: string },
      { offerId: string, state: string, delegatedProviderSubscriptionId: string, usageScale: amount },
    )),
    generateTenantSubscriptions: shape({ seed: count, count, directories: positive }),
    usage: shape(
      { seed: count, meters: list(shape({ meterId: string, perHour: amount, resourceType: string, resourceName: string })) },
      { gatewayTimeout: gatewayTimeoutShape },
    ),
    servicePrincipal: shape({}, { clientId: string, clientSecret: string, certificate: string }),
    metadata: shape({}, { loginEndpoint: string, audience: string }),
  },
);

const stateShape = shape({}, {
  signIn: shape({}, { tenantId: string, clientId: string, clientSecret: string, tokenLifetimeSeconds: positive }),
  paging: shape({}, {
    default: positive, subscriptions: positive, resourceGroups: positive, resources: positive, registrations: positive,
    customerSubscriptions: positive,
  }),
  customerSubscriptionPut: oneOf('createdEmpty', 'okWithBody'),
  subscriptions: list(shape(
    { subscriptionId: string, displayName: string },
    { tenantId: string, state: string, cspPartner: string, resourceGroups: list(resourceGroup) },
  )),
  registrations: list(shape(
    { subscriptionId: string, resourceGroup: string, name: string, billingModel: string, cloudId: string, objectId: string },
    { multiTenancyApproved: boolean, cspPartner: string, tags: stringMap, customerSubscriptions: list(customerSubscription) },
  )),
  customerAzureSubscriptions: list(shape({ subscriptionId: string, tenantId: string, cspPartner: stringOrNull })),
  generate: list(shape(
    { seed: count, subscriptionId: string, resourceGroup: string, namePrefix: string, registrations: count, tenantsPerRegistration: count },
    { billingModel: string, cspPartner: string },
  )),
  stamps: list(stampShape),
});

const registrationIdKey = (subscriptionId: string, resourceGroup: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.AzureStack/registrations/${name}`.toLowerCase();

/** What the field-by-field checks cannot see: unique stamp names, and a stamp activated with a registration of its own cloud. */
function stampProblems(state: StateFile): string[] {
  const problems: string[] = [];
  const cloudIds = new Map((state.registrations ?? []).map((r) => [registrationIdKey(r.subscriptionId, r.resourceGroup, r.name), r.cloudId]));
  const names = new Set<string>();
  for (const [index, stamp] of (state.stamps ?? []).entries()) {
    const path = `state.stamps[${index}]`;
    if (names.has(stamp.name.toLowerCase())) problems.push(`${path}.name: another stamp is already called ${stamp.name}`);
    names.add(stamp.name.toLowerCase());
    if (stamp.registration === undefined) continue;
    const cloudId = cloudIds.get(stamp.registration.replace(/\/+$/, '').toLowerCase());
    if (cloudId === undefined) problems.push(`${path}.registration: no registration in state.registrations has this ID`);
    else if (cloudId.toLowerCase() !== stamp.cloudId.toLowerCase()) {
      problems.push(`${path}.registration: that registration's cloudId is ${cloudId}, not the stamp's ${stamp.cloudId}`);
    }
  }
  return problems;
}

/** Reads a state from parsed JSON; every problem is reported with its path, e.g. `registrations[2].billingModel: missing`. */
export function readState(value: unknown): ReadResult {
  const problems: string[] = [];
  stateShape(value, 'state', problems);
  if (isObject(value) && Array.isArray(value.generate)) {
    for (const [index, generator] of (value.generate as unknown[]).entries()) {
      if (!isObject(generator)) continue;
      if (typeof generator.registrations === 'number' && generator.registrations > 0xffff) problems.push(`state.generate[${index}].registrations: at most 65535`);
      if (typeof generator.tenantsPerRegistration === 'number' && generator.tenantsPerRegistration > 0xffffffff) {
        problems.push(`state.generate[${index}].tenantsPerRegistration: at most 4294967295`);
      }
    }
  }
  if (!problems.length) problems.push(...stampProblems(value as StateFile));
  return problems.length ? { ok: false, problems } : { ok: true, state: value as StateFile };
}

/** Parses and reads the text of a state file. */
export function parseState(text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return readState(value);
}
