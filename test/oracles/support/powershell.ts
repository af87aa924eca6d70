// PowerShell 7 as a reference: one `pwsh` process running ast.ps1 answers every question of a test run, and one
// running run.ps1 runs every script of the prediction test (it takes a second or two to start, so never one per
// script). Setup installs it as a local .NET tool (scripts/lib/setup.mjs), and `npm test` passes its path in AZS_PWSH.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../unit/core/support/wasm';

export interface PsSpan {
  start: number;
  end: number;
}

/** A command argument (or a colon-bound parameter value) as PowerShell reads it. */
export interface PsElement {
  /** The AST type without "Ast": StringConstantExpression, ExpandableStringExpression, VariableExpression, Parameter, … */
  type: string;
  span: PsSpan;
  /** BareWord, SingleQuoted, DoubleQuoted, SingleQuotedHereString, DoubleQuotedHereString. */
  stringKind?: string;
  /** A constant string's value. */
  value?: string;
  /** An expandable string's text with `{0}`, `{1}` … for its nested expressions (and `{{`, `}}` for braces). */
  format?: string;
  nested?: PsSpan[];
  variable?: string;
  splatted?: boolean;
  /** A parameter's name, without the dash and colon; its span is then the `-Name:` token only. */
  name?: string;
  argument?: PsElement;
}

export interface PsCommand {
  /** Null when the command is not called by name (`& $block`). */
  name: string | null;
  span: PsSpan;
  nameSpan: PsSpan;
  elements: PsElement[];
}

export interface PsBinding {
  kind: 'assignment' | 'foreach' | 'parameter';
  /** As written after the `$`, with any scope (`script:name`). */
  name: string;
  /** Where its `$` is. */
  at: number;
  /** `=`, `+=`, … for assignments. */
  operator?: string;
  rhs?: PsSpan;
}

export interface PsError {
  id: string;
  span: PsSpan;
  message: string;
  incomplete: boolean;
}

export interface PsReading {
  errors: PsError[];
  commands: PsCommand[];
  bindings: PsBinding[];
  /** Where each block's or hashtable's `{` (open) and `}` is, in the order of the text: the braces PowerShell pairs. */
  braces: { open: boolean; at: number }[];
}

/** The pwsh that setup installed, or the one AZS_PWSH names; undefined when neither is there. */
export function pwshPath(): string | undefined {
  return process.env.AZS_PWSH || undefined;
}

/**
 * A long-running `pwsh` that runs one of this folder's scripts and answers each line of JSON it is sent with one line
 * of JSON, in order.
 */
export class PwshProcess {
  private readonly answers: ((line: string) => void)[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.answers.shift()?.(line));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Starts test/oracles/`script` with `pwsh`; `env` is added to this process's environment. */
  static start(pwsh: string, script: string, env: Record<string, string> = {}): PwshProcess {
    const child = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'test/oracles', script)], {
      // No telemetry or update check: they would reach for the network.
      env: { ...process.env, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', DOTNET_CLI_TELEMETRY_OPTOUT: '1', ...env },
    });
    return new PwshProcess(child);
  }

  ask<T>(request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const exited = () => reject(new Error(`pwsh stopped: ${this.stderr.trim() || 'no message'}`));
      this.child.once('exit', exited);
      this.answers.push((line) => {
        this.child.off('exit', exited);
        try {
          resolve(JSON.parse(line) as T);
        } catch {
          reject(new Error(`pwsh answered what is not JSON: ${line.slice(0, 200)} ${this.stderr}`));
        }
      });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Ends the process: it stops when its input closes. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

/** PowerShell's parser as a reference (ast.ps1). */
export class PowerShellOracle {
  private constructor(private readonly process: PwshProcess) {}

  static start(pwsh: string): PowerShellOracle {
    return new PowerShellOracle(PwshProcess.start(pwsh, 'ast.ps1'));
  }

  /** What PowerShell's parser reads in each text, in order. */
  read(texts: readonly string[]): Promise<PsReading[]> {
    return this.process.ask<PsReading[]>(texts);
  }

  async readOne(text: string): Promise<PsReading> {
    return (await this.read([text]))[0];
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
