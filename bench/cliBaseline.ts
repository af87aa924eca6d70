// The baseline of `npm run bench:cli`: what any tool must do to lint the same files — start node, load the
// tree-sitter PowerShell parser, and read every file: a tree-sitter parse for .ps1, one jsonc-parser visit for .json,
// reading the text of the others. Run as its own process: node out/bench/cliBaseline.js <wasm folder> <folder>.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { visit } from 'jsonc-parser';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- web-tree-sitter's CommonJS build, as the linter loads it
import treeSitter = require('web-tree-sitter');

// The same wasm tier as the CLI (see src/cli/azs-lint.ts): without it the process waits at exit for V8 to finish
// optimizing the grammar, which is no part of parsing.
setFlagsFromString('--liftoff-only');

async function main(wasmDir: string, folder: string): Promise<void> {
  await treeSitter.Parser.init({ locateFile: () => join(wasmDir, 'web-tree-sitter.wasm') });
  const parser = new treeSitter.Parser();
  parser.setLanguage(await treeSitter.Language.load(join(wasmDir, 'tree-sitter-powershell.wasm')));
  let characters = 0;
  for (const name of readdirSync(folder).sort()) {
    const text = readFileSync(join(folder, name), 'utf8');
    characters += text.length;
    if (name.endsWith('.ps1')) parser.parse(text)?.delete();
    else if (name.endsWith('.json')) visit(text, {});
  }
  process.stdout.write(`${characters}\n`);
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
