// npm run bench:bounds — linear time on the inputs that once took seconds, minutes or hours (found by fuzzing and by
// users): each case is timed at n and at 2n characters, and the ratio t(2n) ÷ t(n) is printed. Linear work doubles
// (≈ 2); quadratic work quadruples (≈ 4). These were wall-clock limits in the unit tests, which failed on a busy
// machine; the tests keep what the code must answer for these inputs. Each time is the fastest of many runs, n and 2n
// alternating, each run's CPU time (process.cpuUsage) taken alone: at least 9 of each, and as many as take a second
// of CPU (≈ 900 of a case of 1 ms). The fastest of 5 wall-clock batches of 20 ms read 1.0–3.0 for a linear case of
// 1 ms at 2n, and CPU-timed batches of 50 ms 1.9–2.6; the fastest run reads 1.98–2.13 for it, process after process.
// The last line is one JSON object: linear_doubling_worst, and that case's name and CPU time at 2n.
// Arguments choose cases by a word of their names.
import { cloudIdLookupFix } from '../src/core/fixes';
import { parseRegistrationId, repairGuid } from '../src/core/ids';
import { LintWorkspace, type DocumentKind, type Finding, type LiveData } from '../src/core/lint';
import { ruleCodes, type RuleCode } from '../src/core/rules/rule';
import { httpFacts } from '../src/core/parse/http';
import { PowerShellParser, powerShellFacts } from '../src/core/parse/powershell';
import { pairBraces } from '../src/core/parse/psBraces';
import { denseScript } from '../test/unit/core/support/denseScript';
import { testWasmDir } from '../test/unit/core/support/wasm';

const registrationId = '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1';

async function lint(text: string, kind: DocumentKind, encoding?: string, live?: LiveData): Promise<Finding[]> {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false });
  if (live) workspace.configure({ live });
  await workspace.update('file:///bench/bounds', text, kind, undefined, encoding);
  return workspace.findings('file:///bench/bounds');
}

/** The reader's facts of a script, without the rules (whose findings here grow with the placeholders). */
async function powerShellFactsOf(text: string): Promise<unknown> {
  const tree = (await PowerShellParser.load(testWasmDir())).parse(text);
  try {
    return tree && powerShellFacts(text, tree);
  } finally {
    tree?.delete();
  }
}

/** How a level of a deeply nested script opens and closes: the blocks of PowerShell the reader tells apart. */
const nestedKinds: [open: string, close: string][] = [
  ['function F {', '}'], ['if ($x) {', '}'], ['foreach ($i in $x) {', '}'], ['$x | ForEach-Object {', '}'], ['& {', '}'],
  ['try {', '} catch { Write-Host failed }'], ['switch ($x) { a {', '} }'],
];

/** Level `i` of a nested script: a block that assigns a placeholder, suppresses a finding, switches to the stamp and calls it. */
const nestedLevel = (i: number) => [
  nestedKinds[i % nestedKinds.length][0], `$name = '<in ${i}>'`, '# azs-disable-next-line AZS102', `Write-Host "registrations/<shown ${i}>"`,
  'Connect-AzAccount -Environment AzureStackAdmin', `Get-AzResource -ResourceId "${registrationId}$name"`,
].join('\n');

interface Case {
  name: string;
  /** `n`: the size of the pathological part, in characters or repetitions. */
  n: number;
  /** The input of size `n`, made before the clock starts. */
  input(n: number): string;
  run(input: string): unknown;
}

const blanksLine = (n: number) => {
  const blanks = ' '.repeat(n);
  return [`@name =${blanks}reg1`, `PUT https://management.azure.com${registrationId}/customerSubscriptions/x?api-version=2017-06-01${blanks}HTTP/1.1${blanks}`, '###', `GET {{${blanks}name${blanks}x`].join('\n');
};

const guid = (i: number) => `3b0c9d2e-6a41-4f7e-9d15-${(0x8c2e4a6b1f37 + i).toString(16).padStart(12, '0')}`;
const group = () => `/subscriptions/${guid(0)}/resourceGroups/azurestack/providers/Microsoft.AzureStack`;
const addTenant = (registration: string, customer: string, tenant = guid(1), apiVersion = '2017-06-01') =>
  `New-AzResource -ResourceId "${group()}/registrations/${registration}/customerSubscriptions/${customer}" -ApiVersion ${apiVersion} -Properties @{ tenantId = '${tenant}' }`;
