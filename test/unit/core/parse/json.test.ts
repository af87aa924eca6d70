import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { UNKNOWN } from '../../../../src/core/ids';
import { jsonFacts } from '../../../../src/core/parse/json';
import { customer, registrationId, subscription, tenant } from '../support/ids';
import { registrations, show, tenantOperations } from '../support/facts';
import { LintWorkspace } from '../../../../src/core/lint';
import { testWasmDir } from '../support/wasm';

const template = (resources: string, extra = '') => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"${extra}, "resources": ${resources}}`;

describe('parse/json', () => {
  it('places the placeholders of IDs at every level of a document nested 300 deep, each where its string is', async () => {
    const id = (level: number) => `/subscriptions/<subscription-id>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg${level}`;
    const text = `${Array.from({ length: 300 }, (_, level) => `{"id": "${id(level)}", "inner": `).join('')}1${'}'.repeat(300)}`;
    const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
    await workspace.update('file:///deep.json', text, 'json');
    const placed = workspace.findings('file:///deep.json').filter((finding) => finding.code === 'AZS102').map((finding) => finding.start);
    const written = [...text.matchAll(/<subscription-id>/g)].map((match) => match.index);
    assert.deepEqual(placed.sort((a, b) => a - b), written);
  });

  it('tells templates, parameter files and other documents apart', () => {
    assert.equal(jsonFacts(template('[]')).role, 'template');
    assert.equal(jsonFacts('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}').role, 'parameters');
    assert.equal(jsonFacts('{"parameters": {"registrationName": {"value": "reg1"}}}').role, 'parameters');
    assert.equal(jsonFacts(`{"id": "${registrationId}"}`).role, 'other');
  });

  it("places a parameter file's values in it: where the fixes of a template that uses them write", () => {
    const uri = 'file:///ws/azuredeploy.parameters.json';
    const file = (version: string, end = '}}') => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"version": {"value": "${version}"${end}}`;
    const given = (text: string) => jsonFacts(text, undefined, uri).parameterValues?.get('version');
    const plain = file('2016-01-01');
    const start = plain.indexOf('2016');
    const span = { start, end: start + '2016-01-01'.length };
    assert.deepEqual({ ...given(plain)?.span }, span);
    assert.deepEqual(given(plain)?.segments, [{ text: '2016-01-01', from: { uri, ...span, copied: true } }]);
    // Where its characters are not the value's, it says where the value is written, not that it is copied from there.
    const escaped = file('2016\\u002d01-01');
    assert.deepEqual(given(escaped)?.segments, [{ text: '2016-01-01', from: { uri, start, end: start + '2016\\u002d01-01'.length, copied: false } }]);
    assert.deepEqual(given(file('2016-01-01', '}'))?.segments.map((s) => s.from?.copied), [false], 'a broken file');
    assert.deepEqual(jsonFacts(plain).parameterValues?.get('version')?.segments, [{ text: '2016-01-01' }], 'a file not named');
  });

  describe('ARM templates', () => {
    it('works out parameters (defaults or a parameter file), variables, concat and format', () => {
      const text = template(
        `[{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01",
          "name": "[format('{0}/{1}', variables('registration'), parameters('customer'))]",
          "properties": {"tenantId": "[parameters('tenant')]"}}]`,
        `, "parameters": {"prefix": {"type": "string", "defaultValue": "reg"}, "customer": {"type": "string"}, "tenant": {"type": "string", "defaultValue": "[subscription().tenantId]"}},
           "variables": {"registration": "[concat(parameters('prefix'), '-west')]"}`,
      );
      assert.deepEqual(tenantOperations(jsonFacts(text).facts), ['add -/-/reg-west customer=? tenant=?']);
      const values = new Map([['customer', { text: customer, segments: [{ text: customer }], span: { start: 0, end: 0 } }]]);
      assert.deepEqual(tenantOperations(jsonFacts(text, values).facts), [`add -/-/reg-west customer=${customer} tenant=?`]);
    });

    it('reads child resources, symbolic-name resources and nested deployments', () => {
      const child = `{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "reg1", "properties": {"billingModel": "PayAsYouUse"},
        "resources": [{"type": "customerSubscriptions", "apiVersion": "2017-06-01", "name": "${customer}", "properties": {"tenantId": "${tenant}"}}]}`;
      const nested = `{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
        "properties": {"mode": "Incremental", "parameters": {"name": {"value": "reg2"}},
          "template": {"parameters": {"name": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2022-06-01", "name": "[parameters('name')]"}]}}}`;
      const found = jsonFacts(template(`[${child}, ${nested}]`)).facts;
      assert.deepEqual(registrations(found), ['-/-/reg1 billing=PayAsYouUse', '-/-/reg2 billing=-']);
      assert.deepEqual(tenantOperations(found), [`add -/-/reg1 customer=${customer} tenant=${tenant}`]);
      const symbolic = jsonFacts(`{"languageVersion": "2.0", "resources": {"registration": {"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "reg3"}}}`).facts;
      assert.deepEqual(registrations(symbolic), ['-/-/reg3 billing=-']);
    });

    it('names a resource nested 300 deep under child resources by every name above it, each part where it is written', () => {
      const depth = 300;
      const opening = Array.from({ length: depth }, (_, i) => `{"type": "${i === 0 ? 'Microsoft.AzureStack/registrations' : `child${i}`}", "name": "n${i}", "resources": [`).join('');
      const text = template(`[${opening}{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2022-06-01", "name": "deep"}${']}'.repeat(depth)}]`);
      const deepest = jsonFacts(text).facts.registrations.map((declaration) => declaration.ref.name).find((name) => name?.text.endsWith('/deep'));
      const parts = [...Array.from({ length: depth }, (_, i) => `n${i}`), 'deep'];
      assert.equal(deepest?.text, parts.join('/'));
      const written = deepest.segments.filter((segment) => segment.at !== undefined);
      assert.deepEqual(written.map((segment) => segment.text), parts);
      assert.deepEqual(written.map((segment) => text.slice(segment.at, (segment.at as number) + segment.text.length)), parts);
      assert.equal(deepest.segments.map((segment) => segment.text).join(''), deepest.text);
    });

    it('reads registration paths in the strings of resources it has read, and the resources of templates without any', () => {
      const tenantResource = (extra: string) => `{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01",
        "name": "reg1/${customer}"${extra}, "properties": {"tenantId": "${tenant}"}}`;
      const nested = (resource: string) => `{"type": "Microsoft.Resources/deployments", "name": "inner", "properties": {"template": {"resources": [${resource}]}}}`;
      // The reader lets go of each resource once read only when no string can hold a path: here it must not.
      const withPath = jsonFacts(template(`[${tenantResource(`, "dependsOn": ["${registrationId}"]`)}, ${nested(tenantResource(''))}]`)).facts;
      assert.deepEqual(withPath.resourceIds.map((id) => id.path.text), [registrationId]);
      assert.equal(withPath.tenantOperations.length, 2);
      const without = jsonFacts(template(`{"a": ${tenantResource('')}, "b": ${nested(tenantResource(''))}}`, ', "languageVersion": "2.0"')).facts;
      assert.deepEqual(tenantOperations(without), [`add -/-/reg1 customer=${customer} tenant=${tenant}`, `add -/-/reg1 customer=${customer} tenant=${tenant}`]);
      assert.deepEqual(without.resourceIds, []);
    });

    it('looks parameters up in the order the reader meets them, which decides a cycle', () => {
      const named = (name: string) => `{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "name": "${name}", "properties": {"tenantId": "t"}}`;
      const text = template(
        `[${named("[concat(parameters('b'), 'z').length]")}, ${named("[concat(parameters('a'), '/', 'c1')]")}, ${named("[concat(parameters('b'), '/', 'c2')]")}]`,
        `, "parameters": {"a": {"defaultValue": "[concat(parameters('b'), 'x')]"}, "b": {"defaultValue": "[concat(parameters('a'), 'y')]"}}`,
      );
      // The accessor makes the first name unknown without looking b up: a is looked up first and meets b, which meets a half worked out.
      assert.deepEqual(tenantOperations(jsonFacts(text).facts), ['add -/-/- customer=- tenant=t', 'add -/-/?yx customer=c1 tenant=t', 'add -/-/?y customer=c2 tenant=t']);
    });

    it('locates a tenant name from its text as written, also after a part nested 20,000 deep', () => {
      const tenantAfter = (before: string) => template(
        `[${before}{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "name": "[concat(parameters('p'), '/', '<customer>')]"}]`,
        ', "parameters": {"p": {"defaultValue": "reg1"}}',
      );
      const plain = tenantAfter('');
      const operation = jsonFacts(plain).facts.tenantOperations[0];
      assert.deepEqual(operation.customerSubscriptionId?.segments, [{ text: '<customer>', at: plain.indexOf('<customer>') }]);
      assert.deepEqual(operation.registration.name?.segments, [{ text: 'reg1', at: plain.indexOf('reg1'), via: { start: plain.indexOf('"[concat') + 1, end: plain.indexOf("]\"}]") + 1 } }]);
      // The position scan goes through the deep part: what comes after it has its place.
      const deep = tenantAfter(`{"type": "x", "name": "y", "deep": ${'['.repeat(20_000)}${']'.repeat(20_000)}}, `);
      const after = jsonFacts(deep).facts.tenantOperations[0];
      assert.deepEqual(after.customerSubscriptionId?.segments, [{ text: '<customer>', at: deep.indexOf('<customer>') }]);
      assert.deepEqual(after.registration.name?.segments, [{ text: 'reg1', at: deep.indexOf('reg1'), via: { start: deep.indexOf('"[concat') + 1, end: deep.indexOf("]\"}]") + 1 } }]);
    });

    it('keeps an escaped bracket as text and other functions unknown', () => {
      const found = jsonFacts(template(`[{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "[[literal]"},
        {"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "[toLower(parameters('n'))]"}]`)).facts;
      assert.deepEqual(registrations(found), ['-/-/[literal] billing=-', '-/-/? billing=-']);
    });
  });

  it('reads REST request examples: parameters, body and api-version', () => {
    const text = `{"parameters": {"subscriptionId": "${subscription}", "resourceGroup": "azurestack", "registrationName": "reg1", "customerSubscriptionName": "${customer}",
      "api-version": "2017-06-01", "customerCreationParameters": {"properties": {"tenantId": "${tenant}"}}}, "responses": {"200": {"body": {"id": ""}}}}`;
    const found = jsonFacts(text).facts;
    assert.deepEqual(tenantOperations(found), [`add ${subscription}/azurestack/reg1 customer=${customer} tenant=${tenant}`]);
    assert.deepEqual(found.apiVersions.map((a) => `${a.target} ${show(a.value)}`), ['customerSubscription 2017-06-01']);
  });

  it('reads registrations from saved GET and list responses, and tenants from a bare body', () => {
    const list = `{"value": [{"id": "${registrationId}", "type": "Microsoft.AzureStack/registrations", "properties": {"billingModel": "Development"}},
      {"id": "${registrationId}/customerSubscriptions/${customer}", "properties": {"tenantId": "${tenant}"}}], "nextLink": null}`;
    const found = jsonFacts(list).facts;
    assert.deepEqual(registrations(found), [`${subscription}/azurestack/reg1 billing=Development`]);
    assert.equal(found.resourceIds.length, 2);
    assert.deepEqual(tenantOperations(found), [], 'a saved tenant is no request');
    assert.deepEqual(tenantOperations(jsonFacts(`{"properties": {"tenantId": "${tenant}"}}`).facts), [`add -/-/- customer=- tenant=${tenant}`]);
  });

  it('reads JSONC suppressions and what truncated documents show', () => {
    const found = jsonFacts(`// azs-disable-next-line AZS401\n/* azs-disable */\n{"id": "${registrationId}", "properties": {"billingModel": "Capacity"}`);
    assert.deepEqual(found.facts.suppressions, [{ codes: ['AZS401'], scope: 'nextLine', line: 1 }, { codes: [], scope: 'file', line: 1 }]);
    assert.deepEqual(registrations(found.facts), [`${subscription}/azurestack/reg1 billing=Capacity`], 'what a truncated document shows is kept');
  });

  it('places a placeholder in a cycle of variables, whose positions show what their text knew', async () => {
    // v1 is worked out first: v2 takes it while it is being worked out (unknown), so v2 is `?<x>` and v1 is v2.
    const text = template(`[{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2022-06-01", "name": "[variables('v1')]"}]`, `, "variables": {"v1": "[variables('v2')]", "v2": "[concat(variables('v1'), '<x>')]"}`);
    const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
    await workspace.update('file:///cycle.json', text, 'json');
    const placed = workspace.findings('file:///cycle.json').map((finding) => `${finding.code} ${text.slice(finding.start, finding.end)}`);
    assert.deepEqual([placed, workspace.failureNotice('file:///cycle.json')], [['AZS102 <x>'], undefined]);
    const [name] = workspace.declarationsOf('file:///cycle.json').map((declaration) => declaration.ref.name);
    assert.deepEqual(name?.segments.map((segment) => segment.text), [UNKNOWN, '<x>']);
  });

  describe('ARM templates nested 3,000 deep, read whole in a process with a tenth of the stack', () => {
    const depth = 3_000;
    const registration = (name: string) => `{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2022-06-01", "name": "${name}", "properties": {"billingModel": "PayAsYouUse"}}`;
    /** `bottom` under deployments nested `depth` deep (level 0 the innermost); `inner` and `passed` open each one's template and properties. */
    const deployments = (bottom: string, inner: (level: number) => string = () => '', passed = '') => {
      let resources = `[${bottom}]`;
      for (let level = 0; level < depth; level++) {
        resources = `[{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d${level}", "properties": {${passed}"template": {${inner(level)}"resources": ${resources}}}}]`;
      }
      return resources;
    };
    const regName = ', "parameters": {"regName": {"type": "string", "defaultValue": "<reg name>"}}';
    const children = Array.from({ length: depth }, (_, level) => `{"type": "${level === 0 ? 'Microsoft.Example/things' : 'child'}", "name": "n${level}", "resources": [`).join('');
    /** Each shape, and the name of the registration at its bottom (UNKNOWN as `?`). */
    const shapes: [shape: string, text: string, name: string][] = [
      ['deployments with the name written at the bottom', template(deployments(registration('<reg name>'))), '<reg name>'],
      [
        'deployments that each pass the name down as a parameter',
        template(deployments(registration("[parameters('regName')]"), () => '"parameters": {"regName": {"type": "string"}}, ', `"parameters": {"regName": {"value": "[parameters('regName')]"}}, `), regName),
        '<reg name>',
      ],
      ["deployments that use the outermost template's parameter", template(deployments(registration("[parameters('regName')]")), regName), '<reg name>'],
      ['child resources', template(`[${children}${registration('<reg name>')}${']}'.repeat(depth)}]`), [...Array.from({ length: depth }, (_, level) => `n${level}`), '<reg name>'].join('/')],
      ['an expression of calls nested in each other', template(`[${registration(`[${"concat('a', ".repeat(depth)}'<reg name>'${')'.repeat(depth)}]`)}]`), `${'a'.repeat(17)}?`],
      [
        // Followed 16 deep, as a chain of variables within a template is.
        'deployments whose variables each take the outer template\'s variable',
        template(deployments(registration("[variables('v0')]"), (level) => `"variables": {"v${level}": "[variables('v${level + 1}')]"}, `), `, "variables": {"v${depth}": "<reg name>"}`),
        '?',
      ],
    ];
    /** What a lint finds: the notice, the placeholders found (where), and the registrations' names (their positions worked out). */
    const lintScript = `const { LintWorkspace } = require(${JSON.stringify(require.resolve('../../../../src/core/lint'))});
      const { UNKNOWN } = require(${JSON.stringify(require.resolve('../../../../src/core/ids'))});
      (async () => {
        const found = [];
        for (const text of JSON.parse(require('node:fs').readFileSync(0, 'utf8'))) {
          const workspace = new LintWorkspace({ wasmDir: ${JSON.stringify(testWasmDir())} });
          try {
            await workspace.update('file:///deep.json', text, 'json');
            found.push({
              notice: workspace.notice('file:///deep.json') ?? null,
              placeholders: workspace.findings('file:///deep.json').filter((f) => f.code === 'AZS102').map((f) => f.start),
              names: workspace.declarationsOf('file:///deep.json').map((d) => d.ref.name.text.split(UNKNOWN).join('?')),
            });
          } catch (error) {
            found.push({ thrown: String(error) });
          }
        }
        process.stdout.write(JSON.stringify(found));
      })();`;
    let here: unknown[] = [];
    let there: unknown[] = [];

    before(() => {
      const input = JSON.stringify(shapes.map(([, text]) => text));
      here = JSON.parse(execFileSync(process.execPath, ['-e', lintScript], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as unknown[];
      there = JSON.parse(execFileSync(process.execPath, ['--stack-size=100', '-e', lintScript], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as unknown[];
    });

    shapes.forEach(([shape, text, name], index) => {
      it(`${shape}: the registration at the bottom found, its placeholder where it is written`, () => {
        const placeholders = name.includes('<reg name>') ? [text.indexOf('<reg name>')] : [];
        assert.deepEqual(there[index], { notice: null, placeholders, names: [name] });
        assert.deepEqual(here[index], there[index], 'the same at the default stack');
      });
    });
  });

  describe('nested far beyond any recursion, the same in every process', () => {
    const id = (level: number) => `/subscriptions/<subscription-id>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg${level}`;
    /** Nested `depth` deep, with an ID at every `every`th level; `before` and `after` frame it (a comment, a cut end). */
    const nested = (depth: number, every: number, before = '', cut = 0) => {
      const levels = Array.from({ length: depth }, (_, level) => (level % every === 0 ? `{"id": "${id(level)}", "c": ` : '{"c": '));
      const text = `${before}${levels.join('')}1${'}'.repeat(depth)}`;
      return text.slice(0, text.length - cut);
    };
    /** The offsets of the ID values found, and the offsets where they are written. */
    const placed = (text: string) => {
      const ids = jsonFacts(text).facts.resourceIds.map((found) => found.path.span.start).sort((a, b) => a - b);
      return [ids, [...text.matchAll(/"\/subscriptions\//g)].map((match) => match.index + 1)];
    };

    for (const [name, before, cut] of [['JSON', '', 0], ['JSONC', '// a comment\n', 0], ['cut-off JSON', '', 10]] as const) {
      it(`${name} nested 10,000 deep with an ID at every level: each ID found where it is written`, () => {
        const [found, written] = placed(nested(10_000, 1, before, cut));
        assert.equal(found.length, 10_000);
        assert.deepEqual(found, written);
      });

      it(`${name} nested 100,000 deep with an ID at every 1,000th level: each ID found where it is written`, () => {
        const [found, written] = placed(nested(100_000, 1_000, before, cut));
        assert.equal(found.length, 100);
        assert.deepEqual(found, written);
      });
    }

    it('a lint in a process with a tenth of the stack finds the same in a document nested 8,000 deep', async () => {
      const text = nested(8_000, 1);
      const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
      await workspace.update('file:///deep.json', text, 'json');
      const here = workspace.findings('file:///deep.json');
      const script = `const { LintWorkspace } = require(${JSON.stringify(require.resolve('../../../../src/core/lint'))});
        const text = require('node:fs').readFileSync(0, 'utf8');
        const workspace = new LintWorkspace({ wasmDir: ${JSON.stringify(testWasmDir())} });
        workspace.update('file:///deep.json', text, 'json').then(() => process.stdout.write(JSON.stringify(workspace.findings('file:///deep.json'))));`;
      const there = execFileSync(process.execPath, ['--stack-size=100', '-e', script], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(here.length, 8_000);
      assert.equal(there, JSON.stringify(here));
    });
  });
});
