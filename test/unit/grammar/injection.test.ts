import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes } from '../../../src/core/errors';
import { fixtures, highlightsOn, scopesOf, tokenizeFixture, type TokenizedFixture } from './fixtures';
import { Highlighter, ourGrammarContributions, root } from './textmate';

const errorCode = 'invalid.illegal.error-code.azs';
const directive = 'keyword.control.directive.suppression.azs';
const ruleCode = 'constant.language.rule-code.azs';
const resourceId = 'entity.name.type.resource-id.azs';

describe('grammar: injection into VS Code’s own grammars', () => {
  let highlighter: Highlighter;
  before(() => {
    highlighter = Highlighter.create({ withOurGrammars: true });
  });

  describe('PowerShell', () => {
    let ps: TokenizedFixture;
    before(async () => {
      ps = await tokenizeFixture(highlighter, fixtures.powershell);
    });

    it('highlights error codes in single- and double-quoted strings, here-strings and comments', () => {
      assert.deepEqual(scopesOf(ps, "-match 'CustomerSubscriptionsNotAllowed'", 'CustomerSubscriptionsNotAllowed'), [
        'source.powershell', 'meta.scriptblock.powershell', 'meta.group.simple.subexpression.powershell', 'string.quoted.single.powershell', errorCode,
      ]);
      assert.deepEqual(scopesOf(ps, 'Write-Warning "Re-register', 'CustomerSubscriptionsNotAllowed'), [
        'source.powershell', 'meta.scriptblock.powershell', 'meta.scriptblock.powershell', 'string.quoted.double.powershell', errorCode,
      ]);
      assert.deepEqual(scopesOf(ps, 'A typo in the customer', 'InvalidCSPSubscription'),
        ['source.powershell', 'string.quoted.double.heredoc.powershell', errorCode]);
      assert.deepEqual(scopesOf(ps, '# Azure answers', 'RegistrationNotFound'),
        ['source.powershell', 'meta.scriptblock.powershell', 'comment.line.powershell', errorCode]);
    });

    it('highlights the directive and rule codes of suppression comments, and rule codes nowhere else', () => {
      assert.deepEqual(scopesOf(ps, '# azs-disable-next-line AZS102', 'azs-disable-next-line'), ['source.powershell', 'comment.line.powershell', directive]);
      assert.deepEqual(scopesOf(ps, '# azs-disable-next-line AZS102', 'AZS102'), ['source.powershell', 'comment.line.powershell', ruleCode]);
      assert.deepEqual(highlightsOn(ps, '<# azs-disable AZS402, AZS501 #>'), ['azs-disable', 'AZS402', 'AZS501']);
      assert.deepEqual(scopesOf(ps, '<# azs-disable', 'AZS501'), ['source.powershell', 'comment.block.powershell', ruleCode]);
      // A rule code in an ordinary comment, and a directive that opens a string rather than a comment, stay plain.
      assert.deepEqual(highlightsOn(ps, 'AZS103 checks that'), ['RegistrationNotFound']);
      assert.deepEqual(highlightsOn(ps, 'inside a string is no directive'), []);
    });

    it('highlights a registration ID and a tenant ID built from variables, each as one token', () => {
      const registration = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/fabrikam-stamp';
      assert.deepEqual(scopesOf(ps, '$registrationId =', registration), ['source.powershell', 'string.quoted.single.powershell', resourceId]);
      const tenant = '/subscriptions/$registrationSubscriptionId/resourceGroups/$resourceGroup/providers/microsoft.azurestack/registrations/$($registration.Name)/customerSubscriptions/$customerSubscriptionId';
      assert.deepEqual(scopesOf(ps, '$tenantPath =', tenant), ['source.powershell', 'string.quoted.double.powershell', resourceId]);
    });

    it('leaves near misses plain: longer words, another provider, another resource type, a doubled slash', () => {
      assert.deepEqual(highlightsOn(ps, 'RegistrationNotFoundX and NotRegistrationNotFound'), []);
      assert.deepEqual(highlightsOn(ps, 'Microsoft.AzureStackHCI'), []);
      assert.deepEqual(highlightsOn(ps, '/products/ubuntu'), []);
      assert.deepEqual(highlightsOn(ps, '$doubledId ='), []);
    });
  });

  describe('JSON and JSON with comments', () => {
    let json: TokenizedFixture;
    let jsonc: TokenizedFixture;
    before(async () => {
      json = await tokenizeFixture(highlighter, fixtures.json);
      jsonc = await tokenizeFixture(highlighter, fixtures.jsonc);
    });

    it('highlights an error code in a string value and a tenant-list ID in a string', () => {
      const nesting = ['source.json', 'meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', 'meta.structure.dictionary.json',
        'meta.structure.dictionary.value.json', 'meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', 'string.quoted.double.json'];
      assert.deepEqual(scopesOf(json, '"knownFailure"', 'CustomerSubscriptionsNotAllowed'), [...nesting, errorCode]);
      const tenants = '/subscriptions/6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/fabrikam-stamp/customerSubscriptions';
      assert.deepEqual(scopesOf(json, '"registration"', tenants), [...nesting, resourceId]);
      assert.deepEqual(highlightsOn(json, '"notACode"'), []);
    });

    it('highlights suppressions in line and block comments (line comments keep their base scope name)', () => {
      assert.deepEqual(highlightsOn(json, '// azs-disable-next-line AZS102, AZS201'), ['azs-disable-next-line', 'AZS102', 'AZS201']);
      assert.deepEqual(scopesOf(json, '// azs-disable-next-line', 'AZS201'), [
        'source.json', 'meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', 'meta.structure.array.json',
        'meta.structure.dictionary.json', 'comment.line.double-slash.js', ruleCode,
      ]);
      assert.deepEqual(scopesOf(json, '/* azs-disable AZS501 */', 'AZS501'), ['source.json', 'meta.structure.dictionary.json', 'comment.block.json', ruleCode]);
      assert.deepEqual(highlightsOn(json, "fails with AZS301's error"), []);
    });

    it('reaches JSONC through the source.json injection, in comments and strings', () => {
      assert.deepEqual(scopesOf(jsonc, '// azs-disable AZS402, AZS501', 'azs-disable'),
        ['source.json.comments', 'meta.structure.dictionary.json.comments', 'comment.line.double-slash.js', directive]);
      assert.deepEqual(highlightsOn(jsonc, '// azs-disable AZS402, AZS501'), ['azs-disable', 'AZS402', 'AZS501']);
      assert.deepEqual(scopesOf(jsonc, '// Retried on', 'MetadataResolverBadGatewayError'),
        ['source.json.comments', 'meta.structure.dictionary.json.comments', 'comment.line.double-slash.js', errorCode]);
      assert.deepEqual(highlightsOn(jsonc, '// Retried on'), ['MetadataResolverBadGatewayError'], 'AZS402 in an ordinary comment stays plain');
      assert.deepEqual(highlightsOn(jsonc, '"note"'), []);
    });
  });

  describe('log files', () => {
    let log: TokenizedFixture;
    before(async () => {
      log = await tokenizeFixture(highlighter, fixtures.log);
    });

    it('highlights error codes in bare text and inside a quoted JSON error body', () => {
      assert.deepEqual(scopesOf(log, 'New-AzResource failed with', 'RegistrationNotFound'), ['text.log', errorCode]);
      assert.deepEqual(scopesOf(log, 'upstream said', 'MetadataResolverBadGatewayError'), ['text.log', errorCode]);
      assert.deepEqual(scopesOf(log, 'ERROR 400', 'CustomerSubscriptionsNotAllowed'), ['text.log', 'string', 'log.string', errorCode]);
    });

    it('highlights a tenant ID inside a request URL and a registration ID in quotes, without the host or query', () => {
      const tenant = '/subscriptions/6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/fabrikam-stamp/customerSubscriptions/0b7c3e9a-5d21-4f6e-8a90-1c2d3e4f5a6b';
      assert.deepEqual(scopesOf(log, 'INFO  PUT', tenant), ['text.log', 'constant.language', 'log.constant', resourceId]);
      assert.deepEqual(scopesOf(log, 'INFO  PUT', '?api-version=2017-06-01'), ['text.log', 'constant.language', 'log.constant']);
      const registration = '/subscriptions/6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/fabrikam';
      assert.deepEqual(scopesOf(log, 'New-AzResource failed with', registration), ['text.log', 'string', 'log.string', resourceId]);
    });

    it('leaves a longer word and another provider’s URL plain', () => {
      assert.deepEqual(highlightsOn(log, 'RegistrationNotFoundX is a made-up word'), []);
      assert.deepEqual(highlightsOn(log, 'Microsoft.AzureStackHCI/clusters'), []);
    });
  });

  it('highlights exactly the eight documented codes of src/core/errors.ts', async () => {
    const tokens = await highlighter.tokenize('source.powershell', `Write-Host "${errorCodes.join(' ')}"`);
    assert.deepEqual(tokens.filter((t) => t.scopes.includes(errorCode)).map((t) => t.text), [...errorCodes]);
    const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/azure-stack-csp.injection.tmLanguage.json'), 'utf8')) as {
      repository: { 'error-code': { match: string } };
    };
    const listed = /\(\?:([\w|]+)\)/.exec(grammar.repository['error-code'].match)?.[1].split('|');
    assert.deepEqual(listed?.sort(), [...errorCodes].sort());
  });
});

describe('grammar: package.json contributions', () => {
  it('contributes each grammar file under the scope name the file declares, injected only into grammars VS Code ships', async () => {
    const contributions = ourGrammarContributions();
    const vscodeOnly = Highlighter.create({ withOurGrammars: false });
    assert.deepEqual(contributions.map((c) => c.scopeName), [
      'azure-stack-csp.injection', 'azure-stack-csp.json-line-comments.injection', 'azure-stack-csp.log-text.injection',
    ]);
    for (const contribution of contributions) {
      const file = join(root, contribution.path);
      assert.ok(existsSync(file), `${contribution.path} exists`);
      const grammar = JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string; injectionSelector?: string };
      assert.equal(grammar.scopeName, contribution.scopeName);
      assert.match(grammar.injectionSelector ?? '', /^L:/, `${contribution.path} wins ties against the base grammar`);
      for (const target of contribution.injectTo ?? []) {
        assert.ok((await vscodeOnly.tokenize(target, 'x')).length > 0, `${target} is a grammar VS Code ships`);
      }
    }
  });
});
