import * as assert from 'node:assert/strict';
import { memberKey, sameLowerCase } from '../../../../src/core/parse/jsonSource';

describe('parse/jsonSource', () => {
  it('finds a property in any letter case, as ARM reads names, and gives its key as written', () => {
    const map = { Type: 'a', dependsOn: [], TENANTID: 'b', '\u212Aey': 'c' };
    assert.equal(memberKey(map, 'type'), 'Type');
    assert.equal(memberKey(map, 'tenantId'), 'TENANTID');
    assert.equal(memberKey(map, 'resources'), undefined); // a key of the same length that differs
    assert.equal(memberKey(map, 'key'), '\u212Aey'); // the Kelvin sign is a K in lower case
    assert.equal(memberKey(['type'], 'type'), undefined);
  });

  it('compares texts in lower case, outside ASCII too', () => {
    assert.ok(sameLowerCase('Microsoft.AzureStack/registrations', 'microsoft.azurestack/registrations'));
    assert.ok(sameLowerCase('ABC', 'abc') && sameLowerCase('abc', 'ABC'));
    assert.ok(!sameLowerCase('abd', 'abc') && !sameLowerCase('abcd', 'abc'));
    assert.ok(sameLowerCase('\u00C9t\u00E9', '\u00E9T\u00C9'));
    assert.ok(sameLowerCase('\u0130', 'i\u0307')); // İ is two characters in lower case
  });
});
