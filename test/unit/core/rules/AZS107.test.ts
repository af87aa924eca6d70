import * as assert from 'node:assert/strict';
import rule, { ansiReading } from '../../../../src/core/rules/AZS107';
import { ruleTester } from '../support/ruleTester';

const message = (count: number, char: string, ansi: string) => `This file has no byte order mark and holds characters outside ASCII in its code (${count} in all): Windows PowerShell 5.1 reads it in the ANSI code page, where '${char}' becomes '${ansi}'. Save it as UTF-8 with BOM, or write these characters in ASCII.`;
const also = (char: string) => `'${char}' here too.`;

describe('AZS107: what Windows PowerShell 5.1 reads', () => {
  it('reads an en dash as three characters, the last a typographic quote', () => {
    assert.equal(ansiReading('\u2013'), '\u00E2\u20AC\u201C');
  });
  it('reads a right double quote with a byte that code page 1252 leaves undefined', () => {
    assert.equal(ansiReading('\u201D'), '\u00E2\u20AC\uFFFD');
  });
  it('reads å as two letters', () => {
    assert.equal(ansiReading('å'), '\u00C3\u00A5');
  });
});

const code = 'New-AzResource \u2013ResourceId $azsTenant \u2013Force';

ruleTester(rule, {
  valid: [
    { name: 'ASCII only', kind: 'powershell', encoding: 'utf8', code: 'New-AzResource -ResourceId $azsTenant -Force' },
    { name: 'saved with a byte order mark', kind: 'powershell', encoding: 'utf8bom', code },
    { name: 'saved as UTF-16 LE, as Out-File writes', kind: 'powershell', encoding: 'utf16le', code },
    { name: 'how the file is saved is not known', kind: 'powershell', code },
    { name: 'a byte order mark character at the start of the text', kind: 'powershell', encoding: 'utf8', code: `\uFEFF${code}` },
    { name: 'non-ASCII only in comments', kind: 'powershell', encoding: 'utf8', code: '# Lägg till kunden – sedan klart\n<# “Azure Stack” #>\nGet-AzResource -ResourceType Microsoft.AzureStack/registrations' },
  ],
  invalid: [
    {
      name: 'typographic dashes as parameter dashes',
      kind: 'powershell',
      encoding: 'utf8',
      code: 'New-AzResource <!\u2013!>ResourceId $azsTenant <@\u2013@>Force',
      output: '\uFEFFNew-AzResource \u2013ResourceId $azsTenant \u2013Force',
      errors: [{
        message: message(2, '\u2013', '\u00E2\u20AC\u201C'), related: [also('\u2013')],
        data: { ascii: [{ start: 15, end: 16, text: '-' }, { start: 38, end: 39, text: '-' }] },
      }],
    },
    {
      name: 'curly quotes and a non-breaking space in a run',
      kind: 'powershell',
      encoding: 'utf8',
      code: "Get-AzResource -ResourceType <!\u2018!>Microsoft.AzureStack/registrations<@\u2019\u00A0@>-ResourceGroupName azurestack",
      output: "\uFEFFGet-AzResource -ResourceType \u2018Microsoft.AzureStack/registrations\u2019\u00A0-ResourceGroupName azurestack",
      errors: [{ message: message(3, '\u2018', '\u00E2\u20AC\u02DC'), related: [also('\u2019\u00A0')] }],
    },
    {
      name: 'a letter with no ASCII equivalent in a string: only the BOM fix',
      kind: 'powershell',
      encoding: 'utf8',
      code: "$azsName = 'Kund <!å!>rhus'\nSet-AzsRegistration -RegistrationName $azsName",
      output: "\uFEFF$azsName = 'Kund århus'\nSet-AzsRegistration -RegistrationName $azsName",
      errors: [{ message: message(1, 'å', '\u00C3\u00A5'), data: {} }],
    },
  ],
});
