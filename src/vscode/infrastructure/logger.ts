// One log channel for the extension (Output → "Azure Stack Hub CSP Tools"); every line passes through the secret
// mask, so no token, secret or password reaches it, whatever a caller hands in. The same mask cleans what the user
// is shown (see redactingInput in ui.ts).
import * as vscode from 'vscode';
import { SecretMask } from '../../core/redact';

export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  show(): void;
  /** Values (client secrets, passwords, certificates) that must never appear in the log or a message, even outside a known pattern. */
  addSecret(value: string | undefined): void;
  /** `text` with every registered secret and every secret-shaped part masked: for anything shown to the user. */
  readonly redact: (text: string) => string;
}

export function createLogger(channel: vscode.LogOutputChannel, mask = new SecretMask()): Logger {
  const clean = (message: string) => mask.clean(message);
  return {
    trace: (message) => channel.trace(clean(message)),
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message instanceof Error ? (message.stack ?? message.message) : message)),
    show: () => channel.show(true),
    addSecret: (value) => mask.add(value),
    redact: clean,
  };
}
