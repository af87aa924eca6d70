// The emulator as a process (out/test/emulator/main.js) started through scripts/lib/emulator.mjs, as the test
// runner, the host runner and `npm run emulator` start it: the ready line, its latency option, bad state files.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest } from '../../emulator/client';
import type { ReadyInfo } from '../../emulator/server';

const root = join(__dirname, '..', '..', '..', '..');
type Started = ReadyInfo & { child: ChildProcess; stop(): Promise<void> };
type StartEmulatorProcess = (options: { stateFile: string; latencyMs?: number }) => Promise<Started>;

async function loadStarter(): Promise<StartEmulatorProcess> {
  return ((await import(join(root, 'scripts', 'lib', 'emulator.mjs'))) as { startEmulatorProcess: StartEmulatorProcess }).startEmulatorProcess;
}

describe('emulator process', function () {
  this.timeout(30_000);
  const folder = mkdtempSync(join(tmpdir(), 'azs-emulator-test-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('prints what clients need, answers with the added latency, and stops cleanly', async () => {
    const stateFile = join(folder, 'small.json');
    writeFileSync(stateFile, JSON.stringify({ signIn: { tenantId: '11111111-2222-4333-8444-555555555555' } }));
    const emulator = await (await loadStarter())({ stateFile, latencyMs: 120 });
    try {
      const { url } = emulator;
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emulator.controlUrl, `${url}/_emulator`);
      assert.equal(emulator.tenantId, '11111111-2222-4333-8444-555555555555');
      assert.deepEqual(emulator.env, {
        NODE_EXTRA_CA_CERTS: emulator.caFile,
        AZURE_TENANT_ID: emulator.tenantId,
        AZURE_CLIENT_ID: emulator.clientId,
        AZURE_CLIENT_SECRET: emulator.clientSecret,
        AZURE_AUTHORITY_HOST: url,
        AZS_EMULATOR_URL: url,
        AZS_EMULATOR_CONTROL_URL: `${url}/_emulator`,
      });
      assert.deepEqual(emulator.workspaceSettings, {
        'azureStackCsp.cloud': 'Custom',
        'azureStackCsp.customCloud.resourceManagerEndpoint': url,
        'azureStackCsp.customCloud.authorityHost': url,
        'azureStackCsp.signIn.method': 'servicePrincipalEnvironment',
        'azureStackCsp.signIn.tenantId': emulator.tenantId,
      });
      const ca = readFileSync(emulator.caFile);
      const started = Date.now();
      const metadata = await rawRequest(url, { path: '/metadata/endpoints?api-version=2015-01-01', ca });
      assert.equal(metadata.status, 200);
      assert.ok(Date.now() - started >= 110, `answered after ${Date.now() - started} ms`);
      const health = await rawRequest(url, { path: '/_emulator/health', ca });
      assert.equal(health.text, '{"ok":true}');
    } finally {
      await emulator.stop();
    }
    assert.equal(emulator.child.signalCode ?? emulator.child.exitCode, 0);
  });

  it('refuses a state file with problems, naming each, and exits with 2', async () => {
    const stateFile = join(folder, 'broken.json');
    writeFileSync(stateFile, JSON.stringify({ registrations: [{ name: 'x' }] }));
    await assert.rejects((await loadStarter())({ stateFile }), (error: Error) => {
      assert.match(error.message, /exited with 2/);
      assert.match(error.message, /state\.registrations\[0\]\.subscriptionId: missing/);
      return true;
    });
  });
});
