import rule from '../../../../src/core/rules/AZS202';
import { customer, registrationId, tenant } from '../support/ids';
import { givenHere, parameterFile, ruleTester } from '../support/ruleTester';

const missing = "Adding a customer subscription needs properties.tenantId, the customer's directory (tenant) ID; Azure rejects the request without it.";
const url = `https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01`;
/** A template whose tenant resource takes its tenantId from the parameter `tenant`, which a parameter file gives. */
const tenantTemplate = `{"parameters": {"tenant": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "reg1/${customer}", "properties": {"tenantId": "<![parameters('tenant')]!>"}}]}`;

ruleTester(rule, {
  valid: [
    { name: 'a tenant ID', kind: 'powershell', code: `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }` },
    { name: 'properties the file does not show', kind: 'powershell', code: `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties $properties` },
    { name: 'removing needs no tenant', kind: 'http', code: `DELETE ${url}\n` },
    { name: 'a body in another file', kind: 'shell', code: `az rest --method put --url "${url}" --body @tenant.json\n` },
    {
      name: 'a template cut off inside the properties: the tenantId may only seem absent',
      kind: 'json',
      code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "reg1/${customer}", "properties": {"ten`,
    },
    {
      name: 'a repeated tenantId whose last is a GUID: ARM reads the last, as the template reader does',
      kind: 'http',
      code: `PUT ${url}\nContent-Type: application/json\n\n{"properties": {"tenantId": "contoso.onmicrosoft.com", "tenantId": "${tenant}"}}\n`,
    },
    { name: 'a tenant ID from a parameter', kind: 'json', code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "reg1/${customer}", "properties": {"tenantId": "[parameters('tenantId')]"}}]}` },
  ],
  invalid: [
    {
      name: 'New-AzResource without -Properties',
      kind: 'powershell',
      code: `<!New-AzResource!> -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Force`,
      errors: [{ message: missing }],
    },
    {
      name: 'a PUT body without tenantId',
      kind: 'http',
      code: `PUT ${url}\nContent-Type: application/json\n\n{"properties": <!{"tenant": "${tenant}"}!>}\n`,
      errors: [{ message: missing }],
    },
    {
      name: 'a tenant ID that is not a GUID',
      kind: 'shell',
      code: `az rest --method put --url "${url}" --body '{"properties": {"tenantId": "<!contoso.onmicrosoft.com!>"}}'\n`,
      output: `az rest --method put --url "${url}" --body '{"properties": {"tenantId": "contoso.onmicrosoft.com"}}'\n`,
      errors: [{ message: "The tenant ID 'contoso.onmicrosoft.com' is not a GUID; Azure rejects the request." }],
    },
    {
      name: 'a repeated tenantId whose last is not a GUID: that one is underlined',
      kind: 'http',
      code: `PUT ${url}\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}", "tenantId": "<!contoso.onmicrosoft.com!>"}}\n`,
      output: `PUT ${url}\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}", "tenantId": "contoso.onmicrosoft.com"}}\n`,
      errors: [{ message: "The tenant ID 'contoso.onmicrosoft.com' is not a GUID; Azure rejects the request." }],
    },
    {
      name: 'a tenant ID with a JSON escape in a REST Client body: underlined and fixed where it is written',
      kind: 'http',
      code: `PUT ${url}\nContent-Type: application/json\n\n{"properties": {"tenantId": "<!\\u007B${tenant}}!>"}}\n`,
      output: `PUT ${url}\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}"}}\n`,
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      name: 'a tenant ID with a JSON escape in a body a variable holds: underlined and fixed in the assignment',
      kind: 'powershell',
      code: `$body = '{"properties": {"tenantId": "<!{${tenant}\\u007D!>"}}'\nInvoke-RestMethod -Method Put -Uri "${url}" -Body $body`,
      output: `$body = '{"properties": {"tenantId": "${tenant}"}}'\nInvoke-RestMethod -Method Put -Uri "${url}" -Body $body`,
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      name: 'a tenant ID with an escape in a variable\'s string: shown where the variable is used, with no fix over it',
      kind: 'powershell',
      code: `$t = "{${tenant}\`}"\nNew-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = <!$t!> }`,
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      // The GUID written over "$t" would leave the script with a literal where it meant its variable.
      name: 'a tenant ID with an escape in a variable\'s string, used as a string\'s whole content: no fix over the reference',
      kind: 'powershell',
      code: `$t = "{${tenant}\`}"\nNew-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = "<!$t!>" }`,
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      // The GUID written over "{$g}" would drop the variable the script means.
      name: 'braces written around a variable in a string: no fix over the reference',
      kind: 'powershell',
      code: `$g = "${tenant}"\nNew-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = "<!{$g}!>" }`,
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      name: 'a template variable with a JSON escape, used as the tenantId: no fix over the expression',
      kind: 'json',
      code: `{"variables": {"w": "{${tenant}\\u007D"}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "reg1/${customer}", "properties": {"tenantId": "<![variables('w')]!>"}}]}`,
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      // The template keeps using its parameter: the value is changed where the parameter file writes it.
      name: 'a tenant ID a parameter file gives: fixed in the parameter file, not over the reference',
      kind: 'json',
      code: tenantTemplate,
      others: [parameterFile({ tenant: `<@{${tenant}}@>` })],
      otherOutputs: { 'template.parameters.json': parameterFile({ tenant }).code },
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.`, related: [givenHere] }],
    },
    {
      name: 'a tenant ID a parameter file gives with an escape: pointed at there, and no fix anywhere',
      kind: 'json',
      code: tenantTemplate,
      others: [parameterFile({ tenant: `<@{${tenant}\\u007D@>` })],
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.`, related: [givenHere] }],
    },
    {
      name: 'a tenant ID a parameter\'s defaultValue gives with an escape: shown where it is used, and no fix over the reference',
      kind: 'json',
      code: tenantTemplate.replace('{"type": "string"}', `{"type": "string", "defaultValue": "{${tenant}\\u007D"}`),
      errors: [{ message: `The tenant ID '{${tenant}}' is not a GUID; Azure rejects the request.` }],
    },
    {
      name: 'a tenant ID with a JSON escape in an az rest body',
      kind: 'shell',
      code: `az rest --method put --url "${url}" --body '{"properties": {"tenantId": "<!not\\u002Da-guid!>"}}'\n`,
      errors: [{ message: "The tenant ID 'not-a-guid' is not a GUID; Azure rejects the request." }],
    },
    {
      name: 'az resource create with properties only',
      kind: 'shell',
      code: `az resource create --id "${registrationId}/customerSubscriptions/${customer}" --api-version 2017-06-01 --properties '<!{}!>'\n`,
      errors: [{ message: missing }],
    },
    {
      name: 'a template resource whose properties have no tenantId, its name an expression',
      kind: 'json',
      code: `{"parameters": {"reg": {"type": "string", "defaultValue": "reg1"}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "[concat(parameters('reg'), '/${customer}')]", "properties": <!{ "tenant": "${tenant}" }!>}]}`,
      errors: [{ message: missing }],
    },
    {
      name: 'a template resource without properties',
      kind: 'json',
      code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "<!reg1/${customer}!>"}]}`,
      errors: [{ message: missing }],
    },
  ],
});
