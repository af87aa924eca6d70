// AZS105 says where PowerShell splits a command that was meant to go on: PowerShell's own parser agrees. For each
// finding, on the real-world fixtures, the rule's page and a few scripts written here: after a backtick with a blank,
// no command of PowerShell's runs on past the line break and one starts on the next line; a line that starts with a
// parameter is the start of a command of its own.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../../src/core/encoding';
import { LintWorkspace, type Finding } from '../../src/core/lint';
import { repoRoot, testWasmDir } from '../unit/core/support/wasm';
import { powerShellExamples } from './support/corpus';
import { PowerShellOracle, pwshPath, type PsReading } from './support/powershell';

const written = [
  'New-AzResource -ResourceId "/subscriptions/x/providers/Microsoft.AzureStack/registrations/r/customerSubscriptions/c" ` \n  -ApiVersion 2017-06-01\n',
  'Set-AzsRegistration -PrivilegedEndpoint AzS-ERCS01 `\u00A0\t\r\n  -RegistrationName reg1\r\n',
  'Get-AzResource -ResourceType Microsoft.AzureStack/registrations\n    -ResourceGroupName azurestack\n    -ExpandProperties\n',
  'Connect-AzAccount -Environment AzureStackAdmin\r\u2013TenantId $azsTenant\r',
];

function scripts(): { name: string; text: string }[] {
  const folder = join(repoRoot, 'test/fixtures/realworld/ps');
  const fixtures = readdirSync(folder).filter((name) => name.endsWith('.ps1')).map((name) => ({ name, text: decode(readFileSync(join(folder, name))).text }));
  const page = powerShellExamples(readFileSync(join(repoRoot, 'docs/rules/AZS105.md'), 'utf8')).map((text, i) => ({ name: `AZS105.md example ${i + 1}`, text }));
  return [...fixtures, ...page, ...written.map((text, i) => ({ name: `script ${i + 1}`, text }))];
}

async function lostContinuations(text: string): Promise<Finding[]> {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false, rules: { 'AZS*': 'off', AZS105: 'error' } });
  await workspace.update('file:///oracle/script.ps1', text, 'powershell');
  return workspace.findings('file:///oracle/script.ps1');
}

/** What PowerShell does not do at the finding, if anything. */
function disagreement(text: string, finding: Finding, reading: PsReading): string | undefined {
  const starts = (offset: number) => reading.commands.some((c) => c.nameSpan.start === offset);
  if (finding.message.startsWith('The line before')) return starts(finding.start) ? undefined : 'no command starts at the parameter';
  const lineBreak = finding.end;
  if (reading.commands.some((c) => c.span.start < lineBreak && c.span.end > lineBreak)) return 'a command runs on past the line break';
  const next = /[^\s]/.exec(text.slice(lineBreak));
  return next && starts(lineBreak + next.index) ? undefined : 'no command starts on the next line';
}

const describeWithPwsh = pwshPath() ? describe : describe.skip;

describeWithPwsh('PowerShell oracle: a lost continuation (AZS105) splits the command where the finding says', function () {
  this.timeout(120_000);
  let oracle: PowerShellOracle;
  before(() => {
    oracle = PowerShellOracle.start(pwshPath() as string);
  });
  after(() => oracle.stop());

  it('agrees at every finding', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const script of scripts()) {
      const findings = await lostContinuations(script.text);
      if (findings.length === 0) continue;
      const reading = await oracle.readOne(script.text);
      for (const finding of findings) {
        checked++;
        const problem = disagreement(script.text, finding, reading);
        if (problem) problems.push(`${script.name} at ${finding.start}: ${problem}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 8, `${checked} findings checked`);
  });
});
