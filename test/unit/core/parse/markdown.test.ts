// Markdown: which fenced blocks there are, how each is read (positions in the Markdown file), suppression comments in
// and before blocks, and the fixes worked out on a block.
import * as assert from 'node:assert/strict';
import { LintWorkspace, type Finding } from '../../../../src/core/lint';
import { applyEdits, suppressionFixes } from '../../../../src/core/fixes';
import { fencedBlocks, maskedText } from '../../../../src/core/parse/markdown';
import { fixAll, fixesFor } from '../../../../src/core/quickFixes';
import { LineMap } from '../../../../src/core/text';
import { customer, registrationId, subscription, tenant } from '../support/ids';
import { testWasmDir } from '../support/wasm';

const uri = 'file:///ws/runbook.md';

async function lint(text: string): Promise<Finding[]> {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
  await workspace.update(uri, text, 'markdown');
  return workspace.findings(uri);
}

/** `CODE line:column` (1-based) of each finding, and the text it underlines. */
function placed(text: string, findings: Finding[]): string[] {
  const lines = new LineMap(text);
  return findings.map((f) => {
    const at = lines.positionAt(f.start);
    return `${f.code} ${at.line + 1}:${at.character + 1} ${text.slice(f.start, f.end)}`;
  });
}

const addTenant = (customerId: string) => `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customerId}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' } -Force`;

