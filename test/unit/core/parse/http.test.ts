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

  it('reads the tenantId of a body nested 20,000 deep, and says nothing of a broken one', () => {
    const request = (body: string) => `PUT ${base}/customerSubscriptions/${customer}?api-version=2017-06-01\n\n${body}\n`;
    const deep = `{"properties": {"tenantId": "${tenant}", "tags": ${'['.repeat(20_000)}${']'.repeat(20_000)}}, "other": {"tenantId": "x"}}`;
    const found = httpFacts(request(deep));
    assert.deepEqual(tenantOperations(found), [`add ?/azurestack/? customer=${customer} tenant=${tenant}`]);
    const tenantId = found.tenantOperations[0].tenantId;
    assert.ok(tenantId);
    assert.equal(textAt(request(deep), tenantId.span), tenant, 'where it is written');
    const without = request(`{"properties": {"tags": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`);
    const missing = httpFacts(without).tenantOperations[0].tenantIdMissingAt;
    assert.ok(missing);
    assert.equal(textAt(without, missing).slice(0, 10), '{"tags": [', 'a body without one: its properties');
    const broken = httpFacts(request(`{"properties": {"tenantId": "${tenant}", "tags": ${'['.repeat(20_000)}}}`)).tenantOperations[0];
    assert.deepEqual([broken.tenantId, broken.tenantIdMissingAt], [undefined, undefined]);
  });

  it('reads suppression comments of both styles', () => {
    assert.deepEqual(httpFacts('# azs-disable-next-line AZS401\n// azs-disable AZS501\nGET https://x/registrations/r').suppressions, [
      { codes: ['AZS401'], scope: 'nextLine', line: 1 }, { codes: ['AZS501'], scope: 'file', line: 1 },
    ]);
  });

  it('reads lines with long runs of blanks (found by fuzzing: they took minutes; npm run bench times them)', () => {
    const blanks = ' '.repeat(100_000);
    const text = [
      `@sub = ${subscription}${blanks}`, `@name =${blanks}reg1`, '',
      `PUT ${base}/customerSubscriptions/${customer}?api-version=2017-06-01${blanks}HTTP/1.1${blanks}`, '',
      `{"properties": {"tenantId": "${tenant}"}}`,
      '###', `GET {{${blanks}name${blanks}x`,
    ].join('\n');
    const found = httpFacts(text);
    assert.deepEqual(tenantOperations(found), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`]);
    assert.equal(textAt(text, found.tenantOperations[0].span), `${base}/customerSubscriptions/${customer}?api-version=2017-06-01`);
  });

  it('takes the URL after the method, even when the URL repeats the method', () => {
    const text = 'GET GET';
    const [url] = httpFacts(`${text}\n`).values;
    assert.deepEqual([url.text, url.span], ['GET', { start: 4, end: 7 }]);
  });
});

describe('parse/http: request lines, variables and bodies in detail', () => {
  const url = `https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1`;
  const tenantUrl = `${url}/customerSubscriptions/${customer}?api-version=2017-06-01`;
  const body = `{"properties": {"tenantId": "${tenant}"}}`;
  const urlOf = (text: string) => show(httpFacts(text).values[0]);

  it('takes the method in any case and any number of blanks after it', () => {
    assert.deepEqual(tenantOperations(httpFacts(`put   ${tenantUrl}\n\n${body}\n`)), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`]);
    assert.deepEqual(tenantOperations(httpFacts(`Delete\t${tenantUrl}\n`)), [`remove ${subscription}/azurestack/reg1 customer=${customer} tenant=-`]);
  });

  it('ends the URL before the HTTP version and trailing blanks', () => {
    assert.equal(urlOf(`PUT ${tenantUrl} HTTP/1.1   \n\n${body}\n`), tenantUrl);
    assert.equal(urlOf(`GET ${url} HTTP/2\n`), url);
    assert.equal(urlOf(`GET ${url}   HTTP/1.1\n`), url, 'several blanks before the version');
    assert.equal(urlOf('GET HTTP/1.1\n'), 'HTTP/1.1', 'a URL that looks like a version is still the URL');
  });

  it('reads no request from an indented first line', () => {
    assert.deepEqual(httpFacts(`  GET ${url}\n`).values, []);
  });

  it('continues the URL on lines starting with ? or &, indented or not, and nowhere else', () => {
    const text = `GET ${url}/customerSubscriptions\n    ?api-version=2017-06-01\n&$top=5\nIf-Match: "etag?x&y"\n`;
    const found = httpFacts(text);
    assert.equal(show(found.values[0]), `${url}/customerSubscriptions?api-version=2017-06-01&$top=5`);
    assert.equal(textAt(text, found.values[0].span), text.slice(4, text.indexOf('\nIf-Match')));
    assert.deepEqual(found.apiVersions.map((a) => show(a.value)), ['2017-06-01']);
  });

  it('finds the request after blank lines, also lines of blanks, following ###', () => {
    assert.deepEqual(tenantOperations(httpFacts(`###\n\n   \nGET ${url}/customerSubscriptions?api-version=2017-06-01\n`)), [`list ${subscription}/azurestack/reg1 customer=- tenant=-`]);
  });

  it('splits requests only at lines that start with ###', () => {
    const text = `PUT ${tenantUrl}\nX-Note: ###\n\n{"properties": {"tenantId": "${tenant}", "note": "###"}}\n`;
    assert.deepEqual(tenantOperations(httpFacts(text)), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`]);
  });

  it('ends the headers at a line of blanks, and reads the body after it', () => {
    assert.deepEqual(tenantOperations(httpFacts(`PUT ${tenantUrl}\nContent-Type: application/json\n   \n${body}\n`)), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`]);
  });

  it('says a PUT without a body has no tenantId, and adds the body\'s tenantId to the values to check', () => {
    assert.deepEqual(tenantOperations(httpFacts(`PUT ${tenantUrl}\n`)), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=- tenantId missing`]);
    assert.deepEqual(httpFacts(`PUT ${tenantUrl}\n\n${body}\n`).values.map(show), [tenantUrl, tenant]);
    assert.deepEqual(httpFacts(`GET ${tenantUrl}\n`).values.map(show), [tenantUrl]);
  });

  it('defines file variables with or without blanks, indented too, and expands {{ name }} with blanks inside', () => {
    const text = `  @sub=${subscription}\n@group =azurestack\n\nGET https://management.azure.com/subscriptions/{{sub}}/resourceGroups/{{ group }}/providers/Microsoft.AzureStack/registrations/reg1?api-version=2017-06-01\n`;
    assert.equal(urlOf(text), `${url}?api-version=2017-06-01`);
  });

  it('expands a variable that is the whole URL, and nothing after the URL', () => {
    const text = `@url = ${url}/customerSubscriptions?api-version=2017-06-01\n\nGET {{url}}\nAuthorization: Bearer {{token}}\n`;
    assert.equal(urlOf(text), `${url}/customerSubscriptions?api-version=2017-06-01`);
  });

  it('reads suppressions only from comment lines, and only real ones', () => {
    const text = `# azs-disablement of nothing\nPUT ${tenantUrl}\nX-Note: azs-disable AZS401\n\n{"note": "azs-disable-next-line AZS401", "properties": {"tenantId": "${tenant}"}}\n`;
    assert.deepEqual(httpFacts(text).suppressions, []);
  });

  it('notices a CloudId or CloudDeploymentId check', () => {
    assert.equal(httpFacts(`GET ${url}\n# compare the cloudId\n`).checksCloudId, true);
    assert.equal(httpFacts(`GET ${url}\n# compare the CloudDeploymentID\n`).checksCloudId, true);
    assert.equal(httpFacts(`GET ${url}\n`).checksCloudId, false);
  });
});
