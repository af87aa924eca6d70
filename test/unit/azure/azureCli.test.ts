// The emulator as a sandbox for a user's own scripts: the real Azure CLI registers it as a cloud, logs in with the
// sandbox service principal (AD FS style) and calls it with `az rest`; then AzureCliCredential uses that login.
// Skips, saying why, when `az` is not installed (CI installs the Debian package azure-cli).
import * as assert from 'node:assert/strict';
import { control, registrationPath, requireEmulator, seeded } from '../emulatorHelpers';
import { AzureCliProfile, azInstalled } from './azureCli';
import { sandboxClient } from './sandbox';

describe('Azure CLI against the emulator', function () {
  this.timeout(180_000);
  const address = requireEmulator();
  const cli = new AzureCliProfile(address);
  const { env: azEnv } = cli;
  const az = (...args: string[]) => cli.az(...args);
  const azOk = (...args: string[]) => cli.azOk(...args);

  before(async function () {
    if (!azInstalled) {
      console.log('    skipped: the Azure CLI (az) is not installed; "apt-get install azure-cli" runs these tests');
      this.skip();
    }
    await control().reset();
  });
  after(() => cli.dispose());

  it('registers the emulator as a cloud, logs in as the sandbox service principal and gets a registration with az rest', async () => {
    const accounts = await cli.signIn();
    assert.deepEqual(accounts.map((a) => [a.cloudName, a.name]).sort(), [['Sandbox', 'Contoso CSP - Azure Stack billing'], ['Sandbox', 'Contoso CSP - Lab']]);
    const registration = JSON.parse(await azOk('rest', '--method', 'get', '--url', `${address.url}${registrationPath(seeded.payAsYouUse)}?api-version=2017-06-01`)) as
      { name: string; properties: { billingModel: string } };
    assert.deepEqual([registration.name, registration.properties.billingModel], ['stockholm-payg', 'PayAsYouUse']);
    const log = await control().requests();
    assert.ok(log.some((r) => r.method === 'POST' && r.path === '/adfs/oauth2/token' && r.status === 200), 'the CLI signed in through the AD FS token endpoint');
  });

  it('gets the documented error code back from a tenant PUT with az rest', async () => {
    const customer = seeded.ours[0];
    const url = `${address.url}${registrationPath(seeded.capacity)}/customerSubscriptions/${customer.subscriptionId}?api-version=2017-06-01`;
    const put = await az('rest', '--method', 'put', '--url', url, '--body', JSON.stringify({ properties: { tenantId: customer.tenantId } }));
    assert.notEqual(put.status, 0);
    assert.match(put.stderr, /Bad Request\(\{"error":\{"code":"CustomerSubscriptionsNotAllowed"/);
  });

  it('lets AzureCliCredential sign the registrations client in with that login', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, azEnv);
    try {
      const client = sandboxClient({ signIn: { method: 'azureCli' } });
      const found = await client.listRegistrations(seeded.development.subscriptionId);
      assert.deepEqual(found.map((r) => r.registrationName), ['lab-development']);
    } finally {
      for (const name of Object.keys(azEnv)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});
