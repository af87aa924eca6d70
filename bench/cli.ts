// npm run bench:cli — azs-lint on 1,000 files against node start + parse, measured in the same run:
//   CLI: `node dist/cli.js <folder> --format json` on 1,000 generated files of a few hundred lines each (PowerShell
//        onboarding scripts, ARM templates and parameter files, REST Client files, az shell scripts).
//   Baseline: `node out/bench/cliBaseline.js`, a bare process that starts, loads the PowerShell parser and parses the
//        same files (tree-sitter for .ps1, a jsonc-parser visit for .json, reading the others).
// The two alternate, run after run, so that load on the machine hits both alike; each figure is the fastest of the
// runs (the one least disturbed by other work on a shared machine), medians are printed beside them. The last line is
// one JSON object with cli_ratio, cli_ms and cli_baseline_ms. Target: cli_ratio ≤ 2.
//   npm run bench:cli [-- --runs 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { onboardingScript, registrationTemplate } from './lint';

const root = resolve(__dirname, '..', '..');
const dist = join(root, 'dist');
const fileCount = 1000;

const guid = (prefix: string, n: number) => `${prefix}-${String(n).padStart(12, '0')}`;
const subscription = '3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47';
const registration = (n: number) => `/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg-${n}`;

/** A REST Client file: file variables, then a GET, a PUT with a body and a DELETE per customer. */
function requestsFile(n: number, lines: number): string {
  const out = ['@arm = https://management.azure.com', `@registration = ${registration(n)}`, '@token = {{$aadToken}}', ''];
  for (let i = 1; out.length < lines; i++) {
    const customer = guid('9a1d2e3f-4b5c-4d6e-8f70', i);
    out.push(
      `### Customer ${i}: is it added?`,
      `GET {{arm}}{{registration}}/customerSubscriptions/${customer}?api-version=2017-06-01`,
      'Authorization: Bearer {{token}}', '',
      `### Add customer ${i}`,
      `PUT {{arm}}{{registration}}/customerSubscriptions/${customer}?api-version=2017-06-01`,
      'Authorization: Bearer {{token}}', 'Content-Type: application/json', '',
      `{ "properties": { "tenantId": "${guid('c4e5f607-1829-4a3b-9c5d', i)}" } }`, '',
      `### Remove customer ${i} at the end of the contract`,
      `DELETE {{arm}}{{registration}}/customerSubscriptions/${customer}?api-version=${i % 50 === 0 ? '2016-01-01' : '2017-06-01'}`,
      'Authorization: Bearer {{token}}', '',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** An az CLI script that adds one customer after another with `az rest`. */
function shellScript(n: number, lines: number): string {
  const out = [
    '#!/usr/bin/env bash', 'set -euo pipefail', `SUBSCRIPTION=${subscription}`, 'RESOURCE_GROUP=azurestack', `REGISTRATION=reg-${n}`,
    'BASE="https://management.azure.com/subscriptions/$SUBSCRIPTION/resourceGroups/$RESOURCE_GROUP/providers/Microsoft.AzureStack/registrations/$REGISTRATION"',
    'az login --service-principal -u "$AZ_CLIENT_ID" -p "$AZ_CLIENT_SECRET" --tenant "$AZ_TENANT" > /dev/null',
  ];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `# customer ${i}`,
      `CUSTOMER_${i}=${guid('9a1d2e3f-4b5c-4d6e-8f70', i)}`,
      `if ! az rest --method get --url "$BASE/customerSubscriptions/$CUSTOMER_${i}?api-version=2017-06-01" > /dev/null 2>&1; then`,
      '  az rest --method put \\',
      `    --url "$BASE/customerSubscriptions/$CUSTOMER_${i}?api-version=2017-06-01" \\`,
      `    --body '{"properties": {"tenantId": "${guid('c4e5f607-1829-4a3b-9c5d', i)}"}}'`,
      'fi',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

function parameterFile(n: number): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: { prefix: { value: `reg-${n}` }, registrationToken: { value: 'eyJDbG91ZElkIjoiZXhhbXBsZSJ9' } },
  }, null, 2);
}

/**
 * 1,000 files of a few hundred lines, as a CSP's repository of 50 stamps might hold them: per stamp 20 files, 40 %
 * PowerShell onboarding scripts that register the stamp and add tenants, 30 % ARM templates and parameter files, 15 %
 * each REST Client files and az scripts that add tenants to the stamp's registration.
 */
export function writeFiles(folder: string): { files: number; characters: number } {
  let characters = 0;
  const write = (name: string, text: string) => {
    writeFileSync(join(folder, name), text);
    characters += text.length;
  };
  for (let n = 0; n < fileCount; n++) {
    const lines = 200 + ((n * 37) % 200);
    const kind = n % 20;
    const stamp = Math.floor(n / 20);
    const id = String(n).padStart(4, '0');
    if (kind < 8) write(`onboard-${id}.ps1`, onboardingScript(lines).replace(/reg-west/g, `reg-${stamp}`));
    else if (kind < 12) write(`azuredeploy-${id}.json`, registrationTemplate(lines * 45));
    else if (kind < 14) write(`azuredeploy-${id}.parameters.json`, parameterFile(stamp));
    else if (kind < 17) write(`tenants-${id}.http`, requestsFile(stamp, lines));
    else write(`add-tenants-${id}.sh`, shellScript(stamp, lines));
  }
  return { files: fileCount, characters };
}

interface Timed {
  ms: number;
  stdout: string;
}

function timedRun(args: string[]): Timed {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited with ${String(run.status)}: ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  const folder = mkdtempSync(join(tmpdir(), 'azs-bench-cli-'));
  try {
    const { files, characters } = writeFiles(folder);
    console.log(`${files} files, ${(characters / 1e6).toFixed(1)} million characters, in ${folder}`);
    const cli = () => timedRun([join(dist, 'cli.js'), folder, '--format', 'json']);
    const baseline = () => timedRun([join(root, 'out/bench/cliBaseline.js'), dist, folder]);
    const findings = (JSON.parse(cli().stdout) as unknown[]).length; // also warms the file cache
    baseline();
    const cliTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      baselineTimes.push(baseline().ms);
      cliTimes.push(cli().ms);
    }
    const cliMs = Math.min(...cliTimes);
    const baselineMs = Math.min(...baselineTimes);
    console.log(`baseline (node start + parse): fastest ${baselineMs.toFixed(0)} ms, median ${median(baselineTimes).toFixed(0)} ms of ${runs}`);
    console.log(`azs-lint --format json: fastest ${cliMs.toFixed(0)} ms, median ${median(cliTimes).toFixed(0)} ms of ${runs} (${findings} findings)`);
    console.log(`ratio (fastest ÷ fastest): ${(cliMs / baselineMs).toFixed(2)} (target ≤ 2); medians: ${(median(cliTimes) / median(baselineTimes)).toFixed(2)}`);
    console.log(JSON.stringify({ cli_ratio: Number((cliMs / baselineMs).toFixed(2)), cli_ms: Math.round(cliMs), cli_baseline_ms: Math.round(baselineMs) }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) main();