const register = (name: string, billing = 'PayAsYouUse') => `Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName ${name} -BillingModel ${billing}`;
/** What Azure says in the live rules' cases: every registration absent, Capacity, or present with every tenant absent or present. */
const liveAnswers = (registration: ReturnType<LiveData['registration']>, tenant: ReturnType<LiveData['tenant']>): LiveData => ({ registration: () => registration, tenant: () => tenant });

interface RuleCase {
  kind: DocumentKind;
  /** The `i`th of n lines (or short runs of lines) that each make the rule report once; each differs from the others. */
  line(i: number): string;
  encoding?: string;
  live?: LiveData;
}

/** For every rule, a file where it reports on each of its n lines: no rule may work quadratically over its findings. */
const ruleCases: Record<RuleCode, RuleCase> = {
  AZS101: { kind: 'powershell', line: (i) => `Get-AzResource -ResourceId "${group()}/registration/reg${i}"` },
  AZS102: { kind: 'powershell', line: (i) => `Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint <ERCS VM ${i}>` },
  AZS103: { kind: 'powershell', line: (i) => `${register(`reg${i}`)}\n${addTenant(`other${i}`, guid(i))}` },
  AZS104: { kind: 'powershell', line: (i) => `Set-AzsRegistration -RegistrationName reg${i}` },
  AZS105: { kind: 'powershell', line: (i) => `Get-AzResource -Name reg${i}\n  -ResourceGroupName azurestack` },
  AZS106: { kind: 'powershell', line: (i) => `Connect-AzAccount -Environment AzureStackAdmin\nGet-AzResource -ResourceId "${group()}/registrations/reg${i}/customerSubscriptions"` },
  AZS107: { kind: 'powershell', line: (i) => `Get-AzResource \u2013Name \u201Creg${i}\u201D`, encoding: 'utf8' },
  AZS201: { kind: 'powershell', line: (i) => addTenant('reg1', `customer-${i}`) },
  AZS202: { kind: 'powershell', line: (i) => addTenant('reg1', guid(i), `tenant-${i}`) },
  AZS301: { kind: 'powershell', line: (i) => `${register(`reg${i}`, `Capacity -AgreementNumber ${i} -MsAssetTag x`)}\n${addTenant(`reg${i}`, guid(i))}` },
  AZS302: { kind: 'powershell', line: (i) => register(`reg${i}`, 'Capacity') },
  AZS303: { kind: 'powershell', line: (i) => register(`reg${i}`, `Monthly${i}`) },
  AZS401: { kind: 'powershell', line: (i) => addTenant('reg1', guid(i), guid(1), '2015-01-01') },
  AZS402: { kind: 'powershell', line: (i) => `Login-AzureRmAccount -TenantId ${guid(i)}` },
  AZS501: { kind: 'powershell', line: (i) => addTenant(`reg${i}`, guid(i)) },
  AZS601: { kind: 'powershell', line: (i) => addTenant(`reg${i}`, guid(i)), live: liveAnswers('absent', undefined) },
  AZS602: { kind: 'powershell', line: (i) => addTenant(`reg${i}`, guid(i)), live: liveAnswers({ billingModel: 'Capacity' }, undefined) },
  AZS603: { kind: 'powershell', line: (i) => `Remove-AzResource -ResourceId "${group()}/registrations/reg${i}/customerSubscriptions/${guid(i)}" -ApiVersion 2017-06-01 -Force`, live: liveAnswers({ billingModel: 'PayAsYouUse' }, 'absent') },
  AZS604: { kind: 'powershell', line: (i) => addTenant(`reg${i}`, guid(i)), live: liveAnswers({ billingModel: 'PayAsYouUse' }, 'present') },
  AZS701: { kind: 'powershell', line: (i) => `$password = ConvertTo-SecureString 'Secret-${i}!' -AsPlainText -Force` },
};

