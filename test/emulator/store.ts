// The emulator's live data, built from a state file: subscriptions, resource groups, registrations with their
// tenants, and the customer Azure subscriptions that exist in the world (who sells each). Keys compare
// case-insensitively, as ARM does.
import { Generator } from './generate';
import { Stamp } from './stamp';
import type { AzureSubscriptionSeed, ListKind, PutStyle, RegistrationSeed, StateFile, SubscriptionSeed } from './stateFile';

export interface Tenant {
  customerSubscriptionId: string;
  tenantId: string;
}

export interface ResourceGroup {
  name: string;
  location: string;
}

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: string;
  cspPartner: string | undefined;
  resourceGroups: Map<string, ResourceGroup>;
}

/** A registration as the state file gives it, with defaults filled in and its tenants. */
export interface Registration extends Pick<RegistrationSeed, 'subscriptionId' | 'resourceGroup' | 'name' | 'billingModel' | 'cloudId' | 'objectId'> {
  multiTenancyApproved: boolean;
  cspPartner: string | undefined;
  tags: Record<string, string>;
  etag: string;
  tenants: TenantSet;
}

export interface AzureSubscription {
  tenantId: string;
  cspPartner: string | null;
}

interface GeneratedTenants {
  count: number;
  make(index: number): Tenant;
  locate(customerSubscriptionId: string): number | undefined;
}

/**
 * A registration's tenants: generated ones (positions 0 … count-1, minus removed ones) followed by explicit ones in
 * the order they were added. A page position is an index into that sequence.
 */
export class TenantSet {
  private readonly explicit = new Map<string, Tenant>();
  private readonly removed = new Set<number>();

  constructor(private readonly generated?: GeneratedTenants) {}

  get size(): number {
    return (this.generated?.count ?? 0) - this.removed.size + this.explicit.size;
  }

  get(customerSubscriptionId: string): Tenant | undefined {
    const key = customerSubscriptionId.toLowerCase();
    const explicit = this.explicit.get(key);
    if (explicit) return explicit;
    const index = this.generated?.locate(key);
    return index === undefined || this.removed.has(index) ? undefined : this.generated?.make(index);
  }

  /** Adds or replaces (one tenant per customer subscription, as the service does); says which. */
  set(tenant: Tenant): 'created' | 'updated' {
    const existed = this.delete(tenant.customerSubscriptionId);
    this.explicit.set(tenant.customerSubscriptionId.toLowerCase(), tenant);
    return existed ? 'updated' : 'created';
  }

  delete(customerSubscriptionId: string): boolean {
    const key = customerSubscriptionId.toLowerCase();
    if (this.explicit.delete(key)) return true;
    const index = this.generated?.locate(key);
    if (index === undefined || this.removed.has(index)) return false;
    this.removed.add(index);
    return true;
  }

  /** Up to `size` tenants from `position` on, and the position to continue from when more remain. */
  page(position: number, size: number): { items: Tenant[]; next: number | undefined } {
    const generatedCount = this.generated?.count ?? 0;
    const explicit = [...this.explicit.values()];
    const end = generatedCount + explicit.length;
    const items: Tenant[] = [];
    let at = position;
    for (; at < end && items.length < size; at++) {
      if (at >= generatedCount) items.push(explicit[at - generatedCount]);
      else if (!this.removed.has(at) && this.generated) items.push(this.generated.make(at));
    }
    return { items, next: at < end ? at : undefined };
  }
}

const defaultSignIn = {
  tenantId: '3f4e9d2a-6b1c-4e8f-9a27-5c0d81e6b4f3',
  clientId: '8d2f61c4-1a7e-4b3d-9c05-e2a4f7b9d016',
  clientSecret: 'sandbox-client-secret-not-for-production',
  tokenLifetimeSeconds: 3600,
};

const defaultPageSize = 1000;

let etagCounter = 0;
export function nextEtag(): string {
  etagCounter += 1;
  return `"${etagCounter.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000"`;
}

