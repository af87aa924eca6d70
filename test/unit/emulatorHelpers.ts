// What the Azure and emulator unit tests share: the emulator `npm test` started, its unit-test data, and a token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorControl, emulatorFromEnv, rawRequest, type EmulatorAddress } from '../emulator/client';
import type { StampSeed, StateFile } from '../emulator/stateFile';

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

/** A bearer token for `scope` from a token endpoint (`baseUrl` + `tokenPath`), as `principal` (default: the sandbox's). */
async function clientCredentialsToken(baseUrl: string, tokenPath: string, scope: string, principal: { clientId: string; clientSecret: string } = requireEmulator()): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: principal.clientId, client_secret: principal.clientSecret, scope });
  const response = await rawRequest(baseUrl, {
    method: 'POST', path: tokenPath, body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return (JSON.parse(response.text) as { access_token: string }).access_token;
}

/** A bearer token from the emulator's token endpoint, as the sandbox service principal. */
export function armToken(address = requireEmulator()): Promise<string> {
  return clientCredentialsToken(address.url, `/${address.tenantId}/oauth2/v2.0/token`, `${address.url}/.default`, address);
}

/** The stamps of unit.json: an Entra ID stamp with usage, and a disconnected AD FS stamp. */
export const seededStamps = {
  entraId: unitState.stamps![0],
  adfs: unitState.stamps![1],
};

/** test/fixtures/emulator/hostile-stamps.json: stamps that try to get what is not theirs (added with replaceState). */
export const hostileStamps = Object.fromEntries((JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'emulator', 'hostile-stamps.json'), 'utf8')) as { stamps: StampSeed[] })
  .stamps.map((stamp) => [stamp.name, stamp])) as Record<'collector' | 'rogue-login' | 'arm-audience' | 'shifting', StampSeed>;

/** A stamp's admin endpoint, from the emulator's control API. */
export async function stampEndpoint(name: string): Promise<string> {
  const found = (await control().stamps()).find((s) => s.name === name);
  if (!found) throw new Error(`the emulator has no stamp ${name}`);
  return found.adminEndpoint;
}

/** A token for a stamp's admin audience from its own identity system (Entra ID on the ARM emulator, AD FS on the stamp), as its own principal. */
export async function stampToken(stamp: StampSeed, adminEndpoint: string): Promise<string> {
  const scope = `${stamp.audience}/.default`;
  const principal = (await control().stampPrincipals()).find((p) => p.name === stamp.name);
  if (!principal) throw new Error(`the emulator has no stamp ${stamp.name}`);
  return stamp.identitySystem === 'adfs'
    ? clientCredentialsToken(adminEndpoint, '/adfs/oauth2/token', scope, principal)
    : clientCredentialsToken(requireEmulator().url, `/${stamp.directoryTenantId}/oauth2/v2.0/token`, scope, principal);
}

const hourMs = 3_600_000;

/**
 * What a stamp's usage seed implies for a period, worked out here from the formula in test/emulator/README.md
 * (not from the emulator's code): the number of records and the total per `subscriptionId|meterId`.
 */
export function expectedUsage(stamp: StampSeed, start: Date, end: Date, granularity: 'hourly' | 'daily'): { records: number; totals: Map<string, number> } {
  const usage = stamp.usage!;
  const totals = new Map<string, number>();
  const users = (stamp.tenantSubscriptions ?? []).map((s, index) => ({ ...s, index }))
    .filter((s) => (s.usageScale ?? 1) > 0 && (s.delegatedProviderSubscriptionId ?? stamp.defaultProviderSubscriptionId) === stamp.defaultProviderSubscriptionId);
  for (let hour = start.getTime(); hour < end.getTime(); hour += hourMs) {
    const day = Math.floor(hour / (24 * hourMs));
    for (const s of users) {
      usage.meters.forEach((meter, j) => {
        const key = `${s.subscriptionId}|${meter.meterId}`;
        const level = 1 + ((usage.seed + 3 * s.index + 5 * j + day) % 4);
        totals.set(key, (totals.get(key) ?? 0) + meter.perHour * (s.usageScale ?? 1) * level);
      });
    }
  }
  const slots = (end.getTime() - start.getTime()) / (granularity === 'hourly' ? hourMs : 24 * hourMs);
  return { records: slots * users.length * usage.meters.length, totals };
}

export function registrationPath(ref: { subscriptionId: string; resourceGroup: string; registrationName: string }): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.AzureStack/registrations/${ref.registrationName}`;
}
