// In a workspace the user has not trusted, the extension still lints and explains, but no Azure write runs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, openFixture, signedInFresh, testApi, waitFor } from '../host/helpers';

describe('untrusted workspace', function () {
  this.timeout(60_000);

  it('runs restricted: the workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still lints the scripts in it', async () => {
    const { document } = await openFixture('add-tenant.ps1');
    const found = await waitFor('diagnostics in the untrusted workspace', () => {
      const codes = vscode.languages.getDiagnostics(document.uri).map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
      return codes.includes('AZS102') && codes.includes('AZS402') && codes;
    });
    assert.ok(found.length >= 2);
  });

  it('refuses to add or remove tenants, and sends nothing', async () => {
    const api = await testApi();
    const ui = api.useScriptedInput();
    await signedInFresh(api);
    await emulator().clearRequests();
    for (const command of ['azureStackCsp.addTenant', 'azureStackCsp.removeTenant', 'azureStackCsp.addTenantsFromCsv']) {
      await vscode.commands.executeCommand(command);
    }
    assert.deepEqual(ui.prompts, [], 'no prompt before the refusal');
    assert.equal(ui.messages.length, 3);
    for (const message of ui.messages) assert.match(message.message, /^This workspace is not trusted: Azure write commands are disabled/);
    assert.deepEqual((await emulator().requests()).filter((r) => r.method !== 'GET'), []);
  });

  it("ignores the untrusted workspace's cloud endpoints, so no token goes to the address it names", async () => {
    const api = await testApi();
    const endpoint = vscode.workspace.getConfiguration('azureStackCsp').get<string>('customCloud.resourceManagerEndpoint');
    assert.equal(endpoint, process.env.AZS_EMULATOR_URL, 'the user setting wins; the workspace names collector.attacker.example');
    const state = api.session.state;
    assert.equal(state.kind === 'signedIn' && state.cloud.resourceManagerEndpoint, process.env.AZS_EMULATOR_URL);
  });
});
