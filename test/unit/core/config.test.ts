import * as assert from 'node:assert/strict';
import { configProblems, configuredSeverity } from '../../../src/core/config';

describe('core/config', () => {
  it('gives exact codes precedence over globs, and the last matching glob otherwise', () => {
    const config = { 'AZS4*': 'off', azs402: 'hint', '*': 'warning', 'AZS1?1': 'error' } as const;
    assert.equal(configuredSeverity('AZS402', config), 'hint');
    assert.equal(configuredSeverity('AZS401', config), 'warning');
    assert.equal(configuredSeverity('AZS101', config), 'error');
    assert.equal(configuredSeverity('AZS701', { AZS101: 'off' }), undefined);
    assert.equal(configuredSeverity('AZS701', undefined), undefined);
  });

  it('names what is wrong with a configuration', () => {
    assert.deepEqual(configProblems({ AZS402: 'off', 'AZS4*': 'hint' }), []);
    assert.deepEqual(configProblems({ AZS999: 'off', AZS101: 'fatal', AZS102: 3 }), [
      '"AZS999" names no rule (rules are AZS101…AZS701; globs such as "AZS4*" are allowed)',
      '"AZS101": "fatal" is not one of error, warning, information, hint, off',
      '"AZS102": 3 is not one of error, warning, information, hint, off',
    ]);
    assert.equal(configProblems(['AZS101']).length, 1);
    assert.equal(configProblems(null).length, 1);
  });
});