const ruleCaseInput = (item: RuleCase) => (n: number) => `# AzureStack\n${Array.from({ length: n }, (_, i) => item.line(i)).join('\n')}\n`;

/** Fails the bench when a rule's case does not make it report on its lines: it would time nothing. */
async function checkRuleCases(): Promise<void> {
  for (const code of ruleCodes) {
    const item = ruleCases[code];
    const found = (await lint(ruleCaseInput(item)(10), item.kind, item.encoding, item.live)).filter((f) => f.code === code);
    if (found.length === 0) throw new Error(`${code}'s bounds case makes it report nothing`);
  }
}

const cases: Case[] = [
  { name: 'resource ID with runs of slashes', n: 100_000, input: (n) => `${'/'.repeat(n)}${registrationId.slice(1)}${'/'.repeat(n)}`, run: parseRegistrationId },
  { name: 'GUID repair of a huge braced value', n: 150_000, input: (n) => `{x${' '.repeat(n)}x}`, run: repairGuid },
  { name: 'REST Client file with long runs of blanks', n: 100_000, input: blanksLine, run: httpFacts },
  // Whether a # after a token starts a comment depends on the mode and on how the token starts, read once where it
  // starts: a bare word's # are its own to its end, and a variable's members are read up to the token after them.
  { name: 'PowerShell braces: one word of n ]#', n: 400_000, input: (n) => `Write-Host ${'b]#'.repeat(n)}`, run: pairBraces },
  { name: 'PowerShell braces: one word of n $a+b#', n: 400_000, input: (n) => `Write-Host ${'$a+b#'.repeat(n)}`, run: pairBraces },
  { name: 'PowerShell braces: n words $a.b[0]:c#d', n: 200_000, input: (n) => `Write-Host ${'$a.b[0]:c#d '.repeat(n)}`, run: pairBraces },
  // Statements, commands and expressions by turns: each `(`, `{` and `@{` keeps the mode around it, each token's kind is read once.
  {
    name: 'PowerShell braces: n lines switching between argument and expression mode', n: 20_000,
    input: (n) => '$x = !$a#c\nWrite-Host -x:$a.b[0]+c#d (1).y a,$b#e -f#g @{ k = b#h } { $_ }; $y = $a.b#i\n'.repeat(n), run: pairBraces,
  },
  // Indexes with blanks read to their `]`, strings' members, stop-parsing to the line's end, labels and a switch's block on a new line.
  {
    name: 'PowerShell braces: n lines of indexes, string members, --%, labels and switches', n: 40_000,
    input: (n) => "Write-Host $a[$i + 1].b#c 'a'.$b[ 0 ].'c'#d\nWrite-Host --% \"a | b\" { 1 } | break outer#e { 2 }\nswitch ($a)\n{ 0b1#f { 3 } }\n".repeat(n),
    run: pairBraces,
  },
  {
    name: 'CloudDeploymentID lookup after a long comment header', n: 25_000,
    input: (n) => `${'# note\n    \n'.repeat(n)}New-AzResource -ResourceId $id\n`,
    run: (text) => cloudIdLookupFix({ uri: 'file:///bench/a.ps1', text, kind: 'powershell' }, { name: 'hub-payg' }, text.indexOf('New-AzResource')),
  },
  { name: 'PowerShell: one line of 1 MB', n: 27_500, input: (n) => `Get-AzResource -ResourceId "${registrationId}" ${"-Tag @{ a = 'b' } ".repeat(n)}`, run: (text) => lint(text, 'powershell') },
  {
    // The reader asks about a string read from its command's text at each placeholder or registration match in it.
    name: 'PowerShell facts: one argument string full of placeholders and variables', n: 20_000,
    input: (n) => `$x = 'v'\nGet-AzResource -ResourceId "${'<a b> $x registrations/ '.repeat(n)}" -Force`, run: powerShellFactsOf,
  },
  {
    // A variable's name in braces is read within 256 characters: followed through the text, each unclosed `${`
    // looked as far as the next `}`.
    name: 'PowerShell facts: an unclosed ${ on every line', n: 2_000,
    input: (n) => 'Set-AzsRegistration -RegistrationName a${b -ResourceGroupName x\n'.repeat(n), run: powerShellFactsOf,
  },
  {
    // Names cut from the text are shared by their length and first and last characters, a variable's lower-case name
    // once per name, and the commands read from lines are handed out in order: thousands of distinct names.
    name: 'PowerShell facts: a variable of its own on every line, used on the next', n: 5_000,
    input: (n) => Array.from({ length: n }, (_, i) => `$Name${i} = '<x ${i}>'\nSet-AzsRegistration -RegistrationName $Name${i} -Tag${'x'.repeat(i % 60)} x\n`).join(''),
    run: powerShellFactsOf,
  },
  {
    // One variable assigned on every line and used on the next: each use finds the last assignment before it by a binary
    // search, and whether all its assignments are simple statements of the script is worked out once.
    name: 'PowerShell facts: one variable assigned again on every line, used on the next', n: 8_000,
    input: (n) => Array.from({ length: n }, (_, i) => `$Name = '<x ${i % 5}>'\nSet-AzsRegistration -RegistrationName $Name\n`).join(''),
    run: powerShellFactsOf,
  },
  {
    // Each Register-AzsEnvironment takes the billing model of the file's token requests: worked out once per file, not
    // once per call.
    name: 'PowerShell facts: Register-AzsEnvironment on every line', n: 4_000,
    input: (n) => `Get-AzsRegistrationToken -BillingModel Capacity\n${'Register-AzsEnvironment -RegistrationName r -ResourceGroupName rg\n'.repeat(n)}`, run: powerShellFactsOf,
  },
  { name: 'JSON: one line of 1 MB', n: 4_500, input: (n) => `{"value": [${Array.from({ length: n }, () => `{"id": "${registrationId}"}`).join(',')}]}`, run: (text) => lint(text, 'json') },
  // The finding's place is found through every level (the position scan keeps the open levels in an array).
  { name: 'JSON nested 2,000 deep', n: 1_000, input: (n) => `{"id": "${registrationId}/x", "x": ${'['.repeat(n)}${']'.repeat(n)}}`, run: (text) => lint(text, 'json') },
  // Each level's ID placed from its container's place (once quadratic), and read at every level however deep (once
  // only as deep as the stack took the position scan).
  {
    name: 'JSON nested n deep with a registration ID with a placeholder at every level', n: 4_000,
    input: (n) => `${Array.from({ length: n }, (_, i) => `{"id": "${group()}/registrations/reg${i}/customerSubscriptions/<customer ${i}>", "c": `).join('')}1${'}'.repeat(n)}`,
    run: (text) => lint(text, 'json'),
  },
  // Each child's full type and name are its parent's and its own: the type was once lowered and compared letter by
  // letter at every level, and the name's parts made anew for each parent.
  {
    name: 'ARM template: child resources nested n deep under a registration, and a registration at the bottom', n: 500,
    input: (n) => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [${Array.from({ length: n }, (_, i) => `{"type": "${i === 0 ? 'Microsoft.AzureStack/registrations' : `child${i}`}", "name": "n${i}", "apiVersion": "2022-06-01", "resources": [`).join('')}{"type": "Microsoft.AzureStack/registrations", "name": "<registration-name>"}${']}'.repeat(n)}]}`,
    run: (text) => lint(text, 'json'),
  },
  // Read by recursion, deployments nested 1,000 deep ran out of stack: the resources are read from a stack of open
  // lists, a name a template does not declare is looked up outward in a loop, and the positions of a name passed down
  // n deployments are worked out innermost first.
  {
    name: 'ARM template: deployments nested n deep, each passing a placeholder name down to a registration at the bottom', n: 250,
    input: (n) => {
      let resources = '[{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2022-06-01", "name": "[parameters(\'regName\')]"}]';
      for (let i = 0; i < n; i++) {
        resources = `[{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "[concat('d', parameters('suffix'))]", "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "parameters": {"regName": {"value": "[parameters('regName')]"}}, "template": {"parameters": {"regName": {"type": "string"}}, "resources": ${resources}}}}]`;
      }
      return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "parameters": {"regName": {"type": "string", "defaultValue": "<registration-name>"}, "suffix": {"type": "string", "defaultValue": "x"}}, "resources": ${resources}}`;
    },
    run: (text) => lint(text, 'json'),
  },
  // Thousands of placeholders and of requests: AZS102 asked each request about each placeholder, AZS103 compared each
  // unmatched request with each declaration, and the reader looked for a variable's uses from each assignment on.
  { name: 'dense script: placeholders, requests, declarations', n: 60_000, input: denseScript, run: (text) => lint(text, 'powershell') },
  // AZS105, AZS107 and AZS106 on dense scripts: every line a lost continuation, a typographic dash, a sign-in and a call.
  {
    name: 'PowerShell: lost continuations on every line', n: 5_000,
    input: (n) => `# AzureStack\n${'New-AzResource -ResourceId $id ` \n  -Force\nGet-AzResource -Name x\n  -ResourceGroupName azurestack\n'.repeat(n)}`,
    run: (text) => lint(text, 'powershell'),
  },
  {
    name: 'PowerShell: typographic characters on every line, saved without a BOM', n: 5_000,
    input: (n) => `# AzureStack\n${'Get-AzResource \u2013Name \u201Creg\u201D # Malmö\n'.repeat(n)}`,
    run: (text) => lint(text, 'powershell', 'utf8'),
  },
  {
    name: 'PowerShell: switching between the stamp and Azure before each call', n: 2_000,
    input: (n) => `${'Connect-AzAccount -Environment AzureStackAdmin\nforeach ($c in $cs) { Get-AzResource -ResourceId "$r/customerSubscriptions/$c" }\nfunction F { Connect-AzAccount }\n'.repeat(n)}`,
    run: (text) => lint(text, 'powershell'),
  },
  ...ruleCodes.map((code): Case => {
    const item = ruleCases[code];
    return { name: `${code} on every line`, n: 1_000, input: ruleCaseInput(item), run: (text) => lint(text, item.kind, item.encoding, item.live) };
  }),
  {
    name: 'shell: choosing the stamp\'s cloud before each az call', n: 2_000,
    input: (n) => `${`az cloud set -n AzureStackAdmin\naz rest --url "${registrationId}/customerSubscriptions"\nuse_azure() {\n  az cloud set -n AzureCloud\n}\n`.repeat(n)}`,
    run: (text) => lint(text, 'shell'),
  },
  { name: 'PowerShell nested 10,000 deep', n: 5_000, input: (n) => `# AzureStack\n$x = ${'('.repeat(n)}1${')'.repeat(n)}`, run: (text) => lint(text, 'powershell') },
  // Each place asked about was a descent from the root and each step up (parent) one too, through every level above
  // it: the reader walks up along a path it keeps and starts descents from the brace around the place.
  {
    name: 'PowerShell: blocks of every kind nested n deep, each assigning, switching to the stamp and calling', n: 300,
    input: (n) => `${Array.from({ length: n }, (_, i) => nestedLevel(i)).join('\n')}\n${Array.from({ length: n }, (_, i) => nestedKinds[i % nestedKinds.length][1]).reverse().join('\n')}\n`,
    run: (text) => lint(text, 'powershell'),
  },
  {
    // Which function a place is in was a walk back over every function before it that had closed.
    name: 'PowerShell facts: functions nested n deep, each assigning and calling after those inside it close', n: 1_000,
    input: (n) => `${'function F {\n'.repeat(n)}Write-Host innermost\n${Array.from({ length: n }, (_, i) => `}\n$name = '<after ${i}>'\nGet-AzResource -Name $name`).join('\n')}\n`,
    run: powerShellFactsOf,
  },
  {
    // Each call after a loop closes is asked about from the outside in: every four levels the pairs' nodes were worked
    // out from the root again, until any number of them are worked out, each from the one around it.
    name: 'PowerShell: loops nested n deep, each switching to Azure and calling after those inside it close', n: 1_000,
    input: (n) => `${'foreach ($i in $l) {\n'.repeat(n)}Connect-AzAccount -Environment AzureStackAdmin\n${Array.from({ length: n }, (_, i) => `}\nConnect-AzAccount -Environment AzureCloud\nGet-AzResource -ResourceId "${registrationId}/r${i}"`).join('\n')}\n`,
    run: (text) => lint(text, 'powershell'),
  },
  // A `}` in a string, a comment or a here-string at every level closed the level early when braces were paired by
  // counting: no pair lay around the places inside, and each descent started from the root.
  ...[['a string', "'}'"], ['a comment', '# }'], ['a here-string', "@'\n}\n'@"]].map(([where, text]): Case => ({
    name: `PowerShell facts: if blocks nested n deep, each with a } in ${where}, assigning and calling`, n: 500,
    input: (n) => `${Array.from({ length: n }, (_, i) => `if ($x) { ${text}\n$name = '<in ${i}>'\nGet-AzResource -ResourceId "${registrationId}$name"`).join('\n')}\n${'}\n'.repeat(n)}`,
    run: powerShellFactsOf,
  })),
  {
    // Unclosed, the blocks leave everything in one flat error node, whose children tree-sitter went through one by one
    // for each place: a binary search over them finds the child.
    name: 'PowerShell: n unclosed if blocks, each assigning and calling (one flat error node)', n: 2_000,
    input: (n) => Array.from({ length: n }, (_, i) => `if ($x) {\n$name = '<in ${i}>'\nGet-AzResource -ResourceId "${registrationId}$name"`).join('\n'),
    run: (text) => lint(text, 'powershell'),
  },
];

