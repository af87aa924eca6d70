// Tests and the benchmark pass the wasm files' folder to the engine, as the extension passes its dist/ folder. The two
// files live in two node_modules packages, so they are copied side by side once per process.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, from the compiled file's place (out/test/unit/core/support). */
export const repoRoot = resolve(__dirname, '..', '..', '..', '..', '..');

let folder: string | undefined;

export function testWasmDir(): string {
  if (folder) return folder;
  folder = mkdtempSync(join(tmpdir(), 'azs-wasm-'));
  copyFileSync(join(repoRoot, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'), join(folder, 'web-tree-sitter.wasm'));
  copyFileSync(join(repoRoot, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'), join(folder, 'tree-sitter-powershell.wasm'));
  return folder;
}
