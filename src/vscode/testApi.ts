// What host tests reach inside the running extension (only when AZS_CSP_TEST=1): the services themselves, and a
// scripted UserInput so prompts are answered by the test and an unexpected prompt fails it at once.
import type * as vscode from 'vscode';
import type { AuthorityConfirmations } from './account/authorities';
import type { AzureSession } from './account/session';
import type { LintDiagnostics } from './diagnostics';
import type { ReportRun } from './usage/commands';
import type { ScriptedUserInput } from './infrastructure/ui';
import type { TreeNode } from './tree/nodes';
import type { RegistrationsTreeProvider } from './tree/provider';

export interface TestApi {
  session: AzureSession;
  /** The sign-in hosts the user confirmed (a test forgets one to see the first sign-in ask again). */
  authorities: AuthorityConfirmations;
  tree: RegistrationsTreeProvider;
  view: vscode.TreeView<TreeNode>;
  lint: LintDiagnostics;
  /** From the first line of the bundle running to the end of activate(): what activation costs the host. */
  activationMs: number;
  /** The usage report shown last, with what its page was given. */
  lastReport(): ReportRun | undefined;
  /** Replaces the real prompts with a scripted UserInput for the rest of the session. */
  useScriptedInput(): ScriptedUserInput;
  /** Puts the real prompts back (for screenshots of them). */
  useRealInput(): void;
}
