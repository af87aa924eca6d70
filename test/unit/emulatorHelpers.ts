// What the Azure and emulator unit tests share: the emulator `npm test` started, its unit-test data, and a token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorControl, emulatorFromEnv, rawRequest, type EmulatorAddress } from '../emulator/client';
import type { StateFile } from '../emulator/stateFile';

const root = join(__dirname, '..', '..', '..');

/** The emulator started by `npm test` (scripts/test.mjs); fails clearly when mocha runs without it. */
export function requireEmulator(): EmulatorAddress {
  const address = emulatorFromEnv();
  if (!address) throw new Error('no emulator: run these tests through "npm test" (it starts the emulator and sets AZS_EMULATOR_URL)');
  return address;
}

export function control(): EmulatorControl {
  return new EmulatorControl(requireEmulator().controlUrl);
}

/** test/emulator/states/unit.json, the data the emulator starts with and returns to on reset. */
export const unitState = JSON.parse(readFileSync(join(root, 'test', 'emulator', 'states', 'unit.json'), 'utf8')) as StateFile;

const registrations = unitState.registrations ?? [];
const universe = unitState.customerAzureSubscriptions ?? [];

function registrationRef(name: string) {
  const found = registrations.find((r) => r.name === name);
  if (!found) throw new Error(`unit.json has no registration ${name}`);
  return { subscriptionId: found.subscriptionId, resourceGroup: found.resourceGroup, registrationName: found.name };
}

/** The registrations of unit.json, one per condition. */
export const seeded = {
  payAsYouUse: registrationRef('stockholm-payg'),
  notApproved: registrationRef('gothenburg-payg-pending'),
  capacity: registrationRef('malmo-capacity'),
  development: registrationRef('lab-development'),
  /** The 12 tenants of stockholm-payg, in order. */
  tenants: registrations.find((r) => r.name === 'stockholm-payg')?.customerSubscriptions ?? [],
  /** Customer subscriptions that exist in the world: ours and not added yet (two), another partner's, not CSP. */
  ours: universe.filter((s) => s.cspPartner === 'contoso'),
  otherPartners: universe.find((s) => s.cspPartner === 'fabrikam')!,
  notCsp: universe.find((s) => s.cspPartner === null)!,
};

/** A bearer token from the emulator's token endpoint, as the sandbox service principal. */
export async function armToken(address = requireEmulator()): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials', client_id: address.clientId, client_secret: address.clientSecret, scope: `${address.url}/.default`,
  });
  const response = await rawRequest(address.url, {
    method: 'POST', path: `/${address.tenantId}/oauth2/v2.0/token`, body: form.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return (JSON.parse(response.text) as { access_token: string }).access_token;
}

export function registrationPath(ref: { subscriptionId: string; resourceGroup: string; registrationName: string }): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.AzureStack/registrations/${ref.registrationName}`;
}
