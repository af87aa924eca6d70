// The PowerShell the oracle tests read: every PowerShell fixture, the demo, and the examples of docs/rules.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decode } from '../../../src/core/encoding';
import { PowerShellParser, powerShellBindings, powerShellFacts } from '../../../src/core/parse/powershell';
import type { Span } from '../../../src/core/text';
import { repoRoot, testWasmDir } from '../../unit/core/support/wasm';
import type { OurReading } from './compare';

export interface Script {
  /** Where it comes from: a path, or a path and the number of the example in it. */
  name: string;
  text: string;
}

const powerShellFile = /\.ps[dm]?1$/i;

function filesUnder(folder: string, wanted: RegExp): string[] {
  return readdirSync(folder).sort().flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return filesUnder(path, wanted);
    return wanted.test(entry) ? [path] : [];
  });
}

/** A file as the editor shows it: decoded by its byte order mark (UTF-16 as Out-File writes it), without it. */
const readText = (path: string) => decode(readFileSync(path)).text;

/** The ```powershell blocks of a Markdown file. */
export function powerShellExamples(markdown: string): string[] {
  return [...markdown.matchAll(/^```powershell\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

export function corpus(): Script[] {
  const files = [...filesUnder(join(repoRoot, 'test/fixtures'), powerShellFile), ...filesUnder(join(repoRoot, 'demo'), powerShellFile)]
    .map((path) => ({ name: relative(repoRoot, path), text: readText(path) }));
  const examples = filesUnder(join(repoRoot, 'docs/rules'), /\.md$/).flatMap((path) =>
    powerShellExamples(readText(path)).map((text, i) => ({ name: `${relative(repoRoot, path)} example ${i + 1}`, text })));
  return [...files, ...examples];
}

let parser: PowerShellParser | undefined;

/** Our reader's facts and bindings for a script (the same tree-sitter parse the linter makes). */
export async function ourReading(text: string): Promise<OurReading> {
  parser ??= await PowerShellParser.load(testWasmDir());
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const errors: Span[] = [];
    for (const node of tree.rootNode.descendantsOfType('ERROR')) {
      if (node && !errors.some((e) => e.start <= node.startIndex && node.endIndex <= e.end)) errors.push({ start: node.startIndex, end: node.endIndex });
    }
    return { facts: powerShellFacts(text, tree), bindings: powerShellBindings(text, tree), errors };
  } finally {
    tree.delete();
  }
}
