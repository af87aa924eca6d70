import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestedSpans } from '../../../../src/core/parse/treePath';
import { assertTreePathAgrees, treePathWays } from '../support/treePathCheck';

const fixture = (path: string) => readFileSync(join(__dirname, '../../../../../test/fixtures', path), 'utf8');

/** Scripts whose trees are deep, flat, broken, or hold braces that are no block's (in strings and comments). */
const scripts: Record<string, string> = {
  'a registration script': fixture('grammar/add-tenant.ps1'),
  'nested blocks of every kind': `${'function F { if ($x) { foreach ($i in $y) { $y | ForEach-Object { & { try { switch ($z) { a { '.repeat(4)}$n = "v$x" }${' } } catch { } } } } } }'.repeat(4)}\nGet-AzResource -Name $n`,
  'unclosed blocks (syntax errors)': `${'if ($x) {\n$n = \'<v>\'\n'.repeat(12)}Get-AzResource -Name $n\n}`,
  'braces in strings, comments and here-strings': "$a = '{ { {'\n# } }\nfunction G {\n$b = @\"\n}\n{\n\"@\n  if ($c) { Get-AzResource -Name \"}$b{\" }\n}\n${x}\n@{ k = @{ j = '}' } }",
  'a } in a string, a comment, a here-string or a subexpression at every level': `${Array.from({ length: 36 }, (_, i) => `if ($x) { ${["'}'", '# }', "@'\n}\n'@", '"$($l | % { "}" })"'][i % 4]}\n$n = '<v ${i}>'`).join('\n')}\nGet-AzResource -Name $n\n${'}\n'.repeat(36)}`,
  'an empty block and a missing brace': 'function H {}\nif ($x) { }\nwhile ($true) { Get-AzResource -Name x\n',
  // Empty nodes where children start or end: a hidden statement terminator, a missing brace, a redirection at the end.
  // A missing `>` (an empty node) among the children of the flat error node that 300 unclosed blocks leave.
  'a missing token in a flat error node': `${'if ($x) {\n'.repeat(300)}' '>''{''{`,
  'empty nodes among the children': "for ($n = '<i>'; $n -ne 'x'; $n = 'x') { Get-AzResource -Name $n }\rfor ($n = 1; $n; $n) { Get-X -Pro@\"\nx\n$a;$b; $c\nGet-AzResource -Name x -Pro >",
};

describe('parse/treePath', () => {
  for (const [name, text] of Object.entries(scripts)) for (const [shallowDepth, flatChildCount, way] of treePathWays) {
    it(`${name}${way}: descents, paths and parents are what the tree's own descents and parents give`, () => assertTreePathAgrees(text, shallowDepth, flatChildCount));
  }
});

describe('parse/treePath: NestedSpans', () => {
  it('finds the innermost span around an offset, past spans nested before it and closed', () => {
    const spans = [{ start: 0, end: 100 }, { start: 10, end: 50 }, { start: 20, end: 30 }, { start: 30, end: 40 }, { start: 60, end: 70 }];
    const nesting = new NestedSpans(spans);
    const innermost = (offset: number) => nesting.innermost(offset);
    assert.deepEqual([0, 9, 10, 20, 29, 30, 39, 40, 49, 50, 60, 70, 99, 100, -1].map(innermost), [0, 0, 1, 2, 2, 3, 3, 1, 1, 0, 4, 0, 0, -1, -1]);
    assert.deepEqual(nesting.parents, [-1, 0, 1, 1, 0]);
  });
});
