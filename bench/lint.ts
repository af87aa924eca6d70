// npm run bench:lint — lint time against bare parse time, measured in the same run:
//   PowerShell: a generated 10,000-line onboarding script; lint ÷ the tree-sitter parse alone.
//   JSON: a generated ARM template of about 5 MB full of registration resources; lint ÷ one jsonc-parser visit.
//   Dense: a 1 MB script with thousands of placeholder-bearing commands (many findings); lint ÷ the parse alone.
//   Re-lint: the median time to lint again after a one-character edit of a 2,000-line script.
// Times are the fastest of several interleaved runs. The last line is one JSON object with lint_parse_ratio_ps,
// lint_parse_ratio_json, lint_parse_ratio_dense and relint_median_ms.
import { visit } from 'jsonc-parser';
import { LintWorkspace, type DocumentKind } from '../src/core/lint';
import { PowerShellParser } from '../src/core/parse/powershell';
import { denseScript } from '../test/unit/core/support/denseScript';
import { testWasmDir } from '../test/unit/core/support/wasm';

const guid = (prefix: string, n: number) => `${prefix}-${String(n).padStart(12, '0')}`;

/** A CSP onboarding script: a registration, then one block per customer that checks and adds its subscription. */
export function onboardingScript(lines: number): string {
  const out = [
    'param([string[]]$Customers = @(), [switch]$WhatIf)',
    "$subscriptionId = '3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47'",
    "$resourceGroup = 'azurestack'",
    "$registrationName = 'reg-west'",
    '$registrationId = "/subscriptions/$subscriptionId/resourceGroups/$resourceGroup/providers/Microsoft.AzureStack/registrations/$registrationName"',
    'Connect-AzAccount -Environment AzureCloud -Subscription $subscriptionId | Out-Null',
    "$cloudAdmin = Get-Credential -Message 'CloudAdmin of the privileged endpoint'",
    'Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint AzS-ERCS01 -RegistrationName $registrationName -BillingModel PayAsYouUse',
  ];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `# ---- Customer ${i}: Fabrikam ${i} ----`,
      `$customer${i} = @{`,
      `    Name           = 'Fabrikam ${i}'`,
      `    SubscriptionId = '${guid('9a1d2e3f-4b5c-4d6e-8f70', i)}'`,
      `    TenantId       = '${guid('c4e5f607-1829-4a3b-9c5d', i)}'`,
      '}',
      `function Add-Customer${i} {`,
      '    param([hashtable]$Customer)',
      '    $resourceId = "$registrationId/customerSubscriptions/$($Customer.SubscriptionId)"',
      '    $existing = Get-AzResource -ResourceId $resourceId -ApiVersion 2017-06-01 -ErrorAction SilentlyContinue',
      '    if ($existing) {',
      '        Write-Host "$($Customer.Name) is already added" -ForegroundColor Yellow',
      '        return',
      '    }',
      '    New-AzResource -ResourceId $resourceId -ApiVersion 2017-06-01 -Properties @{ tenantId = $Customer.TenantId } -Force | Out-Null',
      '    Write-Host "Added $($Customer.Name)"',
      '}',
      `if ($Customers -contains 'Fabrikam ${i}' -and -not $WhatIf) {`,
      '    try {',
      `        Add-Customer${i} -Customer $customer${i}`,
      '    } catch {',
      `        Write-Warning "Could not add Fabrikam ${i}: $_"`,
      '    }',
      '}',
    );
  }
  return out.slice(0, lines).join('\n');
}

