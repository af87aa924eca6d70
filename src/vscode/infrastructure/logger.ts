// One log channel for the extension (Output → "Azure Stack Hub CSP Tools"); every line passes through redact(),
// so no token, secret or password reaches it, whatever a caller hands in.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';

export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  show(): void;
  /** Values (client secrets, passwords) that must never appear in the log, even outside a known pattern. */
  addSecret(value: string): void;
}

export function createLogger(channel: vscode.LogOutputChannel): Logger {
  const secrets: string[] = [];
  const clean = (message: string) => redact(message, secrets);
  return {
    trace: (message) => channel.trace(clean(message)),
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message instanceof Error ? (message.stack ?? message.message) : message)),
    show: () => channel.show(true),
    addSecret: (value) => {
      if (value && !secrets.includes(value)) secrets.push(value);
    },
  };
}
