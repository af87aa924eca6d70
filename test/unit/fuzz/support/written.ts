// Workspaces whose values are written in each way a template or script writes them: in place, in a variable, as a
// parameter's default or a parameter file's value, or as pieces an expression joins. Each value is right or one of
// the mistakes the rules fix, so that every value-replacing fix meets values it must not write over whole.
import fc from 'fast-check';
import type { Seed as WrittenDocument } from './seeds';

const subscription = '5d0c7a3e-91b2-4f6d-a8e4-2c7b19f0d6a1';
const customer = 'e27f4b90-3c1d-4a6e-b5f8-0d9c2a7e6b13';
const tenant = '0b6e2d9f-8a41-4c37-b2e5-f9d1a6c30e84';

/** What each value is: right (as declared, a GUID, published) or a mistake one of the rules fixes. */
const values = fc.record({
  registration: fc.constantFrom('reg-west', 'reg-east'),
  group: fc.constantFrom('azurestack', 'azurestack-rg'),
  customer: fc.constantFrom(customer, `{${customer}}`, customer.replace(/-/g, '')),
  tenant: fc.constantFrom(tenant, `{${tenant}}`),
  apiVersion: fc.constantFrom('2017-06-01', '2016-01-01', '2017-06-1'),
  billingModel: fc.constantFrom('PayAsYouUse', 'PayAsYouGo', 'Capacity'),
  registrations: fc.constantFrom('registrations', 'registration'),
});

/** The script that declares the registration every other document addresses. */
function declaring(billingModel: string, how: 'inline' | 'variable'): WrittenDocument {
  const model = how === 'inline' ? billingModel : '$model';
  const assignment = how === 'inline' ? '' : `$model = '${billingModel}'\n`;
  return {
    name: 'register.ps1', kind: 'powershell',
    text: `${assignment}Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg-west -ResourceGroupName azurestack -BillingModel ${model} -AgreementNumber 1234\n`,
  };
}

/** How a template writes a value: in place, or a parameter (its default, or the parameter file's value), or a variable. */
type ArmWay = 'literal' | 'default' | 'file' | 'variable';
const armWay = fc.constantFrom<ArmWay>('literal', 'default', 'file', 'variable');

/** A template (with its parameter file) that declares a registration and adds a customer subscription to one. */
class Template {
  readonly parameters: string[] = [];
  readonly given: string[] = [];
  readonly variables: string[] = [];

  /** The expression (without brackets) that gives `value`, its declarations noted. */
  expression(name: string, value: string, way: ArmWay): string {
    if (way === 'literal') return `'${value}'`;
    if (way === 'variable') {
      this.variables.push(`"${name}": "${value}"`);
      return `variables('${name}')`;
    }
    this.parameters.push(`"${name}": { "type": "string"${way === 'default' ? `, "defaultValue": "${value}"` : ''} }`);
    if (way === 'file') this.given.push(`"${name}": { "value": "${value}" }`);
    return `parameters('${name}')`;
  }

  /** A whole string property that gives `value`. */
  string(name: string, value: string, way: ArmWay): string {
    return way === 'literal' ? value : `[${this.expression(name, value, way)}]`;
  }
}

const armWorkspace = fc.record({
  values, declared: fc.constantFrom<'inline' | 'variable'>('inline', 'variable'),
  name: fc.constantFrom('literal', 'concat', 'format', 'whole'), registrationWay: armWay, customerWay: armWay,
  tenantWay: armWay, apiVersionWay: armWay, billingWay: armWay, registrationNameWay: armWay,
}).map(({ values: v, declared, name, registrationWay, customerWay, tenantWay, apiVersionWay, billingWay, registrationNameWay }): WrittenDocument[] => {
  const t = new Template();
  const tenantName = name === 'literal' ? `${v.registration}/${v.customer}`
    : name === 'whole' ? t.string('tenantName', `${v.registration}/${v.customer}`, registrationWay === 'literal' ? 'file' : registrationWay)
    : name === 'concat' ? `[concat(${t.expression('registrationName', v.registration, registrationWay)}, '/', ${t.expression('customer', v.customer, customerWay)})]`
    : `[format('{0}/{1}', ${t.expression('registrationName', v.registration, registrationWay)}, ${t.expression('customer', v.customer, customerWay)})]`;
  const resources = [
    `{ "type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "${t.string('declaredName', 'reg-west', registrationNameWay)}", "location": "global", "properties": { "registrationToken": "[parameters('token')]", "billingModel": "${t.string('billingModel', v.billingModel, billingWay)}" } }`,
    `{ "type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "${t.string('apiVersion', v.apiVersion, apiVersionWay)}", "name": "${tenantName}", "properties": { "tenantId": "${t.string('tenant', v.tenant, tenantWay)}" } }`,
  ];
  const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { ${['"token": { "type": "securestring" }', ...t.parameters].join(', ')} },
  "variables": { ${t.variables.join(', ')} },
  "resources": [
    ${resources.join(',\n    ')}
  ]
}
`;
  const parameterFile = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { ${t.given.join(', ')} }
}
`;
  return [
    declaring('PayAsYouUse', declared),
    { name: 'azuredeploy.json', kind: 'json', text: template },
    { name: 'azuredeploy.parameters.json', kind: 'json', text: parameterFile },
  ];
});

