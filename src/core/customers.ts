// Who the customer behind a tenant is. A registration knows a customer only by two GUIDs — the customer's Azure
// subscription and directory — but names are known elsewhere: the label a tenant CSV gives a row, and the stamps'
// own tenant subscriptions (display name, owner), which live in the same directory. This index joins them: a label
// for the very customer subscription first, then the stamp subscriptions of the directory, then a label given to
// another row of the directory.
import type { TenantRow } from './tenantsCsv';
import type { StampSubscription } from './usage/billing';

/** A row of a tenant CSV that names its customer. */
export interface CsvLabel {
  label: string;
  /** The file, as the caller names it (a workspace-relative path). */
  file: string;
  line: number;
  customerSubscriptionId: string;
  tenantId: string;
}

/** A stamp's tenant subscription in the customer's directory. */
export interface StampCustomer {
  stamp: string;
  subscription: StampSubscription;
}

export interface Customer {
  /** The name to show. */
  name: string;
  /** The stamp subscriptions' owners in the directory, each once. */
  owners: string[];
  /** The CSV rows that name this customer subscription or its directory. */
  labels: CsvLabel[];
  /** The stamps' tenant subscriptions in the customer's directory. */
  stampSubscriptions: StampCustomer[];
}

const key = (id: string | undefined) => id?.trim().toLowerCase() ?? '';

function pushTo<T>(map: Map<string, T[]>, at: string, value: T): void {
  const list = map.get(at);
  if (list) list.push(value);
  else map.set(at, [value]);
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.trim()))];
}

export class CustomerIndex {
  private readonly labelsByFile = new Map<string, CsvLabel[]>();
  private readonly subscriptionsByStamp = new Map<string, StampSubscription[]>();
  private lookups: { labelsBySubscription: Map<string, CsvLabel[]>; labelsByDirectory: Map<string, CsvLabel[]>; stampsByDirectory: Map<string, StampCustomer[]> } | undefined;

  /** What `file` says now (it replaces what it said before); rows with a problem or without a label name nobody. */
  setLabels(file: string, rows: TenantRow[]): void {
    const labels = rows.filter((r) => !r.problem && r.label.trim())
      .map((r) => ({ label: r.label.trim(), file, line: r.line, customerSubscriptionId: r.customerSubscriptionId, tenantId: r.tenantId }));
    if (labels.length) this.labelsByFile.set(file, labels);
    else this.labelsByFile.delete(file);
    this.lookups = undefined;
  }

  forgetFile(file: string): void {
    if (this.labelsByFile.delete(file)) this.lookups = undefined;
  }

  /** The tenant subscriptions `stamp` holds now (replacing what it held before). */
  setStampSubscriptions(stamp: string, subscriptions: StampSubscription[]): void {
    this.subscriptionsByStamp.set(stamp, subscriptions);
    this.lookups = undefined;
  }

  private index() {
    if (this.lookups) return this.lookups;
    const lookups = { labelsBySubscription: new Map<string, CsvLabel[]>(), labelsByDirectory: new Map<string, CsvLabel[]>(), stampsByDirectory: new Map<string, StampCustomer[]>() };
    for (const label of [...this.labelsByFile.values()].flat()) {
      pushTo(lookups.labelsBySubscription, key(label.customerSubscriptionId), label);
      pushTo(lookups.labelsByDirectory, key(label.tenantId), label);
    }
    for (const [stamp, subscriptions] of this.subscriptionsByStamp) {
      for (const subscription of subscriptions) pushTo(lookups.stampsByDirectory, key(subscription.tenantId), { stamp, subscription });
    }
    this.lookups = lookups;
    return lookups;
  }

  /** The customer of the tenant with this customer subscription and directory, when anything names them. */
  lookup(customerSubscriptionId: string, tenantId: string | undefined): Customer | undefined {
    const { labelsBySubscription, labelsByDirectory, stampsByDirectory } = this.index();
    const own = labelsBySubscription.get(key(customerSubscriptionId)) ?? [];
    const directory = tenantId ? labelsByDirectory.get(key(tenantId)) ?? [] : [];
    const stampSubscriptions = tenantId ? stampsByDirectory.get(key(tenantId)) ?? [] : [];
    const stampNames = unique(stampSubscriptions.map((s) => s.subscription.displayName)).sort((a, b) => a.localeCompare(b));
    const name = own[0]?.label
      ?? (stampNames.length ? `${stampNames[0]}${stampNames.length > 1 ? ` (+${stampNames.length - 1})` : ''}` : undefined)
      ?? directory[0]?.label;
    if (!name) return undefined;
    return {
      name,
      owners: unique(stampSubscriptions.map((s) => s.subscription.owner)),
      labels: [...own, ...directory.filter((label) => !own.includes(label))],
      stampSubscriptions,
    };
  }
}

/**
 * Whether a filter typed by the user matches a tenant: any part of the customer's name, a label, a stamp
 * subscription's name or owner, the customer subscription ID or the directory, ignoring case.
 */
export function customerMatches(filter: string, customerSubscriptionId: string, tenantId: string | undefined, customer: Customer | undefined): boolean {
  const wanted = filter.trim().toLowerCase();
  if (!wanted) return true;
  const texts = [
    customerSubscriptionId, tenantId ?? '', customer?.name ?? '', ...customer?.owners ?? [],
    ...customer?.labels.map((l) => l.label) ?? [], ...customer?.stampSubscriptions.map((s) => s.subscription.displayName) ?? [],
  ];
  return texts.some((text) => text.toLowerCase().includes(wanted));
}