/** An ARM template of about `size` characters: registrations of several stamps, each followed by its tenant resources. */
export function registrationTemplate(size: number): string {
  const resources: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const resource = i % 100 === 0
      ? `    {\n      "type": "Microsoft.AzureStack/registrations",\n      "apiVersion": "2017-06-01",\n      "name": "[concat(parameters('prefix'), '-${i / 100}')]",\n      "location": "global",\n      "properties": { "registrationToken": "[parameters('registrationToken')]", "billingModel": "PayAsYouUse" }\n    }`
      : `    {\n      "type": "Microsoft.AzureStack/registrations/customerSubscriptions",\n      "apiVersion": "[variables('apiVersion')]",\n      "name": "[concat(parameters('prefix'), '-${Math.floor(i / 100)}', '/', '${guid('9a1d2e3f-4b5c-4d6e-8f70', i)}')]",\n      "dependsOn": [ "[resourceId('Microsoft.AzureStack/registrations', concat(parameters('prefix'), '-${Math.floor(i / 100)}'))]" ],\n      "properties": { "tenantId": "${guid('c4e5f607-1829-4a3b-9c5d', i)}" }\n    }`;
    resources.push(resource);
    length += resource.length + 2;
  }
  return `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "prefix": { "type": "string", "defaultValue": "reg" },\n    "registrationToken": { "type": "securestring" }\n  },\n  "variables": { "apiVersion": "2017-06-01" },\n  "resources": [\n${resources.join(',\n')}\n  ]\n}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(action: () => unknown): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function lintOnce(text: string, kind: DocumentKind): Promise<number> {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
  const uri = `file:///bench/document.${kind}`;
  await workspace.update(uri, text, kind);
  return workspace.findings(uri).length;
}

/**
 * The fastest of `runs` parse and lint times, alternating the two so that load on the machine hits both alike; the
 * fastest run is the one least disturbed by other work on a shared machine.
 */
async function compare(runs: number, parse: () => unknown, lint: () => Promise<unknown>): Promise<{ parse: number; lint: number }> {
  const parses: number[] = [];
  const lints: number[] = [];
  for (let i = 0; i < runs; i++) {
    parses.push(await time(parse));
    lints.push(await time(lint));
  }
  return { parse: Math.min(...parses), lint: Math.min(...lints) };
}

async function relint(lines: number, edits: number): Promise<number> {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
  const uri = 'file:///bench/edited.ps1';
  let text = onboardingScript(lines);
  await workspace.update(uri, text, 'powershell');
  workspace.findings(uri);
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const at = text.indexOf('\n', Math.floor(((i * 7919) % 997) / 997 * text.length)) + 1;
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    times.push(await time(async () => {
      await workspace.update(uri, text, 'powershell', [{ start: at, end: at, text: 'x' }]);
      workspace.findings(uri);
    }));
  }
  return median(times);
}

async function main(): Promise<void> {
  const script = onboardingScript(10_000);
  const template = registrationTemplate(5_000_000);
  const parser = await PowerShellParser.load(testWasmDir());
  const parse = () => parser.parse(script)?.delete();
  console.log(`PowerShell: ${script.split('\n').length} lines, ${script.length} characters; template: ${(template.length / 1e6).toFixed(2)} MB`);
  // Warm up: V8 moves the grammar's hot functions to its optimizing tier during the first parses.
  for (let i = 0; i < 4; i++) {
    parse();
    await lintOnce(script, 'powershell');
    visit(template, {});
    await lintOnce(template, 'json');
  }
  const ps = await compare(9, parse, () => lintOnce(script, 'powershell'));
  console.log(`PowerShell: parse ${ps.parse.toFixed(0)} ms, lint ${ps.lint.toFixed(0)} ms (${await lintOnce(script, 'powershell')} findings)`);
  const json = await compare(9, () => visit(template, {}), () => lintOnce(template, 'json'));
  console.log(`JSON: visit ${json.parse.toFixed(0)} ms, lint ${json.lint.toFixed(0)} ms (${await lintOnce(template, 'json')} findings)`);
  const dense = denseScript(1_000_000);
  const parseDense = () => parser.parse(dense)?.delete();
  for (let i = 0; i < 2; i++) {
    parseDense();
    await lintOnce(dense, 'powershell');
  }
  const denseTimes = await compare(5, parseDense, () => lintOnce(dense, 'powershell'));
  console.log(`dense 1 MB script: parse ${denseTimes.parse.toFixed(0)} ms, lint ${denseTimes.lint.toFixed(0)} ms (${await lintOnce(dense, 'powershell')} findings)`);
  const relintMs = await relint(2_000, 41);
  console.log(`re-lint after a one-character edit of a 2,000-line script: median ${relintMs.toFixed(1)} ms`);
  console.log(JSON.stringify({
    lint_parse_ratio_ps: Number((ps.lint / ps.parse).toFixed(2)),
    lint_parse_ratio_json: Number((json.lint / json.parse).toFixed(2)),
    lint_parse_ratio_dense: Number((denseTimes.lint / denseTimes.parse).toFixed(2)),
    relint_median_ms: Number(relintMs.toFixed(1)),
  }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
