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
