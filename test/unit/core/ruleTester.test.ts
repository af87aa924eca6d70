// The rule tester checks its own input, so that a wrong case fails loudly instead of passing quietly.
import * as assert from 'node:assert/strict';
import rule from '../../../src/core/rules/AZS402';
import { unmark } from './support/markers';
import { ruleTester } from './support/ruleTester';

describe('rule tester', () => {
  it('rejects an invalid case that expects no findings', () => {
    assert.throws(() => ruleTester(rule, { valid: [], invalid: [{ kind: 'powershell', code: 'Login-AzureRmAccount', errors: [] }] }), /expects no findings/);
  });

  it('rejects marks that do not match the expected findings, and marks in valid cases', () => {
    assert.throws(() => ruleTester(rule, { valid: [], invalid: [{ kind: 'powershell', code: 'Login-AzureRmAccount', errors: [{ message: 'x' }] }] }), /0 marks for 1 expected/);
    assert.throws(() => ruleTester(rule, { valid: [{ kind: 'powershell', code: '<!Login-AzureRmAccount!>' }], invalid: [] }), /has <!…!> marks/);
  });

  it('rejects duplicate cases', () => {
    const code = 'Connect-AzAccount';
    assert.throws(() => ruleTester(rule, { valid: [{ kind: 'powershell', code }, { name: 'again', kind: 'powershell', code }], invalid: [] }), /duplicate case/);
  });

  it('reads finding and related marks, and refuses unbalanced ones', () => {
    assert.deepEqual(unmark('a<!bc!>d<@e@>'), { text: 'abcde', findings: [{ start: 1, end: 3 }], related: [{ start: 4, end: 5 }] });
    assert.throws(() => unmark('a<!b'), /not closed/);
    assert.throws(() => unmark('a!>b'), /without its opening mark/);
  });
});
