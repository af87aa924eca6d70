// Parse errors agree: where PowerShell's parser reports an error, one of our findings is on that line (or the file is
// reported as not linted). A broken script fails when it runs; the linter should say where.
import { LintWorkspace } from '../../../src/core/lint';
import { LineMap } from '../../../src/core/text';
import { testWasmDir } from '../../unit/core/support/wasm';
import type { Disagreement } from './compare';
import type { PsReading } from './powershell';

const uri = 'file:///oracle/script.ps1';

export async function unreportedParseErrors(text: string, reading: PsReading): Promise<Disagreement[]> {
  if (reading.errors.length === 0) return [];
  const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false });
  await workspace.update(uri, text, 'powershell');
  if (workspace.notice(uri)) return [];
  const findings = workspace.findings(uri);
  const lines = new LineMap(text);
  return reading.errors.flatMap((error): Disagreement[] => {
    const line = lines.lineOf(error.span.start);
    const onLine = findings.some((f) => lines.lineOf(f.start) <= line && line <= lines.lineOf(f.end));
    return onLine ? [] : [{ kind: 'unreported-parse-error', span: error.span, ours: 'no finding on that line', powershell: `${error.id}: ${error.message}` }];
  });
}
