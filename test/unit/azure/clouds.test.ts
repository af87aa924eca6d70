import * as assert from 'node:assert/strict';
import { customCloud, portalResourceUrl, publicClouds, resolveCloud } from '../../../src/azure/clouds';

describe('azure/clouds', () => {
  it('knows the public clouds with their ARM endpoint, sign-in host, portal and ARM token scope', () => {
    const rows = Object.values(publicClouds).map((c) => [c.name, c.resourceManagerEndpoint, c.authorityHost, c.portalUrl, c.armScope, c.disableInstanceDiscovery]);
    assert.deepEqual(rows, [
      ['AzureCloud', 'https://management.azure.com', 'https://login.microsoftonline.com', 'https://portal.azure.com', 'https://management.azure.com/.default', false],
      ['AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn', 'https://portal.azure.cn', 'https://management.chinacloudapi.cn/.default', false],
      ['AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://login.microsoftonline.us', 'https://portal.azure.us', 'https://management.usgovcloudapi.net/.default', false],
    ]);
  });

  it('resolves settings: the default, a public cloud by name, and a custom cloud from its endpoints', () => {
    assert.deepEqual(resolveCloud({}), { ok: true, cloud: publicClouds.AzureCloud });
    assert.deepEqual(resolveCloud({ cloud: 'AzureChinaCloud' }), { ok: true, cloud: publicClouds.AzureChinaCloud });
    const custom = resolveCloud({ cloud: 'Custom', resourceManagerEndpoint: 'https://127.0.0.1:4443/', authorityHost: 'https://127.0.0.1:4443' });
    assert.ok(custom.ok);
    assert.deepEqual(
      [custom.cloud.resourceManagerEndpoint, custom.cloud.authorityHost, custom.cloud.armScope, custom.cloud.portalUrl, custom.cloud.disableInstanceDiscovery],
      ['https://127.0.0.1:4443', 'https://127.0.0.1:4443', 'https://127.0.0.1:4443/.default', undefined, true],
    );
  });

  it('says which setting is wrong, in English and Swedish, without throwing', () => {
    const cases: [Parameters<typeof resolveCloud>[0], string, string][] = [
      [{ cloud: 'AzureGermanCloud' }, 'cloud', 'Unknown cloud "AzureGermanCloud"; use one of AzureCloud, AzureChinaCloud, AzureUSGovernment, Custom.'],
      [{ cloud: 'Custom', authorityHost: 'https://login.example' }, 'resourceManagerEndpoint', 'A custom cloud needs resourceManagerEndpoint.'],
      [{ cloud: 'Custom', resourceManagerEndpoint: 'http://arm.example', authorityHost: 'https://login.example' }, 'resourceManagerEndpoint', 'resourceManagerEndpoint must be an https URL without query: http://arm.example'],
      [{ cloud: 'Custom', resourceManagerEndpoint: 'https://arm.example', authorityHost: 'not a url' }, 'authorityHost', 'authorityHost is not a URL: not a url'],
    ];
    for (const [settings, setting, message] of cases) {
      const result = resolveCloud(settings);
      assert.ok(!result.ok);
      assert.deepEqual([result.setting, result.message.en], [setting, message]);
      assert.notEqual(result.message.sv, result.message.en);
    }
  });

  it('links a resource to the portal of its cloud, and to nothing in a cloud without one', () => {
    const id = '/subscriptions/0d2e8f5a-5b0c-4a57-9f4e-1c3b7d9e2a61/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/stockholm-payg';
    assert.equal(portalResourceUrl(publicClouds.AzureUSGovernment, id, 'contoso.onmicrosoft.com'),
      `https://portal.azure.us/#@contoso.onmicrosoft.com/resource${id}`);
    assert.equal(portalResourceUrl(publicClouds.AzureCloud, `/${id}`), `https://portal.azure.com/#@/resource${id}`);
    const custom = customCloud({ resourceManagerEndpoint: 'https://arm.example', authorityHost: 'https://login.example' });
    assert.ok(custom.ok);
    assert.equal(portalResourceUrl(custom.cloud, id), undefined);
  });
});
