// What each rule's quick fix writes, from findings shaped as the rules report them (code, underlined text, data): the
// exact edit and title, whether the editor prefers it and "Fix all" may apply it, and the findings that get no fix.
import * as assert from 'node:assert/strict';
import { applyEdits, fixedCounts, type FileEdit, type FixDocument, type Replacement } from '../../../src/core/fixes';
import { fixAll, fixesFor } from '../../../src/core/quickFixes';
import type { DocumentKind, Finding } from '../../../src/core/lint';
import { findingOn } from './support/findings';

const uri = 'file:///ws/script.ps1';
const sub = '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37';

const documentOf = (text: string, kind: DocumentKind = 'powershell', syntaxErrors?: boolean): FixDocument => ({ uri, text, kind, ...(syntaxErrors === undefined ? {} : { syntaxErrors }) });

/** One edit of this document replacing what `finding` underlines. */
const over = (finding: Finding, newText: string): FileEdit => ({ uri, start: finding.start, end: finding.end, newText });

describe('core/fixes: what each rule\'s fix writes', () => {
  it('AZS101 writes the expected segment over the misspelled one, safe for "Fix all"', () => {
    const text = `Get-AzResource -ResourceId "/subscriptions/${sub}/resourceGroup/azurestack"\n`;
    const finding = findingOn(text, 'AZS101', 'resourceGroup', { replacement: 'resourceGroups' });
    assert.deepEqual(fixesFor(documentOf(text), finding), [{
      title: { en: 'Correct the segment to "resourceGroups"', sv: 'Rätta segmentet till "resourceGroups"' },
      edits: [over(finding, 'resourceGroups')], preferred: true, safe: true,
    }]);
  });

  it('AZS103 offers the declared registration name, preferred but not safe (the author may mean another)', () => {
    const text = '$name = \'hub(east).2_payg\'\n';
    const finding = findingOn(text, 'AZS103', 'hub(east).2_payg', { replacement: 'hub(west).1_payg' });
    assert.deepEqual(fixesFor(documentOf(text), finding), [{
      title: { en: 'Use the declared "hub(west).1_payg"', sv: 'Använd den deklarerade "hub(west).1_payg"' },
      edits: [over(finding, 'hub(west).1_payg')], preferred: true, safe: false,
    }]);
  });

  it('AZS201 and AZS202 write the tidied GUID; AZS202 with no GUID to make of the value offers nothing', () => {
    const text = 'New-AzResource -ResourceId "$registration/customerSubscriptions/{31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8}"\n';
    for (const code of ['AZS201', 'AZS202']) {
      const finding = findingOn(text, code, '{31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8}', { replacement: '31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8' });
      assert.deepEqual(fixesFor(documentOf(text), finding), [{
        title: { en: 'Fix the GUID: 31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8', sv: 'Rätta GUID:t: 31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8' },
        edits: [over(finding, '31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8')], preferred: true, safe: true,
      }], code);
    }
    assert.deepEqual(fixesFor(documentOf(text), findingOn(text, 'AZS202', '{31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8}')), []);
  });

  it('AZS402 writes the Az cmdlet or module name, safe', () => {
    const text = 'Import-Module AzureRM.Resources\nLogin-AzureRmAccount\n';
    const module = findingOn(text, 'AZS402', 'AzureRM.Resources', { replacement: 'Az.Resources' });
    const cmdlet = findingOn(text, 'AZS402', 'Login-AzureRmAccount', { replacement: 'Connect-AzAccount' });
    assert.deepEqual(fixesFor(documentOf(text), module), [{ title: { en: 'Use Az.Resources', sv: 'Använd Az.Resources' }, edits: [over(module, 'Az.Resources')], preferred: true, safe: true }]);
    assert.deepEqual(fixesFor(documentOf(text), cmdlet), [{ title: { en: 'Use Connect-AzAccount', sv: 'Använd Connect-AzAccount' }, edits: [over(cmdlet, 'Connect-AzAccount')], preferred: true, safe: true }]);
  });

  it('offers no replacement that is missing, empty, a placeholder, or more than one name', () => {
    const text = 'Login-AzureRmAccount\n';
    for (const data of [undefined, {} as Record<string, string>, { replacement: '' }, { replacement: '<new cmdlet>' }, { replacement: 'your-registration-name' }, { replacement: 'TODO' },
      { replacement: 'Connect-AzAccount -Force' }, { replacement: 'x Connect-AzAccount' }, { replacement: 'Connect-AzAccount;' }, { replacement: 'a/b' }]) {
      for (const code of ['AZS101', 'AZS103', 'AZS201', 'AZS402']) {
        assert.deepEqual(fixesFor(documentOf(text), findingOn(text, code, 'Login-AzureRmAccount', data)), [], `${code} ${JSON.stringify(data)}`);
      }
    }
  });

  it('AZS104 adds the missing Set-AzsRegistration parameters after the command name, as a snippet, in the order given', () => {
    const text = "Set-AzsRegistration -BillingModel PayAsYouUse\n";
    const finding = findingOn(text, 'AZS104', 'Set-AzsRegistration', { missing: ['RegistrationToken', 'PrivilegedEndpointCredential', 'Unknown', 'PrivilegedEndpoint', 'RegistrationName'] });
    const end = 'Set-AzsRegistration'.length;
    assert.deepEqual(fixesFor(documentOf(text), finding), [{
      title: {
        en: 'Add -RegistrationToken, -PrivilegedEndpointCredential, -PrivilegedEndpoint, -RegistrationName',
        sv: 'Lägg till -RegistrationToken, -PrivilegedEndpointCredential, -PrivilegedEndpoint, -RegistrationName',
      },
      edits: [{
        uri, start: end, end,
        newText: ' -RegistrationToken ${4:\\$registrationToken} -PrivilegedEndpointCredential ${3:\\$cloudAdminCredential} -PrivilegedEndpoint ${2:AzS-ERCS01} -RegistrationName ${1:\\$registrationName}',
      }],
      preferred: true, snippet: true,
    }]);
    for (const data of [undefined, { missing: [] }, { missing: ['Unknown'] }]) {
      assert.deepEqual(fixesFor(documentOf(text), findingOn(text, 'AZS104', 'Set-AzsRegistration', data)), [], JSON.stringify(data));
    }
  });

  describe('AZS301 registers with PayAsYouUse through the edits its finding carries', () => {
    const text = 'New-AzResource -ResourceId $id\n';
    const declaring = 'file:///ws/register.ps1';
    const azs301 = (edits?: FileEdit[]) => findingOn(text, 'AZS301', '$id', edits ? { edits } : undefined);

    it('in another file, even where this file happens to hold the same text at those offsets', () => {
      const edits = [{ uri: declaring, start: 0, end: 3, newText: 'New' }];
      assert.deepEqual(fixesFor(documentOf(text), azs301(edits)), [{ title: { en: 'Register with PayAsYouUse', sv: 'Registrera med PayAsYouUse' }, edits, preferred: true }]);
    });

    it('when one of its edits changes something, and not when none does or there are none', () => {
      const partly = [{ uri, start: 0, end: 3, newText: 'New' }, { uri, start: 27, end: 30, newText: '$other' }];
      assert.equal(fixesFor(documentOf(text), azs301(partly)).length, 1);
      assert.deepEqual(fixesFor(documentOf(text), azs301([{ uri, start: 0, end: 3, newText: 'New' }, { uri, start: 27, end: 30, newText: '$id' }])), []);
      assert.deepEqual(fixesFor(documentOf(text), azs301([])), []);
      assert.deepEqual(fixesFor(documentOf(text), azs301()), []);
    });
  });

  describe('AZS302 adds the parameter a billing model needs, after its value and closing quote', () => {
    const fixed = (line: string, value: string) => {
      const text = `Set-AzsRegistration -RegistrationName r ${line}\n`;
      const [fix, ...more] = fixesFor(documentOf(text), findingOn(text, 'AZS302', value, { after: text.indexOf(value) + value.length }));
      assert.deepEqual(more, []);
      assert.equal(fix.preferred, true);
      assert.equal(fix.snippet, true);
      return { title: fix.title, text: applyEdits(text, fix.edits).slice('Set-AzsRegistration -RegistrationName r '.length, -1) };
    };

    it('-AgreementNumber for Capacity, however it is written', () => {
      const title = { en: 'Add -AgreementNumber', sv: 'Lägg till -AgreementNumber' };
      assert.deepEqual(fixed('-BillingModel Capacity', 'Capacity'), { title, text: '-BillingModel Capacity -AgreementNumber ${1:agreement-number}' });
      assert.deepEqual(fixed("-BillingModel 'capacity' -Force", 'capacity'), { title, text: "-BillingModel 'capacity' -AgreementNumber ${1:agreement-number} -Force" });
      assert.deepEqual(fixed('-BillingModel "CAPACITY"', 'CAPACITY'), { title, text: '-BillingModel "CAPACITY" -AgreementNumber ${1:agreement-number}' });
    });

    it('-MsAssetTag for Development, whatever else the line says', () => {
      assert.deepEqual(fixed("-BillingModel 'Development' # not Capacity", 'Development'), {
        title: { en: 'Add -MsAssetTag', sv: 'Lägg till -MsAssetTag' }, text: "-BillingModel 'Development' -MsAssetTag ${1:asset-tag} # not Capacity",
      });
    });
  });

  describe('AZS303 writes a known billing model over an unknown one', () => {
    const payAsYouUse = (finding: Finding, preferred: boolean) => ({ title: { en: 'Use PayAsYouUse', sv: 'Använd PayAsYouUse' }, edits: [over(finding, 'PayAsYouUse')], preferred });

    it('the spelling it most likely meant first, then PayAsYouUse', () => {
      const text = '-BillingModel Capasity\n';
      const finding = findingOn(text, 'AZS303', 'Capasity', { replacement: 'Capacity' });
      assert.deepEqual(fixesFor(documentOf(text), finding), [
        { title: { en: 'Use Capacity', sv: 'Använd Capacity' }, edits: [over(finding, 'Capacity')], preferred: true },
        payAsYouUse(finding, false),
      ]);
    });

    it('PayAsYouUse alone, preferred, when that is what it meant or nothing is suggested', () => {
      const text = '-BillingModel PayAsYouGo\n';
      for (const data of [{ replacement: 'PayAsYouUse' }, {}]) {
        const finding = findingOn(text, 'AZS303', 'PayAsYouGo', data);
        assert.deepEqual(fixesFor(documentOf(text), finding), [payAsYouUse(finding, true)], JSON.stringify(data));
      }
      const words = '-BillingModel Pay As.You-Go\n';
      assert.equal(fixesFor(documentOf(words), findingOn(words, 'AZS303', 'Pay As.You-Go', {})).length, 1, 'words separated by blanks are a value');
    });

    it('nothing over what a broken file shows as the value', () => {
      for (const underlined of ['{ Development', 'Development }', 'Pay\nAsYouUse', 'Pay  AsYouUse', ' Capacity']) {
        const text = `-BillingModel ${underlined}\n`;
        assert.deepEqual(fixesFor(documentOf(text), findingOn(text, 'AZS303', underlined, {})), [], JSON.stringify(underlined));
      }
    });
  });

  const version = { replacement: '2017-06-01' };

  it('AZS401 writes api-version 2017-06-01, safe, and offers nothing where it is written already', () => {
    const text = 'Get-AzResource -ResourceId $id -ApiVersion 2016-01-01\n';
    const finding = findingOn(text, 'AZS401', '2016-01-01', version);
    assert.deepEqual(fixesFor(documentOf(text), finding), [{ title: { en: 'Use api-version 2017-06-01', sv: 'Använd api-version 2017-06-01' }, edits: [over(finding, '2017-06-01')], preferred: true, safe: true }]);
    const already = 'Get-AzResource -ApiVersion 2017-06-01 -ResourceId $id\n';
    assert.deepEqual(fixesFor(documentOf(already), findingOn(already, 'AZS401', '2017-06-01', version)), []);
  });

  it('offers no fix of its own for rules that have none', () => {
    const text = 'Get-AzResource -ResourceId $id\n';
    for (const code of ['AZS102', 'AZS202', 'AZS501', 'AZS601', 'AZS701']) assert.deepEqual(fixesFor(documentOf(text), findingOn(text, code, '$id')), [], code);
  });

  it('replaces no value in JSON that does not parse, but does in PowerShell that does not', () => {
    const json = '{ "apiVersion": "2016-01-01", \n';
    const inJson = findingOn(json, 'AZS401', '2016-01-01', version);
    assert.deepEqual(fixesFor(documentOf(json, 'json', true), inJson), []);
    assert.equal(fixesFor(documentOf(json, 'json', false), inJson).length, 1);
    const script = 'Login-AzureRmAccount\n$x = (\n';
    assert.equal(fixesFor(documentOf(script, 'powershell', true), findingOn(script, 'AZS402', 'Login-AzureRmAccount', { replacement: 'Connect-AzAccount' })).length, 1);
  });
});