describe('Markdown code blocks', () => {
  it('finds backtick and tilde fences, with their tags, indentation, block quotes, longer closing fences and an unclosed last block', () => {
    const text = [
      '# Title', '```PowerShell {.numbered}', 'a', '```', '', '   ~~~json', '{}', '   ~~~', '',
      '> ```bash', '> b', '> ```', '````http', '```', 'c', '`````', 'Inline ```ps1 code``` is prose.', '```sh', 'd',
    ].join('\r\n');
    const blocks = fencedBlocks(text);
    assert.deepEqual(blocks.map((b) => [b.tag, b.firstLine, b.lastLine, b.prefix, text.slice(b.start, b.end)]), [
      ['powershell', 1, 3, '', 'a\r\n'],
      ['json', 5, 7, '   ', '{}\r\n'],
      ['bash', 9, 11, '> ', '> b\r\n'],
      ['http', 12, 15, '', '```\r\nc\r\n'],
      ['sh', 17, 18, '', 'd'],
    ]);
  });

  it('blanks all but the blocks, keeping every offset and line break, and the quote marks of a quoted block', () => {
    const text = 'intro\n```ps1\n$a = 1\n```\n> ```sh\n> echo x\n> ```\n';
    const masked = maskedText(text, fencedBlocks(text));
    assert.equal(masked, '     \n      \n$a = 1\n   \n       \n  echo x\n');
    assert.equal(masked.length, text.lastIndexOf('> ```'));
  });

  it('reads tagged blocks as their language, with positions in the Markdown file; prose, inline code and untagged or text blocks stay quiet', async () => {
    const text = [
      '# Add a tenant',
      `Run \`Get-AzResource -ResourceId /subscriptions/<sub>/x\` and see the text block:`,
      '```text', `Get-AzResource -ResourceId "/subscriptions/<sub>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registratons/r"`, '```',
      '```', `Get-AzResource -ResourceId "/subscriptions/<sub>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registratons/r"`, '```',
      '1. Add it:', '', '    ```powershell', `    ${addTenant('Contoso')}`, '    ```',
      '```json', `{ "properties": { "tenantId": "not-a-guid" } }`, '```',
    ].join('\n');
    assert.deepEqual(placed(text, await lint(text)), ['AZS501 12:156 reg1', 'AZS201 12:183 Contoso', 'AZS202 15:32 not-a-guid']);
  });

  it("reads a runbook's PowerShell blocks as one script, so a variable set in one step reaches the next", async () => {
    const text = `Step 1:\n\n\`\`\`powershell\n$customer = '<customer subscription id>'\n\`\`\`\n\nStep 2:\n\n\`\`\`pwsh\n${addTenant('$customer')}\n\`\`\`\n`;
    const findings = await lint(text);
    assert.deepEqual(placed(text, findings).filter((f) => f.startsWith('AZS102')), ['AZS102 4:14 <customer subscription id>']);
    assert.deepEqual(placed(text, findings.filter((f) => f.code === 'AZS102').flatMap((f) => f.related.map((r) => ({ ...f, ...r })))), ['AZS102 10:179 $customer']);
  });

  it('reads the steps one by one when one of them does not parse, so an unclosed brace does not swallow the steps after it', async () => {
    const text = "Step 1:\n\n```powershell\n$tags = @{ owner = 'ops'\n```\n\nStep 2:\n\n```powershell\nLogin-AzureRmAccount\n```\n";
    assert.deepEqual(placed(text, await lint(text)), ['AZS402 10:1 Login-AzureRmAccount']);
  });

  it('reads each JSON block as a document of its own', async () => {
    const text = '```json\n{ "properties": { "tenantId": "a" } }\n```\n\n```json\n{ "properties": { "tenantId": "b" } }\n```\n';
    assert.deepEqual(placed(text, await lint(text)), ['AZS202 2:32 a', 'AZS202 6:32 b']);
  });

  it('applies a suppression comment inside a block to its line, a file-wide one to the block, and an HTML comment right before a block to that block', async () => {
    const api = (version: string) => `Get-AzResource -ResourceId "${registrationId}/customerSubscriptions" -ApiVersion ${version}`;
    const text = [
      '```powershell', '# azs-disable-next-line AZS401', api('2016-01-01'), api('2016-02-01'), '```',
      '```powershell', '# azs-disable AZS401', api('2016-03-01'), '```',
      '', '<!-- azs-disable AZS401 -->', '', '```powershell', api('2016-04-01'), '```',
      'Some prose.', '', '```powershell', api('2016-05-01'), '```',
    ].join('\n');
    assert.deepEqual(placed(text, await lint(text)).map((f) => f.split(' ').slice(0, 2).join(' ')), ['AZS401 4:192', 'AZS401 19:192']);
  });

  it('applies an HTML comment that no block follows to the whole file', async () => {
    const text = `<!-- azs-disable AZS201 -->\n\nIntro.\n\n\`\`\`powershell\n${addTenant('Contoso')}\n\`\`\`\n`;
    assert.deepEqual((await lint(text)).map((f) => f.code), ['AZS501']);
  });

  it('works out fixes on the block: the rule\'s fix edits inside it, a disable comment goes into the block or before its fence', async () => {
    const guid = `{${customer}}`;
    const text = `Steps:\n\n  \`\`\`powershell\n  ${addTenant(guid)}\n  \`\`\`\n`;
    const document = { uri, text, kind: 'markdown' as const };
    const finding = (await lint(text)).find((f) => f.code === 'AZS201');
    assert.ok(finding);
    const [repair] = fixesFor(document, finding);
    assert.equal(applyEdits(text, repair.edits), text.replace(guid, customer));
    assert.equal(applyEdits(text, fixAll(document, [finding]).edits), text.replace(guid, customer));
    const [line, block] = suppressionFixes(document, finding, false);
    assert.equal(applyEdits(text, line.edits), text.replace('  New-AzResource', '  # azs-disable-next-line AZS201\n  New-AzResource'));
    assert.equal(applyEdits(text, block.edits), text.replace('  ```powershell', '  <!-- azs-disable AZS201 -->\n  ```powershell'));
    assert.equal(block.title.en, 'Disable AZS201 for this code block');
    for (const fix of [line, block]) assert.deepEqual((await lint(applyEdits(text, fix.edits))).filter((f) => f.code === 'AZS201'), []);
  });

  it('offers no fix outside a block, and no comment line in a JSON block or a block quote', () => {
    const text = '> ```json\n> { "properties": { "tenantId": "x" } }\n> ```\n';
    const start = text.indexOf('"x"') + 1;
    const finding: Finding = { code: 'AZS202', severity: 'error', message: '', start, end: start + 1, azureError: null, related: [] };
    const fixes = suppressionFixes({ uri, text, kind: 'markdown' }, finding, true);
    assert.deepEqual(fixes.map((f) => [f.title.en, applyEdits(text, f.edits).split('\n')[0]]), [['Disable AZS202 for this code block', '> <!-- azs-disable AZS202 -->']]);
    assert.deepEqual(fixesFor({ uri, text: `Prose ${subscription}`, kind: 'markdown' }, { ...finding, start: 1, end: 2 }), []);
  });
});
