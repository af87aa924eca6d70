// The emulator as a process (out/test/emulator/main.js) started through scripts/lib/emulator.mjs, as the test
// runner, the host runner and `npm run emulator` start it: the ready line, its latency option, bad state files.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
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
        'azureStackCsp.stamps': emulator.stamps,
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

  it('runs in the foreground for `npm run emulator`, tells how to use it from the Azure CLI, and stops on Ctrl-C', async function () {
    // `npm run emulator` type-checks the project first: on a busy machine that alone takes a minute.
    this.timeout(180_000);
    const stateFile = join(root, 'test', 'emulator', 'states', 'unit.json');
    const child = spawn(process.execPath, [join(root, 'scripts', 'emulator.mjs'), '--port', '0', '--state', stateFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 150_000;
      while (!output.includes('Press Ctrl-C to stop.') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      const url = /running at (https:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      assert.ok(url, output);
      const ca = readFileSync(/CA file: +(\S+)/.exec(output)?.[1] ?? '');
      const health = await rawRequest(url, { path: '/_emulator/health', ca });
      assert.equal(health.status, 200);
      for (const line of [
        `  az cloud register -n AzsEmulator --endpoint-resource-manager ${url}/`,
        '  az login --service-principal -u 8d2f61c4-1a7e-4b3d-9c05-e2a4f7b9d016 -p sandbox-client-secret-not-for-production --tenant adfs --allow-no-subscriptions',
        `  az rest --method get --url "${url}/subscriptions/0d2e8f5a-5b0c-4a57-9f4e-1c3b7d9e2a61/providers/Microsoft.AzureStack/registrations?api-version=2017-06-01"`,
        '  stamps (each with its own service principal):',
      ]) assert.ok(output.includes(`${line}\n`), `missing: ${line}\n${output}`);
      assert.match(output, /^ {4}malmo +https:\/\/127\.0\.0\.1:\d+ {2}client ID [\da-f-]{36} {2}secret Stamp-malmo-Secret-/m);
      child.kill('SIGINT');
      assert.equal(await exited, 0);
      await assert.rejects(rawRequest(url, { path: '/_emulator/health', ca }), /ECONNREFUSED/);
    } finally {
      // A failed run must not leave the emulator running: the test process would wait for it.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  });
});
