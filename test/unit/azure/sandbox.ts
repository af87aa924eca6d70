// A RegistrationsClient signed in to the emulator as its sandbox service principal, through the real
// @azure/identity and @azure/arm-resources code paths; and a StampClient for a stamp of unit.json, signed in through
// the stamp's own discovery as the stamp's own service principal (a stamp never takes the Azure one).
import * as assert from 'node:assert/strict';
import { customCloud, type AzureCloud } from '../../../src/azure/clouds';
import { createCredentialFactory, type SignIn } from '../../../src/azure/credentials';
import { AzureFailure } from '../../../src/azure/errors';
import { RegistrationsClient, type RegistrationsClientOptions } from '../../../src/azure/registrations';
import { discoverStamp, signInTenant, StampClient, type StampClientOptions, type StampEndpoints } from '../../../src/azure/stamps';
import type { LoggedRequest } from '../../emulator/requestLog';
import type { StampSeed } from '../../emulator/stateFile';
import { control, requireEmulator, stampEndpoint } from '../emulatorHelpers';

export function emulatorCloud(): AzureCloud {
  const { url } = requireEmulator();
  const result = customCloud({ resourceManagerEndpoint: url, authorityHost: url });
  if (!result.ok) throw new Error(result.message.en);
  return result.cloud;
}

export function sandboxSignIn(): SignIn {
  const { tenantId, clientId, clientSecret } = requireEmulator();
  return { method: 'servicePrincipal', tenantId, clientId, clientSecret };
}

/** Short back-off so retried reads take milliseconds; Retry-After waits stay as the service asks. */
export const fastRetry = { retryDelayInMs: 20, maxRetryDelayInMs: 100 };

export function sandboxClient(options: Partial<RegistrationsClientOptions> & { signIn?: SignIn } = {}): RegistrationsClient {
  const cloud = emulatorCloud();
  const { signIn = sandboxSignIn(), ...rest } = options;
  return new RegistrationsClient({ cloud, credentials: createCredentialFactory(signIn, cloud), retry: fastRetry, ...rest });
}

/** `METHOD status` for each logged request, e.g. `PUT 502`, to compare whole conversations. */
export const conversation = (log: LoggedRequest[]) => log.map((r) => `${r.method} ${r.status}`);

/** ARM calls only: the sign-in's metadata and token requests left out. */
export const armCalls = (log: LoggedRequest[]) => log.filter((r) => r.path.startsWith('/subscriptions'));

/** A stamp's own service principal, from the emulator's control API. */
export async function stampPrincipal(name: string): Promise<{ clientId: string; clientSecret: string }> {
  const found = (await control().stampPrincipals()).find((p) => p.name === name);
  if (!found) throw new Error(`the emulator has no stamp ${name}`);
  return found;
}

/** The stamp's endpoints as discovery finds them, and its own service principal's sign-in for its identity system. */
export async function discoveredStamp(seed: StampSeed): Promise<{ stamp: StampEndpoints; signIn: SignIn }> {
  const stamp = await discoverStamp(await stampEndpoint(seed.name), { azureCloud: emulatorCloud() });
  const tenant = signInTenant(stamp, seed.directoryTenantId);
  if (!tenant.ok) throw new Error(tenant.message.en);
  const { clientId, clientSecret } = await stampPrincipal(seed.name);
  return { stamp, signIn: { method: 'servicePrincipal', tenantId: tenant.tenantId, clientId, clientSecret } };
}

export async function sandboxStampClient(seed: StampSeed, options: Partial<StampClientOptions> = {}): Promise<StampClient> {
  const { stamp, signIn } = await discoveredStamp(seed);
  return new StampClient({ stamp, credentials: createCredentialFactory(signIn, stamp.cloud), retry: fastRetry, azureCloud: emulatorCloud(), ...options });
}

/** Calls to a stamp's admin ARM endpoint only: its metadata and sign-in left out. */
export const stampCalls = (log: LoggedRequest[], stamp: string) =>
  log.filter((r) => r.stamp === stamp && /^\/(subscriptions|providers)/i.test(r.path));

/** The failure a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function failureOf(promise: Promise<unknown>): Promise<AzureFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AzureFailure, `expected an AzureFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
