import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { findPlaceholder, parseRegistrationId } from '../../../src/core/ids';
import { SnippetSyntaxError, expandDefaults, tabStopDefaults, tabStopOrder } from './snippetSyntax';

const root = resolve(__dirname, '..', '..', '..', '..');

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

interface SnippetContribution {
  language: string;
  path: string;
}

function readSnippets(path: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, Snippet>;
}

const powershell = readSnippets('snippets/powershell.json');
const json = readSnippets('snippets/json.json');
const everySnippet = Object.entries({ ...powershell, ...json });

/** The snippet as one text, lines joined as VS Code joins a body array. */
function bodyOf(snippet: Snippet): string {
  return snippet.body.join('\n');
}

/** Where tree-sitter found PowerShell it could not parse: ERROR nodes and nodes it had to invent (MISSING). */
function syntaxProblems(node: Node): string[] {
  const here = node.type === 'ERROR' || node.isMissing
    ? [`${node.isMissing ? `MISSING ${node.type}` : 'ERROR'} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${JSON.stringify(node.text.slice(0, 60))}`]
    : [];
  return [...here, ...node.children.flatMap((child) => (child ? syntaxProblems(child) : []))];
}

describe('snippets', () => {
  it('are contributed for PowerShell, JSON and JSON with comments', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets: SnippetContribution[] } };
    assert.deepEqual(manifest.contributes.snippets, [
      { language: 'powershell', path: './snippets/powershell.json' },
      { language: 'json', path: './snippets/json.json' },
      { language: 'jsonc', path: './snippets/json.json' },
    ]);
  });

  it('each have a unique azs- prefix, a body and a description that explains', () => {
    assert.deepEqual(Object.values(powershell).map((s) => s.prefix),
      ['azs-register', 'azs-register-capacity', 'azs-tenant-add', 'azs-tenant-list', 'azs-tenant-remove', 'azs-cloud-id-check']);
    assert.deepEqual(Object.values(json).map((s) => s.prefix), ['azs-registration', 'azs-customer-subscription']);
    for (const [name, snippet] of everySnippet) {
      assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0 && snippet.body.every((line) => typeof line === 'string'), `${name}: body`);
      assert.ok(typeof snippet.description === 'string' && snippet.description.length >= 80, `${name}: description`);
    }
  });

  it('number their tab stops 1, 2, 3 … in the order they appear, and end at $0', () => {
    for (const [name, snippet] of everySnippet) {
      const order = tabStopOrder(bodyOf(snippet));
      assert.ok(order.length > 1, `${name} has tab stops`);
      assert.deepEqual(order, [...order.slice(1).map((_, i) => i + 1), 0], `${name}: ${order.join(', ')}`);
    }
  });

  it('offer every billing model as a choice, PayAsYouUse first', () => {
    const register = bodyOf(powershell['Register the stamp with Azure (PayAsYouUse)']);
    assert.match(register, /-BillingModel \$\{7\|PayAsYouUse,Capacity,Development,Custom,Ruggedized\|\}/);
  });

  it('use only placeholders that the linter flags (AZS102) where a value must be replaced, and never a real-looking GUID', () => {
    for (const [name, snippet] of everySnippet) {
      const expanded = expandDefaults(bodyOf(snippet));
      for (const guid of expanded.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []) {
        assert.ok(findPlaceholder(guid), `${name}: ${guid} is flagged as a placeholder`);
      }
      for (const value of tabStopDefaults(bodyOf(snippet)).filter((d) => d.startsWith('<'))) {
        assert.deepEqual(findPlaceholder(value)?.text, value, `${name}: ${value} is flagged as a placeholder`);
      }
    }
  });

  it('write every resource ID in the shape the linter accepts (no AZS101)', () => {
    let ids = 0;
    for (const [name, snippet] of Object.entries(powershell)) {
      for (const [, id] of expandDefaults(bodyOf(snippet)).matchAll(/'(\/subscriptions\/[^']*)'/g)) {
        ids += 1;
        assert.equal(parseRegistrationId(id).ok, true, `${name}: ${id}`);
      }
    }
    assert.equal(ids, 4);
  });

  describe('PowerShell bodies with their defaults filled in', () => {
    let parser: Parser;
    before(async () => {
      await Parser.init();
      const powershellLanguage = await Language.load(join(root, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
      parser = new Parser();
      parser.setLanguage(powershellLanguage);
    });

    for (const [name, snippet] of Object.entries(powershell)) {
      it(`parse without ERROR or MISSING nodes: ${snippet.prefix}`, () => {
        const tree = parser.parse(expandDefaults(bodyOf(snippet)));
        assert.ok(tree, `${name} parsed`);
        assert.deepEqual(syntaxProblems(tree.rootNode), []);
      });
    }

    it('are checked by a parser that does report broken PowerShell', () => {
      const tree = parser.parse("if ($registration.Properties.cloudId -ne $stampInformation.CloudID) {\n\tthrow 'mismatch'\n");
      assert.ok(tree && syntaxProblems(tree.rootNode).length > 0);
    });
  });

  it('JSON bodies with their defaults filled in parse as resources of an ARM template', () => {
    for (const [name, snippet] of Object.entries(json)) {
      const template = `{\n"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n"contentVersion": "1.0.0.0",\n"resources": [\n${expandDefaults(bodyOf(snippet))}\n]\n}`;
      const parsed = JSON.parse(template) as { resources: { type: string; apiVersion: string; name: string }[] };
      assert.equal(parsed.resources.length, 1, name);
      const [resource] = parsed.resources;
      assert.match(resource.type, /^Microsoft\.AzureStack\/registrations(\/customerSubscriptions)?$/, name);
      assert.equal(resource.apiVersion, '2017-06-01', name);
      assert.match(resource.name, /^\[(parameters|concat)\(/, `${name}: the name is an ARM expression`);
    }
  });

  describe('the snippet reader used above', () => {
    it('fills placeholders, first choices and mirrors, and keeps escaped characters', () => {
      assert.equal(expandDefaults('\\$x = ${1:a}; $1 ${2|b,c|} \\} ${3:.\\dir} $0'), '$x = a; a b } .\\dir ');
      assert.equal(expandDefaults('${1:outer ${2:inner}} $2'), 'outer inner inner');
      assert.deepEqual(tabStopOrder('${2:b} ${1|x,y|} $2 $0'), [2, 1, 0]);
    });

    it('refuses an unescaped PowerShell variable, which VS Code would insert without its $', () => {
      assert.throws(() => expandDefaults('Remove-PSSession -Session $session'), SnippetSyntaxError);
      assert.throws(() => expandDefaults('${1:unclosed'), SnippetSyntaxError);
    });
  });
});