function registrationKey(subscriptionId: string, resourceGroup: string, name: string): string {
  return `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();
}

export class EmulatorStore {
  readonly signIn: typeof defaultSignIn;
  readonly putStyle: PutStyle;
  private readonly paging: StateFile['paging'];
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly registrations = new Map<string, Registration>();
  private readonly azureSubscriptions = new Map<string, AzureSubscription>();
  private readonly generators: Generator[];
  private readonly stampsByName: Map<string, Stamp>;

  constructor(file: StateFile) {
    this.signIn = { ...defaultSignIn, ...file.signIn };
    this.putStyle = file.customerSubscriptionPut ?? 'createdEmpty';
    this.paging = file.paging;
    this.generators = (file.generate ?? []).map((seed) => new Generator(seed));
    for (const seed of file.subscriptions ?? []) this.addSubscription(seed);
    for (const seed of file.customerAzureSubscriptions ?? []) this.addAzureSubscription(seed);
    for (const seed of file.registrations ?? []) this.addRegistrationSeed(seed);
    for (const generator of this.generators) this.addGenerated(generator);
    this.stampsByName = new Map((file.stamps ?? []).map((seed) => [seed.name.toLowerCase(), new Stamp(seed)]));
  }

  stamps(): Stamp[] {
    return [...this.stampsByName.values()];
  }

  stamp(name: string): Stamp | undefined {
    return this.stampsByName.get(name.toLowerCase());
  }

  pageSize(kind: ListKind): number {
    return this.paging?.[kind] ?? this.paging?.default ?? defaultPageSize;
  }

  listSubscriptions(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  subscription(subscriptionId: string): Subscription | undefined {
    return this.subscriptions.get(subscriptionId.toLowerCase());
  }

  resourceGroup(subscriptionId: string, name: string): ResourceGroup | undefined {
    return this.subscription(subscriptionId)?.resourceGroups.get(name.toLowerCase());
  }

  registration(subscriptionId: string, resourceGroup: string, name: string): Registration | undefined {
    return this.registrations.get(registrationKey(subscriptionId, resourceGroup, name));
  }

  /** Registrations of a subscription, optionally of one resource group, in the order they were added. */
  registrationsIn(subscriptionId: string, resourceGroup?: string): Registration[] {
    const sub = subscriptionId.toLowerCase();
    const group = resourceGroup?.toLowerCase();
    return [...this.registrations.values()].filter((r) =>
      r.subscriptionId.toLowerCase() === sub && (group === undefined || r.resourceGroup.toLowerCase() === group));
  }

  putRegistration(registration: Registration): void {
    this.registrations.set(registrationKey(registration.subscriptionId, registration.resourceGroup, registration.name), registration);
  }

  deleteRegistration(registration: Registration): void {
    this.registrations.delete(registrationKey(registration.subscriptionId, registration.resourceGroup, registration.name));
  }

  /** A customer Azure subscription as the world knows it, or undefined when no such subscription exists. */
  azureSubscription(subscriptionId: string): AzureSubscription | undefined {
    const known = this.azureSubscriptions.get(subscriptionId.toLowerCase());
    if (known) return known;
    for (const generator of this.generators) {
      const found = generator.locate(subscriptionId);
      if (found) return { tenantId: generator.tenant(found.registration, found.index).tenantId, cspPartner: this.generatorPartner(generator) };
    }
    return undefined;
  }

  private addSubscription(seed: SubscriptionSeed): Subscription {
    const groups = (seed.resourceGroups ?? []).map((g) => (typeof g === 'string' ? { name: g } : g));
    const subscription: Subscription = {
      subscriptionId: seed.subscriptionId,
      displayName: seed.displayName,
      tenantId: seed.tenantId ?? this.signIn.tenantId,
      state: seed.state ?? 'Enabled',
      cspPartner: seed.cspPartner,
      resourceGroups: new Map(groups.map((g) => [g.name.toLowerCase(), { name: g.name, location: g.location ?? 'westcentralus' }])),
    };
    this.subscriptions.set(seed.subscriptionId.toLowerCase(), subscription);
    return subscription;
  }

  private addAzureSubscription(seed: AzureSubscriptionSeed): void {
    this.azureSubscriptions.set(seed.subscriptionId.toLowerCase(), { tenantId: seed.tenantId, cspPartner: seed.cspPartner });
  }

  /** The subscription and resource group a registration lives in, created when the state names them only there. */
  private ensureHome(subscriptionId: string, resourceGroup: string): Subscription {
    const subscription = this.subscription(subscriptionId)
      ?? this.addSubscription({ subscriptionId, displayName: `Subscription ${subscriptionId.slice(0, 8)}` });
    if (!subscription.resourceGroups.has(resourceGroup.toLowerCase())) {
      subscription.resourceGroups.set(resourceGroup.toLowerCase(), { name: resourceGroup, location: 'westcentralus' });
    }
    return subscription;
  }

  private addRegistrationSeed(seed: RegistrationSeed): void {
    const home = this.ensureHome(seed.subscriptionId, seed.resourceGroup);
    const registration: Registration = {
      subscriptionId: seed.subscriptionId,
      resourceGroup: seed.resourceGroup,
      name: seed.name,
      billingModel: seed.billingModel,
      cloudId: seed.cloudId,
      objectId: seed.objectId,
      multiTenancyApproved: seed.multiTenancyApproved ?? true,
      cspPartner: seed.cspPartner ?? home.cspPartner,
      tags: seed.tags ?? {},
      etag: nextEtag(),
      tenants: new TenantSet(),
    };
    for (const { subscriptionId, tenantId } of seed.customerSubscriptions ?? []) {
      registration.tenants.set({ customerSubscriptionId: subscriptionId, tenantId });
      // A tenant already added was accepted once, so it exists in the world as a CSP subscription of this partner.
      if (!this.azureSubscriptions.has(subscriptionId.toLowerCase())) {
        this.addAzureSubscription({ subscriptionId, tenantId, cspPartner: registration.cspPartner ?? null });
      }
    }
    this.putRegistration(registration);
  }

  private generatorPartner(generator: Generator): string | null {
    return generator.seed.cspPartner ?? this.subscription(generator.seed.subscriptionId)?.cspPartner ?? null;
  }

  private addGenerated(generator: Generator): void {
    const { seed } = generator;
    const home = this.ensureHome(seed.subscriptionId, seed.resourceGroup);
    for (let r = 0; r < seed.registrations; r++) {
      this.putRegistration({
        subscriptionId: seed.subscriptionId,
        resourceGroup: seed.resourceGroup,
        name: generator.registrationName(r),
        billingModel: seed.billingModel ?? 'PayAsYouUse',
        cloudId: generator.cloudId(r),
        objectId: generator.objectId(r),
        multiTenancyApproved: true,
        cspPartner: seed.cspPartner ?? home.cspPartner,
        tags: {},
        etag: nextEtag(),
        tenants: new TenantSet({
          count: seed.tenantsPerRegistration,
          make: (i) => generator.tenant(r, i),
          locate: (id) => {
            const found = generator.locate(id);
            return found?.registration === r ? found.index : undefined;
          },
        }),
      });
    }
  }
}
