// The real Azure CLI with a profile of its own (AZURE_CONFIG_DIR in a temporary folder) that trusts the emulator's CA
// and stays quiet: what the sandbox tests and the prediction test (test/oracles) drive `az` with.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorAddress } from '../../emulator/client';

export interface Run { status: number | null; stdout: string; stderr: string }

export const azInstalled = spawnSync('sh', ['-c', 'command -v az'], { encoding: 'utf8' }).status === 0;

/** Runs `command` with `args` and `env` added to this process's environment, `input` on its standard input. */
export function runProcess(command: string, args: readonly string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export class AzureCliProfile {
  private readonly configDir = mkdtempSync(join(tmpdir(), 'azs-azure-cli-'));
  /** What a process needs to use this profile. */
  readonly env: Record<string, string>;

  constructor(private readonly address: EmulatorAddress) {
    this.env = {
      AZURE_CONFIG_DIR: this.configDir,
      REQUESTS_CA_BUNDLE: address.caFile ?? '',
      AZURE_CORE_COLLECT_TELEMETRY: 'no',
      AZURE_CORE_NO_COLOR: 'true',
      AZURE_CORE_SURVEY_MESSAGE: 'false',
    };
  }

  az(...args: string[]): Promise<Run> {
    return runProcess('az', args, this.env);
  }

  async azOk(...args: string[]): Promise<string> {
    const run = await this.az(...args);
    assert.equal(run.status, 0, `az ${args.slice(0, 3).join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  }

  /** Registers the emulator as the cloud Sandbox and logs in as its sandbox service principal (AD FS style); answers the accounts. */
  async signIn(): Promise<{ cloudName: string; name: string }[]> {
    const { url, clientId, clientSecret } = this.address;
    await this.azOk('cloud', 'register', '-n', 'Sandbox', '--endpoint-resource-manager', `${url}/`);
    await this.azOk('cloud', 'set', '-n', 'Sandbox');
    return JSON.parse(await this.azOk('login', '--service-principal', '-u', clientId, '-p', clientSecret, '--tenant', 'adfs', '--allow-no-subscriptions', '--output', 'json')) as
      { cloudName: string; name: string }[];
  }

  dispose(): void {
    rmSync(this.configDir, { recursive: true, force: true });
  }
}
