import * as assert from 'node:assert/strict';
import { parseCsv, toCsv } from '../../../src/core/csv';
import { planTenantRows, readTenantRows } from '../../../src/core/tenantsCsv';

const a = '6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13';
const b = '0b8e2c1d-4f5a-4e6b-8c7d-9e0f1a2b3c4d';
const t1 = '11111111-2222-4333-8444-555555555555';
const t2 = '99999999-8888-4777-8666-555555555555';

describe('core/csv and tenant onboarding rows', () => {
  it('reads quoted fields, CRLF, a BOM, semicolons, and keeps line numbers', () => {
    assert.deepEqual(parseCsv('\uFEFFa,"b, ""c""",d\r\n\r\n"multi\nline",x\n'), [
      { line: 1, fields: ['a', 'b, "c"', 'd'] },
      { line: 3, fields: ['multi\nline', 'x'] },
    ]);
    assert.deepEqual(parseCsv('x;y\n1;2').map((r) => r.fields), [['x', 'y'], ['1', '2']]);
  });

  it('writes fields a spreadsheet reads back and will not run as formulas', () => {
    const text = toCsv(['name', 'n'], [['=HYPERLINK("x")', 3], ['a,b', 1.5]]);
    assert.equal(text, 'name,n\r\n"\'=HYPERLINK(""x"")",3\r\n"a,b",1.5\r\n');
    assert.deepEqual(parseCsv(text).map((r) => r.fields), [['name', 'n'], ['\'=HYPERLINK("x")', '3'], ['a,b', '1.5']]);
  });

  it('skips a header, tidies GUIDs, and gives each bad row its own reason', () => {
    const rows = readTenantRows([
      'customerSubscriptionId,tenantId,label',
      `${a},${t1},Contoso`,
      `{${b.toUpperCase()}},${t2.replace(/-/g, '')}`,
      `not-a-guid,${t1}`,
      `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)},${t1}`,
      `${a},${t2},again`,
      `${b.replace('0b', '1b')}`,
    ].join('\n'));
    assert.deepEqual(rows.map((r) => [r.line, r.customerSubscriptionId, r.tenantId, r.label, r.problem?.en]), [
      [2, a, t1, 'Contoso', undefined],
      [3, b.toUpperCase(), t2, '', undefined],
      [4, 'not-a-guid', t1, '', 'The customer subscription ID is not a GUID: not-a-guid'],
      [5, '00000000-0000-0000-0000-000000000000', t1, '', 'The customer subscription ID is a placeholder: 00000000-0000-0000-0000-000000000000'],
      [6, a, t2, 'again', 'The customer subscription is already on line 2.'],
      [7, b.replace('0b', '1b'), '', '', 'The tenant (directory) ID is missing.'],
    ]);
  });

  it('refuses a row whose quote never closes and still reads every row after it', () => {
    const rows = readTenantRows([`${a},${t1},"Contoso, Ltd`, `${b},${t2},Fabrikam`, `${b.replace('0b', '2b')},${t1}`].join('\r\n'));
    assert.deepEqual(rows.map((r) => [r.line, r.customerSubscriptionId, r.label, r.problem?.en.split(';')[0]]), [
      [1, a, '"Contoso', 'A quote (") opens a field on this line and is never closed'],
      [2, b, 'Fabrikam', undefined],
      [3, b.replace('0b', '2b'), '', undefined],
    ]);
    assert.deepEqual(planTenantRows(rows, new Map()).map((r) => r.action), ['invalid', 'add', 'add']);
  });

  it('plans only what is missing, so a second run sends nothing twice, and refuses silent moves', () => {
    const rows = readTenantRows(`${a},${t1}\n${b},${t2}\n`);
    assert.deepEqual(planTenantRows(rows, new Map()).map((r) => r.action), ['add', 'add']);
    const afterFirstRun = new Map([[a.toLowerCase(), t1.toUpperCase()]]);
    assert.deepEqual(planTenantRows(rows, afterFirstRun).map((r) => r.action), ['skip', 'add']);
    const moved = planTenantRows(rows, new Map([[b.toLowerCase(), t1]]));
    assert.equal(moved[1].action, 'invalid');
    assert.match(moved[1].action === 'invalid' ? moved[1].problem.en : '', /already in the registration with tenant ID 1111/);
  });
});

describe('core/tenantsCsv: rows and plans in detail', () => {
  const upperTenant = 'c4e5f607-1829-4a3b-9c5d-6e7f8091a2b3';

  it('skips a first row only when it reads as a header, extra columns and all', () => {
    assert.deepEqual(readTenantRows(`Customer subscription,Tenant,Notes\n${a},${t1}\n`).map((r) => r.line), [2]);
    const junk = readTenantRows(`abc,def\n${a},${t1}\n`);
    assert.deepEqual(junk.map((r) => [r.line, r.problem?.en]), [[1, 'The customer subscription ID is not a GUID: abc'], [2, undefined]]);
  });

  it('keeps a first data row whose label mentions a customer or tenant, even with blanks around its GUIDs', () => {
    const rows = readTenantRows(` ${a} , ${t1} , Contoso customer tenant \n`);
    assert.deepEqual(rows.map((r) => [r.line, r.customerSubscriptionId, r.tenantId, r.label, r.problem]), [[1, a, t1, 'Contoso customer tenant', undefined]]);
  });

  it('trims what it reports, and takes a blank field as missing', () => {
    const rows = readTenantRows(`${a},${t1}\n  not-a-guid  ,${t1}\n${b},   \n`);
    assert.deepEqual(rows.map((r) => [r.customerSubscriptionId, r.tenantId, r.problem?.en]), [
      [a, t1, undefined], ['not-a-guid', t1, 'The customer subscription ID is not a GUID: not-a-guid'], [b, '', 'The tenant (directory) ID is missing.'],
    ]);
  });

  it('plans invalid rows as invalid, with their own problem', () => {
    const plan = planTenantRows(readTenantRows(`not-a-guid,${t1}\n`), new Map());
    assert.deepEqual(plan.map((r) => [r.action, r.action === 'invalid' ? r.problem.en : '']), [['invalid', 'The customer subscription ID is not a GUID: not-a-guid']]);
  });

  it('skips a customer subscription that is present, with the same tenant in any case or a tenant not known', () => {
    const rows = readTenantRows(`${a},${upperTenant}\n${b},${t2}\n`);
    const plan = planTenantRows(rows, new Map<string, string | undefined>([[a.toLowerCase(), upperTenant.toUpperCase()], [b.toLowerCase(), undefined]]));
    assert.deepEqual(plan.map((r) => [r.action, r.action === 'skip' ? r.reason : '']), [['skip', 'present'], ['skip', 'present']]);
  });
});
