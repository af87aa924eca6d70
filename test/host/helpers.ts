// Shared helpers for host tests: the extension's test API, waiting on real signals with a deadline, screenshots.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import type { TreeNode } from '../../src/vscode/tree/nodes';
import { EmulatorControl, emulatorFromEnv } from '../emulator/client';

export const extensionId = 'azs-csp-tools.azure-stack-csp-tools';
const resultsDir = join(__dirname, '..', '..', '..', 'test-results');

/**
 * The code actions offered on `range` once a quick fix titled `title` is among them. Diagnostics reach the window's
 * marker service a moment after the extension host has them, and fixes are offered only once the linter has read the
 * text as it is now; `range` may be a function, asked again each time, for a diagnostic that moves after an edit.
 */
export async function offeredWith(uri: vscode.Uri, range: vscode.Range | (() => vscode.Range | undefined), title: string): Promise<{ chosen: vscode.CodeAction; offered: vscode.CodeAction[] }> {
  let titles: string[] = [];
  try {
    return await waitFor(`the quick fix "${title}"`, async () => {
      const at = typeof range === 'function' ? range() : range;
      if (!at) return undefined;
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at);
      titles = offered.map((a) => a.title);
      const chosen = offered.find((a) => a.title === title && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
      return chosen && { chosen, offered };
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; offered: ${titles.join(' | ')}`, { cause: error });
  }
}

/**
 * Polls `probe` every `intervalMs` until it returns a value other than undefined/false, or fails naming what was
 * awaited.
 */
export async function waitFor<T>(description: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
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
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Asks the runner (outside the host) to screenshot the workbench now, and waits until the file is written. `clip`:
 * CSS selectors of what the picture is about; it is cropped to them. `shown`: a CSS selector the runner first waits
 * for; its text is returned (or why it did not show).
 */
export async function screenshot(name: string, path = join(resultsDir, `${name}.png`), options: { clip?: string[]; pad?: number; shown?: string } = {}): Promise<string> {
  // A marker left by an earlier run would end the wait before this picture is taken.
  rmSync(`${path}.done`, { force: true });
  console.log(`SCREENSHOT ${name} ${path}${options.clip || options.shown ? ` ${JSON.stringify(options)}` : ''}`);
  await waitFor(`screenshot ${name}`, () => existsSync(`${path}.done`), 25_000);
  return readFileSync(`${path}.done`, 'utf8');
}

/** What a user does in the workbench itself, performed by the runner (scripts/lib/uiActions.mjs). */
export type UiAction =
  | { op: 'query'; selector: string; attributes?: string[]; wait?: boolean }
  | { op: 'click'; selector?: string; button?: string }
  | { op: 'command'; title: string }
  | { op: 'menu'; path: string[] }
  | { op: 'keys'; keys: string[] }
  | { op: 'trace'; path?: string; stop?: boolean };

export interface ShownElement { text: string; attributes: Record<string, string | null> }

let uiActions = 0;

export async function uiAction(action: { op: 'query'; selector: string; attributes?: string[]; wait?: boolean }): Promise<ShownElement[]>;
export async function uiAction(action: UiAction): Promise<unknown>;
export async function uiAction(action: UiAction): Promise<unknown> {
  const answerFile = join(resultsDir, `ui-action-${process.pid}-${++uiActions}.json`);
  rmSync(answerFile, { force: true });
  console.log(`UI-ACTION ${answerFile} ${JSON.stringify(action)}`);
  await waitFor(`the workbench to ${action.op}`, () => existsSync(answerFile), 60_000);
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as { ok: boolean; value?: unknown; error?: string };
  rmSync(answerFile, { force: true });
  if (!answer.ok) throw new Error(`UI action ${JSON.stringify(action)} failed: ${answer.error}`);
  return answer.value;
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relativePath));
  return vscode.window.showTextDocument(document);
}

/** Writes a file into the workspace folder (replacing any) and returns its URI. */
export async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder is open');
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** The activated extension's test API. */
export async function testApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in the host`);
  const api = await extension.activate();
  if (!api) throw new Error('the extension exported no test API: is AZS_CSP_TEST=1 set?');
  return api;
}

/** The emulator the runner started for this host, through its control API. */
export function emulator(): EmulatorControl {
  const address = emulatorFromEnv();
  if (!address) throw new Error('no emulator in the environment: run the host tests through npm test');
  return new EmulatorControl(address.controlUrl);
}

/** A request that changes what Azure holds (sign-in and reads are not). */
export function isWrite(request: { method: string }): boolean {
  return ['PUT', 'PATCH', 'DELETE'].includes(request.method);
}

/** The emulator's origin: the custom cloud's sign-in host (and Resource Manager) in the host tests. */
export function emulatorUrl(): string {
  const url = emulatorFromEnv()?.url;
  if (!url) throw new Error('no emulator in the environment: run the host tests through npm test');
  return url;
}

/**
 * Resets the emulator's data and waits until the extension is signed in to it. The emulator's sign-in host is
 * confirmed as the user would have done once (test/host/signInTrust.test.ts goes through that confirmation itself).
 */
export async function signedInFresh(api: TestApi): Promise<void> {
  await emulator().reset();
  await api.authorities.remember(emulatorUrl());
  if (api.session.state.kind !== 'signedIn') await api.session.signIn(false);
  await waitFor('sign-in to the emulator', () => api.session.state.kind === 'signedIn', 20_000);
  api.tree.refresh();
}

/** A stamp's admin endpoint and its own service principal, from the emulator's control API. */
export async function emulatorStamp(name: string): Promise<{ adminEndpoint: string; clientId: string; clientSecret: string }> {
  const control = emulator();
  const stamp = (await control.stamps()).find((s) => s.name === name);
  const principal = (await control.stampPrincipals()).find((p) => p.name === name);
  if (!stamp || !principal) throw new Error(`the emulator has no stamp ${name}`);
  return { adminEndpoint: stamp.adminEndpoint, clientId: principal.clientId, clientSecret: principal.clientSecret };
}

/**
 * Signs in to a stamp as a user would the first time: trusts how it signs in and gives its own service principal's
 * secret (from the emulator), through Sign In to Stamp with scripted answers (`t` translates the labels).
 */
export async function signInToStampAsUser(api: TestApi, ui: ScriptedUserInput, name: string, t: (english: string) => string = (english) => english): Promise<void> {
  const own = await emulatorStamp(name);
  ui.enqueue(t('Trust'), t('Service principal with a client secret'), own.clientId, own.clientSecret);
  await vscode.commands.executeCommand('azureStackCsp.signInToStamp', await nodeAt(api, t('Azure Stack Hub stamps'), name));
  if (ui.pending) throw new Error(`signing in to stamp ${name} asked less than expected: ${ui.prompts.map((p) => p.title).join(' | ')}`);
}

/**
 * Mocha hooks for a suite against the emulator: once, the test API with scripted input (handed to `use`); before
 * each test, fresh emulator data, a signed-in session, an empty request log and no leftover scripted answers.
 */
export function signedInWithScriptedInput(use: (context: { api: TestApi; ui: ScriptedUserInput }) => void): void {
  let context: { api: TestApi; ui: ScriptedUserInput };
  before(async () => {
    const api = await testApi();
    context = { api, ui: api.useScriptedInput() };
    use(context);
  });
  beforeEach(async () => {
    await signedInFresh(context.api);
    await emulator().clearRequests();
    context.ui.reset();
  });
}

/** Label and description of a node as the view shows it. */
export function shown(api: TestApi, node: TreeNode): string {
  const item = api.tree.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return item.description ? `${label} · ${String(item.description)}` : label;
}

/** The children of the node whose shown label starts with each step, walking down from the root. */
export async function childrenAt(api: TestApi, ...path: string[]): Promise<TreeNode[]> {
  let children = await api.tree.getChildren();
  for (const step of path) {
    const next = children.find((node) => shown(api, node).startsWith(step));
    if (!next) throw new Error(`no "${step}" among: ${children.map((n) => shown(api, n)).join(' | ')}`);
    children = await api.tree.getChildren(next);
  }
  return children;
}

export async function nodeAt(api: TestApi, ...path: string[]): Promise<TreeNode> {
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const found = (await childrenAt(api, ...parentPath)).find((node) => shown(api, node).startsWith(last));
  if (!found) throw new Error(`no "${last}" under ${parentPath.join(' > ')}`);
  return found;
}

/** Each step of the extension's walkthrough as the open walkthrough page shows it: its id, and whether it is ticked. */
export async function walkthroughSteps(): Promise<Map<string, { id: string; done: boolean }>> {
  const shown = await uiAction({ op: 'query', selector: '[data-done-step-id]', attributes: ['data-done-step-id', 'aria-checked'] });
  const steps = new Map<string, { id: string; done: boolean }>();
  for (const element of shown) {
    const id = element.attributes['data-done-step-id'] ?? '';
    const step = /azureStackCsp\.gettingStarted#(\w+)$/.exec(id)?.[1];
    if (step) steps.set(step, { id, done: element.attributes['aria-checked'] === 'true' });
  }
  return steps;
}
