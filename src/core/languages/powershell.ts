// PowerShell scripts, modules and data files, read with tree-sitter. An editor keeps each document's syntax tree, so
// that the next edit parses only what changed.
import type { Tree } from 'web-tree-sitter';
import { emptyFacts } from '../facts';
import { PowerShellParser, asPowerShellReads, powerShellFacts, treeEdits } from '../parse/powershell';
import { defineLanguage, errorText, readFailed, type ReadInput, type Reading } from './language';

const parserUnavailable = {
  en: 'Not linted: the PowerShell parser could not be loaded ({detail}).',
  sv: 'Inte kontrollerad: PowerShell-parsern kunde inte läsas in ({detail}).',
};

/** The previous tree edited to match the new text, when the editor's changes say how; else undefined. */
function editedTree({ text, previous, changes }: ReadInput<Tree>): Tree | undefined {
  const tree = previous?.state;
  const edits = changes && tree ? treeEdits(previous.text, text, changes) : undefined;
  if (!tree || !edits) return undefined;
  for (const edit of edits) tree.edit(edit);
  return tree;
}

async function read(input: ReadInput<Tree>): Promise<Reading<Tree>> {
  let parser: PowerShellParser;
  try {
    parser = await PowerShellParser.load(input.wasmDir);
  } catch (error) {
    return { facts: emptyFacts(), notice: { message: parserUnavailable, detail: errorText(error) } };
  }
  const edited = editedTree(input);
  // Rewritten once, for the parser and the reader.
  const code = asPowerShellReads(input.text);
  const tree = (edited && parser.parseRead(code, edited)) ?? parser.parseRead(code);
  if (!tree) return { facts: emptyFacts(), notice: { message: readFailed, detail: 'the PowerShell parser returned no tree' } };
  const facts = powerShellFacts(input.text, tree, code);
  if (input.keepForNextRead) return { facts, state: tree };
  // Freed at once, which keeps the parser's memory small and its allocations fast.
  tree.delete();
  return { facts };
}

export const powershell = defineLanguage({
  kind: 'powershell',
  extensions: ['ps1', 'psm1', 'psd1'],
  languageIds: ['powershell'],
  relevant: /azurestack|\bazs|customersubscriptions|azurerm|\/registrations\b/i,
  lineComment: '#',
  fence: { tags: ['powershell', 'ps1', 'pwsh', 'ps', 'azurepowershell', 'azurepowershell-interactive', 'powershell-interactive'], together: true },
  read,
  release: (tree: Tree) => tree.delete(),
});
