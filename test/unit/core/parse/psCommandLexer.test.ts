import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { PowerShellParser, asPowerShellReads } from '../../../../src/core/parse/powershell';
import { LeadingLines, lexCommandElements, lexHashtableEntries, stringVariables, type LexedCommand, type LexedElement } from '../../../../src/core/parse/psCommandLexer';
import { testWasmDir } from '../support/wasm';

const name = 'Get-AzResource';

/** Every leading line of `code` that is read. */
function leadingLines(code: string): LeadingLines {
  const lines = new LeadingLines(code);
  lines.readTo(code.length);
  return lines;
}

/** The commands read and not handed out yet. */
function waiting(lines: LeadingLines): LexedCommand[] {
  return lines.commands.filter((command) => command !== undefined);
}

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
    // Read up to a letter the command's text does not reach: the operator's name is the part before it.
    assert.equal(lexCommandElements(`${name} -eqz`, name.length, name.length + 4), undefined, 'an operator');
    assert.deepEqual(lexCommandElements(`${name} -eqz`, name.length, name.length + 5)?.length, 1, 'a parameter');
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

  it("reads a script's first lines of plain statements, up to the first line it does not read", () => {
    const code = [
      "$registrationName = '<registration name>'",
      '',
      '# a comment',
      '  Set-AzsRegistration -PrivilegedEndpoint <ERCS VM> -RegistrationName $registrationName  ',
      '$id=$registrationName',
      'Write-Host "done $id"\r',
      "$x = 'a' + 'b'",
      "New-AzResource -ResourceId 'after the first line not read'",
    ].join('\n');
    const lines = leadingLines(code);
    const text = (span: { start: number; end: number }) => code.slice(span.start, span.end);
    assert.deepEqual(waiting(lines).map((c) => `${text(c.name)}|${code.slice(c.name.start, c.end)}|${c.elements.length}`), [
      'Set-AzsRegistration|Set-AzsRegistration -PrivilegedEndpoint <ERCS VM> -RegistrationName $registrationName|5',
      'Write-Host|Write-Host "done $id"|1',
    ]);
    assert.deepEqual([...lines.assignments.values()].map((a) => `${text(a.variable)}${code[a.operator]}${text(a.rhs)}`), ["$registrationName='<registration name>'", '$id=$registrationName']);
    const asked = new LeadingLines(code);
    asked.readTo(0);
    assert.deepEqual([waiting(asked).length, asked.assignments.size], [0, 1], 'read as far as asked');
    assert.equal(asked.takeCommand(code.indexOf('Set-'))?.elements.length, 5);
    assert.equal(asked.takeCommand(code.indexOf('Set-')), undefined, 'handed out once');
    const inOrder = leadingLines(code);
    assert.equal(inOrder.takeCommand(code.indexOf('Write-Host'))?.elements.length, 1);
    assert.equal(inOrder.takeCommand(code.indexOf('Set-')), undefined, 'asked in the order of the text: one before the last asked is let go');
    for (const first of ['if ($x) {', '$x += 1', '$x == 1', "$x = 'a' # c", 'Get-AzResource -Name x |', 'Get-AzResource -Name x `', '<# block', '@"', '# \u2028 x', "$x = 'multi", '$x.y = 1']) {
      const read = leadingLines(`${first}\nNew-AzResource -Name x`);
      assert.equal(waiting(read).length + read.assignments.size, 0, first);
    }
  });

  it('reads each leading statement as the tree has it: a statement of the script, ending where the tree says', async () => {
    const parser = await PowerShellParser.load(testWasmDir());
    const code = asPowerShellReads([
      "$customer1 = '{customerSubscriptionId}'",
      'New-AzResource -ResourceId "/subscriptions/$subscriptionId/registrations/$registrationName/customerSubscriptions/$customer1" -Properties @{ tenantId = \'<tenant id>\' } -Force',
      'Get-AzResource -ResourceId x -ApiVersion 2017-06-01',
      '$name = "a $customer1"',
      'Disconnect-AzAccount',
    ].join('\r\n'));
    const tree = parser.parseRead(code);
    assert.ok(tree && !tree.rootNode.hasError);
    try {
      const lines = leadingLines(code);
      assert.equal(waiting(lines).length, 3);
      assert.equal(lines.assignments.size, 2);
      const ofScript = (node: Node) => {
        let holder = node.parent;
        while (holder && (holder.type === 'pipeline' || holder.type === 'pipeline_chain')) holder = holder.parent;
        return holder?.type === 'statement_list' && holder.parent?.type === 'program';
      };
      for (const command of waiting(lines)) {
        const start = command.name.start;
        const node: Node | null | undefined = tree.rootNode.descendantForIndex(start, command.name.end)?.parent;
        assert.ok(node?.type === 'command' && node.startIndex === start && ofScript(node), code.slice(start, command.end));
        assert.equal(code.slice(start, node.endIndex).trimEnd(), code.slice(start, command.end));
        assert.equal(node.firstNamedChild?.endIndex, command.name.end);
      }
      for (const assignment of lines.assignments.values()) {
        const node: Node | null | undefined = tree.rootNode.descendantForIndex(assignment.operator)?.parent?.parent;
        assert.ok(node?.type === 'assignment_expression' && ofScript(node));
        assert.equal(node.startIndex, assignment.variable.start);
        assert.deepEqual([node.lastNamedChild?.startIndex, node.lastNamedChild?.endIndex], [assignment.rhs.start, assignment.rhs.end]);
      }
    } finally {
      tree.delete();
    }
  });
});
