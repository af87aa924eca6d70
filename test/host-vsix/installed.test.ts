// The VSIX as a user installs it (code-server --install-extension): it activates, lints with the wasm it carries,
// and holds exactly what it should — the bundles, wasm, grammars, snippets, l10n, media and docs — and nothing else.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Workbook } from 'exceljs';
import type { PriceList } from '../../src/core/usage/prices';
import * as vscode from 'vscode';
import { extensionId, openFixture, waitFor } from '../host/helpers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const allowed = [
  /^package\.json$/, /^package\.nls(\.sv)?\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^LICENSE(\.txt)?$/,
  /^dist\/(extension|lintWorker|azure-sdk|spreadsheet)\.js$/, /^schemas\/meter-mapping\.schema\.json$/, /^dist\/(web-tree-sitter|tree-sitter-powershell)\.wasm$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/, /^snippets\/\w+\.json$/, /^l10n\/bundle\.l10n(\.sv)?\.json$/,
  /^media\/(icon\.png|activitybar\.svg)$/, /^media\/usage\/report\.(js|css)$/, /^media\/(walkthrough|screenshots)\/[\w-]+\.png$/,
  /^docs\/rules\/AZS\d{3}\.md$/, /^\.vsixmanifest$/,
];

describe('the installed VSIX', function () {
  this.timeout(60_000);

  it('is installed from the package, not loaded from the source folder', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed`);
    assert.ok(!extension.extensionPath.startsWith(join(__dirname, '..', '..', '..')), extension.extensionPath);
  });

  it('ships what it needs and nothing else', () => {
    const root = vscode.extensions.getExtension(extensionId)!.extensionPath;
    const shipped = files(root).map((file) => relative(root, file).split(sep).join('/'));
    assert.deepEqual(shipped.filter((file) => !allowed.some((pattern) => pattern.test(file))), [], 'unexpected files in the VSIX');
    for (const needed of ['dist/extension.js', 'dist/lintWorker.js', 'dist/azure-sdk.js', 'dist/tree-sitter-powershell.wasm', 'dist/web-tree-sitter.wasm', 'l10n/bundle.l10n.sv.json', 'package.nls.sv.json', 'docs/rules/AZS402.md', 'media/walkthrough/lint.png', 'media/screenshots/lint.png', 'media/usage/report.js', 'dist/spreadsheet.js', 'schemas/meter-mapping.schema.json']) {
      assert.ok(existsSync(join(root, needed)), needed);
    }
  });

  it('reads a CSP price list spreadsheet with the reader it carries', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Azure in CSP');
    sheet.addRow(['Meter Name', 'Sub-Category', 'Region', 'Unit', 'Unit Price', 'Currency']);
    sheet.addRow(['vCPU', 'Base VM', 'Azure Stack Hub', '1 Hour', 0.008, 'USD']);
    sheet.addRow(['vCPU', 'Base VM', 'West Europe', '1 Hour', 0.5, 'USD']);
    const file = join(mkdtempSync(join(tmpdir(), 'azs-vsix-')), 'csp-price-list.xlsx');
    writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const list = await vscode.commands.executeCommand<PriceList | undefined>('azureStackCsp.importPrices', vscode.Uri.file(file));
    assert.deepEqual([list?.format, list?.entries.map((e) => e.unitPrice), list?.skipped], ['cspPriceList', [0.008], { otherRegion: 1 }]);
  });

  it('activates and lints a script with the parser it carries', async () => {
    const { document } = await openFixture('retired.ps1');
    const diagnostics = await waitFor('AZS402 from the installed extension', () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => typeof d.code === 'object' && d.code.value === 'AZS402');
      return found.length > 0 && found;
    }, 30_000);
    const link = diagnostics[0].code;
    assert.ok(typeof link === 'object');
    const [command, args] = [link.target.path, JSON.parse(decodeURIComponent(link.target.query)) as string[]];
    const page = await vscode.commands.executeCommand<vscode.Uri>(command, ...args);
    assert.ok(page.fsPath.startsWith(vscode.extensions.getExtension(extensionId)!.extensionPath) && existsSync(page.fsPath), 'the rule page the diagnostic links to is in the package');
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
  });
});
