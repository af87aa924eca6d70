// Running a fixture script against the emulator, as the user would against Azure, and what Azure answered: PowerShell
// scripts in one long-running pwsh (run.ps1), shell scripts with bash and the Azure CLI signed in to the emulator.
import { registrationKey } from '../../../src/core/ids';
import type { LiveData, LiveRegistrationRef } from '../../../src/core/live';
import type { RegistrationsClient } from '../../../src/azure/registrations';
import type { EmulatorAddress } from '../../emulator/client';
import { runProcess, type AzureCliProfile } from '../../unit/azure/azureCli';
import { PwshProcess } from './powershell';

/** Azure accepted the request, or refused it with an error code. */
export type Outcome = { accepted: true } | { accepted: false; code: string };

export const describeOutcome = (outcome: Outcome) => (outcome.accepted ? 'accepted' : outcome.code);

/** Where scripts say Azure is: replaced by the emulator's address when they run. */
export const azureResourceManager = 'https://management.azure.com';

/** The `code` of an ARM error body, or what the text says when it holds none. */
function errorCode(text: string): string {
  return /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? `no error code: ${text.trim().split('\n')[0]}`;
}

interface RunAnswer {
  output: string;
  errors: { message: string; body: string }[];
}

export class PowerShellScripts {
  private readonly process: PwshProcess;

  constructor(pwsh: string, private readonly address: EmulatorAddress, private readonly env: Record<string, string>) {
    // .NET on Linux takes its trusted roots from SSL_CERT_FILE: the emulator's CA only, for these scripts.
    this.process = PwshProcess.start(pwsh, 'run.ps1', { SSL_CERT_FILE: address.caFile ?? '' });
  }

  async run(script: string): Promise<Outcome> {
    const answer = await this.process.ask<RunAnswer>({ script: script.replaceAll(azureResourceManager, this.address.url), env: this.env });
    const [first] = answer.errors;
    return first ? { accepted: false, code: errorCode(first.body || first.message) } : { accepted: true };
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

export class ShellScripts {
  constructor(private readonly cli: AzureCliProfile, private readonly address: EmulatorAddress) {}

  async run(script: string): Promise<Outcome> {
    const run = await runProcess('bash', ['-s'], this.cli.env, script.replaceAll(azureResourceManager, this.address.url));
    return run.status === 0 ? { accepted: true } : { accepted: false, code: errorCode(run.stderr) };
  }
}

/**
 * What the signed-in editor's live data would answer (src/vscode/liveData.ts asks the same client), read at once for
 * every subscription the account sees: the live rules ask synchronously.
 */
export async function liveDataFrom(client: RegistrationsClient): Promise<LiveData> {
  const visible = new Set<string>();
  const registrations = new Map<string, string | undefined>();
  const tenants = new Map<string, Set<string>>();
  for (const subscription of await client.listSubscriptions()) {
    visible.add(subscription.subscriptionId.toLowerCase());
    for (const registration of await client.listRegistrations(subscription.subscriptionId)) {
      const key = registrationKey(registration);
      registrations.set(key, registration.billingModel);
      const added = new Set<string>();
      let continuation: string | undefined;
      do {
        const page = await client.listTenantsPage(registration, continuation);
        for (const tenant of page.tenants) added.add(tenant.customerSubscriptionId.toLowerCase());
        continuation = page.continuation;
      } while (continuation);
      tenants.set(key, added);
    }
  }
  const keyOf = (ref: LiveRegistrationRef) => registrationKey({ subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, registrationName: ref.name });
  return {
    registration: (ref) => {
      if (!visible.has(ref.subscriptionId.toLowerCase())) return undefined;
      const key = keyOf(ref);
      return registrations.has(key) ? { billingModel: registrations.get(key) } : 'absent';
    },
    tenant: (ref, id) => {
      const added = tenants.get(keyOf(ref));
      return added && (added.has(id.toLowerCase()) ? 'present' : 'absent');
    },
  };
}
