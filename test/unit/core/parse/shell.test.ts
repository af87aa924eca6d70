import * as assert from 'node:assert/strict';
import { shellFacts } from '../../../../src/core/parse/shell';
import { customer, registrationId, subscription, tenant } from '../support/ids';
import { registrations, show, tenantOperations } from '../support/facts';

describe('parse/shell', () => {
  it('reads az rest over continued lines, with quoting and one-time variables', () => {
    const text = [
      `SUB=${subscription}`, 'export NAME="reg1"', `CUSTOMER='${customer}'`,
      'az rest --method PUT \\', '  --url "https://management.azure.com/subscriptions/$SUB/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${NAME}/customerSubscriptions/$CUSTOMER?api-version=2017-06-01" \\',
      `  --body '{"properties": {"tenantId": "${tenant}"}}'`,
      'az rest -m delete -u "https://management.azure.com/subscriptions/$SUB/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/$(get_name)/customerSubscriptions/$1?api-version=2017-06-01"',
    ].join('\n');
    assert.deepEqual(tenantOperations(shellFacts(text)), [
      `add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`,
      `remove ${subscription}/azurestack/? customer=? tenant=-`,
    ]);
  });

  it('leaves variables unknown that are assigned twice, read or looped over', () => {
    const text = `N=a\nN=b\nfor C in $LIST; do\n  az resource delete --ids "${registrationId.replace('reg1', '$N')}/customerSubscriptions/$C" --api-version 2017-06-01\ndone`;
    assert.deepEqual(tenantOperations(shellFacts(text)), [`remove ${subscription}/azurestack/? customer=? tenant=-`]);
  });

  it('reads az resource with several --ids, and the --namespace/--parent form', () => {
    const text = [
      `az resource show --ids "${registrationId}/customerSubscriptions/${customer}" "${registrationId}/customerSubscriptions/${tenant}" --api-version 2017-06-01`,
      `az resource create -g azurestack --namespace Microsoft.AzureStack --parent registrations/reg2 --resource-type customerSubscriptions -n ${customer} --api-version 2017-06-01 -p '{"tenantId": "${tenant}"}'`,
      'az resource create -g azurestack --resource-type Microsoft.AzureStack/registrations -n reg3 --api-version 2017-06-01 --is-full-object -p \'{"location": "global", "properties": {"billingModel": "Capacity"}}\'',
    ].join('\n');
    const found = shellFacts(text);
    assert.deepEqual(tenantOperations(found), [
      `get ${subscription}/azurestack/reg1 customer=${customer} tenant=-`,
      `get ${subscription}/azurestack/reg1 customer=${tenant} tenant=-`,
      `add ?/azurestack/reg2 customer=${customer} tenant=${tenant}`,
    ]);
    assert.deepEqual(registrations(found), ['?/azurestack/reg3 billing=Capacity']);
    assert.deepEqual(found.apiVersions.map((a) => show(a.value)), ['2017-06-01', '2017-06-01', '2017-06-01', '2017-06-01']);
  });

  it('ignores commented-out commands and reads suppressions and secrets', () => {
    const found = shellFacts(`# az rest --url "https://management.azure.com${registrationId}/customerSubscriptions/x?api-version=2017-06-01"\n# azs-disable-next-line AZS701\naz login -u admin@contoso.com -p 'P4ssword!'`);
    assert.deepEqual(tenantOperations(found), []);
    assert.deepEqual(found.suppressions, [{ codes: ['AZS701'], scope: 'nextLine', line: 2 }]);
    assert.deepEqual(found.secrets.map(show), ['P4ssword!']);
  });
});
