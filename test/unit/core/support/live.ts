// Live data as Azure would answer it, for the live rules' tests: a table of registrations and their tenants.
import type { LiveData, LiveRegistrationRef } from '../../../../src/core/lint';

export interface AzureTable {
  /** registration name → billing model and tenants; the subscription and resource group of the fixtures. */
  registrations: Record<string, { billingModel: string; tenants?: string[] }>;
  /** Answer "not known" for everything (signed out). */
  unknown?: boolean;
}

export function liveFrom(table: AzureTable): LiveData {
  const find = (ref: LiveRegistrationRef) => Object.entries(table.registrations).find(([name]) => name.toLowerCase() === ref.name.toLowerCase())?.[1];
  return {
    registration: (ref) => {
      if (table.unknown) return undefined;
      const found = find(ref);
      return found ? { billingModel: found.billingModel } : 'absent';
    },
    tenant: (ref, id) => {
      if (table.unknown) return undefined;
      const found = find(ref);
      if (!found) return undefined;
      return found.tenants?.some((t) => t.toLowerCase() === id.toLowerCase()) ? 'present' : 'absent';
    },
  };
}
