// Random scripts of nested blocks with braces in strings, comments, here-strings, variable names and subexpressions:
// the brace pairs are the tree's blocks where the tree has no syntax errors, and TreePath answers as the tree does,
// also once the script is broken.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { PowerShellParser, asPowerShellReads } from '../../../src/core/parse/powershell';
import { pairBraces } from '../../../src/core/parse/psBraces';
import { assertTreePathAgrees, treePathWays } from '../core/support/treePathCheck';
import { testWasmDir } from '../core/support/wasm';
import { fuzzIt } from './support/run';

const openers = ['if ($x) {', 'function F {', '$l | ForEach-Object {', 'foreach ($i in $l) {', '& {', 'while ($y) {'];
/** Statements, most with a brace that is no block's (each alone in a block parses without errors). */
const statements = [
  "'}'", "'{ it''s'", '"}"', '"a`"}"', '"a""{"', '"`${"', `"$(if ($x) { '}' })"`, '"${a}}"', '# }\n', '# {\n', "'a'# }\n", '<# } #>', '<# `#> } #>',
  "@'\n}\n'@", '@"\n{ $($l | ForEach-Object { "}" }) }\n"@', '$n = ${a{}', 'Write-Host C#', 'Write-Host b]#', '$n = $l[0]# }\n', '$n = $m# {\n', "$n = '<v>'", 'Get-AzResource -Name $n', "$h = @{ k = '}'; j = 1 }", '$b = { 1 }',
];
const separators = ['\n', '\r\n', '\r', '; '];

/** A block: an opener, statements and blocks, and its closing brace. */
const block: fc.Memo<string> = fc.memo((depth) => fc.tuple(
  fc.constantFrom(...openers),
  fc.array(depth <= 1 ? fc.constantFrom(...statements) : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...statements) }, { weight: 1, arbitrary: block(depth - 1) }), { maxLength: 6 }),
  fc.constantFrom(...separators),
).map(([opener, body, separator]) => `${opener}${separator}${body.join(separator)}${separator}}`));

const script = fc.tuple(fc.boolean(), fc.array(block(6), { minLength: 1, maxLength: 4 })).map(([bom, blocks]) => `${bom ? '\uFEFF' : ''}${blocks.join('\n')}`);
/** The script with a piece cut out or doubled (a quote, a brace, a comment's end lost), or cut off. */
const broken = fc.tuple(script, fc.nat(), fc.nat({ max: 12 }), fc.constantFrom('cut', 'double', 'end')).map(([text, at, length, how]) => {
  const start = at % (text.length + 1);
  if (how === 'end') return text.slice(0, start);
  const piece = text.slice(start, start + length);
  return how === 'cut' ? text.slice(0, start) + text.slice(start + length) : text.slice(0, start) + piece + piece + text.slice(start + length);
});

/** The tree's `{ }` pairs (`{` and `@{` with the `}` among the same node's children), each as `pairBraces` spans it. */
function treePairs(root: Node, codeLength: number): string[] {
  const pairs: string[] = [];
  const visit = (node: Node) => {
    const open: number[] = [];
    for (const child of node.children) {
      if ((child.type === '{' || child.type === '@{') && !child.isMissing) open.push(child.endIndex);
      else if (child.type === '}' && !child.isMissing && open.length > 0) pairs.push(`${open.pop()}-${child.endIndex}`);
      visit(child);
    }
    for (const start of open) pairs.push(`${start}-${codeLength + 1}`);
  };
  visit(root);
  return pairs.sort();
}

describe('fuzzing TreePath', () => {
  fuzzIt('the brace pairs of scripts without syntax errors are the tree\'s blocks', 40, () => fc.asyncProperty(script, async (text) => {
    const tree = (await PowerShellParser.load(testWasmDir())).parse(text);
    assert.ok(tree);
    try {
      if (tree.rootNode.hasError) return;
      const code = asPowerShellReads(text);
      assert.deepEqual(pairBraces(code).pairs.map((pair) => `${pair.start}-${pair.end}`).sort(), treePairs(tree.rootNode, code.length));
    } finally {
      tree.delete();
    }
  }));

  fuzzIt('descents, paths and parents are what the tree\'s own give, in scripts whole and broken', 20, () => fc.asyncProperty(
    fc.oneof(script, broken), fc.constantFrom(...treePathWays), async (text, [shallowDepth, flatChildCount]) => {
      await assertTreePathAgrees(text, shallowDepth, flatChildCount);
    },
  ));
});
