// A RegistrationsClient signed in to the emulator as its sandbox service principal, through the real
// @azure/identity and @azure/arm-resources code paths.
import { customCloud, type AzureCloud } from '../../../src/azure/clouds';
import { createCredentialFactory, type SignIn } from '../../../src/azure/credentials';
import { RegistrationsClient, type RegistrationsClientOptions } from '../../../src/azure/registrations';
import type { LoggedRequest } from '../../emulator/requestLog';
import { requireEmulator } from '../emulatorHelpers';

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
