// The emulator's state file: its JSON shape, and a reader that names every problem instead of throwing.
// test/emulator/README.md documents each field.

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
});

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
