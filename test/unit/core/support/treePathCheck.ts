// Checks a TreePath against the tree's own descents and parents, at every offset of a script: the unit tests' scripts
// and the fuzzer's.
import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { PowerShellParser, asPowerShellReads } from '../../../../src/core/parse/powershell';
import { TreePath } from '../../../../src/core/parse/treePath';
import { testWasmDir } from './wasm';

/**
 * The ways a path is used: depth 0 makes it answer every descent and parent itself, as it does for scripts nested deeper
 * than the default; with 0 children for a node to be looked up by a binary search, every node's children are.
 */
export const treePathWays: [shallowDepth: number | undefined, flatChildCount: number | undefined, name: string][] = [
  [undefined, undefined, ''], [0, undefined, ', through the path'], [0, 0, ', through the path and binary searches of the children'],
];

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

/** Asserts that the path's descents, paths and parents are what the tree's own give, at every offset of `text`. */
export async function assertTreePathAgrees(text: string, shallowDepth?: number, flatChildCount?: number): Promise<void> {
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
}
