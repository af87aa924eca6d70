import rule from '../../../../src/core/rules/AZS201';
import { customer, registrationId, tenant } from '../support/ids';
import { givenHere, parameterFile, ruleTester } from '../support/ruleTester';

const message = (value: string) => `The customer subscription ID '${value}' is not a GUID; Azure would answer InvalidCustomerSubscriptionId.`;

ruleTester(rule, {
  valid: [
    { name: 'a GUID', kind: 'powershell', code: `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer.toUpperCase()}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }` },
    { name: 'a variable', kind: 'powershell', code: `foreach ($id in $ids) { Remove-AzResource -ResourceId "${registrationId}/customerSubscriptions/$id" -ApiVersion 2017-06-01 }` },
    { name: 'a placeholder (AZS102 reports it)', kind: 'http', code: `DELETE https://management.azure.com${registrationId}/customerSubscriptions/<customer subscription>?api-version=2017-06-01\n` },
    { name: 'an ARM parameter', kind: 'json', code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "[concat('reg1/', parameters('customer'))]", "properties": {"tenantId": "${tenant}"}}]}` },
  ],
  invalid: [
    {
      name: 'a display name instead of an ID',
      kind: 'powershell',
      code: `$customer = '<!Contoso Ltd!>'\nNew-AzResource -ResourceId "${registrationId}/customerSubscriptions/<@$customer@>" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`,
      errors: [{ message: message('Contoso Ltd'), related: ['The same value is used here.'] }],
    },
    {
      name: 'a GUID in braces, with the repaired one offered',
      kind: 'json',
      code: `{"resources": [{"type": "Microsoft.AzureStack/registrations", "name": "reg1", "apiVersion": "2017-06-01", "resources": [{"type": "customerSubscriptions", "apiVersion": "2017-06-01", "name": "<!{${customer}}!>", "properties": {"tenantId": "${tenant}"}}]}]}`,
      output: `{"resources": [{"type": "Microsoft.AzureStack/registrations", "name": "reg1", "apiVersion": "2017-06-01", "resources": [{"type": "customerSubscriptions", "apiVersion": "2017-06-01", "name": "${customer}", "properties": {"tenantId": "${tenant}"}}]}]}`,
      errors: [{
        message: `The customer subscription ID '{${customer}}' is not a GUID as written (did you mean ${customer}?); Azure would answer InvalidCustomerSubscriptionId.`,
        data: { replacement: customer },
      }],
    },
    {
      name: 'a GUID in braces that a parameter file gives: shown where the template uses it, fixed where the file writes it, not over the expression',
      kind: 'json',
      code: `{"parameters": {"customer": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "<![concat('reg1/', parameters('customer'))]!>", "properties": {"tenantId": "${tenant}"}}]}`,
      others: [parameterFile({ customer: `<@{${customer}}@>` })],
      otherOutputs: { 'template.parameters.json': parameterFile({ customer }).code },
      errors: [{ message: `The customer subscription ID '{${customer}}' is not a GUID as written (did you mean ${customer}?); Azure would answer InvalidCustomerSubscriptionId.`, related: [givenHere] }],
    },
    {
      name: 'a GUID in braces that a parameter file gives with an escape: pointed at there, and no fix anywhere',
      kind: 'json',
      code: `{"parameters": {"customer": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "<![concat('reg1/', parameters('customer'))]!>", "properties": {"tenantId": "${tenant}"}}]}`,
      others: [parameterFile({ customer: `<@{${customer}\\u007D@>` })],
      errors: [{ message: `The customer subscription ID '{${customer}}' is not a GUID as written (did you mean ${customer}?); Azure would answer InvalidCustomerSubscriptionId.`, related: [givenHere] }],
    },
    {
      name: 'a GUID with a character missing, in az resource',
      kind: 'shell',
      code: `az resource delete --ids "${registrationId}/customerSubscriptions/<!${customer.slice(0, -1)}!>" --api-version 2017-06-01\n`,
      errors: [{ message: message(customer.slice(0, -1)) }],
    },
  ],
});
