// Shared helpers for host tests: the extension's test API, waiting on real signals with a deadline, screenshots.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'azs-csp-tools.azure-stack-csp-tools';
const resultsDir = join(__dirname, '..', '..', '..', 'test-results');

/** Polls `probe` until it returns a value other than undefined/false, or fails naming what was awaited. */
export async function waitFor<T>(description: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${reason}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asks the runner (outside the host) to screenshot the workbench now, and waits until the file is written. */
export async function screenshot(name: string, path = join(resultsDir, `${name}.png`)): Promise<string> {
  console.log(`SCREENSHOT ${name} ${path}`);
  await waitFor(`screenshot ${name}`, () => existsSync(`${path}.done`), 15_000);
  return path;
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relativePath));
  return vscode.window.showTextDocument(document);
}
