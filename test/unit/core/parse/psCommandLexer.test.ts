import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { PowerShellParser, asPowerShellReads } from '../../../../src/core/parse/powershell';
import { lexCommandElements, lexHashtableEntries, stringVariables, type LexedElement } from '../../../../src/core/parse/psCommandLexer';
import { testWasmDir } from '../support/wasm';

const name = 'Get-AzResource';

/** The elements of `Get-AzResource <args>` as the lexer reads them: `kind:text`, or undefined when it refuses. */
function lexed(args: string): string[] | undefined {
  const code = `${name} ${args}`;
  return lexCommandElements(code, name.length, code.length)?.map((e) => `${e.kind}:${code.slice(e.start, e.end)}`);
}

/** The same elements as the tree has them (blank separators and redirections left out, as the reader does). */
function treeElements(code: string, command: Node): string[] {
  const elements = command.lastNamedChild?.type === 'command_elements' ? command.lastNamedChild.namedChildren : [];
  return elements.flatMap((element) => {
    if (!element) return [];
    const text = code.slice(element.startIndex, element.endIndex).trimStart();
    if (element.type === 'command_argument_sep') return text.includes(':') ? ['colon::'] : [];
    const kind = element.type === 'command_parameter' ? 'parameter' : element.type === 'generic_token' ? 'word' : element.type === 'array_literal_expression' ? 'value' : element.type;
    return [`${kind}:${text}`];
  });
}

const accepted = [
  '-ResourceId "/subscriptions/$subscriptionId/resourceGroups/<resource group>/providers/x/$customer1" -ApiVersion 2017-06-01 -Force',
  "-PrivilegedEndpoint <ERCS VM> -RegistrationName $registrationName -BillingModel PayAsYouUse",
  "-Properties @{ tenantId = '<tenant id>'; Name = $x.Name } -AsJob:$true",
  '-Name:value -Other: "v" @splat -Uri https://management.local.azurestack.external/x',
  "c:\\x \\y '' \"\" _x 2017-06-01-preview a=b",
  '  -Name   x  ',
];

const refused = [
  '-Name1 x', // a digit in a parameter's name: the grammar reads a redirection
  '-join x', // an operator's name
  '-Name:-x',
  'a,b',
  '"a`"b"',
  '"$(Get-Date)"',
  '"$a:b"',
  "'a''b'",
  '2017', // a number
  '.5',
  '>out',
  '2>&1',
  '< a>', // an input redirection
  'a <',
  'x#y',
  '# comment',
  'a(b)',
  '@{ a = @{ b = 1 } }',
  '$a.b',
  '$a-b',
  '-Name"x"',
  'a`b',
  "'a'b",
  'x |',
  'x\ny',
  'x\ty', // the caller passes the text as PowerShell reads it: a tab is a blank there already
];

describe('parse/psCommandLexer', () => {
  it('reads parameters, colons, bare words and other values, leaving blanks out', () => {
    assert.deepEqual(lexed("-Name:value -Force <ERCS VM> 2017-06-01 $x @p 'a b' \"c $d\" @{ k = 'v' }"), [
      'parameter:-Name', 'colon::', 'word:value', 'parameter:-Force', 'word:<ERCS', 'word:VM>', 'word:2017-06-01', 'value:$x', 'value:@p',
      "value:'a b'", 'value:"c $d"', "value:@{ k = 'v' }",
    ]);
    assert.deepEqual(lexed(''), []);
  });

  it('refuses whatever it does not read as the grammar does', () => {
    for (const args of refused) assert.equal(lexed(args), undefined, args);
    assert.equal(lexCommandElements(`${name}-x`, name.length, name.length + 2), undefined, 'a token needs a blank before it');
  });

  it('reads each command it accepts as the tree does', async () => {
    const parser = await PowerShellParser.load(testWasmDir());
    for (const args of [...accepted, ...refused]) {
      const code = asPowerShellReads(`${name} ${args}`);
      const tree = parser.parseRead(code);
      assert.ok(tree);
      try {
        const command = tree.rootNode.descendantForIndex(0, name.length + 1);
        const read = lexCommandElements(code, name.length, code.trimEnd().length);
        if (!read) continue;
        assert.ok(command?.type === 'command' && !command.hasError, args);
        assert.deepEqual(read.map((e: LexedElement) => `${e.kind}:${code.slice(e.start, e.end)}`), treeElements(code, command), args);
      } finally {
        tree.delete();
      }
    }
    for (const args of accepted) assert.ok(lexed(asPowerShellReads(args).trimEnd()), args);
  });

  it('tells the variables of a double-quoted string from its text', () => {
    const code = 'x "a$b/$c1_d.e$f" y';
    const string = { start: 2, end: 17 };
    const variables = stringVariables(code, string);
    const inVariable = [...code.slice(string.start, string.end)].map((_, i) => (variables.some((v) => v.start <= string.start + i && string.start + i < v.end) ? 'v' : '.')).join('');
    assert.equal(inVariable, '..vv.vvvvv..vv.');
  });

  it("reads a hashtable's simple entries, and refuses others", () => {
    const entries = (text: string) => lexHashtableEntries(text, { start: 0, end: text.length })?.map(({ key, value }) => `${text.slice(key.start, key.end)}=${text.slice(value.start, value.end)}`);
    assert.deepEqual(entries("@{ a = 'x'; b= \"y $z\";c=$v.Name ; }"), ["a='x'", 'b="y $z"', 'c=$v.Name']);
    assert.deepEqual(entries('@{}'), []);
    for (const text of ["@{ 'a' = 1 }", '@{ a = 1 }', '@{ a = x }', "@{ a = 'x' + 'y' }", '@{ a = $x.1 }', '@{ a = $x[0] }', "@{ a = 'x';; b = 'y' }", "@{ a-b = 'x' }"]) {
      assert.equal(entries(text), undefined, text);
    }
  });
});