describe('core/fixes: the CloudDeploymentID lookup beside a rule\'s fixes', () => {
  const registration = `/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg`;
  const lookup = 'Insert CloudDeploymentID lookup';
  const titles = (text: string, finding: Finding) => fixesFor(documentOf(text), finding).map((f) => f.title.en);

  it('comes after the rule\'s own fix, on AZS101–AZS103 findings of a line naming a registration', () => {
    const text = `Remove-AzResource -ResourceId "${registration}/customerSubscriptions/$tenant" -Force\n`;
    assert.deepEqual(titles(text, findingOn(text, 'AZS103', 'hub-payg', { replacement: 'hub-pay' })), ['Use the declared "hub-pay"', lookup]);
    assert.deepEqual(titles(text, findingOn(text, 'AZS101', 'customerSubscriptions', { replacement: 'customerSubscriptions2' })), ['Correct the segment to "customerSubscriptions2"', lookup]);
    assert.deepEqual(titles(text, findingOn(text, 'AZS102', '$tenant')), [lookup]);
    for (const code of ['AZS104', 'AZS401', 'AZS501', 'AZS201']) assert.ok(!titles(text, findingOn(text, code, '$tenant')).includes(lookup), code);
  });

  it('AZS501 looks up the registration its finding names, before the operation it points at, as PowerShell text', () => {
    const text = `Connect-AzAccount\nNew-AzResource -ResourceId $a\nNew-AzResource -ResourceId $b\n`;
    const data = { name: 'hub$1', resourceGroup: 'rg`x', subscriptionId: sub, operationStart: text.indexOf('New-AzResource') };
    const [fix, ...more] = fixesFor(documentOf(text), findingOn(text, 'AZS501', '$b', data));
    assert.deepEqual(more, []);
    assert.equal(fix.title.en, lookup);
    assert.equal(fix.edits[0].start, text.indexOf('New-AzResource'));
    assert.match(fix.edits[0].newText, new RegExp(`^\\$registrationCloudId = \\(Get-AzResource -ResourceId "/subscriptions/${sub}/resourceGroups/rg\`\`x/providers/Microsoft\\.AzureStack/registrations/hub\`\\$1" -ApiVersion 2017-06-01\\)\\.Properties\\.cloudId$`, 'm'));
  });

  it('AZS501 with only a name reads the registration by name, before the finding when no operation is given', () => {
    const text = 'Connect-AzAccount\nNew-AzResource -ResourceId $a\n';
    const [fix] = fixesFor(documentOf(text), findingOn(text, 'AZS501', '$a', { name: 'hub-payg' }));
    assert.equal(fix.edits[0].start, text.indexOf('New-AzResource'));
    assert.match(fix.edits[0].newText, /^\$registrationCloudId = \(Get-AzResource -ResourceType 'Microsoft\.AzureStack\/registrations' -Name "hub-payg" -ExpandProperties\)/m);
    const grouped = fixesFor(documentOf(text), findingOn(text, 'AZS501', '$a', { name: 'hub-payg', resourceGroup: 'azurestack' }))[0];
    assert.match(grouped.edits[0].newText, /-Name "hub-payg" -ResourceGroupName "azurestack" -ExpandProperties/);
    assert.deepEqual(fixesFor(documentOf(text), findingOn(text, 'AZS501', '$a', { resourceGroup: 'azurestack' })), [], 'no name, no lookup');
    const noGroup = fixesFor(documentOf(text), findingOn(text, 'AZS501', '$a', { name: 'hub-payg', subscriptionId: sub }))[0];
    assert.match(noGroup.edits[0].newText, /-Name "hub-payg" -ExpandProperties/, 'no ID without its resource group');
  });
});