/** Each case runs at least this often at each size, and until its runs have taken `budgetMs` of CPU time. */
const minimumRuns = 9;
const budgetMs = 1_000;

/** The process's CPU time (user and system, ms) while `action` runs: unlike wall time, no wait for a core counts. */
async function cpuTime(action: () => unknown): Promise<number> {
  const started = process.cpuUsage();
  await action();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

interface Doubling {
  /** CPU ms of the fastest run at n and at 2n. */
  single: number;
  double: number;
  /** Runs at each size. */
  runs: number;
}

/**
 * The fastest of many runs at n and at 2n, alternating so that load on the machine hits both alike. The fastest, not a
 * mean: a run the scheduler, another process's use of the cache or a garbage collection slowed says nothing of the
 * case, and the work the case must do is in every run.
 */
async function doubling(item: Case): Promise<Doubling> {
  const [single, double] = [item.input(item.n), item.input(2 * item.n)];
  // Warm-up: the parser's wasm and V8's optimising tier.
  for (let i = 0; i < 2; i++) {
    await item.run(single);
    await item.run(double);
  }
  const singles: number[] = [];
  const doubles: number[] = [];
  for (let spent = 0; singles.length < minimumRuns || spent < budgetMs;) {
    singles.push(await cpuTime(() => item.run(single)));
    doubles.push(await cpuTime(() => item.run(double)));
    spent += singles[singles.length - 1] + doubles[doubles.length - 1];
  }
  return { single: Math.min(...singles), double: Math.min(...doubles), runs: singles.length };
}

async function main(): Promise<void> {
  await checkRuleCases();
  let worst = { name: '', ratio: 0, ms: 0 };
  // `node out/bench/bounds.js AZS107 "JSON:"` times only the cases whose names hold one of the words given.
  const chosen = process.argv.slice(2);
  for (const item of cases.filter((c) => chosen.length === 0 || chosen.some((word) => c.name.includes(word)))) {
    const { single, double, runs } = await doubling(item);
    const ratio = double / single;
    console.log(`${item.name}: ${single.toFixed(2)} ms at n = ${item.n}, ${double.toFixed(2)} ms at 2n (CPU, fastest of ${runs}): × ${ratio.toFixed(2)}`);
    if (ratio > worst.ratio) worst = { name: item.name, ratio, ms: double };
  }
  console.log(`worst: × ${worst.ratio.toFixed(2)}, ${worst.name}, ${worst.ms.toFixed(1)} ms CPU at 2n`);
  console.log(JSON.stringify({
    linear_doubling_worst: Number(worst.ratio.toFixed(2)), linear_doubling_worst_case: worst.name, linear_doubling_worst_ms: Number(worst.ms.toFixed(1)),
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
