import rule from '../../../../src/core/rules/AZS501';
import { byId, cloudIdLookup } from '../support/cloudIdLookup';
import { customer, subscription, tenant } from '../support/ids';
import { ruleTester } from '../support/ruleTester';

const message = (name: string) => `This file changes the tenants of registration '${name}' but never checks the stamp's CloudDeploymentID against the registration's cloudId; with several registrations it may be the wrong one.`;
const addTenant = (name: string) => `New-AzResource -ResourceId "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${name}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`;

ruleTester(rule, {
  valid: [
    { name: 'the stamp information is compared', kind: 'powershell', code: `$stamp = Invoke-Command -Session $pep -ScriptBlock { Get-AzureStackStampInformation }\nif ($registration.Properties.cloudId -ne $stamp.CloudID) { throw 'wrong registration' }\n${addTenant('reg1')}` },
    { name: 'the registration name is not known', kind: 'powershell', code: `param($Registration)\n${addTenant('$Registration')}` },
    { name: 'the registration is named by a placeholder still (AZS102 says so)', kind: 'powershell', code: addTenant('<registration name>') },
    { name: 'only listing tenants', kind: 'powershell', code: `Get-AzResource -ResourceId "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions" -ApiVersion 2017-06-01` },
    { name: 'templates are not judged', kind: 'json', code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "reg1/${customer}", "properties": {"tenantId": "${tenant}"}}]}` },
  ],
  invalid: [
    {
      name: 'a script that adds a tenant by name',
      kind: 'powershell',
      code: `$name = 'reg-west'\n${addTenant('<!$name!>')}\n${addTenant('$name').replace(customer, tenant)}`,
      output: `$name = 'reg-west'\n${cloudIdLookup('reg-west', byId(`/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg-west`))}${addTenant('$name')}\n${addTenant('$name').replace(customer, tenant)}`,
      errors: [{ message: message('reg-west') }],
    },
    {
      name: 'a REST Client file that removes one',
      kind: 'http',
      code: `DELETE https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/<!reg1!>/customerSubscriptions/${customer}?api-version=2017-06-01\n`,
      errors: [{ message: message('reg1') }],
    },
  ],
});
