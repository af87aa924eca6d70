import * as assert from 'node:assert/strict';
import { locate } from '../../../../src/core/facts';
import { httpFacts } from '../../../../src/core/parse/http';
import { customer, subscription, tenant } from '../support/ids';
import { registrations, show, tenantOperations, textAt } from '../support/facts';

const base = 'https://management.azure.com/subscriptions/{{sub}}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/{{name}}';

describe('parse/http', () => {
  it('reads requests between ### with file variables, query lines, headers and bodies', () => {
    const text = [
      `@sub = ${subscription}`, '@name = reg1', `@customer = ${customer}`, '',
      '### list the tenants', `${base}/customerSubscriptions`, '    ?api-version=2017-06-01', '',
      '###', '# @name add', `PUT ${base}/customerSubscriptions/{{customer}}?api-version=2017-06-01 HTTP/1.1`,
      'Authorization: Bearer {{token}}', 'Content-Type: application/json', '', `{"properties": {"tenantId": "${tenant}"}}`, '',
      '###', `DELETE ${base}/customerSubscriptions/{{add.response.body.name}}?api-version=2017-06-01`,
    ].join('\n');
    const found = httpFacts(text);
    assert.deepEqual(tenantOperations(found), [
      `list ${subscription}/azurestack/reg1 customer=- tenant=-`,
      `add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`,
      `remove ${subscription}/azurestack/reg1 customer=? tenant=-`,
    ]);
    assert.deepEqual(found.apiVersions.map((a) => show(a.value)), ['2017-06-01', '2017-06-01', '2017-06-01']);
    const name = found.tenantOperations[1].registration.name;
    assert.ok(name);
    assert.equal(textAt(text, locate(name, 0, 4)), 'reg1', 'a file variable is located where it is defined');
    assert.equal(textAt(text, name.span), '{{name}}', 'and used where it is referenced');
  });

  it('declares a registration its PUT creates, and leaves a body from a file unknown', () => {
    const found = httpFacts(`PUT https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/reg1?api-version=2017-06-01\n\n{"location": "global", "properties": {"registrationToken": "abc", "billingModel": "PayAsYouUse"}}\n###\nPUT https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/${customer}?api-version=2017-06-01\n\n< ./tenant.json\n`);
    assert.deepEqual(registrations(found), [`${subscription}/rg/reg1 billing=PayAsYouUse`]);
    assert.deepEqual(tenantOperations(found), [`add ${subscription}/rg/reg1 customer=${customer} tenant=-`]);
  });

  it('reads suppression comments of both styles', () => {
    assert.deepEqual(httpFacts('# azs-disable-next-line AZS401\n// azs-disable AZS501\nGET https://x/registrations/r').suppressions, [
      { codes: ['AZS401'], scope: 'nextLine', line: 1 }, { codes: ['AZS501'], scope: 'file', line: 1 },
    ]);
  });

  it('reads lines with long runs of blanks in linear time (found by fuzzing: they took minutes)', () => {
    const blanks = ' '.repeat(100_000);
    const text = [
      `@sub = ${subscription}${blanks}`, `@name =${blanks}reg1`, '',
      `PUT ${base}/customerSubscriptions/${customer}?api-version=2017-06-01${blanks}HTTP/1.1${blanks}`, '',
      `{"properties": {"tenantId": "${tenant}"}}`,
      '###', `GET {{${blanks}name${blanks}x`,
    ].join('\n');
    const started = performance.now();
    const found = httpFacts(text);
    const elapsed = performance.now() - started;
    assert.deepEqual(tenantOperations(found), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`]);
    assert.equal(textAt(text, found.tenantOperations[0].span), `${base}/customerSubscriptions/${customer}?api-version=2017-06-01`);
    assert.ok(elapsed < 1000, `${elapsed.toFixed(0)} ms`);
  });

  it('takes the URL after the method, even when the URL repeats the method', () => {
    const text = 'GET GET';
    const [url] = httpFacts(`${text}\n`).values;
    assert.deepEqual([url.text, url.span], ['GET', { start: 4, end: 7 }]);
  });
});
