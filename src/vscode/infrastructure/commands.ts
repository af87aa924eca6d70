// One boundary for every command: the disposable is kept, a cancelled prompt ends quietly, and any other failure
// is logged in full and shown as one line with a "Show Log" action.
import * as vscode from 'vscode';
import type { Logger } from './logger';
import { UserCancelledError, type UserInput } from './ui';

/** An error whose message is already written for the user (localised, says what to do). */
export class UserFacingError extends Error {
  /** `action`: a button that fixes the cause, e.g. Sign In, shown before Show Log. */
  constructor(message: string, readonly detail?: string, readonly action?: { title: string; command: string }) {
    super(message);
  }
}

export interface CommandDeps {
  log: Logger;
  ui: () => UserInput;
}

export type CommandHandler = (...args: unknown[]) => unknown;

export function isCancellation(error: unknown): boolean {
  return error instanceof UserCancelledError
    || error instanceof vscode.CancellationError
    || (error instanceof Error && (error.name === 'AbortError' || (error as { kind?: string }).kind === 'cancelled'));
}

/** The one-line message a user sees for a failure; the log keeps the rest. */
export function userMessage(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return vscode.l10n.t('Something went wrong: {0}', text.split('\n')[0]);
}

export async function runWithErrorHandling(id: string, deps: CommandDeps, action: () => unknown): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    if (isCancellation(error)) {
      deps.log.trace(`${id}: cancelled`);
      return undefined;
    }
    deps.log.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const showLog = vscode.l10n.t('Show Log');
    const action = error instanceof UserFacingError ? error.action : undefined;
    const buttons = action ? [action.title, showLog] : [showLog];
    void deps.ui().notify('error', userMessage(error), ...buttons).then((choice) => {
      if (choice === showLog) deps.log.show();
      else if (action && choice === action.title) void vscode.commands.executeCommand(action.command);
    });
    return undefined;
  }
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps, commands: Record<string, CommandHandler>): void {
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => runWithErrorHandling(id, deps, () => handler(...args))));
  }
}