/** How a script writes a value: in place, in a variable, in a variable built of two pieces, or through `$( )`. */
type ScriptWay = 'literal' | 'variable' | 'pieces' | 'subexpression';
const scriptWay = fc.constantFrom<ScriptWay>('literal', 'variable', 'pieces', 'subexpression');

/** A script's assignments, and how its request writes each value into a string. */
class Script {
  readonly assignments: string[] = [];

  inString(name: string, value: string, way: ScriptWay): string {
    if (way === 'literal') return value;
    const half = Math.ceil(value.length / 2);
    this.assignments.push(way === 'pieces' ? `$${name}Start = '${value.slice(0, half)}'\n$${name} = "$${name}Start${value.slice(half)}"` : `$${name} = '${value}'`);
    return way === 'subexpression' ? `$($${name})` : `$${name}`;
  }

  argument(name: string, value: string, way: ScriptWay): string {
    return way === 'literal' ? `'${value}'` : `"${this.inString(name, value, way)}"`;
  }
}

const scriptWorkspace = fc.record({
  values, declared: fc.constantFrom<'inline' | 'variable'>('inline', 'variable'),
  registrationWay: scriptWay, registrationsWay: scriptWay, groupWay: scriptWay, customerWay: scriptWay, tenantWay: scriptWay, apiVersionWay: scriptWay,
}).map(({ values: v, declared, registrationWay, registrationsWay, groupWay, customerWay, tenantWay, apiVersionWay }): WrittenDocument[] => {
  const s = new Script();
  const id = `/subscriptions/${subscription}/resourceGroups/${s.inString('group', v.group, groupWay)}/providers/Microsoft.AzureStack/${s.inString('registrations', v.registrations, registrationsWay)}/${s.inString('registration', v.registration, registrationWay)}/customerSubscriptions/${s.inString('customer', v.customer, customerWay)}`;
  const request = `New-AzResource -ResourceId "${id}" -ApiVersion ${s.argument('apiVersion', v.apiVersion, apiVersionWay)} -Properties @{ tenantId = ${s.argument('tenant', v.tenant, tenantWay)} } -Force`;
  return [declaring(v.billingModel, declared), { name: 'add-tenant.ps1', kind: 'powershell', text: `${[...s.assignments, request].join('\n')}\n` }];
});

const httpWorkspace = fc.record({ values, registrationVariable: fc.boolean(), tenantVariable: fc.boolean() }).map(({ values: v, registrationVariable, tenantVariable }): WrittenDocument[] => {
  const variables = [...(registrationVariable ? [`@registration = ${v.registration}`] : []), ...(tenantVariable ? [`@tenant = ${v.tenant}`] : [])];
  const registration = registrationVariable ? '{{registration}}' : v.registration;
  const text = `${variables.join('\n')}\n\nPUT https://management.azure.com/subscriptions/${subscription}/resourceGroups/${v.group}/providers/Microsoft.AzureStack/${v.registrations}/${registration}/customerSubscriptions/${v.customer}?api-version=${v.apiVersion}
Content-Type: application/json

{ "properties": { "tenantId": "${tenantVariable ? '{{tenant}}' : v.tenant}" } }
`;
  return [declaring(v.billingModel, 'inline'), { name: 'add-tenant.http', kind: 'http', text }];
});

/** A workspace: the script that declares the registration, and a template, script or request file that uses it. */
export const writtenWorkspace: fc.Arbitrary<WrittenDocument[]> = fc.oneof(armWorkspace, scriptWorkspace, httpWorkspace);
