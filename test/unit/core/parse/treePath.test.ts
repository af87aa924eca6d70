import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { PowerShellParser, asPowerShellReads } from '../../../../src/core/parse/powershell';
import { NestedSpans, TreePath } from '../../../../src/core/parse/treePath';
import { testWasmDir } from '../support/wasm';

const fixture = (path: string) => readFileSync(join(__dirname, '../../../../../test/fixtures', path), 'utf8');

/** Scripts whose trees are deep, flat, broken, or hold braces that pair wrongly by counting (in strings and comments). */
const scripts: Record<string, string> = {
  'a registration script': fixture('grammar/add-tenant.ps1'),
  'nested blocks of every kind': `${'function F { if ($x) { foreach ($i in $y) { $y | ForEach-Object { & { try { switch ($z) { a { '.repeat(4)}$n = "v$x" }${' } } catch { } } } } } }'.repeat(4)}\nGet-AzResource -Name $n`,
  'unclosed blocks (syntax errors)': `${'if ($x) {\n$n = \'<v>\'\n'.repeat(12)}Get-AzResource -Name $n\n}`,
  'braces in strings, comments and here-strings': "$a = '{ { {'\n# } }\nfunction G {\n$b = @\"\n}\n{\n\"@\n  if ($c) { Get-AzResource -Name \"}$b{\" }\n}\n${x}\n@{ k = @{ j = '}' } }",
  'an empty block and a missing brace': 'function H {}\nif ($x) { }\nwhile ($true) { Get-AzResource -Name x\n',
  // Empty nodes where children start or end: a hidden statement terminator, a missing brace, a redirection at the end.
  // A missing `>` (an empty node) among the children of the flat error node that 300 unclosed blocks leave.
  'a missing token in a flat error node': `${'if ($x) {\n'.repeat(300)}' '>''{''{`,
  'empty nodes among the children': "for ($n = '<i>'; $n -ne 'x'; $n = 'x') { Get-AzResource -Name $n }\rfor ($n = 1; $n; $n) { Get-X -Pro@\"\nx\n$a;$b; $c\nGet-AzResource -Name x -Pro >",
};

/** The chain of `parent`s of a node, root first. */
function parents(node: Node): number[] {
  const chain: number[] = [];
  for (let at: Node | null = node; at; at = at.parent) chain.unshift(at.id);
  return chain;
}

/** Every offset in the text's order, then in a scrambled one (the path is kept between questions). */
function offsets(length: number): number[] {
  const inOrder = Array.from({ length: length + 1 }, (_, i) => i);
  return [...inOrder, ...inOrder.map((i) => (i * 7919) % (length + 1))];
}

describe('parse/treePath', () => {
  // Depth 0: the path answers every descent and parent itself, as it does for scripts nested deeper than the default;
  // and with 0 children for a node to be looked up by a binary search, every node's children are.
  const ways: [shallowDepth: number | undefined, flatChildCount: number | undefined, name: string][] = [
    [undefined, undefined, ''], [0, undefined, ', through the path'], [0, 0, ', through the path and binary searches of the children'],
  ];
  for (const [name, text] of Object.entries(scripts)) for (const [shallowDepth, flatChildCount, way] of ways) {
    it(`${name}${way}: descents, paths and parents are what the tree's own descents and parents give`, async () => {
      const tree = (await PowerShellParser.load(testWasmDir())).parse(text);
      assert.ok(tree);
      try {
        const root = tree.rootNode;
        const path = new TreePath(root, asPowerShellReads(text), shallowDepth, flatChildCount);
        for (const offset of offsets(text.length)) {
          for (const end of [offset, offset + 1, offset + 2]) assert.equal(path.descend(offset, end)?.id, root.descendantForIndex(offset, end)?.id, `descent to ${offset}…${end}`);
          const found = root.descendantForIndex(offset);
          assert.ok(found);
          const length = path.to(offset);
          assert.deepEqual(Array.from({ length }, (_, i) => path.node(i).id), parents(found), `path to ${offset}`);
          assert.equal(path.type(length - 1), found.type);
          assert.equal(path.end(length - 1), found.endIndex);
          assert.equal(path.parent(found)?.id, found.parent?.id, `parent of what a descent to ${offset} finds`);
        }
      } finally {
        tree.delete();
      }
    });
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