describe('core/fixes: Fix all', () => {
  const text = 'Login-AzureRmAccount\nGet-AzureRmResource -ResourceId $id -ApiVersion 2016-01-01\nSet-AzsRegistration -RegistrationName hub-pag\n';
  const azs402 = (cmdlet: string, replacement: string) => findingOn(text, 'AZS402', cmdlet, { replacement });

  it('applies the safe fixes in the order of the text, whatever the order of the findings, and says which it fixed', () => {
    const login = azs402('Login-AzureRmAccount', 'Connect-AzAccount');
    const get = azs402('Get-AzureRmResource', 'Get-AzResource');
    const version = findingOn(text, 'AZS401', '2016-01-01', { replacement: '2017-06-01' });
    const declared = findingOn(text, 'AZS103', 'hub-pag', { replacement: 'hub-payg' });
    const missing = findingOn(text, 'AZS104', 'Set-AzsRegistration', { missing: ['PrivilegedEndpoint'] });
    const result = fixAll(documentOf(text), [version, declared, get, missing, login]);
    assert.deepEqual(result.fixed, [version, get, login], 'not the declared name (a choice) nor a snippet');
    assert.deepEqual(result.edits.map((e) => e.start), [login.start, get.start, version.start]);
    assert.equal(applyEdits(text, result.edits), 'Connect-AzAccount\nGet-AzResource -ResourceId $id -ApiVersion 2017-06-01\nSet-AzsRegistration -RegistrationName hub-pag\n');
  });

  it('leaves a fix that overlaps one taken before for the next round; touching ones are both taken', () => {
    const letters = 'abcdef';
    const at = (start: number, end: number, replacement: string): Finding => ({ ...findingOn(letters, 'AZS402', letters.slice(start, end), { replacement }) });
    const run = (...findings: Finding[]) => {
      const { edits, fixed } = fixAll(documentOf(letters), findings);
      return { text: applyEdits(letters, edits), fixed: fixed.map((f) => (f.data as Replacement).replacement) };
    };
    assert.deepEqual(run(at(0, 3, 'X'), at(3, 6, 'Y')), { text: 'XY', fixed: ['X', 'Y'] });
    assert.deepEqual(run(at(3, 6, 'Y'), at(0, 3, 'X')), { text: 'XY', fixed: ['Y', 'X'] });
    assert.deepEqual(run(at(0, 4, 'X'), at(3, 6, 'Y')), { text: 'Xef', fixed: ['X'] });
    assert.deepEqual(run(at(3, 6, 'Y'), at(0, 4, 'X')), { text: 'abcY', fixed: ['Y'] });
    assert.deepEqual(run(at(1, 5, 'X'), at(2, 3, 'Y')), { text: 'aXf', fixed: ['X'] });
    assert.deepEqual(run(at(2, 3, 'Y'), at(1, 5, 'X')), { text: 'abYdef', fixed: ['Y'] });
  });

  it('counts what it fixed per rule, most first, then by code', () => {
    const codes = (...list: string[]) => fixedCounts(list.map((code) => ({ code })));
    assert.equal(codes('AZS401', 'AZS402', 'AZS402', 'AZS101', 'AZS401', 'AZS402'), '3 × AZS402, 2 × AZS401, 1 × AZS101');
    assert.equal(codes('AZS402', 'AZS201', 'AZS401', 'AZS201', 'AZS402'), '2 × AZS201, 2 × AZS402, 1 × AZS401');
    assert.equal(codes(), '');
  });

  it('applies edits given in any order, replacing and inserting', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 0, newText: '>' }, { start: 1, end: 3, newText: '' }]), '>adEf');
    assert.equal(applyEdits('abc', []), 'abc');
  });
});
